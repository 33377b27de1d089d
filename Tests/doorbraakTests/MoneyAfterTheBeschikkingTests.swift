import Foundation
import Testing

/// Issue 19 end to end: the board sets the bar after the what-if, the period closes, partners
/// without budget and regional adaptations (the parts and the recovery have their own tests in
/// PayoutCLITests and VerantwoordingCLITests).
@Suite struct MoneyAfterTheBeschikkingTests {
    /// A round with the payout-test plan and bar 17: A at 17.0 fte per €mln, B at 16.9.
    func barRound() throws -> Sandbox {
        let s = try Sandbox()
        let plans = s.folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try payoutTestPlan.write(to: plans.appendingPathComponent("payout-test.json"), atomically: true, encoding: .utf8)
        try #require(try s.run(["init", "--plans", plans.path, "--bar", "17"]).status == 0)
        let apps = [payoutApplication("BAR-A", cents: 1_000_000_00, fteTenths: 170), payoutApplication("BAR-B", cents: 1_000_000_00, fteTenths: 169)]
        _ = try s.run(["import", "applications", try s.file("apps.jsonl", apps.joined(separator: "\n")), "--partial"])
        return s
    }

    @Test func loweringTheBarAdmitsWhatWasRefusedOnlyForTheBar() throws {
        let s = try barRound()
        defer { s.remove() }
        #expect(try s.sql("SELECT status || ' ' || codes FROM application WHERE id = 'BAR-B'") == "inadmissible E-BAR")
        // 16.91 is still above B's 16.90: nothing changes for B.
        let notYet = try s.run(["round", "bar", "16.91", "--json"])
        let notYetAdmitted = try json(notYet.stdout)["admitted"] as? [String]
        #expect(notYet.status == 0 && notYetAdmitted == [])
        let lowered = try s.run(["round", "bar", "16.90"])
        #expect(lowered.status == 0 && lowered.stdout.contains("1 submission refused only for E-BAR now admissible"), "\(lowered.stdout)\(lowered.stderr)")
        #expect(try s.sql("SELECT status || ' ' || codes FROM application WHERE id = 'BAR-B'").trimmingCharacters(in: .whitespaces) == "submitted")
        // B must be reviewed before the allocation.
        let reviews = "application_id,insurer,decision,reason,accepted_deviations,note\nBAR-A,3311,approve,,,\nBAR-A,7029,approve,,,\n"
        #expect(try s.run(["import", "reviews", try s.file("r.csv", reviews)]).status == 0)
        let held = try s.run(["round", "allocate", "--seed", "s"], today: "2026-12-02")
        #expect(held.status == 1 && held.stderr.contains("E-UNDECIDED") && held.stderr.contains("BAR-B"), "\(held.stderr)")
        #expect(try s.run(["import", "reviews", try s.file("r2.csv", "application_id,insurer,decision,reason,accepted_deviations,note\nBAR-B,3311,approve,,,\nBAR-B,7029,approve,,,\n")]).status == 0)
        #expect(try s.run(["round", "allocate", "--seed", "s"], today: "2026-12-02").status == 0)
        #expect(try s.sql("SELECT group_concat(status) FROM application ORDER BY id") == "allocated,allocated")
        let after = try s.run(["round", "bar", "9"], today: "2026-12-03")
        #expect(after.status == 1 && after.stderr.contains("E-STATE"))
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    @Test func raisingTheBarLeavesThoseBelowItNotAllocated() throws {
        let s = try barRound()
        defer { s.remove() }
        let reviews = "application_id,insurer,decision,reason,accepted_deviations,note\nBAR-A,3311,approve,,,\nBAR-A,7029,approve,,,\n"
        #expect(try s.run(["import", "reviews", try s.file("r.csv", reviews)]).status == 0)
        // The bar is not dated before the latest change of the round, and the message names that change.
        let early = try s.run(["round", "bar", "17"], today: "2026-11-22")
        #expect(early.status == 1 && early.stderr.contains("E-DATE") && early.stderr.contains(": review BAR-A)"), "\(early.stderr)")
        // At the bar exactly: A (17.00) stays; one hundredth above: A falls below.
        #expect(try s.run(["round", "bar", "17", "--json"]).stdout.contains("\"below\": []"))
        let raised = try s.run(["round", "bar", "17.01"])
        #expect(raised.status == 0 && raised.stdout.contains("1 application below the new bar will not be allocated"), "\(raised.stdout)")
        #expect(try s.run(["round", "allocate", "--seed", "s"], today: "2026-12-02").status == 0)
        #expect(try s.sql("SELECT status FROM application WHERE id = 'BAR-A'") == "not-allocated")
        #expect(try s.sql("SELECT reason FROM allocation WHERE application_id = 'BAR-A'").hasPrefix("E-BAR"))
        #expect(try s.run(["round", "bar", "A"], today: "2026-12-03").status == 1)
        let log = try s.run(["audit", "log", "round"]).stdout
        #expect(log.contains("bar 17.01 set by the board"), "\(log)")
    }

    @Test func thePeriodClosesFrom2030AndThenNothingIsPaid() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("CL-A", 1_000_000_00, 500)])
        // M1 paid in part (200.000 of 300.000): reached; M2 and M3 open.
        #expect(try s.run(["import", "claims", try s.file("c.csv", claimHeader + "P-1,CL-A,M1,12345678,3311,200000.00,2027-06-15,reached,a.pdf\n")], today: "2027-07-01").status == 0)
        let early = try s.run(["round", "close"], today: "2029-12-31")
        #expect(early.status == 1 && early.stderr.contains("E-PERIOD") && early.stderr.contains("2030-01-01"), "\(early.stderr)")
        let closed = try s.run(["round", "close"], today: "2030-01-01")
        #expect(closed.status == 0 && closed.stdout.contains("1 beschikking made final") && closed.stdout.contains("€ 800.000,00 released"), "\(closed.stdout)\(closed.stderr)")
        let show = try json(try s.run(["application", "show", "CL-A", "--json"]).stdout)
        #expect(show["final"] as? Bool == true && show["bovengrens"] as? String == "200000.00")
        #expect((show["milestones"] as? [[String: Any]])?.map { $0["status"] as? String } == ["released", "released", "released"])
        let ceiling = try json(try s.run(["ceiling", "--json"]).stdout)
        #expect(ceiling["granted"] as? String == "1000000.00" && ceiling["paid"] as? String == "200000.00" && ceiling["released"] as? String == "800000.00")
        let late = try s.run(["import", "claims", try s.file("d.csv", claimHeader + "P-2,CL-A,M1,12345678,3311,100000.00,2027-06-20,reached,a.pdf\n")], today: "2030-01-02")
        #expect(late.status == 1 && late.stderr.contains("E-PERIOD") || late.stderr.contains("E-CLAIM-STATE"), "\(late.stderr)")
        #expect(try s.run(["round", "close"], today: "2030-01-02").stderr.contains("E-STATE"))
        #expect(try s.run(["audit", "verify"]).status == 0)
        // The close undone with sqlite3: the claim meets the edited round row, not the rules.
        _ = try s.sql("UPDATE round SET closed_on = NULL")
        let reopened = try s.run(["import", "claims", try s.file("e.csv", claimHeader + "P-3,CL-A,M1,12345678,3311,100000.00,2027-06-20,reached,a.pdf\n")], today: "2030-01-02")
        #expect(reopened.status == 1 && reopened.stderr.contains("E-LEDGER") && reopened.stderr.contains("closed_on"), "\(reopened.stderr)")
        #expect(try s.run(["audit", "verify"]).stdout.contains("closed_on"))
        _ = try s.sql("UPDATE round SET closed_on = '2030-01-01'")
        let releases = try s.sql("SELECT group_concat(kind || ' ' || coalesce(milestone, '-') || ' ' || amount_cents, '; ') FROM bovengrens_release")
        #expect(releases == "close M1 10000000; close M2 30000000; close M3 40000000", "\(releases)")
        // The close's releases count in 2029 per year and in 2029-Q4 per quarter, never in 2030.
        let quarters = try json(try s.run(["payouts", "--by", "quarter", "--json"]).stdout)
        let lines = try #require(quarters["quarters"] as? [[String: Any]], "\(quarters)")
        #expect(!lines.contains { ($0["quarter"] as? String ?? "").hasPrefix("2030") }, "\(lines)")
        #expect(lines.first { $0["quarter"] as? String == "2029-Q4" }?["released"] as? String == "800000.00", "\(lines)")
        #expect(lines.first { $0["quarter"] as? String == "2027-Q2" }?["paid"] as? String == "200000.00", "\(lines)")
    }

    // MARK: - Found by an attacker's review of issue 19

    @Test func aPartnerWithoutBudgetTakesPartButIsPaidNothing() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initPayoutPlan()
        var document = try JSONSerialization.jsonObject(with: Data(payoutApplication("Z-1", cents: 1_000_000_00, fteTenths: 500).utf8)) as! [String: Any]
        document["coalition"] = (document["coalition"] as! [[String: Any]]) + [["agb": "34567890", "name": "Stille partner", "amount": "0.00"]]
        let line = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        #expect(try s.run(["import", "applications", try s.file("a.jsonl", line)]).status == 0, "a partner without budget may take part")
        #expect(try s.run(["import", "reviews", try s.file("r.csv", "application_id,insurer,decision,reason,accepted_deviations,note\nZ-1,3311,approve,,,\nZ-1,7029,approve,,,\n")]).status == 0)
        #expect(try s.run(["round", "allocate", "--seed", "s"], today: "2026-12-02").status == 0)
        #expect(try s.run(["nza", "request", "Z-1", "--contract", "OVK-1"], today: "2026-12-03").status == 0)
        #expect(try s.run(["nza", "decide", "--all"], today: "2027-01-04").status == 0)
        let toPartner = try s.run(["import", "claims", try s.file("c.csv", claimHeader + "Z-C1,Z-1,M1,34567890,3311,300000.00,2027-06-15,reached,a.pdf\n")], today: "2027-06-30")
        #expect(toPartner.status == 1 && toPartner.stderr.contains("E-CLAIM-PROVIDER") && toPartner.stderr.contains("without budget"), "\(toPartner.stderr)")
    }

    @Test func aRegionIsOneLineAndAdaptationsAreFew() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let injected = try s.run(["application", "check", try s.file("a.json", try applicationLine("RG-1") { d in d["region"] = "Utrecht\ntotal 999" })])
        #expect(injected.status == 65 && injected.stderr.contains("region"), "\(injected.stderr)")
        var many: [String: String] = [:]
        for i in 0...DeviationFinderLimit.maximum { many["regional.r\(i)"] = "aanpassing \(i)" }
        let tooMany = try s.run(["application", "check", try s.file("b.json", try applicationLine("RG-2") { d in d["deviations"] = many })])
        #expect(tooMany.status == 1 && tooMany.stderr.contains("at most \(DeviationFinderLimit.maximum)"), "\(tooMany.stderr)")
        many.removeValue(forKey: "regional.r0")
        #expect(try s.run(["application", "check", try s.file("c.json", try applicationLine("RG-3") { d in d["deviations"] = many })]).status == 0, "exactly the maximum")
    }

    @Test func theCloseRefusesPendingRequestsAndABackDatedBarIsRefused() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("PC-A", 1_000_000_00, 500), ("PC-B", 1_000_000_00, 400)], decideOn: nil)
        #expect(try s.run(["nza", "decide", "PC-A"], today: "2027-01-04").status == 0)
        let closed = try s.run(["round", "close", "--json"], today: "2030-01-01")
        let refused = try json(closed.stdout)["refused"] as? [String]
        #expect(closed.status == 0 && refused == ["PC-B"], "\(closed.stdout)\(closed.stderr)")
        #expect(try s.sql("SELECT pending_cents FROM ledger") == "0")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    @Test func aClaimRenamedWithSqliteIsNotPaidAgain() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("RN-A", 1_000_000_00, 500)])
        let file = try s.file("c.csv", claimHeader + "A1,RN-A,M1,12345678,3311,100000.00,2027-06-15,reached,a.pdf\n")
        #expect(try s.run(["import", "claims", file], today: "2027-06-30").status == 0)
        _ = try s.sql("UPDATE claim SET claim_id = 'A1-old' WHERE claim_id = 'A1'")
        let again = try s.run(["import", "claims", file], today: "2027-06-30")
        #expect(again.status == 1 && again.stderr.contains("E-LEDGER") && again.stderr.contains("claim"), "\(again.stderr)")
        #expect(try s.sql("SELECT paid_cents FROM application_milestone WHERE code = 'M1'") == "10000000")
    }

    @Test func lowerThenRaiseLeavesNoRoundStuckAndTheBarIsNotBackDated() throws {
        let s = try barRound()
        defer { s.remove() }
        #expect(try s.run(["round", "bar", "16.90"]).status == 0)   // admits BAR-B (16.90), to be reviewed
        #expect(try s.run(["round", "bar", "17"]).status == 0)      // BAR-B below again
        let reviews = "application_id,insurer,decision,reason,accepted_deviations,note\nBAR-A,3311,approve,,,\nBAR-A,7029,approve,,,\n"
        #expect(try s.run(["import", "reviews", try s.file("r.csv", reviews)]).status == 0)
        let back = try s.run(["round", "bar", "17"], today: "2026-11-22")
        #expect(back.status == 1 && back.stderr.contains("E-DATE"), "\(back.stderr)")
        let allocated = try s.run(["round", "allocate", "--seed", "s"], today: "2026-12-02")
        #expect(allocated.status == 0, "an application below the bar does not hold the round: \(allocated.stderr)")
    }
}

/// The limit the tests use (`DeviationFinder.maximumRegional`), read through the CLI's library.
enum DeviationFinderLimit { static let maximum = 20 }
