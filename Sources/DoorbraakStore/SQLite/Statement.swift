import CSQLite
import DoorbraakCore

/// A value bound to or read from SQLite.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

/// Shorthands so call sites read `[.text(id), .money(amount)]`.
extension SQLValue {
    /// An amount as INTEGER cents.
    public static func money(_ m: Money) -> SQLValue { .integer(m.cents) }
    /// An optional string, NULL when absent.
    public static func optionalText(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
    /// An Int.
    public static func int(_ i: Int) -> SQLValue { .integer(Int64(i)) }
}

/// A prepared statement; finalized when released.
public final class Statement {
    private let stmt: OpaquePointer
    private let sql: String
    /// The connection, told when a statement fails (SQLite then undoes what it wrote, after the
    /// row capture saw it).
    private weak var owner: Database?

    /// How many parameters the statement has.
    private let parameterCount: Int

    init(_ stmt: OpaquePointer, sql: String, owner: Database?) {
        self.stmt = stmt
        self.sql = sql
        self.owner = owner
        parameterCount = Int(sqlite3_bind_parameter_count(stmt))
    }

    private var errorMessage: String { String(cString: sqlite3_errmsg(sqlite3_db_handle(stmt))) }

    deinit { sqlite3_finalize(stmt) }

    /// Resets and binds `values` to parameters 1…n.
    public func bind(_ values: [SQLValue]) throws(DoorbraakError) {
        sqlite3_reset(stmt)
        // A parameter not given this time must not keep the last call's value; when every one
        // is given, clearing them first is work thrown away (issue 21).
        if values.count < parameterCount { sqlite3_clear_bindings(stmt) }
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(stmt, index)
            case .integer(let v): rc = sqlite3_bind_int64(stmt, index, v)
            case .text(let s):
                // Bind the full UTF-8 length, so that no byte after an embedded NUL is lost; an
                // empty string is bound as "" (a nil pointer would bind NULL).
                var text = s
                rc = text.withUTF8 { buffer in
                    guard let base = buffer.baseAddress, buffer.count > 0 else { return sqlite3_bind_text(stmt, index, "", 0, csqlite_transient()) }
                    return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { sqlite3_bind_text(stmt, index, $0, Int32(buffer.count), csqlite_transient()) }
                }
            case .blob(let b):
                rc = b.withUnsafeBytes { raw in
                    sqlite3_bind_blob(stmt, index, raw.baseAddress, Int32(b.count), csqlite_transient())
                }
            }
            guard rc == SQLITE_OK else {
                throw SQLiteFailure.error(code: rc, message: errorMessage, sql: sql)
            }
        }
    }

    /// Binds a row binding's four values from their bytes and runs: the table, the key text,
    /// the event and the image (NULL for a row deleted). The row capture keeps keys and images
    /// in one buffer; this spares a String and an array per row (issue 21).
    func runBinding(table: String, key: UnsafeRawBufferPointer, seq: Int64, image: UnsafeRawBufferPointer?) throws(DoorbraakError) {
        sqlite3_reset(stmt)
        var table = table
        var rc = table.withUTF8 { t in sqlite3_bind_text(stmt, 1, UnsafeRawPointer(t.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self), Int32(t.count), csqlite_transient()) }
        if rc == SQLITE_OK {
            let base = key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            rc = sqlite3_bind_text(stmt, 2, base.assumingMemoryBound(to: CChar.self), Int32(key.count), csqlite_transient())
        }
        if rc == SQLITE_OK { rc = sqlite3_bind_int64(stmt, 3, seq) }
        if rc == SQLITE_OK {
            if let image {
                rc = sqlite3_bind_blob(stmt, 4, image.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(image.count), csqlite_transient())
            } else {
                rc = sqlite3_bind_null(stmt, 4)
            }
        }
        guard rc == SQLITE_OK else { throw SQLiteFailure.error(code: rc, message: errorMessage, sql: sql) }
        while try step() {}
        sqlite3_reset(stmt)
    }

    /// Advances; true when a row is available, false when done.
    public func step() throws(DoorbraakError) -> Bool {
        let rc = sqlite3_step(stmt)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE:
            if owner?.rowCapture?.rewrittenUnchecked != nil {
                sqlite3_reset(stmt)
                try owner?.requireRewrittenAsChecked()
            }
            return false
        default:
            let message = errorMessage
            sqlite3_reset(stmt)
            owner?.rowCapture?.statementFailed()
            throw SQLiteFailure.error(code: rc, message: message, sql: sql)
        }
    }

    /// Resets the statement so it releases its read snapshot.
    public func reset() { sqlite3_reset(stmt) }

    /// Binds and runs to completion (for repeated inserts with one prepared statement).
    public func run(_ values: [SQLValue]) throws(DoorbraakError) {
        try bind(values)
        while try step() {}
        sqlite3_reset(stmt)
    }

    /// Binds and calls `body` with each row in turn, without collecting them.
    public func each(_ values: [SQLValue], _ body: (Row) throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        try bind(values)
        defer { reset() }
        while try step() { try body(Row(statement: self)) }
    }

    var handle: OpaquePointer { stmt }
}

/// The current row of a statement.
public struct Row {
    let statement: Statement

    /// Column `i` as Int64 (0 for NULL).
    public func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(statement.handle, i) }
    /// Column `i` as Int.
    public func int(_ i: Int32) -> Int { Int(int64(i)) }
    /// Column `i` as an amount in cents.
    public func money(_ i: Int32) -> Money { Money(cents: int64(i)) }
    /// Whether column `i` is NULL.
    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement.handle, i) == SQLITE_NULL }
    /// Column `i` as text ("" for NULL), every byte of it: a NUL inside the value is kept, not
    /// taken for its end (a value cut at a NUL could pass for another one).
    public func text(_ i: Int32) -> String { String(decoding: rawText(i).assumingMemoryBound(to: UInt8.self), as: UTF8.self) }
    /// Column `i` as optional text.
    public func optionalText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }
    /// Column `i` as its text's bytes, every one of them, in SQLite's buffer: valid until the
    /// statement steps or a column of this row is read as another type (empty for NULL).
    public func rawText(_ i: Int32) -> UnsafeRawBufferPointer {
        guard let c = sqlite3_column_text(statement.handle, i) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: c, count: Int(sqlite3_column_bytes(statement.handle, i)))
    }
    /// Column `i` as a blob in SQLite's buffer, as `rawText` (empty for NULL).
    public func rawBlob(_ i: Int32) -> UnsafeRawBufferPointer {
        let base = sqlite3_column_blob(statement.handle, i)
        return UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : Int(sqlite3_column_bytes(statement.handle, i)))
    }
    /// Column `i` as a raw blob (empty for NULL).
    public func bytes(_ i: Int32) -> [UInt8] { Array(rawBlob(i)) }
}

extension RowImage {
    /// The image of the current row of a statement that selects exactly the bound columns, read
    /// straight from SQLite's buffers.
    init(row r: Row, from first: Int32 = 0) {
        var builder = RowImage.Builder(capacity: 16 * Int(sqlite3_column_count(r.statement.handle)))
        builder.append(row: r, from: first)
        self = builder.image
    }
}

extension RowImage.Builder {
    /// Appends the columns of the current row from `first` on, from SQLite's buffers.
    mutating func append(row r: Row, from first: Int32 = 0) {
        let statement = r.statement.handle
        for i in first..<sqlite3_column_count(statement) { append(value: sqlite3_column_value(statement, i)) }
    }

    /// Appends one value as SQLite holds it: a column of a row read back, or a value the
    /// pre-update hook sees about to be stored — one way for both, so a row's image is the same
    /// whichever way it was taken (nil: NULL).
    mutating func append(value: OpaquePointer?) {
        guard let value else { return appendNull() }
        switch sqlite3_value_type(value) {
        case SQLITE_NULL: appendNull()
        case SQLITE_INTEGER: append(integer: sqlite3_value_int64(value))
        case SQLITE_TEXT:
            let text = sqlite3_value_text(value)
            append(bytes: UnsafeRawBufferPointer(start: text, count: text == nil ? 0 : Int(sqlite3_value_bytes(value))), isBlob: false)
        case SQLITE_BLOB:
            let blob = sqlite3_value_blob(value)
            append(bytes: UnsafeRawBufferPointer(start: blob, count: blob == nil ? 0 : Int(sqlite3_value_bytes(value))), isBlob: true)
        default:
            let text = sqlite3_value_text(value)
            append(other: String(decoding: UnsafeRawBufferPointer(start: text, count: text == nil ? 0 : Int(sqlite3_value_bytes(value))), as: UTF8.self))
        }
    }
}
