/// The plausibility test of SPEC §3.8 as a pure function of payouts, cost lines and coalitions:
/// insurers test the providers' actual costs for plausibility and the NZa judges yearly per
/// insurer (004 line 272; 004 lines 2868–2869).
public enum Plausibility {
    /// The years in which costs are eligible: kasritme 2027–2029 (004 line 2900).
    public static let eligibleYears = RoundSettings.eligibleYears

    /// The two settings; 004 fixes neither, SPEC §3.8 gives the defaults.
    public struct Settings: Sendable, Equatable {
        /// The recovery an insurer may have in a year and still be judged plausible, as a share of what it paid.
        public var materiality: Percentage
        /// How far a provider's eligible cost may differ from its coalition amount before P5.
        public var deviation: Percentage

        /// The defaults: materiality 1% of paid, deviation 25%.
        public static let standard = Settings(materiality: Percentage(percent: 1), deviation: Percentage(percent: 25))

        /// Settings with these percentages.
        public init(materiality: Percentage, deviation: Percentage) {
            self.materiality = materiality
            self.deviation = deviation
        }
    }

    /// One payout to a provider; its year is the claim date's year (SPEC §3.8).
    public struct Payout: Sendable, Equatable {
        /// The application it was paid for.
        public var application: ApplicationID
        /// The provider paid.
        public var provider: AGB
        /// The paying insurer.
        public var insurer: UZOVI
        /// The claim date's year.
        public var year: Int
        /// The amount paid.
        public var amount: Money

        /// A payout in `year`.
        public init(application: ApplicationID, provider: AGB, insurer: UZOVI, year: Int, amount: Money) {
            self.application = application
            self.provider = provider
            self.insurer = insurer
            self.year = year
            self.amount = amount
        }

        /// A payout of a claim dated `date`: it counts in that date's year.
        public init(application: ApplicationID, provider: AGB, insurer: UZOVI, date: Day, amount: Money) {
            self.init(application: application, provider: provider, insurer: insurer, year: date.year, amount: amount)
        }
    }

    /// What the test needs to know of one application.
    public struct ApplicationFacts: Sendable, Equatable {
        /// The application.
        public var id: ApplicationID
        /// The coalition: each provider with its amount.
        public var coalition: [AGB: Money]
        /// Whether every milestone is paid or released (P5 waits for this).
        public var milestonesSettled: Bool

        /// The facts of one application.
        public init(id: ApplicationID, coalition: [AGB: Money], milestonesSettled: Bool) {
            self.id = id
            self.coalition = coalition
            self.milestonesSettled = milestonesSettled
        }
    }

    /// One finding P1–P6.
    public struct Finding: Sendable, Equatable {
        /// `P1` … `P6`.
        public var code: ErrorCode
        /// The application.
        public var application: ApplicationID
        /// The provider.
        public var provider: AGB
        /// The year; nil for P5, which looks at all years.
        public var year: Int?
        /// P1: the recovery; P2–P4, P6: the cost line's amount; P5: the absolute difference with the coalition amount.
        public var amount: Money
        /// The cost line, for P2–P4 and P6.
        public var lineID: String?
        /// A sentence for people.
        public var message: String
    }

    /// The outcome for one application, provider and year.
    public struct Row: Sendable, Equatable {
        /// The application.
        public var application: ApplicationID
        /// The provider.
        public var provider: AGB
        /// The year.
        public var year: Int
        /// Paid to the provider for the application in the year (all insurers).
        public var paid: Money
        /// The eligible actual cost: cost lines without P2, P3, P4 or P6.
        public var eligible: Money
        /// The cost lines that are not eligible.
        public var ineligible: Money
        /// paid − eligible when positive, else zero (P1).
        public var recovery: Money
    }

    /// The NZa's yearly judgment of one insurer (004 line 272: *bestuurlijk rechtsoordeel*).
    public struct Judgment: Sendable, Equatable {
        /// The paying insurer.
        public var insurer: UZOVI
        /// The year of the payouts.
        public var year: Int
        /// What the insurer paid in the year.
        public var paid: Money
        /// The part of `paid` that eligible actual costs cover: paid − recovery.
        public var eligible: Money
        /// The recovery attributed to this insurer (see `attribute(_:among:)`).
        public var recovery: Money
        /// The findings on what this insurer paid; the P1 amounts are this insurer's parts and add up to `recovery`.
        public var findings: [Finding]
        /// Whether the recovery stays at or below the materiality of what was paid.
        public var isPlausible: Bool

        /// `plausibel` or `niet plausibel`, as SPEC §5.3 writes it.
        public var judgment: String { isPlausible ? "plausibel" : "niet plausibel" }
    }

    /// Everything the test found.
    public struct Report: Sendable, Equatable {
        /// Per application, provider and year, sorted that way.
        public var rows: [Row]
        /// Every finding, sorted by code, application, provider, year and line.
        public var findings: [Finding]
        /// Per insurer and year, sorted by year then insurer.
        public var judgments: [Judgment]
        /// The settings used.
        public var settings: Settings

        /// Recovery per provider and year, over its applications (only positive amounts).
        public var recoveries: [ProviderYear: Money] {
            var totals: [ProviderYear: Money] = [:]
            for row in rows where row.recovery > .zero {
                totals[ProviderYear(provider: row.provider, year: row.year), default: .zero] += row.recovery
            }
            return totals
        }
    }

    /// A provider in a year.
    public struct ProviderYear: Hashable, Sendable {
        /// The provider.
        public var provider: AGB
        /// The year.
        public var year: Int
    }

    /// Runs the test. Every payout and cost line must name an application of `applications`
    /// (else `E-MISSING`); a line id given twice with other content is `P7`, with the same content
    /// it counts once.
    ///
    /// Recovery is computed per application, provider and year (SPEC §3.8: paid − eligible when
    /// positive): one transformation's extra costs never cover another's overpayment.
    ///
    /// A finding is listed in the judgments of the insurers that paid that provider for that
    /// application (when none did, the insurers that paid the application), each in the finding's
    /// year when that insurer paid then, else in the nearest year it paid (the later on a tie;
    /// P5, which has no year, in the last). A finding nobody paid for is only in `findings`.
    public static func run(payouts: [Payout], costs: [CostLine], applications: [ApplicationFacts], settings: Settings = .standard) throws(DoorbraakError) -> Report {
        var facts: [ApplicationID: ApplicationFacts] = [:]
        for a in applications { facts[a.id] = a }
        for p in payouts where facts[p.application] == nil {
            throw DoorbraakError(.missing, "a payout names application \(p.application), which is not known")
        }
        let lines = try distinctLines(costs)
        for line in lines where facts[line.application] == nil {
            throw DoorbraakError(.missing, "cost line \(line.lineID) names application \(line.application), which is not known", field: "application_id")
        }

        var findings: [Finding] = []
        var eligible: [Key: Money] = [:]
        var ineligible: [Key: Money] = [:]
        for line in lines {
            let key = Key(application: line.application, provider: line.provider, year: line.year)
            let lineFindings = costFindings(line, coalition: facts[line.application]?.coalition ?? [:])
            findings += lineFindings
            if lineFindings.isEmpty {
                eligible[key, default: .zero] += line.amount
            } else {
                ineligible[key, default: .zero] += line.amount
            }
        }

        var paid: [Key: Money] = [:]
        var paidBy: [Key: [UZOVI: Money]] = [:]
        for p in payouts {
            let key = Key(application: p.application, provider: p.provider, year: p.year)
            paid[key, default: .zero] += p.amount
            paidBy[key, default: [:]][p.insurer, default: .zero] += p.amount
        }

        // P1: only actual costs are reimbursed (004 line 267); the excess is recovered.
        var rows: [Row] = []
        for key in Set(paid.keys).union(eligible.keys).union(ineligible.keys).sorted() {
            let p = paid[key] ?? .zero
            let e = eligible[key] ?? .zero
            let recovery = p > e ? p - e : .zero
            rows.append(Row(application: key.application, provider: key.provider, year: key.year, paid: p, eligible: e, ineligible: ineligible[key] ?? .zero, recovery: recovery))
            if recovery > .zero {
                findings.append(Finding(code: .costRecovery, application: key.application, provider: key.provider, year: key.year, amount: recovery, lineID: nil,
                                        message: "paid \(p) in \(key.year) but eligible actual costs are \(e); \(recovery) is recovered"))
            }
        }

        // P5: once all milestones are settled, eligible cost over all years against the coalition amount.
        for a in applications.sorted(by: { $0.id < $1.id }) where a.milestonesSettled {
            for (provider, amount) in a.coalition.sorted(by: { $0.key < $1.key }) {
                let total = rows.filter { $0.application == a.id && $0.provider == provider }.map(\.eligible).sum()
                let difference = total > amount ? total - amount : amount - total
                if !settings.deviation.allows(difference, of: amount) {
                    findings.append(Finding(code: .costDeviation, application: a.id, provider: provider, year: nil, amount: difference, lineID: nil,
                                            message: "eligible actual costs \(total) over all years differ \(difference) from the coalition amount \(amount), more than \(settings.deviation)%; an explanation is needed"))
                }
            }
        }
        findings.sort(by: Plausibility.order)

        let judgments = judge(findings: findings, rows: rows, paidBy: paidBy, payouts: payouts, settings: settings)
        return Report(rows: rows, findings: findings, judgments: judgments, settings: settings)
    }

    /// Splits a provider's `recovery` of one year over the insurers that paid it then, pro rata
    /// to what each paid (rounded down to the cent); the cents left go to the largest payer (the
    /// lowest UZOVI code on a tie), so the parts add up exactly to `recovery`. Parts are sorted
    /// by UZOVI code; an insurer whose part is zero is still listed.
    public static func attribute(_ recovery: Money, among paid: [UZOVI: Money]) -> [(insurer: UZOVI, part: Money)] {
        let payers = paid.sorted { $0.key < $1.key }
        let total = Int128(payers.map(\.value).sum().cents)
        guard total > 0, let largest = payers.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else {
            return payers.map { ($0.key, .zero) }
        }
        var parts = payers.map { (insurer: $0.key, part: Money(cents: Int64(Int128(recovery.cents) * Int128($0.value.cents) / total))) }
        let rest = recovery - parts.map(\.part).sum()
        if let i = parts.firstIndex(where: { $0.insurer == largest.key }) { parts[i].part += rest }
        return parts
    }

    // MARK: - Internals

    struct Key: Hashable, Comparable {
        var application: ApplicationID
        var provider: AGB
        var year: Int

        static func < (a: Key, b: Key) -> Bool { (a.application, a.provider, a.year) < (b.application, b.provider, b.year) }
    }

    struct InsurerYear: Hashable, Comparable {
        var insurer: UZOVI
        var year: Int

        static func < (a: InsurerYear, b: InsurerYear) -> Bool { (a.year, a.insurer) < (b.year, b.insurer) }
    }

    /// The lines once each; the same id with other content is P7.
    static func distinctLines(_ costs: [CostLine]) throws(DoorbraakError) -> [CostLine] {
        var seen: [String: CostLine] = [:]
        var lines: [CostLine] = []
        for line in costs {
            if let stored = seen[line.lineID] {
                _ = try CostLine.isUnchanged(stored, line)
            } else {
                seen[line.lineID] = line
                lines.append(line)
            }
        }
        return lines.sorted { $0.lineID < $1.lineID }
    }

    /// P2, P3, P4 and P6 of one line, every one that applies.
    static func costFindings(_ line: CostLine, coalition: [AGB: Money]) -> [Finding] {
        var found: [Finding] = []
        func add(_ code: ErrorCode, _ message: String) {
            found.append(Finding(code: code, application: line.application, provider: line.provider, year: line.year, amount: line.amount, lineID: line.lineID, message: message))
        }
        // P2: kasritme 2027–2029 (004 line 2900).
        if !eligibleYears.contains(line.year) {
            add(.costYear, "cost line \(line.lineID) of \(line.amount) lies in \(line.year), outside \(eligibleYears.lowerBound)–\(eligibleYears.upperBound); not eligible")
        }
        // P3: "kunnen worden ingezet voor investering, maar niet voor structurele kosten" (004 line 625).
        if line.kind == .structural {
            add(.costStructural, "cost line \(line.lineID) of \(line.amount) is a structural cost; not eligible")
        }
        // P4: the Wmg does not cover buying aids (004 lines 2805–2810).
        if line.category == .hulpmiddelAanschaf {
            add(.costExcluded, "cost line \(line.lineID) of \(line.amount) buys hulpmiddelen, an excluded category; not eligible")
        }
        // P6: the money is allotted to the coalition's providers, each with its amount (004 line 2700).
        if coalition[line.provider] == nil {
            add(.costProvider, "cost line \(line.lineID) of \(line.amount) is for provider \(line.provider), which is not in the coalition of \(line.application); not eligible")
        }
        return found
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        (a.code.rawValue, a.application, a.provider, a.year ?? 0, a.lineID ?? "") < (b.code.rawValue, b.application, b.provider, b.year ?? 0, b.lineID ?? "")
    }

    /// The judgments per insurer and year, with the recovery attributed and the findings placed.
    static func judge(findings: [Finding], rows: [Row], paidBy: [Key: [UZOVI: Money]], payouts: [Payout], settings: Settings) -> [Judgment] {
        var paid: [InsurerYear: Money] = [:]
        var recovery: [InsurerYear: Money] = [:]
        var listed: [InsurerYear: [Finding]] = [:]
        for p in payouts { paid[InsurerYear(insurer: p.insurer, year: p.year), default: .zero] += p.amount }

        for finding in findings where finding.code == .costRecovery {
            guard let year = finding.year else { continue }
            let key = Key(application: finding.application, provider: finding.provider, year: year)
            for (insurer, part) in attribute(finding.amount, among: paidBy[key] ?? [:]) where part > .zero {
                let iy = InsurerYear(insurer: insurer, year: year)
                recovery[iy, default: .zero] += part
                var mine = finding
                mine.amount = part
                mine.message += "; \(insurer)'s part is \(part)"
                listed[iy, default: []].append(mine)
            }
        }

        // Which insurers paid in which years, per application and provider, and per application.
        var yearsByProvider: [ApplicationProvider: [UZOVI: Set<Int>]] = [:]
        var yearsByApplication: [ApplicationID: [UZOVI: Set<Int>]] = [:]
        for p in payouts {
            yearsByProvider[ApplicationProvider(application: p.application, provider: p.provider), default: [:]][p.insurer, default: []].insert(p.year)
            yearsByApplication[p.application, default: [:]][p.insurer, default: []].insert(p.year)
        }
        for finding in findings where finding.code != .costRecovery {
            let payers = yearsByProvider[ApplicationProvider(application: finding.application, provider: finding.provider)]
                ?? yearsByApplication[finding.application] ?? [:]
            for (insurer, years) in payers {
                guard let year = nearest(finding.year, in: years) else { continue }
                listed[InsurerYear(insurer: insurer, year: year), default: []].append(finding)
            }
        }

        return paid.keys.sorted().map { iy in
            let p = paid[iy] ?? .zero
            let r = recovery[iy] ?? .zero
            // The NZa's yearly judgment per insurer (004 line 272): plausibel within the materiality.
            return Judgment(insurer: iy.insurer, year: iy.year, paid: p, eligible: p - r, recovery: r,
                            findings: (listed[iy] ?? []).sorted(by: Plausibility.order), isPlausible: settings.materiality.allows(r, of: p))
        }
    }

    struct ApplicationProvider: Hashable {
        var application: ApplicationID
        var provider: AGB
    }

    /// `year` when in `years`, else the nearest of `years` (the later on a tie); the last for nil.
    static func nearest(_ year: Int?, in years: Set<Int>) -> Int? {
        guard let year else { return years.max() }
        return years.min { a, b in
            let (da, db) = (abs(a - year), abs(b - year))
            return da == db ? a > b : da < db
        }
    }
}
