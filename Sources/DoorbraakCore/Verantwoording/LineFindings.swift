extension Plausibility {
    /// The findings P2, P3, P4 and P6 that one cost line carries on its own, every one that
    /// applies, for a coalition of these providers. The import stores such a line (a finding is
    /// not an input error) and reports these; `run` finds the same ones. `coalition`: its
    /// providers with their coalition amounts, as `ApplicationFacts.coalition` holds them.
    public static func findings(of line: CostLine, coalition: [AGB: Money]) -> [Finding] {
        costFindings(line, coalition: coalition)
    }
}

extension Plausibility {
    /// One stored cost line as the plausibility test judges it (`cost list`).
    public struct LineState: Sendable, Equatable {
        /// The line.
        public var line: CostLine
        /// Its findings: P2, P3, P4, P6 of its own, or P8 once every insurer that paid its
        /// provider for the application rejected it.
        public var findings: [Finding]
        /// What of its amount is eligible.
        public var eligible: Money
        /// Rejections that do not count yet: another insurer that paid the provider has not
        /// rejected the line (`awaiting`).
        public var pending: [CostRejection] = []
        /// The insurers that paid the provider and have not rejected the line, while a rejection is pending.
        public var awaiting: [UZOVI] = []
    }

    /// Every line of `costs` with its findings and eligible amount, by line id, as `run` counts
    /// them. A line with a finding of its own is not eligible. A rejection counts once every
    /// insurer that paid the line's provider for the application (`payers`) rejected the line —
    /// the recovery it causes falls on all of them, pro rata, so no insurer alone moves another's
    /// judgment (an attacker's review: one that paid 14% turned the other's judgments to niet
    /// plausibel); the part kept eligible is then the largest plausible part any of them gave.
    /// `coalitions`: each application's providers with their amounts.
    public static func lineStates(costs: [CostLine], rejections: [CostRejection], coalitions: [ApplicationID: [AGB: Money]],
                                  payers: [ApplicationID: [AGB: Set<UZOVI>]]) -> [LineState] {
        var rejected: [String: [CostRejection]] = [:]
        for r in rejections { rejected[r.lineID, default: []].append(r) }
        return costs.sorted { $0.lineID < $1.lineID }.map { line in
            let own = costFindings(line, coalition: coalitions[line.application] ?? [:])
            if !own.isEmpty { return LineState(line: line, findings: own, eligible: .zero) }
            let given = (rejected[line.lineID] ?? []).sorted { $0.insurer < $1.insurer }
            guard !given.isEmpty else { return LineState(line: line, findings: [], eligible: line.amount) }
            let paid = payers[line.application]?[line.provider] ?? []
            guard let kept = CostRejection.kept(by: given, payers: paid) else {
                return LineState(line: line, findings: [], eligible: line.amount, pending: given, awaiting: CostRejection.awaiting(given, payers: paid))
            }
            return LineState(line: line, findings: [CostRejection.finding(of: line, by: given, keeping: kept)], eligible: kept)
        }
    }

    /// The insurers that paid each provider of each application, from `payouts`.
    public static func payers(of payouts: [Payout]) -> [ApplicationID: [AGB: Set<UZOVI>]] {
        var payers: [ApplicationID: [AGB: Set<UZOVI>]] = [:]
        for p in payouts { payers[p.application, default: [:]][p.provider, default: []].insert(p.insurer) }
        return payers
    }
}
