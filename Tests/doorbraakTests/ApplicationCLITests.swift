import Foundation
import Testing

/// The valid fixture application as one JSONL line with `id`, optionally edited.
func applicationLine(_ id: String, _ edit: (inout [String: Any]) -> Void = { _ in }) throws -> String {
    let url = packageRoot.appendingPathComponent("Tests/DoorbraakImportTests/Fixtures/valid-application.json")
    var document = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    document["id"] = id
    edit(&document)
    return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
}

extension Sandbox {
    /// The number of audit events: every stored change appends one, so equal counts mean unchanged.
    func auditEvents() throws -> Int {
        try json(try run(["audit", "verify", "--json"]).stdout)["events"] as? Int ?? -1
    }

    func importJSON(_ path: String, _ extra: [String] = []) throws -> (CLIResult, [String: Any]) {
        let r = try run(["import", "applications", path, "--json"] + extra)
        return (r, try json(r.stdout))
    }
}

@Suite struct ApplicationCLITests {
    @Test func aProviderChecksSubmitsAndShowsOneApplication() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let file = try sandbox.file("app.json", try applicationLine("DBM-2026-0001"))
        let check = try sandbox.run(["application", "check", file, "--json"])
        #expect(check.status == 0, "\(check.stderr)")
        let verdict = try json(check.stdout)
        #expect(verdict["admissible"] as? Bool == true)
        #expect(verdict["track"] as? String == "limited")
        #expect(verdict["fte_per_mln"] as? String == "18.00")
        #expect(try sandbox.auditEvents() == 1, "check must write nothing")

        let submit = try sandbox.run(["application", "submit", file])
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(submit.stdout.contains("submitted DBM-2026-0001 (version 1): track limited"))
        let again = try sandbox.run(["application", "submit", file])
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing changed"))
        #expect(try sandbox.auditEvents() == 2)

        let show = try json(try sandbox.run(["application", "show", "DBM-2026-0001", "--json"]).stdout)
        #expect(show["status"] as? String == "submitted")
        #expect(show["requested"] as? String == "1000000.00")
        #expect(show["bovengrens"] is NSNull)
        #expect((show["milestones"] as? [[String: Any]])?.count == 5)
        #expect((show["milestones"] as? [[String: Any]])?.first?["status"] as? String == "expected")
        #expect((show["audit"] as? [[String: Any]])?.first?["action"] as? String == "submit")
        let human = try sandbox.run(["application", "show", "DBM-2026-0001"])
        #expect(human.stdout.contains("audit trail"))
        #expect(try sandbox.run(["application", "show", "NOPE-1"]).status == 66)

        let other = try sandbox.file("other.json", try applicationLine("DBM-2026-0001") { $0["region"] = "Groningen" })
        let duplicate = try sandbox.run(["application", "submit", other])
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("E-DUPLICATE") && duplicate.stderr.contains("(\(other): id)"), "the error names the file: \(duplicate.stderr)")
        let unknown = try sandbox.run(["application", "submit", "--replace", try sandbox.file("new.json", try applicationLine("DBM-2026-0009"))])
        #expect(unknown.status == 66 && unknown.stderr.contains("new.json: id)"), "\(unknown.stderr)")
        // A typo in an id at `nza decide` says there is no such application, not "request it first".
        let typo = try sandbox.run(["nza", "decide", "DBM-2026-000"])
        #expect(typo.stderr.contains("no application \"DBM-2026-000\""), "\(typo.stderr)")
        // One not allocated is not sent to `nza request`, which would refuse it (a newcomer's try).
        let notAllocated = try sandbox.run(["nza", "decide", "DBM-2026-0001"])
        #expect(notAllocated.status == 66 && notAllocated.stderr.contains("it is submitted, and only an allocated application is requested") && !notAllocated.stderr.contains("nza request` first"), "\(notAllocated.stderr)")
    }

    /// The wrong file gets one clear error, not one per line, and changes nothing.
    @Test func theWrongKindOfFileGetsOneClearError() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let jsonl = try sandbox.file("apps.jsonl", try applicationLine("DBM-2026-0001") + "\n" + (try applicationLine("DBM-2026-0002")))
        let csv = try sandbox.file("reviews.csv", "application_id,insurer,decision,reason,accepted_deviations,note\nDBM-2026-0001,3311,approve,,,\n")
        let reviews = try sandbox.run(["import", "reviews", jsonl])
        #expect(reviews.status == 65 && reviews.stderr.contains("the first line must be the header application_id,insurer,decision,reason,accepted_deviations,note") && reviews.stderr.contains("this line is JSON, not CSV"), "\(reviews.stderr)")
        let apps = try sandbox.run(["import", "applications", csv, "--partial"])
        #expect(apps.status == 65, "\(apps.stderr)")
        #expect(apps.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }.count == 1, "\(apps.stderr)")
        #expect(apps.stderr.contains("not an applications file") && apps.stderr.contains("reviews.csv:1"), "\(apps.stderr)")
        #expect(try sandbox.auditEvents() == 1)
        // A file whose first line is a broken JSON object is still read line by line.
        let broken = try sandbox.file("broken.jsonl", "{\"id\": \n" + (try applicationLine("DBM-2026-0003")))
        let partial = try sandbox.run(["import", "applications", broken, "--partial"])
        #expect(partial.stdout.contains("1 new"), "\(partial.stdout)\(partial.stderr)")
    }

    @Test func checkReportsEveryFailureWithCodeFileAndField() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let file = try sandbox.file("bad.json", try applicationLine("DBM-2026-0002") { d in
            d["insurers"] = ["coordinating": "3311", "second": "3311"]
            var i = d["impact"] as! [String: Any]; i["fte_saved"] = "16.9"; d["impact"] = i
        })
        let check = try sandbox.run(["application", "check", file])
        #expect(check.status == 1)
        #expect(check.stderr.contains("error: E-INSURERS: "))
        #expect(check.stderr.contains("error: E-BAR: "))
        #expect(check.stderr.contains("\(file): impact.fte_saved)"))
        let late = try sandbox.run(["application", "submit", try sandbox.file("ok.json", try applicationLine("DBM-2026-0003"))], today: "2026-12-02")
        #expect(late.status == 1)
        #expect(late.stderr.contains("E-LATE") && late.stderr.contains("received after the deadline, so the round cannot take it") && !late.stderr.contains("--replace"), "\(late.stderr)")
        let malformed = try sandbox.run(["application", "check", try sandbox.file("m.json", "{\"id\": \"X\"")])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("E-INPUT"))
        #expect(try sandbox.run(["application", "check", sandbox.folder.appendingPathComponent("missing.json").path]).status == 66)
        #expect(try sandbox.auditEvents() == 2, "only the late submission is registered (as inadmissible); checks write nothing")
    }

    @Test func importIsAllOrNothingUnlessPartial() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let lines = [try applicationLine("A-001"), try applicationLine("A-002") { $0["insurers"] = ["coordinating": "3311", "second": "3311"] }, try applicationLine("A-003")]
        let file = try sandbox.file("batch.jsonl", lines.joined(separator: "\n") + "\n")
        let (first, report) = try sandbox.importJSON(file)
        #expect(first.status == 1)
        #expect(report["new"] as? Int == 0 && report["rejected"] as? Int == 1 && report["committed"] as? Bool == false)
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] as? Int == 2 && errors.first?["id"] as? String == "A-002" && errors.first?["code"] as? String == "E-INSURERS")
        #expect(try sandbox.auditEvents() == 1)
        let (partial, partialReport) = try sandbox.importJSON(file, ["--partial"])
        #expect(partial.status == 1)
        #expect(partialReport["new"] as? Int == 2)
        #expect(partialReport["rejected"] as? Int == 1 && partialReport["registered_inadmissible"] as? Int == 1, "the refused row is in the register")
        #expect(try sandbox.auditEvents() == 4, "two admitted and the refused one registered with its code")
        let text = try sandbox.run(["import", "applications", file, "--partial"])
        #expect(text.stdout.contains("0 new, 2 unchanged, 1 rejected (all registered as inadmissible with their codes"), "\(text.stdout)")
        let malformed = try sandbox.run(["import", "applications", try sandbox.file("m.jsonl", "{\"id\": \"A-9\"\n"), "--partial", "--json"])
        #expect((try json(malformed.stdout))["registered_inadmissible"] as? Int == 0, "a malformed row is not registered")
        let (_, again) = try sandbox.importJSON(file, ["--partial"])
        #expect(again["new"] as? Int == 0 && again["unchanged"] as? Int == 2)
        let human = try sandbox.run(["import", "applications", file, "--partial"])
        #expect(human.stdout.contains("0 new, 2 unchanged, 1 rejected"))
    }

    @Test func theSameFileTwiceChangesNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let file = try sandbox.file("ok.jsonl", try (1...5).map { try applicationLine("OK-00\($0)") }.joined(separator: "\n"))
        let first = try sandbox.run(["import", "applications", file])
        #expect(first.status == 0)
        #expect(first.stdout.contains("5 new, 0 unchanged, 0 rejected"))
        let second = try sandbox.run(["import", "applications", file])
        #expect(second.status == 0)
        #expect(second.stdout.contains("0 new, 5 unchanged, 0 rejected"))
        #expect(try sandbox.auditEvents() == 6)
    }

    @Test func badInputIsReportedAndChangesNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let good = try applicationLine("G-001")
        let truncated = String(try applicationLine("T-001").dropLast(20))
        let cases: [(String, [UInt8], Int32, String)] = [
            ("empty file", [], 65, "holds no applications"),
            ("truncated last line", Array((good + "\n" + truncated).utf8), 65, "E-INPUT"),
            ("invalid UTF-8", Array(good.utf8) + [0x0A] + Array(try applicationLine("U-001").utf8).map { $0 == UInt8(ascii: "T") ? 0xFF : $0 }, 65, "E-INPUT"),
            ("a 10 MB line", Array(good.utf8) + [0x0A] + [UInt8](repeating: UInt8(ascii: " "), count: 10 << 20) + Array("{}".utf8), 65, "longer than"),
            ("a NUL escape in a string", Array((try applicationLine("N-001") { $0["region"] = "Twente\u{0}kwaad" }).utf8), 65, "NUL"),
            ("same id, other content", Array((good + "\n" + (try applicationLine("G-001") { $0["region"] = "Zeeland" })).utf8), 1, "E-DUPLICATE"),
        ]
        for (name, bytes, status, fragment) in cases {
            let path = sandbox.folder.appendingPathComponent("case.jsonl").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let r = try sandbox.run(["import", "applications", path])
            #expect(r.status == status, "\(name): \(r.stderr)")
            #expect(r.stderr.contains(fragment), "\(name): \(r.stderr.prefix(300))")
            #expect(r.stderr.contains("case.jsonl"), "\(name) names the file")
            #expect(try sandbox.auditEvents() == 1, "\(name) changed the database")
        }
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let bytes = [0xEF, 0xBB, 0xBF] + Array((try applicationLine("B-001") + "\r\n" + (try applicationLine("B-002")) + "\r\n\r\n").utf8)
        let path = sandbox.folder.appendingPathComponent("bom.jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try sandbox.run(["import", "applications", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 new"))
    }

    @Test func aFolderImportSkipsOtherFiles() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.initRound()
        let folder = sandbox.folder.appendingPathComponent("apps")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try applicationLine("D-001").write(to: folder.appendingPathComponent("d1.json"), atomically: true, encoding: .utf8)
        try applicationLine("D-002").write(to: folder.appendingPathComponent("d2.json"), atomically: true, encoding: .utf8)
        try "notes".write(to: folder.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        let r = try sandbox.run(["import", "applications", folder.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 new"))
        #expect(r.stderr.contains("skipped README.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("d0.json").path, withDestinationPath: "/nonexistent/x.json")
        try applicationLine("D-004").write(to: folder.appendingPathComponent("d4.json"), atomically: true, encoding: .utf8)
        let partial = try sandbox.run(["import", "applications", folder.path, "--partial"])
        #expect(partial.status == 66, "a file of the folder that is not there is missing input, as everywhere: \(partial.stderr)")
        #expect(partial.stdout.contains("1 new, 2 unchanged, 1 rejected"), "\(partial.stdout)")
        try "{".write(to: folder.appendingPathComponent("d3.json"), atomically: true, encoding: .utf8)
        let bad = try sandbox.run(["import", "applications", folder.path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("d3.json"))
    }

    @Test func generateIsDeterministicAndTheDemoImportsARound() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let plans = packageRoot.appendingPathComponent("ModelPlans").path
        for out in ["g1", "g2"] {
            #expect(try runDoorbraak(["generate", "--applications", "200", "--seed", "9", "--out", sandbox.folder.appendingPathComponent(out).path, "--plans", plans]).status == 0)
        }
        let a = try Data(contentsOf: sandbox.folder.appendingPathComponent("g1/applications.jsonl"))
        let b = try Data(contentsOf: sandbox.folder.appendingPathComponent("g2/applications.jsonl"))
        #expect(a == b)
        #expect(a.split(separator: UInt8(ascii: "\n")).count == 200)
        let demo = try runDoorbraak(["demo", "--applications", "300"], directory: packageRoot)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("track limited"))
        #expect(demo.stdout.contains("E-BAR"))
    }
}
