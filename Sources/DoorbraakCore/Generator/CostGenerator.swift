/// A granted application as the cost and monitoring generator needs it.
public struct AccountedApplication: Sendable {
    /// The id.
    public var id: String
    /// The coalition: AGB code and amount, sorted by AGB.
    public var providers: [(agb: String, amount: Money)]
    /// Paid on reached claims, per provider and claim year.
    public var paid: [(provider: String, year: Int, amount: Money)]
    /// Whether every milestone is paid or released.
    public var settled: Bool
    /// The fte the application claimed to save.
    public var claimed: Fte
    /// The KPI ids of its plan (`K1`, …).
    public var kpis: [String]

    /// A granted application with what was paid to it.
    public init(id: String, providers: [(agb: String, amount: Money)], paid: [(provider: String, year: Int, amount: Money)], settled: Bool, claimed: Fte, kpis: [String]) {
        self.id = id
        self.providers = providers
        self.paid = paid
        self.settled = settled
        self.claimed = claimed
        self.kpis = kpis
    }
}

/// Generates the providers' verantwoording for granted applications (SPEC §5 `generate`): cost
/// lines that mostly cover what each provider was paid per year (a little more, as actual costs
/// usually are), topped up to about the coalition amount once every milestone is settled; now and
/// then an application with one finding P1–P6, and, when asked, one P7 conflict (the same line id
/// again with another amount). And the coalitions' monitoring: realised fte and the plan's KPIs
/// per peildatum, about one in eight applications not yet measured. The same input and seed give
/// the same lines.
public struct CostGenerator: Sendable {
    /// The header of `costs.csv`.
    public static let header = CostLine.columns.joined(separator: ",")
    /// The header of `monitoring.csv`.
    public static let monitoringHeader = Measurement.columns.joined(separator: ",")
    /// The peildata a coalition measures on (half-yearly), up to `through`.
    public static let peildata = [Day(2027, 6, 30), Day(2027, 12, 31), Day(2028, 6, 30), Day(2028, 12, 31), Day(2029, 6, 30), Day(2029, 12, 31)]

    /// The findings it plants, one per chosen application, by the code they must get.
    public enum Planted: String, Sendable, CaseIterable {
        case recovery = "P1", year = "P2", structural = "P3", excluded = "P4", deviation = "P5", provider = "P6"
    }

    private let seed: UInt64
    private let through: Day

    /// A generator for costs and measurements up to `through`.
    public init(seed: UInt64, through: Day) {
        self.seed = seed
        self.through = through
    }

    /// The cost lines (without header) of application number `index`; `conflict` adds, at the
    /// end, its first line again with another amount (P7).
    public func costLines(for app: AccountedApplication, index: Int, conflict: Bool = false) -> [String] {
        var rng = SplitMix64(seed: seed ^ 0x434F_5354_53, stream: UInt64(index))
        let planted: Planted? = rng.chance(25) ? Planted.allCases[index % Planted.allCases.count] : nil
        guard let first = app.paid.first else { return [] }
        var out: [String] = []
        var eligible: [String: Money] = [:]
        var n = 0
        func line(_ provider: String, _ year: Int, _ category: CostCategory, _ amount: Money, _ description: String, kind: CostKind = .incidental) {
            n += 1
            out.append(["KL-\(app.id)-\(n)", app.id, provider, String(year), category.rawValue, kind.rawValue, amount.description, description].joined(separator: ","))
        }
        for (i, p) in app.paid.enumerated() {
            if i == 0, planted == .recovery {
                // P1: the provider accounts for only 60% of what it was paid this year.
                line(p.provider, p.year, .personnel, Money(cents: p.amount.cents / 100 * 60), "inzet projectteam")
                eligible[p.provider, default: .zero] += Money(cents: p.amount.cents / 100 * 60)
                continue
            }
            let personnel = Money(cents: p.amount.cents / 100 * 60)
            let extra = Money(cents: p.amount.cents / 1000 * rng.int(0...30))
            line(p.provider, p.year, .personnel, personnel, "inzet projectteam en opleiding")
            line(p.provider, p.year, .material, p.amount - personnel + extra, "software en implementatie")
            eligible[p.provider, default: .zero] += p.amount + extra
        }
        let lastYear = app.paid.map(\.year).max() ?? first.year
        if app.settled {
            // Once every milestone is settled a provider's actual costs come to about its coalition amount.
            for (agb, amount) in app.providers {
                // The planted P1: this provider never accounts for what its first payment is short
                // (recovery is over the whole beschikking, so a later top-up would cover it).
                if planted == .recovery, agb == first.provider { continue }
                let target = Money(cents: amount.cents / 100 * rng.int(97...100))
                let have = eligible[agb] ?? .zero
                if have < target {
                    line(agb, lastYear, .other, target - have, "afronding en borging")
                    eligible[agb] = target
                }
            }
        }
        let small = Money(cents: max(first.amount.cents / 100 * 5, 100_00))
        switch planted {
        case .year?: line(first.provider, 2026, .personnel, small, "voorbereiding voor de start")
        case .structural?: line(first.provider, first.year, .material, small, "jaarlicentie na de projectperiode", kind: .structural)
        case .excluded?: line(first.provider, first.year, .hulpmiddelAanschaf, small, "aanschaf sensoren")
        case .deviation?:
            if app.settled, let (agb, amount) = app.providers.first {
                line(agb, lastYear, .personnel, Money(cents: amount.cents / 100 * 30 + 100_00), "extra inzet na afronding")
            } else {
                line(first.provider, 2026, .personnel, small, "voorbereiding voor de start")
            }
        case .provider?:
            let outsider = app.providers.contains { $0.agb == "99999999" } ? "99999998" : "99999999"
            line(outsider, first.year, .personnel, small, "inhuur door een niet-deelnemer")
        case .recovery?, nil: break
        }
        if conflict, let again = out.first {
            var fields = again.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let amount = (try? Money(parsing: fields[6], notation: .commaCSV)) ?? .zero
            fields[6] = (amount + Money(cents: 100_00)).description
            out.append(fields.joined(separator: ","))
        }
        return out
    }

    /// The monitoring rows (without header) of application number `index`: the realised fte on the
    /// last two peildata up to `through`, growing towards the claim, and each plan KPI on the last;
    /// none for about one in eight. `typo` adds one row whose kpi is misspelt (`ftee`).
    public func monitoringLines(for app: AccountedApplication, index: Int, typo: Bool = false) -> [String] {
        var rng = SplitMix64(seed: seed ^ 0x4D4F_4E49_54, stream: UInt64(index))
        let dates = Array(CostGenerator.peildata.filter { $0 <= through }.suffix(2))
        guard !dates.isEmpty, !rng.chance(12) else { return [] }
        var out: [String] = []
        let reach = rng.int(40...110)
        for (k, day) in dates.enumerated() {
            let share = reach * Int64(k + 1) / Int64(dates.count)
            let fte = Fte(tenths: app.claimed.tenths * share / 100)
            out.append([app.id, day.description, Measurement.fte, fte.description].joined(separator: ","))
        }
        if let last = dates.last {
            for kpi in app.kpis {
                let value = rng.int(0...1000)
                out.append([app.id, last.description, kpi, "\(value / 10).\(value % 10)"].joined(separator: ","))
            }
            if typo { out.append([app.id, last.description, "ftee", "1.0"].joined(separator: ",")) }
        }
        return out
    }
}
