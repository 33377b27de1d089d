import DoorbraakCore

/// What `round close` did.
public struct ClosingResult: Sendable, Equatable {
    /// The beschikkingen made final, each with what was released from it.
    public var finals: [(id: String, released: Money, milestones: Int)]
    /// Released in all.
    public var released: Money
    /// Pending requests refused at the close (`E-PERIOD`).
    public var refused: [String] = []

    public static func == (a: ClosingResult, b: ClosingResult) -> Bool {
        a.finals.map(\.id) == b.finals.map(\.id) && a.released == b.released
    }
}

extension Store {
    /// Closes the period (SPEC §3.7, issue 19) in one `BEGIN IMMEDIATE` transaction: every
    /// milestone not paid in full is released for what is unpaid and every granted beschikking
    /// that is not final becomes final at what was paid, one audit event each; afterwards no
    /// claim is paid (`E-PERIOD`). The beschikkingen and applications are checked against their
    /// bindings first, whole tables: which ones are open is read from them (an attacker's review:
    /// a beschikking marked final, or its application deleted, with sqlite3 was left out of the
    /// close without a word, its unpaid milestones never released).
    public func closePeriod(today: Day, event: AuditContext) throws(DoorbraakError) -> ClosingResult {
        try holdAgainstDecideAll()
        return try db.writeTransaction { () throws(DoorbraakError) -> ClosingResult in
            // The close refuses every request still pending: not while a run that decides them
            // was stopped halfway (a third review: the close refused planned grants ranked above
            // some already granted).
            try requireNoUnfinishedDecideAll()
            try requireBound("round", [.integer(1)])
            try PeriodClose.check(today: today, closedOn: try closedOn())
            try checkKeptTotals()
            try AuditLog.requireLedgerInOrder(in: db, on: today)
            try requireBoundTable("beschikking")
            try requireBoundTable("application")
            let open = try db.rows("""
                SELECT b.application_id, a.theme, a.coordinating FROM beschikking b NOT INDEXED JOIN application a ON a.id = b.application_id
                WHERE b.status = 'granted' AND b.final_on IS NULL ORDER BY b.application_id
                """, []) { r in (r.text(0), r.text(1), r.text(2)) }
            // Every granted one that is not final has its application (checked above): none is skipped.
            let granted = try db.integer("SELECT count(*) FROM beschikking NOT INDEXED WHERE status = 'granted' AND final_on IS NULL")
            guard granted == Int64(open.count) else {
                throw DoorbraakError(.ledger, "\(granted) beschikkingen are granted and not final, \(open.count) of them with their application; nothing is closed (run `doorbraak audit verify`)")
            }
            var result = ClosingResult(finals: [], released: .zero, refused: [])
            for (id, theme, coordinating) in open {
                // Its application and beschikking were checked with their tables above.
                try requireBoundChildren("application_milestone", of: id)
                let settlement = PeriodClose.settle(try payoutSubject(id))
                let released = settlement.milestones.map(\.unpaid).sum() + settlement.rest
                func release(_ amount: Money, milestone: String?) throws(DoorbraakError) {
                    guard amount > .zero else { return }
                    try db.cached("UPDATE beschikking SET released_cents = released_cents + ? WHERE application_id = ?").run([.money(amount), .text(id)])
                    try db.cached("UPDATE ledger SET released_cents = released_cents + ? WHERE id = 1").run([.money(amount)])
                    try db.cached("UPDATE theme SET released_cents = released_cents + ? WHERE theme = ?").run([.money(amount), .text(theme)])
                    // Attributed like a final amendment: to the coordinating insurer, in the period's last year.
                    try requireNextKeyUnbound(of: "bovengrens_release", key: "id")
                    try db.cached("""
                        INSERT INTO bovengrens_release (application_id, kind, milestone, claim_id, insurer, year, amount_cents, released_on)
                        VALUES (?, 'close', ?, NULL, ?, ?, ?, ?)
                        """).run([.text(id), .optionalText(milestone), .text(coordinating), .int(RoundSettings.eligibleYears.upperBound), .money(amount), .text(today.description)])
                }
                for (code, unpaid) in settlement.milestones {
                    try db.cached("UPDATE application_milestone SET status = 'released' WHERE application_id = ? AND code = ? AND (status = 'expected' OR status = 'reached')")
                        .run([.text(id), .text(code)])
                    guard db.changes == 1 else { throw DoorbraakError(.internal, "milestone \(code) of \(id) changed during the close") }
                    try release(unpaid, milestone: code)
                }
                try release(settlement.rest, milestone: nil)
                try db.cached("UPDATE beschikking SET final_on = ? WHERE application_id = ?").run([.text(today.description), .text(id)])
                let milestones = settlement.milestones.map { "\($0.code) \($0.unpaid)" }.joined(separator: ", ")
                try AuditLog.append(in: db, event, action: "close", subject: id, before: "granted, bovengrens \(settlement.bovengrensBefore)",
                                    after: "final at what was paid: bovengrens \(settlement.bovengrensAfter)"
                                        + (released > .zero ? ", \(released) released" : "") + (milestones.isEmpty ? "" : " (unpaid: \(milestones))"))
                result.finals.append((id, released, settlement.milestones.count))
                result.released += released
            }
            // A request still pending can never be granted after the period: refused now, so the
            // kept pending total is empty when the period is closed.
            for (id, size) in try db.rows("SELECT application_id, bovengrens_cents FROM beschikking NOT INDEXED WHERE status = 'pending' ORDER BY application_id", [], { r in (r.text(0), r.money(1)) }) {
                try requireBound("beschikking", [.text(id)])
                try refuse(id, bovengrens: size, reason: "the period 2027–2029 was closed on \(today); no beschikking is granted after it", code: .period, today: today, event: event)
                result.refused.append(id)
            }
            try db.cached("UPDATE round SET closed_on = ? WHERE id = 1").run([.text(today.description)])
            try AuditLog.append(in: db, event, action: "close", subject: "round", before: "open",
                                after: "closed: \(result.finals.count) beschikkingen final, \(result.released) released"
                                    + (result.refused.isEmpty ? "" : ", \(result.refused.count) pending requests refused") + "; no claim is paid any more")
            return result
        }
    }
}
