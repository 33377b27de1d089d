import Foundation
import Testing

/// Issue 9: a round that assessors and providers can run — the register, the full view,
/// honest checks and one voice.
@Suite struct RegisterCLITests {
    @Test func aRefusedSubmissionIsRegisteredWithItsCodesAndCountsInWhatIf() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        // 10.0 fte for €1 mln: below bar B (17) but above C (9).
        let low = try sandbox.file("low.json", try applicationLine("LOW-1") { d in
            var i = d["impact"] as! [String: Any]; i["fte_saved"] = "10.0"; d["impact"] = i
        })
        let submit = try sandbox.run(["application", "submit", low])
        #expect(submit.status == 1)
        #expect(submit.stderr.contains("E-BAR") && submit.stderr.contains("registered LOW-1 as inadmissible"), "\(submit.stderr)")
        // The last day a replacement is received, by its date (a newcomer entering a receipt
        // dated before the deadline after it read "before the deadline" and no day).
        #expect(submit.stderr.contains("fix it and submit again with --replace, received by the deadline of 2026-12-01"), "\(submit.stderr)")
        let listed = try json(try sandbox.run(["application", "list", "--status", "inadmissible", "--json"]).stdout)
        let rows = try #require(listed["applications"] as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["LOW-1"])
        #expect(rows.first?["codes"] as? [String] == ["E-BAR"])
        let shown = try json(try sandbox.run(["application", "show", "LOW-1", "--json"]).stdout)
        #expect(shown["status"] as? String == "inadmissible" && shown["codes"] as? [String] == ["E-BAR"])
        let text = try sandbox.run(["application", "show", "LOW-1"]).stdout
        #expect(text.contains("why it is not admissible") && text.contains("E-BAR"), "the assessor can tell the provider why")

        #expect(try sandbox.run(["application", "submit", try sandbox.file("ok.json", try applicationLine("OK-1"))]).status == 0)
        let whatif = try json(try sandbox.run(["round", "whatif", "--bar", "9,17", "--json"]).stdout)
        let scenarios = try #require(whatif["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["passing"] as? Int } == [2, 1], "bar 9 admits the E-BAR refusal, bar 17 does not")
    }

    /// The reasons shown are those of the round's own settings, not of the defaults.
    @Test func whyARefusalIsShownWithTheRoundsBar() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound(["--bar", "20"])
        // 18.0 fte for €1 mln: above the standard bar 17, below this round's 20.
        #expect(try sandbox.run(["application", "submit", try sandbox.file("a.json", try applicationLine("BAR-20"))]).status == 1)
        let text = try sandbox.run(["application", "show", "BAR-20"]).stdout
        #expect(text.contains("E-BAR") && text.contains("below the bar of 20"), "\(text.prefix(600))")
    }

    @Test func aProviderReplacesBeforeTheDeadlineAndNotAfterADecision() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let broken = try sandbox.file("v1.json", try applicationLine("REP-1") { d in d["insurers"] = ["coordinating": "3311", "second": "3311"] })
        #expect(try sandbox.run(["application", "submit", broken]).status == 1)
        let fixed = try sandbox.file("v2.json", try applicationLine("REP-1"))
        let plain = try sandbox.run(["application", "submit", fixed])
        #expect(plain.status == 1 && plain.stderr.contains("E-DUPLICATE") && plain.stderr.contains("--replace"), "\(plain.stderr)")
        let late = try sandbox.run(["application", "submit", "--replace", fixed], today: "2026-12-02")
        #expect(late.status == 1 && late.stderr.contains("E-LATE"), "after the deadline nothing is replaced: \(late.stderr)")
        let replaced = try sandbox.run(["application", "submit", "--replace", fixed], today: "2026-12-01")
        #expect(replaced.status == 0 && replaced.stdout.contains("replaced REP-1 (version 2)"), "\(replaced.stdout)\(replaced.stderr)")
        let shown = try json(try sandbox.run(["application", "show", "REP-1", "--json"]).stdout)
        #expect(shown["status"] as? String == "submitted" && shown["version"] as? Int == 2)
        #expect((shown["versions"] as? [[String: Any]])?.map { $0["admissible"] as? Bool } == [false, true])
        let actions = (shown["audit"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
        #expect(actions == ["submit", "replace"], "the earlier version stays in the audit trail")

        #expect(try sandbox.run(["review", "REP-1", "--insurer", "3311", "--approve"], today: "2026-12-01").status == 0)
        let third = try sandbox.file("v3.json", try applicationLine("REP-1") { d in d["title"] = "Nieuwe titel" })
        let afterDecision = try sandbox.run(["application", "submit", "--replace", third], today: "2026-11-30")
        #expect(afterDecision.status == 1 && afterDecision.stderr.contains("E-STATE"), "\(afterDecision.stderr)")
        let nothing = try sandbox.run(["application", "submit", "--replace", try sandbox.file("new.json", try applicationLine("NEW-9"))])
        #expect(nothing.status == 66, "--replace of nothing is refused, not a silent new submission")
    }

    @Test func withdrawnApplicationsLeaveTheWorklistAndCannotBeWithdrawnTwice() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        #expect(try sandbox.run(["application", "submit", try sandbox.file("a.json", try applicationLine("W-1"))]).status == 0)
        let other = try sandbox.run(["application", "withdraw", "W-1", "--lead", "23456789"])
        #expect(other.status == 1 && other.stderr.contains("E-OWNER") && !other.stderr.contains("12345678"), "only the penvoerder withdraws: \(other.stderr)")
        #expect(try sandbox.run(["application", "withdraw", "W-1"]).status == 64, "--lead is required")
        let out = try sandbox.run(["application", "withdraw", "W-1", "--lead", "12345678", "--actor", "Piet Projectleider"])
        #expect(out.status == 0 && out.stdout.contains("W-1 withdrawn (it was submitted)"))
        let events = try json(try sandbox.run(["application", "show", "W-1", "--json"]).stdout)["audit"] as? [[String: Any]]
        #expect(events?.last?["actor"] as? String == "Piet Projectleider (coalition 12345678)")
        #expect(try sandbox.run(["application", "withdraw", "W-1", "--lead", "12345678"]).status == 1)
        let worklist = try json(try sandbox.run(["application", "list", "--status", "submitted", "--json"]).stdout)
        #expect((worklist["applications"] as? [Any])?.isEmpty == true)
    }

    @Test func allocationWaitsUntilEveryAdmissibleApplicationIsDecided() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        for id in ["U-1", "U-2"] { #expect(try sandbox.run(["application", "submit", try sandbox.file("\(id).json", try applicationLine(id))]).status == 0) }
        for insurer in ["3311", "7029"] { #expect(try sandbox.run(["review", "U-1", "--insurer", insurer, "--approve"]).status == 0) }
        #expect(try sandbox.run(["review", "U-2", "--insurer", "3311", "--approve"]).status == 0)
        let early = try sandbox.run(["round", "allocate", "--seed", "bord"], today: "2026-12-02")
        #expect(early.status == 1 && early.stderr.contains("E-UNDECIDED") && early.stderr.contains("U-2 (in-review)"), "\(early.stderr)")
        #expect(try json(try sandbox.run(["application", "show", "U-1", "--json"]).stdout)["status"] as? String == "approved", "nothing allocated")
        let noSeed = try sandbox.run(["round", "allocate"], today: "2026-12-02")
        #expect(noSeed.status == 64 && noSeed.stderr.contains("--seed"))
        #expect(try sandbox.run(["review", "U-2", "--insurer", "7029", "--approve"]).status == 0)
        let run = try sandbox.run(["round", "allocate", "--seed", "bord", "--json"], today: "2026-12-02")
        #expect(run.status == 0, "\(run.stderr)")
        let log = try sandbox.run(["audit", "log", "round"]).stdout
        #expect(log.contains("lottery seed \"bord\""), "the seed is in the audit trail")
        let out = sandbox.folder.appendingPathComponent("c").path
        let contracts = try sandbox.run(["generate", "contracts", "--out", out])
        #expect(contracts.status == 0 && contracts.stdout.contains("wrote 2 contracts"), "\(contracts.stdout)\(contracts.stderr)")
        #expect(try String(contentsOfFile: out + "/contracts.csv", encoding: .utf8) == "application_id,contract\nU-1,OVK-U-1\nU-2,OVK-U-2\n")
    }

    @Test func theAssessorSeesEverythingInTheView() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let file = try sandbox.file("x.json", try applicationLine("VIEW-1") { d in
            var m = d["milestones"] as! [[String: Any]]; m[4]["due"] = "2029-03-31"; d["milestones"] = m
            d["deviations"] = ["milestones.M5.due": "De regio heeft een langere aanlooptijd."]
        })
        #expect(try sandbox.run(["application", "submit", file]).status == 0)
        #expect(try sandbox.run(["review", "VIEW-1", "--insurer", "3311", "--approve", "--accept", "milestones.M5.due", "--note", "akkoord"]).status == 0)
        let text = try sandbox.run(["application", "show", "VIEW-1"]).stdout
        for expected in ["Digitaal zorgpad COPD in Twente", "region Twente", "12345678", "Ziekenhuis Twente", "€ 500.000,00",
                         "budget", "personnel", "M5", "2029-03-31", "2028-12-31", "De regio heeft een langere aanlooptijd.",
                         "basiseisen", "insurer 3311: approve", "akkoord"] {
            #expect(text.contains(expected), "show lacks \(expected)")
        }
        #expect(!text.contains("500000.00"), "amounts for people are in Dutch notation")
        let shown = try json(try sandbox.run(["application", "show", "VIEW-1", "--json"]).stdout)
        for key in ["title", "region", "plan", "sector", "coalition", "budget", "deviations", "reviews", "basiseisen", "codes", "bovengrens_granted", "milestones", "audit"] {
            #expect(shown[key] != nil, "--json lacks \(key)")
        }
        #expect((shown["deviations"] as? [String: String])?["milestones.M5.due"] == "De regio heeft een langere aanlooptijd.")
        #expect((shown["coalition"] as? [[String: Any]])?.first?["agb"] as? String == "12345678")
        #expect((shown["basiseisen"] as? [String: String])?.count == 14)
        #expect(shown["requested"] as? String == "1000000.00")
    }

    @Test func anUneditedTemplateIsNotAdmissibleAndEveryFieldIsNamed() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let template = try sandbox.run(["plans", "template", "spraakgestuurd-rapporteren", "--sector", "vvt"])
        let check = try sandbox.run(["application", "check", try sandbox.file("t.json", template.stdout), "--json"])
        #expect(check.status == 1)
        let errors = try #require(try json(check.stdout)["errors"] as? [[String: Any]])
        let fields = Set(errors.filter { $0["code"] as? String == "E-TEMPLATE" }.compactMap { $0["field"] as? String })
        #expect(fields.isSuperset(of: ["title", "region", "coalition[0].agb", "coalition[0].name", "insurers.coordinating", "insurers.second"]), "\(fields)")
        #expect(errors.filter { $0["code"] as? String == "E-BASISEISEN" }.count == 14)
        // Submitted, the refusal that keeps it out of the register comes first (a newcomer read
        // fourteen E-BASISEISEN lines before it), and every other finding still follows.
        let submit = try sandbox.run(["application", "submit", try sandbox.file("t.json", template.stdout)])
        let lines = submit.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(submit.status == 1 && lines.first?.hasPrefix("error: E-TEMPLATE: the id ") == true && lines.first?.contains("is not registered") == true, "\(submit.stderr)")
        #expect(lines.filter { $0.contains("E-BASISEISEN") }.count == 14 && lines.filter { $0.contains("E-TEMPLATE") }.count == fields.count, "\(submit.stderr)")
    }

    @Test func everyMalformedFieldIsReportedAtOnceWithTheNearestName() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let file = try sandbox.file("bad.json", try applicationLine("BAD-1") { d in
            d["titel"] = d.removeValue(forKey: "title"); d["requested"] = 5
            var c = d["coalition"] as! [[String: Any]]; c[0]["amount"] = "1.001"; d["coalition"] = c
        })
        let check = try sandbox.run(["application", "check", file, "--json"])
        #expect(check.status == 65)
        let result = try json(check.stdout)
        let errors = try #require(result["errors"] as? [[String: Any]])
        #expect(Set(errors.compactMap { $0["field"] as? String }) == ["title", "titel", "requested", "coalition[0].amount"])
        #expect(errors.contains { ($0["message"] as? String)?.contains("did you mean \"title\"") == true })
        #expect((result["error"] as? [String: Any])?["code"] as? String == "E-INPUT")
        let human = try sandbox.run(["application", "check", file])
        #expect(human.stderr.components(separatedBy: "error: E-INPUT").count - 1 == 4, "\(human.stderr)")
    }

    @Test(arguments: [
        ("\u{200B}OVK-1", "U+200B"), ("OVK\u{202E}-1", "U+202E"), ("-", "3 to 64"), (String(repeating: "A", count: 100_000), "3 to 64"),
        ("-OVK-1", "starts with a letter or digit"), ("OV\nK", "U+000A"),
    ])
    func aContractReferenceIsPlain(reference: String, why: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ceilingRound(ceiling: "1000000.00", applications: [("C-1", 100_000_00, 10)], contracts: false)
        let r = try sandbox.run(["nza", "request", "C-1", "--contract", reference])
        #expect(r.status == 1 && r.stderr.contains("E-CONTRACT") && r.stderr.contains(why), "\(r.stderr.prefix(300))")
        #expect(try sandbox.run(["nza", "request", "C-1", "--contract", "OVK 2027/01.a_b"]).status == 0)
    }

    @Test func oneVoiceForErrorsExitCodesHelpAndActor() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let notADatabase = try sandbox.file("x.sqlite", "this is not sqlite at all, just text that is long enough")
        let wrong = try runDoorbraak(["--db", notADatabase, "--json", "ceiling"])
        #expect(wrong.status == 65)
        #expect((try json(wrong.stdout)["error"] as? [String: Any])?["code"] as? String == "E-NOT-DATABASE")
        try sandbox.initRound()
        let folderAsFile = try sandbox.run(["import", "reviews", sandbox.folder.path])
        #expect(folderAsFile.status == 74, "a directory where a file belongs is I/O")
        #expect(try sandbox.run(["application", "check", sandbox.folder.path]).status == 74)
        let missing = try sandbox.run(["application", "show", "NOPE-1", "--json"])
        #expect(missing.status == 66)
        let missingError = try json(missing.stdout)["error"] as? [String: Any]
        #expect(missingError?["code"] as? String == "E-MISSING")
        for group in ["plans", "application", "import", "round", "nza", "audit"] {
            let help = try runDoorbraak([group, "--help"])
            #expect(help.status == 0 && help.stdout.contains("doorbraak \(group) "), "\(group) --help")
        }
        let env = try sandbox.run(["application", "submit", try sandbox.file("a.json", try applicationLine("ACT-1"))], environment: ["DOORBRAAK_ACTOR": "Jan de Vries"])
        #expect(env.status == 0)
        let log = try sandbox.run(["audit", "log", "ACT-1"]).stdout
        #expect(log.contains("Jan de Vries (coalition)") && !log.contains("unknown"), "\(log)")
    }

    @Test func initWorksOutsideTheSourceTreeWithTheBuiltInPlans() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let before = try runDoorbraak(["plans", "template", "zorgpad-copd", "--sector", "msz"], directory: sandbox.folder)
        #expect(before.status == 0 && before.stdout.contains("\"plan\": \"zorgpad-copd\""), "a template before init, from the built-in plans: \(before.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("doorbraak.sqlite").path), "and no database created by it")
        let r = try runDoorbraak(["--db", sandbox.db, "init"], directory: sandbox.folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("16 model plans"))
        let plans = try json(try sandbox.run(["plans", "list", "--json"]).stdout)["plans"] as? [Any]
        #expect(plans?.count == 16)
    }
}
