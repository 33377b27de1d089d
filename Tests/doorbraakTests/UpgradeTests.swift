import DoorbraakStore
import Foundation
import Testing

/// A database of the last landing (schema version 10, events without business dates or row
/// bindings; `Fixtures/schema-10-round.sqlite`, the demo's round of 12 applications made by that
/// version) is upgraded by the first command that opens it: one `bind` event binds every row as
/// it stands, the older events keep their hashes (an anchor taken before still holds), and from
/// then on an edited row is named.
@Suite struct UpgradeTests {
    /// SQL that takes a current database's schema back to version 12 (migration 13 undone), so
    /// that it looks like one of the previous landing.
    static let toVersion12 = """
        DROP TABLE decide_all_run; DROP TABLE cost_rejection;
        DROP INDEX beschikking_granted; CREATE INDEX beschikking_granted ON beschikking(bovengrens_cents, released_cents) WHERE status = 'granted';
        DROP TRIGGER milestone_within_tariff; DROP INDEX claim_application_milestone;
        CREATE UNIQUE INDEX claim_milestone ON claim(application_id, milestone);
        ALTER TABLE application DROP COLUMN region; ALTER TABLE round DROP COLUMN closed_on;
        PRAGMA writable_schema = ON;
        UPDATE sqlite_schema SET sql = replace(sql, '(status = ''expected'' OR status = ''reached'' OR status = ''paid'' OR status = ''released'')', '(status = ''expected'' OR status = ''paid'' OR status = ''released'')') WHERE name = 'application_milestone';
        UPDATE sqlite_schema SET sql = replace(replace(sql, '(kind = ''missed'' OR kind = ''final'' OR kind = ''close'')', 'kind IN (''missed'', ''final'')'), 'claim_id        TEXT REFERENCES', 'claim_id        TEXT NOT NULL REFERENCES') WHERE name = 'bovengrens_release';
        PRAGMA writable_schema = OFF;
        """

    @Test func anOlderRoundIsUpgradedAndBoundAndItsAnchorStillHolds() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let fixture = packageRoot.appendingPathComponent("Tests/doorbraakTests/Fixtures/schema-10-round.sqlite").path
        try FileManager.default.copyItem(atPath: fixture, toPath: s.db)
        #expect(try s.sql("PRAGMA user_version") == "10")
        let events = try s.sql("SELECT count(*) FROM audit_event")
        let oldAnchor = "\(events):" + (try s.sql("SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1"))

        let verify = try s.run(["audit", "verify", "--head", oldAnchor])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        #expect(try s.sql("PRAGMA user_version") == "\(Schema.migrations.count)")
        #expect(try s.sql("SELECT count(*) FROM party WHERE role = 'insurer'") == "14", "the upgrade registers the Dutch insurers")
        #expect(try s.sql("SELECT action || ' ' || subject FROM audit_event ORDER BY seq DESC LIMIT 1") == "bind round")
        let bound = Int(try s.sql("SELECT count(*) FROM row_binding")) ?? 0
        #expect(bound > 100 && verify.stdout.contains("rows ok: \(bound) rows"), "\(verify.stdout)")
        // The command that upgraded says so, beside its own output.
        #expect(verify.stderr.contains("upgraded from schema version 10 to \(Schema.migrations.count): ") && verify.stderr.contains("rows as they stand bound to the chain"), "\(verify.stderr)")
        #expect(!(try s.run(["audit", "verify"])).stderr.contains("upgraded"), "only the first command upgrades")

        _ = try s.sql("UPDATE claim SET amount_cents = amount_cents + 1 WHERE claim_id = (SELECT min(claim_id) FROM claim WHERE status = 'reached')")
        let edited = try s.run(["audit", "verify", "--json", "--head", oldAnchor])
        #expect(edited.status == 1 && edited.stdout.contains("\"table\": \"claim\"") && edited.stdout.contains("amount_cents"), "\(edited.stdout)")
    }

    /// A version-10 database's chain sealed every claim and cost line in the event that recorded
    /// it; the upgrade binds the rows as they stand, so it checks them against those seals first
    /// (an attacker's review: an edited cost amount, named by version 10's own `audit verify`, was
    /// bound by the upgrade and passed ever after). Each edit: E-AUDIT, nothing changed.
    @Test(arguments: [
        ("UPDATE cost_line SET amount_cents = amount_cents * 100 WHERE line_id = 'KL-DBM-2026-000001-1'", "cost line KL-DBM-2026-000001-1 differs"),
        ("UPDATE claim SET insurer = '3336', claim_date = '2028-03-31' WHERE claim_id = 'CL-DBM-2026-000001-M1'", "claim CL-DBM-2026-000001-M1 differs"),
        ("DELETE FROM cost_line WHERE line_id = 'KL-DBM-2026-000001-2'", "cost line KL-DBM-2026-000001-2 was recorded in the audit trail but its row is missing"),
        ("INSERT INTO cost_line SELECT 'KL-NEW', application_id, provider, year, category, kind, amount_cents, description, content, findings, imported_on FROM cost_line WHERE line_id = 'KL-DBM-2026-000001-1'",
         "cost line KL-NEW has no audit event that recorded it"),
        ("UPDATE claim SET status = 'bogus' WHERE claim_id = 'CL-DBM-2026-000001-M1'", "claim CL-DBM-2026-000001-M1 differs"),
        // The kept totals were sealed in the money events (a second review of this landing).
        ("UPDATE ledger SET ceiling_cents = 4000000000", "the ledger's ceiling total € 40.000.000,00 differs from the seal of the newest money event"),
        ("UPDATE beschikking SET bovengrens_cents = bovengrens_cents + 10000000000, released_cents = released_cents + 10000000000 WHERE application_id = 'DBM-2026-000002'; "
         + "UPDATE ledger SET granted_cents = granted_cents + 10000000000, released_cents = released_cents + 10000000000",
         "the ledger's granted total € 134.884.000,00 differs from the seal of the newest money event"),
    ])
    func aVersion10RecordEditedAgainstItsSealIsNotUpgraded(sql: String, named: String) throws {
        let s = try Sandbox()
        defer { s.remove() }
        try FileManager.default.copyItem(atPath: packageRoot.appendingPathComponent("Tests/doorbraakTests/Fixtures/schema-10-round.sqlite").path, toPath: s.db)
        _ = try s.sql("PRAGMA ignore_check_constraints = ON; " + sql)
        for command in [["audit", "verify"], ["plausibility"]] {
            let result = try s.run(command, today: "2030-03-01")
            #expect(result.status == 1 && result.stderr.contains("E-AUDIT") && result.stderr.contains(named) && result.stderr.contains("not upgraded")
                    && result.stderr.contains("differs from the seals in its audit events"), "\(command): \(result.stdout)\(result.stderr)")
        }
        #expect(try s.sql("PRAGMA user_version") == "10", "nothing was changed")
        #expect(try s.sql("SELECT count(*) FROM audit_event WHERE action = 'bind'") == "0")
    }

    /// A current database made to look older (the version-11 columns and table dropped, the old
    /// index back, `user_version` lowered) so that the upgrade would bind an edited row: the chain
    /// does not verify, so it is not upgraded and nothing moves.
    @Test func aDatabaseMadeToLookOlderIsNotUpgraded() throws {
        let round = try StagedRound(count: 8, seed: 3)
        defer { round.remove() }
        let s = try copy(of: try #require(round.templates["import claims"]))
        defer { s.remove() }
        _ = try s.sql(UpgradeTests.toVersion12 + """
            UPDATE application_milestone SET tariff_cents = tariff_cents * 2 WHERE code = 'M1';
            DROP TABLE party; ALTER TABLE submission DROP COLUMN lead; ALTER TABLE submission DROP COLUMN entered_on;
            ALTER TABLE submission DROP COLUMN signed_by; ALTER TABLE round DROP COLUMN require_signatures;
            DROP TABLE row_binding; DROP INDEX beschikking_granted; ALTER TABLE audit_event DROP COLUMN rows_sha256;
            ALTER TABLE audit_event DROP COLUMN on_day; CREATE INDEX audit_event_action ON audit_event(action, seq); PRAGMA user_version = 10;
            """)
        #expect(try s.sql("PRAGMA user_version") == "10")
        let claims = try s.run(["import", "claims", "--partial", round.base.folder.appendingPathComponent("claims.csv").path], today: "2027-06-30")
        #expect(claims.status == 1 && claims.stderr.contains("E-AUDIT") && claims.stderr.contains("not upgraded"), "\(claims.stderr)")
        #expect(try s.sql("PRAGMA user_version") == "10", "nothing was changed")
        #expect(try s.sql("SELECT count(*) FROM claim") == "0", "nothing was paid")
    }

    /// A current database made to look like schema version 11 (the register of parties dropped)
    /// with an edited row: the upgrade would bind it anew, so every row is checked against its
    /// binding first; it differs, so nothing is upgraded and nothing moves.
    @Test func aDatabaseMadeToLookLikeVersion11IsNotUpgradedOverAnEditedRow() throws {
        let round = try StagedRound(count: 8, seed: 3)
        defer { round.remove() }
        let s = try copy(of: try #require(round.templates["import claims"]))
        defer { s.remove() }
        _ = try s.sql(UpgradeTests.toVersion12 + """
            UPDATE application_milestone SET tariff_cents = tariff_cents * 2 WHERE code = 'M1';
            DROP TABLE party; ALTER TABLE submission DROP COLUMN lead; ALTER TABLE submission DROP COLUMN entered_on;
            ALTER TABLE submission DROP COLUMN signed_by; ALTER TABLE round DROP COLUMN require_signatures; PRAGMA user_version = 11;
            """)
        let claims = try s.run(["import", "claims", "--partial", round.base.folder.appendingPathComponent("claims.csv").path], today: "2027-06-30")
        #expect(claims.status == 1 && claims.stderr.contains("E-AUDIT") && claims.stderr.contains("differ from the chain") && claims.stderr.contains("not upgraded"), "\(claims.stderr)")
        #expect(try s.sql("PRAGMA user_version") == "11", "nothing was changed")
        #expect(try s.sql("SELECT count(*) FROM claim") == "0", "nothing was paid")
    }

    /// Migrations 14–18 change an index or add an empty table only: a version-13 database is upgraded without proving or
    /// binding its rows anew (one event records it), its claims are then checked as before, and an
    /// edited row stays named by `audit verify` (the upgrade did not bind it).
    @Test func anIndexOnlyUpgradeBindsNothingAnew() throws {
        let round = try StagedRound(count: 8, seed: 3)
        defer { round.remove() }
        let s = try copy(of: try #require(round.templates["import claims"]))
        defer { s.remove() }
        _ = try s.sql("DROP TABLE decide_all_run; DROP TABLE cost_rejection; DROP INDEX beschikking_granted; CREATE INDEX beschikking_granted ON beschikking(bovengrens_cents, released_cents) WHERE status = 'granted'; PRAGMA user_version = 13;")
        let bindings = try s.sql("SELECT count(*) FROM row_binding")
        _ = try s.sql("UPDATE application SET fte_tenths = fte_tenths + 1 WHERE id = (SELECT min(id) FROM application)")
        let verify = try s.run(["audit", "verify"], today: "2027-06-30")
        #expect(try s.sql("PRAGMA user_version") == "\(Schema.migrations.count)")
        #expect(try s.sql("SELECT after FROM audit_event ORDER BY seq DESC LIMIT 1").contains("indexes and new tables only"))
        #expect(verify.stderr.contains("upgraded from schema version 13 to \(Schema.migrations.count): indexes and new tables only"), "\(verify.stderr)")
        #expect(try s.sql("SELECT count(*) FROM row_binding") == bindings, "no row bound anew")
        #expect(verify.status == 1 && verify.stdout.contains("fte_tenths"), "the edit stays named: \(verify.stdout)")
        _ = try s.sql("UPDATE application SET fte_tenths = fte_tenths - 1 WHERE id = (SELECT min(id) FROM application)")
        let claims = try s.run(["import", "claims", "--partial", round.base.folder.appendingPathComponent("claims.csv").path], today: "2027-06-30")
        #expect(claims.stdout.contains("new"), "\(claims.stdout) \(claims.stderr)")
        #expect(try s.run(["audit", "verify"], today: "2027-06-30").status == 0)
    }

    /// The chain head kept in the ledger, edited: the next write refuses with E-AUDIT (not exit
    /// 70, not an event chained to nothing) and writes nothing.
    @Test(arguments: ["UPDATE ledger SET audit_seq = 5", "UPDATE ledger SET audit_head = printf('%064d', 0)", "UPDATE ledger SET audit_seq = -1"])
    func anEditedChainHeadStopsTheNextWrite(sql: String) throws {
        let round = try StagedRound(count: 8, seed: 3)
        defer { round.remove() }
        let s = try copy(of: try #require(round.templates["import claims"]))
        defer { s.remove() }
        let events = try s.sql("SELECT count(*) FROM audit_event")
        _ = try s.sql(sql)
        let claims = try s.run(["import", "claims", "--partial", round.base.folder.appendingPathComponent("claims.csv").path], today: "2027-06-30")
        #expect(claims.status == 1 && claims.stderr.contains("E-AUDIT"), "\(sql): \(claims.status) \(claims.stderr)")
        #expect(try s.sql("SELECT count(*) FROM audit_event") == events, "\(sql): nothing written")
    }
}
