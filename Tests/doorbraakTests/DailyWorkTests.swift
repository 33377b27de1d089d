import Foundation
import Testing

/// Issue 20: each role's daily work — the assessor's worklist and a revised decision, the
/// register by every status (final too).
@Suite struct DailyWorkTests {
    @Test func theWorklistShowsWhatTheInsurerStillHasToDecideOldestFirst() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        #expect(try s.run(["application", "submit", try s.file("b.json", try applicationLine("W-B"))], today: "2026-11-25").status == 0)
        #expect(try s.run(["application", "submit", try s.file("a.json", try applicationLine("W-A"))], today: "2026-11-26").status == 0)
        #expect(try s.run(["review", "W-B", "--insurer", "3311", "--approve"], today: "2026-11-27").status == 0)
        // W-B is in review (3311 decided): still waiting for 7029, no longer for 3311.
        let for7029 = try json(try s.run(["application", "list", "--insurer", "7029", "--waiting", "--json"], today: "2026-11-27").stdout)
        #expect((for7029["applications"] as? [[String: Any]])?.map { $0["id"] as? String } == ["W-B", "W-A"], "oldest received first")
        let for3311 = try json(try s.run(["application", "list", "--insurer", "3311", "--waiting", "--json"], today: "2026-11-27").stdout)
        #expect((for3311["applications"] as? [[String: Any]])?.map { $0["id"] as? String } == ["W-A"])
        #expect(try s.run(["application", "list", "--waiting"]).status == 64, "--waiting needs --insurer")
        // The audit log narrowed by actor, action and business date.
        let byInsurer = try json(try s.run(["audit", "log", "--actor", "insurer 3311", "--json"]).stdout)["events"] as? [[String: Any]]
        #expect(byInsurer?.map { $0["action"] as? String } == ["review"])
        let submits = try json(try s.run(["audit", "log", "--action", "submit", "--from", "2026-11-26", "--to", "2026-11-26", "--json"]).stdout)["events"] as? [[String: Any]]
        #expect(submits?.map { $0["subject"] as? String } == ["W-A"] && submits?.first?["on"] as? String == "2026-11-26")
        let wrong = try s.run(["audit", "log", "--action", "revew"])
        #expect(wrong.status == 64 && wrong.stderr.contains("did you mean review?"), "\(wrong.stderr)")
        #expect(try s.run(["audit", "log", "--from", "2026-13-01"]).status == 64)
        let typo = try s.run(["application", "list", "--status", "aproved"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean approved?"), "\(typo.stderr)")
    }

    @Test func aDecisionIsRevisedBeforeTheAllocationAndNotAfter() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initPayoutPlan()
        let line = payoutApplication("RV-1", cents: 1_000_000_00, fteTenths: 500)
        #expect(try s.run(["import", "applications", try s.file("a.jsonl", line)]).status == 0)
        #expect(try s.run(["review", "RV-1", "--insurer", "3311", "--reject", "R2"]).status == 0)
        #expect(try s.run(["review", "RV-1", "--insurer", "7029", "--approve"]).status == 0)
        #expect(try s.sql("SELECT status FROM application WHERE id = 'RV-1'") == "rejected")
        let again = try s.run(["review", "RV-1", "--insurer", "3311", "--approve"])
        #expect(again.status == 1 && again.stderr.contains("E-DECIDED") && again.stderr.contains("--revise"), "\(again.stderr)")
        let noReason = try s.run(["review", "RV-1", "--insurer", "3311", "--approve", "--revise"])
        #expect(noReason.status == 1 && noReason.stderr.contains("E-REASON"), "\(noReason.stderr)")
        let revised = try s.run(["review", "RV-1", "--insurer", "3311", "--approve", "--revise", "--note", "meetrapport alsnog ontvangen"])
        #expect(revised.status == 0 && revised.stdout.contains("revised; status approved"), "\(revised.stdout)\(revised.stderr)")
        let log = try s.sql("SELECT action || ': ' || before || ' → ' || after FROM audit_event WHERE subject = 'RV-1' AND action = 'revise'")
        #expect(log.contains("3311 decided reject R2") && log.contains("meetrapport alsnog ontvangen"), "the first stays in the trail: \(log)")
        #expect(try s.run(["round", "allocate", "--seed", "s"], today: "2026-12-02").status == 0)
        let late = try s.run(["review", "RV-1", "--insurer", "7029", "--reject", "R9", "--note", "x", "--revise"], today: "2026-12-03")
        #expect(late.status == 1 && late.stderr.contains("E-STATE") && late.stderr.contains("allocated"), "\(late.stderr)")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    @Test func theRegisterListsFinalBeschikkingen() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("FI-A", 1_000_000_00, 500), ("FI-B", 1_000_000_00, 400)])
        #expect(try s.run(["import", "claims", try s.file("c.csv", claimHeader + "F1,FI-A,M1,12345678,3311,,2027-06-15,missed,\nF2,FI-A,M2,12345678,3311,,2027-06-15,missed,\nF3,FI-A,M3,12345678,3311,,2027-06-15,missed,\n")], today: "2027-06-30").status == 0)
        let final = try json(try s.run(["application", "list", "--status", "final", "--json"]).stdout)
        #expect((final["applications"] as? [[String: Any]])?.map { $0["id"] as? String } == ["FI-A"])
        let granted = try json(try s.run(["application", "list", "--status", "granted", "--json"]).stdout)
        #expect((granted["applications"] as? [[String: Any]])?.count == 2)
        // The list says which is final (a newcomer listed --status final and read only "granted").
        #expect((granted["applications"] as? [[String: Any]])?.map { $0["final"] as? Bool } == [true, false])
        let text = try s.run(["application", "list", "--status", "granted"]).stdout
        #expect(text.contains("FI-A") && text.contains("granted (final)") && text.components(separatedBy: "(final)").count == 2, "\(text)")
    }

    /// A rejected application shows the insurers' reasons in the list (the codes column was empty).
    @Test func theRegisterShowsWhyAnApplicationWasRejected() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initPayoutPlan()
        #expect(try s.run(["import", "applications", try s.file("a.jsonl", payoutApplication("RJ-2", cents: 1_000_000_00, fteTenths: 500))]).status == 0)
        #expect(try s.run(["review", "RJ-2", "--insurer", "3311", "--reject", "R4"]).status == 0)
        #expect(try s.run(["review", "RJ-2", "--insurer", "7029", "--reject", "R2"]).status == 0)
        let listed = try json(try s.run(["application", "list", "--status", "rejected", "--json"]).stdout)
        #expect((listed["applications"] as? [[String: Any]])?.first?["rejections"] as? [String] == ["R2", "R4"])
        #expect(try s.run(["application", "list"]).stdout.contains("R2 R4"))
    }

    @Test func aMistypedCommandOrOptionGetsTheNearestOne() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let command = try s.run(["paymnets"])
        #expect(command.status == 64 && command.stderr.contains("did you mean \"payouts\"?"), "\(command.stderr)")
        let sub = try s.run(["round", "alocate"])
        #expect(sub.status == 64 && sub.stderr.contains("did you mean \"round allocate\"?"), "\(sub.stderr)")
        let option = try s.run(["payouts", "--insurrer", "3311"])
        #expect(option.status == 64 && option.stderr.contains("did you mean --insurer?"), "\(option.stderr)")
        #expect(try s.run(["xyzzy"]).stderr.contains("doorbraak --help"))
    }

    @Test func payoutsDueMarkOverdueAtTheBoundaryAndQuartersShowEveryQuarter() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("DU-A", 1_000_000_00, 500)])
        #expect(try s.run(["import", "claims", try s.file("c.csv", claimHeader + "D1,DU-A,M1,12345678,3311,100000.00,2027-06-15,reached,a.pdf\n")], today: "2027-06-30").status == 0)
        // M1 is reached with 200.000 unpaid (due 2027-06-30), M2 due 2027-12-31.
        let onTheDay = try json(try s.run(["payouts", "--due", "--json"], today: "2027-12-31").stdout)["due"] as? [[String: Any]] ?? []
        #expect(onTheDay.map { $0["milestone"] as? String } == ["M1", "M2"])
        #expect(onTheDay.map { $0["overdue"] as? Bool } == [true, false], "due today is not overdue yet")
        #expect(onTheDay.first?["unpaid"] as? String == "200000.00")
        // Whose the rest is: the insurers that paid the parts so far (none for an expected milestone).
        #expect(onTheDay.map { $0["paid_by"] as? [String] } == [["3311"], []], "\(onTheDay)")
        #expect(try s.run(["payouts", "--due"], today: "2027-12-31").stdout.contains("3311/7029                       3311"))
        let dayAfter = try json(try s.run(["payouts", "--due", "--json"], today: "2028-01-01").stdout)["due"] as? [[String: Any]] ?? []
        #expect(dayAfter.map { $0["overdue"] as? Bool } == [true, true])
        #expect((try json(try s.run(["payouts", "--due", "--insurer", "3343", "--json"], today: "2028-01-01").stdout)["due"] as? [Any])?.isEmpty == true)
        #expect(try s.run(["import", "claims", try s.file("m.csv", claimHeader + "D2,DU-A,M1,12345678,3311,,2027-12-20,missed,\n")], today: "2027-12-31").status == 0)
        let quarters = try json(try s.run(["payouts", "--by", "quarter", "--json"], today: "2028-01-01").stdout)["quarters"] as? [[String: Any]] ?? []
        #expect(quarters.map { $0["quarter"] as? String } == ["2027-Q2", "2027-Q3", "2027-Q4"], "the empty quarter is shown")
        #expect(quarters.map { $0["paid"] as? String } == ["100000.00", "0.00", "0.00"] && quarters.last?["released"] as? String == "200000.00")
    }

    /// A beschikking granted after its first due date (late, as after a reallocation): that
    /// milestone is due on the day of the grant, overdue from the day after — not overdue the day
    /// it is granted, when a claim dated on its due date would be refused (E-DATE).
    @Test func aMilestoneDueBeforeTheGrantIsDueOnTheDayOfTheGrant() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("LG-A", 1_000_000_00, 500)], decideOn: "2027-08-01")
        let onTheDay = try json(try s.run(["payouts", "--due", "--json"], today: "2027-08-01").stdout)["due"] as? [[String: Any]] ?? []
        #expect(onTheDay.map { $0["milestone"] as? String } == ["M1"])
        #expect(onTheDay.first?["due"] as? String == "2027-06-30" && onTheDay.first?["payable_from"] as? String == "2027-08-01")
        #expect(onTheDay.first?["overdue"] as? Bool == false, "\(onTheDay)")
        let text = try s.run(["payouts", "--due"], today: "2027-08-01").stdout
        #expect(text.contains("2027-06-30 (granted 2027-08-01)") && text.contains("due today") && text.contains("0 overdue"), "\(text)")
        let dayAfter = try json(try s.run(["payouts", "--due", "--json"], today: "2027-08-02").stdout)["due"] as? [[String: Any]] ?? []
        #expect(dayAfter.map { $0["overdue"] as? Bool } == [true])
        let dayBefore = try s.run(["payouts", "--due"], today: "2027-07-31")
        #expect(dayBefore.stdout.contains("nothing due"), "not granted yet: \(dayBefore.stdout)\(dayBefore.stderr)")
    }

    /// A claim a payout rule refused is found by its application (`application show`) and by its
    /// own id (`audit log` names the application).
    @Test func aRefusedClaimIsFoundByItsApplicationAndByItsOwnID() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("RC-A", 1_000_000_00, 500)])
        let tooMuch = claimHeader + "RC-1,RC-A,M1,12345678,3311,300000.01,2027-06-15,reached,a.pdf\n"
        let refused = try s.run(["import", "claims", try s.file("c.csv", tooMuch), "--partial"], today: "2027-06-30")
        #expect(refused.stdout.contains("1 rejected") || refused.stderr.contains("RC-1"), "\(refused.stdout)\(refused.stderr)")
        let shown = try s.run(["application", "show", "RC-A"], today: "2027-06-30").stdout
        #expect(shown.contains("claims refused") && shown.contains("RC-1  E-CLAIM-TARIFF"), "\(shown)")
        let asJSON = try json(try s.run(["application", "show", "RC-A", "--json"], today: "2027-06-30").stdout)
        #expect((asJSON["refused_claims"] as? [[String: Any]])?.map { $0["claim_id"] as? String } == ["RC-1"])
        let byClaim = try s.run(["audit", "log", "RC-1"])
        #expect(byClaim.status == 66 && byClaim.stderr.contains("audit log RC-A"), "\(byClaim.stderr)")
        let unknown = try s.run(["audit", "log", "RC-2"])
        #expect(unknown.status == 66 && !unknown.stderr.contains("RC-A"), "\(unknown.stderr)")
        #expect(try s.run(["application", "show", "RC-A"]).stdout.contains("round\n  allocated"))
    }

    @Test func aRejectedApplicationSaysWhyItIsNotInTheAllocation() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initPayoutPlan()
        #expect(try s.run(["import", "applications", try s.file("a.jsonl", payoutApplication("RJ-1", cents: 1_000_000_00, fteTenths: 500))]).status == 0)
        #expect(try s.run(["application", "show", "RJ-1"]).stdout.contains("round\n  not yet allocated"))
        #expect(try s.run(["review", "RJ-1", "--insurer", "3311", "--reject", "R2"]).status == 0)
        #expect(try s.run(["review", "RJ-1", "--insurer", "7029", "--approve"]).status == 0)
        #expect(try s.run(["round", "allocate", "--seed", "s"], today: "2026-12-02").status == 0)
        let shown = try s.run(["application", "show", "RJ-1"], today: "2026-12-02").stdout
        #expect(shown.contains("round\n  not in the allocation: rejected by an insurer"), "\(shown)")
    }

    /// Mistakes a newcomer made, each told what to do: two files to one import, a signature file
    /// that is not there, a theme in capitals, a claims file given to the reviews import.
    @Test func aWrongArgumentFileOrThemeIsToldWhatToGive() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let claims = try s.file("claims.csv", claimHeader)
        let twice = try s.run(["import", "claims", claims, claims])
        #expect(twice.status == 64 && twice.stderr.contains("usage: doorbraak import claims FILE [--insurer UZOVI]"), "\(twice.stderr)")
        let unsigned = try s.run(["import", "claims", claims, "--signature", s.folder.appendingPathComponent("nope.sig").path])
        #expect(unsigned.status == 66 && unsigned.stderr.contains("--signature: file not found"), "\(unsigned.stderr)")
        let theme = try s.run(["monitoring", "--theme", "AI"])
        #expect(theme.status == 64 && theme.stderr.contains("did you mean ai?"), "\(theme.stderr)")
        let wrongKind = try s.run(["import", "reviews", claims])
        #expect(wrongKind.status == 65 && wrongKind.stderr.contains("this is the header of a claims file, for `doorbraak import claims`"), "\(wrongKind.stderr)")
        let ownKind = try s.run(["import", "reviews", try s.file("r.csv", "application_id,insurer,decision\n")])
        #expect(ownKind.status == 65 && !ownKind.stderr.contains("this is the header of") && !ownKind.stderr.contains("JSON"), "\(ownKind.stderr)")
        // An application file (JSON) given to a CSV import is named as one, with where it goes.
        for (name, text) in [("reviews.csv", "{\"application_id\": \"DBM-2026-0001\", \"plan\": \"x\"}\n"), ("bom.csv", "\u{FEFF} [{\"application_id\": \"DBM-2026-0001\"}]\n")] {
            let json = try s.run(["import", "reviews", try s.file(name, text)])
            #expect(json.status == 65 && json.stderr.contains("\(name):1") && json.stderr.contains("this line is JSON, not CSV (an application is read by `doorbraak application submit` or `doorbraak import applications`); the first line must be the header application_id,insurer,decision"), "\(json.stderr)")
        }
    }

    @Test func theNZaRegisterListsEveryBeschikkingAndExportsADutchSpreadsheet() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("NR-A", 1_000_000_00, 500), ("NR-B", 2_000_000_00, 500)])
        #expect(try s.run(["import", "claims", try s.file("c.csv", claimHeader + "N1,NR-A,M1,12345678,3311,300000.00,2027-06-15,reached,a\nN2,NR-A,M2,12345678,3311,,2027-06-16,missed,\nN3,NR-A,M3,12345678,3311,,2027-06-17,missed,\n")], today: "2027-06-30").status == 0)
        let all = try json(try s.run(["nza", "register", "--json"]).stdout)["beschikkingen"] as? [[String: Any]] ?? []
        #expect(all.map { $0["application"] as? String } == ["NR-A", "NR-B"])
        let a = try #require(all.first)
        #expect(a["bovengrens_granted"] as? String == "1000000.00" && a["bovengrens"] as? String == "300000.00" && a["paid"] as? String == "300000.00")
        #expect(a["status"] as? String == "final" && a["final_on"] as? String == "2027-06-30" && a["penvoerder"] as? String == "12345678")
        let open = try json(try s.run(["nza", "register", "--status", "open", "--json"]).stdout)["beschikkingen"] as? [[String: Any]] ?? []
        #expect(open.map { $0["application"] as? String } == ["NR-B"])
        let path = s.folder.appendingPathComponent("register.csv").path
        let written = try s.run(["nza", "register", "--csv", path])
        #expect(written.status == 0 && written.stdout == "wrote the register of 2 beschikkingen to \(path) (status lopend or definitief)\n", "the file, not the table too: \(written.stdout)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) && text.contains("NR-A;12345678;3311;7029;") && text.contains(";1000000,00;300000,00;300000,00;700000,00;definitief;"), "\(text)")
        #expect(try s.run(["nza", "register", "--status", "closed"]).status == 64)
        let typo = try s.run(["nza", "register", "--status", "fnal"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean final?"), "\(typo.stderr)")
    }
}

/// Issue 20: one voice — the same thing said the same way everywhere.
@Suite struct OneVoiceTests {
    /// The permission warning says what the mode lets others do, no more.
    @Test(arguments: [(0o644, "group and others can read it"), (0o664, "group can read and change it, others can read it"),
                      (0o640, "group can read it"), (0o602, "others can change it")])
    func thePermissionWarningSaysWhatOthersCanDo(mode: Int, words: String) throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: s.db)
        let listed = try s.run(["application", "list"])
        #expect(listed.status == 0 && listed.stderr.contains("has permissions \(String(mode, radix: 8)): \(words); run `chmod 600"), "\(listed.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: s.db)
        #expect(try s.run(["application", "list"]).stderr.isEmpty)
    }

    /// A row naming an application that does not exist is E-MISSING with exit 66, as on the command line.
    @Test func anUnknownApplicationInAnImportRowExits66() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.grantedRound()
        let before = try s.claimState()
        let claims = try s.run(["import", "claims", try s.file("c.csv", claimHeader + "C-9,PAY-ZZ,M1,12345678,3311,300000.00,2027-06-15,reached,a.pdf\n")], today: "2027-07-01")
        #expect(claims.status == 66 && claims.stderr.contains("E-MISSING"), "\(claims.stdout)\(claims.stderr)")
        #expect(try s.run(["application", "show", "PAY-ZZ"]).status == 66)
        // A malformed row in the same file is worse: 65.
        let both = try s.run(["import", "claims", try s.file("d.csv", claimHeader + "C-9,PAY-ZZ,M1,12345678,3311,300000.00,2027-06-15,reached,a.pdf\nC-8,PAY-A,M1,12345678,3311,3x,2027-06-15,reached,a.pdf\n")], today: "2027-07-01")
        #expect(both.status == 65, "\(both.stdout)")
        #expect(try s.claimState() == before)
    }

    /// A mistyped `--insurer` is named with the nearest registered insurer, not answered with an
    /// empty worklist or report; a reversed date range of the audit log is a usage error.
    @Test func aMistypedInsurerOrReversedRangeIsNamed() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.grantedRound()
        for command in [["application", "list", "--insurer", "3312", "--waiting"], ["payouts", "--due", "--insurer", "3312"], ["payouts", "--insurer", "3312"],
                        ["plausibility", "--insurer", "3312"],
                        ["import", "claims", "--insurer", "3312", try s.file("c.csv", claimHeader + "C-1,PAY-A,M1,12345678,3312,300000.00,2027-06-15,reached,a.pdf\n")]] {
            let r = try s.run(command, today: "2027-07-01")
            #expect(r.status == 1 && r.stderr.contains("E-INSURERS") && r.stderr.contains("did you mean 3311?"), "\(command): \(r.stderr)")
        }
        #expect(try s.run(["application", "list", "--insurer", "3311", "--waiting"]).status == 0)
        let reversed = try s.run(["audit", "log", "--from", "2027-01-10", "--to", "2026-12-01"])
        #expect(reversed.status == 64 && reversed.stderr.contains("--to 2026-12-01 is before --from 2027-01-10"), "\(reversed.stderr)")
        #expect(try s.run(["audit", "log", "--from", "2027-01-10", "--to", "2027-01-10"]).status == 0)
    }

    /// A milestone typed in the wrong case gets a "did you mean".
    @Test func aMistypedMilestoneIsNamed() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.grantedRound()
        let claims = try s.run(["import", "claims", try s.file("c.csv", claimHeader + "C-1,PAY-A,m1,12345678,3311,300000.00,2027-06-15,reached,a.pdf\n")], today: "2027-07-01")
        #expect(claims.status == 65 && claims.stderr.contains("did you mean M1?"), "\(claims.status) \(claims.stderr)")
        let m0 = try s.run(["import", "claims", try s.file("e.csv", claimHeader + "C-1,PAY-A,m0,12345678,3311,300000.00,2027-06-15,reached,a.pdf\n")], today: "2027-07-01")
        #expect(m0.status == 65 && !m0.stderr.contains("did you mean"), "m0 is no milestone in any case: \(m0.stderr)")
    }

    /// A deviation written as nested objects is told the flat form.
    @Test func aNestedDeviationIsToldTheFlatForm() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let line = try applicationLine("NEST-1") { $0["deviations"] = ["milestones": ["M5.due": "later"]] }
        let submitted = try s.run(["application", "submit", try s.file("n.json", line)], today: "2026-11-25")
        #expect(submitted.status == 65 && submitted.stderr.contains("write \"milestones.M5.due\": \"…\""), "\(submitted.stderr)")
    }
}

/// What the seventeenth landing's newcomer tripped over.
@Suite struct SeventeenthNewcomerTests {
    /// A review dated before the receipt, after a later event on the application: the refusal
    /// suggests the latest event's date (it suggested the receipt, which was then refused too);
    /// that date passes.
    @Test func aReviewsDateRefusalSuggestsADateThatPasses() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        #expect(try s.run(["application", "submit", try s.file("a.json", try applicationLine("R-1"))], today: "2026-11-25").status == 0)
        #expect(try s.run(["review", "R-1", "--insurer", "3311", "--approve"], today: "2026-11-26").status == 0)
        let early = try s.run(["review", "R-1", "--insurer", "7029", "--approve"], today: "2026-11-24")
        #expect(early.status == 1 && early.stderr.contains("E-DATE") && early.stderr.contains("use a date on or after 2026-11-26"), "\(early.stderr)")
        #expect(try s.run(["review", "R-1", "--insurer", "7029", "--approve"], today: "2026-11-26").status == 0)
    }

    /// `plausibility --application ID --year Y` of an application whose recovery lies in another
    /// year says it is narrowed, not that there is no recovery.
    @Test func aNarrowedApplicationSaysItIsNarrowed() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.grantedRound()
        try s.pay("C-1,PAY-A,M1,12345678,3311,300000.00,2027-06-15,reached,a.pdf\n")
        try s.finish()
        #expect(try s.costs("A-1,PAY-A,12345678,2027,personnel,incidental,200000.00,team\n").status == 0)
        let narrowed = try s.run(["plausibility", "--application", "PAY-A", "--year", "2028"], today: "2029-12-31")
        #expect(narrowed.status == 0 && narrowed.stdout.hasPrefix("PAY-A: no recovery and no findings in 2028 (without --year and --insurer:"), "\(narrowed.stdout)")
        #expect(narrowed.stdout.contains("recovered"), "the provider's state still shows: \(narrowed.stdout)")
        let whole = try s.run(["plausibility", "--application", "PAY-A"], today: "2029-12-31")
        #expect(whole.status == 0 && !whole.stdout.contains("no recovery") && whole.stdout.contains("€ 100.000,00"), "\(whole.stdout)")
    }

    /// `demo --db PATH` replaces none of the user's files beside the database: refused, nothing
    /// written; in an empty folder it runs.
    @Test func theDemoReplacesNoFileOfTheUsers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = folder.appendingPathComponent("costs.csv")
        try "mine\n".write(to: mine, atomically: true, encoding: .utf8)
        let refused = try runDoorbraak(["demo", "--db", folder.appendingPathComponent("d.sqlite").path, "--applications", "20"])
        #expect(refused.status == 1 && refused.stderr.contains("E-EXISTS") && refused.stderr.contains("costs.csv"), "\(refused.stderr)")
        #expect(try String(contentsOf: mine, encoding: .utf8) == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("d.sqlite").path))
    }
}
