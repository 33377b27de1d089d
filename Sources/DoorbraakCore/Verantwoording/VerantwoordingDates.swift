/// When a cost line and a measurement may be reported (a business-date review of the twelfth
/// landing: a cost line for 2029 imported in 2027 counted as eligible and cancelled a recovery,
/// and a measurement dated 2020 — before the grant — was reported as the realised impact).
public enum VerantwoordingDates {
    /// Only costs made are accounted (004 line 267: "uitsluitend de werkelijke kosten"): a line
    /// is for a year no later than today's. Costs of the current year may be accounted in it.
    public static func checkCost(year: Int, today: Day) throws(DoorbraakError) {
        guard year <= today.year else {
            throw DoorbraakError(.costDate, "a cost line for \(year) is accounted once its costs are made, not before \(year) (today is \(today)): only actual costs are reimbursed (004 line 267)", field: "year")
        }
    }

    /// A realised value is measured on or before today, and not before the grant of the
    /// beschikking whose transformation it measures.
    public static func checkPeildatum(_ peildatum: Day, today: Day, granted: Day?) throws(DoorbraakError) {
        guard peildatum <= today else {
            throw DoorbraakError(.monitoringDate, "peildatum \(peildatum) lies after today (\(today)): a realised value cannot be measured ahead", field: "peildatum")
        }
        if let granted, peildatum < granted {
            throw DoorbraakError(.monitoringDate, "peildatum \(peildatum) lies before the grant of the beschikking on \(granted): the realised impact of the transformation is measured from the grant on", field: "peildatum")
        }
    }
}

extension ErrorCode {
    /// A cost line for a year after today's: costs not made yet.
    public static let costDate = ErrorCode("E-COST-DATE", .refused)
}
