/// A row that is not what the audit chain bound (SPEC §3.9): added, deleted or changed outside
/// doorbraak, named by table, key and column with the value expected and the value found.
public struct RowFinding: Sendable, Equatable, CustomStringConvertible {
    /// What happened to the row.
    public enum Change: String, Sendable {
        /// A row no event bound.
        case inserted
        /// A row an event bound that is gone.
        case deleted
        /// A row whose values differ from the ones bound.
        case changed
    }
    /// The table.
    public var table: String
    /// The row's key, parts joined by " / ".
    public var key: String
    /// What happened.
    public var change: Change
    /// The column that differs (`changed` only).
    public var column: String?
    /// The value the chain bound.
    public var expected: String?
    /// The value in the table.
    public var found: String?
    /// The two values for machines (`--json`): amounts as `1250000.00`, text unquoted.
    public var expectedValue: String?
    /// See `expectedValue`.
    public var foundValue: String?
    /// The event that last bound the row, if any.
    public var seq: Int64?

    public init(table: String, key: String, change: Change, column: String? = nil, expected: String? = nil, found: String? = nil,
                expectedValue: String? = nil, foundValue: String? = nil, seq: Int64? = nil) {
        self.table = table
        self.key = key
        self.change = change
        self.column = column
        self.expected = expected
        self.found = found
        self.expectedValue = expectedValue
        self.foundValue = foundValue
        self.seq = seq
    }

    /// `table key: change …`.
    public var description: String {
        switch change {
        case .inserted: return "\(table) \(key): added outside doorbraak (no audit event recorded it)"
        case .deleted: return "\(table) \(key): deleted outside doorbraak" + (seq.map { " (bound by event \($0))" } ?? "")
        case .changed: return "\(table) \(key): \(column ?? "?") is \(found ?? "?"), the chain holds \(expected ?? "?")" + (seq.map { " (event \($0))" } ?? "")
        }
    }
}


extension DoorbraakError {
    /// `E-LEDGER` with `message`, carrying `row` (the row a check found not as the chain bound it).
    public static func ledger(_ message: String, row: RowFinding) -> DoorbraakError {
        var error = DoorbraakError(.ledger, message)
        error.row = row
        return error
    }
}
