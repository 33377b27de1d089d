import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

@Suite struct PayoutPropertyTests {
    /// Random sequences of requests, grants, payouts (valid and not), releases and reallocations:
    /// after every step committed ≤ ceiling ≤ €600 mln, kept totals equal a full recount, paid +
    /// released ≤ bovengrens as granted for every beschikking, and no milestone is paid above its tariff.
    @Test(arguments: [UInt64(1), 2, 3])
    func committedNeverExceedsTheCeilingAndKeptTotalsEqualTheRecount(seed: UInt64) throws {
        let s = try Sandbox()
        defer { s.remove() }
        var rng = SplitMix64(seed: seed)
        let apps = (1...24).map { i in ("PROP-\(100 + i)", rng.int(1...40) * 100_000_00, rng.int(10...900)) }
        // Theme amount and ceiling €20 mln: about half is allocated, the rest waits.
        try s.payoutRound(ceiling: "20000000.00", themeAmount: "20000000.00", applications: apps)
        let store = try Store.open(at: s.db)
        let event = AuditContext(actor: "test", at: "2028-01-01T00:00:00Z", today: Day(2029, 12, 31))
        let days = [Day(2027, 3, 1), Day(2027, 9, 1), Day(2028, 5, 1), Day(2029, 12, 31), Day(2030, 1, 1)]
        var claimNumber = 0
        for step in 0..<(longTests ? 1_500 : 150) {
            let id = apps[Int(rng.int(0...Int64(apps.count - 1)))].0
            switch rng.int(0...9) {
            case 0:
                _ = try? store.reallocate(today: event.today, dryRun: rng.chance(30), event: event)
            case 1:
                _ = try? store.db.writeTransaction { () throws(DoorbraakError) in
                    try store.requestBeschikking(id, contract: "OVK-\(id)", today: event.today, event: event)
                }
            case 2:
                _ = try? store.decideBeschikking(id, today: event.today, event: event)
            default:
                claimNumber += 1
                let milestone = "M\(rng.int(1...3))"
                let tariff = (try store.application(id)?.milestones.first { $0.code == milestone }?.tariff) ?? Money(euros: 1)
                let missed = rng.chance(30)
                let amount = missed ? Money.zero : Money(cents: max(1, tariff.cents - rng.int(-2...5) * 1_000_00))
                let claim = Claim(id: "P-\(claimNumber)", application: id, milestone: milestone, provider: rng.chance(95) ? "12345678" : "99999999",
                                  insurer: rng.chance(95) ? "3311" : "3343", amount: amount, date: rng.pick(days),
                                  status: missed ? .missed : .reached, evidence: rng.chance(95) ? "e" : "")
                _ = try? store.db.writeTransaction { () throws(DoorbraakError) in try store.settle(claim, today: event.today, event: event) }
            }
            let kept = try store.ceilingStatus()
            #expect(kept == (try store.recountedCeilingStatus()), "seed \(seed) step \(step): kept totals differ from the recount")
            #expect(kept.committed <= kept.ceiling && kept.ceiling <= Money.maximum, "seed \(seed) step \(step)")
            #expect(try store.db.integer("SELECT count(*) FROM beschikking WHERE paid_cents + released_cents > bovengrens_cents") == 0)
            // Paid in parts, never more than the tariff: the parts of a milestone add up to what it was paid.
            #expect(try store.db.integer("""
                SELECT count(*) FROM application_milestone m WHERE m.paid_cents <> (SELECT coalesce(sum(c.amount_cents), 0) FROM claim c
                    WHERE c.application_id = m.application_id AND c.milestone = m.code AND c.status = 'reached') OR m.paid_cents > m.tariff_cents
                """) == 0)
            #expect(try store.db.integer("SELECT count(*) FROM application_milestone m JOIN beschikking b ON b.application_id = m.application_id WHERE m.status = 'paid' AND m.paid_cents > m.tariff_cents") == 0)
        }
        #expect(try store.db.integer("SELECT count(*) FROM claim") > 0, "the sequence settled claims")
        #expect(try store.db.integer("SELECT count(*) FROM bovengrens_release") > 0, "the sequence released money")
        #expect(try AuditLog.verify(in: store.db).ok)
        try s.checkPayoutInvariant("seed \(seed) end")
    }
}
