import DoorbraakStore
import Foundation
import Testing

/// A view shows no row the audit chain did not bind (SPEC §3.9: trust nothing that is kept).
/// On the demo's database, every tamper the tamper suite generates from the schema either leaves
/// a view's output exactly as it was or refuses the view with E-LEDGER; a row a view shows or
/// counts is never shown edited, added or deleted as if it were fact. Brief in `swift test` (an
/// edit of one column per table); every column, insert and delete with `DOORBRAAK_LONG_TESTS=1`.
@Suite(.serialized) struct ShownRowsTests {
    /// After the demo's last recorded change (the period closed on 2030-01-01).
    static let today = "2030-02-01"

    /// Every view of the CLI that shows kept rows, with `id` a granted application.
    static func views(showing id: String) -> [[String]] {
        [["payouts", "--json"], ["payouts", "--by", "quarter", "--json"], ["payouts", "--due", "--json"], ["payouts", "--application", id, "--json"],
         ["plausibility", "--json"], ["report", "verevening", "--year", "2028", "--json"], ["nza", "register", "--json"], ["ceiling", "--json"],
         ["monitoring", "--json"], ["round", "report", "--json"], ["round", "whatif", "--bar", "9,17", "--json"], ["application", "list", "--json"],
         ["application", "show", id, "--json"], ["plans", "list", "--json"], ["party", "list", "--json"], ["report"]]
    }

    @Test func aViewNeverShowsARowTheChainDidNotBind() throws {
        let round = try TamperSuiteTests.demoRound()
        defer { round.remove() }
        let register = try json(try round.run(["nza", "register", "--json"], today: Self.today).stdout)
        let id = try #require((register["beschikkingen"] as? [[String: Any]])?.first?["application"] as? String)
        let views = Self.views(showing: id)
        var shown: [String] = []
        for view in views {
            let result = try round.run(view, today: Self.today)
            #expect(result.status == 0, "\(view): \(result.stderr)")
            shown.append(result.stdout)
        }
        let tampers = try TamperSuiteTests.enumerated(in: round, columns: longTests ? nil : 1)
            .filter { longTests ? $0.name.hasPrefix("edit") || $0.name.hasPrefix("insert") || $0.name.hasPrefix("delete") : $0.name.hasPrefix("edit") }
            .filter { !$0.name.contains("audit_event") && !$0.name.contains("row_binding") && !$0.name.contains("schema_") }
        var refused = 0, unchanged = 0, applied = 0, violations: [String] = []
        for tamper in tampers {
            let s = try copy(of: round)
            defer { s.remove() }
            let result = try TamperSuiteTests.apply(tamper.sql, to: s.db)
            guard result.status == 0, !result.output.contains("changes=0") else { continue }
            applied += 1
            for (view, before) in zip(views, shown) {
                let now = try s.run(view, today: Self.today)
                if now.status == 1, now.stderr.contains("E-LEDGER"), now.stderr.contains("audit verify") {
                    refused += 1
                } else if now.status == 0, now.stdout == before {
                    unchanged += 1
                } else {
                    violations.append("\(tamper.name) → \(view.joined(separator: " ")): exit \(now.status), \(now.stderr.prefix(200))")
                }
            }
        }
        figures("shown rows", ["tampers": applied, "views refused": refused, "views unchanged": unchanged, "violations": violations.count])
        #expect(applied > 10 && refused > applied)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    /// The money views, both sides: an amount edited with `sqlite3` refuses them naming the row
    /// (with `--json`, the row's table, key, column and values); put back, they show again.
    @Test(arguments: [
        ("claim", "amount_cents", ["payouts"], "claim CL-"),
        ("claim", "amount_cents", ["payouts", "--by", "quarter"], "claim CL-"),
        ("cost_line", "amount_cents", ["plausibility"], "cost_line "),
        ("cost_line", "amount_cents", ["report", "verevening", "--year", "2028"], "cost_line "),
        ("beschikking", "bovengrens_cents", ["nza", "register"], "beschikking "),
        ("application_milestone", "tariff_cents", ["payouts", "--due"], "application_milestone "),
        ("measurement", "value_units", ["monitoring"], "measurement "),
    ])
    func anEditedAmountIsNotShownUntilPutBack(table: String, column: String, view: [String], named: String) throws {
        let round = try TamperSuiteTests.demoRound()
        defer { round.remove() }
        let before = try round.run(view, today: Self.today)
        #expect(before.status == 0, "\(before.stderr)")
        // The first row with an amount, by its key (a row value: WITHOUT ROWID tables have no rowid).
        let key = ["application_milestone": "application_id, code", "measurement": "application_id, peildatum, kpi",
                   "beschikking": "application_id", "claim": "claim_id", "cost_line": "line_id"][table] ?? "rowid"
        let row = "(\(key)) = (SELECT \(key) FROM \(table) WHERE \(column) > 0 ORDER BY \(key) LIMIT 1)"
        #expect(try TamperSuiteTests.apply("UPDATE \(table) SET \(column) = \(column) + 1 WHERE \(row)", to: round.db).status == 0)
        let refused = try round.run(view, today: Self.today)
        #expect(refused.status == 1 && refused.stderr.contains("E-LEDGER") && refused.stderr.contains("not shown") && refused.stderr.contains(named)
                && refused.stderr.contains("\(column) is"), "\(view): \(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        // For scripts: the row as `audit verify --json` lists it, amounts with a decimal point.
        let machine = try round.run(view + ["--json"], today: Self.today)
        let given = try #require((try json(machine.stdout)["error"] as? [String: Any])?["row"] as? [String: Any], "\(machine.stdout)")
        #expect(machine.status == 1 && given["table"] as? String == table && given["column"] as? String == column && given["change"] as? String == "changed")
        // One up in the last digit: `1250000.01` against `1250000.00`.
        let digits = { (key: String) in (given[key] as? String).flatMap { Int($0.replacingOccurrences(of: ".", with: "")) } }
        #expect(digits("found").map { $0 - 1 } == digits("expected") && digits("expected") != nil, "\(given)")
        #expect(given["event"] is Int)
        #expect(try TamperSuiteTests.apply("UPDATE \(table) SET \(column) = \(column) - 1 WHERE \(row)", to: round.db).status == 0)
        let again = try round.run(view, today: Self.today)
        #expect(again.status == 0 && again.stdout == before.stdout, "\(view): \(again.stderr)")
    }
}
