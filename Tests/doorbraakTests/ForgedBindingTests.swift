@testable import DoorbraakStore
import DoorbraakCore
import Foundation
import Testing

/// The laundering of a forged binding (found by an attacker's review of issue 21): a row edited
/// together with its newest binding passes the check before money moves, the grant binds the
/// edited row anew, and the old binding is put back, so every commitment holds again. What stays
/// in the chain is a change no command makes — an `nza-decide` that changed an application's fte —
/// and `audit verify` names it (`KeptChangeRules`).
@Suite struct ForgedBindingTests {
    /// The image doorbraak binds for the row of `table` with key `key`, as it stands.
    private func image(of table: String, key: String, in path: String) throws -> [UInt8] {
        let db = try Store.open(at: path, readOnly: true).db
        let bound = try #require(try BoundTable.all(in: db).first { $0.name == table })
        let statement = try db.prepare(bound.selectByKey)
        try statement.bind([.text(key)])
        #expect(try statement.step())
        var builder = RowImage.Builder()
        builder.append(row: Row(statement: statement))
        return builder.image.bytes
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func aDecisionOnAForgedBindingIsNamedByAuditVerify() throws {
        let s = try NoRowLaunderedTests().round()
        defer { s.remove() }
        // The attacker: ×100 fte on the second request, and its newest binding made to match.
        let forgery = try forge(s, "application", key: "S-0002", "UPDATE application SET fte_tenths = fte_tenths * 100 WHERE id = 'S-0002'")
        // The check before money moves compares the row with that binding: the gap that stays.
        let decide = try s.run(["nza", "decide", "--all"], today: "2027-01-04")
        #expect(decide.status == 0, "\(decide.stderr)")
        #expect(try s.sql("SELECT status FROM beschikking WHERE application_id = 'S-0002'") == "granted", "ranked first on the forged fte")
        // The decisions' transaction binds its rows to its last event (the sweep's refusal of S-0001).
        let grant = try s.sql("SELECT max(seq) FROM audit_event WHERE action = 'nza-decide'")
        // The old binding put back: every commitment holds again …
        try restore(s, "application", key: "S-0002", forgery)
        let verify = try s.run(["audit", "verify", "--json"])
        #expect(verify.status == 1)
        // … but the decision's transaction changed the fte, which only a new version changes.
        #expect(verify.stdout.contains("\"first_bad\": \(grant)"), "\(verify.stdout.prefix(600))")
        let text = try s.run(["audit", "verify"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("event \(grant) (nza-decide) bound application S-0002 with fte_tenths 1000.0 fte, where event \(forgery.seq) bound 10.0 fte: only bar or replace or submit changes it"),
                "\(text.stdout.prefix(800))")
    }

    /// Edits the row of `table` with key `key` by `sql` and its newest binding to match; returns
    /// that binding's event and its genuine image (hex), to put back.
    private func forge(_ s: Sandbox, _ table: String, key: String, _ sql: String) throws -> (seq: String, genuine: String) {
        let seq = try s.sql("SELECT max(seq) FROM row_binding WHERE tbl = '\(table)' AND key = '\(key)'")
        let genuine = try s.sql("SELECT hex(image) FROM row_binding WHERE tbl = '\(table)' AND key = '\(key)' AND seq = \(seq)")
        _ = try s.sql(sql)
        let forged = hex(try image(of: table, key: key, in: s.db))
        _ = try s.sql("UPDATE row_binding SET image = X'\(forged)' WHERE tbl = '\(table)' AND key = '\(key)' AND seq = \(seq)")
        return (seq, genuine)
    }

    private func restore(_ s: Sandbox, _ table: String, key: String, _ forgery: (seq: String, genuine: String)) throws {
        _ = try s.sql("UPDATE row_binding SET image = X'\(forgery.genuine)' WHERE tbl = '\(table)' AND key = '\(key)' AND seq = \(forgery.seq)")
    }

    /// The macro ceiling raised with its binding (an attacker's review of this change): every
    /// request granted; with the binding put back, the decisions' binding of the ledger shows a
    /// ceiling that only `init` sets.
    @Test func aRaisedCeilingIsNamedAfterTheDecisions() throws {
        let s = try NoRowLaunderedTests().round()
        defer { s.remove() }
        let forgery = try forge(s, "ledger", key: "1", "UPDATE ledger SET ceiling_cents = 60000000000")
        #expect(try s.run(["nza", "decide", "--all"], today: "2027-01-04").status == 0)
        #expect(try s.sql("SELECT count(*) FROM beschikking WHERE status = 'granted'") == "2", "both granted under the raised ceiling")
        try restore(s, "ledger", key: "1", forgery)
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("bound ledger 1 with ceiling_cents € 600.000.000,00, where event \(forgery.seq) bound € 6.000.000,00: only init changes it"),
                "\(verify.stdout.prefix(800))")
    }

    /// A theme's budget raised with its binding before the allocation and both put back after
    /// (an attacker's review of this change): the allocation binds the settings it read, so the
    /// chain holds the raised budget at its event and `audit verify` names it.
    @Test func aThemeBudgetReadByTheAllocationIsBoundToIt() throws {
        let s = try StagedRound.sandbox(before: "round allocate", count: 12, seed: 22)
        defer { s.remove() }
        let genuine = try s.sql("SELECT amount_cents FROM theme WHERE theme = 'ai'")
        let forgery = try forge(s, "theme", key: "ai", "UPDATE theme SET amount_cents = amount_cents * 2 WHERE theme = 'ai'")
        let allocate = try s.run(["round", "allocate", "--seed", "trust"], today: "2026-12-02")
        #expect(allocate.status == 0, "\(allocate.stderr)")
        _ = try s.sql("UPDATE theme SET amount_cents = \(genuine) WHERE theme = 'ai'")
        try restore(s, "theme", key: "ai", forgery)
        let allocation = try s.sql("SELECT max(seq) FROM audit_event WHERE action = 'allocate'")
        let verify = try s.run(["audit", "verify", "--json"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\"first_bad\": \(allocation)") && verify.stdout.contains("amount_cents") && verify.stdout.contains("only init changes it"),
                "\(verify.stdout.prefix(800))")
    }

    /// An amount shifted from one theme's granted total to another's, rows and bindings together
    /// (an attacker's review of this change): the sum still matches the ledger, but a reallocation
    /// recounts each theme before it hands out room per theme, and refuses.
    @Test(arguments: [true, false])
    func aReallocationRecountsEachTheme(shifted: Bool) throws {
        let s = try StagedRound.sandbox(before: "round reallocate", count: 12, seed: 23)
        defer { s.remove() }
        if shifted {
            _ = try forge(s, "theme", key: "ai", "UPDATE theme SET granted_cents = granted_cents - 100000000 WHERE theme = 'ai'")
            _ = try forge(s, "theme", key: "medische-technologie", "UPDATE theme SET granted_cents = granted_cents + 100000000 WHERE theme = 'medische-technologie'")
        }
        let result = try s.run(["round", "reallocate"], today: "2027-07-01")
        if shifted {
            #expect(result.status == 1 && result.stderr.contains("E-LEDGER") && result.stderr.contains("theme ai: kept granted"), "\(result.stderr)")
        } else {
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    /// A status change no step of the transaction's commands makes (an allocated application
    /// granted by a decision, never requested) is named at its event; the step the command makes
    /// (allocated → requested by a request) passes. Written here as a transaction of the store, as
    /// a laundering leaves it in the chain.
    @Test(arguments: [("nza-decide", "granted", false), ("nza-request", "requested", true)])
    func aStatusChangeIsHeldToTheCommandsSteps(action: String, status: String, allowed: Bool) throws {
        let s = try StagedRound.sandbox(before: "nza request", count: 12, seed: 24)
        defer { s.remove() }
        let id = try s.sql("SELECT min(id) FROM application WHERE status = 'allocated'")
        let store = try Store.open(at: s.db)
        try store.db.writeTransaction { () throws(DoorbraakError) in
            try store.db.run("UPDATE application SET status = ? WHERE id = ?", [.text(status), .text(id)])
            try AuditLog.append(in: store.db, AuditContext(actor: "test", at: "2026-12-03T00:00:00Z", today: Day(2026, 12, 3)), action: action, subject: id, before: "allocated", after: status)
        }
        let verify = try s.run(["audit", "verify"])
        if allowed {
            #expect(!verify.stdout.contains("no step of these commands"), "\(verify.stdout.prefix(600))")
        } else {
            #expect(verify.status == 1 && verify.stdout.contains("(nza-decide) bound application \(id) with status granted") && verify.stdout.contains("bound allocated: no step of these commands leads from allocated to granted"),
                    "\(verify.stdout.prefix(600))")
        }
    }

    @Test func theSameDecisionWithoutAForgeryVerifies() throws {
        let s = try NoRowLaunderedTests().round()
        defer { s.remove() }
        #expect(try s.run(["nza", "decide", "--all"], today: "2027-01-04").status == 0)
        #expect(try s.run(["audit", "verify"]).status == 0)
    }
}
