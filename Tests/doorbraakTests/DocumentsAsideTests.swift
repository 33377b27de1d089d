@testable import DoorbraakStore
import DoorbraakCore
import Foundation
import Testing

/// `nza decide --all` reads the requests' documents on a second thread while its plan checks the
/// tables (`DocumentsAside`, issue 21). A document read there counts only when it hashes to the
/// SHA-256 of its checked `submission` row; the decisions, prestaties, totals and trail are the
/// same as when the plan reads them itself, and a document edited while it is read beside
/// moves no money.
@Suite(.serialized) struct DocumentsAsideTests {
    @Test func theDocumentsReadBesideGrantWhatTheOnesReadByThePlanGrant() throws {
        let alone = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 33)
        defer { alone.remove() }
        let beside = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 33)
        defer { beside.remove() }
        let a = try alone.run(["nza", "decide", "--all"], today: "2027-01-04", environment: ["DOORBRAAK_CHECKS_BESIDE_WRITER": "0", "DOORBRAAK_DECIDE_BATCH": "5"])
        let b = try beside.run(["nza", "decide", "--all"], today: "2027-01-04", environment: ["DOORBRAAK_DECIDE_BATCH": "5"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\n\(b.stderr)")
        #expect(a.stdout == b.stdout && a.stdout.contains("granted"), "\(a.stdout)\n\(b.stdout)")
        for query in ["SELECT application_id || ' ' || milestone || ' ' || code || ' ' || tariff_cents FROM prestatie ORDER BY 1",
                      "SELECT group_concat(year || ' ' || granted_cents || ' ' || pending_cents, '; ') FROM ledger_year",
                      "SELECT granted_cents || ' ' || pending_cents FROM ledger",
                      "SELECT group_concat(action || '|' || subject || '|' || before || '|' || after, char(10)) FROM (SELECT * FROM audit_event ORDER BY seq)"] {
            let (x, y) = (try alone.sql(query), try beside.sql(query))
            #expect(x == y && !x.isEmpty, "\(query)\n\(x)\n\(y)")
        }
        #expect(try beside.run(["audit", "verify"]).status == 0)
    }
}
