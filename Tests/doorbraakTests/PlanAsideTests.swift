@testable import DoorbraakStore
import DoorbraakCore
import Foundation
import Testing

/// `nza decide --all`'s plan checks three tables and reads the requests' documents on a second
/// thread while it checks the other tables (`PlanAside`, issue 21): the decisions, prestaties,
/// totals and trail are the same as on one thread, and a row edited in a table checked beside
/// refuses the run in the same words. (A document read beside from other bytes:
/// `DecideBatchCheckTests`, whose suite is serialized for the hook it uses.)
@Suite(.serialized) struct PlanAsideTests {
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

    /// The connection beside is closed before the plan's own closes, however late its thread
    /// ends: the plan's, closing last, removes -wal and -shm (CI found a reader's left behind by
    /// `audit verify`'s second connection on a busy machine; the plan's second connection was
    /// closed the same way, on its thread after it handed over).
    @Test func theConnectionBesideIsClosedBeforeThePlansOwn() throws {
        let s = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 33)
        defer { s.remove() }
        PlanAside.afterItsEnd = { usleep(300_000) }
        defer { PlanAside.afterItsEnd = nil }
        let event = AuditContext(actor: "test", at: "2027-01-04T00:00:00Z", today: Day(2027, 1, 4))
        let decisions = try Store.open(at: s.db).decideAll(today: event.today, event: event, batch: 5)
        #expect(decisions.count > 5)
        for suffix in ["-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: s.db + suffix), "\(suffix) left behind") }
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    @Test(arguments: [
        ("UPDATE review SET note = 'edited' WHERE application_id = (SELECT min(application_id) FROM review)", "review"),
        ("UPDATE application_provider SET amount_cents = amount_cents + 1 WHERE application_id = (SELECT min(application_id) FROM application_provider)", "application_provider"),
        ("DELETE FROM allocation WHERE rowid = (SELECT max(rowid) FROM allocation)", "allocation"),
    ])
    func aRowEditedInATableCheckedBesideRefusesTheRunAsOnOneThread(sql: String, table: String) throws {
        var results: [CLIResult] = []
        for environment in [["DOORBRAAK_CHECKS_BESIDE_WRITER": "0"], [:]] {
            let s = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 33)
            defer { s.remove() }
            #expect(try s.sql(sql + "; SELECT changes();") != "0", "\(sql) changed no row")
            results.append(try s.run(["nza", "decide", "--all"], today: "2027-01-04", environment: environment))
            #expect(try s.sql("SELECT count(*) FROM prestatie") == "0", "nothing granted")
        }
        #expect(results[0].status == 1 && results[0].stderr.contains("E-LEDGER") && results[0].stderr.contains(table), "\(results[0].stderr)")
        #expect(results[0].status == results[1].status && results[0].stderr == results[1].stderr && results[0].stdout == results[1].stdout, "\(results[0].stderr)\n\(results[1].stderr)")
    }
}
