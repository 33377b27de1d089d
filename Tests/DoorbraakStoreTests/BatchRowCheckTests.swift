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
}
