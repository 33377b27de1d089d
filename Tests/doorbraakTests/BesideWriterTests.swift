import Foundation
import Testing

/// A costs or monitoring import reads its file and checks each chunk's rows on a second thread
/// beside the writer (issue 21, `CSVAside`). It must come to exactly what the writer alone comes
/// to (`DOORBRAAK_CHECKS_BESIDE_WRITER=0`): the same report, the same messages, the same rows,
/// events and bindings — also where a chunk prepared beside the writer cannot know what the
/// writer stored since (a line id again, a line alike to one stored earlier in the file), and
/// where a row it rests on was edited.
@Suite struct BesideWriterTests {
    static let inline = ["DOORBRAAK_CHECKS_BESIDE_WRITER": "0"]

    /// Ten lines stored before the file (B-0 … B-9 on CH-A).
    static let base = (0..<10).map { "B-\($0),CH-A,12345678,2028,personnel,incidental,\(10 + $0).00,basis \($0)\n" }.joined()

    /// 600 lines over three chunks on CH-A and CH-B, each its own cost, and between them: a line
    /// of an application that is not granted, a line id of the first chunk again with the same
    /// content (unchanged) and with other content (P7), a line alike to one of the first chunk
    /// and one alike to a line stored before (E-COST-REPEAT), a line id stored before with its
    /// content (unchanged), a line alike to one later in the same chunk (that one is refused),
    /// and a line of a provider outside the coalition (stored with P6).
    static func file() -> String {
        var rows = ""
        for i in 0..<600 {
            rows += "L-\(i),\(i % 2 == 0 ? "CH-A" : "CH-B"),12345678,2027,personnel,incidental,\(100 + i).00,inzet \(i)\n"
            switch i {
            case 20: rows += "L-X,PAY-NONE,12345678,2027,personnel,incidental,100.00,inzet\n"
            case 300: rows += "L-5,CH-B,12345678,2027,personnel,incidental,105.00,inzet 5\n"
            case 310: rows += "L-7,CH-B,12345678,2027,personnel,incidental,999.99,inzet 7\n"
            case 320: rows += "R-1,CH-B,12345678,2027,personnel,incidental,109.00,inzet 9\n"
            case 330: rows += "R-2,CH-A,12345678,2028,personnel,incidental,13.00,basis 3\n"
            case 340: rows += "B-4,CH-A,12345678,2028,personnel,incidental,14.00,basis 4\n"
            case 345: rows += "R-3,CH-B,12345678,2027,personnel,incidental,451.00,inzet 351\n"
            case 350: rows += "P-1,CH-A,99999999,2027,personnel,incidental,77.00,elders\n"
            default: break
            }
        }
        return rows
    }

    /// A round with CH-A and CH-B granted and the base lines stored.
    func round() throws -> Sandbox {
        let s = try Sandbox()
        try s.grantedRound(["CH-A", "CH-B"])
        let stored = try s.costs(BesideWriterTests.base)
        try #require(stored.status == 0, "\(stored.stderr)")
        return s
    }

    /// What an import left: its output (the sandbox's folder taken out), the cost lines, the
    /// events and the bindings.
    func outcome(_ s: Sandbox, _ result: CLIResult) throws -> [String] {
        let folder = s.folder.path
        return [String(result.status), result.stdout.replacingOccurrences(of: folder, with: "<s>"), result.stderr.replacingOccurrences(of: folder, with: "<s>"),
                try s.sql("SELECT line_id, application_id, provider, year, category, kind, amount_cents, description, content, findings, imported_on FROM cost_line ORDER BY line_id"),
                try s.sql("SELECT seq, on_day, action, subject, before, after FROM audit_event WHERE seq > 1 ORDER BY seq"),
                try s.sql("SELECT tbl, key, seq, hex(image) FROM row_binding WHERE tbl IN ('cost_line', 'measurement', 'review', 'application') ORDER BY tbl, key, seq"),
                try s.sql("SELECT application_id, insurer, decision, reason, accepted, rejected, note, decided_on FROM review ORDER BY 1, 2"),
                try s.sql("SELECT id, status FROM application ORDER BY id"),
                try s.sql("SELECT claim_id, application_id, milestone, amount_cents, status FROM claim ORDER BY claim_id"),
                try s.sql("SELECT claim_id, code, message FROM claim_refusal ORDER BY claim_id"),
                try s.sql("SELECT application_id, code, status, paid_cents FROM application_milestone ORDER BY 1, 2"),
                try s.sql("SELECT application_id, paid_cents, released_cents, final_on FROM beschikking ORDER BY 1"),
                try s.sql("SELECT paid_cents, released_cents FROM ledger"),
                try s.sql("SELECT tbl, key, seq, hex(image) FROM row_binding WHERE tbl IN ('claim', 'claim_refusal', 'application_milestone', 'beschikking') ORDER BY tbl, key, seq"),
                try s.sql("SELECT count(*) FROM audit_event")]
    }

    /// Both ways on the same round and file; returns the one beside the writer after checking
    /// they agree.
    func bothWays(_ arguments: [String], today: String, round make: (() throws -> Sandbox)? = nil, prepare: (Sandbox) throws -> Void = { _ in },
                  file: String, named: String) throws -> (Sandbox, CLIResult) {
        let beside = try (make ?? round)(), alone = try (make ?? round)()
        defer { alone.remove() }
        try prepare(beside)
        try prepare(alone)
        let a = try beside.run(arguments + [try beside.file(named, file)], today: today)
        let b = try alone.run(arguments + [try alone.file(named, file)], today: today, environment: BesideWriterTests.inline)
        let mine = try outcome(beside, a), theirs = try outcome(alone, b)
        for (index, (x, y)) in zip(mine, theirs).enumerated() {
            #expect(x == y, "part \(index) differs beside the writer:\n\(x.prefix(3000))\n--- the writer alone:\n\(y.prefix(3000))")
        }
        return (beside, a)
    }

    @Test func aCostsFileComesToWhatTheWriterAloneComesTo() throws {
        let (s, result) = try bothWays(["import", "costs", "--partial"], today: "2029-12-31", file: costHeader + BesideWriterTests.file(), named: "costs.csv")
        defer { s.remove() }
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("601 new, 2 unchanged, 5 rejected"), "\(result.stdout)")
        let lines = (costHeader + BesideWriterTests.file()).split(separator: "\n").map(String.init)
        for (row, code) in [("L-X,", "E-COST-APPLICATION"), ("L-7,CH-B,12345678,2027,personnel,incidental,999.99", "P7"), ("R-1,", "E-COST-REPEAT"),
                            ("R-2,", "E-COST-REPEAT"), ("L-351,", "E-COST-REPEAT")] {
            let line = try #require(lines.firstIndex { $0.hasPrefix(row) }) + 1
            let said = result.stderr.split(separator: "\n").first { $0.contains("costs.csv:\(line):") }
            #expect(said?.contains(code) == true, "line \(line) \(code): \(result.stderr)")
        }
        #expect(try s.sql("SELECT findings FROM cost_line WHERE line_id = 'P-1'") == "P6")
        #expect(try s.sql("SELECT count(*) FROM cost_line") == "611")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    @Test func allOrNothingRefusesTheSameAndStoresNothing() throws {
        let (s, result) = try bothWays(["import", "costs"], today: "2029-12-31", file: costHeader + BesideWriterTests.file(), named: "costs.csv")
        defer { s.remove() }
        #expect(result.status == 1 && result.stdout.contains("nothing stored: 5 rows failed"), "\(result.stdout) \(result.stderr)")
        #expect(try s.sql("SELECT count(*) FROM cost_line") == "10")
    }

    /// An edited beschikking refuses its own lines; an edited stored line refuses every line
    /// that would be checked for a repeat — the same rows with the same words both ways.
    @Test func anEditedRowIsRefusedAsTheWriterAloneRefusesIt() throws {
        let (s, result) = try bothWays(["import", "costs", "--partial"], today: "2029-12-31", prepare: { s in
            _ = try s.sql("UPDATE beschikking SET decided_on = '2027-01-02' WHERE application_id = 'CH-B'")
        }, file: costHeader + BesideWriterTests.file(), named: "costs.csv")
        defer { s.remove() }
        #expect(result.status == 1 && result.stderr.contains("E-LEDGER") && result.stderr.contains("decided_on"), "\(result.stderr.prefix(2000))")
        #expect(try s.sql("SELECT count(*) FROM cost_line WHERE application_id = 'CH-B'") == "0")
        let (t, edited) = try bothWays(["import", "costs", "--partial"], today: "2029-12-31", prepare: { s in
            _ = try s.sql("UPDATE cost_line SET amount_cents = 1299 WHERE line_id = 'B-2'")
        }, file: costHeader + BesideWriterTests.file(), named: "costs.csv")
        defer { t.remove() }
        #expect(edited.status == 1 && edited.stderr.contains("E-LEDGER") && edited.stderr.contains("B-2"), "\(edited.stderr.prefix(2000))")
        #expect(try t.sql("SELECT count(*) FROM cost_line") == "10")
    }

    /// 260 submitted applications; the first insurer's decisions on all of them, then the
    /// second's (each application's second decision in a later chunk), a decision again
    /// (unchanged), one contradicting it (E-DECIDED), an unknown application, and the rows of an
    /// application edited with `sqlite3` (E-LEDGER, its decisions only).
    @Test func aReviewsFileComesToWhatTheWriterAloneComesTo() throws {
        let ids = (0..<260).map { "RV-\($0)" }
        let submitted = { () throws -> Sandbox in
            let s = try Sandbox()
            try s.initRound(["--theme-amount", "digitale-hybride-zorg=200000000.00"])
            let r = try s.run(["import", "applications", try s.file("apps.jsonl", try ids.map { try applicationLine($0) }.joined(separator: "\n"))])
            try #require(r.status == 0, "\(r.stderr)")
            return s
        }
        var rows = ids.map { "\($0),3311,approve,,,\n" }.joined()
        rows += "RV-3,3311,approve,,,\nRV-4,3311,reject,R1,,\nRV-NONE,3311,approve,,,\n"
        rows += ids.map { "\($0),7029,\($0 == "RV-9" ? "reject,R1" : "approve,"),,\n" }.joined()
        let (s, result) = try bothWays(["import", "reviews", "--partial"], today: "2026-12-31", round: submitted, prepare: { s in
            _ = try s.sql("UPDATE application SET requested_cents = requested_cents + 1 WHERE id = 'RV-7'")
        }, file: "application_id,insurer,decision,reason,accepted_deviations,note\n" + rows, named: "reviews.csv")
        defer { s.remove() }
        #expect(result.stdout.contains("518 new, 1 unchanged, 4 rejected"), "\(result.stdout) \(result.stderr.prefix(3000))")
        for code in ["E-DECIDED", "E-MISSING", "E-LEDGER"] { #expect(result.stderr.contains(code), "\(code): \(result.stderr.prefix(3000))") }
        #expect(try s.sql("SELECT status || ' ' || count(*) FROM application GROUP BY status ORDER BY 1") == "approved 258\nrejected 1\nsubmitted 1")
    }

    /// Parts on the same milestones across three chunks (each chunk's payout subjects must be
    /// read again as the writer left them), a claim id again in the same chunk and with other
    /// content in the next, a part one cent over what is left: as `PreparedChunkTests` has it.
    @Test func aClaimsFileComesToWhatTheWriterAloneComesTo() throws {
        let granted = { () throws -> Sandbox in
            let s = try Sandbox()
            try s.grantedRound(["CH-A", "CH-B"])
            return s
        }
        let (s, result) = try bothWays(["import", "claims", "--partial"], today: "2027-06-30", round: granted, file: PreparedChunkTests.claimsFile(), named: "claims.csv")
        defer { s.remove() }
        #expect(result.stdout.contains("522 new, 1 unchanged, 2 rejected"), "\(result.stdout) \(result.stderr)")
        #expect(try s.sql("SELECT paid_cents FROM ledger") == "56500000")
        let (t, edited) = try bothWays(["import", "claims", "--partial"], today: "2027-06-30", round: granted, prepare: { s in
            _ = try s.sql("UPDATE application SET second = '3334' WHERE id = 'CH-B'")
        }, file: PreparedChunkTests.claimsFile(), named: "claims.csv")
        defer { t.remove() }
        #expect(edited.stderr.contains("E-LEDGER"), "\(edited.stderr.prefix(2000))")
        #expect(try t.sql("SELECT count(*) FROM claim WHERE application_id = 'CH-B'") == "0")
    }

    @Test func aMonitoringFileComesToWhatTheWriterAloneComesTo() throws {
        var rows = ""
        for i in 0..<600 {
            let month = 1 + i / 2 % 12, day = 1 + i / 24
            rows += "\(i % 2 == 0 ? "CH-A" : "CH-B"),2028-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),fte,1.\(i % 10)\n"
            if i == 260 { rows += "PAY-NONE,2028-01-01,fte,1.0\n" }
            if i == 400 { rows += "CH-A,2028-01-01,fte,1.0\n" }
            if i == 500 { rows += "CH-A,2028-01-01,fte,9.9\n" }
        }
        let (s, result) = try bothWays(["import", "monitoring", "--partial"], today: "2029-12-31", file: monitoringHeader + rows, named: "monitoring.csv")
        defer { s.remove() }
        #expect(result.stdout.contains("600 new, 1 unchanged, 2 rejected"), "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("E-MONITORING-APPLICATION") && result.stderr.contains("E-MONITORING-CONFLICT"), "\(result.stderr)")
    }
}
