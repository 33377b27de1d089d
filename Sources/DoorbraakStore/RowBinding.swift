import CSQLite
import DoorbraakCore
#if canImport(Glibc)
import Glibc
#endif

/// A table whose rows the audit chain binds (SPEC §3.9): every table but the chain itself.
/// Read from the schema, so a table a migration adds is bound without anyone listing it.
struct BoundTable: Sendable {
    /// The table's name.
    let name: String
    /// The bound columns, in table order.
    let columns: [String]
    /// The primary key columns.
    let key: [String]
    /// The bound columns of one row, by its key parts.
    let selectByKey: String
    /// Every row as key text and bound columns, in key-text order (the order of `row_binding`).
    let selectAllByKeyText: String
    /// The rows whose first key column is `?1`, likewise.
    let selectChildrenByKeyText: String
    /// The rows whose first key column is one of the JSON array `?1`, likewise.
    let selectSomeByKeyText: String

    /// The positions of the key columns among all columns of the table (for the pre-update hook).
    let keyColumnIndexes: [Int32]
    /// The positions of the bound columns among all columns of the table (for the pre-update
    /// hook, which takes each written row's image).
    let columnIndexes: [Int32]

    /// `keyIsText`: the key is one column declared TEXT in a STRICT table, so the key text is the
    /// column's value and the column's own order (BINARY, as `row_binding` orders its keys) is
    /// key-text order: the rows are read in the order of the key's index instead of sorted afresh
    /// (issue 21: a temporary B-tree for every read of a chunk's applications or beschikkingen).
    init(name: String, columns: [String], key: [String], keyIsText: Bool = false, keyColumnIndexes: [Int32], columnIndexes: [Int32]) {
        self.name = name
        self.columns = columns
        self.key = key
        self.keyColumnIndexes = keyColumnIndexes
        self.columnIndexes = columnIndexes
        let quotedColumns = columns.map(BoundTable.quoted).joined(separator: ", ")
        let order = keyIsText && key.count == 1 ? BoundTable.quoted(key[0]) : "1"
        selectByKey = "SELECT \(quotedColumns) FROM main.\(BoundTable.quoted(name)) WHERE "
            + key.enumerated().map { "\(BoundTable.quoted($0.element)) = ?\($0.offset + 1)" }.joined(separator: " AND ")
        selectAllByKeyText = "SELECT \(BoundTable.keyExpression(key, prefix: "")) AS bound_key, \(quotedColumns) FROM main.\(BoundTable.quoted(name)) ORDER BY \(order)"
        selectChildrenByKeyText = "SELECT \(BoundTable.keyExpression(key, prefix: "")) AS bound_key, \(quotedColumns) FROM main.\(BoundTable.quoted(name)) WHERE \(BoundTable.quoted(key[0])) = ?1 ORDER BY \(order)"
        selectSomeByKeyText = "SELECT \(BoundTable.keyExpression(key, prefix: "")) AS bound_key, \(quotedColumns) FROM main.\(BoundTable.quoted(name)) WHERE \(BoundTable.quoted(key[0])) IN (SELECT value FROM json_each(?1)) ORDER BY \(order)"
    }

    /// Columns the chain does not bind through the row image, each for a reason: the chain head
    /// (checked by the chain walk itself) and the register's documents (bound by their SHA-256 in
    /// `content_sha256`, which the image holds; `audit verify` hashes every document).
    static let unboundColumns: [String: Set<String>] = ["ledger": ["audit_seq", "audit_head"], "submission": ["document"]]
    /// Tables that are the chain: the events and the bindings themselves.
    static let chainTables: Set<String> = ["audit_event", "row_binding"]

    /// The key text (`RowKey.text`) of the row `prefix` names (`NEW.`, `OLD.` or empty), in SQL.
    func keyExpression(_ prefix: String = "") -> String { BoundTable.keyExpression(key, prefix: prefix) }

    private static func keyExpression(_ key: [String], prefix: String) -> String {
        if key.count == 1 { return "CAST(\(prefix)\(quoted(key[0])) AS TEXT)" }
        return key.map { "length(CAST(\(prefix)\(quoted($0)) AS BLOB)) || ':' || CAST(\(prefix)\(quoted($0)) AS TEXT)" }.joined(separator: " || ")
    }

    /// Table names come from the schema, which `SchemaCheck` holds to doorbraak's own; quoting
    /// keeps a hostile name from reaching the SQL before that check has run.
    static func quoted(_ identifier: String) -> String { "\"" + identifier.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }

    /// The bound tables of the schema `db` holds, by name.
    static func all(in db: Database) throws(DoorbraakError) -> [BoundTable] {
        // Every table's columns in one statement (issue 21: a statement per table was prepared on
        // every open of a store that writes).
        // Which tables are STRICT, in one read of the table list (a `pragma_table_list` per table
        // in the statement below cost half as much again as the whole of it).
        var strictTables = Set<ExactText>()
        try db.each("SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 1", []) { r in strictTables.insert(ExactText(r.text(0))) }
        var columns: [(table: String, strict: Bool, info: [(name: String, pk: Int, type: String)])] = []
        try db.each("""
            SELECT m.name, p.name, p.pk, p.type FROM main.sqlite_schema m, pragma_table_info(m.name, 'main') p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.cid
            """, []) { r throws(DoorbraakError) in
            let table = r.text(0)
            if columns.last.map({ !ExactText.same($0.table, table) }) ?? true { columns.append((table, strictTables.contains(ExactText(table)), [])) }
            columns[columns.count - 1].info.append((r.text(1), r.int(2), r.text(3)))
        }
        var tables: [BoundTable] = []
        for (name, strict, info) in columns where !chainTables.contains(name) {
            let excluded = unboundColumns[name] ?? []
            let keyColumns = info.filter { $0.pk > 0 }.sorted { $0.pk < $1.pk }
            let key = keyColumns.map(\.name)
            guard !key.isEmpty, key.count <= 3 else {
                throw DoorbraakError(.schema, "table \(name) has no primary key of one to three columns, so its rows cannot be bound to the audit chain")
            }
            let bound = info.map(\.name).filter { !excluded.contains($0) }
            tables.append(BoundTable(name: name, columns: bound, key: key, keyIsText: strict && key.count == 1 && keyColumns[0].type == "TEXT",
                                     keyColumnIndexes: key.map { k in Int32(info.firstIndex { $0.name == k } ?? 0) },
                                     columnIndexes: bound.map { c in Int32(info.firstIndex { $0.name == c } ?? 0) }))
        }
        return tables
    }
}

/// The columns of a row read by a row check (`requireBoundRows`), by name: column 0 is the key
/// text, the bound columns follow in table order.
public struct BoundColumns: Sendable {
    private let index: [String: Int32]

    init(_ table: BoundTable) {
        index = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($0.element, Int32($0.offset + 1)) })
    }

    /// The position of `column` in the row.
    public func callAsFunction(_ column: String) throws(DoorbraakError) -> Int32 {
        guard let i = index[column] else { throw DoorbraakError(.internal, "no bound column \(column)") }
        return i
    }
}

/// What a row check hands over of each row that is as bound, or that the open transaction wrote
/// itself (`requireBoundRows`, `requireBoundTable`): the very bytes it compared, its columns by name.
public typealias RowReading = (BoundColumns, Row) throws(DoorbraakError) -> Void

/// Gets the key text and the image of a row found as bound, as SQLite's bytes (valid only in the call).
typealias RowKeeping = (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void

/// A text equal to another only byte for byte, as SQLite compares keys (Swift's String holds
/// canonically equivalent texts equal: "K" and the Kelvin sign U+212A).
struct ExactText: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ExactText, b: ExactText) -> Bool { same(a.text, b.text) }

    func hash(into hasher: inout Hasher) { ExactText.hash(text, into: &hasher) }

    /// Whether `a` and `b` hold the same bytes (compared as one block: a generic walk over the
    /// UTF-8 views was 4% of a claims import).
    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    /// Feeds `text`'s bytes and their count to `hasher`.
    static func hash(_ text: String, into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)
    }
}

/// The rows the open write transaction wrote, recorded by SQLite's pre-update hook as each
/// INSERT, UPDATE or DELETE happens (whoever the writer in this process), and bound to the
/// transaction's last audit event at COMMIT (`bindTouchedRows`). The hook takes each row's
/// image from the values SQLite is about to store (issue 21: a read per row at COMMIT was a
/// fifth of an import's work); the last write of a row is what it binds. A transaction binds
/// its rows every `AuditLog.bindingBatch` rows or `AuditLog.bindingBytes` bytes of images, so the
/// memory stays small whatever the rows hold.
///
/// Keys and images go into one byte buffer, each row a few positions in it, found again by a
/// table of its own hashed on the key's bytes (issue 21: a String, an image array and a
/// dictionary entry per row written were a tenth of an import's writer). A row is known by its
/// table and its key's bytes, as SQLite knows it: two keys that only read alike ("K" and the
/// Kelvin sign, which Swift's String holds equal) are two rows.
final class RowCapture {
    /// The bound tables by name, as the schema held them at `schemaVersion`.
    private(set) var tables: [String: BoundTable]
    /// SQLite's schema cookie when `tables` were read: another process may change it between
    /// two transactions (see `Database.refreshRowCapture`).
    private(set) var schemaVersion: Int64
    /// A table written that is not bound (a bug: the COMMIT is refused).
    var unbound: String?
    /// Row changes since the transaction's latest audit event was appended: a row of an import
    /// that fails while this is above zero left writes no event describes (see `Database.uncoveredWrites`).
    var sinceEvent = 0
    /// The bytes of the images taken since the last binding (a row written again counts again).
    private(set) var capturedBytes = 0
    /// Tables by the address of their name as the hook receives it (SQLite's own, stable per
    /// schema), to spare a String and two lookups by name per change.
    private var names: [UnsafeRawPointer: KnownTable] = [:]

    /// The keys and images of the rows written, one after another.
    private var bytes: [UInt8] = []
    /// The rows written, each once (its latest write).
    private var rows: [CapturedRow] = []
    /// Positions in `rows` by the hash of table and key (open addressing; -1 is empty).
    private var slots: [Int32] = []
    /// The numbers the capture gives table names, by their bytes (a row keeps its table's number), and back.
    private var tableNumbers: [ExactText: Int32] = [:]
    private var tableNames: [String] = []

    /// What `CapturedRow.image` holds for a row deleted, and for a row not seen by the hook (a
    /// row bound as read, the upgrade): read as it stands when it is bound.
    private static let deleted = -1, unread = -2

    /// One row written: its table's number, where its key and image lie in `bytes` (an image
    /// count of `deleted` or `unread` instead of an image), and the hash it is found by.
    private struct CapturedRow {
        var table: Int32
        var keyStart: Int
        var keyCount: Int
        var imageStart: Int
        var imageCount: Int
        var hash: Int
    }

    init(tables: [BoundTable], schemaVersion: Int64) {
        self.tables = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        self.schemaVersion = schemaVersion
        // Room for what a transaction keeps before it binds (`AuditLog.bindingBatch` rows,
        // `AuditLog.bindingBytes` of images and their keys), taken once: the system maps it
        // without touching it, so a command that writes little holds no more memory. Grown by
        // doubling, every step copied the buffer into new pages (issue 21: the 10,000-line costs
        // import's page faults fell from 4,799 to 4,100 without it).
        bytes.reserveCapacity(AuditLog.bindingBytes + (1 << 20))
        rows.reserveCapacity(AuditLog.bindingBatch + 1)
    }

    /// The tables of a schema SQLite read again: their columns' positions, and forgets the names
    /// it knew by address (SQLite frees them and may put another table's name at the same address).
    func reload(tables: [BoundTable], schemaVersion: Int64) {
        self.tables = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        self.schemaVersion = schemaVersion
        names.removeAll()
    }

    /// How many rows the transaction wrote (since the last binding).
    var count: Int { rows.count }

    /// The images rows were found as bound in, checked on a connection beside this writer, by
    /// table and key bytes (`expectBeforeRewrite`): the first UPDATE or DELETE of such a row in
    /// the transaction must meet exactly those bytes. The writer did not read those pages itself,
    /// so bytes edited in the file after the check would otherwise be rewritten and bound as its
    /// own (the nineteenth landing's attacker's review). Kept until the transaction ends.
    private var expected: [ExpectedRow: [UInt8]] = [:]
    /// A row whose bytes were not the ones checked when this transaction rewrote it.
    private(set) var rewrittenUnchecked: (table: String, key: String)?

    /// A row expected, by its table and key bytes.
    private struct ExpectedRow: Hashable {
        let table: String
        let key: [UInt8]
    }

    /// Expects the row of `table` with key text `key` to hold `image` when it is first rewritten.
    func expectBeforeRewrite(table: String, key: [UInt8], image: [UInt8]) {
        expected[ExpectedRow(table: table, key: key)] = image
    }

    /// Whether the row of `table` with key text `key` is still expected (`expectBeforeRewrite`):
    /// no rewrite met it under that key yet.
    func expects(table: String, key: String) -> Bool {
        !expected.isEmpty && expected[ExpectedRow(table: table, key: Array(key.utf8))] != nil
    }

    /// Forgets the expectations and the finding (a transaction began or ended).
    func clearExpectations() {
        expected.removeAll()
        rewrittenUnchecked = nil
    }

    /// The hook met a row about to be rewritten or deleted, its old key just appended at
    /// `keyStart`: when a row's image was expected, its old values must build that image.
    private func checkExpected(_ db: OpaquePointer, table name: String, _ table: BoundTable, keyStart: Int) {
        let key = ExpectedRow(table: name, key: Array(bytes[keyStart...]))
        guard let image = expected.removeValue(forKey: key) else { return }
        var old = RowImage.Builder(capacity: image.count)
        for index in table.columnIndexes {
            var value: OpaquePointer?
            _ = sqlite3_preupdate_old(db, index, &value)
            old.append(value: value)
        }
        if !image.withUnsafeBytes({ old.equals($0) }), rewrittenUnchecked == nil {
            rewrittenUnchecked = (name, String(decoding: key.key, as: UTF8.self))
        }
    }

    /// Whether the transaction wrote any row, or a row of a table that is not bound.
    var wroteRows: Bool { !rows.isEmpty || unbound != nil }

    /// Records every row of `table` as written, so the transaction's last event binds them as
    /// they stand (the upgrade, rows bound as read); returns how many.
    func touchEveryRow(of table: BoundTable, in db: Database) throws(DoorbraakError) -> Int64 {
        var count: Int64 = 0
        let number = self.number(of: table.name)
        try db.each("SELECT \(table.keyExpression()) FROM main.\(BoundTable.quoted(table.name))", []) { r in
            // The key's bytes as SQLite holds them, as the hook takes them.
            let start = bytes.count
            bytes.append(contentsOf: r.rawText(0))
            keepWithoutImage(table: number, keyStart: start, unread: true)
            count += 1
        }
        return count
    }

    /// Whether the transaction wrote the row of `table` with key text `key` (byte for byte).
    func wrote(table: String, key: String) -> Bool {
        var key = key
        return key.withUTF8 { wrote(table: table, key: UnsafeRawBufferPointer($0)) }
    }

    /// Whether the transaction wrote the row of `table` whose key text is exactly `key`'s bytes.
    func wrote(table: String, key: UnsafeRawBufferPointer) -> Bool {
        guard let number = tableNumbers[ExactText(table)], !rows.isEmpty else { return false }
        return find(table: number, key: key, hash: RowCapture.hash(number, key)) != nil
    }

    /// Set when a statement failed: SQLite undid that statement's writes after the hook took
    /// their images, so every row written is read again as it stands when it is bound.
    private(set) var readAtBinding = false

    /// A statement failed (see `readAtBinding`).
    func statementFailed() { readAtBinding = true }

    /// Forgets what was recorded (a new transaction, a rollback, a part bound).
    func reset() {
        readAtBinding = false
        capturedBytes = 0
        bytes.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        if !slots.isEmpty { for i in slots.indices { slots[i] = -1 } }
        unbound = nil
        sinceEvent = 0
    }

    /// A row as `bindTouchedRows` binds it: table, key bytes and image bytes (nil: deleted or
    /// to be read as it stands, `unread`).
    struct Binding {
        let table: String
        let key: UnsafeRawBufferPointer
        let image: UnsafeRawBufferPointer?
        let unread: Bool
    }

    /// Calls `body` with every row written, in (table, key) order byte for byte, as SQLite's
    /// BINARY collation orders `row_binding`: the tables by name, then each table's keys compared
    /// with `memcmp` in place (issue 21: a sort comparing Strings was 6% of a reviews import).
    func inKeyOrder(_ body: (Binding) throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        var byTable: [Int32: [Int]] = [:]
        for (position, row) in rows.enumerated() { byTable[row.table, default: []].append(position) }
        let order = byTable.keys.sorted { RowKey.precedes(tableNames[Int($0)], tableNames[Int($1)]) }
        // `body` writes bindings, which the hook passes over (the chain's own table): the
        // buffer does not change while it is read here.
        var failure: DoorbraakError?
        bytes.withUnsafeBytes { (all: UnsafeRawBufferPointer) in
            func key(_ row: CapturedRow) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: all[row.keyStart..<(row.keyStart + row.keyCount)]) }
            for table in order where failure == nil {
                var positions = byTable[table] ?? []
                positions.sort { RowKey.order(key(rows[$0]), key(rows[$1])) < 0 }
                let name = tableNames[Int(table)]
                for position in positions {
                    let row = rows[position]
                    let image = row.imageCount >= 0 && !readAtBinding ? UnsafeRawBufferPointer(rebasing: all[row.imageStart..<(row.imageStart + row.imageCount)]) : nil
                    do throws(DoorbraakError) {
                        try body(Binding(table: name, key: key(row), image: image, unread: readAtBinding || row.imageCount == RowCapture.unread))
                    } catch {
                        failure = error
                        break
                    }
                }
            }
        }
        if let failure { throw failure }
    }

    /// Called by the hook: records the key of the row (`old` for DELETE, `new` for INSERT, both for UPDATE).
    fileprivate func record(_ db: OpaquePointer, operation: Int32, table pointer: UnsafePointer<CChar>) {
        let known: KnownTable
        // Known by its address only while the bytes there are still its name: SQLite frees a
        // schema it reads again and may put another table's name at the same address (found by
        // an attacker's review: another process's CREATE and DROP of a table between two
        // transactions filed rows under the wrong table).
        if let found = names[UnsafeRawPointer(pointer)], found.name.withCString({ strcmp($0, pointer) == 0 }) {
            known = found
        } else {
            let name = String(cString: pointer)
            known = KnownTable(name: name, number: number(of: name), isChain: BoundTable.chainTables.contains(name), bound: tables[name])
            names[UnsafeRawPointer(pointer)] = known
        }
        if known.isChain { return }
        sinceEvent += 1
        guard let table = known.bound else {
            unbound = known.name
            return
        }
        // An UPDATE that changes the key leaves no row at the old one (keys compared by their
        // bytes: two keys that only read alike are two rows).
        var oldStart: Int?
        if operation != SQLITE_INSERT {
            oldStart = bytes.count
            appendKey(db, table, old: true)
            if !expected.isEmpty, let oldStart { checkExpected(db, table: known.name, table, keyStart: oldStart) }
        }
        if operation == SQLITE_DELETE {
            if let oldStart { keepWithoutImage(table: known.number, keyStart: oldStart, unread: false) }
            return
        }
        let newStart = bytes.count
        appendKey(db, table, old: false)
        if let oldStart {
            let oldCount = newStart - oldStart, newCount = bytes.count - newStart
            let same = oldCount == newCount && bytes.withUnsafeBytes { b in oldCount == 0 || memcmp(b.baseAddress! + oldStart, b.baseAddress! + newStart, oldCount) == 0 }
            if same {
                // One key: drop the old copy, the new one follows it.
                bytes.removeSubrange(oldStart..<newStart)
                keep(table: known.number, keyStart: oldStart, imageOf: table, db: db, rewriting: true)
            } else {
                // Two keys: the old one is bound as deleted, after the new key is moved past it.
                let newKey = Array(bytes[newStart...])
                bytes.removeSubrange(newStart...)
                keepWithoutImage(table: known.number, keyStart: oldStart, unread: false)
                let start = bytes.count
                bytes.append(contentsOf: newKey)
                keep(table: known.number, keyStart: start, imageOf: table, db: db)
            }
        } else {
            keep(table: known.number, keyStart: newStart, imageOf: table, db: db)
        }
    }

    /// A table as the hook met it: its name and number, whether it is the chain itself, and how
    /// it is bound (nil: not bound), found by the address of its name in one lookup.
    private struct KnownTable {
        let name: String
        let number: Int32
        let isChain: Bool
        let bound: BoundTable?
    }

    /// The number of table `name`, given on first sight.
    private func number(of name: String) -> Int32 {
        if let n = tableNumbers[ExactText(name)] { return n }
        let n = Int32(tableNames.count)
        tableNames.append(name)
        tableNumbers[ExactText(name)] = n
        return n
    }

    /// Keeps the row whose key was just appended at `keyStart` (the key ends the buffer), with
    /// the image of the row of `table` SQLite is about to store, read through the hook.
    /// `rewriting`: an UPDATE under the same key; a row this transaction wrote before must still
    /// hold what it wrote (`checkAsWritten`).
    private func keep(table number: Int32, keyStart: Int, imageOf table: BoundTable, db: OpaquePointer, rewriting: Bool = false) {
        var (row, existing) = row(table: number, keyStart: keyStart)
        if rewriting, existing != nil { checkAsWritten(row, of: table, db: db) }
        row.imageStart = bytes.count
        var builder = RowImage.Builder(appendingTo: &bytes)
        for index in table.columnIndexes {
            var value: OpaquePointer?
            _ = sqlite3_preupdate_new(db, index, &value)
            builder.append(value: value)
        }
        builder.finish(into: &bytes)
        row.imageCount = bytes.count - row.imageStart
        capturedBytes += row.imageCount
        store(row, at: existing)
    }

    /// The hook met `written`, a row this transaction wrote, about to be rewritten under its
    /// key: its old values must build the image the transaction wrote. Between two writes of a
    /// row in one transaction its page can be spilled to the WAL and read back from the file;
    /// bytes edited there were read as the writer's own and bound (an attacker's review of the
    /// twenty-fourth landing: an application's requested amount edited in the WAL frame between
    /// its two decisions, then approved and bound). Not after a statement failed: SQLite undid
    /// writes the capture kept (`readAtBinding`).
    private func checkAsWritten(_ written: CapturedRow, of table: BoundTable, db: OpaquePointer) {
        guard !readAtBinding, rewrittenUnchecked == nil, written.imageCount >= 0 else { return }
        var old = RowImage.Builder(capacity: written.imageCount)
        for index in table.columnIndexes {
            var value: OpaquePointer?
            _ = sqlite3_preupdate_old(db, index, &value)
            old.append(value: value)
        }
        let same = bytes.withUnsafeBytes { all in old.equals(UnsafeRawBufferPointer(rebasing: all[written.imageStart..<(written.imageStart + written.imageCount)])) }
        if !same {
            rewrittenUnchecked = (tableNames[Int(written.table)], String(decoding: bytes[written.keyStart..<(written.keyStart + written.keyCount)], as: UTF8.self))
        }
    }

    /// Keeps the row whose key was just appended at `keyStart` as deleted, or as to be read when
    /// it is bound (`unread`).
    private func keepWithoutImage(table number: Int32, keyStart: Int, unread: Bool) {
        var (row, existing) = row(table: number, keyStart: keyStart)
        row.imageCount = unread ? RowCapture.unread : RowCapture.deleted
        store(row, at: existing)
    }

    /// The row of table `number` whose key was just appended at `keyStart`: the one written
    /// before under that key (the key appended again is dropped) with its position, or a new one.
    private func row(table number: Int32, keyStart: Int) -> (CapturedRow, existing: Int?) {
        let hash = bytes.withUnsafeBytes { RowCapture.hash(number, UnsafeRawBufferPointer(rebasing: $0[keyStart...])) }
        if let existing = bytes.withUnsafeBytes({ find(table: number, key: UnsafeRawBufferPointer(rebasing: $0[keyStart...]), hash: hash) }) {
            bytes.removeSubrange(keyStart...)
            return (rows[existing], existing)
        }
        return (CapturedRow(table: number, keyStart: keyStart, keyCount: bytes.count - keyStart, imageStart: 0, imageCount: 0, hash: hash), nil)
    }

    /// Puts `row` back at `existing`, or adds it and files it under its hash.
    private func store(_ row: CapturedRow, at existing: Int?) {
        if let existing {
            rows[existing] = row
            return
        }
        if (rows.count + 1) * 2 > slots.count { grow() }
        rows.append(row)
        var slot = row.hash & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(rows.count - 1)
    }

    /// The position of the row of table `number` with `key`, if the transaction wrote it.
    private func find(table number: Int32, key: UnsafeRawBufferPointer, hash: Int) -> Int? {
        guard !slots.isEmpty else { return nil }
        var slot = hash & (slots.count - 1)
        return bytes.withUnsafeBytes { all -> Int? in
            while slots[slot] >= 0 {
                let row = rows[Int(slots[slot])]
                if row.hash == hash, row.table == number, row.keyCount == key.count,
                   key.count == 0 || memcmp(all.baseAddress! + row.keyStart, key.baseAddress!, key.count) == 0 {
                    return Int(slots[slot])
                }
                slot = (slot + 1) & (slots.count - 1)
            }
            return nil
        }
    }

    /// Twice the slots, every row filed again.
    private func grow() {
        slots = Array(repeating: -1, count: max(1024, slots.count * 2))
        for (position, row) in rows.enumerated() {
            var slot = row.hash & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(position)
        }
    }

    /// The hash a row is filed under: its table's number and its key's bytes (Swift's seeded
    /// hasher, so that keys chosen in a file cannot all fall on one slot).
    private static func hash(_ table: Int32, _ key: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(table)
        hasher.combine(bytes: key)
        return hasher.finalize()
    }

    /// Appends the key text (`RowKey.text`) of the row, written straight from SQLite's values
    /// (issue 21: a String per part, joined, for every row written).
    private func appendKey(_ db: OpaquePointer, _ table: BoundTable, old: Bool) {
        let count = table.keyColumnIndexes.count
        for index in table.keyColumnIndexes {
            var value: OpaquePointer?
            _ = old ? sqlite3_preupdate_old(db, index, &value) : sqlite3_preupdate_new(db, index, &value)
            var text = UnsafeRawBufferPointer(start: nil, count: 0)
            digits.removeAll(keepingCapacity: true)
            if let value {
                switch sqlite3_value_type(value) {
                case SQLITE_INTEGER: DecimalDigits.append(sqlite3_value_int64(value), to: &digits)
                case SQLITE_NULL: break
                default:
                    if let b = sqlite3_value_text(value) { text = UnsafeRawBufferPointer(start: b, count: Int(sqlite3_value_bytes(value))) }
                }
            }
            if digits.isEmpty {
                RowKey.append(part: text, ofKeyWith: count, to: &bytes)
            } else {
                digits.withUnsafeBytes { RowKey.append(part: $0, ofKeyWith: count, to: &bytes) }
            }
        }
    }

    /// An integer key part's digits, kept between rows.
    private var digits: [UInt8] = []
}

/// The C callback of `sqlite3_preupdate_hook`: hands the change to the connection's `RowCapture`.
private let preUpdateHook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, sqlite3_int64, sqlite3_int64) -> Void = { context, db, operation, database, table, _, _ in
    guard let context, let db, let database, let table, database[0] == 0x6D, strcmp(database, "main") == 0 else { return }
    Unmanaged<RowCapture>.fromOpaque(context).takeUnretainedValue().record(db, operation: operation, table: table)
}

extension Database {
    /// Starts recording which rows this connection writes (SQLite's pre-update hook), so that
    /// the transaction's last audit event binds them at COMMIT. One write path: no statement of
    /// this process changes a row of a bound table without its key being recorded.
    func installRowCapture() throws(DoorbraakError) {
        guard rowCapture == nil else { return }
        guard try integer("SELECT sqlite_compileoption_used('ENABLE_PREUPDATE_HOOK')") == 1 else {
            throw DoorbraakError(.database, "this SQLite library is built without the pre-update hook, which doorbraak needs to bind every row it writes to the audit chain")
        }
        let capture = RowCapture(tables: try BoundTable.all(in: self), schemaVersion: try integer("PRAGMA schema_version"))
        rowCapture = capture
        sqlite3_preupdate_hook(sqliteHandle, preUpdateHook, Unmanaged.passUnretained(capture).toOpaque())
    }

    /// At the start of a write transaction: when another process changed the schema cookie since
    /// the bound tables were read, the schema must still be doorbraak's own (`SchemaCheck`), and
    /// the tables' column positions are read again for the pre-update hook.
    func refreshRowCapture() throws(DoorbraakError) {
        guard let capture = rowCapture else { return }
        let version = try integer("PRAGMA schema_version")
        guard version != capture.schemaVersion else { return }
        try SchemaCheck.require(self, version: Int(try integer("PRAGMA user_version")))
        capture.reload(tables: try BoundTable.all(in: self), schemaVersion: version)
    }

    /// Whether rows were written since the transaction's latest audit event: a row of an import
    /// that failed while this holds wrote what no event describes, so the import must not commit.
    public var uncoveredWrites: Bool { (rowCapture?.sinceEvent ?? 0) > 0 }

    /// The image of the row of `table` with key `parts` as it is now, or nil when there is none.
    func currentImage(of table: BoundTable, parts: [SQLValue]) throws(DoorbraakError) -> RowImage? {
        try cached(table.selectByKey).rowValue(parts) { r in RowImage(row: r) }
    }

    /// The image the newest binding of this row holds; `.some(nil)` when it bound the row's
    /// deletion, nil when the chain never bound the row.
    func boundImage(table: String, key: String) throws(DoorbraakError) -> (seq: Int64, image: RowImage?)? {
        try cached("SELECT seq, image FROM row_binding WHERE tbl = ? AND key = ? ORDER BY seq DESC LIMIT 1")
            .rowValue([.text(table), .text(key)]) { r in (r.int64(0), r.isNull(1) ? nil : RowImage(bytes: r.bytes(1))) }
    }

    /// Binds every row the transaction wrote to event `seq`: one `row_binding` per row with its
    /// image (or NULL for a deleted row), in (table, key) order; returns the commitment the
    /// event's hash covers ("" when the transaction wrote no row).
    func bindTouchedRows(to seq: Int64) throws(DoorbraakError) -> String {
        guard let capture = rowCapture else { return "" }
        if let unbound = capture.unbound {
            throw DoorbraakError(.internal, "a row of table \(unbound) was written but the table is not bound to the audit chain; nothing was stored")
        }
        let insert = try cached("INSERT INTO row_binding (tbl, key, seq, image) VALUES (?, ?, ?, ?)")
        var commitment = BindingCommitment()
        // One binding, inserted and committed under the very bytes of its key and image.
        func bind(_ row: RowCapture.Binding, image: UnsafeRawBufferPointer?) throws(DoorbraakError) {
            try insert.runBinding(table: row.table, key: row.key, seq: seq, image: image)
            var table = row.table
            table.withUTF8 { commitment.add(table: UnsafeRawBufferPointer($0), key: row.key, image: image) }
        }
        try capture.inKeyOrder { row throws(DoorbraakError) in
            guard row.unread else { return try bind(row, image: row.image) }
            // Read as it stands, looked up by its key's parts as text (a key that is not valid
            // UTF-8 is found by no text: bound as deleted, and `audit verify` names the row as
            // added outside doorbraak).
            let key = String(decoding: row.key, as: UTF8.self)
            guard let table = capture.tables[row.table], let parts = RowKey.parts(key, count: table.key.count) else {
                throw DoorbraakError(.internal, "a written row of \(row.table) has a key that cannot be read back: \(key)")
            }
            guard let image = try currentImage(of: table, parts: parts.map { .text($0) })?.bytes else { return try bind(row, image: nil) }
            var failure: DoorbraakError?
            image.withUnsafeBytes { bytes in
                do throws(DoorbraakError) { try bind(row, image: bytes) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        capture.reset()
        return commitment.isEmpty ? "" : commitment.hex
    }

    /// Whether this transaction wrote the row (it is then bound at COMMIT, not yet).
    func touchedInTransaction(table: String, key: String) -> Bool {
        rowCapture?.wrote(table: table, key: key) ?? false
    }

    /// Whether the transaction wrote any row.
    func transactionWroteRows() -> Bool {
        rowCapture?.wroteRows ?? false
    }
}

extension Store {
    /// The check before money moves on a row (SPEC §3.9): the row as it is must be the row the
    /// chain last bound. A row this transaction already wrote was checked before (or created
    /// here) and passes. Throws E-LEDGER naming the table, key and differing columns.
    /// `absent`: the caller has just found no such row in this transaction (a claim id not seen
    /// before), so only its binding is looked up (issue 21: one lookup instead of two).
    /// `refusal` words the E-LEDGER for the command refusing (a view shows no figure; a money
    /// command moves no money).
    public func requireBound(_ table: String, _ parts: [SQLValue], absent: Bool = false,
                             refusal: (RowFinding) -> DoorbraakError = Store.refusal) throws(DoorbraakError) {
        let bound = try boundTable(table)
        let key = RowKey.text(parts.map(\.keyText))
        let scope = Store.rowScope(table, key: key)
        guard try needsCheck(scope) else { return }
        var passed = true
        defer { if passed { verifiedScopes.passed.insert(ExactText(scope)) } }
        let found = absent ? nil : try db.currentImage(of: bound, parts: parts)
        let binding = try db.boundImage(table: table, key: key)
        let expected = binding?.image
        if let expected, let found, expected == found { return }
        if expected == nil, found == nil { return }
        if db.touchedInTransaction(table: table, key: key) { return }
        passed = false
        let shown = RowKey.display(key, count: bound.key.count)
        let finding: RowFinding
        switch (expected, found) {
        case (.some(let e), .some(let f)):
            let d = RowImage.differences(columns: bound.columns, expected: e, found: f).first
            finding = RowFinding(table: table, key: shown, change: .changed, column: d?.column, expected: d?.expected, found: d?.found,
                                 expectedValue: d?.expectedValue, foundValue: d?.foundValue, seq: binding?.seq)
        case (.some, nil):
            finding = RowFinding(table: table, key: shown, change: .deleted, seq: binding?.seq)
        default:
            finding = RowFinding(table: table, key: shown, change: .inserted, seq: binding?.seq)
        }
        throw refusal(finding)
    }

    /// The rows of `table` whose first key column is `parent` (an application's coalition,
    /// milestones or reviews), each as the chain bound it, none added or deleted.
    public func requireBoundChildren(_ table: String, of parent: String,
                                     refusal: @escaping (RowFinding) -> DoorbraakError = Store.refusal) throws(DoorbraakError) {
        let bound = try boundTable(table)
        let scope = Store.childrenScope(table, of: parent)
        guard try needsCheck(scope) else { return }
        try compareChildren(of: parent, in: bound, refuseUnlessWrittenHere(table, refusal))
        verifiedScopes.passed.insert(ExactText(scope))
    }

    /// The rows of `table` whose first key column is one of `parents` (the rows themselves for a
    /// one-column key, their children for a longer one: the reviews and milestones of a batch of
    /// applications), each as the chain bound it, none added or deleted: one pair of ordered
    /// scans for the lot instead of a pair of lookups per row (`nza decide --all`'s batches).
    /// `reading` gets each row that is as bound, from the bytes compared, so that what a decision
    /// uses is what was checked (a second read of the file could find other bytes; found by an
    /// attacker's review): its columns by name through `BoundColumns`.
    /// `refusal` words a finding, as for `requireBound`.
    /// `keeping` gets the key and image of each row found as bound.
    func requireBoundRows(_ table: String, of parents: [SQLValue], reading: RowReading? = nil, keeping: RowKeeping? = nil,
                          refusal: @escaping (RowFinding) -> DoorbraakError = Store.refusal) throws(DoorbraakError) {
        guard !parents.isEmpty else { return }
        try compareSome(of: SQLValue.jsonArray(parents), in: try boundTable(table), refuseUnlessWrittenHere(table, refusal), reading: reading, keeping: keeping)
    }

    /// Checks every row of `tables` against its binding and binds them as they stand to this
    /// transaction's last event, though the transaction does not write them: rows a command
    /// decides on but leaves as they are (the bar and the themes' budgets at an allocation). The
    /// chain then records what the command read, so a row edited together with its binding before
    /// the command and put back after it shows as a change the command does not make
    /// (`KeptChangeRules`) — found by an attacker's review: an allocation on raised theme budgets,
    /// put back after, left no trace. Checked first, so an edit is refused, never bound anew.
    func bindAsRead(_ tables: [String]) throws(DoorbraakError) {
        guard db.inTransaction, let capture = db.rowCapture else {
            throw DoorbraakError(.internal, "rows bound as read outside a write transaction of a bound store")
        }
        for name in tables {
            try requireBoundTable(name)
            _ = try capture.touchEveryRow(of: try boundTable(name), in: db)
        }
    }

    /// Every row of `table` as the chain bound it (for a command that decides on the whole
    /// table once: the round allocation).
    /// `reading` gets each row as bound, as `requireBoundRows` gives it (the table is then read
    /// even when it was checked before in this transaction).
    /// `refusal` words a finding (a view says what it does not show).
    public func requireBoundTable(_ table: String, reading: RowReading? = nil,
                                  refusal: @escaping (RowFinding) -> DoorbraakError = Store.refusal) throws(DoorbraakError) {
        let bound = try boundTable(table)
        let scope = "\(table) *"
        if reading == nil, !(try needsCheck(scope)) { return }
        _ = try compareAll(in: bound, refuseUnlessWrittenHere(table, refusal), reading: reading)
        verifiedScopes.passed.insert(ExactText(scope))
    }

    /// Runs `write`, a statement meant to rewrite `table`'s row `key`, and requires that it met
    /// exactly one row and, for a row checked beside the writer (`RowCapture.expectBeforeRewrite`),
    /// met it under that key, so that the hook compared the row with the bytes checked. The
    /// statement finds a row of a table with a rowid through its key's index; a row whose key was
    /// edited in the database file (its index still pointing at it) is met under another key,
    /// which no check expected, and would be bound under it as this import's own (found while
    /// building the reviews import's checks beside the writer: a beschikking's key edited after
    /// the check, the claim paid). `refusal`: E-LEDGER in the import's words; its writes have no
    /// event yet, so the import stops and rolls back whole.
    func rewriting(_ table: String, key: String, refusal: () -> DoorbraakError, _ write: () throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        let expected = db.rowCapture?.expects(table: table, key: key) ?? false
        try write()
        guard db.changes == 1, !expected || !(db.rowCapture?.expects(table: table, key: key) ?? false) else { throw refusal() }
    }

    /// The visitor of a comparison before money moves: a row this transaction wrote passes (it
    /// is bound at COMMIT), any other finding refuses.
    /// The key arrives as SQLite's bytes: a row added with a key that is not valid UTF-8 must
    /// not pass as one written here whose key only decodes alike (an attacker's review).
    private func refuseUnlessWrittenHere(_ table: String, _ refusal: @escaping (RowFinding) -> DoorbraakError = Store.refusal)
        -> (RowFinding, UnsafeRawBufferPointer) throws(DoorbraakError) -> Void {
        { [db] finding, key throws(DoorbraakError) in
            if db.rowCapture?.wrote(table: table, key: key) ?? false { return }
            throw refusal(finding)
        }
    }

    /// The registered document of a submission hashes to the `content_sha256` its bound row holds.
    public func requireBoundDocument(ofSubmission seq: Int64, refusal: (RowFinding) -> DoorbraakError = Store.refusal) throws(DoorbraakError) {
        try documentFindings("SELECT seq, content_sha256, document FROM submission WHERE seq = ?", [.integer(seq)]) { finding throws(DoorbraakError) in throw refusal(finding) }
    }

    /// Whether `scope` still needs its check. A scope that passed stays passed for the rest of
    /// its transaction only: a new transaction checks again, also when no other connection
    /// committed in between (`PRAGMA data_version` does not see bytes rewritten in the file
    /// itself; found by an attacker's review). The scope counts as checked only once its check
    /// passed (a refused one is checked again next time).
    func needsCheck(_ scope: String) throws(DoorbraakError) -> Bool {
        if verifiedScopes.transaction != db.transactionNumber || verifiedScopes.passed.count >= VerifiedScopes.limit {
            // A cache, so it is bounded: past the limit it starts afresh (an import of 100,000
            // claims would otherwise keep 400,000 scopes).
            verifiedScopes.passed.removeAll(keepingCapacity: true)
            verifiedScopes.transaction = db.transactionNumber
        }
        return !verifiedScopes.passed.contains(ExactText(scope))
    }

    /// The key the next INSERT into `table` gets (an INTEGER PRIMARY KEY without AUTOINCREMENT:
    /// one more than the largest) is not one whose row was deleted outside doorbraak: its binding
    /// would be overwritten by the new row's, and the deletion named no more (an attacker's
    /// review: the last release deleted, the next claim's release took its id).
    func requireNextKeyUnbound(of table: String, key column: String) throws(DoorbraakError) {
        let next = try db.cached("SELECT coalesce(max(\(column)), 0) + 1 FROM \(table)").rowValue([]) { r in r.int64(0) } ?? 1
        try requireBound(table, [.integer(next)], absent: true)
    }

    /// The scope under which `requireBound` remembers a row found as bound.
    static func rowScope(_ table: String, key: String) -> String { "\(table) \(key)" }

    /// The scope under which `requireBoundChildren` remembers a parent's rows found as bound.
    static func childrenScope(_ table: String, of parent: String) -> String { "\(table) of \(parent)" }

    /// Counts `scope` as checked for the rest of this transaction (its rows were compared
    /// set-based, by `requireBoundRows`).
    func markChecked(_ scope: String) {
        guard (try? needsCheck(scope)) == true else { return }
        verifiedScopes.passed.insert(ExactText(scope))
    }

    func boundTable(_ table: String) throws(DoorbraakError) -> BoundTable {
        // A read-only connection has no row capture: its views read the schema's tables once.
        if db.rowCapture == nil, db.readOnly {
            if readOnlyTables.isEmpty { readOnlyTables = Dictionary(uniqueKeysWithValues: try BoundTable.all(in: db).map { ($0.name, $0) }) }
            if let bound = readOnlyTables[table] { return bound }
        }
        guard let bound = db.rowCapture?.tables[table] else {
            throw DoorbraakError(.internal, "table \(table) is not bound to the audit chain on this connection")
        }
        return bound
    }

    @usableFromInline static func refusal(_ finding: RowFinding) -> DoorbraakError {
        .ledger("\(finding); no money moves on it (run `doorbraak audit verify`)", row: finding)
    }
}

extension SQLValue {
    /// A JSON array of `values` (integers as numbers, the rest as strings), for SQLite's
    /// `json_each` to read a set of keys as one parameter.
    static func jsonArray(_ values: [SQLValue]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch value {
            case .integer(let v): out.append(contentsOf: String(v).utf8)
            case .null: out.append(contentsOf: "null".utf8)
            default: JSONValue.writeString(value.keyText, into: &out)
            }
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of a key part as `RowKey` and the pre-update hook write it.
    var keyText: String {
        switch self {
        case .null: return ""
        case .integer(let v): return String(v)
        case .text(let s): return s
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        }
    }
}

extension ErrorCode {
    /// The stored schema is not the one of its version, or holds a table that cannot be bound.
    public static let schema = ErrorCode("E-SCHEMA", .badInput)
}

extension DoorbraakError {
    /// A row every initialised round has (the ledger, the round settings) is gone: the database
    /// was edited outside doorbraak (the schema version says it was initialised).
    static func missingRow(_ table: String, in db: Database) -> DoorbraakError {
        DoorbraakError(.audit, "the \(table) row is missing from an initialised round: the database was edited outside doorbraak; nothing is trusted (run `doorbraak audit verify`)", file: db.path)
    }
}
