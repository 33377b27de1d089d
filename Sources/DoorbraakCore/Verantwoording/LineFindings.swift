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
        /// Its findings: P2, P3, P4, P6 of its own, or P8 when an insurer rejected it.
        public var findings: [Finding]
        /// What of its amount is eligible.
        public var eligible: Money
    }

    /// Every line of `costs` with its findings and eligible amount, by line id, as `run` counts
    /// them (a line with a finding of its own is not eligible; a rejected one is for its plausible
    /// part). `coalitions`: each application's providers with their amounts.
    public static func lineStates(costs: [CostLine], rejections: [CostRejection], coalitions: [ApplicationID: [AGB: Money]]) -> [LineState] {
        var rejected: [String: CostRejection] = [:]
        for r in rejections { rejected[r.lineID] = r }
        return costs.sorted { $0.lineID < $1.lineID }.map { line in
            let own = costFindings(line, coalition: coalitions[line.application] ?? [:])
            if !own.isEmpty { return LineState(line: line, findings: own, eligible: .zero) }
            if let rejection = rejected[line.lineID] {
                return LineState(line: line, findings: [rejection.finding(of: line)], eligible: rejection.eligible(of: line))
            }
            return LineState(line: line, findings: [], eligible: line.amount)
        }
    }
}
