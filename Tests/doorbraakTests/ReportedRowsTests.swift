import Foundation
import Testing

/// What a command reports from a kept row — a party's name, a refusal's reason, a claim's
/// application, a registered status, the trail of an application — is the row as the chain bound
/// it; each found by an attacker's review of the tenth session, with `sqlite3` in hand.
@Suite struct ReportedRowsTests {
    /// A round with one granted application RC-A and a claim RC-1 refused (one cent over its tariff).
    func roundWithARefusedClaim() throws -> (Sandbox, claims: String) {
        let s = try Sandbox()
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("RC-A", 1_000_000_00, 500)])
        let claims = try s.file("c.csv", claimHeader + "RC-1,RC-A,M1,12345678,3311,300000.01,2027-06-15,reached,a.pdf\n")
        #expect(try s.run(["import", "claims", claims, "--partial"], today: "2027-06-30").status == 1)
        #expect(try s.sql("SELECT code FROM claim_refusal WHERE claim_id = 'RC-1'") == "E-CLAIM-TARIFF")
        return (s, claims)
    }

    func edit(_ s: Sandbox, _ sql: String) throws {
        #expect(try TamperSuiteTests.apply(sql, to: s.db).status == 0)
    }

    @Test func aPartyDeletedWithSqliteIsNotRegisteredAnewUnderAnotherName() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        try edit(s, "DELETE FROM party WHERE role = 'insurer' AND id = '3311'")
        let added = try s.run(["party", "add", "insurer", "3311", "Andere Verzekeraar"])
        #expect(added.status == 1 && added.stderr.contains("E-LEDGER") && added.stderr.contains("3311"), "\(added.stdout)\(added.stderr)")
        #expect(try s.run(["audit", "verify"]).status != 0, "the deletion stays named")
        // A party never registered is registered as before.
        #expect(try s.run(["party", "add", "provider", "87654321", "Zorggroep Nieuw"]).status == 0)
    }

    @Test func aRefusedClaimIsReportedAsTheChainBoundIt() throws {
        let (s, claims) = try roundWithARefusedClaim()
        defer { s.remove() }
        // Imported again: refused again with its own reason.
        let again = try s.run(["import", "claims", claims, "--partial"], today: "2027-06-30")
        #expect(again.stderr.contains("E-CLAIM-TARIFF") && again.stderr.contains("stays refused"), "\(again.stderr)")
        #expect(try s.run(["audit", "log", "RC-1"]).stderr.contains("audit log RC-A"))
        // Its reason edited: the re-import and the lookup by claim id are refused, not told the forgery.
        try edit(s, "UPDATE claim_refusal SET code = 'E-CLAIM-BOVENGRENS', message = 'forged', application_id = 'RC-B' WHERE claim_id = 'RC-1'")
        let forged = try s.run(["import", "claims", claims, "--partial"], today: "2027-06-30")
        #expect(forged.stderr.contains("E-LEDGER") && !forged.stderr.contains("forged") && !forged.stderr.contains("E-CLAIM-BOVENGRENS"), "\(forged.stderr)")
        let lookedUp = try s.run(["audit", "log", "RC-1"])
        #expect(lookedUp.stderr.contains("E-LEDGER") && !lookedUp.stderr.contains("audit log RC-B"), "\(lookedUp.stderr)")
    }

    @Test func aResubmissionReportsTheStatusAsTheChainBoundIt() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("RS-A", 1_000_000_00, 500)])
        let file = try s.file("rs.json", payoutApplication("RS-A", cents: 1_000_000_00, fteTenths: 500))
        let same = try s.run(["application", "submit", file], today: "2027-02-01")
        #expect(same.status == 0 && same.stdout.contains("nothing changed (it is granted)"), "\(same.stdout)\(same.stderr)")
        try edit(s, "UPDATE application SET status = 'inadmissible' WHERE id = 'RS-A'")
        let edited = try s.run(["application", "submit", file], today: "2027-02-01")
        #expect(edited.status == 1 && edited.stderr.contains("E-LEDGER") && !edited.stdout.contains("inadmissible"), "\(edited.stdout)\(edited.stderr)")
        let imported = try s.run(["import", "applications", try s.file("rs.jsonl", payoutApplication("RS-A", cents: 1_000_000_00, fteTenths: 500)), "--partial", "--json"], today: "2027-02-01")
        #expect(imported.stdout.contains("E-LEDGER") && !imported.stdout.contains("\"registered_inadmissible\" : 1") && !imported.stdout.contains("\"registered_inadmissible\": 1"), "\(imported.stdout)")
    }

    @Test func aWithdrawnApplicationSubmittedAgainIsToldItIsWithdrawn() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initPayoutPlan()
        let file = try s.file("w.json", payoutApplication("WD-1", cents: 1_000_000_00, fteTenths: 500))
        #expect(try s.run(["application", "submit", file]).status == 0)
        #expect(try s.run(["application", "withdraw", "WD-1", "--lead", "12345678"]).status == 0)
        let again = try s.run(["application", "submit", file])
        #expect(again.stdout.contains("(it is withdrawn; a withdrawn application is not taken again: submit a new one under a new id)"), "\(again.stdout)")
    }

    /// The trail of an application: an event deleted after one shown, or moved to another subject
    /// (its hash no longer its content's), refuses it instead of leaving the event out.
    @Test(arguments: ["DELETE FROM audit_event WHERE seq = %d", "UPDATE audit_event SET subject = 'RC-Z' WHERE seq = %d"])
    func anEventMissingFromTheTrailIsNamed(sql: String) throws {
        let (s, _) = try roundWithARefusedClaim()
        defer { s.remove() }
        let first = Int(try s.sql("SELECT min(seq) FROM audit_event WHERE subject = 'RC-A'")) ?? 0
        let next = first + 1
        #expect(try s.run(["application", "show", "RC-A"], today: "2027-06-30").status == 0)
        try edit(s, String(format: sql, next))
        let shown = try s.run(["application", "show", "RC-A"], today: "2027-06-30")
        #expect(shown.status == 1 && shown.stderr.contains("E-AUDIT") && shown.stderr.contains("event \(next)"), "\(shown.stderr)")
        let log = try s.run(["audit", "log", "RC-A"], today: "2027-06-30")
        #expect(log.status == 1 && log.stderr.contains("event \(next)") && log.stderr.contains("where shown"), "\(log.stderr)")
    }
}
