import Foundation
import Testing

/// The holes two attackers' reviews of the twelfth session found (SPEC §3.9): a row edited with
/// `sqlite3` for the length of one command and put back after it left a cost line, a
/// measurement or an "admissible" that `audit verify` then passed; a deleted row taken as new; a
/// deleted theme that gave exit 70; edited rows blamed on the user's input. Each edit below is
/// refused with `E-LEDGER` naming the row, nothing is stored on it, and the same command without
/// the edit does what it did before (each test fails on the code before its fix).
@Suite(.serialized) struct ReviewedHolesTests {
    struct Attack {
        var name: String
        var sql: String
        /// The command and its file's text.
        var command: [String]
        var file: (name: String, text: String)
        /// The row the refusal names.
        var names: String
        /// The query that returns 0 when nothing was stored on the edited row.
        var nothingStored: String
    }

    static let costsHeader = "line_id,application_id,provider,year,category,kind,amount,description\n"
    static let monitoringHeader = "application_id,peildatum,kpi,value\n"

    static func attacks(granted: String, ungranted: String) -> [Attack] {
        [
            Attack(name: "a granted beschikking inserted for an application that has none (a cost line)",
                   sql: "INSERT INTO beschikking (application_id, contract, bovengrens_cents, status, requested_on, decided_on) VALUES ('\(ungranted)', 'X', 100, 'granted', '2026-12-03', '2027-01-04')",
                   command: ["import", "costs"], file: ("c.csv", costsHeader + "K-1,\(ungranted),12345678,2027,personnel,incidental,5000000.00,uren\n"),
                   names: "beschikking \(ungranted): added outside doorbraak", nothingStored: "SELECT count(*) FROM cost_line"),
            Attack(name: "a granted beschikking inserted for an application that has none (a measurement)",
                   sql: "INSERT INTO beschikking (application_id, contract, bovengrens_cents, status, requested_on, decided_on) VALUES ('\(ungranted)', 'X', 100, 'granted', '2026-12-03', '2027-01-04')",
                   command: ["import", "monitoring"], file: ("m.csv", monitoringHeader + "\(ungranted),2027-06-30,fte,500.0\n"),
                   names: "beschikking \(ungranted): added outside doorbraak", nothingStored: "SELECT count(*) FROM measurement"),
            // Outside the coalition a line is stored with P6 (not eligible); with the provider
            // written into the coalition it would have counted as eligible.
            Attack(name: "an outsider written into the coalition before its cost line",
                   sql: "INSERT INTO application_provider (application_id, agb, name, amount_cents) VALUES ('\(granted)', '99999999', 'Buiten', 0)",
                   command: ["import", "costs"], file: ("c.csv", costsHeader + "K-1,\(granted),99999999,2027,personnel,incidental,1000.00,uren\n"),
                   names: "application_provider \(granted) / 99999999: added outside doorbraak", nothingStored: "SELECT count(*) FROM cost_line"),
            Attack(name: "the application's plan edited before a measurement (the plan decides the KPIs allowed)",
                   sql: "UPDATE plan SET document = replace(document, 'Uitbetaaltest', 'Uitbetaaltest 2') WHERE id = 'payout-test'",
                   command: ["import", "monitoring"], file: ("m.csv", monitoringHeader + "\(granted),2027-06-30,fte,1.5\n"),
                   names: "plan payout-test: document", nothingStored: "SELECT count(*) FROM measurement"),
            Attack(name: "the application's plan changed before a measurement (another plan allows other KPIs)",
                   sql: "UPDATE application SET plan = 'payout-test-2' WHERE id = '\(granted)'",
                   command: ["import", "monitoring"], file: ("m.csv", monitoringHeader + "\(granted),2027-06-30,fte,1.5\n"),
                   names: "application \(granted): plan", nothingStored: "SELECT count(*) FROM measurement"),
        ]
    }

    @Test func aCostLineOrMeasurementIsNotStoredOnAnEditedRow() throws {
        let round = try StagedRound(count: 12, seed: 31)
        defer { round.remove() }
        let granted = try round.base.sql("SELECT application_id FROM beschikking WHERE status = 'granted' ORDER BY application_id LIMIT 1")
        let ungranted = try round.base.sql("SELECT id FROM application WHERE id NOT IN (SELECT application_id FROM beschikking) ORDER BY id LIMIT 1")
        try #require(!granted.isEmpty && !ungranted.isEmpty)
        for attack in ReviewedHolesTests.attacks(granted: granted, ungranted: ungranted) {
            let s = try copy(of: round.base)
            defer { s.remove() }
            let file = try s.file(attack.file.name, attack.file.text)
            let anchor = try json(try s.run(["audit", "head", "--json"]).stdout)["head"] as? String ?? ""
            _ = try s.sql(attack.sql)
            let result = try s.run(attack.command + [file, "--partial"], today: "2027-07-02")
            #expect(result.status == 1 && result.stderr.contains("E-LEDGER") && result.stderr.contains(attack.names), "\(attack.name): exit \(result.status) \(result.stderr.prefix(500))")
            #expect(result.stderr.contains("is not stored") && result.stderr.contains("not by your file"), "\(attack.name): the refusal says what it means: \(result.stderr.prefix(300))")
            #expect(try s.sql(attack.nothingStored) == "0", "\(attack.name): stored on the edited row")
            let verify = try s.run(["audit", "verify", "--head", anchor])
            #expect(verify.status == 1, "\(attack.name): audit verify names the edit")
        }
    }

    /// Without the edit the same files are taken as before: the outsider's line with P6, the
    /// line on an application without a beschikking refused with E-COST-APPLICATION.
    @Test func withoutTheEditTheSameFilesAreTakenAsBefore() throws {
        let round = try StagedRound(count: 12, seed: 31)
        defer { round.remove() }
        let granted = try round.base.sql("SELECT application_id FROM beschikking WHERE status = 'granted' ORDER BY application_id LIMIT 1")
        let ungranted = try round.base.sql("SELECT id FROM application WHERE id NOT IN (SELECT application_id FROM beschikking) ORDER BY id LIMIT 1")
        let s = try copy(of: round.base)
        defer { s.remove() }
        let outsider = try s.run(["import", "costs", try s.file("c.csv", ReviewedHolesTests.costsHeader + "K-1,\(granted),99999999,2027,personnel,incidental,1000.00,uren\n")], today: "2027-07-02")
        let findings = try s.sql("SELECT findings FROM cost_line WHERE line_id = 'K-1'")
        #expect(outsider.status == 0 && findings == "P6", "\(outsider.stdout)\(outsider.stderr)")
        let refused = try s.run(["import", "costs", try s.file("d.csv", ReviewedHolesTests.costsHeader + "K-2,\(ungranted),12345678,2027,personnel,incidental,1000.00,uren\n")], today: "2027-07-02")
        #expect(refused.status == 1 && refused.stderr.contains("E-COST-APPLICATION"), "\(refused.stderr)")
        let measured = try s.run(["import", "monitoring", try s.file("m.csv", ReviewedHolesTests.monitoringHeader + "\(granted),2027-06-30,fte,1.5\n")], today: "2027-07-02")
        #expect(measured.status == 0, "\(measured.stderr)")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// A cost line or measurement deleted with `sqlite3` is not new: the same key with other
    /// content was refused (P7, E-MONITORING-CONFLICT) before the delete and must stay refused,
    /// as deleted outside doorbraak; the views then showed the new figure as fact.
    @Test func aDeletedLineOrMeasurementIsNotReplacedByAnImport() throws {
        let round = try StagedRound(count: 12, seed: 31)
        defer { round.remove() }
        let granted = try round.base.sql("SELECT application_id FROM beschikking WHERE status = 'granted' ORDER BY application_id LIMIT 1")
        let s = try copy(of: round.base)
        defer { s.remove() }
        let header = ReviewedHolesTests.costsHeader
        #expect(try s.run(["import", "costs", try s.file("c.csv", header + "K-1,\(granted),12345678,2027,personnel,incidental,1000.00,uren\n")], today: "2027-07-02").status == 0)
        #expect(try s.run(["import", "monitoring", try s.file("m.csv", ReviewedHolesTests.monitoringHeader + "\(granted),2027-06-30,fte,1.5\n")], today: "2027-07-02").status == 0)
        let otherLine = try s.file("c2.csv", header + "K-1,\(granted),12345678,2027,personnel,incidental,999999.00,uren\n")
        let otherValue = try s.file("m2.csv", ReviewedHolesTests.monitoringHeader + "\(granted),2027-06-30,fte,999.0\n")
        // Before the delete: refused on their content.
        #expect(try s.run(["import", "costs", otherLine], today: "2027-07-02").stderr.contains("P7"))
        #expect(try s.run(["import", "monitoring", otherValue], today: "2027-07-02").stderr.contains("E-MONITORING-CONFLICT"))
        _ = try s.sql("DELETE FROM cost_line WHERE line_id = 'K-1'; DELETE FROM measurement WHERE application_id = '\(granted)'")
        let line = try s.run(["import", "costs", otherLine], today: "2027-07-02")
        #expect(line.status == 1 && line.stderr.contains("E-LEDGER") && line.stderr.contains("cost_line K-1: deleted outside doorbraak"), "\(line.stderr)")
        let value = try s.run(["import", "monitoring", otherValue], today: "2027-07-02")
        #expect(value.status == 1 && value.stderr.contains("E-LEDGER") && value.stderr.contains("deleted outside doorbraak"), "\(value.stderr)")
        #expect(try s.sql("SELECT count(*) FROM cost_line") == "0")
        #expect(try s.sql("SELECT count(*) FROM measurement") == "0")
    }

    /// `application check` writes nothing, but tells a provider "admissible": on a deadline moved
    /// or an insurer registered with `sqlite3` it said so; a submission judged on a plan deleted
    /// with it was registered inadmissible (E-PLAN) as the file's fault.
    @Test func theAdmissionCheckRestsOnBoundRows() throws {
        let round = try StagedRound(count: 12, seed: 31)
        defer { round.remove() }
        let template = try #require(round.templates["import reviews"])
        let late = try template.file("late.json", payoutApplication("ST-0099", cents: 12 * 100_000_00, fteTenths: 400))
        let edits = ["UPDATE round SET deadline = '2027-06-01'": "round 1: deadline",
                     "INSERT INTO party (role, id, name) VALUES ('insurer', '4444', 'Nieuw')": "party insurer / 4444: added outside doorbraak",
                     "DELETE FROM plan WHERE id = 'payout-test'": "plan payout-test: deleted outside doorbraak"]
        for (sql, names) in edits {
            for command in [["application", "check", late], ["application", "submit", late]] {
                let s = try copy(of: template)
                defer { s.remove() }
                _ = try s.sql("PRAGMA foreign_keys = OFF; " + sql)
                let result = try s.run(command, today: "2026-12-02")
                #expect(result.status == 1 && result.stderr.contains("E-LEDGER") && result.stderr.contains(names), "\(command[1]) after \(sql): exit \(result.status) \(result.stdout)\(result.stderr)")
                #expect(try s.sql("SELECT count(*) FROM submission WHERE application_id = 'ST-0099'") == "0", "\(command[1]) after \(sql): registered")
            }
        }
        // Without an edit: after the deadline, E-LATE as before.
        let s = try copy(of: template)
        defer { s.remove() }
        let checked = try s.run(["application", "check", late], today: "2026-12-02")
        #expect(checked.status == 1 && checked.stderr.contains("E-LATE") && !checked.stderr.contains("E-LEDGER"), "\(checked.stdout)\(checked.stderr)")
    }

    /// An application row deleted with `sqlite3` (with its binding, or not) and the file sent
    /// again: the id is not new (its versions are registered), so E-LEDGER — it failed on SQLite's
    /// constraint (E-DATABASE) before.
    @Test(arguments: ["DELETE FROM application WHERE id = 'ST-0001'",
                      "DELETE FROM application WHERE id = 'ST-0001'; DELETE FROM row_binding WHERE tbl = 'application' AND key = 'ST-0001'"])
    func aDeletedApplicationIsNotRegisteredAnew(sql: String) throws {
        let round = try StagedRound(count: 4, seed: 31)
        defer { round.remove() }
        let s = try copy(of: try #require(round.templates["import reviews"]))
        defer { s.remove() }
        let file = try s.file("a.json", payoutApplication("ST-0001", cents: 12 * 100_000_00, fteTenths: 400))
        _ = try s.sql("PRAGMA foreign_keys = OFF; " + sql)
        let versions = try s.sql("SELECT count(*) FROM submission WHERE application_id = 'ST-0001'")
        for command in [["application", "submit", file], ["import", "applications", file]] {
            let result = try s.run(command, today: "2026-11-23")
            #expect(result.status == 1 && result.stderr.contains("E-LEDGER") && result.stderr.contains("application ST-0001: deleted outside doorbraak"), "\(command): exit \(result.status) \(result.stderr)")
            #expect(!result.stderr.contains("E-DATABASE"))
            #expect(try s.sql("SELECT count(*) FROM submission WHERE application_id = 'ST-0001'") == versions, "nothing registered")
        }
    }

    /// `round bar` sets the bar on the round's settings and, lowering it, admits on the theme
    /// budgets: a theme deleted with `sqlite3` failed on the foreign key of the application a
    /// lower bar admitted (exit 70, E-DATABASE; a second review of this landing), and a higher
    /// bar was set on it. Now E-LEDGER before anything is written.
    @Test func theBarRestsOnTheThemes() throws {
        let round = try StagedRound(count: 4, seed: 31)
        defer { round.remove() }
        let s = try copy(of: try #require(round.templates["round allocate"]))
        defer { s.remove() }
        _ = try s.sql("PRAGMA foreign_keys = OFF; DELETE FROM theme WHERE theme = 'ai'")
        for bar in ["0.02"] {
            let result = try s.run(["round", "bar", bar], today: "2026-12-01")
            #expect(result.status == 1 && result.stderr.contains("E-LEDGER") && result.stderr.contains("theme ai: deleted outside doorbraak"), "\(bar): exit \(result.status) \(result.stderr)")
        }
    }

    /// A row the command rests on edited or deleted is named, not blamed on the user ("run `nza
    /// request` first", which then said "is requested"; "the round was not allocated yet"; an
    /// edited date read as malformed input, exit 65).
    @Test func anEditedRowIsNamedNotBlamedOnTheUser() throws {
        let round = try StagedRound(count: 12, seed: 31)
        defer { round.remove() }
        let beforeDecisions = try #require(round.templates["nza decide --all"])
        let pending = try beforeDecisions.sql("SELECT application_id FROM beschikking WHERE status = 'pending' ORDER BY application_id LIMIT 1")
        let cases: [(Sandbox, String, [String], String, String)] = [
            (beforeDecisions, "DELETE FROM beschikking WHERE application_id = '\(pending)'", ["nza", "decide", pending], "2027-01-04", "beschikking \(pending): deleted outside doorbraak"),
            (beforeDecisions, "DELETE FROM beschikking WHERE application_id = '\(pending)'", ["nza", "request", pending, "--contract", "OVK-X"], "2027-01-04", "beschikking \(pending): deleted outside doorbraak"),
            (try #require(round.templates["round reallocate"]), "UPDATE allocation_run SET run_on = '2026-12-02x'", ["round", "reallocate", "--dry-run"], "2027-07-01", "allocation_run 1: run_on"),
            (try #require(round.templates["round reallocate"]), "DELETE FROM allocation_run", ["round", "reallocate"], "2027-07-01", "allocation_run 1: deleted outside doorbraak"),
            (round.base, "UPDATE submission SET received_on = '2026-11-23x' WHERE application_id = 'ST-0001'", ["plausibility", "--application", "ST-0001"], "2027-07-02", "submission"),
        ]
        for (template, sql, command, today, names) in cases {
            let s = try copy(of: template)
            defer { s.remove() }
            _ = try s.sql("PRAGMA foreign_keys = OFF; " + sql)
            let result = try s.run(command, today: today)
            #expect(result.status == 1 && result.stderr.contains("E-LEDGER") && result.stderr.contains(names), "\(command) after \(sql): exit \(result.status) \(result.stderr)")
        }
    }

    /// The trail views (a third review): an event deleted or moved away just before a shown one,
    /// and the newest event deleted, left the trail shorter without a word (exit 0); a costs
    /// refusal quoted an edited application status ("is granted, not granted").
    @Test(arguments: ["DELETE FROM audit_event WHERE seq = (SELECT min(seq) FROM audit_event WHERE subject = 'ST-0001' AND action = 'review')",
                      "UPDATE audit_event SET subject = 'ST-0002' WHERE seq = (SELECT min(seq) FROM audit_event WHERE subject = 'ST-0001' AND action = 'review')"])
    func anEventGoneBeforeAShownOneIsNamed(sql: String) throws {
        let round = try StagedRound(count: 4, seed: 31)
        defer { round.remove() }
        let s = try copy(of: try #require(round.templates["round allocate"]))
        defer { s.remove() }
        let gone = try s.sql("SELECT min(seq) FROM audit_event WHERE subject = 'ST-0001' AND action = 'review'")
        _ = try s.sql(sql)
        let log = try s.run(["audit", "log", "ST-0001"])
        #expect(log.status == 1 && log.stderr.contains("E-AUDIT") && log.stderr.contains("event \(gone)"), "\(log.stdout)\(log.stderr)")
        let show = try s.run(["application", "show", "ST-0001"])
        #expect(show.status == 1 && show.stderr.contains("E-AUDIT"), "\(show.stderr)")
    }

    @Test func theNewestEventDeletedIsNamedByTheTrail() throws {
        let round = try StagedRound(count: 4, seed: 31)
        defer { round.remove() }
        let s = try copy(of: try #require(round.templates["nza request"]))
        defer { s.remove() }
        let last = try s.sql("SELECT max(seq) FROM audit_event")
        _ = try s.sql("DELETE FROM audit_event WHERE seq = \(last)")
        for command in [["audit", "log"], ["audit", "log", "round"]] {
            let log = try s.run(command)
            #expect(log.status == 1 && log.stderr.contains("E-AUDIT") && log.stderr.contains("event \(last)"), "\(command): \(log.stderr)")
        }
    }

    @Test func aCostRefusalDoesNotQuoteAnEditedStatus() throws {
        let round = try StagedRound(count: 12, seed: 31)
        defer { round.remove() }
        let ungranted = try round.base.sql("SELECT id FROM application WHERE id NOT IN (SELECT application_id FROM beschikking) ORDER BY id LIMIT 1")
        let s = try copy(of: round.base)
        defer { s.remove() }
        _ = try s.sql("UPDATE application SET status = 'granted' WHERE id = '\(ungranted)'")
        let file = try s.file("c.csv", ReviewedHolesTests.costsHeader + "K-1,\(ungranted),12345678,2027,personnel,incidental,1000.00,uren\n")
        let result = try s.run(["import", "costs", file], today: "2027-07-02")
        #expect(result.status == 1 && result.stderr.contains("E-LEDGER") && result.stderr.contains("application \(ungranted): status"), "\(result.stderr)")
        #expect(!result.stderr.contains("not granted"))
    }
}
