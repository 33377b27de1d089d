import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

/// The tamper suite (SPEC §3.9): generated from the schema itself. On a database that holds every
/// kind of row (the demo's), for every table an insert, a delete and an edit of every column, as
/// someone with the `sqlite3` CLI makes them; each must be caught by `audit verify --head`.
/// Brief in `swift test` (every table's insert and delete, and one column each); every column
/// with `DOORBRAAK_LONG_TESTS=1`.
@Suite(.serialized) struct TamperSuiteTests {
    /// One tamper: what it does and its SQL.
    struct Tamper {
        var name: String
        var sql: String
    }

    /// The demo's database with 40 applications: plans, register, reviews, allocation,
    /// beschikkingen, claims (paid, missed, refused), releases, cost lines and measurements.
    static func demoRound() throws -> Sandbox {
        let sandbox = try Sandbox()
        let demo = try runDoorbraak(["demo", "--applications", "40", "--db", sandbox.db], directory: sandbox.folder)
        try #require(demo.status == 0, "\(demo.stderr)")
        return sandbox
    }

    /// The cases, from the schema of `sandbox`'s database. `columns` limits the column edits per
    /// table (nil: all).
    static func enumerated(in sandbox: Sandbox, columns: Int?) throws -> [Tamper] {
        var tampers: [Tamper] = []
        let tables = try sandbox.sql("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name").split(separator: "\n").map(String.init)
        for table in tables {
            let info = try sandbox.sql("SELECT name || '|' || type || '|' || pk FROM pragma_table_info('\(table)') ORDER BY cid").split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
            let key = info.filter { $0[2] != "0" }.sorted { $0[2] < $1[2] }.map { $0[0] }
            let count = Int(try sandbox.sql("SELECT count(*) FROM \"\(table)\"")) ?? 0
            guard count > 0, !key.isEmpty else { continue }
            let keyList = key.map { "\"\($0)\"" }.joined(separator: ", ")
            // The middle row, by its key (a row value works for rowid and WITHOUT ROWID tables alike).
            let target = "(\(keyList)) = (SELECT \(keyList) FROM \"\(table)\" ORDER BY \(keyList) LIMIT 1 OFFSET \(count / 2))"
            let changed = TamperSuiteTests.changed
            tampers.append(Tamper(name: "delete a row of \(table)", sql: "DELETE FROM \"\(table)\" WHERE \(target)"))
            let copied = info.map { key.contains($0[0]) ? changed($0) : "\"\($0[0])\"" }.joined(separator: ", ")
            tampers.append(Tamper(name: "insert a row into \(table)", sql: "INSERT INTO \"\(table)\" SELECT \(copied) FROM \"\(table)\" WHERE \(target)"))
            let edited = columns.map { n in Array(info.filter { !key.contains($0[0]) }.suffix(n)) + Array(info.filter { key.contains($0[0]) }.prefix(1)) } ?? info
            for column in edited {
                tampers.append(Tamper(name: "edit \(table).\(column[0])", sql: "UPDATE \"\(table)\" SET \"\(column[0])\" = \(changed(column)) WHERE \(target)"))
            }
        }
        // The stored schema: every index dropped, a CHECK taken out of a table's text, a trigger added.
        for index in try sandbox.sql("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").split(separator: "\n") {
            tampers.append(Tamper(name: "drop index \(index)", sql: "DROP INDEX \"\(index)\""))
        }
        tampers.append(Tamper(name: "take a CHECK out of the claim table", sql: "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (amount_cents >= 0)', '') WHERE name = 'claim'; PRAGMA writable_schema = OFF"))
        tampers.append(Tamper(name: "add a trigger", sql: "CREATE TRIGGER quiet AFTER INSERT ON claim BEGIN SELECT 1; END"))
        return tampers
    }

    /// A column (`[name, type, …]` from `pragma_table_info`) as SQL changed by one step: an
    /// integer plus one, a blob and a text one byte longer, NULL set.
    static func changed(_ column: [String]) -> String {
        let name = "\"\(column[0])\""
        switch column[1] {
        case "INTEGER": return "CASE WHEN \(name) IS NULL THEN 1 ELSE \(name) + 1 END"
        case "BLOB": return "CASE WHEN \(name) IS NULL THEN x'00' ELSE \(name) || x'00' END"
        default: return "coalesce(\(name) || 'x', 'x')"
        }
    }

    /// Runs `sql` with the sqlite3 CLI; the exit status, and whether it changed anything.
    static func apply(_ sql: String, to db: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // CHECK constraints are no obstacle to someone with the CLI: they switch them off.
        process.arguments = ["sqlite3", db, "PRAGMA ignore_check_constraints = ON; " + sql + "; SELECT 'changes=' || total_changes();"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func everyTamperGeneratedFromTheSchemaIsCaught() throws {
        let round = try TamperSuiteTests.demoRound()
        defer { round.remove() }
        #expect(try round.run(["audit", "verify"]).status == 0)
        let anchor = try json(try round.run(["audit", "head", "--json"]).stdout)["head"] as? String ?? ""
        let tampers = try TamperSuiteTests.enumerated(in: round, columns: longTests ? nil : 1)
        var caught = 0, refusedBySQLite = 0, violations: [String] = []
        for tamper in tampers {
            let s = try copy(of: round)
            defer { s.remove() }
            let applied = try TamperSuiteTests.apply(tamper.sql, to: s.db)
            if applied.status != 0 || applied.output.contains("changes=0") {
                // A key or NOT NULL constraint refused it (or it changed nothing): the database itself held.
                refusedBySQLite += 1
                continue
            }
            let result = try s.run(["audit", "verify", "--json", "--head", anchor])
            if [1, 65].contains(result.status) && (result.stderr.contains("E-AUDIT") || result.stderr.contains("E-SCHEMA")) {
                caught += 1
            } else {
                violations.append("\(tamper.name): exit \(result.status), \(result.stderr.prefix(300)) \(result.stdout.prefix(300))")
            }
        }
        figures("tamper", ["cases": tampers.count, "applied": tampers.count - refusedBySQLite, "caught": caught, "refused by SQLite": refusedBySQLite, "violations": violations.count])
        #expect(caught + refusedBySQLite == tampers.count && caught > tampers.count / 2)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    /// The chain itself: edits, deletions, insertions and reorderings of events, a cut-off tail
    /// with a fixed head, a rewrite with recomputed hashes (both need the anchor), and a forged
    /// payout event that binds a raised kept total (only the recount can tell).
    @Test(arguments: [
        ("edit an event", "UPDATE audit_event SET after = 'granted, bovengrens 1' WHERE seq = 5", false),
        ("delete an event", "DELETE FROM audit_event WHERE seq = 7", false),
        ("insert an event", "INSERT INTO audit_event SELECT seq + 1000, at, on_day, actor, action, subject, before, after, rows_sha256, prev_hash, hash FROM audit_event WHERE seq = 3", false),
        ("reorder events", "UPDATE audit_event SET seq = -seq WHERE seq IN (8, 9); UPDATE audit_event SET seq = 9 WHERE seq = -8; UPDATE audit_event SET seq = 8 WHERE seq = -9", false),
        ("delete the last event", "DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)", false),
        ("cut the tail and fix the head", "DELETE FROM row_binding WHERE seq > (SELECT max(seq) - 5 FROM audit_event); DELETE FROM audit_event WHERE seq > (SELECT max(seq) - 5 FROM audit_event); UPDATE ledger SET audit_seq = (SELECT max(seq) FROM audit_event), audit_head = (SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1)", true),
        ("hide an event's bindings behind a NUL in their table name", "UPDATE row_binding SET tbl = tbl || char(0) WHERE seq = (SELECT max(seq) FROM row_binding)", false),
        ("hide an event's bindings behind a NUL in their key", "UPDATE row_binding SET key = key || char(0) WHERE seq = (SELECT max(seq) FROM row_binding)", false),
        ("rewrite the whole chain", "", true),
        ("forge an appended payout event with a fixed head", "", true),
    ])
    func everyChainTamperIsCaught(name: String, sql: String, needsAnchor: Bool) throws {
        let round = try StagedRound(count: 24, seed: 13)
        defer { round.remove() }
        let s = round.base
        let anchor = try json(try s.run(["audit", "head", "--json"]).stdout)["head"] as? String ?? ""
        if sql.isEmpty {
            try TamperSuiteTests.rewrite(s.db, forgeTail: name.hasPrefix("forge"))
        } else {
            #expect(try TamperSuiteTests.apply(sql, to: s.db).status == 0)
        }
        let result = try s.run(["audit", "verify", "--json"] + (needsAnchor ? ["--head", anchor] : []))
        #expect(result.status == 1 && result.stderr.contains("E-AUDIT"), "\(name): \(result.stdout.prefix(600))")
        if !needsAnchor || name.hasPrefix("forge") {
            // Caught without the anchor too (a forged event is caught by the recount).
            #expect(try s.run(["audit", "verify", "--json"]).status == 1, "\(name) without the anchor")
        }
    }

    /// Rewrites the chain in process with recomputed hashes (what someone with write access and
    /// this source can do): either changes an early event and re-hashes everything after it, or
    /// appends a forged, correctly hashed payout event that binds a raised kept paid total.
    static func rewrite(_ path: String, forgeTail: Bool) throws {
        let db = try Database(path: path, create: false)
        var events = try AuditLog.events(in: db)
        if forgeTail {
            let last = try #require(events.last)
            try db.run("UPDATE ledger SET paid_cents = paid_cents + 100000")
            let image = try #require(try db.row("SELECT ceiling_cents, granted_cents, released_cents, pending_cents, paid_cents FROM ledger", [], { r in
                RowImage([.integer(1), .integer(r.int64(0)), .integer(r.int64(1)), .integer(r.int64(2)), .integer(r.int64(3)), .integer(r.int64(4))])
            }))
            var commitment = BindingCommitment()
            commitment.add(table: "ledger", key: "1", image: image)
            try db.run("INSERT INTO row_binding (tbl, key, seq, image) VALUES ('ledger', '1', ?, ?)", [.integer(last.seq + 1), .blob(image.bytes)])
            var forged = AuditEvent(seq: last.seq + 1, at: last.at, on: last.on ?? "2027-06-30", actor: "NZa", action: "payout", subject: "ST-0001",
                                    before: "M2 expected", after: "M2 paid € 1.000,00", rowsSHA256: commitment.hex, previousHash: last.hash, hash: "")
            forged.hash = forged.expectedHash
            try db.run("INSERT INTO audit_event (seq, at, on_day, actor, action, subject, before, after, rows_sha256, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [.integer(forged.seq), .text(forged.at), .optionalText(forged.on), .text(forged.actor), .text(forged.action), .text(forged.subject),
                        .text(forged.before), .text(forged.after), .optionalText(forged.rowsSHA256), .text(forged.previousHash), .text(forged.hash)])
            try db.run("UPDATE ledger SET audit_seq = ?, audit_head = ?", [.integer(forged.seq), .text(forged.hash)])
            return
        }
        events[2].actor = "someone else"
        var previous = AuditLog.genesis
        for i in events.indices {
            events[i].previousHash = previous
            events[i].hash = events[i].expectedHash
            previous = events[i].hash
            try db.run("UPDATE audit_event SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?", [.text(events[i].actor), .text(events[i].previousHash), .text(events[i].hash), .integer(events[i].seq)])
        }
        try db.run("UPDATE ledger SET audit_head = ?", [.text(previous)])
    }

    /// The attacks seen with the `sqlite3` CLI: the kept granted lowered by €200 mln, or the
    /// ceiling setting raised to €700 mln; `nza decide` refuses, `audit verify` names it.
    @Test func nzaDecideRefusesWhenTheKeptTotalsOrTheCeilingSettingAreTamperedWith() throws {
        let template = try Sandbox()
        defer { template.remove() }
        let applications = (1...4).map { i in ("BIG-\(i)", Int64(150_000_000_00), Int64(900 - i)) }
        try template.ceilingRound(ceiling: "600000000.00", applications: applications, contracts: true)
        #expect(try template.run(["nza", "decide", "BIG-1"], today: "2027-01-10").status == 0)
        #expect(try template.run(["nza", "decide", "BIG-2"], today: "2027-01-10").status == 0)
        for (attack, code, named) in [("UPDATE ledger SET granted_cents = granted_cents - 20000000000", "E-LEDGER", "ledger"),
                                      ("UPDATE ledger SET granted_cents = granted_cents - 20000000000; UPDATE theme SET granted_cents = granted_cents - 20000000000", "E-LEDGER", "ledger"),
                                      ("UPDATE ledger SET ceiling_cents = 70000000000", "E-LEDGER", "ceiling_cents")] {
            let s = try copy(of: template)
            defer { s.remove() }
            _ = try s.sql(attack)
            let decide = try s.run(["nza", "decide", "--all"], today: "2027-01-10")
            #expect(decide.status == 1 && decide.stderr.contains(code), "\(attack): \(decide.status) \(decide.stderr)")
            #expect(try s.sql("SELECT count(*) FROM beschikking WHERE status = 'granted'") == "2", "\(attack): nothing granted")
            let verify = try s.run(["audit", "verify", "--json"])
            #expect(verify.status == 1 && verify.stdout.contains(named), "\(attack): \(verify.stdout)")
        }
    }
}
