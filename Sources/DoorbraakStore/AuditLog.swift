import DoorbraakCore

/// One appended audit event (SPEC §3.9).
public struct AuditEvent: Sendable, Equatable {
    /// Position in the chain, 1-based and gap-free.
    public var seq: Int64
    /// Wall-clock time, ISO 8601 UTC.
    public var at: String
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
    /// The hash of the previous event (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 over this event's fields and `previousHash`.
    public var hash: String

    /// The hash this event must carry: SHA-256 of the fields joined by the unit separator,
    /// which cannot occur in them unnoticed because every field is length-prefixed.
    public var expectedHash: String {
        // The bytes of `fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\u{1F}")`, built without temporaries.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(at.utf8.count + actor.utf8.count + action.utf8.count + subject.utf8.count + before.utf8.count + after.utf8.count + 160)
        func field(_ text: String, last: Bool = false) {
            bytes.append(contentsOf: String(text.utf8.count).utf8)
            bytes.append(0x3A)
            bytes.append(contentsOf: text.utf8)
            if !last { bytes.append(0x1F) }
        }
        field(String(seq))
        field(at)
        field(actor)
        field(action)
        field(subject)
        field(before)
        field(after)
        field(previousHash, last: true)
        return SHA256.hex(bytes)
    }
}

/// The append-only, hash-chained audit log. Events are appended inside the caller's write
/// transaction, so an event exists exactly when its change does.
public enum AuditLog {
    /// The previous-hash of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// Appends one event; must run inside a write transaction.
    @discardableResult
    public static func append(in db: Database, _ context: AuditContext, action: String, subject: String, before: String, after: String) throws(DoorbraakError) -> AuditEvent {
        let seq: Int64, head: String
        if let cached = db.currentChainHead() {
            (seq, head) = (cached.seq, cached.hash)
        } else {
            guard let row = try db.cached("SELECT audit_seq, audit_head FROM ledger WHERE id = 1").rowValue([], { r in (r.int64(0), r.text(1)) }) else {
                throw DoorbraakError(.internal, "the ledger row is missing")
            }
            (seq, head) = row
        }
        // Every event that can change a kept total carries the totals after it (see `LedgerSeal`).
        var sealed = after
        if LedgerSeal.sealedActions.contains(action) {
            guard let seal = try db.cached("SELECT ceiling_cents, granted_cents, released_cents, pending_cents, paid_cents FROM ledger WHERE id = 1")
                .rowValue([], { r in LedgerSeal(ceiling: r.money(0), granted: r.money(1), released: r.money(2), pending: r.money(3), paid: r.money(4)) }) else {
                throw DoorbraakError(.internal, "the ledger row is missing")
            }
            sealed += seal.text
        }
        var event = AuditEvent(seq: seq + 1, at: context.at, actor: context.actor, action: action, subject: subject,
                               before: before, after: sealed, previousHash: head, hash: "")
        event.hash = event.expectedHash
        try db.cached("INSERT INTO audit_event (seq, at, actor, action, subject, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").run(
                   [.integer(event.seq), .text(event.at), .text(event.actor), .text(event.action), .text(event.subject),
                    .text(event.before), .text(event.after), .text(event.previousHash), .text(event.hash)])
        if db.inTransaction {
            // The ledger row gets the head once, before COMMIT (see `AuditChainHead`).
            db.chainHead = AuditChainHead(transaction: db.transactionNumber, seq: event.seq, hash: event.hash, dirty: true)
        } else {
            try db.cached("UPDATE ledger SET audit_seq = ?, audit_head = ? WHERE id = 1").run([.integer(event.seq), .text(event.hash)])
        }
        return event
    }

    /// The events, all or those of one subject, in order.
    public static func events(in db: Database, subject: String? = nil) throws(DoorbraakError) -> [AuditEvent] {
        var sql = "SELECT seq, at, actor, action, subject, before, after, prev_hash, hash FROM audit_event"
        var parameters: [SQLValue] = []
        if let subject {
            sql += " WHERE subject = ?"
            parameters.append(.text(subject))
        }
        return try db.rows(sql + " ORDER BY seq", parameters, event(from:))
    }

    /// The event at `seq`, or nil.
    public static func event(in db: Database, seq: Int64) throws(DoorbraakError) -> AuditEvent? {
        try db.cached("SELECT seq, at, actor, action, subject, before, after, prev_hash, hash FROM audit_event WHERE seq = ?").rowValue([.integer(seq)], event(from:))
    }

    private static func event(from r: Row) -> AuditEvent {
        AuditEvent(seq: r.int64(0), at: r.text(1), actor: r.text(2), action: r.text(3), subject: r.text(4),
                   before: r.text(5), after: r.text(6), previousHash: r.text(7), hash: r.text(8))
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
            throw DoorbraakError(.notInitialised, "the database has no ledger; run `doorbraak init`", file: db.path)
        }
        return anchor
    }

    /// Walks the chain in one read snapshot: every event must follow its predecessor (seq + 1,
    /// previous hash), carry its own hash, and the last must match the head kept in the ledger,
    /// so an edit, a deletion (also of the last event) and a reordering are all caught. With an
    /// `anchor` taken earlier (`audit head`), event `anchor.events` must carry the anchor's hash:
    /// that catches a cut-off tail with a fixed head and a rewrite with recomputed hashes, which
    /// the chain alone cannot (anyone with write access can recompute every hash).
    public static func verify(in db: Database, anchor: ChainAnchor? = nil) throws(DoorbraakError) -> Verification {
        try db.flushChainHead()
        return try db.readTransaction { () throws(DoorbraakError) -> Verification in
            let statement = try db.prepare("SELECT seq, at, actor, action, subject, before, after, prev_hash, hash FROM audit_event ORDER BY seq")
            var expectedSeq: Int64 = 1
            var previous = genesis
            var count = 0
            var anchorSeen = anchor?.events == 0
            if let anchor, anchor.events == 0, anchor.hash != genesis {
                return Verification(events: 0, firstBad: 1, reason: "the anchor 0:… must carry the genesis hash of 64 zeros")
            }
            while try statement.step() {
                let e = event(from: Row(statement: statement))
                count += 1
                if e.seq != expectedSeq {
                    return Verification(events: count, firstBad: min(e.seq, expectedSeq), reason: "event \(expectedSeq) is missing or out of place")
                }
                if e.previousHash != previous {
                    return Verification(events: count, firstBad: e.seq, reason: "event \(e.seq) does not follow event \(e.seq - 1): its previous hash differs")
                }
                if e.hash != e.expectedHash {
                    return Verification(events: count, firstBad: e.seq, reason: "event \(e.seq) was changed after it was written: its hash does not match its content")
                }
                if let anchor, e.seq == anchor.events {
                    guard e.hash == anchor.hash else {
                        return Verification(events: count, firstBad: e.seq, reason: "event \(e.seq) does not carry the hash of the anchor \(anchor.events):\(anchor.hash.prefix(12))…: the chain up to the anchor was rewritten, or the anchor was copied wrong — compare it with the one kept outside the database")
                    }
                    anchorSeen = true
                }
                previous = e.hash
                expectedSeq += 1
            }
            if let anchor, !anchorSeen {
                return Verification(events: count, firstBad: expectedSeq, reason: "the chain holds \(count) events but the anchor was taken at \(anchor.events): events were cut off")
            }
            guard let (headSeq, headHash) = try db.row("SELECT audit_seq, audit_head FROM ledger WHERE id = 1", [], { r in (r.int64(0), r.text(1)) }) else {
                return Verification(events: count, firstBad: 1, reason: "the ledger row that keeps the chain head is missing")
            }
            if headSeq != expectedSeq - 1 || headHash != previous {
                return Verification(events: count, firstBad: expectedSeq, reason: "the chain ends at event \(expectedSeq - 1) but the ledger records \(headSeq) events: events at the end were deleted or changed")
            }
            return Verification(events: count, firstBad: nil, reason: nil)
        }
    }
}
