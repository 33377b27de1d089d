import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

let claimHeader = "claim_id,application_id,milestone,provider,insurer,amount,date,status,evidence\n"

@Suite struct PayoutCLITests {
    @Test func aRefusedClaimStaysRefusedWhenTheSameFileIsImportedAgain() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("ORD-A", 1_000_000_00, 500)])
        // M1 one cent above its tariff: refused (E-CLAIM-TARIFF) and kept as refused.
        let file = try s.file("h1.csv", claimHeader + "H1-1,ORD-A,M1,12345678,3311,300000.01,2027-06-15,reached,verslag-1.pdf\n")
        let first = try s.run(["import", "claims", file, "--partial"], today: "2027-06-30")
        #expect(first.status == 1 && first.stdout.contains("0 new, 0 unchanged, 1 rejected"), "\(first.stdout)\(first.stderr)")
        #expect(first.stderr.contains("E-CLAIM-TARIFF"))
        let events = try s.auditEvents()
        let again = try s.run(["import", "claims", file, "--partial"], today: "2027-06-30")
        #expect(again.status == 1 && again.stdout.contains("0 new, 0 unchanged, 1 rejected"), "re-importing the same file changes nothing: \(again.stdout)")
        #expect(again.stderr.contains("E-CLAIM-TARIFF") && again.stderr.contains("stays refused"), "\(again.stderr)")
        #expect(try s.auditEvents() == events)
        // The corrected claim, under a new id, is paid; the refused id with other content is a conflict.
        let fixed = try s.file("fix.csv", claimHeader + "H1-1b,ORD-A,M1,12345678,3311,300000.00,2027-06-15,reached,verslag-1.pdf\n")
        #expect(try s.run(["import", "claims", fixed], today: "2027-06-30").status == 0)
        let milestones = try json(try s.run(["application", "show", "ORD-A", "--json"]).stdout)["milestones"] as? [[String: Any]]
        #expect(milestones?.map { $0["status"] as? String } == ["paid", "expected", "expected"])
        let changed = try s.file("changed.csv", claimHeader + "H1-1,ORD-A,M1,12345678,3311,300000.00,2027-06-15,reached,verslag-1.pdf\n")
        let conflict = try s.run(["import", "claims", changed], today: "2027-06-30")
        #expect(conflict.status == 1 && conflict.stderr.contains("E-CLAIM-DUPLICATE"))
    }

    /// An early claim (its milestone follows one not yet settled) is right, only early: within one
    /// file it waits for the file's other rows; across the two insurers' files it is refused but
    /// not kept, and paid when imported again once the milestone before it is settled.
    @Test func anEarlyClaimWaitsForTheMilestoneBeforeItInTheFileOrInTheOtherInsurersFile() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("ORD-A", 1_000_000_00, 500), ("ORD-B", 1_000_000_00, 500)])
        // One file, M2 and M3 before M1: all three paid in the one import.
        let mixed = try s.file("mixed.csv", claimHeader
            + "A-3,ORD-A,M3,12345678,3311,400000.00,2027-06-25,reached,verslag-3.pdf\n"
            + "A-2,ORD-A,M2,12345678,3311,300000.00,2027-06-20,reached,verslag-2.pdf\n"
            + "A-1,ORD-A,M1,12345678,3311,300000.00,2027-06-15,reached,verslag-1.pdf\n")
        let one = try s.run(["import", "claims", mixed], today: "2027-06-30")
        #expect(one.status == 0 && one.stdout.contains("3 new, 0 unchanged, 0 rejected"), "\(one.stdout)\(one.stderr)")
        #expect(try s.run(["import", "claims", mixed], today: "2027-06-30").stdout.contains("0 new, 3 unchanged, 0 rejected"))
        // The same file again on an earlier date writes nothing, so it precedes nothing: unchanged,
        // not an E-DATE per row (a newcomer's try); a new claim on that date is still refused.
        let earlier = try s.run(["import", "claims", mixed], today: "2027-06-29")
        #expect(earlier.status == 0 && earlier.stdout.contains("0 new, 3 unchanged, 0 rejected") && !earlier.stderr.contains("E-DATE"), "\(earlier.stdout)\(earlier.stderr)")
        let newOnEarlier = try s.file("late.csv", claimHeader + "B-9,ORD-B,M1,12345678,3311,300000.00,2027-06-15,reached,verslag-1.pdf\n")
        #expect(try s.run(["import", "claims", newOnEarlier], today: "2027-06-29").stderr.contains("E-DATE"))
        // Insurer 3311's file holds ORD-B's M2; its M1 comes with 7029's file.
        let of3311 = try s.file("3311.csv", claimHeader + "B-2,ORD-B,M2,12345678,3311,300000.00,2027-06-20,reached,verslag-2.pdf\n")
        let of7029 = try s.file("7029.csv", claimHeader + "B-1,ORD-B,M1,12345678,7029,300000.00,2027-06-15,reached,verslag-1.pdf\n")
        let early = try s.run(["import", "claims", of3311, "--partial"], today: "2027-06-30")
        #expect(early.status == 1 && early.stdout.contains("0 new, 0 unchanged, 1 rejected"), "\(early.stdout)")
        #expect(early.stderr.contains("E-CLAIM-ORDER") && early.stderr.contains("import it again once that one is reached or released") && early.stderr.contains("3311.csv:2"), "\(early.stderr)")
        let events = try s.auditEvents()
        #expect(try s.run(["import", "claims", of3311, "--partial"], today: "2027-06-30").stderr.contains("E-CLAIM-ORDER"))
        #expect(try s.auditEvents() == events, "an early claim leaves no trace")
        #expect(try s.run(["import", "claims", of7029], today: "2027-06-30").status == 0)
        let paid = try s.run(["import", "claims", of3311], today: "2027-06-30")
        #expect(paid.status == 0 && paid.stdout.contains("1 new, 0 unchanged, 0 rejected"), "\(paid.stdout)\(paid.stderr)")
        let milestones = try json(try s.run(["application", "show", "ORD-B", "--json"]).stdout)["milestones"] as? [[String: Any]]
        #expect(milestones?.map { $0["status"] as? String } == ["paid", "paid", "expected"])
        // A claim dated after the business date is early too: refused, not kept, paid from its date.
        let dated = try s.file("dated.csv", claimHeader + "B-3,ORD-B,M3,12345678,3311,400000.00,2027-07-01,reached,verslag-3.pdf\n")
        let tooSoon = try s.run(["import", "claims", dated, "--partial"], today: "2027-06-30")
        #expect(tooSoon.status == 1 && tooSoon.stderr.contains("E-CLAIM-DATE") && tooSoon.stderr.contains("import it again from that day"), "\(tooSoon.stderr)")
        let onTheDay = try s.run(["import", "claims", dated], today: "2027-07-01")
        #expect(onTheDay.status == 0 && onTheDay.stdout.contains("1 new"), "\(onTheDay.stdout)\(onTheDay.stderr)")
    }

    /// With --transfer a theme may be granted more than its richtbedrag; `ceiling` shows what is
    /// left of it below zero and says why.
    @Test func ceilingExplainsARichtbedragOverdrawnByTransfer() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "1000000.00", applications: [("TRF-A", 2_000_000_00, 500)], transfer: true)
        let text = try s.run(["ceiling"]).stdout
        #expect(text.contains("-€ 1.000.000,00") && text.contains("below zero: the theme was granted more than its richtbedrag"), "\(text)")
        let themes = try json(try s.run(["ceiling", "--json"]).stdout)["themes"] as? [[String: Any]]
        #expect(themes?.first { $0["theme"] as? String == "ai" }?["richtbedrag_left"] as? String == "-1000000.00")
        #expect(themes?.first { $0["theme"] as? String == "digitale-hybride-zorg" }?["richtbedrag_left"] as? String == "275000000.00")
    }

    @Test func anInsurerPaysAQuartersClaimsAndAMissedMilestoneLowersTheBovengrens() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("PAY-A", 1_000_000_00, 500), ("PAY-B", 2_000_000_00, 500)])
        let q2 = try s.file("q2.csv", claimHeader
            + "Q2-1,PAY-A,M1,12345678,3311,300000.00,2027-06-15,reached,startverslag.pdf\n"
            + "Q2-2,PAY-B,M1,23456789,7029,,2027-06-20,missed,\n")
        let paid = try s.run(["import", "claims", q2], today: "2027-06-30")
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout.contains("2 new, 0 unchanged, 0 rejected"))
        // A semicolon file with a decimal comma and thousands dots pays a part of M2 (reached) ...
        let q4 = try s.file("q4.csv", claimHeader.replacingOccurrences(of: ",", with: ";") + "Q4-1;PAY-A;M2;12345678;3311;250.000,00;2027-12-20;reached;\"verslag; deel 2\"\n")
        #expect(try s.run(["import", "claims", q4], today: "2027-12-31").status == 0)
        // ... and the partner its rest: one cent over what is left is refused, exactly the rest pays M2 in full.
        let over = try s.run(["import", "claims", try s.file("q4b.csv", claimHeader + "Q4-2,PAY-A,M2,23456789,7029,50000.01,2027-12-21,reached,partnerverslag.pdf\n")], today: "2027-12-31")
        #expect(over.status == 1 && over.stderr.contains("E-CLAIM-TARIFF") && over.stderr.contains("€ 50.000,00 left"), "\(over.stderr)")
        let rest = try s.run(["import", "claims", try s.file("q4c.csv", claimHeader + "Q4-3,PAY-A,M2,23456789,7029,50000.00,2027-12-21,reached,partnerverslag.pdf\n")], today: "2027-12-31")
        #expect(rest.status == 0, "\(rest.stderr)")
        let again = try s.run(["import", "claims", q2], today: "2027-12-31")
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 new, 2 unchanged"))

        let a = try json(try s.run(["application", "show", "PAY-A", "--json"]).stdout)
        let milestones = try #require(a["milestones"] as? [[String: Any]])
        #expect(milestones.map { $0["status"] as? String } == ["paid", "paid", "expected"])
        #expect(milestones[0]["paid"] as? String == "300000.00")
        #expect(milestones[1]["paid"] as? String == "300000.00")
        let parts = (milestones[1]["parts"] as? [[String: Any]]) ?? []
        #expect(parts.map { $0["claim"] as? String } == ["Q4-1", "Q4-3"] && parts.map { $0["provider"] as? String } == ["12345678", "23456789"])
        #expect(((milestones[0]["parts"] as? [[String: Any]])?.first?["claim"] as? String) == "Q2-1")
        #expect(parts.first?["evidence"] as? String == "verslag; deel 2")
        let byProvider = try json(try s.run(["payouts", "--application", "PAY-A", "--json"]).stdout)
        let providers = (byProvider["providers"] as? [[String: Any]]) ?? []
        #expect(providers.map { $0["provider"] as? String } == ["12345678", "23456789"] && providers.map { $0["paid"] as? String } == ["550000.00", "50000.00"], "\(byProvider)")
        #expect(try s.run(["payouts", "--application", "PAY-A"]).stdout.contains("Q4-3"))
        let shown = try s.run(["application", "show", "PAY-A"]).stdout
        #expect(shown.contains("the parts paid per coalition member") && shown.contains("Q4-3") && shown.contains("€ 50.000,00"), "\(shown)")
        #expect(a["bovengrens"] as? String == "1000000.00")
        let b = try json(try s.run(["application", "show", "PAY-B", "--json"]).stdout)
        #expect(b["bovengrens"] as? String == "1400000.00")
        #expect(b["bovengrens_granted"] as? String == "2000000.00")
        #expect((b["milestones"] as? [[String: Any]])?.first?["released"] as? String == "600000.00")
        // `payouts --application` lists every milestone as it stands, a released one too (a
        // newcomer found only the parts paid there).
        let released = try s.run(["payouts", "--application", "PAY-B"]).stdout
        let m1 = released.split(separator: "\n").first { $0.hasPrefix("M1 ") && $0.contains("released") }
        #expect(released.contains("its milestones") && m1?.contains("€ 600.000,00") == true, "\(released)")
        let releasedJSON = try json(try s.run(["payouts", "--application", "PAY-B", "--json"]).stdout)["milestones"] as? [[String: Any]]
        #expect(releasedJSON?.first?["status"] as? String == "released" && releasedJSON?.first?["released"] as? String == "600000.00")
        let text = try s.run(["application", "show", "PAY-B"]).stdout
        #expect(text.contains("€ 1.400.000,00") && text.contains("released € 600.000,00"))
        #expect(try s.sql("SELECT actor FROM audit_event WHERE action = 'release'").hasSuffix("(insurer 7029)"))
        #expect(try s.sql("SELECT before || ' -> ' || after FROM audit_event WHERE action = 'release'").contains("bovengrens € 2.000.000,00"))

        let ceiling = try json(try s.run(["ceiling", "--json"]).stdout)
        #expect(ceiling["granted"] as? String == "3000000.00")
        #expect(ceiling["released"] as? String == "600000.00")
        #expect(ceiling["committed"] as? String == "2400000.00")
        #expect(ceiling["remaining"] as? String == "7600000.00")

        let payouts = try json(try s.run(["payouts", "--json"]).stdout)
        let lines = try #require(payouts["payouts"] as? [[String: Any]])
        let l3311 = try #require(lines.first { $0["insurer"] as? String == "3311" && $0["year"] as? Int == 2027 })
        #expect(l3311["paid"] as? String == "550000.00")
        // Expected for 3311 in 2027: B's M2 (600,000) — A's M1/M2 are paid; B is coordinated by 3311 too.
        #expect(l3311["expected"] as? String == "600000.00")
        let l7029 = try #require(lines.first { $0["insurer"] as? String == "7029" && $0["year"] as? Int == 2027 })
        #expect(l7029["released"] as? String == "600000.00")
        let only = try json(try s.run(["payouts", "--json", "--insurer", "7029"]).stdout)
        #expect((only["payouts"] as? [[String: Any]])?.allSatisfy { $0["insurer"] as? String == "7029" } == true)
        #expect(try s.run(["payouts", "--year", "2030"]).status == 64)

        // The last milestone paid in part: reached, not final; its missed rest makes it final.
        let q = try s.file("final.csv", claimHeader + "F-1,PAY-A,M3,12345678,7029,390000.00,2028-06-01,reached,eindrapport.pdf\n")
        #expect(try s.run(["import", "claims", q], today: "2028-06-30").status == 0)
        #expect(try json(try s.run(["application", "show", "PAY-A", "--json"]).stdout)["final"] as? Bool == false)
        let missedRest = try s.file("rest.csv", claimHeader + "F-3,PAY-A,M3,23456789,7029,,2028-06-02,missed,\n")
        #expect(try s.run(["import", "claims", missedRest], today: "2028-06-30").status == 0)
        let fin = try json(try s.run(["application", "show", "PAY-A", "--json"]).stdout)
        #expect(fin["final"] as? Bool == true)
        #expect(fin["bovengrens"] as? String == "990000.00")
        #expect(try s.sql("SELECT released_cents FROM ledger") == "61000000")
        let late = try s.run(["import", "claims", try s.file("late.csv", claimHeader + "F-2,PAY-A,M3,12345678,3311,1.00,2028-06-02,reached,x\n")], today: "2028-06-30")
        #expect(late.status == 1 && late.stderr.contains("E-CLAIM-STATE"))
        try s.checkPayoutInvariant("after final")
    }

    /// A part is paid once (a review: three alike parts under three ids paid one provider the
    /// whole tariff, and the other member's own part was then refused as over the tariff): the
    /// same part again under a new id is E-CLAIM-REPEAT, in the same file and in a later one,
    /// and kept as refused; the other member's part is paid, and so is an alike part the other
    /// insurer pays (each insurer pays its share under its own contract; the tariff caps both).
    @Test func thePartAgainUnderANewClaimIDIsRefused() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("PAY-A", 1_000_000_00, 500)])
        let part = ",PAY-A,M1,12345678,3311,100000.00,2027-06-15,reached,verslag-M1.pdf\n"
        let first = try s.run(["import", "claims", try s.file("a.csv", claimHeader + "R-1" + part + "R-2" + part), "--partial"], today: "2027-06-30")
        #expect(first.status == 1 && first.stdout.contains("1 new, 0 unchanged, 1 rejected"), "\(first.stdout)\(first.stderr)")
        #expect(first.stderr.contains("E-CLAIM-REPEAT: claim R-2 repeats claim R-1 paid on M1") && first.stderr.contains("a.csv:3: claim_id"), "\(first.stderr)")
        let later = try s.run(["import", "claims", try s.file("b.csv", claimHeader + "R-3" + part
            + "R-4,PAY-A,M1,23456789,3311,100000.00,2027-06-15,reached,verslag-M1.pdf\n"
            + "R-5,PAY-A,M1,12345678,7029,100000.00,2027-06-15,reached,verslag-M1.pdf\n"), "--partial"], today: "2027-06-30")
        #expect(later.status == 1 && later.stdout.contains("2 new, 0 unchanged, 1 rejected") && later.stderr.contains("E-CLAIM-REPEAT: claim R-3 repeats claim R-1"), "\(later.stdout)\(later.stderr)")
        #expect(try s.sql("SELECT group_concat(claim_id || ' ' || code, ', ') FROM (SELECT * FROM claim_refusal ORDER BY claim_id)") == "R-2 E-CLAIM-REPEAT, R-3 E-CLAIM-REPEAT")
        #expect(try s.sql("SELECT paid_cents FROM application_milestone WHERE application_id = 'PAY-A' AND code = 'M1'") == "30000000")
        try s.checkPayoutInvariant("after repeats")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// The claims found are all the claims (a tamper review: a paid part's row deleted, or moved to
    /// another application, with sqlite3 was never read, and the part again under a new id was
    /// paid): a milestone whose parts do not add up to its bound paid total settles nothing,
    /// E-LEDGER; a missed claim deleted likewise. `audit verify` names the row.
    @Test(arguments: [("DELETE FROM claim WHERE claim_id = 'R-1'", "R-2,PAY-A,M1,12345678,3311,100000.00,2027-06-15,reached,verslag-M1.pdf"),
                      ("UPDATE claim SET application_id = 'PAY-B' WHERE claim_id = 'R-1'", "R-2,PAY-A,M1,12345678,3311,100000.00,2027-06-15,reached,verslag-M1.pdf"),
                      ("DELETE FROM claim WHERE claim_id = 'M-1'", "M-2,PAY-B,M2,12345678,3311,100000.00,2027-06-01,reached,v.pdf")])
    func aClaimRowDeletedOrMovedSettlesNothingOnItsMilestone(sql: String, row: String) throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("PAY-A", 1_000_000_00, 500), ("PAY-B", 1_000_000_00, 500)])
        let part = ",PAY-A,M1,12345678,3311,100000.00,2027-06-15,reached,verslag-M1.pdf\n"
        #expect(try s.run(["import", "claims", try s.file("a.csv", claimHeader + "R-1" + part + "M-1,PAY-B,M1,12345678,3311,,2027-06-15,missed,\n")], today: "2027-06-30").status == 0)
        _ = try s.sql(sql)
        let before = try s.claimState()
        let again = try s.run(["import", "claims", try s.file("b.csv", claimHeader + row + "\n")], today: "2027-06-30")
        #expect(again.status == 1 && again.stderr.contains("E-LEDGER") && again.stderr.contains("a claim was deleted or moved outside doorbraak"), "\(sql): \(again.stdout)\(again.stderr)")
        #expect(try s.claimState() == before, "nothing settled: \(sql)")
        #expect(try s.run(["audit", "verify"]).status == 1)
    }

    @Test func theSameClaimIdWithOtherContentIsRefused() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("PAY-A", 1_000_000_00, 500)])
        #expect(try s.run(["import", "claims", try s.file("a.csv", claimHeader + "C-1,PAY-A,M1,12345678,3311,300000.00,2027-06-15,reached,e\n")], today: "2027-06-30").status == 0)
        let before = try s.claimState()
        let other = try s.run(["import", "claims", try s.file("b.csv", claimHeader + "C-1,PAY-A,M1,12345678,3311,299999.99,2027-06-15,reached,e\n")], today: "2027-06-30")
        #expect(other.status == 1 && other.stderr.contains("E-CLAIM-DUPLICATE"))
        let twice = try s.run(["import", "claims", try s.file("c.csv", claimHeader + "C-2,PAY-A,M1,12345678,3311,300000.00,2027-06-15,reached,e\n")], today: "2027-06-30")
        #expect(twice.status == 1 && twice.stderr.contains("E-CLAIM-MILESTONE"))
        #expect(try s.claimState() == before)
    }

    @Test(arguments: [
        ("unbalanced quote", claimHeader + "C-1,PAY-A,M1,12345678,3311,1.00,2027-06-15,reached,\"open\n", 2),
        ("missing column", claimHeader + "C-1,PAY-A,M1,12345678,3311,1.00,2027-06-15,reached\n", 2),
        ("extra column", claimHeader + "C-1,PAY-A,M1,12345678,3311,1.00,2027-06-15,reached,e,x\n", 2),
        ("empty file", "", 1),
        ("header only", claimHeader, 0),
        ("bad header", "claim,application_id\n", 1),
        ("decimal comma in a comma file", claimHeader + "C-1,PAY-A,M1,12345678,3311,\"1,00\",2027-06-15,reached,e\n", 2),
        ("bad status", claimHeader + "C-1,PAY-A,M1,12345678,3311,1.00,2027-06-15,done,e\n", 2),
        ("good row then a bad date", claimHeader + "C-1,PAY-A,M1,12345678,3311,1.00,2027-06-15,reached,e\nC-2,PAY-A,M2,12345678,3311,1.00,2027-13-01,reached,e\n", 3),
        ("BOM and CRLF with a bad row", "\u{FEFF}" + claimHeader.replacingOccurrences(of: "\n", with: "\r\n") + "C-1,PAY-A,M1,12345678,3311,1.00,2027-06-15,reached,e\r\nC-2,PAY-A,M2\r\n", 3),
        ("a row of 2 MB", claimHeader + "C-1,PAY-A,M1,12345678,3311,1.00,2027-06-15,reached,e\nC-2,PAY-A,M2,12345678,3311,1.00,2027-06-15,reached," + String(repeating: "x", count: 2 << 20) + "\n", 3),
    ] as [(String, String, Int)])
    func aMalformedFileIsExit65WithLineAndCodeAndChangesNothing(name: String, content: String, line: Int) throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("PAY-A", 1_000_000_00, 500)])
        let before = try s.claimState()
        let result = try s.run(["import", "claims", try s.file("bad.csv", content)], today: "2027-06-30")
        #expect(result.status == 65, "\(name): \(result.stderr)")
        #expect(result.stderr.contains("E-INPUT") || result.stderr.contains("E-CLAIM-STATUS"), "\(name): \(result.stderr)")
        if line > 0 { #expect(result.stderr.contains("bad.csv:\(line)"), "\(name): \(result.stderr)") }
        #expect(try s.claimState() == before, "\(name)")
        let jsonResult = try s.run(["import", "claims", try s.file("bad.csv", content), "--json"], today: "2027-06-30")
        #expect(jsonResult.status == 65)
    }

    @Test func aBOMAndCRLFFileIsAccepted() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("PAY-A", 1_000_000_00, 500)])
        let content = "\u{FEFF}" + claimHeader.replacingOccurrences(of: "\n", with: "\r\n") + "C-1,PAY-A,M1,12345678,3311,300000.00,2027-06-15,reached,e\r\n"
        let result = try s.run(["import", "claims", try s.file("ok.csv", content)], today: "2027-06-30")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try s.sql("SELECT paid_cents FROM ledger") == "30000000")
    }

    @Test func aReleaseFollowedByReallocateGrantsAWaitingApplication() throws {
        let s = try Sandbox()
        defer { s.remove() }
        // The ceiling holds the best application only; W waits (not-allocated).
        try s.payoutRound(ceiling: "1000000.00", themeAmount: "1000000.00", applications: [("PAY-A", 1_000_000_00, 900), ("PAY-W", 250_000_00, 100)])
        #expect(try s.sql("SELECT status FROM application WHERE id = 'PAY-W'") == "not-allocated")
        let none = try json(try s.run(["round", "reallocate", "--json"], today: "2027-07-01").stdout)
        #expect((none["allocated"] as? [String]) == [])
        // W cannot request before it is allocated.
        #expect(try s.run(["nza", "request", "PAY-W", "--contract", "OVK-W"], today: "2027-07-01").status == 1)
        #expect(try s.run(["import", "claims", try s.file("m.csv", claimHeader + "M-1,PAY-A,M1,12345678,3311,0,2027-06-30,missed,\n")], today: "2027-07-01").status == 0)
        let beforeRelease = try s.run(["round", "reallocate", "--dry-run"], today: "2027-06-30")
        #expect(beforeRelease.status == 1 && beforeRelease.stderr.contains("E-DATE") && beforeRelease.stderr.contains("2027-07-01"),
                "the room is not handed out before the release that freed it: \(beforeRelease.stderr)")
        let dry = try s.run(["round", "reallocate", "--dry-run", "--json"], today: "2027-07-01")
        #expect(try json(dry.stdout)["allocated"] as? [String] == ["PAY-W"])
        #expect(try json(dry.stdout)["room_before"] as? String == "300000.00")
        #expect(try s.sql("SELECT status FROM application WHERE id = 'PAY-W'") == "not-allocated", "a dry run writes nothing")
        let real = try s.run(["round", "reallocate", "--json", "--actor", "bo"], today: "2027-07-01")
        #expect(try json(real.stdout)["allocated"] as? [String] == ["PAY-W"])
        #expect(try json(real.stdout)["room_after"] as? String == "50000.00")
        #expect(try s.sql("SELECT actor FROM audit_event WHERE action = 'reallocate' AND subject = 'PAY-W'") == "bo (BO IZA/AZWA)")
        // A second run gives nothing more: W's promise counts until it is requested.
        #expect(try json(try s.run(["round", "reallocate", "--json"], today: "2027-07-01").stdout)["allocated"] as? [String] == [])
        #expect(try s.run(["nza", "request", "PAY-W", "--contract", "OVK-W"], today: "2027-07-02").status == 0)
        #expect(try s.run(["nza", "decide", "PAY-W"], today: "2027-07-03").status == 0)
        let ceiling = try json(try s.run(["ceiling", "--json"]).stdout)
        #expect(ceiling["committed"] as? String == "950000.00")
        #expect(ceiling["remaining"] as? String == "50000.00")
        try s.checkPayoutInvariant("after reallocation")
    }

    @Test func twoProcessesImportingOverlappingFilesPayEachMilestoneOnce() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let apps = (1...30).map { ("RACE-\(100 + $0)", Int64($0) * 100_000_00, Int64(500)) }
        try s.payoutRound(ceiling: "600000000.00", themeAmount: "600000000.00", applications: apps)
        func claims(_ prefix: String, _ range: ClosedRange<Int>) -> String {
            claimHeader + range.map { i in
                let id = apps[i].0
                let m1 = apps[i].1 / 100 * 30
                return "\(prefix)-\(id)-M1,\(id),M1,12345678,3311,\(euros(m1)),2027-06-15,reached,e\n\(prefix)-\(id)-M2,\(id),M2,12345678,3311,\(euros(m1)),2027-12-15,reached,e\n"
            }.joined()
        }
        // Overlap 10…19: the same claim ids in both files; 15…24 also under other ids in the second.
        let first = try s.file("first.csv", claims("X", 0...19))
        let second = try s.file("second.csv", claims("X", 10...14) + claims("Y", 15...29).dropFirst(claimHeader.count))
        // Two real processes at the same moment; then both files again (all unchanged).
        for round in 1...2 {
            let processes = try [first, second].enumerated().map { i, path in
                try startImport(s, path, output: s.folder.appendingPathComponent("out-\(round)-\(i).json"))
            }
            for p in processes { p.waitUntilExit() }
            let outputs = try (0..<2).map { i in try String(contentsOf: s.folder.appendingPathComponent("out-\(round)-\(i).json"), encoding: .utf8) }
            #expect(processes.allSatisfy { [0, 1].contains($0.terminationStatus) }, "\(outputs)")
            #expect(try s.sql("SELECT count(*) FROM (SELECT application_id, milestone FROM claim GROUP BY 1, 2 HAVING count(*) > 1)") == "0")
            #expect(try s.sql("SELECT count(*) FROM application_milestone WHERE status = 'paid'") == "60")
            #expect(try s.sql("SELECT sum(amount_cents) FROM claim") == (try s.sql("SELECT paid_cents FROM ledger")))
            let news = try outputs.map { try json($0)["new"] as? Int ?? -1 }
            #expect(news.reduce(0, +) == (round == 1 ? 60 : 0), "\(outputs)")
            try s.checkPayoutInvariant("race round \(round)")
        }
    }
}

/// Starts `import claims PATH --partial --json` without waiting; stdout goes to `output`.
func startImport(_ sandbox: Sandbox, _ path: String, output: URL) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: doorbraakBinary)
    process.arguments = ["--db", sandbox.db, "--today", "2028-01-01", "import", "claims", path, "--partial", "--json"]
    var env = ProcessInfo.processInfo.environment
    env["DOORBRAAK_BUSY_TIMEOUT_MS"] = "60000"
    process.environment = env
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

extension Sandbox {
    /// Kept payout totals equal the rows; paid + released never exceeds the bovengrens as granted.
    func checkPayoutInvariant(_ context: String) throws {
        try checkInvariant(context)
        #expect(try sql("SELECT count(*) FROM beschikking WHERE paid_cents + released_cents > bovengrens_cents") == "0", "\(context)")
        #expect(try sql("SELECT count(*) FROM beschikking b WHERE paid_cents <> (SELECT coalesce(sum(paid_cents), 0) FROM application_milestone m WHERE m.application_id = b.application_id)") == "0", "\(context)")
        #expect(try sql("SELECT released_cents FROM ledger") == (try sql("SELECT coalesce(sum(amount_cents), 0) FROM bovengrens_release")), "\(context)")
        #expect(try sql("SELECT paid_cents FROM ledger") == (try sql("SELECT coalesce(sum(paid_cents), 0) FROM application_milestone")), "\(context)")
        let store = try Store.open(at: db)
        #expect(try store.ceilingStatus() == (try store.recountedCeilingStatus()), "\(context): kept totals differ from the recount")
    }
}

/// Claims read forward in business time within a beschikking (a business-date review of the
/// twelfth landing: one file paid M3 dated before M1 was reached, and released M1 dated before a
/// part paid on it): refused with E-DATE naming the date, all or nothing, not kept as refused.
@Suite struct ClaimDateOrderCLITests {
    @Test func aLaterMilestoneIsNotPaidDatedBeforeAnEarlierOneWasReached() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "1000000.00", themeAmount: "1000000.00", applications: [("DO-1", 1_000_000_00, 900)])
        let before = try s.claimState()
        let backwards = claimHeader + "D1,DO-1,M1,12345678,3311,300000.00,2028-06-30,reached,plan.pdf\nD2,DO-1,M2,12345678,3311,300000.00,2028-05-01,reached,verslag.pdf\n"
        let refused = try s.run(["import", "claims", try s.file("b.csv", backwards), "--json"], today: "2028-07-01")
        let errors = try json(refused.stdout)["errors"] as? [[String: Any]]
        #expect(refused.status == 1 && errors?.map { $0["code"] as? String } == ["E-DATE"] && errors?.first?["line"] as? Int == 3 && errors?.first?["field"] as? String == "date", "\(refused.stdout)")
        #expect((errors?.first?["message"] as? String)?.contains("cannot precede M1 reached or released (its first claim) on 2028-06-30") == true)
        #expect(try s.claimState() == before, "all or nothing")
        // The same claim id with the date corrected is paid: nothing was kept as refused.
        let fixed = backwards.replacingOccurrences(of: "2028-05-01", with: "2028-06-30")
        #expect(try s.run(["import", "claims", try s.file("f.csv", fixed)], today: "2028-07-01").status == 0)
        // A release of M3 dated before a part paid on it.
        let parts = claimHeader + "D3,DO-1,M3,12345678,3311,100000.00,2028-07-01,reached,rapport.pdf\nD4,DO-1,M3,12345678,3311,0,2028-06-30,missed,\n"
        let release = try s.run(["import", "claims", try s.file("p.csv", parts), "--partial"], today: "2028-07-01")
        #expect(release.status == 1 && release.stderr.contains("E-DATE") && release.stderr.contains("the release of M3 dated 2028-06-30 cannot precede a part paid on it on 2028-07-01"), "\(release.stderr)")
        #expect(try s.sql("SELECT status FROM application_milestone WHERE application_id = 'DO-1' AND code = 'M3'") == "reached")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }
}
