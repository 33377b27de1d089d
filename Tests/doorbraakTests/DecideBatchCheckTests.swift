@testable import DoorbraakStore
import DoorbraakCore
import Foundation
import Testing

/// Each batch of `nza decide --all` checks the rows of its own requests again in its own
/// transaction (issue 21): a row edited outside doorbraak after an earlier batch committed stops
/// the run at the next batch, names the row, and nothing is granted on it.
@Suite(.serialized) struct DecideBatchCheckTests {
    /// Every grant's prestaties, and the totals by spending year: what two runs compare.
    static let grants = "SELECT application_id || ' ' || milestone || ' ' || code || ' ' || tariff_cents FROM prestatie ORDER BY 1"
    static let totals = "SELECT (SELECT group_concat(year || ' ' || granted_cents) FROM ledger_year) || ' ' || (SELECT granted_cents FROM ledger)"

    @Test(arguments: [
        ("UPDATE review SET note = 'edited' WHERE application_id IN (SELECT application_id FROM beschikking WHERE status = 'pending')", "review"),
        ("UPDATE submission SET document = document || ' ' WHERE seq IN (SELECT a.submission_seq FROM application a JOIN beschikking b ON b.application_id = a.id WHERE b.status = 'pending')", "submission"),
        ("UPDATE application_milestone SET tariff_cents = tariff_cents + 1 WHERE application_id IN (SELECT application_id FROM beschikking WHERE status = 'pending')", "application_milestone"),
        ("UPDATE beschikking SET bovengrens_cents = bovengrens_cents + 1 WHERE status = 'pending'", "beschikking"),
    ])
    func aRowEditedBetweenBatchesStopsTheRun(sql: String, table: String) throws {
        let s = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 21)
        defer { s.remove() }
        let pendingBefore = try s.sql("SELECT count(*) FROM beschikking WHERE status = 'pending'")
        let (outcome, edits, committed) = try decideAllShowing(s, batch: 3, runningBetweenBatches: sql, once: true)
        #expect(outcome.failure.map { $0.code == .ledger && $0.message.contains(table) && $0.message.contains("committed before it stopped") } == true, "\(outcome)")
        #expect(edits == 1)
        // The first batch stands; nothing after it was decided; what was committed was handed over.
        let pendingAfter = try s.sql("SELECT count(*) FROM beschikking WHERE status = 'pending'")
        #expect(Int(pendingAfter) ?? 0 > 0 && Int(pendingAfter) ?? 0 < Int(pendingBefore) ?? 0, "\(pendingBefore) → \(pendingAfter)")
        #expect(committed.count == (Int(pendingBefore) ?? 0) - (Int(pendingAfter) ?? 0) && !committed.isEmpty, "\(committed)")
        #expect(try s.run(["audit", "verify"]).status == 1, "verify names the edited row")
    }

    /// `PlanAside` (in this serialized suite: its hook is global). What the second thread
    /// read is taken only when its SHA-256 is the one the plan's checked `submission` row holds:
    /// documents read there from other bytes (each budget raised, its SHA-256 theirs) are read by
    /// the plan itself, and every grant, prestatie and total by spending year is what it is
    /// without them.
    @Test func aDocumentReadBesideFromOtherBytesIsNotGrantedOn() throws {
        let (grants, totals) = (Self.grants, Self.totals)
        let reference = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 33)
        defer { reference.remove() }
        _ = try decideAll(reference, batch: 5, rewritingBetweenBatches: "SELECT 1").0.get()
        let s = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 33)
        defer { s.remove() }
        var altered = 0
        PlanAside.afterReading = { path, read in
            guard path == s.db else { return }
            for (seq, document) in read {
                read[seq] = PlanAside.Read(sha256: SHA256.hex("other bytes \(seq)"), budget: document.budget.map { (year: $0.year, amount: "9" + $0.amount) })
                altered += 1
            }
        }
        defer { PlanAside.afterReading = nil }
        let decisions = try decideAll(s, batch: 5, rewritingBetweenBatches: "SELECT 1").0.get()
        #expect(altered > 0 && decisions.count > 5, "\(altered) \(decisions)")
        #expect(try s.sql(grants) == (try reference.sql(grants)) && !(try s.sql(grants)).isEmpty)
        #expect(try s.sql(totals) == (try reference.sql(totals)))
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// The chain rolled back between two batches (events removed and the kept head set to the new
    /// last one, as another -wal taken for the real one leaves it): the next batch finds the chain
    /// ending before the event the run committed last and stops, `E-AUDIT`, granting nothing more
    /// (a second attacker's review lost 3,600 committed grants this way and the run went on).
    @Test func aChainThatWentBackBetweenBatchesStopsTheRun() throws {
        let s = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 21)
        defer { s.remove() }
        let rollBack = """
            DELETE FROM audit_event WHERE seq > (SELECT max(seq) FROM audit_event) - 4;
            UPDATE ledger SET audit_seq = (SELECT max(seq) FROM audit_event), audit_head = (SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1) WHERE id = 1
            """
        let (outcome, edits) = try decideAll(s, batch: 3, rewritingBetweenBatches: rollBack)
        #expect(edits == 1)
        switch outcome {
        case .success(let decisions): Issue.record("the run went on after the chain went back: \(decisions.count) decisions")
        case .failure(let error): #expect(error.code == .audit && error.message.contains("before event"), "\(error)")
        }
    }

    /// A row only read (a tariff, a plan code, a review, a document) rewritten in the file between
    /// two batches, where no other connection committed (here a write on the run's own connection
    /// outside its transactions, which `PRAGMA data_version` does not show, stands for bytes
    /// rewritten in the file): every later grant is made on the values checked before the first
    /// decision, never on the rewritten ones, and `audit verify` names the edit.
    @Test(arguments: [
        ("UPDATE application_milestone SET tariff_cents = tariff_cents - 1 WHERE application_id IN (SELECT application_id FROM beschikking WHERE status = 'pending')", "application_milestone"),
        ("UPDATE plan SET code = 'XX'", "plan"),
        ("UPDATE review SET note = 'edited' WHERE application_id IN (SELECT application_id FROM beschikking WHERE status = 'pending')", "review"),
        ("UPDATE submission SET document = replace(document, '\"amount\":\"', '\"amount\":\"9') WHERE seq IN (SELECT a.submission_seq FROM application a JOIN beschikking b ON b.application_id = a.id WHERE b.status = 'pending')", "submission"),
    ])
    func aRowOnlyReadRewrittenBetweenBatchesMovesNoMoneyOnIt(sql: String, table: String) throws {
        let (grants, totals) = (Self.grants, Self.totals)
        // The same round decided without the edit.
        let reference = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 21)
        defer { reference.remove() }
        _ = try decideAll(reference, batch: 3, rewritingBetweenBatches: "SELECT 1").0.get()
        let s = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 21)
        defer { s.remove() }
        let (outcome, edits) = try decideAll(s, batch: 3, rewritingBetweenBatches: sql)
        let decisions = try outcome.get()
        #expect(edits == 1 && decisions.count > 3, "\(decisions)")
        // Every grant, its prestaties and the totals by spending year as without the edit.
        #expect(try s.sql(grants) == (try reference.sql(grants)) && !(try s.sql(grants)).isEmpty)
        #expect(try s.sql(totals) == (try reference.sql(totals)))
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 1 && verify.stdout.contains(table), "verify names the edited \(table): \(verify.stdout.prefix(600))")
    }

    /// A row a decision writes (the beschikking, the application) rewritten in the file between
    /// two batches: the next batch stops the run before writing it, naming it, with the batches
    /// before it committed.
    @Test(arguments: [
        ("UPDATE beschikking SET bovengrens_cents = bovengrens_cents - 1 WHERE status = 'pending'", "beschikking"),
        ("UPDATE application SET fte_tenths = fte_tenths * 100 WHERE status = 'requested'", "application"),
    ])
    func aRowTheBatchWritesRewrittenBetweenBatchesStopsTheRun(sql: String, table: String) throws {
        let s = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 21)
        defer { s.remove() }
        let (outcome, edits) = try decideAll(s, batch: 3, rewritingBetweenBatches: sql)
        #expect(outcome.failure.map { $0.code == .ledger && $0.message.contains(table) && $0.message.contains("committed before it stopped") } == true, "\(outcome)")
        #expect(edits == 1)
    }

    /// Another process changing SQLite's schema cookie between batches (a table created and
    /// dropped) makes SQLite read its schema again and may put one table's name at the address of
    /// another's: the rows of every batch are still bound under their own table, as they stand
    /// (found by an attacker's review: ledger rows bound as `application`, themes as `ledger`).
    @Test func aSchemaReadAgainBetweenBatchesLeavesEveryBindingTrue() throws {
        let s = try StagedRound.sandbox(before: "nza decide --all", count: 40, seed: 22)
        defer { s.remove() }
        let (outcome, bumps) = try decideAll(s, batch: 1, runningBetweenBatches: "BEGIN IMMEDIATE; CREATE TABLE zz(a); DROP TABLE zz; COMMIT;", once: false)
        let decisions = try outcome.get()
        #expect(decisions.count > 5 && bumps > 5)
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    /// A table another process adds between batches is not doorbraak's schema: the next batch is
    /// refused before it writes (E-SCHEMA), the batches before it stand.
    @Test func aTableAddedBetweenBatchesStopsTheRun() throws {
        let s = try StagedRound.sandbox(before: "nza decide --all", count: 12, seed: 23)
        defer { s.remove() }
        let (outcome, added) = try decideAll(s, batch: 3, runningBetweenBatches: "CREATE TABLE extra (id TEXT PRIMARY KEY, note TEXT)", once: true)
        #expect(outcome.failure.map { $0.code == .schema && $0.message.contains("committed before it stopped") } == true, "\(outcome)")
        #expect(added == 1)
    }

    /// Three requests under a ceiling of € 10 mln, ranked A-0003 (€ 6 mln), A-0001, A-0002
    /// (€ 5 mln each): only the first fits. Its key comes last, yet it is written first.
    private func rankedAgainstKeys() throws -> Sandbox {
        let s = try Sandbox()
        try s.ceilingRound(ceiling: "10000000.00", applications: [("A-0001", 500_000_000, 400), ("A-0002", 500_000_000, 300), ("A-0003", 600_000_000, 600)], contracts: true)
        return s
    }

    /// `decide --all` writes the grants the ranking gives before any refusal, so each refusal is
    /// written when the grants ranked before it are committed: its reason names the room they
    /// left, and the trail reads as the ledger moved.
    @Test func theGrantsAreWrittenBeforeTheRefusalsTheyCause() throws {
        let s = try rankedAgainstKeys()
        defer { s.remove() }
        #expect(try s.run(["nza", "decide", "--all"], today: "2027-01-04", environment: ["DOORBRAAK_DECIDE_BATCH": "1"]).status == 0)
        let trail = try s.sql("SELECT subject || ': ' || after FROM audit_event WHERE action = 'nza-decide' ORDER BY seq").split(separator: "\n")
        #expect(trail.count == 3 && trail[0].hasPrefix("A-0003: granted, bovengrens € 6.000.000,00"), "\(trail)")
        #expect(trail.dropFirst().map { String($0) } == ["A-0001: refused E-CEILING: bovengrens € 5.000.000,00 does not fit the € 4.000.000,00 left under the macro ceiling at its turn: rank 2 of the 3 requests decided by the allocation ranking (a smaller request ranked after it may still fit)",
                                                        "A-0002: refused E-CEILING: bovengrens € 5.000.000,00 does not fit the € 4.000.000,00 left under the macro ceiling at its turn: rank 3 of the 3 requests decided by the allocation ranking"], "\(trail)")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// Another process committing something that changes no decision (a party renamed) after
    /// the plan and after every batch: the run goes on with its plan, checking each batch's
    /// requests in full, and plans once (an attacker's review: planning again after every other
    /// commit let a process renaming a party every 0.1 s hold the run off for good).
    @Test func otherCommitsDuringTheRunDoNotMakeItPlanAgain() throws {
        let s = try rankedAgainstKeys()
        defer { s.remove() }
        #expect(try s.run(["party", "add", "provider", "87654321", "Zorggroep Z"], today: "2027-01-04").status == 0)
        let reference = try rankedAgainstKeys()
        defer { reference.remove() }
        #expect(try reference.run(["nza", "decide", "--all"], today: "2027-01-04").status == 0)
        var plans = 0, renames = 0
        let rename = { (db: String) in
            renames += 1
            #expect((try? s.run(["party", "add", "provider", "87654321", "Zorggroep \(renames)", "--rename"], today: "2027-01-04").status) == 0)
        }
        Store.afterDecisionPlan = { db in
            plans += 1
            if plans < 20 { rename(db) }
        }
        Store.betweenDecisionBatches = rename
        defer { Store.afterDecisionPlan = nil; Store.betweenDecisionBatches = nil }
        let store = try Store.open(at: s.db)
        let event = AuditContext(actor: "test", at: "2027-01-04T00:00:00Z", today: Day(2027, 1, 4))
        let decisions = try store.decideAll(today: event.today, event: event, batch: 1)
        #expect(plans == 1 && renames == 4 && decisions.count == 3, "\(plans) plans, \(renames) renames, \(decisions)")
        let query = "SELECT application_id, status, coalesce(refusal_code, '') FROM beschikking ORDER BY application_id"
        #expect(try s.sql(query) == (try reference.sql(query)))
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// While `decide --all` runs, nothing that changes who is granted comes between its batches:
    /// a withdrawal, a request, a single decision and a release wait for its lock and give up
    /// with `E-BUSY` (exit 75) after the busy timeout; the run ends as if they had not been
    /// tried. Without the lock a withdrawal of the request ranked first, between the batch that
    /// granted the one ranked third (its id comes first) and the rest, left the one ranked second
    /// refused (an attacker's review of this landing). After the run the lock is free.
    @Test func nothingThatChangesWhoIsGrantedComesBetweenTheBatches() throws {
        let s = try Sandbox()
        defer { s.remove() }
        // Ranked A-0002 (€ 5 mln), A-0003 (€ 6 mln), A-0001 (€ 4,5 mln) under € 10 mln.
        try s.ceilingRound(ceiling: "10000000.00", applications: [("A-0001", 450_000_000, 3600), ("A-0002", 500_000_000, 5000), ("A-0003", 600_000_000, 5400)], contracts: true)
        let lead = try s.sql("SELECT s.lead FROM application a JOIN submission s ON s.seq = a.submission_seq WHERE a.id = 'A-0002'")
        let quick = ["DOORBRAAK_BUSY_TIMEOUT_MS": "100"]
        var tried: [CLIResult] = []
        Store.betweenDecisionBatches = { _ in
            guard tried.isEmpty else { return }
            for command in [["application", "withdraw", "A-0002", "--lead", lead], ["nza", "decide", "A-0003"], ["nza", "request", "A-0003", "--contract", "OVK-A-0003"]] {
                if let result = try? s.run(command, today: "2027-01-04", environment: quick) { tried.append(result) }
            }
            // A run going on is not shown as stopped (a third review).
            let ceiling = try? s.run(["ceiling", "--json"])
            #expect(ceiling?.status == 0 && ceiling?.stdout.contains("\"decide_all_stopped\": null") == true, "\(String(describing: ceiling?.stdout.suffix(200)))")
        }
        defer { Store.betweenDecisionBatches = nil }
        let store = try Store.open(at: s.db)
        let event = AuditContext(actor: "test", at: "2027-01-04T00:00:00Z", today: Day(2027, 1, 4))
        let decisions = try store.decideAll(today: event.today, event: event, batch: 1)
        #expect(decisions.map(\.summary) == ["granted A-0001", "granted A-0002", "refused A-0003 (E-CEILING)"], "\(decisions)")
        #expect(tried.count == 3 && tried.allSatisfy { $0.status == 75 && $0.stderr.contains("E-BUSY") && $0.stderr.contains("nza decide --all") }, "\(tried.map(\.stderr))")
        #expect(try s.sql("SELECT status FROM application WHERE id = 'A-0002'") == "granted")
        // The run is over: the lock is free (the withdrawal is now refused for what it is, not for the lock).
        let after = try s.run(["application", "withdraw", "A-0002", "--lead", lead], today: "2027-01-05", environment: quick)
        #expect(after.status != 75 && !after.stderr.contains("E-BUSY"), "\(after.stderr)")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// A run of more than one transaction that stopped halfway (here a review edited with
    /// `sqlite3` after its first batch) has granted some of its plan's grants, not the ranking's
    /// first: until a run of it has ended, nothing that changes who is granted is taken (a
    /// withdrawal, a request, a single decision: `E-STATE` naming the run's first event), so a
    /// re-run ends where an uninterrupted run ends. The trail records where it began and ended.
    @Test func aStoppedRunHoldsOffEveryChangeUntilARunOfItHasEnded() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.ceilingRound(ceiling: "10000000.00", applications: [("A-0001", 450_000_000, 3600), ("A-0002", 500_000_000, 5000), ("A-0003", 600_000_000, 5400)], contracts: true)
        let reference = "A-0001 granted\nA-0002 granted\nA-0003 refused"
        let note = try s.sql("SELECT quote(note) FROM review WHERE application_id = 'A-0002' AND insurer = '3311'")
        let batch = ["DOORBRAAK_DECIDE_BATCH": "1"]
        let (outcome, edits) = try decideAll(s, batch: 1, runningBetweenBatches: "UPDATE review SET note = 'edited' WHERE application_id = 'A-0002' AND insurer = '3311'", once: true)
        #expect(outcome.failure.map { $0.code == .ledger && $0.message.contains("1 decision was committed before it stopped") } == true, "\(outcome)")
        let halfway = try s.sql("SELECT application_id || ' ' || status FROM beschikking ORDER BY 1")
        #expect(edits == 1 && halfway == "A-0001 granted\nA-0002 pending\nA-0003 pending", "\(halfway)")
        let lead = try s.sql("SELECT s.lead FROM application a JOIN submission s ON s.seq = a.submission_seq WHERE a.id = 'A-0002'")
        for (command, today) in [(["application", "withdraw", "A-0002", "--lead", lead], "2027-01-04"), (["nza", "decide", "A-0003"], "2027-01-04"), (["round", "close"], "2030-01-01")] {
            let held = try s.run(command, today: today)
            #expect(held.status == 1 && held.stderr.contains("E-STATE") && held.stderr.contains("`nza decide --all` of 2027-01-04 (event") && held.stderr.contains("dated 2027-01-04"), "\(command): \(held.stderr)")
        }
        // The run is a row the chain binds: its newest event edited for the length of one
        // decision does not open it (an attacker's review of the eighteenth landing), and the
        // row deleted is named.
        #expect(try s.sql("SELECT begun_on || ' ' || planned FROM decide_all_run") == "2027-01-04 3")
        _ = try s.sql("UPDATE audit_event SET subject = 'nza decide --all ' WHERE subject = 'nza decide --all'")
        let edited = try s.run(["nza", "decide", "A-0003"], today: "2027-01-04")
        #expect(edited.status == 1 && edited.stderr.contains("E-STATE") && edited.stderr.contains("`nza decide --all` of 2027-01-04"), "\(edited.stderr)")
        _ = try s.sql("UPDATE audit_event SET subject = 'nza decide --all' WHERE subject = 'nza decide --all '")
        let row = try s.sql("SELECT begun_on, planned FROM decide_all_run")
        _ = try s.sql("DELETE FROM decide_all_run")
        let deleted = try s.run(["nza", "decide", "A-0003"], today: "2027-01-04")
        #expect(deleted.status == 1 && deleted.stderr.contains("E-LEDGER") && deleted.stderr.contains("decide_all_run"), "\(deleted.stderr)")
        let parts = row.split(separator: "|")
        _ = try s.sql("INSERT INTO decide_all_run VALUES (1, '\(parts[0])', \(parts[1]))")
        // A re-run after the spending period would refuse every planned grant left for the period.
        let late = try s.run(["nza", "decide", "--all"], today: "2030-01-02")
        #expect(late.status == 1 && late.stderr.contains("E-DATE") && late.stderr.contains("run it again dated 2027-01-04"), "\(late.stderr)")
        // What is not a new change is answered for what it is: an unknown id (E-MISSING), a
        // request decided already (E-REQUEST), a request made before with the same contract.
        #expect(try s.run(["nza", "decide", "A-9999"], today: "2027-01-04").status == 66)
        let decided = try s.run(["nza", "decide", "A-0001"], today: "2027-01-04")
        #expect(decided.status == 1 && decided.stderr.contains("already decided"), "\(decided.stderr)")
        // The analyst sees it in `ceiling` and can ask the log for it.
        #expect(try s.run(["audit", "log", "--action", "nza-decide-all"]).stdout.contains("begun"))
        #expect(try s.run(["ceiling"]).stdout.contains("`nza decide --all` of 2027-01-04 (event"))
        #expect(try s.run(["ceiling", "--json"]).stdout.contains("\"decide_all_stopped\": {"))
        // The edit put back, a re-run ends the run; then a withdrawal is judged for what it is.
        _ = try s.sql("UPDATE review SET note = \(note) WHERE application_id = 'A-0002' AND insurer = '3311'")
        // A request made before with the same contract is unchanged, not refused.
        let again = try s.run(["nza", "request", "A-0002", "--contract", "OVK-A-0002"], today: "2027-01-04")
        #expect(again.status == 0 && !again.stderr.contains("E-STATE"), "\(again.status) \(again.stdout)\(again.stderr)")
        let rerun = try s.run(["nza", "decide", "--all"], today: "2027-01-04", environment: batch)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try s.sql("SELECT application_id || ' ' || status FROM beschikking ORDER BY 1") == reference)
        #expect(try s.sql("SELECT before || ' → ' || substr(after, 1, 6) FROM audit_event WHERE subject = 'nza decide --all' ORDER BY seq") == "- → begun:\nbegun → ended:")
        #expect(try s.run(["ceiling", "--json"]).stdout.contains("\"decide_all_stopped\": null"))
        #expect(try s.sql("SELECT count(*) FROM decide_all_run") == "0", "the run's row goes at its end")
        let after = try s.run(["application", "withdraw", "A-0002", "--lead", lead], today: "2027-01-05")
        #expect(!after.stderr.contains("nza decide --all"), "\(after.stderr)")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// The lock is the database file's, whatever link `--db` names it by: a single decision made
    /// through a link to the database while the run is between two batches waits for the run too
    /// (a second review: the lock file was named after `--db` as typed, so the decision came
    /// between the batches, the run stopped, and its re-run confirmed a lower-ranked grant).
    @Test func theLockIsTheDatabaseFilesWhateverLinkNamesIt() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.ceilingRound(ceiling: "10000000.00", applications: [("A-0001", 450_000_000, 3600), ("A-0002", 500_000_000, 5000), ("A-0003", 600_000_000, 5400)], contracts: true)
        let alias = s.folder.appendingPathComponent("alias.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: s.db)
        var single: CLIResult?
        Store.betweenDecisionBatches = { _ in
            if single == nil { single = try? runDoorbraak(["--db", alias, "--today", "2027-01-04", "nza", "decide", "A-0003"], environment: ["DOORBRAAK_BUSY_TIMEOUT_MS": "100"]) }
        }
        defer { Store.betweenDecisionBatches = nil }
        let store = try Store.open(at: s.db)
        let event = AuditContext(actor: "test", at: "2027-01-04T00:00:00Z", today: Day(2027, 1, 4))
        let decisions = try store.decideAll(today: event.today, event: event, batch: 1)
        #expect(single?.status == 75 && single?.stderr.contains("E-BUSY") == true, "\(String(describing: single?.stderr))")
        #expect(decisions.map(\.summary) == ["granted A-0001", "granted A-0002", "refused A-0003 (E-CEILING)"], "\(decisions)")
    }

    /// A stopped run holds off what changes which requests compete, not a payment: a claim
    /// paid on a granted beschikking is taken, and the stop's message says the run has not
    /// ended (a second review: a provider's payment was refused, pointing the insurer to the
    /// NZa's command).
    @Test func aStoppedRunHoldsOffNoPayment() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.ceilingRound(ceiling: "10000000.00", applications: [("A-0001", 450_000_000, 3600), ("A-0002", 500_000_000, 5000), ("A-0003", 600_000_000, 5400)], contracts: true)
        let (outcome, _) = try decideAll(s, batch: 1, runningBetweenBatches: "UPDATE review SET note = 'edited' WHERE application_id = 'A-0002' AND insurer = '3311'", once: true)
        #expect(outcome.failure.map { $0.message.contains("the run has not ended: until `doorbraak nza decide --all` is run again to its end") } == true, "\(outcome)")
        #expect(try s.sql("SELECT status FROM beschikking WHERE application_id = 'A-0001'") == "granted")
        let milestone = try s.sql("SELECT code || ',' || tariff_cents FROM application_milestone WHERE application_id = 'A-0001' ORDER BY code LIMIT 1").split(separator: ",")
        let agb = try s.sql("SELECT agb FROM application_provider WHERE application_id = 'A-0001' ORDER BY agb LIMIT 1")
        let insurer = try s.sql("SELECT coordinating FROM application WHERE id = 'A-0001'")
        let half = (Int(milestone[1]) ?? 0) / 2
        let amount = "\(half / 100).\(String(format: "%02d", half % 100))"
        let claims = try s.file("claims.csv", "claim_id,application_id,milestone,provider,insurer,amount,date,status,evidence\nC-1,A-0001,\(milestone[0]),\(agb),\(insurer),\(amount),2027-06-30,reached,bewijs.pdf\n")
        let paid = try s.run(["import", "claims", claims], today: "2027-07-01")
        #expect(paid.status == 0 && paid.stdout.contains("1 new"), "\(paid.stdout)\(paid.stderr)")
    }

    /// A `decide --all` waiting for the lock stops new commands at the turnstile, so commands
    /// that overlap one another cannot keep it out for good (a third review: four loops sending
    /// a contracts file again held it off past its busy timeout). Here one command holds the lock
    /// shared; while `decide --all` waits for it, a request sent again — which would share the
    /// lock with the first — waits too and gives up (E-BUSY); once the first lets go, the run
    /// decides.
    @Test func aWaitingRunStopsNewCommandsAtTheTurnstile() throws {
        let s = try rankedAgainstKeys()
        defer { s.remove() }
        let holder = try Store.open(at: s.db)
        try holder.holdAgainstDecideAll()
        let run = Process()
        run.executableURL = URL(fileURLWithPath: doorbraakBinary)
        run.arguments = ["--db", s.db, "--today", "2027-01-04", "nza", "decide", "--all"]
        var env = ProcessInfo.processInfo.environment
        env["DOORBRAAK_BUSY_TIMEOUT_MS"] = "20000"
        run.environment = env
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        usleep(400_000)
        let again = try s.run(["nza", "request", "A-0002", "--contract", "OVK-A-0002"], today: "2027-01-04", environment: ["DOORBRAAK_BUSY_TIMEOUT_MS": "300"])
        #expect(again.status == 75 && again.stderr.contains("E-BUSY"), "\(again.status) \(again.stderr)")
        holder.decisionLock = nil
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        #expect(try s.sql("SELECT count(*) FROM beschikking WHERE status = 'pending'") == "0")
        // With no run waiting, the same request is unchanged, not busy.
        #expect(try s.run(["nza", "request", "A-0002", "--contract", "OVK-A-0002"], today: "2027-01-04").status == 0)
    }

    /// The lock file beside the database is opened without following a link and must be a
    /// regular file: a link put in its place (which would create or lock another file) or a FIFO
    /// is `E-IO` (exit 74), and nothing is decided.
    @Test func aLockFileThatIsNotOursIsRefused() throws {
        let s = try rankedAgainstKeys()
        defer { s.remove() }
        let lock = s.db + "-decisions"
        try? FileManager.default.removeItem(atPath: lock)
        try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: s.folder.appendingPathComponent("elsewhere").path)
        let linked = try s.run(["nza", "decide", "--all"], today: "2027-01-04")
        #expect(linked.status == 74 && linked.stderr.contains("E-IO") && !FileManager.default.fileExists(atPath: s.folder.appendingPathComponent("elsewhere").path), "\(linked.stderr)")
        try FileManager.default.removeItem(atPath: lock)
        #expect(mkfifo(lock, 0o600) == 0)
        let fifo = try s.run(["nza", "decide", "--all"], today: "2027-01-04")
        #expect(fifo.status == 74 && fifo.stderr.contains("not a regular file"), "\(fifo.stderr)")
        #expect(try s.sql("SELECT count(*) FROM beschikking WHERE status = 'pending'") == "3")
        try FileManager.default.removeItem(atPath: lock)
        #expect(try s.run(["nza", "decide", "--all"], today: "2027-01-04").status == 0)
    }

    /// `decide --all` on `s` in batches of `batch` (as 2027-01-04), with `sql` run once, after the
    /// first batch, on the run's own connection outside its transactions: a change that
    /// `PRAGMA data_version` does not show, as bytes rewritten in the file are not.
    private func decideAll(_ s: Sandbox, batch: Int, rewritingBetweenBatches sql: String) throws -> (Result<[BeschikkingDecision], DoorbraakError>, Int) {
        let store = try Store.open(at: s.db)
        var runs = 0
        Store.betweenDecisionBatches = { _ in
            guard runs == 0 else { return }
            runs += 1
            let version = try? store.db.integer("PRAGMA data_version")
            try? store.db.execute(sql)
            #expect((try? store.db.integer("PRAGMA data_version")) == version, "a change data_version does not show")
            #expect(store.db.changes > 0 || sql == "SELECT 1", "\(sql) changed no row")
        }
        defer { Store.betweenDecisionBatches = nil }
        let event = AuditContext(actor: "test", at: "2027-01-04T00:00:00Z", today: Day(2027, 1, 4))
        let outcome = Result { () throws(DoorbraakError) in try store.decideAll(today: event.today, event: event, batch: batch) }
        return (outcome, runs)
    }

    /// `decide --all` on `s` in batches of `batch` (as 2027-01-04), with `sql` run through
    /// sqlite3 after each committed batch — after the first only, when `once` — as another
    /// process would; its outcome and how many times `sql` ran.
    private func decideAll(_ s: Sandbox, batch: Int, runningBetweenBatches sql: String, once: Bool) throws -> (Result<[BeschikkingDecision], DoorbraakError>, Int) {
        let (outcome, runs, _) = try decideAllShowing(s, batch: batch, runningBetweenBatches: sql, once: once)
        return (outcome, runs)
    }

    /// `decideAll`, with the decisions handed over as each batch committed.
    private func decideAllShowing(_ s: Sandbox, batch: Int, runningBetweenBatches sql: String, once: Bool) throws -> (Result<[BeschikkingDecision], DoorbraakError>, Int, [BeschikkingDecision]) {
        let store = try Store.open(at: s.db)
        var runs = 0
        Store.betweenDecisionBatches = { _ in
            guard !once || runs == 0 else { return }
            runs += 1
            _ = try? s.sql(sql)
        }
        defer { Store.betweenDecisionBatches = nil }
        let event = AuditContext(actor: "test", at: "2027-01-04T00:00:00Z", today: Day(2027, 1, 4))
        var committed: [BeschikkingDecision] = []
        let outcome = Result { () throws(DoorbraakError) in try store.decideAll(today: event.today, event: event, batch: batch) { committed += $0 } }
        return (outcome, runs, committed)
    }
}

extension Result {
    /// The error, when it failed.
    var failure: Failure? { if case .failure(let e) = self { return e } else { return nil } }
}

/// Writing a row binds it anew, so a command must check every row it writes, not only those it
/// decides on: otherwise an edit of it is laundered into the chain (found by an attacker's review).
@Suite struct NoRowLaunderedTests {
    /// Two requests of € 4 mln and € 3 mln under a ceiling of € 6 mln: granting the first sweeps the second.
    func round() throws -> Sandbox {
        let s = try Sandbox()
        try s.ceilingRound(ceiling: "6000000.00", applications: [("S-0001", 400_000_000, 400), ("S-0002", 300_000_000, 100)], contracts: true)
        return s
    }

    @Test(arguments: [
        ("UPDATE application SET fte_tenths = fte_tenths * 100 WHERE id = 'S-0002'", "fte_tenths"),
        ("UPDATE application SET requested_cents = requested_cents * 3 WHERE id = 'S-0002'", "requested_cents"),
        ("UPDATE ledger_year SET granted_cents = granted_cents + 100000000 WHERE year = 2027", "ledger_year"),
        // The Kelvin sign reads as "K" to Swift's String but is other bytes (an attacker's review).
        ("UPDATE beschikking SET contract = 'OV' || char(0x212A) || '-S-0002' WHERE application_id = 'S-0002'", "contract is \"OV\\u{212A}-S-0002\""),
        // A prestatie the grant would write, added beforehand: named, not SQLite's UNIQUE
        // constraint halfway through the run (exit 70; an attacker's review).
        ("INSERT INTO prestatie (application_id, milestone, code, tariff_cents) VALUES ('S-0001', 'M1', 'X-M1', 1)", "prestatie"),
    ])
    func aRowTheDecisionWritesIsCheckedFirst(sql: String, named: String) throws {
        let s = try round()
        defer { s.remove() }
        _ = try s.sql(sql)
        for command in [["nza", "decide", "S-0001"], ["nza", "decide", "--all"]] {
            let result = try s.run(command, today: "2027-01-04")
            #expect(result.status == 1 && result.stderr.contains("E-LEDGER") && result.stderr.contains(named), "\(command): \(result.stderr)")
        }
        #expect(try s.sql("SELECT count(*) FROM beschikking WHERE status <> 'pending'") == "0", "nothing decided")
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 1 && verify.stdout.contains(named), "\(verify.stdout.prefix(400))")
    }

    @Test func aSecondRunSaysNothingIsPending() throws {
        let s = try round()
        defer { s.remove() }
        let first = try s.run(["nza", "decide", "--all"], today: "2027-01-04")
        #expect(first.status == 0 && !first.stdout.contains("no pending requests"), "\(first.stdout)")
        let second = try s.run(["nza", "decide", "--all"], today: "2027-01-04")
        #expect(second.status == 0 && second.stdout.contains("no pending requests to decide\n0 granted, 0 refused"), "\(second.stdout)")
    }

    @Test func withoutAnEditTheSweepRefusesTheSecond() throws {
        let s = try round()
        defer { s.remove() }
        #expect(try s.run(["nza", "decide", "S-0001"], today: "2027-01-04").status == 0)
        #expect(try s.sql("SELECT application_id || ' ' || status FROM beschikking ORDER BY 1") == "S-0001 granted\nS-0002 refused")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }
}


/// The row capture keeps each written row's image until its part is bound: a part is bound every
/// `AuditLog.bindingBytes` bytes of images as well as every 20,000 rows, so rows with long texts
/// cannot hold more memory than that (issue 21: 64 MB for any import, whatever the file).
@Suite(.serialized) struct CapturedBytesTests {
    @Test func aTransactionBindsItsRowsInPartsOfBoundedBytes() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let store = try Store.open(at: s.db)
        let saved = AuditLog.bindingBytes
        AuditLog.bindingBytes = 4096
        defer { AuditLog.bindingBytes = saved }
        let event = AuditContext(actor: "test", at: "2026-11-25T00:00:00Z", today: Day(2026, 11, 25))
        let name = String(repeating: "n", count: 120)
        try store.db.writeTransaction { () throws(DoorbraakError) in
            for i in 0..<200 {
                try store.db.run("INSERT INTO party (role, id, name) VALUES ('provider', ?, ?)", [.text(String(10_000_000 + i)), .text(name)])
                try AuditLog.append(in: store.db, event, action: "party", subject: "p\(i)", before: "-", after: "-")
                #expect((store.db.rowCapture?.capturedBytes ?? 0) < 4096 + 1024)
            }
        }
        // About 150 bytes per image: a part every 28 rows or so, each bound by the event held then.
        let parts = try store.db.integer("SELECT count(DISTINCT seq) FROM row_binding WHERE tbl = 'party' AND key LIKE '8:provider%'")
        #expect(parts >= 5, "\(parts) parts")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }
}

/// A row the transaction wrote is known by its key's bytes, as SQLite knows it (an attacker's
/// review: Swift's String holds "K" and the Kelvin sign U+212A equal); written twice, it is
/// one row bound with its last image.
@Suite struct TouchedRowTests {
    @Test func keysThatReadAlikeAreOtherRows() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let store = try Store.open(at: s.db)
        let event = AuditContext(actor: "test", at: "2026-11-25T00:00:00Z", today: Day(2026, 11, 25))
        #expect("OVK-1" == "OV\u{212A}-1", "Swift holds them equal: the reason for this test")
        try store.db.writeTransaction { () throws(DoorbraakError) in
            try store.db.run("INSERT INTO theme (theme, amount_cents) VALUES ('OVK-1', 1)")
            #expect(store.db.touchedInTransaction(table: "theme", key: "OVK-1"))
            #expect(!store.db.touchedInTransaction(table: "theme", key: "OV\u{212A}-1"))
            #expect(!store.db.touchedInTransaction(table: "ledger_year", key: "OVK-1"))
            try store.db.run("INSERT INTO theme (theme, amount_cents) VALUES ('OV\u{212A}-1', 2)")
            try store.db.run("UPDATE theme SET amount_cents = 3 WHERE theme = 'OVK-1'")
            #expect(store.db.touchedInTransaction(table: "theme", key: "OV\u{212A}-1"))
            try AuditLog.append(in: store.db, event, action: "theme", subject: "t", before: "-", after: "-")
        }
        let seq = try store.db.integer("SELECT max(seq) FROM audit_event")
        let bound = try store.db.rows("SELECT key, image FROM row_binding WHERE seq = ? AND tbl = 'theme' ORDER BY key", [.integer(seq)]) { r in (r.text(0), r.bytes(1)) }
        #expect(bound.map { Array($0.0.utf8) } == [Array("OVK-1".utf8), Array("OV\u{212A}-1".utf8)])
        #expect(try store.db.rows("SELECT amount_cents FROM theme WHERE theme IN ('OVK-1', 'OV\u{212A}-1') ORDER BY theme", []) { $0.int(0) } == [3, 2])
        // The bindings hold the rows as they stand (the first image of 'OVK-1' was replaced).
        #expect(try s.run(["audit", "verify"]).status == 0)
    }
}

/// A check that passed for one key does not pass for a key that only reads alike (an attacker's
/// review: Swift's String holds "K" and the Kelvin sign U+212A equal; SQLite does not).
@Suite struct ExactScopeTests {
    @Test func aScopeThatReadsAlikeIsCheckedAgain() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let store = try Store.open(at: s.db)
        try store.db.writeTransaction { () throws(DoorbraakError) in
            #expect(try store.needsCheck("beschikking OVK-1"))
            store.verifiedScopes.passed.insert(ExactText("beschikking OVK-1"))
            #expect(try !store.needsCheck("beschikking OVK-1"))
            #expect(try store.needsCheck("beschikking OV\u{212A}-1"))
        }
        #expect(!Set([ExactText("OVK")]).contains(ExactText("OV\u{212A}")))
    }
}
