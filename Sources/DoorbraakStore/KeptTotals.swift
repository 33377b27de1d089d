import DoorbraakCore

extension Store {
    /// The ledger row's totals; in the caller's transaction.
    func keptSeal() throws(DoorbraakError) -> LedgerSeal {
        guard let seal = try db.cached("SELECT ceiling_cents, granted_cents, released_cents, pending_cents, paid_cents FROM ledger WHERE id = 1").rowValue([], { r in
            LedgerSeal(ceiling: r.money(0), granted: r.money(1), released: r.money(2), pending: r.money(3), paid: r.money(4))
        }) else { throw DoorbraakError(.notInitialised, "the database has no ledger; run `doorbraak init`", file: db.path) }
        return seal
    }

    /// The newest event that carries a seal, with its seq; nil when no sealed event exists.
    /// One `max(seq)` per sealed action on the `audit_event(action, seq)` index: flat in the size of the chain.
    func newestSealedEvent() throws(DoorbraakError) -> AuditEvent? {
        var newest: Int64 = 0
        let query = try db.cached("SELECT max(seq) FROM audit_event WHERE action = ?")
        for action in LedgerSeal.sealedActions {
            if let seq = try query.rowValue([.text(action)], { r in r.isNull(0) ? nil : r.int64(0) }) ?? nil { newest = max(newest, seq) }
        }
        guard newest > 0 else { return nil }
        return try AuditLog.event(in: db, seq: newest)
    }

    /// The cheap check before money moves (SPEC §3.6): the ceiling setting within €600 mln, and
    /// the kept totals equal to the seal in the newest money event (whose own hash must hold)
    /// and to the per-theme totals. Runs inside the caller's write transaction, once per
    /// transaction: within one `BEGIN IMMEDIATE` no other connection can change what was checked.
    public func checkKeptTotals() throws(DoorbraakError) {
        if checkedTransaction == db.transactionNumber && db.inTransaction { return }
        let kept = try keptSeal()
        var sealed: LedgerSeal?
        if let event = try newestSealedEvent() {
            guard event.hash == event.expectedHash else {
                throw DoorbraakError(.audit, "audit event \(event.seq), the newest that records the kept totals, was changed after it was written; no money moves (run `doorbraak audit verify`)")
            }
            sealed = LedgerSeal(eventText: event.after)
        }
        guard let (themeGranted, themeReleased) = try db.cached("SELECT coalesce(sum(granted_cents), 0), coalesce(sum(released_cents), 0) FROM theme")
            .rowValue([], { r in (r.money(0), r.money(1)) }) else { throw DoorbraakError(.internal, "no theme totals") }
        try KeptTotalsGuard.check(kept: kept, sealed: sealed, themeGranted: themeGranted, themeReleased: themeReleased)
        checkedTransaction = db.transactionNumber
    }
}
