import DoorbraakCore
import Foundation

/// The rows checked and what differs.
public struct RowCheck: Sendable {
    /// Rows compared with their bindings.
    public var rows = 0
    /// The first findings (at most `RowCheck.listed`).
    public var findings: [RowFinding] = []
    /// All findings, listed or not.
    public var count = 0
    /// How many findings are listed.
    public static let listed = 1000

    mutating func add(_ finding: RowFinding) {
        count += 1
        if findings.count < RowCheck.listed { findings.append(finding) }
    }
}

extension Store {

    /// Every row of every bound table against the newest binding of its key, as a merge of two
    /// ordered scans (flat in memory); then every register document against its SHA-256.
    func rowCheck() throws(DoorbraakError) -> RowCheck {
        let parts = RowCheckParts(tables: try BoundTable.all(in: db))
        try checkRows(taking: parts)
        return parts.merged()
    }

    /// Takes parts of the row check on this store's connection until none is left.
    func checkRows(taking parts: RowCheckParts) throws(DoorbraakError) {
        while let index = parts.take() {
            if case .commitments = parts.parts[index] {
                parts.putCommitments(index, try AuditLog.verifyCommitments(in: db))
            } else {
                parts.put(index, try rowCheck(part: parts.parts[index]))
            }
        }
    }

    /// One part of the row check.
    private func rowCheck(part: RowCheckPart) throws(DoorbraakError) -> RowCheck {
        var check = RowCheck()
        switch part {
        case .table(let table):
            check.rows += try compareAll(in: table) { f, _ in check.add(f) }
        case .unknownTables(let known):
            for name in try db.rows("SELECT DISTINCT tbl FROM row_binding", [], { $0.text(0) }) where !known.contains(name) {
                check.add(RowFinding(table: name, key: "*", change: .deleted, seq: nil))
            }
        case .commitments:
            break // not a row check: `checkRows` takes it
        case .documents:
            try documentFindings("SELECT seq, content_sha256, document FROM submission ORDER BY seq", []) { check.add($0) }
        }
        return check
    }

    /// Every register document `query` selects (`seq, content_sha256, document`) against its
    /// SHA-256, one at a time: `visit` gets each that differs.
    func documentFindings(_ query: String, _ parameters: [SQLValue], _ visit: (RowFinding) throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        let documents = try db.cached(query)
        try documents.bind(parameters)
        defer { documents.reset() }
        while try documents.step() {
            let r = Row(statement: documents)
            if let finding = Store.documentFinding(submission: r.int64(0), sha256: r.text(1), document: r.text(2)) { try visit(finding) }
        }
    }

    /// A register document that does not hash to the `content_sha256` its bound row holds, or nil.
    static func documentFinding(submission seq: Int64, sha256 stored: String, document: String) -> RowFinding? {
        let computed = SHA256.hex(document)
        guard computed != stored else { return nil }
        return RowFinding(table: "submission", key: String(seq), change: .changed, column: "document",
                          expected: "a document with sha256 \(stored.prefix(12))…", found: "sha256 \(computed.prefix(12))…",
                          expectedValue: stored, foundValue: computed)
    }

    /// Every row of `table` against its bindings; returns the rows compared.
    func compareAll(in table: BoundTable, _ visit: (RowFinding, UnsafeRawBufferPointer) throws(DoorbraakError) -> Void,
                    reading: RowReading? = nil) throws(DoorbraakError) -> Int {
        try compare(table, rows: (table.selectAllByKeyText, []),
                    bindings: ("SELECT key, max(seq), image FROM row_binding WHERE tbl = ? GROUP BY key ORDER BY key", [.text(table.name)]), visit, reading: reading)
    }

    /// The rows of `table` whose first key column is `parent` (a beschikking's milestones, an
    /// application's reviews) against their bindings: one range on each side.
    func compareChildren(of parent: String, in table: BoundTable, _ visit: (RowFinding, UnsafeRawBufferPointer) throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        let prefix = "\(parent.utf8.count):\(parent)"
        // The next key part starts with its length, a digit, so every child key lies below prefix + ":".
        _ = try compare(table, rows: (table.selectChildrenByKeyText, [.text(parent)]),
                        bindings: ("SELECT key, max(seq), image FROM row_binding WHERE tbl = ? AND key > ? AND key < ? GROUP BY key ORDER BY key", [.text(table.name), .text(prefix), .text(prefix + ":")]),
                        visit)
    }

    /// The rows of `table` whose first key column is one of the JSON array `parents` against
    /// their bindings: for a one-column key the bindings of those keys, for a longer one the
    /// bindings in each parent's key range (see `compareChildren`).
    func compareSome(of parents: String, in table: BoundTable, _ visit: (RowFinding, UnsafeRawBufferPointer) throws(DoorbraakError) -> Void,
                     reading: RowReading? = nil, keeping: RowKeeping? = nil) throws(DoorbraakError) {
        _ = try compare(table, rows: (table.selectSomeByKeyText, [.text(parents)]),
                        bindings: (Store.bindingsOfSome(keyColumns: table.key.count), [.text(table.name), .text(parents)]), visit, reading: reading, keeping: keeping)
    }

    /// The newest bindings of table `?1` whose key's first part is one of the JSON array `?2`, in
    /// key order: a lookup per key for a one-column key, a key range per parent for a longer one.
    static func bindingsOfSome(keyColumns: Int) -> String {
        if keyColumns == 1 {
            return "SELECT key, max(seq), image FROM row_binding WHERE tbl = ?1 AND key IN (SELECT CAST(value AS TEXT) FROM json_each(?2)) GROUP BY key ORDER BY key"
        }
        // CROSS JOIN keeps the parents the outer loop: one key range per parent, never a scan of
        // the table's bindings (a test checks the query plan).
        let prefix = "(length(CAST(j.value AS BLOB)) || ':' || CAST(j.value AS TEXT))"
        return "SELECT b.key, max(b.seq), b.image FROM json_each(?2) j CROSS JOIN row_binding b ON b.tbl = ?1 AND b.key > \(prefix) AND b.key < \(prefix) || ':' GROUP BY b.key ORDER BY b.key"
    }

    /// The merge of two scans in key-text order: the rows, and the bindings (the newest per key,
    /// which SQLite picks with `max(seq)`: its other columns come from that row). Keys and images
    /// are compared in SQLite's buffers, byte for byte as SQL orders them; a String or an image
    /// of its own is made only for a finding. Calls `visit` with each finding and the key text;
    /// `reading` gets each row that is as bound, and a row whose finding `visit` let pass (a row
    /// the transaction wrote itself) as it stands; returns the rows compared.
    /// `keeping` gets the key and image of each row found as bound (the bytes compared).
    private func compare(_ table: BoundTable, rows rowsQuery: (String, [SQLValue]), bindings bindingsQuery: (String, [SQLValue]),
                         _ visit: (RowFinding, UnsafeRawBufferPointer) throws(DoorbraakError) -> Void,
                         reading: RowReading? = nil, keeping: RowKeeping? = nil) throws(DoorbraakError) -> Int {
        let rows = try db.cached(rowsQuery.0)
        try rows.bind(rowsQuery.1)
        let bindings = try db.cached(bindingsQuery.0)
        try bindings.bind(bindingsQuery.1)
        defer {
            rows.reset()
            bindings.reset()
        }
        let display = { (key: String) in RowKey.display(key, count: table.key.count) }
        var compared = 0
        var image = RowImage.Builder(capacity: 256)
        // Only a comparison that hands rows over names their columns (not the hot per-row checks).
        let columns = reading == nil ? nil : BoundColumns(table)
        var hasRow = try rows.step(), hasBinding = try bindings.step()
        while hasRow || hasBinding {
            let row = Row(statement: rows), binding = Row(statement: bindings)
            let order = !hasBinding ? -1 : !hasRow ? 1 : RowKey.order(row.rawText(0), binding.rawText(0))
            if order < 0 {
                compared += 1
                try visit(RowFinding(table: table.name, key: display(String(decoding: row.rawText(0), as: UTF8.self)), change: .inserted), row.rawText(0))
                if let reading, let columns { try reading(columns, row) }
                hasRow = try rows.step()
            } else if order > 0 {
                if !binding.isNull(2) {
                    try visit(RowFinding(table: table.name, key: display(String(decoding: binding.rawText(0), as: UTF8.self)), change: .deleted, seq: binding.int64(1)), binding.rawText(0))
                }
                hasBinding = try bindings.step()
            } else {
                compared += 1
                if binding.isNull(2) {
                    try visit(RowFinding(table: table.name, key: display(String(decoding: row.rawText(0), as: UTF8.self)), change: .inserted, seq: binding.int64(1)), row.rawText(0))
                    if let reading, let columns { try reading(columns, row) }
                } else {
                    image.removeAll()
                    image.append(row: row, from: 1)
                    if image.equals(binding.rawBlob(2)) {
                        if let reading, let columns { try reading(columns, row) }
                        keeping?(row.rawText(0), binding.rawBlob(2))
                    } else {
                        let key = String(decoding: row.rawText(0), as: UTF8.self)
                        let expected = RowImage(bytes: binding.bytes(2))
                        for d in RowImage.differences(columns: table.columns, expected: expected, found: image.image) {
                            try visit(RowFinding(table: table.name, key: display(key), change: .changed, column: d.column, expected: d.expected, found: d.found,
                                                 expectedValue: d.expectedValue, foundValue: d.foundValue, seq: binding.int64(1)), row.rawText(0))
                        }
                        // A finding the visitor let pass: a row this transaction wrote, handed over as it stands.
                        if let reading, let columns { try reading(columns, row) }
                    }
                }
                hasRow = try rows.step()
                hasBinding = try bindings.step()
            }
        }
        return compared
    }
}

/// One part of the row check.
enum RowCheckPart {
    /// Every row of a bound table against its newest binding.
    case table(BoundTable)
    /// Bindings of a table the schema does not have (`known`: the tables it has).
    case unknownTables(known: Set<String>)
    /// Every register document against its SHA-256.
    case documents
    /// Every audit event's commitment against its bindings (`AuditLog.verifyCommitments`): a part
    /// of the chain's verification, run beside its walk.
    case commitments
}

/// The parts of `rowCheck`, taken one at a time by whichever connection is free (`audit verify`
/// runs them on two), and their findings put back together in the parts' order.
final class RowCheckParts: @unchecked Sendable {
    /// The parts: every bound table, then the two checks beside them.
    let parts: [RowCheckPart]
    private let lock = NSLock()
    private var next = 0
    private var done: [Int: RowCheck] = [:]

    private var commitments: AuditLog.CommitmentFinding?

    /// The row check of `tables`; with `commitments`, also the events' commitments (first, the longest part).
    init(tables: [BoundTable], commitments: Bool = false) {
        parts = (commitments ? [.commitments] : []) + tables.map { .table($0) } + [.unknownTables(known: Set(tables.map(\.name))), .documents]
    }

    /// Hands out no more parts (one side failed: the other need not go on).
    func stop() { lock.withLock { next = parts.count } }

    /// The next part nobody took, or nil.
    func take() -> Int? {
        lock.withLock {
            guard next < parts.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// The result of part `index`.
    func put(_ index: Int, _ check: RowCheck) { lock.withLock { done[index] = check } }

    /// The result of the commitments' part, `index`.
    func putCommitments(_ index: Int, _ finding: AuditLog.CommitmentFinding?) {
        lock.withLock {
            commitments = finding
            done[index] = RowCheck()
        }
    }

    /// The commitments' finding, if that part found one.
    var commitmentFinding: AuditLog.CommitmentFinding? { lock.withLock { commitments } }

    /// Every part's findings in the parts' order (each part must be done).
    func merged() -> RowCheck {
        lock.withLock {
            var all = RowCheck()
            for index in parts.indices {
                guard let part = done[index] else { continue }
                all.rows += part.rows
                for finding in part.findings { all.add(finding) }
                all.count += part.count - part.findings.count
            }
            return all
        }
    }
}
