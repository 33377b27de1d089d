import Foundation
import Testing

@Suite struct FoundationCLITests {
    @Test func helpListsEveryCommandAndEachCommandHasHelp() throws {
        let overview = try runDoorbraak(["--help"])
        #expect(overview.status == 0)
        for name in ["init", "plans list", "plans show", "plans template", "ceiling", "audit verify", "audit log", "demo"] {
            #expect(overview.stdout.contains("  \(name) "), "overview lacks \(name)")
            let help = try runDoorbraak(name.split(separator: " ").map(String.init) + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("usage: doorbraak \(name)"), "\(name): \(help.stdout.prefix(80))")
        }
    }

    @Test func usageErrorsAreCodedWithExit64() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        for args in [["frobnicate"], ["plans"], ["plans", "list", "--bogus"], ["plans", "show"], ["init", "--bar", "Z"], ["plans", "template", "zorgpad-copd"]] {
            let r = try sandbox.run(args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stderr.hasPrefix("error: E-USAGE: "), "\(args): \(r.stderr)")
        }
        let badToday = try runDoorbraak(["--today", "2026-02-30", "plans", "list"])
        #expect(badToday.status == 64)
        #expect(badToday.stderr.contains("2026-02-30"))
    }

    @Test func initLoadsThePlansAndRefusesASecondTime() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound(["--bar", "A", "--deadline", "2026-12-15", "--ceiling", "3000000.00", "--theme-amount", "ai=1000000.00"])
        let list = try sandbox.run(["plans", "list", "--json"])
        #expect(list.status == 0)
        let plans = try #require(try json(list.stdout)["plans"] as? [[String: Any]])
        #expect(plans.count == 16)
        #expect(Set(plans.compactMap { $0["id"] as? String }).contains("digitale-triage"))
        #expect(plans.allSatisfy { ["id", "code", "version", "theme", "sectors"].allSatisfy($0.keys.contains) })
        let ceiling = try json(try sandbox.run(["ceiling", "--json"]).stdout)
        #expect(ceiling["ceiling"] as? String == "3000000.00")
        #expect(ceiling["remaining"] as? String == "3000000.00")
        let themes = try #require(ceiling["themes"] as? [[String: Any]])
        #expect(themes.first { $0["theme"] as? String == "ai" }?["amount"] as? String == "1000000.00")
        let again = try sandbox.run(["init", "--plans", packageRoot.appendingPathComponent("ModelPlans").path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("E-EXISTS"))
    }

    /// A `--db` in a folder that does not exist names the folder (not the temporary file the
    /// database is built under); a newcomer's try of the README tripped over it.
    /// An assessor in the wrong folder is told to find the round, not to start a new one (a
    /// newcomer's try: "run `doorbraak init` first" would make a new, empty round).
    @Test func noDatabaseHereSaysToFindTheRound() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for command in [["application", "list"], ["audit", "verify"]] {
            let result = try sandbox.run(command)
            #expect(result.status == 66 && result.stderr.contains("E-NOT-INITIALISED") && result.stderr.contains("run doorbraak in the round's folder or pass --db FILE")
                    && result.stderr.contains("`doorbraak init` starts a new, empty round"), "\(command): \(result.stderr)")
        }
    }

    @Test func aDatabaseInAMissingFolderNamesTheFolder() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let missing = sandbox.folder.appendingPathComponent("nowhere").path
        let result = try runDoorbraak(["init", "--db", missing + "/d.sqlite", "--plans", packageRoot.appendingPathComponent("ModelPlans").path])
        #expect(result.status == 74)
        #expect(result.stderr.contains("E-IO: the folder \(missing) does not exist") && !result.stderr.contains(".creating-"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// A database's file name leaves room for the files beside it (the temporary name's
    /// -journal, the decisions lock): 230 bytes is taken, 231 is E-IO (exit 74) with the limit,
    /// nothing created — it was SQLite's "unable to open database file", exit 70, halfway.
    @Test func aDatabaseNameTooLongForItsCompanionsIsSaid() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let plans = packageRoot.appendingPathComponent("ModelPlans").path
        let fits = sandbox.folder.appendingPathComponent(String(repeating: "d", count: 230)).path
        #expect(try runDoorbraak(["--today", "2026-11-20", "init", "--db", fits, "--plans", plans]).status == 0)
        #expect(try runDoorbraak(["--db", fits, "--today", "2027-01-04", "nza", "decide", "--all"]).status == 0)
        let long = sandbox.folder.appendingPathComponent(String(repeating: "e", count: 231)).path
        let refused = try runDoorbraak(["--today", "2026-11-20", "init", "--db", long, "--plans", plans])
        #expect(refused.status == 74 && refused.stderr.contains("at most 230 bytes"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.path).allSatisfy { !$0.hasPrefix("e") })
    }

    @Test func aBadPlanFolderCreatesNoDatabase() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let plans = sandbox.folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        let copd = try String(contentsOf: packageRoot.appendingPathComponent("ModelPlans/zorgpad-copd.json"), encoding: .utf8)
        try copd.replacingOccurrences(of: "\"share\": 15", with: "\"share\": 16").write(to: plans.appendingPathComponent("zorgpad-copd.json"), atomically: true, encoding: .utf8)
        let r = try sandbox.run(["init", "--plans", plans.path])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("E-PLAN-FILE"))
        #expect(r.stderr.contains("zorgpad-copd.json"))
        #expect(r.stderr.contains("milestones"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.db))
        let missing = try sandbox.run(["init", "--plans", sandbox.folder.appendingPathComponent("nope").path])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: sandbox.db))
    }

    @Test func commandsOnAMissingDatabaseSayToInit() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let r = try sandbox.run(["plans", "list"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("doorbraak init"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.db))
    }

    @Test func plansShowAndTemplate() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let show = try json(try sandbox.run(["plans", "show", "zorgpad-copd", "--json"]).stdout)
        #expect(show["code"] as? String == "DHZ-COPD")
        let milestones = try #require(show["milestones"] as? [[String: Any]])
        #expect(milestones.compactMap { $0["share"] as? Int }.reduce(0, +) == 100)
        #expect(milestones.allSatisfy { $0["latest"] is String && $0["code"] is String })
        let norms = try #require(show["norms"] as? [String: Any])
        #expect(["min_providers", "max_amount_per_provider", "spending_years", "plausible_max_fte_per_mln"].allSatisfy(norms.keys.contains))
        #expect(show["excluded_categories"] is [Any])
        let human = try sandbox.run(["plans", "show", "zorgpad-copd"])
        #expect(human.stdout.contains("DHZ-COPD-M1"))
        // Each KPI with the id a monitoring file names it by (a newcomer could not find K1…K3).
        #expect(human.stdout.contains("  - K1 Fysieke poliklinische controles per COPD-patiënt:") && human.stdout.contains("  - K3 Vrijgespeelde capaciteit"), "\(human.stdout)")
        let unknown = try sandbox.run(["plans", "show", "zorgpad-griep"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.hasPrefix("error: E-MISSING: no model plan \"zorgpad-griep\""), "\(unknown.stderr)")
        // The code `plans list` shows beside the id names the id (a newcomer typed the code).
        let code = try sandbox.run(["plans", "show", "DHZ-COPD"])
        #expect(code.status == 66 && code.stderr.contains("\"DHZ-COPD\" is the code of plan \"zorgpad-copd\": use the id"), "\(code.stderr)")
        let typo = try sandbox.run(["plans", "template", "zorgpad-copt", "--sector", "ggz"])
        #expect(typo.status == 66 && typo.stderr.contains("did you mean \"zorgpad-copd\"?"), "\(typo.stderr)")

        let template = try sandbox.run(["plans", "template", "slim-incontinentiemateriaal", "--sector", "vvt"])
        #expect(template.status == 0, "\(template.stderr)")
        let app = try json(template.stdout)
        #expect(app["plan"] as? String == "slim-incontinentiemateriaal")
        #expect(app["requested"] as? String == "1000000.00")
        let tariffs = try #require(app["milestones"] as? [[String: Any]]).compactMap { $0["tariff"] as? String }
        let planShares = try json(try sandbox.run(["plans", "show", "slim-incontinentiemateriaal", "--json"]).stdout)["milestones"] as? [[String: Any]]
        #expect(tariffs == planShares?.compactMap { ($0["share"] as? Int).map { "\($0 * 10000).00" } })
        #expect((app["basiseisen"] as? [String: Any])?.count == 14)
        let wrongSector = try sandbox.run(["plans", "template", "zorgpad-copd", "--sector", "vvt"])
        #expect(wrongSector.status == 1)
        #expect(wrongSector.stderr.contains("E-PLAN"))
    }

    /// An anchor taken at more events than the chain holds names no event of it: verify says where
    /// the chain ends, and that the anchor may be another database's (a newcomer's try).
    @Test func anAnchorBeyondTheChainSaysWhereItEnds() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let events = try sandbox.sql("SELECT count(*) FROM audit_event")
        let result = try sandbox.run(["audit", "verify", "--head", "99:" + String(repeating: "a", count: 64)])
        #expect(result.status == 1)
        #expect(result.stdout.contains("audit chain BROKEN after its last event \(events): the chain holds \(events) events but the anchor was taken at 99"), "\(result.stdout)")
        #expect(result.stdout.contains("or the anchor is not this database's"))
        #expect(result.stderr.contains("it ends after event \(events)") && !result.stderr.contains("first bad event"), "\(result.stderr)")
    }

    @Test func auditVerifyCatchesTamperingThroughSQLite() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let ok = try sandbox.run(["audit", "verify", "--json"])
        #expect(ok.status == 0)
        #expect(try json(ok.stdout)["ok"] as? Bool == true)
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tamper.arguments = ["sqlite3", sandbox.db, "UPDATE audit_event SET after = 'ceiling 900000000.00' WHERE seq = 1"]
        try tamper.run()
        tamper.waitUntilExit()
        #expect(tamper.terminationStatus == 0)
        let bad = try sandbox.run(["audit", "verify", "--json"])
        #expect(bad.status == 1)
        let result = try json(bad.stdout)
        #expect(result["ok"] as? Bool == false)
        #expect(result["first_bad"] as? Int == 1)
        let human = try sandbox.run(["audit", "verify"])
        #expect(human.stdout.contains("BROKEN at event 1"))
        let log = try sandbox.run(["audit", "log", "round"])
        #expect(log.stdout.contains("init"))
        // A typo in the subject is not an empty log.
        let typo = try sandbox.run(["audit", "log", "DBM-2026-01"])
        #expect(typo.status == 66 && typo.stderr.contains("no audit events for \"DBM-2026-01\""), "\(typo.stderr)")
    }

    @Test func demoRunsInATemporaryFolder() throws {
        // A temporary directory of its own, so that demos run by other tests at the same time
        // cannot be mistaken for a folder this one left behind.
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let r = try runDoorbraak(["demo"], environment: ["TMPDIR": sandbox.folder.path], directory: packageRoot)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("the round: settings set by init"))
        #expect(!r.stdout.contains("SPEC"), "the demo speaks the words of the process, not of the spec")
        let left = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.path)
        #expect(!left.contains { $0.hasPrefix("doorbraak-demo-") }, "the demo removes its temporary folder: \(left)")
        let report = try #require(left.first { $0.hasPrefix("doorbraak-overview-") && $0.hasSuffix(".html") }, "and leaves only its report: \(left)")
        #expect(r.stdout.contains(report), "where it said, under a name of its own: \(left)")
        #expect(r.stdout.contains("16 plans"))
        #expect(r.stdout.contains("€ 600.000.000,00"))
        #expect(r.stdout.contains("verified"))
    }
}
