import DoorbraakCore

/// A table whose rows the audit chain binds (SPEC §3.9): every table but the chain itself.
/// Read from the schema, so a table a migration adds is bound without anyone listing it.
struct BoundTable: Sendable {
    /// The table's name.
    let name: String
    /// The bound columns, in table order.
    let columns: [String]
    /// The primary key columns.
    let key: [String]

    /// Columns the chain does not bind through the row image, each for a reason: the chain head
    /// (checked by the chain walk itself) and the register's documents (bound by their SHA-256 in
    /// `content_sha256`, which the image holds; `audit verify` hashes every document).
    static let unboundColumns: [String: Set<String>] = ["ledger": ["audit_seq", "audit_head"], "submission": ["document"]]
    /// Tables that are the chain: the events and the bindings themselves.
    static let chainTables: Set<String> = ["audit_event", "row_binding"]

    /// The key text (`RowKey.text`) of the row `prefix` names (`NEW.`, `OLD.` or empty), in SQL.
    func keyExpression(_ prefix: String = "") -> String {
        if key.count == 1 { return "CAST(\(prefix)\(quoted(key[0])) AS TEXT)" }
        return key.map { "length(CAST(\(prefix)\(quoted($0)) AS BLOB)) || ':' || CAST(\(prefix)\(quoted($0)) AS TEXT)" }.joined(separator: " || ")
    }

    /// The bound columns of one row, by its key parts.
    var selectByKey: String {
        "SELECT \(columns.map(quoted).joined(separator: ", ")) FROM main.\(quoted(name)) WHERE "
            + key.enumerated().map { "\(quoted($0.element)) = ?\($0.offset + 1)" }.joined(separator: " AND ")
    }

    /// Every row as key text and bound columns, in key-text order (the order of `row_binding`).
    var selectAllByKeyText: String {
        "SELECT \(keyExpression()) AS bound_key, \(columns.map(quoted).joined(separator: ", ")) FROM main.\(quoted(name)) ORDER BY 1"
    }

    /// The capture triggers: TEMP, so they live only in this connection and never in the stored
    /// schema; each records the key of a row written into `temp.touched`.
    var captureTriggers: [String] {
        func record(_ prefix: String) -> String {
            let parts = (0..<3).map { $0 < key.count ? "\(prefix)\(quoted(key[$0]))" : "''" }
            return "INSERT OR IGNORE INTO touched VALUES ('\(name)', \(keyExpression(prefix)), \(parts.joined(separator: ", ")));"
        }
        let columnsList = columns.map(quoted).joined(separator: ", ")
        return [
            "CREATE TEMP TRIGGER IF NOT EXISTS \(quoted("bind_\(name)_insert")) AFTER INSERT ON main.\(quoted(name)) BEGIN \(record("NEW.")) END",
            "CREATE TEMP TRIGGER IF NOT EXISTS \(quoted("bind_\(name)_update")) AFTER UPDATE OF \(columnsList) ON main.\(quoted(name)) BEGIN \(record("OLD.")) \(record("NEW.")) END",
            "CREATE TEMP TRIGGER IF NOT EXISTS \(quoted("bind_\(name)_delete")) AFTER DELETE ON main.\(quoted(name)) BEGIN \(record("OLD.")) END",
        ]
    }

    /// Table names come from the schema, which `SchemaCheck` holds to doorbraak's own; quoting
    /// keeps a hostile name from reaching the SQL before that check has run.
    private func quoted(_ identifier: String) -> String { "\"" + identifier.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }

    /// The bound tables of the schema `db` holds, by name.
    static func all(in db: Database) throws(DoorbraakError) -> [BoundTable] {
        let names = try db.rows("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name", []) { $0.text(0) }
        var tables: [BoundTable] = []
        for name in names where !chainTables.contains(name) {
            let info = try db.rows("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", [.text(name)]) { r in (r.text(0), r.int(1)) }
            let excluded = unboundColumns[name] ?? []
            let key = info.filter { $0.1 > 0 }.sorted { $0.1 < $1.1 }.map(\.0)
            guard !key.isEmpty, key.count <= 3 else {
                throw DoorbraakError(.schema, "table \(name) has no primary key of one to three columns, so its rows cannot be bound to the audit chain")
            }
            tables.append(BoundTable(name: name, columns: info.map(\.0).filter { !excluded.contains($0) }, key: key))
        }
        return tables
    }
}

/// The rows the open write transaction wrote, bound to its last audit event at COMMIT.
struct RowCapture {
    /// The bound tables by name.
    var tables: [String: BoundTable]
}

extension Database {
    /// Starts recording which rows this connection writes (`temp.touched`, filled by TEMP
    /// triggers), so that the transaction's last audit event binds them at COMMIT. One write
    /// path: no writer can change a row without its key being recorded.
    func installRowCapture() throws(DoorbraakError) {
        guard rowCapture == nil else { return }
        let tables = try BoundTable.all(in: self)
        try execute("CREATE TEMP TABLE IF NOT EXISTS touched (tbl TEXT NOT NULL, key TEXT NOT NULL, k1, k2, k3, PRIMARY KEY (tbl, key)) WITHOUT ROWID")
        for table in tables {
            for trigger in table.captureTriggers { try execute(trigger) }
        }
        rowCapture = RowCapture(tables: Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) }))
    }

    /// The image of the row of `table` with key `parts` as it is now, or nil when there is none.
    func currentImage(of table: BoundTable, parts: [SQLValue]) throws(DoorbraakError) -> RowImage? {
        try cached(table.selectByKey).rowValue(parts) { r in RowImage((0..<r.columnCount).map { r.stored($0) }) }
    }

    /// The image the newest binding of this row holds; `.some(nil)` when it bound the row's
    /// deletion, nil when the chain never bound the row.
    func boundImage(table: String, key: String) throws(DoorbraakError) -> RowImage?? {
        try cached("SELECT image FROM row_binding WHERE tbl = ? AND key = ? ORDER BY seq DESC LIMIT 1")
            .rowValue([.text(table), .text(key)]) { r in r.isNull(0) ? RowImage?.none : RowImage(bytes: r.bytes(0)) }
    }

    /// Binds every row the transaction wrote to event `seq`: one `row_binding` per row with its
    /// image (or NULL for a deleted row), in key order; returns the commitment the event's hash
    /// covers ("" when the transaction wrote no row).
    func bindTouchedRows(to seq: Int64) throws(DoorbraakError) -> String {
        guard let capture = rowCapture else { return "" }
        let touched = try prepare("SELECT tbl, key, k1, k2, k3 FROM temp.touched ORDER BY tbl, key")
        let insert = try cached("INSERT INTO row_binding (tbl, key, seq, image) VALUES (?, ?, ?, ?)")
        var commitment = BindingCommitment()
        while try touched.step() {
            let r = Row(statement: touched)
            let name = r.text(0), key = r.text(1)
            guard let table = capture.tables[name] else {
                throw DoorbraakError(.internal, "a row of table \(name) was written but the table is not bound")
            }
            let image = try currentImage(of: table, parts: (0..<Int32(table.key.count)).map { r.value($0 + 2) })
            try insert.run([.text(name), .text(key), .integer(seq), image.map { .blob($0.bytes) } ?? .null])
            commitment.add(table: name, key: key, image: image)
        }
        touched.reset()
        try execute("DELETE FROM temp.touched")
        return commitment.isEmpty ? "" : commitment.hex
    }

    /// Whether this transaction wrote the row (it is then bound at COMMIT, not yet).
    func touchedInTransaction(table: String, key: String) throws(DoorbraakError) -> Bool {
        guard rowCapture != nil else { return false }
        return try cached("SELECT 1 FROM temp.touched WHERE tbl = ? AND key = ?").rowValue([.text(table), .text(key)]) { _ in true } ?? false
    }

    /// Whether the transaction wrote any row.
    func transactionWroteRows() throws(DoorbraakError) -> Bool {
        guard rowCapture != nil else { return false }
        return try cached("SELECT 1 FROM temp.touched LIMIT 1").rowValue([]) { _ in true } ?? false
    }
}

extension Store {
    /// The check before money moves on a row (SPEC §3.9): the row as it is must be the row the
    /// chain last bound. A row this transaction already wrote was checked before (or created
    /// here) and passes. Throws E-LEDGER naming the table, key and differing columns.
    public func requireBound(_ table: String, _ parts: [SQLValue]) throws(DoorbraakError) {
        guard let capture = db.rowCapture, let bound = capture.tables[table] else {
            throw DoorbraakError(.internal, "table \(table) is not bound to the audit chain")
        }
        let key = RowKey.text(parts.map(\.keyText))
        if try db.touchedInTransaction(table: table, key: key) { return }
        let found = try db.currentImage(of: bound, parts: parts)
        let expected = try db.boundImage(table: table, key: key)
        let shown = "\(table) \(RowKey.display(key, count: bound.key.count))"
        switch (expected, found) {
        case (.some(.some(let e)), .some(let f)) where e == f:
            return
        case (.some(.some(let e)), .some(let f)):
            let columns = RowImage.differences(columns: bound.columns, expected: e, found: f)
                .map { "\($0.column) \($0.found), the chain holds \($0.expected)" }.joined(separator: "; ")
            throw DoorbraakError(.ledger, "\(shown) differs from the row the audit chain recorded (\(columns)); no money moves on it (run `doorbraak audit verify`)")
        case (.some(.some), nil):
            throw DoorbraakError(.ledger, "\(shown) was deleted outside doorbraak; no money moves (run `doorbraak audit verify`)")
        case (_, .some):
            throw DoorbraakError(.ledger, "\(shown) was added outside doorbraak: no audit event recorded it; no money moves on it (run `doorbraak audit verify`)")
        case (_, nil):
            return
        }
    }
}

extension SQLValue {
    /// The text of a key part as `RowKey` and the capture triggers write it.
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
