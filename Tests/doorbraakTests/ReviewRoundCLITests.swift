import Foundation
import Testing

/// A round with DHZ amount €2,000,000.00 and three submitted zorgpad-copd applications:
/// R-1 (18 fte, €1 mln), R-2 (19 fte with an explained impact.fte_norm deviation), R-3 (17.5 fte).
func reviewedRoundSandbox() throws -> Sandbox {
    let sandbox = try Sandbox()
    try sandbox.initRound(["--theme-amount", "digitale-hybride-zorg=2000000.00"])
    let lines = [
        try applicationLine("R-1"),
        try applicationLine("R-2") { d in
            var i = d["impact"] as! [String: Any]; i["fte_saved"] = "19.0"; d["impact"] = i
            d["deviations"] = ["impact.fte_norm": "Pilot in Twente toont 19 fte per €mln."]
        },
        try applicationLine("R-3") { d in var i = d["impact"] as! [String: Any]; i["fte_saved"] = "17.5"; d["impact"] = i },
    ]
    let r = try sandbox.run(["import", "applications", try sandbox.file("apps.jsonl", lines.joined(separator: "\n"))])
    #expect(r.status == 0, "\(r.stderr)")
    return sandbox
}

@Suite struct ReviewRoundCLITests {
    @Test func twoInsurersDecideUnderTheRules() throws {
        let sandbox = try reviewedRoundSandbox()
        defer { sandbox.remove() }
        let cases: [([String], Int32, String)] = [
            (["review", "R-1", "--insurer", "3343", "--approve"], 1, "E-REVIEWER"),
            (["review", "R-2", "--insurer", "3311", "--approve"], 1, "E-CONTRADICTORY"),
            (["review", "R-2", "--insurer", "3311", "--approve", "--accept", "impact.fte_norm", "spending_years"], 1, "E-DEVIATION-KEY"),
            (["review", "R-2", "--insurer", "3311", "--reject", "R3"], 1, "E-REASON"),
            (["review", "R-2", "--insurer", "3311", "--reject", "R9"], 1, "E-REASON"),
            (["review", "R-1", "--insurer", "3311"], 64, "E-USAGE"),
            (["review", "R-1", "--insurer", "3311", "--approve", "--reject", "R1"], 64, "E-USAGE"),
            (["review", "R-1", "--insurer", "3311", "--reject", "R7"], 64, "E-USAGE"),
            (["review", "NOPE-9", "--insurer", "3311", "--approve"], 66, "E-MISSING"),
        ]
        for (args, status, code) in cases {
            let r = try sandbox.run(args)
            #expect(r.status == status, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(code), "\(args): \(r.stderr)")
        }
        #expect(try sandbox.auditEvents() == 4, "refused decisions must change nothing")

        #expect(try sandbox.run(["review", "R-1", "--insurer", "3311", "--approve"]).stdout.contains("status in-review"))
        #expect(try sandbox.run(["review", "R-1", "--insurer", "3311", "--approve"]).stdout.contains("nothing changed"))
        let second = try sandbox.run(["review", "R-1", "--insurer", "3311", "--reject", "R1"])
        #expect(second.status == 1 && second.stderr.contains("E-DECIDED"))
        #expect(try sandbox.run(["review", "R-1", "--insurer", "7029", "--approve"]).stdout.contains("status approved"))
        let r2 = try sandbox.run(["review", "R-2", "--insurer", "7029", "--reject", "R3", "--reject-deviation", "impact.fte_norm", "--note", "niet onderbouwd"])
        #expect(r2.stdout.contains("status rejected"), "\(r2.stderr)")
        // The other insurer still records its decision; one rejection keeps it rejected.
        let afterReject = try sandbox.run(["review", "R-2", "--insurer", "3311", "--approve", "--accept", "impact.fte_norm"])
        #expect(afterReject.status == 0 && afterReject.stdout.contains("status rejected"), "\(afterReject.stderr)")
        let show = try json(try sandbox.run(["application", "show", "R-2", "--json"]).stdout)
        #expect(show["status"] as? String == "rejected")
        #expect((show["reviews"] as? [[String: Any]])?.contains { $0["reason"] as? String == "R3" } == true)
        #expect((show["reviews"] as? [[String: Any]])?.count == 2)
    }

    /// A reviews file may name the version each decision assessed: a decision on another
    /// version than the one registered (the provider replaced it since) is refused, with the
    /// file's other rows (all or nothing); a bad version number is an input error on its field.
    @Test func aDecisionOnAReplacedVersionIsRefused() throws {
        let sandbox = try reviewedRoundSandbox()
        defer { sandbox.remove() }
        let replaced = try sandbox.run(["application", "submit", "--replace", try sandbox.file("r1.json", try applicationLine("R-1") { d in d["title"] = "tweede versie" })])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let header = "application_id,insurer,decision,reason,accepted_deviations,note,version\n"
        let malformed = try sandbox.run(["import", "reviews", try sandbox.file("x.csv", header + "R-3,7029,approve,,,,x\n"), "--json"])
        let input = (try json(malformed.stdout)["errors"] as? [[String: Any]])?.first
        #expect(malformed.status == 65 && input?["code"] as? String == "E-INPUT" && input?["field"] as? String == "version", "\(malformed.stdout)")
        let stale = try sandbox.run(["import", "reviews", try sandbox.file("stale.csv", header + "R-1,3311,approve,,,,1\nR-3,3311,approve,,,,1\n"), "--json"])
        let errors = try json(stale.stdout)["errors"] as? [[String: Any]]
        #expect(stale.status == 1 && errors?.map { $0["code"] as? String } == ["E-VERSION"], "\(stale.stdout)")
        #expect(errors?.first?["line"] as? Int == 2 && errors?.first?["field"] as? String == "version", "\(stale.stdout)")
        #expect(try sandbox.sql("SELECT count(*) FROM review") == "0")
        let current = try sandbox.run(["import", "reviews", try sandbox.file("current.csv", header + "R-1,3311,approve,,,,2\nR-3,3311,approve,,,,1\nR-3,7029,approve,,,,\n")])
        #expect(current.status == 0 && current.stdout.contains("3 new"), "\(current.stdout)\(current.stderr)")
        // Typed: --version, the same rule.
        let typedStale = try sandbox.run(["review", "R-2", "--insurer", "7029", "--approve", "--accept", "impact.fte_norm", "--version", "2"])
        #expect(typedStale.status == 1 && typedStale.stderr.contains("E-VERSION") && typedStale.stderr.contains("(--version)"), "\(typedStale.stderr)")
        #expect(try sandbox.run(["review", "R-2", "--insurer", "7029", "--approve", "--accept", "impact.fte_norm", "--version", "x"]).status == 64)
        #expect(try sandbox.run(["review", "R-2", "--insurer", "7029", "--approve", "--accept", "impact.fte_norm", "--version", "1"]).status == 0)
        let unknown = try sandbox.run(["import", "reviews", try sandbox.file("u.csv", "application_id,insurer,decision,reason,accepted_deviations,note,versie\n")])
        #expect(unknown.status == 65 && unknown.stderr.contains("optionally also version") && unknown.stderr.contains("unknown: versie"), "\(unknown.stderr)")
    }

    /// The version a reviews file names is compared with the submission row as the chain bound
    /// it, also when a chunk of the import read it at once (issue 21): a replaced version's
    /// number edited with `sqlite3` is named (E-LEDGER), not taken to let a decision on a
    /// version that was never registered pass, and the other applications' rows are recorded (`--partial`).
    @Test func aVersionEditedWithSqliteIsNamedAtAReviewsImport() throws {
        let sandbox = try reviewedRoundSandbox()
        defer { sandbox.remove() }
        let replaced = try sandbox.run(["application", "submit", "--replace", try sandbox.file("r1.json", try applicationLine("R-1") { d in d["title"] = "tweede versie" })])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        _ = try sandbox.sql("UPDATE submission SET version = 3 WHERE application_id = 'R-1' AND version = 2")
        let header = "application_id,insurer,decision,reason,accepted_deviations,note,version\n"
        let r = try sandbox.run(["import", "reviews", try sandbox.file("v.csv", header + "R-3,3311,approve,,,,1\nR-1,3311,approve,,,,3\nR-3,7029,approve,,,,1\n"), "--partial", "--json"])
        let errors = try json(r.stdout)["errors"] as? [[String: Any]]
        #expect(r.status == 1 && errors?.map { $0["code"] as? String } == ["E-LEDGER"] && errors?.first?["line"] as? Int == 3, "\(r.status) \(r.stdout) \(r.stderr)")
        #expect(try sandbox.sql("SELECT application_id || ' ' || insurer FROM review ORDER BY 1") == "R-3 3311\nR-3 7029")
        _ = try sandbox.sql("UPDATE submission SET version = 2 WHERE application_id = 'R-1' AND version = 3")
        let current = try sandbox.run(["import", "reviews", try sandbox.file("c.csv", header + "R-1,3311,approve,,,,2\n")])
        #expect(current.status == 0 && current.stdout.contains("1 new"), "\(current.stdout)\(current.stderr)")
        // The version the application points at deleted: that row is named, not the application's.
        let kept = try sandbox.sql("SELECT quote(seq) FROM submission WHERE application_id = 'R-1' AND version = 2")
        _ = try sandbox.sql("DELETE FROM submission WHERE application_id = 'R-1' AND version = 2")
        let gone = try sandbox.run(["import", "reviews", try sandbox.file("g.csv", header + "R-1,7029,approve,,,,2\n")])
        #expect(gone.status == 1 && gone.stderr.contains("E-LEDGER") && gone.stderr.contains("submission \(kept)") && gone.stderr.contains("deleted"), "\(gone.stderr)")
        #expect(try sandbox.sql("SELECT count(*) FROM review WHERE application_id = 'R-1'") == "1")
    }

    /// A typed note is one line without control, bidirectional or line-break characters, as a
    /// reviews file's is (an attacker's review forged a line of the audit trail with `--note`);
    /// a basiseis answer or a deviation's explanation may hold line feeds, no line or paragraph
    /// separator, and `application show` indents its later lines under it.
    @Test func aNoteIsOneLineAndProseHoldsNoSeparators() throws {
        let sandbox = try reviewedRoundSandbox()
        defer { sandbox.remove() }
        for note in ["ok\n2026-11-22  insurer 3311: approve", "ok\u{2028}x", "ok\u{85}x", "ok\u{200B}x", "ok\rx"] {
            let r = try sandbox.run(["review", "R-1", "--insurer", "3311", "--approve", "--note", note])
            #expect(r.status == 65 && r.stderr.contains("E-INPUT") && r.stderr.contains("(note)"), "\(note.debugDescription): \(r.stderr)")
        }
        #expect(try sandbox.sql("SELECT count(*) FROM review") == "0")
        #expect(try sandbox.run(["review", "R-1", "--insurer", "3311", "--approve", "--note", "goed plan — akkoord"]).status == 0)
        for (field, text, code) in [("basiseisen", "Coalitie a\u{2028}2. basiseis", "E-BASISEISEN"), ("basiseisen", "a\u{200B}b", "E-BASISEISEN"),
                                    ("deviations", "Regionale\u{2029}pilot", "E-DEVIATION")] {
            let line = try applicationLine("P-1") { d in
                if field == "basiseisen" { var b = d["basiseisen"] as! [String: Any]; b["1"] = text; d["basiseisen"] = b } else { d["deviations"] = ["impact.fte_norm": text] }
            }
            let r = try sandbox.run(["application", "check", try sandbox.file("p.json", line)])
            #expect(r.status == 1 && r.stderr.contains(code) && r.stderr.contains("line-separator"), "\(field): \(r.stderr)")
        }
        let prose = try applicationLine("P-2") { d in var b = d["basiseisen"] as! [String: Any]; b["1"] = "Eerste regel\n2. geen basiseis"; d["basiseisen"] = b }
        #expect(try sandbox.run(["application", "submit", try sandbox.file("p2.json", prose)]).status == 0)
        let shown = try sandbox.run(["application", "show", "P-2"]).stdout
        #expect(shown.contains("   1. Eerste regel\n      2. geen basiseis"), "\(shown)")
    }

    /// Other content under an id an insurer decided on is not sent to `--replace`, which would
    /// refuse it (a newcomer went in a circle); a reviews file given as an application is named.
    @Test func aDecidedApplicationSentAgainIsToldTheWayOut() throws {
        let sandbox = try reviewedRoundSandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.run(["review", "R-1", "--insurer", "3311", "--approve"]).status == 0)
        let changed = try sandbox.file("r1.json", try applicationLine("R-1") { d in d["title"] = "tweede versie" })
        let again = try sandbox.run(["application", "submit", changed])
        #expect(again.status == 1 && again.stderr.contains("E-DUPLICATE") && again.stderr.contains("can no longer be replaced") && !again.stderr.contains("--replace"), "\(again.stderr)")
        let undecided = try sandbox.run(["application", "submit", try sandbox.file("r2.json", try applicationLine("R-3") { d in d["title"] = "andere" })])
        #expect(undecided.status == 1 && undecided.stderr.contains("submit --replace"), "\(undecided.stderr)")
        let csv = try sandbox.file("reviews.csv", "application_id,insurer,decision,reason,accepted_deviations,note,version\nR-1,3311,approve,,,,1\n")
        let wrong = try sandbox.run(["application", "submit", csv])
        #expect(wrong.status == 65 && wrong.stderr.contains("this is a reviews file, not an application") && wrong.stderr.contains("import reviews"), "\(wrong.stderr)")
        let notCSV = try sandbox.run(["application", "submit", try sandbox.file("x.json", "{\"id\": ")])
        #expect(notCSV.status == 65 && notCSV.stderr.contains("invalid JSON"), "\(notCSV.stderr)")
        // A project lead's application without a beschikking has nothing to account for.
        let none = try sandbox.run(["plausibility", "--application", "R-2"])
        #expect(none.status == 0 && none.stdout.contains("R-2 has no beschikking (it is submitted)"), "\(none.stdout)")
    }

    @Test func aReviewsFileWithABadRowAppliesNothing() throws {
        let sandbox = try reviewedRoundSandbox()
        defer { sandbox.remove() }
        let csv = """
        application_id;insurer;decision;reason;accepted_deviations;note
        R-1;3311;approve;;;
        R-1;7029;approve;;;
        R-2;3311;approve;;;"goed plan; akkoord"
        R-3;3311;approve;;;
        """
        let file = try sandbox.file("reviews.csv", csv)
        let r = try sandbox.run(["import", "reviews", file, "--json"])
        #expect(r.status == 1, "\(r.stderr)")
        let report = try json(r.stdout)
        #expect(report["new"] as? Int == 0 && report["rejected"] as? Int == 1)
        let error = (report["errors"] as? [[String: Any]])?.first
        #expect(error?["line"] as? Int == 4 && error?["code"] as? String == "E-CONTRADICTORY")
        #expect(try sandbox.auditEvents() == 4)
        let fixed = try sandbox.file("reviews-fixed.csv", csv.replacingOccurrences(of: "R-2;3311;approve;;;", with: "R-2;3311;approve;;impact.fte_norm;"))
        let ok = try sandbox.run(["import", "reviews", fixed])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("4 new, 0 unchanged, 0 rejected"))
        #expect(try sandbox.run(["import", "reviews", fixed]).stdout.contains("0 new, 4 unchanged"))
        let nul = try sandbox.run(["import", "reviews", try sandbox.file("nul.csv", "application_id,insurer,decision,reason,accepted_deviations,note\nR-3,7029,reject,R9,,over\u{0}lap\n")])
        #expect(nul.status == 65 && nul.stderr.contains("NUL"), "\(nul.stderr)")
        let badHeader = try sandbox.run(["import", "reviews", try sandbox.file("h.csv", "id,insurer\nR-1,3311\n")])
        #expect(badHeader.status == 65 && badHeader.stderr.contains("header"))
        let commaFile = try sandbox.file("c.csv", "application_id,insurer,decision,reason,accepted_deviations,note\nR-3,7029,reject,R4,,\"te weinig capaciteit, zie brief\"\n")
        #expect(try sandbox.run(["import", "reviews", commaFile]).status == 0)
        #expect(try json(try sandbox.run(["application", "show", "R-3", "--json"]).stdout)["status"] as? String == "rejected")
    }

    @Test func allocationRunsOnceAfterTheDeadlineAndExplainsItself() throws {
        let sandbox = try reviewedRoundSandbox()
        defer { sandbox.remove() }
        for id in ["R-1", "R-3"] {
            for insurer in ["3311", "7029"] { #expect(try sandbox.run(["review", id, "--insurer", insurer, "--approve"]).status == 0) }
        }
        for insurer in ["3311", "7029"] {
            #expect(try sandbox.run(["review", "R-2", "--insurer", insurer, "--approve", "--accept", "impact.fte_norm"]).status == 0)
        }
        let whatif = try json(try sandbox.run(["round", "whatif", "--bar", "9,17.6,18,35", "--json"]).stdout)
        let scenarios = try #require(whatif["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["passing"] as? Int } == [3, 2, 2, 0])
        #expect(scenarios[1]["amount"] as? String == "2000000.00")
        #expect(try sandbox.auditEvents() == 10)

        let early = try sandbox.run(["round", "allocate", "--seed", "test"], today: "2026-12-01")
        #expect(early.status == 1 && early.stderr.contains("E-ALLOCATION"))
        let run = try sandbox.run(["round", "allocate", "--seed", "test", "--json"], today: "2026-12-02")
        #expect(run.status == 0, "\(run.stderr)")
        let result = try json(run.stdout)
        // €2 mln for DHZ: R-2 (19) and R-1 (18) fill it exactly; R-3 (17.5) does not fit.
        #expect(result["allocated"] as? [String] == ["R-2", "R-1"])
        #expect(result["not_allocated"] as? [String] == ["R-3"])
        let twice = try sandbox.run(["round", "allocate", "--seed", "test"], today: "2026-12-03")
        #expect(twice.status == 1 && twice.stderr.contains("already allocated on 2026-12-02"))
        let show = try json(try sandbox.run(["application", "show", "R-3", "--json"]).stdout)
        #expect(show["status"] as? String == "not-allocated")
        let allocation = try #require(show["allocation"] as? [String: Any])
        #expect(allocation["rank"] as? Int == 3)
        #expect(allocation["room_before"] as? String == "0.00")
        let human = try sandbox.run(["application", "show", "R-3"])
        #expect(human.stdout.contains("not allocated: rank 3 in digitale-hybride-zorg"))
        let report = try json(try sandbox.run(["round", "report", "--json"]).stdout)
        let dhz = (report["themes"] as? [[String: Any]])?.first { $0["theme"] as? String == "digitale-hybride-zorg" }
        #expect(dhz?["approved"] as? Int == 3)
        #expect(dhz?["over"] as? String == "1000000.00")
        #expect(try json(try sandbox.run(["audit", "verify", "--json"]).stdout)["ok"] as? Bool == true)
    }
}
