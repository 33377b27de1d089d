import DoorbraakCore

/// One appended audit event (SPEC §3.9).
public struct AuditEvent: Sendable, Equatable {
    /// Position in the chain, 1-based and gap-free.
    public var seq: Int64
    /// Wall-clock time, ISO 8601 UTC.
    public var at: String
    /// The business date (`--today`) the change was made on; nil for an event written before
    /// events recorded it (schema version 10 and older), whose hash is computed without it.
    public var on: String?
    /// Who did it.
    public var actor: String
    /// What was done: `init`, `submit`, `review`, …
    public var action: String
    /// What it was done to: an application id, `round`, `ceiling`.
    public var subject: String
    /// The state before.
    public var before: String
    /// The state after.
    public var after: String
    /// The commitment (`BindingCommitment`) to the rows its transaction wrote, "" when it binds
    /// none (not the last event of its transaction); nil for an event of the older format.
    public var rowsSHA256: String?
    /// The hash of the previous event (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 over this event's fields and `previousHash`.
    public var hash: String

    /// An event.
    public init(seq: Int64, at: String, on: String?, actor: String, action: String, subject: String, before: String, after: String,
                rowsSHA256: String?, previousHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.on = on
        self.actor = actor
        self.action = action
        self.subject = subject
        self.before = before
        self.after = after
        self.rowsSHA256 = rowsSHA256
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash this event must carry: SHA-256 of the fields joined by the unit separator,
    /// which cannot occur in them unnoticed because every field is length-prefixed. An event of
    /// the current format adds its business date and row commitment (both structured fields,
    /// out of reach of any user text); an older one is hashed as it was written.
    public var expectedHash: String {
        var input = EventHashInput(capacity: at.utf8.count + actor.utf8.count + action.utf8.count + subject.utf8.count + before.utf8.count + after.utf8.count + 260)
        input.field(String(seq))
        input.field(at)
        if let on { input.field(on, prefix: "on ") }
        for text in [actor, action, subject, before, after] { input.field(text) }
        if on != nil { input.field(rowsSHA256 ?? "", prefix: "rows ") }
        input.field(previousHash, last: true)
        return SHA256.hex(input.bytes)
    }
}

/// What one write transaction found in order for one business day: subjects whose latest
/// event is dated on or before it, and whether the ledger's latest change is. Only the
/// transaction itself appends events meanwhile, and an event on another day (`appending`)
/// starts it afresh, so what was found stays found. Bounded: past `limit` it starts afresh.
struct SubjectsInOrder {
    private var transaction = -1
    private var day: Day?
    private var subjects = Set<ExactText>()
    /// The ledger's latest change is dated on or before `day`.
    private var ledger = false
    static let limit = 50_000

    /// Whether this holds for `day` in the open transaction.
    private func holds(on day: Day, in db: Database) -> Bool {
        db.inTransaction && transaction == db.transactionNumber && self.day == day
    }

    func contains(_ subject: String, on day: Day, in db: Database) -> Bool { holds(on: day, in: db) && subjects.contains(ExactText(subject)) }

    func ledgerInOrder(on day: Day, in db: Database) -> Bool { holds(on: day, in: db) && ledger }

    /// Starts afresh unless it holds for `day` (and has room).
    private mutating func use(_ day: Day, in db: Database) -> Bool {
        guard db.inTransaction else { return false }
        if !holds(on: day, in: db) || subjects.count >= SubjectsInOrder.limit {
            transaction = db.transactionNumber
            self.day = day
            subjects.removeAll(keepingCapacity: true)
            ledger = false
        }
        return true
    }

    mutating func insert(_ subject: String, on day: Day, in db: Database) {
        if use(day, in: db) { subjects.insert(ExactText(subject)) }
    }

    mutating func insertLedger(on day: Day, in db: Database) {
        if use(day, in: db) { ledger = true }
    }

    /// An event dated `day` is appended: what was found for another day no longer counts.
    mutating func appending(on day: Day, in db: Database) { _ = use(day, in: db) }
}

/// The append-only, hash-chained audit log. Events are appended inside the caller's write
/// transaction, so an event exists exactly when its change does; the last event of a
/// transaction is written at COMMIT and binds every row the transaction wrote (`row_binding`).
public enum AuditLog {
    /// The previous-hash of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// How many written rows a transaction keeps in memory before its held event binds them.
    static let bindingBatch = 20_000

    /// How many bytes of written rows' images a transaction keeps before its held event binds
    /// them: an application's image can hold some 3 KB of text, so 20,000 of them would pass the
    /// 64 MB an import may use.
    nonisolated(unsafe) static var bindingBytes = 8 << 20

    static let columns = "seq, at, on_day, actor, action, subject, before, after, rows_sha256, prev_hash, hash"
    /// Written once, not interpolated for every event (issue 21).
    private static let insertEvent = "INSERT INTO audit_event (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// Appends one event; must run inside a write transaction. The event is held until the next
    /// event or the COMMIT (`seal`), so the last event of a transaction can bind its rows.
    public static func append(in db: Database, _ context: AuditContext, action: String, subject: String, before: String, after: String) throws(DoorbraakError) {
        guard db.inTransaction, db.rowCapture != nil else {
            throw DoorbraakError(.internal, "an audit event outside a write transaction of a bound store")
        }
        // A large transaction (an import) binds its rows in parts, so the keys kept in memory
        // stay few: the held event binds what was written up to now (the newest binding of a
        // row is what counts, so a row written again later is bound again later).
        if let (_, held) = db.pendingEvent, let capture = db.rowCapture,
           capture.count >= AuditLog.bindingBatch || capture.capturedBytes >= AuditLog.bindingBytes {
            try writePending(in: db, rowsSHA256: try db.bindTouchedRows(to: held.seq))
        } else {
            try writePending(in: db, rowsSHA256: "")
        }
        db.subjectsInOrder.appending(on: context.today, in: db)
        // Once per transaction (it was meant to be, but keyed on a chain head every write
        // transaction loads first, so it never ran: a business-date review dated `party add`
        // before init).
        if db.openedCheckedIn != db.transactionNumber {
            try requireRoundOpenedBy(context.today, in: db)
            db.openedCheckedIn = db.transactionNumber
        }
        // Once per transaction, under its write lock: the key a signed file's signature was
        // checked with is still the one registered for its signer.
        if let signer = db.signer, db.signerCheckedIn != db.transactionNumber {
            let key = try db.cached("SELECT public_key FROM party WHERE role = ? AND id = ?")
                .rowValue([.text(signer.party.role.rawValue), .text(signer.party.id)], { r in r.optionalText(0) }) ?? nil
            try PartySignature.requireStillRegistered(signer.party, key: key, verified: signer.line)
            db.signerCheckedIn = db.transactionNumber
        }
        let (seq, head) = try head(ofTransactionIn: db)
        try requireInOrder(in: db, subject: subject, on: context.today)
        guard seq < Int64.max - 1 else {
            throw DoorbraakError(.audit, "the audit chain records \(seq) events, a count no doorbraak command writes; run `doorbraak audit verify`")
        }
        db.rowCapture?.sinceEvent = 0
        let event = AuditEvent(seq: seq + 1, at: context.at, on: context.today.description, actor: context.actor, action: action, subject: subject,
                               before: before, after: after, rowsSHA256: nil, previousHash: head, hash: "")
        db.pendingEvent = (db.transactionNumber, event)
    }

    /// `E-DATE` when `subject`'s latest event is dated after `day` (SPEC §3.9): the trail of a
    /// subject reads forward in business time. One indexed lookup; an event of the older format
    /// (no business date) does not count.
    /// Within one write transaction a subject found in order for `day` stays so: only this
    /// transaction appends events, each checked the same way (issue 21: a review import asked
    /// twice per application, a claim twice per claim).
    public static func requireInOrder(in db: Database, subject: String, on day: Day) throws(DoorbraakError) {
        if db.subjectsInOrder.contains(subject, on: day, in: db) { return }
        try hold(subject, latest: try latestBusinessDate(of: subject, in: db), on: day, in: db)
    }

    /// The business date of `subject`'s latest event as written (nil: none, or of the older
    /// format, without one). One indexed lookup.
    static func latestBusinessDate(of subject: String, in db: Database) throws(DoorbraakError) -> String? {
        try db.cached("SELECT on_day FROM audit_event WHERE subject = ? ORDER BY seq DESC LIMIT 1")
            .rowValue([.text(subject)], { r in r.optionalText(0) }) ?? nil
    }

    /// `E-DATE` when `subject`'s latest event, dated `latest` (nil: none, or of the older format),
    /// lies after `day`; else the subject is found in order for `day` in this transaction.
    private static func hold(_ subject: String, latest: String?, on day: Day, in db: Database) throws(DoorbraakError) {
        if let latest, let latestDay = try? Day(parsing: latest) {
            try DateOrder.change(on: day, subject: subject, latest: latestDay)
        }
        db.subjectsInOrder.insert(subject, on: day, in: db)
    }

    /// `requireInOrder` for many subjects at once (a chunk of `nza decide --all`): one statement
    /// instead of one per subject.
    public static func requireInOrder(in db: Database, subjects: [String], on day: Day) throws(DoorbraakError) {
        try latestBusinessDates(of: subjects, on: day, in: db) { subject, latest throws(DoorbraakError) in try hold(subject, latest: latest, on: day, in: db) }
    }

    /// Finds which of `subjects` are in order for `day` at once (a chunk of a CSV import: one
    /// statement instead of one per subject) and keeps them so; a subject that is not is left
    /// to the row that names it, which meets its own `E-DATE` (`requireInOrder`).
    public static func noteInOrder(in db: Database, subjects: [String], on day: Day) throws(DoorbraakError) {
        try latestBusinessDates(of: subjects, on: day, in: db) { subject, latest throws(DoorbraakError) in
            do throws(DoorbraakError) { try hold(subject, latest: latest, on: day, in: db) } catch where error.code == .date {}
        }
    }

    /// Calls `body` with each of `subjects` not yet found in order for `day` and the business
    /// date of its latest event as written (see `latestBusinessDate`), in one statement.
    private static func latestBusinessDates(of subjects: [String], on day: Day, in db: Database,
                                            _ body: (String, String?) throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        let open = subjects.filter { !db.subjectsInOrder.contains($0, on: day, in: db) }
        guard !open.isEmpty else { return }
        try db.cached("SELECT j.value, (SELECT on_day FROM audit_event WHERE subject = j.value ORDER BY seq DESC LIMIT 1) FROM json_each(?1) j")
            .each([.text(SQLValue.jsonArray(open.map { .text($0) }))]) { r throws(DoorbraakError) in try body(r.text(0), r.optionalText(1)) }
    }

    /// `E-DATE` when `day` precedes the day the round was opened (`init`): nothing happens in a
    /// round before it exists. Checked once per transaction.
    static func requireRoundOpenedBy(_ day: Day, in db: Database) throws(DoorbraakError) {
        guard let text = try db.cached("SELECT created_on FROM round WHERE id = 1").rowValue([], { r in r.text(0) }),
              let opened = try? Day(parsing: text) else { return }
        try DateOrder.require(day, notBefore: opened, "a change", follows: "the opening of the round (init)")
    }

    /// `E-DATE` when `day` precedes the latest change of the kept totals (the ledger row, as its
    /// newest binding dates it): a request, a decision, a payout, a release or a withdrawal of a
    /// request is not dated before one already made, so no one can slip in behind the ceiling
    /// sweep or use room freed later. One indexed lookup.
    /// Found once per write transaction and day (see `SubjectsInOrder`).
    public static func requireLedgerInOrder(in db: Database, on day: Day) throws(DoorbraakError) {
        if db.subjectsInOrder.ledgerInOrder(on: day, in: db) { return }
        if let text = try db.cached("""
            SELECT e.on_day FROM row_binding r JOIN audit_event e ON e.seq = r.seq WHERE r.tbl = 'ledger' AND r.key = '1' ORDER BY r.seq DESC LIMIT 1
            """).rowValue([], { r in r.optionalText(0) }) ?? nil, let latest = try? Day(parsing: text) {
            try DateOrder.require(day, notBefore: latest, "a request, decision, payout or release", follows: "the latest change to the macro ceiling's totals (granted, pending, paid, released)")
        }
        db.subjectsInOrder.insertLedger(on: day, in: db)
    }

    /// The latest business date in the chain (nil before the first dated event): for the board's
    /// acts on the whole round, an upgrade's date, and a report looking at an earlier day.
    public static func latestBusinessDay(in db: Database) throws(DoorbraakError) -> Day? {
        guard let text = try db.row("SELECT max(on_day) FROM audit_event", [], { $0.optionalText(0) }) ?? nil else { return nil }
        return try? Day(parsing: text)
    }

    /// `E-DATE` when `day` precedes the latest business date in the chain: for the board's rare
    /// acts on the whole round (the bar, the allocation, a reallocation), which rest on everything
    /// recorded so far. Scans the chain's dates once (read from the table: no index content is
    /// trusted for it).
    public static func requireAfterEverything(in db: Database, on day: Day, _ what: String) throws(DoorbraakError) {
        guard let latest = try latestBusinessDay(in: db), day < latest else { return }
        // Name that change, so the board sees what it would precede.
        let change = try db.row("SELECT seq, action, subject FROM audit_event WHERE on_day = ? ORDER BY seq DESC LIMIT 1", [.text(latest.description)]) { r in
            "event \(r.int64(0)): \(r.text(1)) \(r.text(2))"
        }
        try DateOrder.require(day, notBefore: latest, what, follows: "the latest recorded change of the round" + (change.map { " (\($0))" } ?? ""))
    }

    /// The newest event (seq, hash) as `db` reads it; (0, genesis) before the first.
    static func lastEvent(in db: Database) throws(DoorbraakError) -> (Int64, String) {
        try db.cached("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").rowValue([]) { r in (r.int64(0), r.text(1)) } ?? (0, genesis)
    }

    /// The head (seq, hash) as this transaction has it. The first time in a transaction, the head
    /// kept in the ledger must be the last event (one indexed read): a head edited outside
    /// doorbraak would chain the next event to nothing, or collide with an event.
    static func head(ofTransactionIn db: Database) throws(DoorbraakError) -> (Int64, String) {
        if let cached = db.currentChainHead() { return (cached.seq, cached.hash) }
        let last = try lastEvent(in: db)
        guard let row = try db.cached("SELECT audit_seq, audit_head FROM ledger WHERE id = 1").rowValue([], { r in (r.int64(0), r.text(1)) }) else {
            // Only `init` writes before the ledger row exists: into an empty chain.
            if last.0 == 0 { return last }
            throw DoorbraakError.missingRow("ledger", in: db)
        }
        guard last == row else {
            throw DoorbraakError(.audit, "the chain head kept in the ledger (event \(row.0)) is not the last audit event (\(last.0)): the database was edited outside doorbraak; nothing is written (run `doorbraak audit verify`)")
        }
        db.chainHead = AuditChainHead(transaction: db.transactionNumber, seq: row.0, hash: row.1, dirty: false)
        return row
    }

    /// Writes the held event with `rowsSHA256`, hashed onto the chain.
    private static func writePending(in db: Database, rowsSHA256: String) throws(DoorbraakError) {
        guard let (transaction, held) = db.pendingEvent else { return }
        db.pendingEvent = nil
        guard transaction == db.transactionNumber, db.inTransaction else { return }
        var event = held
        event.rowsSHA256 = rowsSHA256
        event.hash = event.expectedHash
        try db.cached(insertEvent).run(
                   [.integer(event.seq), .text(event.at), .optionalText(event.on), .text(event.actor), .text(event.action), .text(event.subject),
                    .text(event.before), .text(event.after), .optionalText(event.rowsSHA256), .text(event.previousHash), .text(event.hash)])
        // The ledger row gets the head once, before COMMIT (see `AuditChainHead`).
        db.chainHead = AuditChainHead(transaction: db.transactionNumber, seq: event.seq, hash: event.hash, dirty: true)
    }

    /// At COMMIT: the transaction's last event binds every row the transaction wrote. A
    /// transaction that wrote rows without any event is refused: no change goes unrecorded.
    static func seal(in db: Database) throws(DoorbraakError) {
        guard db.inTransaction else { return }
        if let (transaction, event) = db.pendingEvent, transaction == db.transactionNumber {
            try writePending(in: db, rowsSHA256: try db.bindTouchedRows(to: event.seq))
        } else if db.transactionWroteRows() {
            throw DoorbraakError(.internal, "a change without an audit event; nothing was stored")
        }
    }

    /// The events, all or those of one subject, in order.
    /// Narrowed by any of: subject, actor (a part of the actor's name, case-blind), action, and
    /// business dates from and to (inclusive).
    public static func events(in db: Database, subject: String? = nil, actor: String? = nil, action: String? = nil,
                              from: Day? = nil, to: Day? = nil, seq: Int64? = nil) throws(DoorbraakError) -> [AuditEvent] {
        var conditions: [String] = []
        var parameters: [SQLValue] = []
        if let seq { conditions.append("seq = ?"); parameters.append(.integer(seq)) }
        if let subject { conditions.append("subject = ?"); parameters.append(.text(subject)) }
        if let actor { conditions.append("instr(lower(actor), lower(?)) > 0"); parameters.append(.text(actor)) }
        if let action { conditions.append("action = ?"); parameters.append(.text(action)) }
        if let from { conditions.append("on_day >= ?"); parameters.append(.text(from.description)) }
        if let to { conditions.append("on_day <= ?"); parameters.append(.text(to.description)) }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try db.rows("SELECT \(columns) FROM audit_event" + filter + " ORDER BY seq", parameters, event(from:))
    }

    /// The events of `shown` that are not as they were chained: an event whose hash is not the
    /// hash of its content, or that the next event does not chain to (one indexed read per
    /// event). For the views of the trail (`audit log`, `application show`; an attacker's review:
    /// an edited `after` was shown as fact). This proves the events shown, not the whole chain:
    /// whoever rewrites every event after one, hashes recomputed, is caught by `audit verify
    /// --head` only.
    /// The next event is read whole: one deleted (the trail would skip it) or moved to another
    /// subject (its hash no longer its content's) is named by its number, though not shown (an
    /// attacker's review: a deleted or relabelled event was left out of the trail without a word).
    /// An event of the subject moved away that is not next to one shown is caught by `audit verify`.
    /// A next event that is shown itself is taken from `shown` (its own hash is checked as one of
    /// them), not read and hashed a second time.
    /// The event before each shown one is read too (a third review: an event deleted or moved
    /// away just before a shown one left the trail without a word), and the count the ledger keeps
    /// is held against the last event in the table (the newest event deleted: the trail was one
    /// event shorter, exit 0).
    public static func unchained(_ shown: [AuditEvent], in db: Database) throws(DoorbraakError) -> [Int64] {
        let last = try latestSeq(in: db)
        let bySeq = Dictionary(shown.map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
        var broken = Set<Int64>()
        if let (kept, head) = try db.row("SELECT audit_seq, audit_head FROM ledger WHERE id = 1", [], { r in (r.int64(0), r.text(1)) }), kept > last {
            // The newest event deleted, or the count edited: the kept head tells them apart (the
            // long shown-rows suite: an edited count was worded as an event not chained).
            if let newest = try events(in: db, seq: last).first, newest.hash == head, newest.hash == newest.expectedHash {
                throw DoorbraakError(.ledger, "the audit trail is not shown: ledger 1: audit_seq is \(kept), but the newest event, \(last), is the chain head the ledger keeps — the count was changed outside doorbraak (see `doorbraak audit verify`)")
            }
            broken.insert(last &+ 1)
        }
        for event in shown {
            if event.hash != event.expectedHash {
                broken.insert(event.seq)
            }
            if event.seq == 1 {
                if event.previousHash != genesis { broken.insert(event.seq) }
            } else if event.seq > 1 {
                var previous = bySeq[event.seq &- 1]
                if previous == nil { previous = try events(in: db, seq: event.seq &- 1).first }
                if let previous {
                    if previous.hash != previous.expectedHash { broken.insert(previous.seq) } else if event.previousHash != previous.hash { broken.insert(event.seq) }
                } else {
                    broken.insert(event.seq &- 1)
                }
            }
            guard event.seq < last else { continue }
            if let following = bySeq[event.seq &+ 1] {
                if following.previousHash != event.hash { broken.insert(event.seq) }
                continue
            }
            guard let following = try events(in: db, seq: event.seq &+ 1).first else {
                broken.insert(event.seq &+ 1)
                continue
            }
            if following.previousHash != event.hash {
                broken.insert(event.seq)
            } else if following.hash != following.expectedHash {
                broken.insert(following.seq)
            }
        }
        return broken.sorted()
    }

    /// The events `events` finds, refused with `E-AUDIT` when one of them is not as it was
    /// chained (`unchained`): for a view that shows the trail beside other things.
    public static func checkedEvents(in db: Database, subject: String? = nil) throws(DoorbraakError) -> [AuditEvent] {
        try db.readTransaction { () throws(DoorbraakError) -> [AuditEvent] in
            let shown = try events(in: db, subject: subject)
            if let seq = try unchained(shown, in: db).first {
                var error = DoorbraakError(.audit, "the audit trail is not shown: event \(seq) is not what was chained (see `doorbraak audit log` and `doorbraak audit verify`)")
                // The event as a row for `--json` (`"row": {"table": "audit_event", …, "event": N}`).
                error.row = RowFinding(table: "audit_event", key: String(seq), change: .changed, seq: seq)
                throw error
            }
            return shown
        }
    }

    /// The number of the last event (0 when there is none).
    public static func latestSeq(in db: Database) throws(DoorbraakError) -> Int64 {
        try db.row("SELECT coalesce(max(seq), 0) FROM audit_event", []) { r in r.int64(0) } ?? 0
    }

    /// The actions the chain holds, for a "did you mean".
    public static func actions(in db: Database) throws(DoorbraakError) -> [String] {
        try db.rows("SELECT DISTINCT action FROM audit_event ORDER BY action", []) { $0.text(0) }
    }

    /// The actions doorbraak writes: asking the log for one that has not happened yet is an empty
    /// answer, not a usage error (a newcomer's try: `--action nza-decide-all` on a round whose
    /// decisions never took more than one transaction).
    public static let writtenActions: Set<String> = [
        "init", "party", "party-key", "submit", "replace", "review", "revise", "bar", "allocate", "reallocate", "withdraw",
        "nza-request", "nza-decide", "nza-decide-all", "payout", "refuse-claim", "release", "final", "close", "cost", "measurement", "bind",
    ]

    /// The event at `seq`, or nil.
    public static func event(in db: Database, seq: Int64) throws(DoorbraakError) -> AuditEvent? {
        try db.cached("SELECT \(columns) FROM audit_event WHERE seq = ?").rowValue([.integer(seq)], event(from:))
    }

    static func event(from r: Row) -> AuditEvent {
        AuditEvent(seq: r.int64(0), at: r.text(1), on: r.optionalText(2), actor: r.text(3), action: r.text(4), subject: r.text(5),
                   before: r.text(6), after: r.text(7), rowsSHA256: r.optionalText(8), previousHash: r.text(9), hash: r.text(10))
    }

    /// The outcome of `verify`.
    public struct Verification: Sendable, Equatable {
        /// Events checked.
        public var events: Int
        /// The first event that is edited, missing or out of place; nil when the chain holds.
        public var firstBad: Int64?
        /// Why it is bad.
        public var reason: String?
        /// Whether the chain holds.
        public var ok: Bool { firstBad == nil }
        /// Whether the first bad event lies past the chain's last one: the chain ends before the
        /// anchor (or the ledger's head) says it should, so no event of it is to blame.
        public var endsEarly: Bool { (firstBad ?? 0) > Int64(events) && events > 0 }

        /// A verification result.
        public init(events: Int, firstBad: Int64?, reason: String?) {
            self.events = events
            self.firstBad = firstBad
            self.reason = reason
        }
    }

    /// The head of the chain as kept in the ledger: the anchor to keep outside the database.
    public static func head(in db: Database) throws(DoorbraakError) -> ChainAnchor {
        try db.flushChainHead()
        guard let anchor = try db.row("SELECT audit_seq, audit_head FROM ledger WHERE id = 1", [], { r in ChainAnchor(events: r.int64(0), hash: r.text(1)) }) else {
            throw DoorbraakError.missingRow("ledger", in: db)
        }
        return anchor
    }

    /// Walks the chain in one read snapshot: every event must follow its predecessor (seq + 1,
    /// previous hash), carry its own hash, and the last must match the head kept in the ledger,
    /// so an edit, a deletion (also of the last event) and a reordering are all caught. With an
    /// `anchor` taken earlier (`audit head`), event `anchor.events` must carry the anchor's hash:
    /// that catches a cut-off tail with a fixed head and a rewrite with recomputed hashes, which
    /// the chain alone cannot (anyone with write access can recompute every hash).
    /// Each event must carry the commitment recomputed from `row_binding` for the rows it bound
    /// ("" when it bound none): `verifyCommitments`.
    public static func verify(in db: Database, anchor: ChainAnchor? = nil) throws(DoorbraakError) -> Verification {
        try db.flushChainHead()
        return try db.readTransaction { () throws(DoorbraakError) -> Verification in
            try walk(in: db, anchor: anchor).including(try verifyCommitments(in: db))
        }
    }

    /// The chain walk of `verify`, without the commitments: inside the caller's read transaction.
    static func walk(in db: Database, anchor: ChainAnchor?) throws(DoorbraakError) -> Verification {
        let statement = try db.prepare("SELECT \(columns) FROM audit_event ORDER BY seq")
        var expectedSeq: Int64 = 1
        var previous = genesis
        var count = 0
        var anchorSeen = anchor?.events == 0
        var currentFormat = false
        if let anchor, anchor.events == 0, anchor.hash != genesis {
            return Verification(events: 0, firstBad: 1, reason: "the anchor 0:… must carry the genesis hash of 64 zeros")
        }
        // Each event is hashed from SQLite's buffers, as `AuditEvent.expectedHash` hashes its
        // fields (a test holds the two to the same hashes), without a String per field.
        var input = EventHashInput(capacity: 4096)
        var previousBytes = Array(genesis.utf8)
        while try statement.step() {
            let r = Row(statement: statement)
            let seq = r.int64(0)
            count += 1
            if seq != expectedSeq {
                return Verification(events: count, firstBad: min(seq, expectedSeq), reason: "event \(expectedSeq) is missing or out of place")
            }
            if !previousBytes.withUnsafeBytes({ RowImage.sameBytes(r.rawText(9), $0) }) {
                return Verification(events: count, firstBad: seq, reason: "event \(seq) does not follow event \(seq - 1): its previous hash differs")
            }
            let dated = !r.isNull(2)
            input.fill(row: r, dated: dated)
            var hasher = SHA256()
            hasher.update(input.bytes)
            let hash = hasher.finalizeHexBytes()
            if !hash.withUnsafeBytes({ RowImage.sameBytes(r.rawText(10), $0) }) {
                return Verification(events: count, firstBad: seq, reason: "event \(seq) was changed after it was written: its hash does not match its content")
            }
            if !dated, currentFormat {
                return Verification(events: count, firstBad: seq, reason: "event \(seq) has no business date after events that have one: it was written outside doorbraak")
            }
            currentFormat = currentFormat || dated
            if let anchor, seq == anchor.events {
                guard hash.elementsEqual(anchor.hash.utf8) else {
                    return Verification(events: count, firstBad: seq, reason: "event \(seq) does not carry the hash of the anchor \(anchor.events):\(anchor.hash.prefix(12))…: the chain up to the anchor was rewritten, or the anchor was copied wrong — compare it with the one kept outside the database")
                }
                anchorSeen = true
            }
            previousBytes = hash
            expectedSeq += 1
        }
        previous = String(decoding: previousBytes, as: UTF8.self)
        if let anchor, !anchorSeen {
            return Verification(events: count, firstBad: expectedSeq, reason: "the chain holds \(count) events but the anchor was taken at \(anchor.events): events were cut off, or the anchor is not this database's")
        }
        guard let (headSeq, headHash) = try db.row("SELECT audit_seq, audit_head FROM ledger WHERE id = 1", [], { r in (r.int64(0), r.text(1)) }) else {
            return Verification(events: count, firstBad: 1, reason: "the ledger row that keeps the chain head is missing")
        }
        if headSeq != expectedSeq - 1 || headHash != previous {
            // The head's hash is the last event's: the count alone was changed.
            let why = headHash == previous ? "the ledger's count (audit_seq) was changed outside doorbraak, its head hash is the last event's"
                : "events at the end were deleted or changed"
            return Verification(events: count, firstBad: expectedSeq, reason: "the chain ends at event \(expectedSeq - 1) but the ledger records \(headSeq) events: \(why)")
        }
        return Verification(events: count, firstBad: nil, reason: nil)
    }

    /// An event whose recorded commitment is not the one its bindings give, or a binding of an
    /// event the chain does not have (`verifyCommitments`).
    struct CommitmentFinding: Sendable, Equatable {
        /// The event to report as the first bad one.
        var firstBad: Int64
        /// Why.
        var reason: String
    }

    /// How many events' commitments one pass over `row_binding` recomputes at once: about 250
    /// bytes each (a hasher, the commitment recorded, its place), so 12 MB at most; a pass over
    /// the bench's 1.9 million bindings takes under a second.
    static let commitmentWindow = 50_000

    /// Every event's recorded commitment against the one recomputed from `row_binding`; no event
    /// that records none (older format, or not the last of its transaction) may have bindings, and
    /// no binding may name an event the chain does not have. Returns the lowest event that fails,
    /// or nil. Inside the caller's read transaction.
    ///
    /// `row_binding` is read in its own key order (table, key, event), in which the bindings of any
    /// one event follow each other in (table, key) order — the order its commitment covers — so
    /// each event's commitment is hashed as the scan passes, one hasher per event, with no sort by
    /// event (SQLite's external sort was a third of `audit verify`). A pass keeps the hashers of
    /// `window` events that record a commitment; a chain with more such events takes more passes.
    static func verifyCommitments(in db: Database, window: Int = commitmentWindow) throws(DoorbraakError) -> CommitmentFinding? {
        let lastEvent = try db.row("SELECT max(seq) FROM audit_event", []) { $0.isNull(0) ? 0 : $0.int64(0) } ?? 0
        let guarded = try GuardedTable.all(in: db)
        let chain = try db.prepare("SELECT seq, rows_sha256, on_day IS NOT NULL, action FROM audit_event WHERE seq > ?1 ORDER BY seq")
        let bindings = try db.prepare("SELECT seq, tbl, key, image FROM row_binding ORDER BY tbl, key, seq")
        var after = Int64.min
        while true {
            // The window: the next `window` events that record a commitment, each with the actions
            // of its transaction (the events since the one before it that records one), and the
            // range of events (after, upTo] whose bindings this pass answers for.
            var events: [Int64] = []
            var expected: [String] = []
            var actions: [Set<String>] = []
            var since = Set<String>()
            var lastAction: [UInt8] = [] // most events repeat the action before them: no String for those
            try chain.bind([.integer(after)])
            while events.count < window, try chain.step() {
                let r = Row(statement: chain)
                let action = r.rawText(3)
                if since.isEmpty || !lastAction.withUnsafeBytes({ RowImage.sameBytes($0, action) }) {
                    lastAction = Array(action)
                    since.insert(String(decoding: action, as: UTF8.self))
                }
                guard r.int(2) == 1, !r.isNull(1), r.rawText(1).count > 0 else { continue }
                events.append(r.int64(0))
                expected.append(r.text(1))
                actions.append(since)
                since.removeAll(keepingCapacity: true)
            }
            chain.reset()
            let upTo = events.count < window ? Int64.max : events[events.count - 1]
            var position: [Int64: Int] = [:]
            position.reserveCapacity(events.count)
            for (i, seq) in events.enumerated() { position[seq] = i }
            var hashers = [BindingCommitment](repeating: BindingCommitment(), count: events.count)
            var unrecorded: Int64?
            var finding: CommitmentFinding?
            var previous = PreviousBinding(guarded: guarded)
            while try bindings.step() {
                let r = Row(statement: bindings)
                let seq = r.int64(0)
                let (table, key) = (r.rawText(1), r.rawText(2))
                let image: UnsafeRawBufferPointer? = r.isNull(3) ? nil : r.rawBlob(3)
                defer { previous.take(seq: seq, table: table, key: key, image: image) }
                guard seq > after, seq <= upTo else { continue }
                guard let i = position[seq] else {
                    if unrecorded.map({ seq < $0 }) ?? true { unrecorded = seq }
                    continue
                }
                hashers[i].add(table: table, key: key, image: image)
                if let image, finding.map({ seq < $0.firstBad }) ?? true,
                   let reason = previous.forbiddenChange(ofSame: table, key, to: image, at: seq, actions: actions[i]) {
                    finding = CommitmentFinding(firstBad: seq, reason: reason)
                }
            }
            bindings.reset()
            if let i = hashers.indices.first(where: { hashers[$0].isEmpty || hashers[$0].hex != expected[$0] }), finding.map({ events[i] < $0.firstBad }) ?? true {
                finding = CommitmentFinding(firstBad: events[i], reason: "the rows bound to event \(events[i]) are not the rows it recorded: row_binding was edited")
            }
            if let seq = unrecorded {
                let stray = seq < 1 || seq > lastEvent
                // Saturating: a hostile chain may end at Int64.max (an attacker's review trapped here).
                let first = seq < 1 ? 1 : min(seq, lastEvent == Int64.max ? lastEvent : lastEvent + 1)
                if finding.map({ first < $0.firstBad }) ?? true {
                    finding = CommitmentFinding(firstBad: first, reason: stray
                        ? "row_binding holds rows bound to event \(seq), which the chain does not have"
                        : "the rows bound to event \(seq) are not the rows it recorded: row_binding was edited")
                }
            }
            if finding != nil || upTo == Int64.max { return finding }
            after = upTo
        }
    }

    /// A bound table with columns `KeptChangeRules` guards, and their places in its images.
    private struct GuardedTable {
        let table: BoundTable
        let columns: [(index: Int, name: String)]
        /// The place of the status column, when its changes are held to `KeptChangeRules.statusSteps`.
        let status: Int?

        static func all(in db: Database) throws(DoorbraakError) -> [String: GuardedTable] {
            var out: [String: GuardedTable] = [:]
            for table in try BoundTable.all(in: db) where KeptChangeRules.guards[table.name] != nil {
                let columns = table.columns.enumerated().filter { KeptChangeRules.actions(table: table.name, column: $0.element) != nil }
                out[table.name] = GuardedTable(table: table, columns: columns.map { (index: $0.offset, name: $0.element) },
                                               status: KeptChangeRules.statusSteps[table.name] == nil ? nil : table.columns.firstIndex(of: "status"))
            }
            return out
        }
    }

    /// The binding before the current one in `row_binding`'s key order, kept for the next: when
    /// both bind the same row, the two images tell what the later event's transaction changed.
    /// Only rows of tables with guarded columns (`KeptChangeRules`) keep their image.
    private struct PreviousBinding {
        let guarded: [String: GuardedTable]
        private var table: [UInt8] = []
        private var rules: GuardedTable?
        private var key: [UInt8] = []
        private var bytes: [UInt8] = []
        private var hasImage = false
        private var seq: Int64 = 0
        private var before: [Range<Int>] = []
        private var after: [Range<Int>] = []

        init(guarded: [String: GuardedTable]) { self.guarded = guarded }

        /// Why the change from the binding before (when it bound the same row) to `image`, bound
        /// by event `seq` whose transaction had `actions`, is one no command makes; nil when each
        /// guarded column that changed may be changed by one of `actions`. The columns are
        /// compared as bytes; a finding decodes the two images to name the values.
        mutating func forbiddenChange(ofSame table: UnsafeRawBufferPointer, _ key: UnsafeRawBufferPointer, to image: UnsafeRawBufferPointer,
                                      at seq: Int64, actions: Set<String>) -> String? {
            guard hasImage, let rules, self.key.withUnsafeBytes({ RowImage.sameBytes($0, key) }),
                  self.table.withUnsafeBytes({ RowImage.sameBytes($0, table) }) else { return nil }
            let (spansBefore, spansAfter) = bytes.withUnsafeBytes { old in
                (RowImage.fieldSpans(of: old, into: &before), RowImage.fieldSpans(of: image, into: &after))
            }
            // Images of another schema version (fewer columns) are compared by the upgrade's own check.
            guard spansBefore, spansAfter, before.count == after.count, after.count == rules.table.columns.count else { return nil }
            var forbidden: String?
            bytes.withUnsafeBytes { old in
                for (index, name) in rules.columns where forbidden == nil {
                    let (b, a) = (before[index], after[index])
                    if !RowImage.sameBytes(UnsafeRawBufferPointer(rebasing: old[b]), UnsafeRawBufferPointer(rebasing: image[a])),
                       !KeptChangeRules.allows(table: rules.table.name, column: name, actions: actions) {
                        forbidden = name
                    }
                }
            }
            /// The finding: what event `seq` bound, what the event before bound, and why no command makes it.
            func finding(_ column: String, _ found: String, _ expected: String, _ why: String) -> String {
                let row = RowKey.display(String(decoding: key, as: UTF8.self), count: rules.table.key.count)
                return "event \(seq) (\(actions.sorted().joined(separator: ", "))) bound \(rules.table.name) \(row) with \(column) \(found), where event \(self.seq) bound \(expected): "
                    + why + " — the row and its binding were edited before event \(seq)"
            }
            if forbidden == nil, let index = rules.status {
                let (statusBefore, statusAfter) = bytes.withUnsafeBytes { old in
                    (RowImage.text(ofField: UnsafeRawBufferPointer(rebasing: old[before[index]])), RowImage.text(ofField: UnsafeRawBufferPointer(rebasing: image[after[index]])))
                }
                if let from = statusBefore, let to = statusAfter, !KeptChangeRules.allowsStatus(table: rules.table.name, from: from, to: to, actions: actions) {
                    return finding("status", to, from, "no step of these commands leads from \(from) to \(to)")
                }
            }
            guard let column = forbidden,
                  let difference = RowImage.differences(columns: rules.table.columns, expected: RowImage(bytes: bytes), found: RowImage(bytes: Array(image)))
                    .first(where: { $0.column == column }) else { return nil }
            let allowed = (KeptChangeRules.actions(table: rules.table.name, column: column) ?? []).sorted().joined(separator: " or ")
            return finding(column, difference.found, difference.expected, allowed.isEmpty ? "no command changes it" : "only \(allowed) changes it")
        }

        /// Keeps this binding for the next.
        mutating func take(seq: Int64, table: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, image: UnsafeRawBufferPointer?) {
            self.seq = seq
            hasImage = false
            if !self.table.withUnsafeBytes({ RowImage.sameBytes($0, table) }) {
                self.table = Array(table)
                rules = guarded[String(decoding: table, as: UTF8.self)]
            }
            guard let image, rules != nil else { return }
            self.key.removeAll(keepingCapacity: true)
            self.key.append(contentsOf: key)
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: image)
            hasImage = true
        }
    }
}

extension AuditLog.Verification {
    /// This walk's outcome with the commitments' (`AuditLog.verifyCommitments`): the lower first
    /// bad event wins, the walk's at a tie.
    func including(_ commitment: AuditLog.CommitmentFinding?) -> AuditLog.Verification {
        guard let commitment, firstBad.map({ commitment.firstBad < $0 }) ?? true else { return self }
        return AuditLog.Verification(events: min(events, Int(commitment.firstBad)), firstBad: commitment.firstBad, reason: commitment.reason)
    }
}

/// The bytes an event's hash covers: each field as its length in decimal, a colon and its bytes,
/// fields joined by the unit separator; a dated event adds "on " + its date and "rows " + its
/// commitment. Built from an event's Strings (`AuditEvent.expectedHash`) or straight from
/// SQLite's buffers (`AuditLog.verify`), the same way.
struct EventHashInput {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// One field: its length (the prefix's included), a colon, the prefix and the field's bytes,
    /// then the unit separator unless it is the last.
    mutating func field(_ raw: UnsafeRawBufferPointer, prefix: StaticString = "", last: Bool = false) {
        appendDecimal(prefix.utf8CodeUnitCount + raw.count)
        bytes.append(0x3A)
        bytes.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        bytes.append(contentsOf: raw)
        if !last { bytes.append(0x1F) }
    }

    /// A number's decimal digits, without a String for them (the walk hashes a million events).
    private mutating func appendDecimal(_ number: Int) { DecimalDigits.append(Int64(number), to: &bytes) }

    /// A field that is a number, as its decimal digits.
    mutating func field(number: Int64) {
        guard number >= 0 else { return field(String(number)) }
        var digits = 1
        var rest = number / 10
        while rest > 0 { digits += 1; rest /= 10 }
        appendDecimal(digits)
        bytes.append(0x3A)
        appendDecimal(Int(number))
        bytes.append(0x1F)
    }

    /// One field from its text's UTF-8.
    mutating func field(_ text: String, prefix: StaticString = "", last: Bool = false) {
        var text = text
        text.withUTF8 { field(UnsafeRawBufferPointer($0), prefix: prefix, last: last) }
    }

    /// Every field of the event in a row of `AuditLog.columns`, read in place (`dated`: its
    /// business date is not NULL).
    mutating func fill(row r: Row, dated: Bool) {
        bytes.removeAll(keepingCapacity: true)
        field(number: r.int64(0))
        field(r.rawText(1))
        if dated { field(r.rawText(2), prefix: "on ") }
        for column in Int32(3)...7 { field(r.rawText(column)) }
        if dated { field(r.rawText(8), prefix: "rows ") }
        field(r.rawText(9), last: true)
    }
}
