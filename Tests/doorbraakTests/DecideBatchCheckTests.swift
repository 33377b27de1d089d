@testable import DoorbraakStore
import DoorbraakCore
import Foundation
import Testing

/// Each batch of `nza decide --all` checks the rows of its own requests again in its own
/// transaction (issue 21): a row edited outside doorbraak after an earlier batch committed stops
/// the run at the next batch, names the row, and nothing is granted on it.
@Suite(.serialized) struct DecideBatchCheckTests {
    @Test(arguments: [
        ("UPDATE review SET note = 'edited' WHERE application_id IN (SELECT application_id FROM beschikking WHERE status = 'pending')", "review"),
        ("UPDATE submission SET document = document || ' ' WHERE seq IN (SELECT a.submission_seq FROM application a JOIN beschikking b ON b.application_id = a.id WHERE b.status = 'pending')", "submission"),
        ("UPDATE application_milestone SET tariff_cents = tariff_cents + 1 WHERE application_id IN (SELECT application_id FROM beschikking WHERE status = 'pending')", "application_milestone"),
        ("UPDATE beschikking SET bovengrens_cents = bovengrens_cents + 1 WHERE status = 'pending'", "beschikking"),
    ])
    func aRowEditedBetweenBatchesStopsTheRun(sql: String, table: String) throws {
        let round = try StagedRound(count: 12, seed: 21)
        defer { round.remove() }
        let s = try copy(of: try #require(round.templates["nza decide --all"]))
        defer { s.remove() }
        let pendingBefore = try s.sql("SELECT count(*) FROM beschikking WHERE status = 'pending'")
        let store = try Store.open(at: s.db)
        var edited = false
        Store.betweenDecisionBatches = { _ in
            guard !edited else { return }
            edited = true
            _ = try? s.sql(sql)
        }
        defer { Store.betweenDecisionBatches = nil }
        let event = AuditContext(actor: "test", at: "2027-01-04T00:00:00Z", today: Day(2027, 1, 4))
        #expect {
            _ = try store.decideAll(today: event.today, event: event, batch: 3)
        } throws: { error in
            guard let e = error as? DoorbraakError else { return false }
            return e.code == .ledger && e.message.contains(table) && e.message.contains("committed before it stopped")
        }
        #expect(edited)
        // The first batch stands; nothing after it was decided.
        let pendingAfter = try s.sql("SELECT count(*) FROM beschikking WHERE status = 'pending'")
        #expect(Int(pendingAfter) ?? 0 > 0 && Int(pendingAfter) ?? 0 < Int(pendingBefore) ?? 0, "\(pendingBefore) → \(pendingAfter)")
        #expect(try s.run(["audit", "verify"]).status == 1, "verify names the edited row")
    }
}
