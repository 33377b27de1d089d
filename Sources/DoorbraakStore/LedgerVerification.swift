import DoorbraakCore
import Foundation

/// What `audit verify` found: the chain, the anchor, the kept totals and the invariants.
public struct LedgerVerification: Sendable {
    /// The hash chain walk.
    public var chain: AuditLog.Verification
    /// Kept totals that differ from the rows or the audit events.
    public var differences: [TotalDifference]
    /// Broken invariants.
    public var findings: [InvariantFinding]
    /// Rows against what the chain bound.
    public var rows: RowCheck
    /// How the stored schema differs from the one of its version.
    public var schema: [String]

    /// Whether every kept total equals its recount.
    public var totalsOK: Bool { differences.isEmpty }
    /// Whether every invariant holds.
    public var invariantsOK: Bool { findings.isEmpty }
    /// Whether every row is the row the chain bound.
    public var rowsOK: Bool { rows.count == 0 }
    /// Whether everything holds.
    public var ok: Bool { chain.ok && totalsOK && invariantsOK && rowsOK && schema.isEmpty }
}

extension Store {
    /// The full check of `audit verify`: the stored schema; the chain (against `anchor` when
    /// given) with the rows each event bound; every row of every table against the newest binding
    /// of its key; every kept total recounted from the rows; and the invariants of SPEC §3.6–3.7.
    /// Scans everything: it is the audit, not the hot path.
    ///
    /// Two connections share the work, one per core: a second one checks the file's structure
    /// while this one walks the chain and recounts; then both compare the rows with their
    /// bindings, table by table, whichever is free taking the next table. Both read one snapshot
    /// each, of the same state: they begin while a third connection holds the write lock
    /// (`beginTogether`).
    public func verifyEverything(anchor: ChainAnchor?) throws(DoorbraakError) -> LedgerVerification {
        try db.flushChainHead()
        // On this connection's own files, or not at all (a copy renamed over the path for the
        // moment the second connection opened would have had half the tables checked on it).
        let second = try Store.open(at: db.path, readOnly: true, beside: db.openedFiles)
        // Closed here, before this connection closes (`Database.close`), whenever the job's thread ends.
        defer { second.db.close() }
        try beginTogether(with: second)
        let parts = RowCheckParts(tables: try BoundTable.all(in: db), commitments: true)
        let job = RowCheckJob(second, parts: parts)
        job.start()
        let outcome: Result<LedgerVerification, DoorbraakError>
        do {
            outcome = .success(try checkInSnapshot(anchor: anchor, rowsAndStructure: job, parts: parts))
        } catch {
            parts.stop()
            outcome = .failure(error)
        }
        _ = job.result()
        if db.inTransaction { try? db.execute("COMMIT") }
        if second.db.inTransaction { try? second.db.execute("COMMIT") }
        return try outcome.get()
    }

    /// For a test: runs between the two read transactions' first reads, with the database's path.
    nonisolated(unsafe) static var betweenTheTwoBegins: ((String) -> Void)?

    /// Begins a read transaction on this connection and on `second` that see the same state: both
    /// begin while a third connection holds the write lock (`BEGIN IMMEDIATE`), so no commit can
    /// come between them — also none of a program other than doorbraak (found by an attacker's
    /// review: a row and its binding edited together between the two begins passed). The lock is
    /// held for the two begins only, not for the audit. A file this user cannot write (no lock to
    /// take) is read as it is; the two must then hold the same chain head.
    private func beginTogether(with second: Store) throws(DoorbraakError) {
        let lock = try Database(path: db.path, create: false, beside: db.openedFiles)
        var locked = true
        do throws(DoorbraakError) {
            try lock.execute("BEGIN IMMEDIATE")
        } catch where error.code == .busy {
            throw error
        } catch {
            locked = false // not writable for this user: nobody writes through this user either
        }
        defer { if locked { try? lock.execute("ROLLBACK") } }
        try db.execute("BEGIN DEFERRED")
        let mine = try? AuditLog.head(in: db)
        Store.betweenTheTwoBegins?(db.path)
        try second.db.execute("BEGIN DEFERRED")
        guard (try? AuditLog.head(in: second.db)) == mine else {
            try? db.execute("COMMIT")
            try? second.db.execute("COMMIT")
            throw DoorbraakError(.busy, "the database changed while audit verify began; run it again when the writes are done")
        }
    }

    /// The main connection's share of `verifyEverything`, inside its snapshot.
    private func checkInSnapshot(anchor: ChainAnchor?, rowsAndStructure job: RowCheckJob, parts: RowCheckParts) throws(DoorbraakError) -> LedgerVerification {
        func rowsAndStructure() throws(DoorbraakError) -> (RowCheck, [String]) {
            try checkRows(taking: parts)
            let structure = try job.result().get()
            return (parts.merged(), structure)
        }
        return try db.readTransaction { () throws(DoorbraakError) -> LedgerVerification in
            let schema = try SchemaCheck.differences(in: db, version: Schema.migrations.count)
            // The chain's walk here; its commitments are a part of the row check (either connection).
            let chain = try AuditLog.walk(in: db, anchor: anchor)
            guard try db.integer("SELECT count(*) FROM ledger WHERE id = 1") == 1, try db.integer("SELECT count(*) FROM round WHERE id = 1") == 1 else {
                // Without the ledger or the round row there is nothing to recount against; the
                // chain and the row check name what is gone.
                let (rows, structure) = try rowsAndStructure()
                return LedgerVerification(chain: chain.including(parts.commitmentFinding), differences: [], findings: [InvariantFinding(rule: "status", subject: "ledger", message: "the ledger or round row is missing")], rows: rows, schema: schema + structure)
            }
            let kept = try ceilingStatus()
            let recounted = try recountedCeilingStatus()
            var differences: [TotalDifference] = []
            func compare(_ name: String, _ k: Money, _ r: Money, _ source: String = "rows") {
                if k != r { differences.append(TotalDifference(total: name, kept: k, recounted: r, source: source)) }
            }
            compare("ledger.granted", kept.granted, recounted.granted)
            compare("ledger.released", kept.released, recounted.released)
            compare("ledger.pending", kept.pending, recounted.pending)
            compare("ledger.paid", kept.paid, recounted.paid)
            for (k, r) in zip(kept.themes, recounted.themes) {
                compare("theme.\(k.theme.rawValue).granted", k.granted, r.granted)
                compare("theme.\(k.theme.rawValue).released", k.released, r.released)
            }
            for (k, r) in zip(kept.years, recounted.years) { compare("year.\(k.year).granted", k.granted, r.granted) }
            compare("ledger.committed", kept.committed, recounted.committed)
            // Per beschikking: the kept paid and released against the milestones and the releases.
            var findings: [InvariantFinding] = []
            try db.each("""
                SELECT b.application_id, b.paid_cents, b.released_cents,
                       (SELECT coalesce(sum(m.paid_cents), 0) FROM application_milestone m WHERE m.application_id = b.application_id),
                       (SELECT coalesce(sum(r.amount_cents), 0) FROM bovengrens_release r WHERE r.application_id = b.application_id),
                       b.bovengrens_cents, b.status,
                       (SELECT coalesce(sum(p.tariff_cents), 0) FROM prestatie p WHERE p.application_id = b.application_id),
                       (SELECT coalesce(sum(m.tariff_cents), 0) FROM application_milestone m WHERE m.application_id = b.application_id)
                FROM beschikking b ORDER BY b.application_id
                """, []) { r in
                let (id, paid, released, rowsPaid, rowsReleased, bovengrens, status, prestaties, tariffs) =
                    (r.text(0), r.money(1), r.money(2), r.money(3), r.money(4), r.money(5), r.text(6), r.money(7), r.money(8))
                compare("beschikking.\(id).paid", paid, rowsPaid)
                compare("beschikking.\(id).released", released, rowsReleased)
                guard status == "granted" else { return }
                if max(paid, rowsPaid) + max(released, rowsReleased) > bovengrens {
                    findings.append(InvariantFinding(rule: "paid-released-bovengrens", subject: id,
                                                     message: "paid \(max(paid, rowsPaid)) + released \(max(released, rowsReleased)) exceed the bovengrens as granted \(bovengrens)"))
                }
                if prestaties > bovengrens || tariffs > bovengrens {
                    findings.append(InvariantFinding(rule: "tariffs-bovengrens", subject: id, message: "the tariffs add up to \(max(prestaties, tariffs)), more than the bovengrens \(bovengrens)"))
                }
            }
            findings += try invariantFindings(kept: try keptTotals(), recounted: recounted)
            let (rows, structure) = try rowsAndStructure()
            return LedgerVerification(chain: chain.including(parts.commitmentFinding), differences: differences, findings: findings, rows: rows, schema: schema + structure)
        }
    }

    private func invariantFindings(kept: LedgerTotals, recounted: CeilingStatus) throws(DoorbraakError) -> [InvariantFinding] {
        var findings: [InvariantFinding] = []
        if kept.ceiling > Money.maximum || kept.ceiling <= .zero {
            findings.append(InvariantFinding(rule: "ceiling-setting", subject: "ledger", message: "the ceiling setting \(kept.ceiling) is outside (€ 0,00, \(Money.maximum)]"))
        }
        for (label, committed) in [("kept", kept.committed), ("recounted", recounted.committed)] where committed > min(kept.ceiling, Money.maximum) {
            findings.append(InvariantFinding(rule: "committed-ceiling", subject: "ledger", message: "committed (\(label)) \(committed) exceeds the ceiling \(min(kept.ceiling, Money.maximum))"))
        }
        // Each milestone's state against its claims: the parts paid add up to what it was paid,
        // `reached` below the tariff, `paid` at it, `released` by one missed claim or `round close`.
        try db.each("""
            SELECT m.application_id, m.code, m.status, m.paid_cents, m.tariff_cents,
                   coalesce(c.paid, 0), coalesce(c.missed, 0), c.application_id IS NOT NULL, b.status, b.final_on IS NOT NULL,
                   (SELECT count(*) FROM bovengrens_release r WHERE r.application_id = m.application_id AND r.milestone = m.code AND r.kind = 'close')
            FROM application_milestone m
            LEFT JOIN (SELECT application_id, milestone, sum(CASE WHEN status = 'reached' THEN amount_cents ELSE 0 END) AS paid,
                              sum(status = 'missed') AS missed
                       FROM claim GROUP BY application_id, milestone) c ON c.application_id = m.application_id AND c.milestone = m.code
            LEFT JOIN beschikking b ON b.application_id = m.application_id
            WHERE m.status <> 'expected' OR m.paid_cents <> 0 OR c.application_id IS NOT NULL
            ORDER BY 1, 2
            """, []) { r in
            let (id, code, status, paid, tariff) = (r.text(0), r.text(1), r.text(2), r.money(3), r.money(4))
            let (parts, missed, claimed, beschikking, final, closed) = (r.money(5), r.int(6), r.int(7) == 1, r.optionalText(8), r.int(9) == 1, r.int(10))
            if beschikking != "granted" {
                findings.append(InvariantFinding(rule: "status", subject: id, message: "milestone \(code) is \(status) but the application has no granted beschikking"))
                return
            }
            if paid != parts {
                findings.append(InvariantFinding(rule: "milestone-claim", subject: id, message: "milestone \(code) was paid \(paid), but its parts add up to \(parts)"))
            }
            if paid > tariff {
                findings.append(InvariantFinding(rule: "milestone-tariff", subject: id, message: "milestone \(code) paid \(paid), more than its tariff \(tariff)"))
            }
            let consistent: Bool = switch status {
            case "expected": paid == .zero && missed == 0 && !claimed
            case "reached": paid > .zero && paid < tariff && missed == 0
            case "paid": paid == tariff && missed == 0
            // Released by its missed claim, by `round close`, or (a part paid below the tariff before
            // parts existed, schema version 12 and older) by the final amendment.
            case "released": paid < tariff && (missed + closed == 1 || (missed + closed == 0 && final && paid > .zero))
            default: false
            }
            if !consistent || missed > 1 {
                findings.append(InvariantFinding(rule: "milestone-claim", subject: id, message: "milestone \(code) is \(status) (\(paid) of \(tariff)), but its claims say otherwise (\(missed) missed, \(closed) closed)"))
            }
        }
        // Application and beschikking statuses tell one story (SPEC §5.2).
        let matching = ["requested": "pending", "granted": "granted", "refused": "refused"]
        try db.each("""
            SELECT a.id, a.status, b.status FROM application a LEFT JOIN beschikking b ON b.application_id = a.id
            WHERE a.status IN ('requested', 'granted', 'refused') OR b.status IS NOT NULL ORDER BY a.id
            """, []) { r in
            let (id, application, beschikking) = (r.text(0), r.text(1), r.optionalText(2))
            if matching[application] != beschikking {
                findings.append(InvariantFinding(rule: "status", subject: id, message: "the application is \(application) but its beschikking is \(beschikking ?? "missing")"))
            }
        }
        let orphans = try db.rows("SELECT b.application_id FROM beschikking b LEFT JOIN application a ON a.id = b.application_id WHERE a.id IS NULL", []) { $0.text(0) }
        for id in orphans { findings.append(InvariantFinding(rule: "status", subject: id, message: "a beschikking without its application")) }
        return findings
    }
}

/// The second connection's share of `audit verify`, on a thread of its own: the file's structure
/// (`PRAGMA integrity_check`: every index holding what its table holds; the date-order checks read
/// `audit_event_subject`, and an index edited through an imposter table would otherwise pass
/// unseen — found by an attacker's review), then parts of the row check until none is left. Its
/// read transaction is begun by `beginTogether` before it starts.
final class RowCheckJob: @unchecked Sendable {
    private let store: Store
    private let parts: RowCheckParts
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<[String], DoorbraakError>?
    private let lock = NSLock()
    private var waited = false

    /// For a test: runs on the job's thread after it handed over its result (as a busy machine
    /// may leave that thread, still holding the job, for a while).
    nonisolated(unsafe) static var afterItsResult: (() -> Void)?

    init(_ store: Store, parts: RowCheckParts) {
        self.store = store
        self.parts = parts
    }

    func start() {
        let thread = Thread { [self] in
            let value: Result<[String], DoorbraakError>
            do throws(DoorbraakError) {
                value = .success(try self.run())
            } catch {
                parts.stop()
                value = .failure(error)
            }
            lock.withLock { outcome = value }
            done.signal()
            RowCheckJob.afterItsResult?()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The structure's findings (none when it is sound), after this job's parts of the row check.
    private func run() throws(DoorbraakError) -> [String] {
        var structure: [String] = []
        do throws(DoorbraakError) {
            let lines = try store.db.rows("PRAGMA integrity_check(20)", []) { $0.text(0) }
            if lines != ["ok"] { structure = lines.map { "the file's structure (integrity_check): \($0)" } }
        } catch {
            structure = ["the file's structure (integrity_check) cannot be read: \(error.message)"]
        }
        try store.checkRows(taking: parts)
        return structure
    }

    /// Waits for the job and returns what it found (the same on every call, from one thread).
    func result() -> Result<[String], DoorbraakError> {
        if !waited {
            done.wait()
            waited = true
        }
        return lock.withLock { outcome } ?? .failure(DoorbraakError(.internal, "the row check ended without a result"))
    }
}
