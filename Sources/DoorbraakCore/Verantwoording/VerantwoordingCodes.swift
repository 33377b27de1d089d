/// The plausibility findings of SPEC §3.8 and the input codes of cost and monitoring rows.
extension ErrorCode {
    /// P1: paid to a provider exceeds its eligible actual costs; the difference is recovered.
    public static let costRecovery = ErrorCode("P1", .refused)
    /// P2: a cost outside 2027–2029; not eligible.
    public static let costYear = ErrorCode("P2", .refused)
    /// P3: a structural cost; not eligible.
    public static let costStructural = ErrorCode("P3", .refused)
    /// P4: an excluded category (buying hulpmiddelen); not eligible.
    public static let costExcluded = ErrorCode("P4", .refused)
    /// P5: all milestones settled and a provider's eligible cost differs too much from its coalition amount.
    public static let costDeviation = ErrorCode("P5", .refused)
    /// P6: a cost line for a provider outside the coalition; not eligible.
    public static let costProvider = ErrorCode("P6", .refused)
    /// P7: the same cost line id with other content; rejected at import.
    public static let costConflict = ErrorCode("P7", .refused)
    /// P8: an insurer of the application judged the cost line not plausible (`CostRejection`); not eligible.
    public static let costRejected = ErrorCode("P8", .refused)
    /// A cost line alike in every field to a stored line under another id; rejected at import
    /// (a cost is reimbursed once, as a claim's part is paid once: `claimRepeat`).
    public static let costRepeat = ErrorCode("E-COST-REPEAT", .refused)
    /// A malformed field in a cost line.
    public static let costInput = ErrorCode("E-COST-INPUT", .badInput)
    /// A malformed field in a monitoring row.
    public static let monitoringInput = ErrorCode("E-MONITORING-INPUT", .badInput)
    /// A monitoring row names a KPI the application's plan does not have.
    public static let monitoringKPI = ErrorCode("E-MONITORING-KPI", .badInput)
    /// The same measurement (application, peildatum, kpi) with another value; rejected at import.
    public static let monitoringConflict = ErrorCode("E-MONITORING-CONFLICT", .refused)
}

/// Every field error of one input row at once, each naming its field.
public struct FieldErrors: Error, Sendable, Equatable {
    /// The errors, in column order.
    public var errors: [DoorbraakError]

    /// The errors of one row.
    public init(_ errors: [DoorbraakError]) { self.errors = errors }

    /// The field names that failed, in column order.
    public var fields: [String] { errors.compactMap(\.field) }
}

/// Collects the field errors of one row while its fields are parsed.
struct RowParser {
    let fields: [String: String]
    let code: ErrorCode
    var errors: [DoorbraakError] = []

    init(_ fields: [String: String], code: ErrorCode) {
        self.fields = fields
        self.code = code
    }

    /// The trimmed text of `name` (empty when the column is missing).
    func text(_ name: String) -> String { (fields[name] ?? "").trimmingSpaces }

    /// Parses `name` with `parse`, recording a failure under this row's code and the field name.
    mutating func field<T>(_ name: String, _ parse: (String) throws(DoorbraakError) -> T) -> T? {
        do {
            return try parse(text(name))
        } catch {
            fail(name, error.message)
            return nil
        }
    }

    /// Records a failure of `name`, under this row's code unless another is given.
    mutating func fail(_ name: String, _ message: String, code: ErrorCode? = nil) {
        errors.append(DoorbraakError(code ?? self.code, message, field: name))
    }
}

/// The refusals of the cost and monitoring imports that are not about one field's syntax.
extension ErrorCode {
    /// A cost line for an application that does not exist or has no granted beschikking: only
    /// granted transformations are paid, so only they account for costs (004 line 267).
    public static let costApplication = ErrorCode("E-COST-APPLICATION", .refused)
    /// A monitoring row for an application that does not exist or has no granted beschikking.
    public static let monitoringApplication = ErrorCode("E-MONITORING-APPLICATION", .refused)
    /// A monitoring row whose peildatum lies after today: a realised value cannot be measured ahead.
    public static let monitoringDate = ErrorCode("E-MONITORING-DATE", .refused)
}
