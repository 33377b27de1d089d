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
        let seq = try s.sql("SELECT max(seq) FROM row_binding WHERE tbl = 'application' AND key = 'S-0002'")
        let genuine = try s.sql("SELECT hex(image) FROM row_binding WHERE tbl = 'application' AND key = 'S-0002' AND seq = \(seq)")
        // The attacker: ×100 fte on the second request, and its newest binding made to match.
        _ = try s.sql("UPDATE application SET fte_tenths = fte_tenths * 100 WHERE id = 'S-0002'")
        let forged = hex(try image(of: "application", key: "S-0002", in: s.db))
        _ = try s.sql("UPDATE row_binding SET image = X'\(forged)' WHERE tbl = 'application' AND key = 'S-0002' AND seq = \(seq)")
        // The check before money moves compares the row with that binding: the gap that stays.
        let decide = try s.run(["nza", "decide", "--all"], today: "2027-01-04")
        #expect(decide.status == 0, "\(decide.stderr)")
        #expect(try s.sql("SELECT status FROM beschikking WHERE application_id = 'S-0002'") == "granted", "ranked first on the forged fte")
        // The decisions' transaction binds its rows to its last event (the sweep's refusal of S-0001).
        let grant = try s.sql("SELECT max(seq) FROM audit_event WHERE action = 'nza-decide'")
        // The old binding put back: every commitment holds again …
        _ = try s.sql("UPDATE row_binding SET image = X'\(genuine)' WHERE tbl = 'application' AND key = 'S-0002' AND seq = \(seq)")
        let verify = try s.run(["audit", "verify", "--json"])
        #expect(verify.status == 1)
        // … but the decision's transaction changed the fte, which only a new version changes.
        #expect(verify.stdout.contains("\"first_bad\": \(grant)"), "\(verify.stdout.prefix(600))")
        let text = try s.run(["audit", "verify"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("event \(grant) (nza-decide) bound application S-0002 with fte_tenths 1000.0 fte, where event \(seq) bound 10.0 fte: only bar or replace or submit changes it"),
                "\(text.stdout.prefix(800))")
    }

    @Test func theSameDecisionWithoutAForgeryVerifies() throws {
        let s = try NoRowLaunderedTests().round()
        defer { s.remove() }
        #expect(try s.run(["nza", "decide", "--all"], today: "2027-01-04").status == 0)
        #expect(try s.run(["audit", "verify"]).status == 0)
    }
}
