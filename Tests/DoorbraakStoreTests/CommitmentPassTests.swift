import DoorbraakCore
@testable import DoorbraakStore
import Foundation
import Testing

/// `audit verify` recomputes each event's commitment in passes over `row_binding` in its own key
/// order (`AuditLog.verifyCommitments`), a window of events at a time: whatever the window, an
/// edit, a move, a deletion or a stray binding is found at the same first event as a walk in event
/// order finds it.
@Suite struct CommitmentPassTests {
    /// A store whose last transactions each rename an insurer (one event each), then one with two
    /// events, whose first records no commitment; with those events' seqs.
    private func store(in folder: URL) throws -> (Store, binding: [Int64], recordsNone: Int64) {
        let store = try freshStore(in: folder)
        for i in 1...6 {
            try store.db.writeTransaction { () throws(DoorbraakError) in
                try store.db.run("UPDATE party SET name = name || ? WHERE role = 'insurer' AND id = '3311'", [.text("\(i)")])
                if i.isMultiple(of: 2) { try store.db.run("UPDATE party SET name = name || '.' WHERE role = 'insurer' AND id = '3334'") }
                try AuditLog.append(in: store.db, testEvent, action: "party", subject: "t\(i)", before: "-", after: "-")
            }
        }
        try store.db.writeTransaction { () throws(DoorbraakError) in
            try AuditLog.append(in: store.db, testEvent, action: "x", subject: "first", before: "-", after: "-")
            try store.db.run("UPDATE party SET name = name || '.' WHERE role = 'insurer' AND id = '3311'")
            try AuditLog.append(in: store.db, testEvent, action: "party", subject: "last", before: "-", after: "-")
        }
        let binding = try store.db.rows("SELECT seq FROM audit_event WHERE rows_sha256 <> '' ORDER BY seq", []) { $0.int64(0) }
        let recordsNone = try #require(try store.db.row("SELECT seq FROM audit_event WHERE subject = 'first'", []) { $0.int64(0) })
        return (store, binding, recordsNone)
    }

    /// The finding of every window size, which must agree, and `AuditLog.verify`'s first bad event.
    private func findings(_ path: String) throws -> (AuditLog.CommitmentFinding?, Int64?) {
        let db = try Store.open(at: path, readOnly: true).db
        let all = try [1, 2, 3, AuditLog.commitmentWindow].map { window in
            try db.readTransaction { () throws(DoorbraakError) in try AuditLog.verifyCommitments(in: db, window: window) }
        }
        #expect(Set(all.map { $0?.firstBad }).count == 1 && Set(all.map { $0?.reason }).count == 1, "\(all)")
        return (all[0], try AuditLog.verify(in: db).firstBad)
    }

    @Test func anIntactChainHasNoFindingInAnyWindow() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, binding, _) = try store(in: folder)
        #expect(binding.count >= 8)
        let (finding, firstBad) = try findings(store.db.path)
        #expect(finding == nil)
        #expect(firstBad == nil)
        #expect(try store.verifyEverything(anchor: nil).ok)
    }

    enum Tamper: CaseIterable { case editedImage, deletedBindings, twoEdits, movedToEventThatRecordsNone, strayAfterChain, strayAtZero, extraBinding }

    @Test(arguments: Tamper.allCases)
    func everyWindowFindsTheSameFirstEvent(tamper: Tamper) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, binding, recordsNone) = try store(in: folder)
        let path = store.db.path
        let (third, fifth, last) = (binding[binding.count - 5], binding[binding.count - 3], binding[binding.count - 1])
        let expected: (Int64, String)
        switch tamper {
        case .editedImage:
            try sqlite3(path, "UPDATE row_binding SET image = CAST(image || 'x' AS BLOB) WHERE seq = \(fifth)")
            expected = (fifth, "are not the rows it recorded")
        case .deletedBindings:
            try sqlite3(path, "DELETE FROM row_binding WHERE seq = \(third)")
            expected = (third, "are not the rows it recorded")
        case .twoEdits:
            try sqlite3(path, "UPDATE row_binding SET image = NULL WHERE seq = \(last); UPDATE row_binding SET image = CAST(image || 'x' AS BLOB) WHERE seq = \(third)")
            expected = (third, "are not the rows it recorded")
        case .movedToEventThatRecordsNone:
            try sqlite3(path, "UPDATE row_binding SET seq = \(recordsNone) WHERE seq = \(last)")
            expected = (recordsNone, "are not the rows it recorded")
        case .strayAfterChain:
            try sqlite3(path, "INSERT INTO row_binding (tbl, key, seq, image) VALUES ('party', '7:insurer4:3311', \(last + 7), NULL)")
            expected = (last + 1, "bound to event \(last + 7), which the chain does not have")
        case .strayAtZero:
            try sqlite3(path, "INSERT INTO row_binding (tbl, key, seq, image) VALUES ('party', '7:insurer4:3311', 0, NULL)")
            expected = (1, "bound to event 0, which the chain does not have")
        case .extraBinding:
            try sqlite3(path, "INSERT INTO row_binding (tbl, key, seq, image) VALUES ('zzz', 'k', \(fifth), NULL)")
            expected = (fifth, "are not the rows it recorded")
        }
        let (finding, firstBad) = try findings(path)
        #expect(finding?.firstBad == expected.0, "\(String(describing: finding))")
        #expect(finding?.reason.contains(expected.1) == true, "\(String(describing: finding))")
        #expect(firstBad == expected.0)
        let everything = try Store.open(at: path, readOnly: true).verifyEverything(anchor: nil)
        #expect(everything.chain.firstBad == expected.0)
        #expect(!everything.ok)
    }

    /// A change of a guarded column (`KeptChangeRules`) by a transaction whose events may not make
    /// it is named at that transaction's event in every window, also when the binding before it
    /// lies in an earlier window; the same change by the action that makes it passes.
    @Test func aChangeNoCommandMakesIsNamedInEveryWindow() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try freshStore(in: folder)
        func change(_ action: String, bar: Int64) throws {
            try store.db.writeTransaction { () throws(DoorbraakError) in
                try store.db.run("UPDATE round SET bar_hundredths = ? WHERE id = 1", [.integer(bar)])
                try AuditLog.append(in: store.db, testEvent, action: action, subject: "round", before: "-", after: "-")
            }
        }
        try change("bar", bar: 310)
        #expect(try findings(store.db.path).0 == nil)
        try change("x", bar: 320)
        let seq = try store.db.integer("SELECT max(seq) FROM audit_event")
        try change("bar", bar: 330)
        let (finding, firstBad) = try findings(store.db.path)
        #expect(finding?.firstBad == seq && firstBad == seq, "\(String(describing: finding))")
        #expect(finding?.reason.contains("event \(seq) (x) bound round 1 with bar_hundredths 320, where event \(seq - 1) bound 310: only bar changes it") == true,
                "\(String(describing: finding))")
    }

    /// A hostile chain that ends at the largest event number, with a stray binding below it: named,
    /// never a trap (an attacker's review of this change trapped on `lastEvent + 1`).
    @Test func aChainEndingAtTheLargestEventNumberIsNamedNotATrap() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try freshStore(in: folder).db.path
        try sqlite3(path, """
            INSERT INTO audit_event (seq, at, actor, action, subject, before, after, prev_hash, hash) VALUES (9223372036854775807, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x');
            INSERT INTO row_binding VALUES ('ledger', '1', 9223372036854775806, NULL);
            """)
        let (finding, firstBad) = try findings(path)
        #expect(finding?.firstBad == Int64.max - 1, "\(String(describing: finding))")
        #expect(firstBad != nil)
    }

    @Test func theBindingsAreReadInTheirKeyOrderWithoutASort() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try freshStore(in: folder).db
        let plan = try db.rows("EXPLAIN QUERY PLAN SELECT seq, tbl, key, image FROM row_binding ORDER BY tbl, key, seq", []) { $0.text(3) }
        #expect(!plan.joined().contains("TEMP B-TREE"), "\(plan)")
    }
}
