import Foundation
import Testing

/// A database of the last landing (schema version 10, events without business dates or row
/// bindings; `Fixtures/schema-10-round.sqlite`, the demo's round of 12 applications made by that
/// version) is upgraded by the first command that opens it: one `bind` event binds every row as
/// it stands, the older events keep their hashes (an anchor taken before still holds), and from
/// then on an edited row is named.
@Suite struct UpgradeTests {
    @Test func anOlderRoundIsUpgradedAndBoundAndItsAnchorStillHolds() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let fixture = packageRoot.appendingPathComponent("Tests/doorbraakTests/Fixtures/schema-10-round.sqlite").path
        try FileManager.default.copyItem(atPath: fixture, toPath: s.db)
        #expect(try s.sql("PRAGMA user_version") == "10")
        let events = try s.sql("SELECT count(*) FROM audit_event")
        let oldAnchor = "\(events):" + (try s.sql("SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1"))

        let verify = try s.run(["audit", "verify", "--head", oldAnchor])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        #expect(try s.sql("PRAGMA user_version") == "11")
        #expect(try s.sql("SELECT action || ' ' || subject FROM audit_event ORDER BY seq DESC LIMIT 1") == "bind round")
        let bound = Int(try s.sql("SELECT count(*) FROM row_binding")) ?? 0
        #expect(bound > 100 && verify.stdout.contains("rows ok: \(bound) rows"), "\(verify.stdout)")

        _ = try s.sql("UPDATE claim SET amount_cents = amount_cents + 1 WHERE claim_id = (SELECT min(claim_id) FROM claim WHERE status = 'reached')")
        let edited = try s.run(["audit", "verify", "--json", "--head", oldAnchor])
        #expect(edited.status == 1 && edited.stdout.contains("\"table\": \"claim\"") && edited.stdout.contains("amount_cents"), "\(edited.stdout)")
    }
}
