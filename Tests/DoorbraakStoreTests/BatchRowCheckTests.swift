@testable import DoorbraakStore
import DoorbraakCore
import Foundation
import Testing

/// `nza decide --all` checks the rows of a batch of requests at once (`requireBoundRows`): each
/// named row as the chain bound it, a row added, deleted or changed refused, the rows not named
/// left alone; and each key looked up, never a scan of the table's bindings.
@Suite struct BatchRowCheckTests {
    /// A fresh round (init binds the themes, the spending years and the registered insurers,
    /// whose key is (role, id)), edited with `sql` outside doorbraak.
    func store(after sql: String?) throws -> (Store, URL) {
        let folder = try scratchFolder()
        let path = try freshStore(in: folder).db.path
        if let sql { _ = try sqlite3(path, sql) }
        return (try Store.open(at: path), folder)
    }

    func check(_ store: Store, _ table: String, _ parents: [SQLValue]) throws {
        try store.db.readTransaction { () throws(DoorbraakError) in try store.requireBoundRows(table, of: parents) }
    }

    @Test func rowsAsBoundPass() throws {
        let (s, folder) = try store(after: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        try check(s, "theme", [.text("ai"), .text("medische-technologie"), .text("ai")])
        try check(s, "ledger_year", [.integer(2027), .integer(2029)])
        try check(s, "party", [.text("insurer")])
        try check(s, "party", [.text("nobody"), .text("")])
        try check(s, "theme", [])
    }

    @Test(arguments: [
        ("UPDATE theme SET amount_cents = amount_cents + 1 WHERE theme = 'medische-technologie'", "theme", [SQLValue.text("ai"), .text("medische-technologie")], "amount_cents"),
        ("DELETE FROM ledger_year WHERE year = 2028", "ledger_year", [.integer(2027), .integer(2028)], "deleted outside doorbraak"),
        ("INSERT INTO party (role, id, name) VALUES ('insurer', '9999', 'Nieuw')", "party", [.text("insurer")], "added outside doorbraak"),
        ("UPDATE party SET name = 'Anders' WHERE role = 'insurer' AND id = (SELECT max(id) FROM party WHERE role = 'insurer')", "party", [.text("insurer")], "name"),
        ("DELETE FROM party WHERE role = 'insurer' AND id = (SELECT min(id) FROM party WHERE role = 'insurer')", "party", [.text("insurer")], "deleted outside doorbraak"),
    ] as [(String, String, [SQLValue], String)])
    func anEditedNamedRowIsRefused(sql: String, table: String, parents: [SQLValue], named: String) throws {
        let (s, folder) = try store(after: sql)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try check(s, table, parents)
        } throws: { error in
            guard let e = error as? DoorbraakError else { return false }
            return e.code == .ledger && e.message.contains(table) && e.message.contains(named)
        }
    }

    @Test func aRowNotNamedIsNotThisChecksConcern() throws {
        let (s, folder) = try store(after: "UPDATE theme SET amount_cents = amount_cents + 1 WHERE theme = 'medische-technologie'")
        defer { try? FileManager.default.removeItem(at: folder) }
        try check(s, "theme", [.text("ai")])
        #expect(throws: DoorbraakError.self) { try check(s, "theme", [.text("medische-technologie")]) }
    }

    @Test func eachKeyIsLookedUpNeverTheTableScanned() throws {
        let (s, folder) = try store(after: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        func plan(_ keyColumns: Int) throws -> String {
            try s.db.rows("EXPLAIN QUERY PLAN " + Store.bindingsOfSome(keyColumns: keyColumns), [.text("party"), .text("[\"insurer\"]")]) { $0.text(3) }.joined(separator: "\n")
        }
        let one = try plan(1), several = try plan(2)
        #expect(one.contains("PRIMARY KEY (tbl=? AND key=?)"), "\(one)")
        #expect(several.contains("PRIMARY KEY (tbl=? AND key>? AND key<?)"), "\(several)")
        #expect(!several.contains("SCAN b"), "\(several)")
    }
    /// The rows side of the merge comes in key-text order. For a one-column TEXT key of a STRICT
    /// table (an application, a beschikking) that is the column's own BINARY order, so the rows
    /// come from the key's index without a sort (issue 21); an integer key (a spending year, a
    /// submission) is still sorted by its text, where "10" comes before "9".
    @Test func aTextKeyIsReadInItsIndexOrderAnIntegerKeySortedAsText() throws {
        let (s, folder) = try store(after: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tables = Dictionary(uniqueKeysWithValues: try BoundTable.all(in: s.db).map { ($0.name, $0) })
        func plan(_ table: String) throws -> String {
            let sql = try #require(tables[table]).selectSomeByKeyText
            return try s.db.rows("EXPLAIN QUERY PLAN " + sql, [.text("[]")]) { $0.text(3) }.joined(separator: "\n")
        }
        for table in ["application", "beschikking", "theme", "claim"] {
            let read = try plan(table)
            #expect(!read.contains("TEMP B-TREE"), "\(table): \(read)")
        }
        #expect(try plan("ledger_year").contains("TEMP B-TREE"))
        #expect(try plan("application_milestone").contains("TEMP B-TREE"))
        // Keys whose byte order differs from Swift's String order, read back in the bindings' order.
        let ids = ["K", "\u{212A}", "KK", "k", "Z", "\u{E9}", "e\u{301}", "10", "9"]
        try s.db.writeTransaction { () throws(DoorbraakError) in
            for id in ids {
                try s.db.run("INSERT INTO theme (theme, amount_cents, granted_cents, released_cents) VALUES (?, 0, 0, 0)", [.text("t-" + id)])
            }
            try AuditLog.append(in: s.db, testEvent, action: "theme", subject: "t", before: "-", after: "-")
        }
        let keys = ids.map { SQLValue.text("t-" + $0) }
        var read: [[UInt8]] = []
        try s.db.readTransaction { () throws(DoorbraakError) in
            try s.requireBoundRows("theme", of: keys) { c, r throws(DoorbraakError) in read.append(Array(r.text(try c("theme")).utf8)) }
        }
        let bound = try s.db.rows("SELECT key FROM row_binding WHERE tbl = 'theme' AND key LIKE 't-%' ORDER BY key", []) { Array($0.text(0).utf8) }
        #expect(read == bound && read.count == ids.count)
        #expect(try s.verifyEverything(anchor: nil).ok)
    }
}
