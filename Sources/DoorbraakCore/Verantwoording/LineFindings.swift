extension Plausibility {
    /// The findings P2, P3, P4 and P6 that one cost line carries on its own, every one that
    /// applies, for a coalition of these providers. The import stores such a line (a finding is
    /// not an input error) and reports these; `run` finds the same ones. `coalition`: its
    /// providers with their coalition amounts, as `ApplicationFacts.coalition` holds them.
    public static func findings(of line: CostLine, coalition: [AGB: Money]) -> [Finding] {
        costFindings(line, coalition: coalition)
    }
}
