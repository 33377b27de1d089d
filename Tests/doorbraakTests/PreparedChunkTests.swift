import Foundation
import Testing

/// The claims, costs and monitoring imports read and check what a chunk of 250 rows rests on at
/// once before they take its rows (issue 21). These files are longer than one chunk, so the rows
/// settle across chunk boundaries, and an edited row in a chunk must refuse only its own rows.
@Suite struct PreparedChunkTests {
    /// 260 parts of €1,000.00 on M1 of each of CH-A and CH-B, alternating (520 rows: three
    /// chunks), an M2 part of CH-A after them, and a claim id twice: once with the same content
    /// in the same chunk, once with other content in the next chunk; at the end a part one cent
    /// above what is left of CH-A's M1 (refused: it must be judged on the parts paid in the same
    /// chunk) and then the rest.
    static func claimsFile() -> String {
        var rows = ""
        for i in 0..<260 {
            rows += "CH-A-\(i),CH-A,M1,12345678,3311,1000.00,2027-06-15,reached,e\n"
            if i == 100 { rows += "CH-A-100,CH-A,M1,12345678,3311,1000.00,2027-06-15,reached,e\n" }
            if i == 200 { rows += "CH-A-3,CH-A,M1,12345678,3311,1000.01,2027-06-15,reached,e\n" }
            rows += "CH-B-\(i),CH-B,M1,23456789,7029,1000.00,2027-06-15,reached,e\n"
        }
        rows += "CH-A-OVER,CH-A,M1,12345678,3311,40000.01,2027-06-15,reached,e\nCH-A-REST,CH-A,M1,12345678,3311,40000.00,2027-06-15,reached,e\n"
        return claimHeader + rows + "CH-A-M2,CH-A,M2,12345678,3311,5000.00,2027-06-20,reached,e\n"
    }

    @Test func claimsAcrossChunksSettleAsOneByOne() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.grantedRound(["CH-A", "CH-B"])
        let result = try s.run(["import", "claims", try s.file("claims.csv", PreparedChunkTests.claimsFile()), "--partial"], today: "2027-06-30")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("522 new, 1 unchanged, 2 rejected"), "\(result.stdout)")
        #expect(result.stderr.contains("claims.csv:404") && result.stderr.contains("E-CLAIM-DUPLICATE"), "\(result.stderr)")
        #expect(result.stderr.contains("claims.csv:524") && result.stderr.contains("E-CLAIM-TARIFF"), "\(result.stderr)")
        #expect(try s.sql("SELECT application_id || ' ' || code || ' ' || status || ' ' || paid_cents FROM application_milestone WHERE code <> 'M3' ORDER BY 1")
                == "CH-A M1 paid 30000000\nCH-A M2 reached 500000\nCH-B M1 reached 26000000\nCH-B M2 expected 0")
        #expect(try s.sql("SELECT paid_cents FROM ledger") == "56500000")
        try s.checkPayoutInvariant("after 525 claims")
        #expect(try s.run(["audit", "verify"]).status == 0)
        let again = try s.run(["import", "claims", try s.file("claims.csv", PreparedChunkTests.claimsFile()), "--partial"], today: "2027-06-30")
        #expect(again.stdout.contains("0 new, 523 unchanged, 2 rejected"), "\(again.stdout)")
        #expect(try s.sql("SELECT paid_cents FROM ledger") == "56500000")
    }

    /// An edited application in the middle of a chunk: its claims are refused, the chunk's other
    /// claims are paid (`--partial`), and without `--partial` nothing is.
    @Test func anEditedRowInAChunkRefusesOnlyItsOwnClaims() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.grantedRound(["CH-A", "CH-B", "CH-C"])
        _ = try s.sql("UPDATE application SET second = '3334' WHERE id = 'CH-B'")
        let rows = ["CH-A", "CH-B", "CH-C"].map { "X-\($0),\($0),M1,12345678,3311,1000.00,2027-06-15,reached,e\n" }.joined()
        let before = try s.claimState()
        let whole = try s.run(["import", "claims", try s.file("claims.csv", claimHeader + rows)], today: "2027-06-30")
        #expect(whole.status == 1 && whole.stderr.contains("E-LEDGER") && whole.stderr.contains("claims.csv:3"), "\(whole.stderr)")
        #expect(try s.claimState() == before)
        let partial = try s.run(["import", "claims", try s.file("claims.csv", claimHeader + rows), "--partial"], today: "2027-06-30")
        #expect(partial.stdout.contains("2 new, 0 unchanged, 1 rejected"), "\(partial.stdout) \(partial.stderr)")
        #expect(partial.stderr.contains("E-LEDGER") && partial.stderr.contains("second"), "\(partial.stderr)")
        #expect(try s.sql("SELECT application_id || ' ' || paid_cents FROM beschikking ORDER BY 1") == "CH-A 100000\nCH-B 0\nCH-C 100000")
    }

    /// 300 cost lines and 300 measurements (two chunks each) on two applications, one line and
    /// one measurement of an application that is not granted, and a line id again with other
    /// content in the next chunk (P7).
    @Test func costsAndMeasurementsAcrossChunksAreCheckedPerRow() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.grantedRound(["CH-A", "CH-B"])
        var lines = ""
        for i in 0..<300 {
            let app = i % 2 == 0 ? "CH-A" : "CH-B"
            lines += "L-\(i),\(app),12345678,2027,personnel,incidental,100.00,inzet\n"
            if i == 10 { lines += "L-X,PAY-NONE,12345678,2027,personnel,incidental,100.00,inzet\n" }
        }
        lines += "L-3,CH-B,12345678,2027,personnel,incidental,100.01,inzet\n"
        let costs = try s.costs(lines, ["--partial"])
        #expect(costs.stdout.contains("300 new, 0 unchanged, 2 rejected"), "\(costs.stdout) \(costs.stderr)")
        #expect(costs.stderr.contains("E-COST-APPLICATION") && costs.stderr.contains("P7"), "\(costs.stderr)")
        #expect(try s.sql("SELECT application_id || ' ' || count(*) FROM cost_line GROUP BY application_id ORDER BY 1") == "CH-A 150\nCH-B 150")
        var measurements = ""
        for i in 0..<300 {
            measurements += "\(i % 2 == 0 ? "CH-A" : "CH-B"),2027-\(String(1 + i / 2 % 12).leftPadded(2))-\(String(1 + i / 24).leftPadded(2)),fte,1.\(i % 10)\n"
            if i == 260 { measurements += "PAY-NONE,2027-01-01,fte,1.0\n" }
        }
        let measured = try s.run(["import", "monitoring", try s.file("monitoring.csv", monitoringHeader + measurements + "CH-A,2027-01-01,fte,9.9\n"), "--partial"], today: "2029-12-31")
        #expect(measured.stdout.contains("300 new, 0 unchanged, 2 rejected"), "\(measured.stdout) \(measured.stderr)")
        #expect(measured.stderr.contains("E-MONITORING-APPLICATION") && measured.stderr.contains("E-MONITORING-CONFLICT"), "\(measured.stderr)")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
