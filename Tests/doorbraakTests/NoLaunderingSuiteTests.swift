import DoorbraakCore
import Foundation
import Testing

/// No command launders an edit (SPEC §3.9, "every row bound to the chain"): writing a row binds
/// it anew, so a command that writes a row it did not check first would bind an edit made with
/// `sqlite3` as its own (found in the eleventh session: the reviews import bound a doubled
/// requested amount, which was then allocated). Generated from the schema: before each stage of a
/// round, a row of every table is edited (each column), deleted or added, the stage's command
/// runs, and wherever the edit is still in the database afterwards `audit verify` must still name
/// that table's row — a command may refuse, or leave the edit for verify, never bind it.
/// Brief in `swift test` (one column per table, the money stages); every column with
/// `DOORBRAAK_LONG_TESTS=1`.
@Suite(.serialized) struct NoLaunderingSuiteTests {
    /// One edit of one row: the table, what is done, its SQL, the row (a condition on its key),
    /// the column edited (nil for a deleted or added row), and a query that returns 1 while a
    /// deleted row is still gone or an added row still there (an edited column is compared with
    /// the command's run without the edit).
    struct Edit {
        var table: String
        var name: String
        var sql: String
        var row: String
        var column: String?
        var stillThere: String
        /// The SQL that puts the row back as it was (for an added row: deletes it), or nil.
        var putBack: String? = nil
    }

    /// The edits of `sandbox`'s tables: for the middle row of each (by key), every column changed
    /// (`columns` limits them per table), the row deleted, and a copy under another key added.
    static func edits(in sandbox: Sandbox, columns: Int?) throws -> [Edit] {
        var edits: [Edit] = []
        let tables = try sandbox.sql("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT IN ('audit_event', 'row_binding') ORDER BY name")
            .split(separator: "\n").map(String.init)
        for table in tables {
            let info = try sandbox.sql("SELECT name || '|' || type || '|' || pk FROM pragma_table_info('\(table)') ORDER BY cid").split(separator: "\n")
                .map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
            let key = info.filter { $0[2] != "0" }.sorted { $0[2] < $1[2] }.map { $0[0] }
            let count = Int(try sandbox.sql("SELECT count(*) FROM \"\(table)\"")) ?? 0
            guard count > 0, !key.isEmpty else { continue }
            let keyList = key.map { "\"\($0)\"" }.joined(separator: ", ")
            // The middle row's key as literals, so that the row is found again after a command.
            let literals = try sandbox.sql("SELECT \(key.map { "quote(\"\($0)\")" }.joined(separator: " || ',' || ")) FROM \"\(table)\" ORDER BY \(keyList) LIMIT 1 OFFSET \(count / 2)")
            let row = "(\(keyList)) = (\(literals))"
            let changed = TamperSuiteTests.changed
            let nonKey = info.filter { !key.contains($0[0]) }
            for column in columns.map({ Array(nonKey.suffix($0)) }) ?? nonKey {
                let original = try sandbox.sql("SELECT quote(\"\(column[0])\") FROM \"\(table)\" WHERE \(row)")
                let edited = try sandbox.sql("SELECT quote(\(changed(column))) FROM \"\(table)\" WHERE \(row)")
                // Put back only while the edited value is there: a value the command wrote stays.
                edits.append(Edit(table: table, name: "edit \(table).\(column[0])", sql: "UPDATE \"\(table)\" SET \"\(column[0])\" = \(changed(column)) WHERE \(row)",
                                  row: row, column: column[0], stillThere: "",
                                  putBack: "UPDATE \"\(table)\" SET \"\(column[0])\" = \(original) WHERE \(row) AND \"\(column[0])\" IS \(edited)"))
            }
            let values = try sandbox.sql("SELECT \(info.map { "quote(\"\($0[0])\")" }.joined(separator: " || ',' || ")) FROM \"\(table)\" WHERE \(row)")
            edits.append(Edit(table: table, name: "delete a row of \(table)", sql: "DELETE FROM \"\(table)\" WHERE \(row)", row: row,
                              stillThere: "SELECT count(*) = 0 FROM \"\(table)\" WHERE \(row)",
                              putBack: "INSERT OR IGNORE INTO \"\(table)\" VALUES (\(values))"))
            let copied = info.map { key.contains($0[0]) ? changed($0) : "\"\($0[0])\"" }.joined(separator: ", ")
            let newKey = try sandbox.sql("SELECT \(info.filter { key.contains($0[0]) }.map { "quote(\(changed($0)))" }.joined(separator: " || ',' || ")) FROM \"\(table)\" WHERE \(row)")
            let added = "(\(keyList)) = (\(newKey))"
            edits.append(Edit(table: table, name: "add a row to \(table)", sql: "INSERT INTO \"\(table)\" SELECT \(copied) FROM \"\(table)\" WHERE \(row)", row: added,
                              stillThere: "SELECT count(*) FROM \"\(table)\" WHERE \(added)",
                              putBack: "DELETE FROM \"\(table)\" WHERE \(added)"))
        }
        return edits
    }

    /// The round's stages, and the other commands that write rows, each on the state it needs:
    /// a revised decision, a new bar and an allocation with transfers, one request, one decision and a withdrawal of
    /// a pending request, cost lines, a measurement and the close of the period after the
    /// reallocation; a replaced application and a renamed party before the reviews.
    static func stages(of round: StagedRound) throws -> [(Stage, Sandbox)] {
        var stages = try round.stages.map { ($0, try #require(round.templates[$0.name])) }
        let beforeAllocation = try #require(round.templates["round allocate"])
        let beforeDecisions = try #require(round.templates["nza decide --all"])
        let beforeRequests = try #require(round.templates["nza request"])
        let allocated = try beforeRequests.sql("SELECT application_id FROM allocation WHERE allocated = 1 ORDER BY application_id LIMIT 1")
        let pending = try beforeDecisions.sql("SELECT application_id FROM beschikking WHERE status = 'pending' ORDER BY application_id LIMIT 2").split(separator: "\n").map(String.init)
        try #require(pending.count == 2)
        // The cost line and measurement rest on the middle beschikking, the row the edits take,
        // when it is granted (else on the first granted one).
        let granted = try round.base.sql("""
            SELECT application_id FROM (SELECT application_id, status FROM beschikking ORDER BY application_id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM beschikking))
            WHERE status = 'granted' UNION ALL SELECT * FROM (SELECT application_id FROM beschikking WHERE status = 'granted' ORDER BY application_id LIMIT 1) LIMIT 1
            """)
        // A second line on another application, taken with --partial: a line refused on an edited
        // row (not with E-LEDGER) then shows as a changed result beside the one stored.
        let other = try round.base.sql("SELECT application_id FROM beschikking WHERE status = 'granted' AND application_id <> '\(granted)' ORDER BY application_id LIMIT 1")
        let costs = try round.base.file("costs.csv", "line_id,application_id,provider,year,category,kind,amount,description\nL-1,\(granted),12345678,2027,personnel,incidental,1000.00,uren\n"
                                        + "L-2,\(other),23456789,2027,personnel,incidental,1000.00,uren\n")
        let beforeReviews = try #require(round.templates["import reviews"])
        let replacement = try round.base.file("replacement.json", payoutApplication("ST-0004", cents: 12 * 100_000_00, fteTenths: 400))
        let monitoring = try round.base.file("monitoring.csv", "application_id,peildatum,kpi,value\n\(granted),2027-06-30,fte,1.5\n\(other),2027-06-30,fte,2.5\n")
        stages += [
            (Stage(name: "application submit --replace", arguments: ["application", "submit", replacement, "--replace"], today: "2026-11-23"), beforeReviews),
            (Stage(name: "party add --rename", arguments: ["party", "add", "insurer", "3311", "Verzekeraar Nieuw", "--rename"], today: "2026-11-23"), beforeReviews),
            (Stage(name: "import monitoring", arguments: ["import", "monitoring", monitoring, "--partial"], today: "2027-07-02"), round.base),
            (Stage(name: "review --revise", arguments: ["review", "ST-0003", "--insurer", "7029", "--reject", "R2", "--revise", "--note", "herzien"], today: "2026-11-25"), beforeAllocation),
            (Stage(name: "round bar", arguments: ["round", "bar", "0.02"], today: "2026-11-25"), beforeAllocation),
            (Stage(name: "round allocate --transfer", arguments: ["round", "allocate", "--seed", "trust", "--transfer"], today: "2026-12-02"), beforeAllocation),
            (Stage(name: "nza request ID", arguments: ["nza", "request", allocated, "--contract", "OVK-\(allocated)"], today: "2026-12-03"), beforeRequests),
            (Stage(name: "nza decide ID", arguments: ["nza", "decide", pending[0]], today: "2027-01-04"), beforeDecisions),
            (Stage(name: "application withdraw", arguments: ["application", "withdraw", pending[1], "--lead", "12345678"], today: "2027-01-04"), beforeDecisions),
            (Stage(name: "import costs", arguments: ["import", "costs", costs, "--partial"], today: "2027-07-02"), round.base),
            (Stage(name: "round close", arguments: ["round", "close"], today: "2030-01-02"), round.base),
        ]
        return stages
    }

    @Test func noCommandBindsAnEditAsItsOwn() throws {
        let round = try StagedRound(count: 12, seed: 31)
        defer { round.remove() }
        var tried = 0, refused = 0, leftForVerify = 0, overwritten = 0, putBack = 0, violations: [String] = []
        let stages = try NoLaunderingSuiteTests.stages(of: round)
        for (stage, template) in stages {
            // The command must work on the state as it is (else the test proves nothing of it).
            // The command on the state as it is: what each row holds after it without an edit.
            let clean = try copy(of: template)
            defer { clean.remove() }
            let ran = try clean.run(stage.arguments, today: stage.today, environment: stage.environment)
            // (The round's request and claims files hold rows its rules refuse: exit 1.)
            #expect(ran.status == 0 || (ran.status == 1 && ["nza request", "import claims"].contains(stage.name) && !ran.stderr.contains("E-LEDGER")),
                    "\(stage.name) on the state as it is: exit \(ran.status) \(ran.stderr.prefix(300))")
            let cleanState = try NoLaunderingSuiteTests.businessState(of: clean)
            let stateBefore = try NoLaunderingSuiteTests.businessState(of: template)
            for edit in try NoLaunderingSuiteTests.edits(in: template, columns: longTests ? nil : 1) {
                let s = try copy(of: template)
                defer { s.remove() }
                let applied = try TamperSuiteTests.apply(edit.sql, to: s.db)
                if applied.status != 0 || applied.output.contains("changes=0") { continue }
                tried += 1
                let result = try s.run(stage.arguments, today: stage.today, environment: stage.environment)
                if result.status == 70 || result.stderr.contains("E-INTERNAL") {
                    violations.append("\(stage.name), \(edit.name): exit \(result.status) \(result.stderr.prefix(300))")
                    continue
                }
                let refusedIt = result.stderr.contains("E-LEDGER") || result.stderr.contains("E-AUDIT")
                if refusedIt { refused += 1 }
                // An edited column is still there when it holds other than the command leaves it
                // without the edit: also when the command moved it on (`released_cents + ?`
                // carries an edit forward; an attacker's review of this suite).
                let stillThere: Bool
                if let column = edit.column {
                    let value = "SELECT quote(\"\(column)\") FROM \"\(edit.table)\" WHERE \(edit.row)"
                    stillThere = try s.sql(value) != (try clean.sql(value))
                } else {
                    stillThere = try s.sql(edit.stillThere) == "1"
                }
                if stillThere {
                    let verify = try s.run(["audit", "verify", "--json"])
                    let report = try? json(verify.stdout)
                    // The chain's head in the ledger is checked by the chain walk, not as a row.
                    let chainHead = edit.table == "ledger" && ["audit_head", "audit_seq"].contains(edit.column ?? "") && report?["chain_ok"] as? Bool == false
                    let named = chainHead || (report?["rows"] as? [[String: Any]] ?? []).contains { $0["table"] as? String == edit.table }
                    if named { leftForVerify += 1 } else {
                        violations.append("\(stage.name), \(edit.name): the edit is bound as the command's own (exit \(result.status)); verify: \(verify.stdout.prefix(300))")
                    }
                } else {
                    overwritten += 1
                }
                // Put back, a command that did not refuse with E-LEDGER and wrote must have written
                // what it writes without the edit: else it decided on the edited row unchecked, and
                // what it wrote on it (bound by its event) passes `audit verify` once the edit is
                // gone (an attacker's review of the eleventh session: a beschikking inserted for a
                // costs import, deleted after it).
                if !refusedIt, let sql = edit.putBack {
                    let undo = try TamperSuiteTests.apply(sql, to: s.db)
                    let state = try NoLaunderingSuiteTests.businessState(of: s)
                    // (A command that refused and wrote nothing leaves the state as it was.)
                    if undo.status == 0, state != cleanState, state != stateBefore {
                        let (a, b) = (state.split(separator: "\n"), cleanState.split(separator: "\n"))
                        let differing = zip(a, b).first { $0 != $1 }.map { "\($0.0) / without the edit \($0.1)" } ?? "\(a.count) rows / \(b.count) rows without the edit"
                        violations.append("\(stage.name), \(edit.name): put back, the command's result differs from its run without the edit (exit \(result.status)): \(differing.prefix(300)); \(result.stderr.prefix(200))")
                    }
                    putBack += 1
                }
            }
        }
        figures("no-laundering", ["stages": stages.count, "edits": tried, "refused": refused, "put back": putBack, "left for verify": leftForVerify, "overwritten": overwritten, "violations": violations.count])
        #expect(violations.isEmpty, "\(violations.count) laundered:\n\(violations.joined(separator: "\n"))")
    }

    /// Every table but the chain's own (the events, the bindings and the head kept in the ledger
    /// carry the wall-clock time, as a submission's `received_at` does), row by row in key
    /// order: what a command decided.
    static func businessState(of sandbox: Sandbox) throws -> String {
        let tables = try sandbox.sql("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT IN ('audit_event', 'row_binding') ORDER BY name")
            .split(separator: "\n").map(String.init)
        var query: [String] = []
        for table in tables {
            let columns = try sandbox.sql("SELECT name FROM pragma_table_info('\(table)') WHERE name NOT IN ('audit_head', 'audit_seq', 'received_at') ORDER BY cid").split(separator: "\n")
            query.append("SELECT '\(table)', \(columns.map { "quote(\"\($0)\")" }.joined(separator: " || ',' || ")) FROM \"\(table)\"")
        }
        return try sandbox.sql(query.joined(separator: " UNION ALL ") + " ORDER BY 1, 2")
    }

    /// A registered document and its SHA-256 edited together pass the document's own check: a
    /// lower bar admitted the refusal as the edited document had it (its fte raised, an outsider
    /// in its coalition), bound as the bar's own, and the document was put back unseen (an
    /// attacker's review; € 7,1 mln was then granted). The bar now checks the registered rows.
    @Test func aDocumentEditedWithItsDigestIsNotAdmittedByALowerBar() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let plans = s.folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try ceilingTestPlan.write(to: plans.appendingPathComponent("ceiling-test.json"), atomically: true, encoding: .utf8)
        #expect(try s.run(["init", "--plans", plans.path, "--bar", "10"]).status == 0)
        // 5 fte for € 1 mln: 5 fte per €mln, below the bar of 10.
        let imported = try s.run(["import", "applications", try s.file("a.jsonl", ceilingApplication("BAR-1", cents: 1_000_000_00, fteTenths: 50)), "--partial"])
        let codes = try s.sql("SELECT codes FROM application WHERE id = 'BAR-1'")
        #expect(imported.status == 1 && codes == "E-BAR", "\(imported.stderr)")
        let seq = try s.sql("SELECT submission_seq FROM application WHERE id = 'BAR-1'")
        let document = try s.sql("SELECT document FROM submission WHERE seq = \(seq)")
        let forged = document.replacingOccurrences(of: "\"fte_saved\":\"5.0\"", with: "\"fte_saved\":\"50.0\"")
        try #require(forged != document && !forged.contains("'"))
        _ = try s.sql("UPDATE submission SET document = '\(forged)', content_sha256 = '\(SHA256.hex(forged))' WHERE seq = \(seq)")
        let lowered = try s.run(["round", "bar", "8"])
        #expect(lowered.status == 1 && lowered.stderr.contains("E-LEDGER") && lowered.stderr.contains("submission"), "\(lowered.stdout)\(lowered.stderr)")
        #expect(try s.sql("SELECT status || ' ' || fte_tenths FROM application WHERE id = 'BAR-1'") == "inadmissible 50")
        #expect(try s.sql("SELECT bar_hundredths FROM round") == "1000", "the bar stays")
    }

    /// The last release deleted, the next one took its id (an INTEGER PRIMARY KEY reuses the
    /// largest): its binding was overwritten and the deletion was named no more as a row (an
    /// attacker's review). The key a release would take is checked first.
    @Test func aDeletedReleaseIsNotReplacedByTheNext() throws {
        let round = try StagedRound(count: 12, seed: 31)
        defer { round.remove() }
        let s = try copy(of: round.base)
        defer { s.remove() }
        let last = try s.sql("SELECT max(id) FROM bovengrens_release")
        try #require(Int(last) ?? 0 > 0)
        let before = try s.sql("SELECT (SELECT released_cents FROM ledger), (SELECT count(*) FROM audit_event)")
        _ = try s.sql("DELETE FROM bovengrens_release WHERE id = \(last)")
        let closed = try s.run(["round", "close"], today: "2030-01-02")
        #expect(closed.status == 1 && closed.stderr.contains("E-LEDGER") && closed.stderr.contains("bovengrens_release"), "\(closed.stdout)\(closed.stderr)")
        #expect(try s.sql("SELECT (SELECT released_cents FROM ledger), (SELECT count(*) FROM audit_event)") == before, "nothing released")
        let verify = try s.run(["audit", "verify", "--json"])
        #expect(((try? json(verify.stdout))?["rows"] as? [[String: Any]] ?? []).contains { $0["table"] as? String == "bovengrens_release" && $0["change"] as? String == "deleted" }, "\(verify.stdout.prefix(400))")
    }
}
