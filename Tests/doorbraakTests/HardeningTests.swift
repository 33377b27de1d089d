import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

/// What trials found, each fixed and kept fixed; and the insurer's role in every command that acts for one.
@Suite struct HardeningTests {
    @Test func devNullAsDatabaseIsRefusedAndCreatesNoJournal() throws {
        let result = try runDoorbraak(["--db", "/dev/null", "ceiling"])
        #expect(result.status == 74 && result.stderr.contains("not a regular file"))
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal") && !FileManager.default.fileExists(atPath: "/dev/null-wal"))
    }

    @Test func aReaderLeavesNoWalOrShmAndLoosePermissionsAreReported() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let mode = try FileManager.default.attributesOfItem(atPath: s.db)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        for command in [["ceiling"], ["audit", "verify"], ["audit", "head"], ["audit", "log"], ["plans", "list"]] {
            #expect(try s.run(command).status == 0)
            #expect(!FileManager.default.fileExists(atPath: s.db + "-wal") && !FileManager.default.fileExists(atPath: s.db + "-shm"), "\(command)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: s.db)
        let loose = try s.run(["ceiling"])
        #expect(loose.status == 0 && loose.stderr.contains("warning:") && loose.stderr.contains("644"))
    }

    /// `ceiling` and `report` show the kept totals only from rows the chain bound: the NZa analyst
    /// is not shown a ledger raised by one cent, a theme deleted or a year added with sqlite3
    /// (E-LEDGER, exit 1, the row named); the rows put back, the view works again.
    @Test(arguments: [
        ("UPDATE ledger SET granted_cents = granted_cents + 1", "UPDATE ledger SET granted_cents = granted_cents - 1", "ledger 1: granted_cents"),
        ("UPDATE theme SET amount_cents = amount_cents + 1 WHERE theme = 'ai'", "UPDATE theme SET amount_cents = amount_cents - 1 WHERE theme = 'ai'", "theme ai: amount_cents"),
        ("DELETE FROM theme WHERE theme = 'medische-technologie'", "INSERT INTO theme VALUES ('medische-technologie', 5000000000, 0, 0)", "theme medische-technologie: deleted"),
        ("DELETE FROM ledger_year WHERE year = 2029", "INSERT INTO ledger_year VALUES (2029, 0)", "ledger_year 2029: deleted"),
    ])
    func theKeptTotalsAreShownOnlyAsBound(edit: String, undo: String, named: String) throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        #expect(try s.run(["ceiling"]).status == 0)
        _ = try s.sql(edit)
        for command in [["ceiling"], ["report"]] {
            let refused = try s.run(command)
            #expect(refused.status == 1 && refused.stderr.contains("E-LEDGER") && refused.stderr.contains(named), "\(command): \(refused.stderr)")
        }
        _ = try s.sql(undo)
        #expect(try s.run(["ceiling"]).status == 0)
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    @Test func initCleansTheLeftoversOfAKilledInit() throws {
        let s = try Sandbox()
        defer { s.remove() }
        // A pid far above pid_max is never running.
        let stale = s.db + ".creating-99999999"
        for suffix in ["", "-wal", "-shm"] { _ = FileManager.default.createFile(atPath: stale + suffix, contents: Data([1])) }
        try s.initRound()
        let left = try FileManager.default.contentsOfDirectory(atPath: s.folder.path).filter { $0.contains(".creating-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func aFIFONamedJsonInAPartialFolderImportIsSkipped() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let folder = s.folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(mkfifo(folder.appendingPathComponent("stuck.json").path, 0o600) == 0)
        try "{}".write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let result = try runWithDeadline(["--db", s.db, "import", "applications", "--partial", folder.path], seconds: 20)
        #expect(!result.hung && !result.signaled && [0, 1, 65].contains(result.status), "\(result)")
    }

    @Test func theLineLimitIsExactAndADoubleBOMIsRefused() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let limit = 1 << 20
        let line = "{\"id\": \"X\"}"
        let exact = line + String(repeating: " ", count: limit - line.utf8.count)
        let fits = try s.run(["import", "applications", try s.file("exact.jsonl", exact + "\n")])
        #expect(!fits.stderr.contains("longer than"), "\(fits.stderr.prefix(300))")
        let over = try s.run(["import", "applications", try s.file("over.jsonl", exact + " \n")])
        #expect(over.status != 0 && over.stderr.contains("longer than"), "\(over.stderr.prefix(300))")
        let bom = "\u{FEFF}\u{FEFF}application_id,insurer,decision,reason,accepted_deviations,note\nX,3311,approve,,,\n"
        let twice = try s.run(["import", "reviews", try s.file("bom.csv", bom)])
        #expect(twice.status == 65 && twice.stderr.contains("two byte order marks"), "\(twice.stderr)")
        let jsonl = try s.run(["import", "applications", try s.file("bom.jsonl", "\u{FEFF}\u{FEFF}" + line + "\n")])
        #expect(jsonl.status != 0 && jsonl.status != 70)
    }

    @Test func anAllOrNothingImportOfMalformedRowsNeverWaitsForTheWriteLock() throws {
        let round = try StagedRound(count: 4, seed: 3)
        defer { round.remove() }
        let s = round.base
        let rows = (1...20_000).map { "C-\($0),ST-0001,M9,1234,33,abc,2027-13-45,maybe,\n" }.joined()
        let file = try s.file("bad-claims.csv", claimHeader + rows)
        // Another writer holds the lock all the time; the import must not even ask for it.
        let holder = try Database(path: s.db, create: false)
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }
        let result = try s.run(["import", "claims", file], today: "2027-06-30", environment: ["DOORBRAAK_BUSY_TIMEOUT_MS": "0"])
        #expect(result.status == 65 || result.status == 1, "\(result.status) \(result.stderr.prefix(300))")
        #expect(!result.stderr.contains("E-BUSY"))
    }

    @Test func aSubmissionEnteredAfterTheDeadlineWithAnEarlierTodayIsFlagged() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let plans = s.folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try payoutTestPlan.write(to: plans.appendingPathComponent("payout-test.json"), atomically: true, encoding: .utf8)
        let initResult = try s.run(["init", "--plans", plans.path, "--deadline", "2020-01-31", "--bar", "0.01"], today: "2020-01-01")
        try #require(initResult.status == 0, "\(initResult.stderr)")
        let submitted = try s.run(["application", "submit", try s.file("a.json", payoutApplication("LATE-1", cents: 1_000_000_00, fteTenths: 500))], today: "2020-01-15")
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stderr.contains("warning: entered on") && submitted.stderr.contains("after the deadline 2020-01-31"), "the submitter is told too: \(submitted.stderr)")
        let shown = try s.run(["application", "show", "LATE-1", "--json"])
        #expect(try json(shown.stdout)["entered_after_deadline"] as? Bool == true)
        #expect(try s.run(["application", "show", "LATE-1"]).stdout.contains("WARNING"))
    }

    @Test func anInsurerNotOnTheApplicationCanNeitherReviewNorPay() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("ROLE-A", 1_000_000_00, 500)])
        let events = try s.sql("SELECT count(*) FROM audit_event")
        // `review` for an insurer not named on the application.
        let review = try s.run(["review", "ROLE-A", "--insurer", "9999", "--approve"])
        #expect(review.status == 1 && review.stderr.contains("E-REVIEWER"), "\(review.stderr)")
        // `import reviews` with such a row: refused, nothing written.
        let reviews = try s.run(["import", "reviews", try s.file("r.csv", "application_id,insurer,decision,reason,accepted_deviations,note\nROLE-A,9999,approve,,,\n")])
        #expect(reviews.status == 1 && reviews.stdout.contains("E-REVIEWER") || reviews.stderr.contains("E-REVIEWER"), "\(reviews.stdout) \(reviews.stderr)")
        // `import claims` paid by an insurer not on the application: refused, nothing paid.
        let claims = try s.run(["import", "claims", try s.file("c.csv", claimHeader + "R-1,ROLE-A,M1,12345678,9999,300000.00,2027-06-15,reached,verslag\n")], today: "2027-06-30")
        #expect(claims.status == 1 && (claims.stdout + claims.stderr).contains("E-CLAIM-INSURER"), "\(claims.stdout) \(claims.stderr)")
        #expect(try s.sql("SELECT paid_cents FROM ledger") == "0")
        #expect(try s.sql("SELECT count(*) FROM audit_event") == events)
    }
}
