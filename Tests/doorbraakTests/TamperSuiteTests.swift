import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

/// The tamper suite: every edit of the events, the kept totals, the settings, the statuses and
/// the amounts that someone with the `sqlite3` CLI can make is caught and named by `audit verify`.
@Suite(.serialized) struct TamperSuiteTests {
    /// One tamper: the SQL (or in-process rewrite), and what `audit verify` must name.
    struct Tamper {
        var name: String
        var sql: String
        var names: String
        var needsAnchor = false
    }

    static let tampers: [Tamper] = [
        Tamper(name: "edit an event", sql: "UPDATE audit_event SET after = 'granted, bovengrens 1' WHERE seq = 5", names: "\"first_bad\": 5"),
        Tamper(name: "delete an event", sql: "DELETE FROM audit_event WHERE seq = 7", names: "\"first_bad\": 7"),
        Tamper(name: "insert an event", sql: "INSERT INTO audit_event SELECT seq + 1000, at, actor, action, subject, before, after, prev_hash, hash FROM audit_event WHERE seq = 3", names: "\"chain_ok\": false"),
        Tamper(name: "reorder events", sql: "UPDATE audit_event SET seq = -seq WHERE seq IN (8, 9); UPDATE audit_event SET seq = 9 WHERE seq = -8; UPDATE audit_event SET seq = 8 WHERE seq = -9", names: "\"first_bad\": 8"),
        Tamper(name: "delete the last event", sql: "DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)", names: "\"chain_ok\": false"),
        Tamper(name: "cut the tail and fix the head", sql: "DELETE FROM audit_event WHERE seq > (SELECT max(seq) - 5 FROM audit_event); UPDATE ledger SET audit_seq = (SELECT max(seq) FROM audit_event), audit_head = (SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1)", names: "events were cut off", needsAnchor: true),
        Tamper(name: "lower the kept granted", sql: "UPDATE ledger SET granted_cents = granted_cents - 100000000", names: "ledger.granted"),
        Tamper(name: "raise the ceiling setting", sql: "UPDATE ledger SET ceiling_cents = 70000000000", names: "ceiling-setting"),
        Tamper(name: "lower the ceiling setting", sql: "UPDATE ledger SET ceiling_cents = ceiling_cents - 1", names: "ledger.ceiling"),
        Tamper(name: "edit kept released", sql: "UPDATE ledger SET released_cents = released_cents + 1", names: "ledger.released"),
        Tamper(name: "edit kept paid", sql: "UPDATE ledger SET paid_cents = paid_cents - 1", names: "ledger.paid"),
        Tamper(name: "edit kept pending", sql: "UPDATE ledger SET pending_cents = pending_cents + 5", names: "ledger.pending"),
        Tamper(name: "edit a theme total", sql: "UPDATE theme SET granted_cents = granted_cents + 1 WHERE theme = 'ai'", names: "theme.ai.granted"),
        Tamper(name: "edit a year total", sql: "UPDATE ledger_year SET granted_cents = granted_cents + 1 WHERE year = 2027", names: "year.2027.granted"),
        Tamper(name: "edit an application status", sql: "UPDATE application SET status = 'requested' WHERE id = (SELECT application_id FROM beschikking WHERE status = 'granted' LIMIT 1)", names: "\"rule\": \"status\""),
        Tamper(name: "edit a beschikking status", sql: "UPDATE beschikking SET status = 'refused' WHERE application_id = (SELECT min(application_id) FROM beschikking WHERE status = 'granted')", names: "ledger.granted"),
        Tamper(name: "edit a paid amount", sql: "UPDATE application_milestone SET paid_cents = paid_cents + 100 WHERE status = 'paid' AND application_id = (SELECT min(application_id) FROM application_milestone WHERE status = 'paid')", names: "ledger.paid"),
        Tamper(name: "edit a claim amount", sql: "UPDATE claim SET amount_cents = amount_cents + 100 WHERE claim_id = (SELECT min(claim_id) FROM claim WHERE status = 'reached')", names: "milestone-claim"),
        Tamper(name: "edit a beschikking's paid", sql: "UPDATE beschikking SET paid_cents = paid_cents + 1 WHERE application_id = (SELECT min(application_id) FROM claim WHERE status = 'reached')", names: ".paid"),
        Tamper(name: "edit a bovengrens", sql: "UPDATE beschikking SET bovengrens_cents = bovengrens_cents - 100 WHERE application_id = (SELECT min(application_id) FROM beschikking WHERE status = 'granted')", names: "ledger.granted"),
        Tamper(name: "pay a milestone twice", sql: "DROP INDEX claim_milestone; INSERT INTO claim SELECT claim_id || '-X', application_id, milestone, provider, insurer, amount_cents, claim_date, status, evidence, content, imported_on FROM claim WHERE claim_id = (SELECT min(claim_id) FROM claim WHERE status = 'reached')", names: "milestone-paid-twice"),
        Tamper(name: "move a claim to another payer and year", sql: "UPDATE claim SET insurer = '3343', claim_date = '2028-03-31' WHERE claim_id = (SELECT min(claim_id) FROM claim WHERE status = 'reached')", names: "claim-event"),
        Tamper(name: "delete a claim and its milestone's payment", sql: "UPDATE application_milestone SET status = 'expected', paid_cents = 0 WHERE (application_id, code) = (SELECT application_id, milestone FROM claim WHERE claim_id = (SELECT max(claim_id) FROM claim WHERE status = 'reached')); DELETE FROM claim WHERE claim_id = (SELECT max(claim_id) FROM claim WHERE status = 'reached')", names: "claim-event"),
        Tamper(name: "a paid milestone without a claim", sql: "UPDATE application_milestone SET status = 'paid' WHERE status = 'expected' AND application_id = (SELECT min(application_id) FROM beschikking WHERE status = 'granted')", names: "milestone-claim"),
    ]

    @Test func everyTamperIsCaughtAndNamed() throws {
        let round = try StagedRound(count: 24, seed: 13)
        defer { round.remove() }
        let clean = round.base
        #expect(try clean.run(["audit", "verify"]).status == 0)
        let anchor = try json(try clean.run(["audit", "head", "--json"]).stdout)["head"] as? String ?? ""
        var caught = 0, violations: [String] = []
        var all = TamperSuiteTests.tampers.map { ($0, false) }
        all += [(Tamper(name: "rewrite the whole chain", sql: "", names: "the chain up to the anchor was rewritten", needsAnchor: true), true),
                (Tamper(name: "forge an appended payout event with a fixed head", sql: "", names: "ledger.paid", needsAnchor: true), true)]
        for (tamper, inProcess) in all {
            let s = try copy(of: clean)
            defer { s.remove() }
            if inProcess {
                try TamperSuiteTests.rewrite(s.db, forgeTail: tamper.name.hasPrefix("forge"))
            } else {
                _ = try s.sql(tamper.sql)
            }
            let result = try s.run(["audit", "verify", "--json"] + (tamper.needsAnchor ? ["--head", anchor] : []))
            if result.status == 1 && result.stdout.contains(tamper.names) && result.stderr.contains("E-AUDIT") {
                caught += 1
            } else {
                violations.append("\(tamper.name): exit \(result.status), \(result.stdout.prefix(800))")
            }
        }
        figures("tamper", ["cases": all.count, "caught": caught, "violations": violations.count])
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    /// Rewrites the chain in process with recomputed hashes (what someone with write access and
    /// this source can do): either changes an early event and re-hashes everything after it, or
    /// appends a forged, correctly hashed payout event with a seal and fixes the head.
    static func rewrite(_ path: String, forgeTail: Bool) throws {
        let db = try Database(path: path, create: false)
        var events = try AuditLog.events(in: db)
        if forgeTail {
            // A forged payout: the kept paid raised, the ledger row bound anew to a correctly
            // hashed event appended to the chain, the head fixed. Only the recount can tell.
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
        #expect(try template.run(["nza", "decide", "BIG-1"], today: "2026-12-10").status == 0)
        #expect(try template.run(["nza", "decide", "BIG-2"], today: "2026-12-10").status == 0)
        for (attack, code, named) in [("UPDATE ledger SET granted_cents = granted_cents - 20000000000", "E-LEDGER", "ledger.granted"),
                                      ("UPDATE ledger SET granted_cents = granted_cents - 20000000000; UPDATE theme SET granted_cents = granted_cents - 20000000000", "E-LEDGER", "ledger.granted"),
                                      ("UPDATE ledger SET ceiling_cents = 70000000000", "E-CEILING-SETTING", "ceiling-setting")] {
            let s = try copy(of: template)
            defer { s.remove() }
            _ = try s.sql(attack)
            let decide = try s.run(["nza", "decide", "--all"], today: "2026-12-10")
            #expect(decide.status == 1 && decide.stderr.contains(code), "\(attack): \(decide.status) \(decide.stderr)")
            #expect(try s.sql("SELECT count(*) FROM beschikking WHERE status = 'granted'") == "2", "\(attack): nothing granted")
            let verify = try s.run(["audit", "verify", "--json"])
            #expect(verify.status == 1 && verify.stdout.contains(named), "\(attack): \(verify.stdout)")
        }
    }
}
