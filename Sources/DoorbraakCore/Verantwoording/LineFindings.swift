extension Plausibility {
    /// The findings P2, P3, P4 and P6 that one cost line carries on its own, every one that
    /// applies, for a coalition of these providers. The import stores such a line (a finding is
    /// not an input error) and reports these; `run` finds the same ones.
    public static func findings(of line: CostLine, coalition: Set<AGB>) -> [Finding] {
        var amounts: [AGB: Money] = [:]
        for agb in coalition { amounts[agb] = .zero }
        return costFindings(line, coalition: amounts)
    }
}
