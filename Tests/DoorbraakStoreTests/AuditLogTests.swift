import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

@Suite struct AuditLogTests {
    /// A store with `n` events after the init event.
    private func storeWithEvents(_ n: Int, in folder: URL) throws -> Store {
        let store = try freshStore(in: folder)
        for i in 1...n {
            try store.db.writeTransaction { () throws(DoorbraakError) in
                try AuditLog.append(in: store.db, testEvent.acting(for: "insurer 3311"), action: "review", subject: "APP-\(i)", before: "submitted", after: "in-review")
            }
        }
        return store
    }

    /// A subject found in order once in a transaction is not asked again for that day (issue 21),
    /// but an earlier day is: the last day it may be changed on is the day of its latest event.
    @Test func aSubjectInOrderForOneDayIsNotInOrderForAnEarlierOne() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try storeWithEvents(1, in: folder)   // APP-1 changed on 2026-11-23
        try store.db.writeTransaction { () throws(DoorbraakError) in
            try AuditLog.requireInOrder(in: store.db, subject: "APP-1", on: Day(2026, 11, 23))
            try AuditLog.requireInOrder(in: store.db, subject: "APP-1", on: Day(2026, 11, 24))
            try AuditLog.requireInOrder(in: store.db, subject: "APP-1", on: Day(2026, 11, 23))
            #expect { try AuditLog.requireInOrder(in: store.db, subject: "APP-1", on: Day(2026, 11, 22)) } throws: { ($0 as? DoorbraakError)?.code == .date }
        }
    }

    /// Many subjects in one statement (a chunk of `decide --all`): each held to its own latest event.
    @Test func manySubjectsAreHeldToTheirOwnLatestEvents() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try storeWithEvents(2, in: folder)   // APP-1 and APP-2 changed on 2026-11-23
        try store.db.writeTransaction { () throws(DoorbraakError) in
            try AuditLog.requireInOrder(in: store.db, subjects: ["APP-1", "APP-2", "APP-9"], on: Day(2026, 11, 23))
            try AuditLog.requireInOrder(in: store.db, subjects: ["APP-9"], on: Day(2026, 11, 22))
            #expect {
                try AuditLog.requireInOrder(in: store.db, subjects: ["APP-9", "APP-2"], on: Day(2026, 11, 22))
            } throws: { e in (e as? DoorbraakError)?.code == .date && ((e as? DoorbraakError)?.message.contains("APP-2") ?? false) }
        }
    }

    /// The ledger's latest change (init, 2026-11-23) found in order once per transaction and day.
    @Test func theLedgerInOrderForOneDayIsNotInOrderForAnEarlierOne() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try freshStore(in: folder)
        try store.db.writeTransaction { () throws(DoorbraakError) in
            try AuditLog.requireLedgerInOrder(in: store.db, on: Day(2026, 11, 24))
            try AuditLog.requireLedgerInOrder(in: store.db, on: Day(2026, 11, 23))
            try AuditLog.requireLedgerInOrder(in: store.db, on: Day(2026, 11, 23))
            #expect { try AuditLog.requireLedgerInOrder(in: store.db, on: Day(2026, 11, 22)) } throws: { ($0 as? DoorbraakError)?.code == .date }
        }
    }

    @Test func anIntactChainVerifies() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try storeWithEvents(5, in: folder)
        let result = try AuditLog.verify(in: store.db)
        #expect(result == AuditLog.Verification(events: 6, firstBad: nil, reason: nil))
        let events = try AuditLog.events(in: store.db)
        #expect(events.map(\.seq) == [1, 2, 3, 4, 5, 6])
        #expect(events[0].previousHash == AuditLog.genesis)
        #expect(zip(events, events.dropFirst()).allSatisfy { $1.previousHash == $0.hash })
        #expect(try AuditLog.events(in: store.db, subject: "APP-3").map(\.seq) == [4])
    }

    @Test(arguments: [
        ("an edited field", "UPDATE audit_event SET after = 'approved' WHERE seq = 3", Int64(3)),
        ("an edited actor", "UPDATE audit_event SET actor = 'nza' WHERE seq = 5", 5),
        ("a deleted event", "DELETE FROM audit_event WHERE seq = 3", 3),
        ("the deleted last event", "DELETE FROM audit_event WHERE seq = 6", 6),
        ("a reordering", "UPDATE audit_event SET seq = -1 WHERE seq = 2; UPDATE audit_event SET seq = 2 WHERE seq = 4; UPDATE audit_event SET seq = 4 WHERE seq = -1", 2),
        ("a rehashed edit", "UPDATE audit_event SET after = 'x', hash = 'ab' WHERE seq = 4", 4),
        ("an appended forgery", "INSERT INTO audit_event VALUES (7, 't', '2026-11-23', 'a', 'b', 'c', 'd', 'e', '', (SELECT hash FROM audit_event WHERE seq = 6), 'f')", 7),
    ])
    func tamperingThroughTheSQLiteCLIIsCaught(what: String, sql: String, firstBad: Int64) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try storeWithEvents(5, in: folder)
        try sqlite3(store.db.path, sql)
        let result = try AuditLog.verify(in: store.db)
        #expect(!result.ok, "\(what) not detected")
        #expect(result.firstBad == firstBad, "\(what): \(result.reason ?? "")")
    }

    @Test func anEventIsWrittenOnlyWithItsChange() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try storeWithEvents(1, in: folder)
        _ = try? store.db.writeTransaction { () throws(DoorbraakError) in
            try AuditLog.append(in: store.db, testEvent, action: "x", subject: "y", before: "-", after: "-")
            throw DoorbraakError(.state, "refused")
        }
        #expect(try AuditLog.verify(in: store.db) == AuditLog.Verification(events: 2, firstBad: nil, reason: nil))
    }
}

extension AuditLogTests {
    /// `audit verify` hashes each event from SQLite's buffers; `AuditEvent.expectedHash` hashes
    /// its Strings. Both must give the hash the event was written with, whatever its text: empty,
    /// beyond ASCII, with a NUL or a unit separator inside, long.
    @Test(arguments: ["", "é € ß 漢字 🙂", "a\u{0}b", "x\u{1F}7:y", String(repeating: "lang ", count: 3000)])
    func theVerifierHashesEveryTextAsItWasWritten(text: String) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try freshStore(in: folder)
        try store.db.writeTransaction { () throws(DoorbraakError) in
            try AuditLog.append(in: store.db, testEvent.acting(for: text), action: "review", subject: text, before: text, after: text)
        }
        #expect(try AuditLog.verify(in: store.db).ok)
        let last = try #require(try AuditLog.events(in: store.db).last)
        #expect(last.hash == last.expectedHash)
        // One byte more in a field is caught at that event.
        _ = try sqlite3(store.db.path, "UPDATE audit_event SET after = after || 'x' WHERE seq = \(last.seq)")
        #expect(try AuditLog.verify(in: Store.open(at: store.db.path, readOnly: true).db).firstBad == last.seq)
    }
}
