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
        /// The day its beschikking became final (every milestone settled), or nil while it runs:
        /// a recovery is final and P5 is judged only then.
        public var finalOn: Day?

        /// The facts of one application.
        public init(id: ApplicationID, coalition: [AGB: Money], finalOn: Day?) {
            self.id = id
            self.coalition = coalition
            self.finalOn = finalOn
        }

        /// Whether the beschikking is final.
        public var isFinal: Bool { finalOn != nil }
    }

    /// One finding P1–P6, or P8 (`CostRejection`).
    public struct Finding: Sendable, Equatable {
        /// `P1` … `P6`.
        public var code: ErrorCode
        /// The application.
        public var application: ApplicationID
        /// The provider.
        public var provider: AGB
        /// The year it is judged in: a cost line's year (P2–P4, P6, P8), the year the beschikking
        /// became final for P5 (within 2027–2029: a period closed on 2030-01-01 counts in 2029);
        /// nil for P1 over all years (in a judgment, a P1 part carries the year of its payment).
        public var year: Int?
        /// P1: the recovery (in a judgment: that insurer's part); P2–P4, P6, P8: the cost line's
        /// amount; P5: the absolute difference with the coalition amount.
        public var amount: Money
        /// The cost line, for P2–P4, P6 and P8.
        public var lineID: String?
        /// A sentence for people.
        public var message: String
        /// P1 while the beschikking runs: shown, not yet recovered nor counted in a judgment.
        public var provisional: Bool = false
        /// The insurers that paid what the finding is about, by UZOVI code: those that paid the
        /// provider for the application (when none did, those that paid the application); for P1
        /// the insurers its recovery is attributed to.
        public var insurers: [UZOVI] = []
        /// P8: the rejections of every insurer that paid the provider (who, when, the plausible part, why).
        public var rejections: [CostRejection] = []
    }

    /// Paid and accounted for one application, provider and year.
    public struct Row: Sendable, Equatable {
        /// The application.
        public var application: ApplicationID
        /// The provider.
        public var provider: AGB
        /// The year.
        public var year: Int
        /// Paid to the provider for the application in the year (all insurers).
        public var paid: Money
        /// The eligible actual cost: cost lines without P2, P3, P4, P6 or P8.
        public var eligible: Money
        /// The cost lines that are not eligible.
        public var ineligible: Money
    }

    /// P1 for one application and provider over the whole beschikking (004 line 267: only the
    /// actual costs are reimbursed; nothing in 004 matches costs to payments year by year).
    public struct Recovery: Sendable, Equatable {
        /// The application.
        public var application: ApplicationID
        /// The provider.
        public var provider: AGB
        /// Paid to the provider for the application, over all years and insurers.
        public var paid: Money
        /// Its eligible actual costs over all years.
        public var eligible: Money
        /// paid − eligible (positive).
        public var amount: Money
        /// Final when the beschikking is final; provisional while it runs.
        public var isFinal: Bool
        /// Its parts per paying insurer and year, pro rata to what each insurer paid the provider
        /// for the application in each year: no judgment holds more than was paid in it.
        public var parts: [(insurer: UZOVI, part: Money, year: Int)]

        public static func == (a: Recovery, b: Recovery) -> Bool {
            a.application == b.application && a.provider == b.provider && a.paid == b.paid && a.eligible == b.eligible && a.amount == b.amount
                && a.isFinal == b.isFinal && a.parts.map(\.insurer) == b.parts.map(\.insurer) && a.parts.map(\.part) == b.parts.map(\.part)
                && a.parts.map(\.year) == b.parts.map(\.year)
        }
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
        /// The final recoveries this judgment holds: this insurer's parts (see `attribute(_:among:)`).
        public var recovery: Money
        /// The findings on what this insurer paid; the final P1 amounts are this insurer's parts
        /// and add up to `recovery`; provisional ones are listed, not counted.
        public var findings: [Finding]
        /// Whether the recovery stays at or below the materiality of what was paid.
        public var isPlausible: Bool
        /// How many of the applications this insurer paid in the year have a beschikking that is
        /// not final yet: their recovery is provisional and counts in no judgment, so the
        /// judgment is provisional too (a newcomer's try: "plausibel" in 2027 before a single
        /// cost line was accounted).
        public var running: Int = 0

        /// `plausibel` or `niet plausibel`, as SPEC §5.3 writes it.
        public var judgment: String { isPlausible ? "plausibel" : "niet plausibel" }
        /// The judgment as a reader sees it: provisional while beschikkingen it rests on run.
        public var judgmentText: String {
            running == 0 ? judgment : "\(judgment) (provisional: \(running) beschikking\(running == 1 ? "" : "en") running)"
        }
    }

    /// Everything the test found.
    public struct Report: Sendable, Equatable {
        /// Per application, provider and year, sorted that way.
        public var rows: [Row]
        /// P1 per application and provider over all years, final or provisional, sorted that way.
        public var recoveries: [Recovery]
        /// Every finding, sorted by code, application, provider, year and line.
        public var findings: [Finding]
        /// Per insurer and year, sorted by year then insurer.
        public var judgments: [Judgment]
        /// The settings used.
        public var settings: Settings
        /// Each application's coalition amounts (`ApplicationFacts.coalition`), for `standing`.
        public var coalitions: [ApplicationID: [AGB: Money]] = [:]

        /// Where every provider of `application` stands over the whole beschikking — each member
        /// of its coalition and anyone else paid or accounting on it, by AGB: its coalition
        /// amount, paid, accounted, eligible, and what is recovered (final) or would be
        /// (provisional). A project lead's question "what have we still to account for" (a
        /// newcomer's try: only the providers with a recovery were listed).
        public func standing(of application: ApplicationID) -> [ProviderStanding] {
            var byProvider: [AGB: ProviderStanding] = [:]
            for (provider, amount) in coalitions[application] ?? [:] {
                byProvider[provider] = ProviderStanding(provider: provider, coalitionAmount: amount)
            }
            for row in rows where row.application == application {
                var standing = byProvider[row.provider] ?? ProviderStanding(provider: row.provider, coalitionAmount: nil)
                standing.paid += row.paid
                standing.eligible += row.eligible
                standing.accounted += row.eligible + row.ineligible
                byProvider[row.provider] = standing
            }
            for r in recoveries where r.application == application {
                byProvider[r.provider]?.recovery = r.amount
                byProvider[r.provider]?.recovered = r.isFinal
            }
            return byProvider.values.sorted { $0.provider < $1.provider }
        }
    }

    /// One provider of an application over the whole beschikking (`Report.standing`).
    public struct ProviderStanding: Sendable, Equatable {
        /// The provider.
        public var provider: AGB
        /// Its amount in the coalition; nil for a provider outside it (its lines are P6).
        public var coalitionAmount: Money?
        /// Paid to it, all insurers and years.
        public var paid: Money = .zero
        /// Its cost lines, eligible or not.
        public var accounted: Money = .zero
        /// Its eligible actual costs.
        public var eligible: Money = .zero
        /// Paid − eligible when positive (P1): recovered once the beschikking is final.
        public var recovery: Money = .zero
        /// The beschikking is final, so the recovery is recovered, not provisional.
        public var recovered = false
    }

    /// Runs the test. Every payout and cost line must name an application of `applications`
    /// (else `E-MISSING`); a line id given twice with other content is `P7`, with the same content
    /// it counts once.
    ///
    /// Recovery is computed per application and provider over the whole beschikking (issue 19,
    /// 004 line 267): what was paid over all years against the eligible actual costs over all
    /// years, when positive. One transformation's extra costs never cover another's overpayment;
    /// a payment in 2028 for costs made in 2027 recovers nothing. While the beschikking runs the
    /// excess is provisional; once it is final, it is recovered and attributed to the insurers that
    /// paid the provider for the application, pro rata to what each paid in each year, in the
    /// judgments of those years (so no judgment holds more than was paid in it).
    ///
    /// Any other finding names the insurers that paid that provider for that application (when
    /// none did, the insurers that paid the application) and is listed in their judgments of the
    /// finding's year (P5: the year the beschikking became final). A finding of a year in which
    /// none of them paid (a cost line of 2026, say) is only in `findings`, with its insurers.
    ///
    /// A line rejected by every insurer that paid its provider for the application
    /// (`rejections`; `lineStates`) is P8 and eligible only for the largest plausible part they
    /// gave (a line with a finding of its own is not eligible at all, and no P8 is added: the
    /// store refuses such a rejection); a rejection of a line not among `costs` is `E-MISSING`.
    public static func run(payouts: [Payout], costs: [CostLine], rejections: [CostRejection] = [], applications: [ApplicationFacts],
                           settings: Settings = .standard) throws(DoorbraakError) -> Report {
        var facts: [ApplicationID: ApplicationFacts] = [:]
        for a in applications { facts[a.id] = a }
        for p in payouts where facts[p.application] == nil {
            throw DoorbraakError(.missing, "a payout names application \(p.application), which is not known")
        }
        let lines = try distinctLines(costs)
        for line in lines where facts[line.application] == nil {
            throw DoorbraakError(.missing, "cost line \(line.lineID) names application \(line.application), which is not known", field: "application_id")
        }
        let known = Set(lines.map(\.lineID))
        if let stray = rejections.map(\.lineID).sorted().first(where: { !known.contains($0) }) {
            throw DoorbraakError(.missing, "a rejection names cost line \(stray), which is not known", field: "line_id")
        }

        var findings: [Finding] = []
        var eligible: [Key: Money] = [:]
        var ineligible: [Key: Money] = [:]
        for state in lineStates(costs: lines, rejections: rejections, coalitions: facts.mapValues(\.coalition), payers: payers(of: payouts)) {
            let key = Key(application: state.line.application, provider: state.line.provider, year: state.line.year)
            findings += state.findings
            eligible[key, default: .zero] += state.eligible
            ineligible[key, default: .zero] += state.line.amount - state.eligible
        }

        var paid: [Key: Money] = [:]
        var paidBy: [ApplicationProvider: [InsurerYear: Money]] = [:]
        for p in payouts {
            paid[Key(application: p.application, provider: p.provider, year: p.year), default: .zero] += p.amount
            paidBy[ApplicationProvider(application: p.application, provider: p.provider), default: [:]][InsurerYear(insurer: p.insurer, year: p.year), default: .zero] += p.amount
        }

        var rows: [Row] = []
        for key in Set(paid.keys).union(eligible.keys).union(ineligible.keys).sorted() {
            rows.append(Row(application: key.application, provider: key.provider, year: key.year, paid: paid[key] ?? .zero,
                            eligible: eligible[key] ?? .zero, ineligible: ineligible[key] ?? .zero))
        }

        // P1: only actual costs are reimbursed (004 line 267), over the whole beschikking.
        var recoveries: [Recovery] = []
        var totals: [ApplicationProvider: (paid: Money, eligible: Money)] = [:]
        for row in rows {
            let ap = ApplicationProvider(application: row.application, provider: row.provider)
            totals[ap] = ((totals[ap]?.paid ?? .zero) + row.paid, (totals[ap]?.eligible ?? .zero) + row.eligible)
        }
        for (ap, t) in totals.sorted(by: { ($0.key.application, $0.key.provider) < ($1.key.application, $1.key.provider) }) where t.paid > t.eligible {
            let amount = t.paid - t.eligible
            let isFinal = facts[ap.application]?.isFinal ?? false
            let parts = Money.apportion(amount, among: paidBy[ap] ?? [:]).map { (insurer: $0.key.insurer, part: $0.part, year: $0.key.year) }
            recoveries.append(Recovery(application: ap.application, provider: ap.provider, paid: t.paid, eligible: t.eligible, amount: amount, isFinal: isFinal, parts: parts))
            findings.append(Finding(code: .costRecovery, application: ap.application, provider: ap.provider, year: nil, amount: amount, lineID: nil,
                                    message: "paid \(t.paid) over all years but eligible actual costs are \(t.eligible); \(amount) \(isFinal ? "is recovered" : "would be recovered (provisional while the beschikking runs)")",
                                    provisional: !isFinal))
        }

        // P5: once all milestones are settled, eligible cost over all years against the coalition
        // amount; judged in the year the beschikking became final.
        for a in applications.sorted(by: { $0.id < $1.id }) where a.isFinal {
            let finalYear = min(max(a.finalOn?.year ?? eligibleYears.upperBound, eligibleYears.lowerBound), eligibleYears.upperBound)
            for (provider, amount) in a.coalition.sorted(by: { $0.key < $1.key }) {
                let total = totals[ApplicationProvider(application: a.id, provider: provider)]?.eligible ?? .zero
                let difference = total > amount ? total - amount : amount - total
                if !settings.deviation.allows(difference, of: amount) {
                    findings.append(Finding(code: .costDeviation, application: a.id, provider: provider, year: finalYear, amount: difference, lineID: nil,
                                            message: "eligible actual costs \(total) over all years differ \(difference) from the coalition amount \(amount), more than \(settings.deviation)%; the provider explains it to its insurers (outside doorbraak)"))
                }
            }
        }
        // Who paid what each finding is about.
        var payersOfApplication: [ApplicationID: Set<UZOVI>] = [:]
        for p in payouts { payersOfApplication[p.application, default: []].insert(p.insurer) }
        let recoveryInsurers = Dictionary(recoveries.map { (ApplicationProvider(application: $0.application, provider: $0.provider), $0.parts.map(\.insurer)) },
                                          uniquingKeysWith: { a, _ in a })
        for i in findings.indices {
            let ap = ApplicationProvider(application: findings[i].application, provider: findings[i].provider)
            if findings[i].code == .costRecovery {
                findings[i].insurers = Array(Set(recoveryInsurers[ap] ?? [])).sorted()
            } else {
                let payers = paidBy[ap].map { Set($0.keys.map(\.insurer)) } ?? payersOfApplication[findings[i].application] ?? []
                findings[i].insurers = payers.sorted()
            }
        }
        findings.sort(by: Plausibility.order)

        let judgments = judge(findings: findings, recoveries: recoveries, payouts: payouts, settings: settings,
                              final: Set(facts.values.filter(\.isFinal).map(\.id)))
        return Report(rows: rows, recoveries: recoveries, findings: findings, judgments: judgments, settings: settings,
                      coalitions: facts.mapValues(\.coalition))
    }

    /// Splits a provider's `recovery` over the insurers that paid it, pro rata to what each paid,
    /// to the cent by the largest remainder (`Money.apportion`), so the parts add up exactly to `recovery`
    /// and none exceeds what its insurer paid. Parts are sorted
    /// by UZOVI code; an insurer whose part is zero is still listed.
    public static func attribute(_ recovery: Money, among paid: [UZOVI: Money]) -> [(insurer: UZOVI, part: Money)] {
        Money.apportion(recovery, among: paid).map { (insurer: $0.key, part: $0.part) }
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
    /// `final`: the applications whose beschikking is final.
    static func judge(findings: [Finding], recoveries: [Recovery], payouts: [Payout], settings: Settings, final: Set<ApplicationID>) -> [Judgment] {
        var paid: [InsurerYear: Money] = [:]
        var recovery: [InsurerYear: Money] = [:]
        var listed: [InsurerYear: [Finding]] = [:]
        var running: [InsurerYear: Set<ApplicationID>] = [:]
        for p in payouts {
            let iy = InsurerYear(insurer: p.insurer, year: p.year)
            paid[iy, default: .zero] += p.amount
            if !final.contains(p.application) { running[iy, default: []].insert(p.application) }
        }

        // A recovery's parts per insurer and year: a final one counts in that judgment; a
        // provisional one is listed there, not counted.
        for r in recoveries {
            for (insurer, part, year) in r.parts where part > .zero {
                let iy = InsurerYear(insurer: insurer, year: year)
                if r.isFinal { recovery[iy, default: .zero] += part }
                let state = r.isFinal ? "recovered" : "provisional while the beschikking runs"
                listed[iy, default: []].append(Finding(code: .costRecovery, application: r.application, provider: r.provider, year: year, amount: part, lineID: nil,
                                                       message: "paid \(r.paid) over all years but eligible actual costs are \(r.eligible); \(insurer)'s part of the \(r.amount) excess is \(part) (\(state))",
                                                       provisional: !r.isFinal, insurers: [insurer]))
            }
        }

        // Every other finding in the judgments of its year of the insurers that paid what it is about.
        for finding in findings where finding.code != .costRecovery {
            guard let year = finding.year else { continue }
            for insurer in finding.insurers where paid[InsurerYear(insurer: insurer, year: year)] != nil {
                listed[InsurerYear(insurer: insurer, year: year), default: []].append(finding)
            }
        }

        return paid.keys.sorted().map { iy in
            let p = paid[iy] ?? .zero
            let r = recovery[iy] ?? .zero
            // The NZa's yearly judgment per insurer (004 line 272): plausibel within the materiality.
            return Judgment(insurer: iy.insurer, year: iy.year, paid: p, eligible: p - r, recovery: r,
                            findings: (listed[iy] ?? []).sorted(by: Plausibility.order), isPlausible: settings.materiality.allows(r, of: p),
                            running: running[iy]?.count ?? 0)
        }
    }

    struct ApplicationProvider: Hashable {
        var application: ApplicationID
        var provider: AGB
    }
}
