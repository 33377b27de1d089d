/// The realised impact against the claim, the bar and the AZWA ambition (SPEC §3.8 Monitoring).
public enum Monitoring {
    /// The AZWA ambition: ~27,600 fte (004 line 398: "minimaal 40.000 personen (~27.600 fte)").
    public static let ambitionFte = Fte(tenths: 276_000)
    /// The ambition rate: 35 fte per €1 mln, in hundredths (004 lines 346, 398).
    public static let ambitionHundredthsPerMillion: Int64 = 3500

    /// What the summary needs to know of one application.
    public struct ApplicationFacts: Sendable, Equatable {
        /// The application.
        public var id: ApplicationID
        /// Its plan's theme.
        public var theme: Theme
        /// The fte it claimed to save.
        public var claimed: Fte
        /// The day its beschikking was granted: before it, it is not in the summary.
        public var grantedOn: Day
        /// What was paid out on it, each settled claim with its date.
        public var payments: [Payment]

        /// The plan's KPIs by id (`K1` …): name, unit and target, for showing the values.
        public var kpis: [String: ModelPlan.KPI] = [:]

        /// The facts of one application.
        public init(id: ApplicationID, theme: Theme, claimed: Fte, grantedOn: Day, payments: [Payment], kpis: [String: ModelPlan.KPI] = [:]) {
            self.kpis = kpis
            self.id = id
            self.theme = theme
            self.claimed = claimed
            self.grantedOn = grantedOn
            self.payments = payments
        }

        /// What was paid on it on or before `day`.
        public func paid(asOf day: Day) -> Money { payments.filter { $0.on <= day }.map(\.amount).sum() }
    }

    /// A settled claim: its amount on its date (the date `payouts` counts it in).
    public struct Payment: Sendable, Equatable {
        public var on: Day
        public var amount: Money

        public init(on: Day, amount: Money) {
            self.on = on
            self.amount = amount
        }
    }

    /// One application's realised impact.
    public struct Row: Sendable, Equatable {
        /// The application.
        public var id: ApplicationID
        /// Its theme.
        public var theme: Theme
        /// The fte claimed.
        public var claimed: Fte
        /// What was paid on or before the date.
        public var paid: Money
        /// The realised fte at the latest peildatum on or before the date; nil when not measured.
        public var realised: Fte?
        /// That peildatum.
        public var peildatum: Day?
        /// The latest value of each plan KPI on or before the date, by KPI id.
        public var kpis: [String: MeasuredValue]
        /// The plan's KPIs by id: name, unit and target.
        public var kpiNames: [String: ModelPlan.KPI] = [:]

        /// Whether a realised fte was measured by the date.
        public var isMeasured: Bool { realised != nil }
        /// Realised fte per €mln paid; nil when not measured or nothing was paid.
        public var realisedPerMillion: FtePerMillion? {
            guard let realised, paid > .zero else { return nil }
            return FtePerMillion(fte: realised, amount: paid)
        }
    }

    /// Claimed and realised over a group of applications.
    public struct Totals: Sendable, Equatable {
        /// The fte claimed by all of them.
        public var claimed: Fte
        /// The fte realised by the measured ones (an unmeasured one adds nothing).
        public var realised: Fte
        /// What was paid to all of them.
        public var paid: Money
        /// What was paid to the measured ones: the realised rate is over these only.
        public var measuredPaid: Money = .zero
        /// The fte claimed by the measured ones: the realised share of claimed is over these only.
        public var measuredClaimed = Fte(tenths: 0)
        /// How many were measured.
        public var measured: Int
        /// How many were not.
        public var unmeasured: Int

        /// No applications.
        public static let empty = Totals(claimed: Fte(tenths: 0), realised: Fte(tenths: 0), paid: .zero, measured: 0, unmeasured: 0)

        /// Realised fte per €mln paid, over the measured applications only (an unmeasured one has
        /// been paid but shows no fte yet), exact; nil when nothing was paid to a measured one.
        public var realisedPerMillion: FtePerMillion? {
            measuredPaid > .zero ? FtePerMillion(fte: realised, amount: measuredPaid) : nil
        }

        /// Whether the realised fte per €mln paid reaches `bar`; nil when nothing was paid.
        public func reaches(_ bar: ImpactBar) -> Bool? { realisedPerMillion?.reaches(hundredths: bar.hundredths) }

        /// Whether the realised fte per €mln paid reaches the AZWA rate of 35; nil when nothing was paid.
        public var reachesAmbitionRate: Bool? { realisedPerMillion?.reaches(hundredths: Monitoring.ambitionHundredthsPerMillion) }

        /// The realised fte as a percentage of the ~27,600 fte ambition, `1.25` (two decimals, rounded half up; display only).
        public var ambitionPercent: String { Monitoring.percent(realised.tenths, of: Monitoring.ambitionFte.tenths) }

        /// The realised fte as a percentage of the fte the measured ones claimed, `80.00` (an
        /// unmeasured one has realised nothing yet, as for `realisedPerMillion`: a newcomer's try
        /// found the two ratios of one row over different applications); nil when none was measured.
        public var realisedPercentOfClaimed: String? {
            measuredClaimed.tenths > 0 ? Monitoring.percent(realised.tenths, of: measuredClaimed.tenths) : nil
        }

        mutating func add(_ row: Row) {
            claimed = claimed + row.claimed
            paid += row.paid
            if let r = row.realised {
                realised = realised + r
                measuredPaid += row.paid
                measuredClaimed = measuredClaimed + row.claimed
                measured += 1
            } else {
                unmeasured += 1
            }
        }
    }

    /// The totals of one theme.
    public struct ThemeTotals: Sendable, Equatable {
        /// The theme.
        public var theme: Theme
        /// Its totals.
        public var totals: Totals
    }

    /// The whole summary.
    public struct Summary: Sendable, Equatable {
        /// The date the measurements were taken up to.
        public var asOf: Day
        /// The bar the realised rate is set against.
        public var bar: ImpactBar
        /// Per application, sorted by id.
        public var rows: [Row]
        /// Per theme that has applications, in theme order.
        public var themes: [ThemeTotals]
        /// Over all applications.
        public var total: Totals
        /// The applications without a realised-fte measurement on or before `asOf`.
        public var unmeasured: [ApplicationID] { rows.filter { !$0.isMeasured }.map(\.id) }
    }

    /// Per application granted on or before `asOf`: the claimed fte, what was paid on or before
    /// `asOf` and the realised fte at the latest peildatum on or before
    /// `asOf` (a later `fte` row on the same peildatum replaces an earlier one; the import keeps
    /// one per application, peildatum and kpi), per theme and in total, set against `bar` and the
    /// AZWA ambition. Only `applications` of `theme` when one is given; measurements of other
    /// applications are ignored. All ratios stay exact fractions; only their text is rounded.
    /// `application` narrows to one (a provider's project lead looks at its own).
    public static func summarise(applications: [ApplicationFacts], measurements: [Measurement], asOf: Day, bar: ImpactBar, theme: Theme? = nil,
                                 application: ApplicationID? = nil) -> Summary {
        var latest: [ApplicationID: [String: Measurement]] = [:]
        for m in measurements where m.peildatum <= asOf {
            if let seen = latest[m.application]?[m.kpi], seen.peildatum > m.peildatum { continue }
            latest[m.application, default: [:]][m.kpi] = m
        }
        var rows: [Row] = []
        var themes: [Theme: Totals] = [:]
        var total = Totals.empty
        for a in applications.sorted(by: { $0.id < $1.id })
        where theme.map({ $0 == a.theme }) ?? true && application.map({ $0 == a.id }) ?? true && a.grantedOn <= asOf {
            let kpis = latest[a.id] ?? [:]
            let fte = kpis[Measurement.fte]
            var row = Row(id: a.id, theme: a.theme, claimed: a.claimed, paid: a.paid(asOf: asOf), realised: fte?.realisedFte, peildatum: fte?.peildatum,
                          kpis: kpis.filter { $0.key != Measurement.fte }.mapValues(\.value))
            row.kpiNames = a.kpis
            rows.append(row)
            themes[a.theme, default: .empty].add(row)
            total.add(row)
        }
        let themeTotals = Theme.allCases.compactMap { t in themes[t].map { ThemeTotals(theme: t, totals: $0) } }
        return Summary(asOf: asOf, bar: bar, rows: rows, themes: themeTotals, total: total)
    }

    /// `part / whole` as a percentage with two decimals, rounded half up (display only).
    static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "0.00" }
        let scaled = Int128(part) * 10_000
        let rounded = (scaled * 2 + Int128(whole)) / (Int128(whole) * 2)
        return DecimalText.format(Int64(rounded), decimals: 2)
    }
}
