@testable import DoorbraakImport
@testable import DoorbraakStore
import DoorbraakCore
import Foundation
import Testing

/// A claims import checks each chunk's payout rows on a connection beside the writer, and the
/// writer then rewrites a milestone's and a beschikking's row without having read their pages
/// itself. The nineteenth landing's attacker's review edited those rows' bytes in the database
/// file between the check and the write: the writer bound the edit as its own, and `audit
/// verify` passed. The writer now expects each row it rewrites to hold the very bytes checked
/// (`RowCapture.expectBeforeRewrite`). In a serialized suite: the hook is global.
@Suite(.serialized) struct RewrittenAsCheckedTests {
    /// Rewrites, in the file at `path`, the first `from` that lies within 16 bytes after `marker`
    /// with `to` (as long); returns how many it rewrote (0 or 1).
    static func rewriteInFile(_ path: String, after marker: String, from: String, to: String) -> Int {
        rewriteInFile(path, after: Array(marker.utf8), from: Array(from.utf8), to: Array(to.utf8))
    }

    /// Rewrites, in the file at `path`, `from` with `to` (as long) where it lies within `window`
    /// bytes after an occurrence of `marker` (the first such `from` after each): at the first
    /// occurrence of `marker` that has one, or at the last (`last`: the newest WAL frame of a
    /// row); returns how many it rewrote (0 or 1).
    static func rewriteInFile(_ path: String, after marker: [UInt8], from: [UInt8], to: [UInt8], within window: Int = 16, last: Bool = false) -> Int {
        guard let data = FileManager.default.contents(atPath: path), let handle = FileHandle(forUpdatingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        let bytes = [UInt8](data)
        var hit: Int?
        var i = 0
        while i + marker.count <= bytes.count {
            if bytes[i..<(i + marker.count)].elementsEqual(marker) {
                let start = i + marker.count
                if let j = (start..<max(start, min(start + window, bytes.count - from.count))).first(where: { bytes[$0..<($0 + from.count)].elementsEqual(from) }) {
                    hit = j
                    if !last { break }
                }
            }
            i += 1
        }
        guard let hit else { return 0 }
        try? handle.seek(toOffset: UInt64(hit))
        handle.write(Data(to))
        return 1
    }

    /// The import stopped with E-LEDGER, its message saying each of `words`; a committed import
    /// is an issue.
    static func expectRefused(_ outcome: Result<ImportReport, DoorbraakError>, saying words: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        switch outcome {
        case .success(let report):
            Issue.record("the import committed on a row edited after its check: \(report.new) new, \(report.rejected) rejected", sourceLocation: sourceLocation)
        case .failure(let error):
            #expect(error.code == .ledger && words.allSatisfy(error.message.contains), "\(error)", sourceLocation: sourceLocation)
        }
    }

    /// A granted round (CH-A, CH-B) with every page in the file itself, none in the WAL, and one
    /// claim on CH-B's M1 imported in this process while, after the check beside the writer, the
    /// first `from` within 16 bytes after CH-B M1's key (its key's two texts, then its tariff) is
    /// rewritten in the file to `to`; returns the sandbox, how many edits were made and the outcome.
    func importEditingMilestone(from: String, to: String) throws -> (Sandbox, Int, Result<ImportReport, DoorbraakError>) {
        try importEditing { path, _ in RewrittenAsCheckedTests.rewriteInFile(path, after: "CH-BM1", from: from, to: to) }
    }

    /// The granted round and claim of `importEditingMilestone`, with `edit` (given the path and
    /// the sandbox) made once after the check beside the writer.
    func importEditing(_ edit: @escaping (String, Sandbox) -> Int) throws -> (Sandbox, Int, Result<ImportReport, DoorbraakError>) {
        let s = try Sandbox()
        try s.grantedRound(["CH-A", "CH-B"])
        let file = try s.file("claims.csv", claimHeader + "C-1,CH-B,M1,12345678,3311,1000.00,2027-06-01,reached,part 1\n")
        let (edited, outcome) = try RewrittenAsCheckedTests.importing(s, editing: { edit($0, s) }) { store throws(DoorbraakError) in
            try ClaimImport(store: store, today: Day(2027, 7, 1), event: AuditContext(actor: "test", at: "2027-07-01T00:00:00Z", today: Day(2027, 7, 1)), partial: true).run(file)
        }
        return (s, edited, outcome)
    }

    /// Runs `run` in this process on the sandbox's database, every page of it in the file itself
    /// first, none in the WAL, while `edit` rewrites the file once after a chunk was checked
    /// beside the writer; returns how many edits were made (read after the import: the edit is
    /// made during it) and the outcome.
    static func importing(_ s: Sandbox, editing edit: @escaping (String) -> Int, _ run: (Store) throws(DoorbraakError) -> ImportReport) throws -> (Int, Result<ImportReport, DoorbraakError>) {
        _ = try s.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        let path = s.db
        var edited = 0
        CSVAsideHook.afterPreparing = { database in
            guard database == path, edited == 0 else { return }
            edited += edit(path)
        }
        defer { CSVAsideHook.afterPreparing = nil }
        do throws(DoorbraakError) {
            let report = try run(try Store.open(at: path))
            return (edited, .success(report))
        } catch {
            return (edited, .failure(error))
        }
    }

    @Test func bytesEditedInTheFileAfterTheCheckBesideAreNotBoundAsTheWritersOwn() throws {
        let (s, edited, outcome) = try importEditingMilestone(from: "2027-06-30", to: "2027-06-29")
        defer { s.remove() }
        #expect(edited == 1)
        RewrittenAsCheckedTests.expectRefused(outcome, saying: "application_milestone", "rewrote")
        #expect(try s.sql("SELECT count(*) FROM claim") == "0")
        #expect(try s.sql("SELECT due, paid_cents FROM application_milestone WHERE application_id = 'CH-B' AND code = 'M1'") == "2027-06-29|0")
        // The edit stays an edit: `audit verify` names it.
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 1 && verify.stdout.contains("application_milestone"), "\(verify.stdout)")
    }

    /// Found by a second attacker's review: a milestone's status edited in the file after the
    /// check beside (`expected` → `released`) made the payout's UPDATE meet no row, so no
    /// expectation was compared; the claim row was already written, the refusal kept for
    /// "settled meanwhile" bound it as paid, and the import committed. A milestone that is no
    /// longer as checked once its claim is written is now E-LEDGER, and the import rolls back.
    @Test func aMilestoneEditedSoThatThePayoutMissesItStopsTheImport() throws {
        let (s, edited, outcome) = try importEditingMilestone(from: "expected", to: "released")
        defer { s.remove() }
        #expect(edited == 1)
        RewrittenAsCheckedTests.expectRefused(outcome, saying: "no longer as it was checked")
        #expect(try s.sql("SELECT count(*) FROM claim") == "0")
        #expect(try s.sql("SELECT count(*) FROM claim_refusal") == "0")
        #expect(try s.run(["audit", "verify"]).status == 1)
    }

    /// Found while building the reviews import's checks beside the writer: the beschikking's
    /// key edited in its row in the file after the check (`CH-B` → `CH-C`, its index left
    /// pointing at it). The payout's UPDATE finds the row by the index and rewrites it under
    /// another key, which no check expected, so no bytes were compared: the claim was paid and
    /// the row bound under `CH-C` as the writer's own. It now stops the import.
    @Test func aBeschikkingRewrittenUnderAnotherKeyStopsTheImport() throws {
        let (s, edited, outcome) = try importEditing { path, s in
            guard let contract = try? s.sql("SELECT contract FROM beschikking WHERE application_id = 'CH-B'") else { return 0 }
            return RewrittenAsCheckedTests.rewriteInFile(path, after: "CH-", from: "B" + contract, to: "C" + contract)
        }
        defer { s.remove() }
        #expect(edited == 1)
        RewrittenAsCheckedTests.expectRefused(outcome, saying: "beschikking", "no longer as it was checked")
        #expect(try s.sql("SELECT count(*) FROM claim") == "0")
        #expect(try s.sql("SELECT count(*) FROM row_binding WHERE tbl = 'beschikking' AND key = 'CH-C'") == "0")
        #expect(try s.run(["audit", "verify"]).status == 1)
    }
}

/// A reviews import checks each chunk's applications, decisions and submissions beside the
/// writer, and the writer then rewrites each application's status without having read its page
/// itself: the same attack as on the claims import, on the application's row and on a decision
/// recorded before. In the same serialized suite: the hook is global (in a suite of their own,
/// these ran beside the claims tests and took their hook).
extension RewrittenAsCheckedTests {
    /// One submitted application (RV-1) on the payout-test plan, with `before` reviews rows
    /// recorded first, every page in the file itself; then `file`'s decisions imported in this
    /// process while, after the check beside the writer, `edit` rewrites the file once.
    func importEditingReviews(before: String? = nil, _ file: String, edit: @escaping (String) -> Int) throws -> (Sandbox, Int, Result<ImportReport, DoorbraakError>) {
        let s = try Sandbox()
        try s.initPayoutPlan(["--ceiling", "600000000.00", "--theme-amount", "ai=600000000.00"])
        let imported = try s.run(["import", "applications", try s.file("apps.jsonl", payoutApplication("RV-1", cents: 100_000_00, fteTenths: 10))])
        try #require(imported.status == 0, "\(imported.stderr)")
        if let before {
            let first = try s.run(["import", "reviews", try s.file("first.csv", reviewHeader + before)], today: "2026-11-30")
            try #require(first.status == 0, "\(first.stderr)")
        }
        let csv = try s.file("reviews.csv", reviewHeader + file)
        let (edited, outcome) = try RewrittenAsCheckedTests.importing(s, editing: edit) { store throws(DoorbraakError) in
            try ReviewImport(store: store, today: Day(2026, 11, 30), event: AuditContext(actor: "test", at: "2026-11-30T00:00:00Z", today: Day(2026, 11, 30)), partial: true).run(csv)
        }
        return (s, edited, outcome)
    }

    var reviewHeader: String { "application_id,insurer,decision,reason,accepted_deviations,note\n" }

    /// The second insurer edited in the file after the check (`7029` → `7030`): the writer, which
    /// decided on the row as checked, meets other bytes when it rewrites the row and stops.
    @Test func anApplicationEditedAfterTheCheckBesideIsNotBoundAsTheWritersOwn() throws {
        let (s, edited, outcome) = try importEditingReviews("RV-1,3311,approve,,,\n") { path in
            RewrittenAsCheckedTests.rewriteInFile(path, after: "vvt3311", from: "7029", to: "7030")
        }
        defer { s.remove() }
        #expect(edited == 1)
        RewrittenAsCheckedTests.expectRefused(outcome, saying: "application RV-1", "rewrote")
        #expect(try s.sql("SELECT count(*) FROM review") == "0")
        #expect(try s.sql("SELECT status, second FROM application WHERE id = 'RV-1'") == "submitted|7030")
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 1 && verify.stdout.contains("application RV-1"), "\(verify.stdout)")
    }

    /// The id in the application's row edited in the file after the check (`RV-1` → `RX-1`, its
    /// index left pointing at it): the UPDATE finds the row by the index and rewrites it under
    /// another key, which no check expected. It stops, and nothing is bound under `RX-1`.
    @Test func anApplicationRewrittenUnderAnotherKeyStopsTheImport() throws {
        let (s, edited, outcome) = try importEditingReviews("RV-1,3311,approve,,,\n") { path in
            RewrittenAsCheckedTests.rewriteInFile(path, after: "RV-", from: "1payout-test", to: "2payout-test")
        }
        defer { s.remove() }
        #expect(edited == 1)
        RewrittenAsCheckedTests.expectRefused(outcome, saying: "no longer as it was checked")
        #expect(try s.sql("SELECT count(*) FROM review") == "0")
        #expect(try s.sql("SELECT count(*) FROM row_binding WHERE tbl = 'application' AND key = 'RV-2'") == "0")
        #expect(try s.run(["audit", "verify"]).status == 1)
    }

    /// A decision recorded before, edited in the file after the check (its note): the second
    /// insurer's decision is recorded on the decision as checked, and the edited row is left as
    /// it is — not rewritten, not bound anew — so `audit verify` names it.
    @Test func aDecisionEditedAfterTheCheckBesideIsLeftForAuditVerify() throws {
        let (s, edited, outcome) = try importEditingReviews(before: "RV-1,3311,approve,,,goed\n", "RV-1,7029,approve,,,\n") { path in
            RewrittenAsCheckedTests.rewriteInFile(path, after: "3311approve", from: "goed", to: "fout")
        }
        defer { s.remove() }
        #expect(edited == 1)
        let report = try outcome.get()
        #expect(report.new == 1 && report.chunksCheckedBesideWriter == 1, "\(report)")
        #expect(try s.sql("SELECT status FROM application WHERE id = 'RV-1'") == "approved")
        #expect(try s.sql("SELECT note FROM review WHERE application_id = 'RV-1' AND insurer = '3311'") == "fout")
        #expect(try s.sql("SELECT count(*) FROM row_binding WHERE tbl = 'review'") == "2")
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 1 && verify.stdout.contains("review") && verify.stdout.contains("goed"), "\(verify.stdout)")
    }
}

/// A row a transaction wrote, rewritten later in the same transaction: between the two writes
/// its page can be spilled to the WAL and read back from the file. An attacker's review of the
/// twenty-fourth landing edited an application's requested amount in that WAL frame between
/// its two decisions; the second decision rewrote the row and the edit was bound as the
/// writer's own (both ways, beside the writer or not). The hook now holds a row rewritten in
/// its transaction to the image the transaction wrote (`RowCapture.checkAsWritten`).
extension RewrittenAsCheckedTests {
    @Test func aRowEditedInTheWALBetweenTwoWritesOfOneTransactionIsNotBound() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initPayoutPlan(["--ceiling", "600000000.00", "--theme-amount", "ai=600000000.00"])
        let apps = (1...200).map { payoutApplication("RV-\($0)", cents: 100_000_00, fteTenths: 10) }.joined(separator: "\n") + "\n"
        let imported = try s.run(["import", "applications", try s.file("apps.jsonl", apps)])
        try #require(imported.status == 0, "\(imported.stderr)")
        _ = try s.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        let store = try Store.open(at: s.db)
        let db = store.db
        let today = Day(2026, 11, 30)
        let event = AuditContext(actor: "test", at: "2026-11-30T00:00:00Z", today: today)
        func approve(_ id: String, by insurer: String) throws(DoorbraakError) {
            _ = try store.record(ReviewDecision(insurer: insurer, verdict: .approve(accepted: []), note: "", assessedVersion: nil), on: id, today: today, event: event)
        }
        // Reads every table thrice: the small page cache drops what it held.
        func churn() throws(DoorbraakError) {
            var tables: [String] = []
            try db.each("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", []) { r in tables.append(r.text(0)) }
            for _ in 0..<3 { for table in tables { try db.each("SELECT * FROM \"\(table)\"", []) { _ in } } }
        }
        // A page cache of 20 pages stands in for a large import's: RV-1's page is spilled to the WAL.
        try db.execute("PRAGMA cache_size = 20")
        try db.execute("BEGIN IMMEDIATE")
        try approve("RV-1", by: "3311")
        for i in 2...200 { try approve("RV-\(i)", by: "3311") }
        try churn()
        // requested_cents 10,000,000 (00 98 96 80) → 20,000,000 (01 31 2D 00) in the newest frame of RV-1's row.
        let edited = RewrittenAsCheckedTests.rewriteInFile(s.db + "-wal", after: Array("RV-1payout-test".utf8), from: [0x00, 0x98, 0x96, 0x80], to: [0x01, 0x31, 0x2D, 0x00], within: 40, last: true)
        #expect(edited == 1)
        try churn()
        do throws(DoorbraakError) {
            try approve("RV-1", by: "7029")
            try db.execute("COMMIT")
            Issue.record("the second decision was recorded on a row edited in the WAL after the first")
        } catch {
            #expect(error.code == .ledger && error.message.contains("application RV-1") && error.message.contains("rewrote"), "\(error)")
            try? db.execute("ROLLBACK")
        }
        #expect(try s.sql("SELECT status, requested_cents FROM application WHERE id = 'RV-1'") == "submitted|10000000")
        #expect(try s.sql("SELECT count(*) FROM review") == "0")
    }
}
