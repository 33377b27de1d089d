import DoorbraakCore

/// What settling one claim did.
public enum ClaimOutcome: Sendable, Equatable {
    /// Paid, or released; `final` when it settled the last milestone (with what that released).
    case settled(PayoutDecision)
    /// The same claim id with the same content was settled before: nothing changed.
    case unchanged
}

/// The payout rules' view of one application as checked, its theme and the kept paid total of
/// its beschikking (-1 without one).
struct CheckedPayoutSubject: Sendable {
    var subject: PayoutSubject
    var theme: String
    var keptPaid: Money
}

/// What the chunk of claims being settled rests on, read and checked at once (`prepareClaims`),
/// valid in one write transaction: payout subjects by application id, and the claim ids found new.
struct PreparedClaims {
    var transaction = -1
    var subjects: [ExactText: CheckedPayoutSubject] = [:]
    var newClaimIDs = Set<ExactText>()
}

/// What a chunk of claims rests on, found beside the writer (`Store.preparedClaimsAside`): the
/// applications in business-date order for `day`, the payout subjects as checked, the claim ids
/// found new, and the image each milestone and beschikking row a payout rewrites was checked
/// in, by application — all as they stood before the writer's transaction wrote.
public struct PreparedClaimsAside: Sendable {
    let day: Day
    let inOrder: [ExactText]
    let subjects: [ExactText: CheckedPayoutSubject]
    let newClaimIDs: Set<ExactText>
    let checkedImages: [ExactText: [CheckedImage]]
}

/// A row's key and the image it was found as bound in.
struct CheckedImage: Sendable {
    let table: String
    let key: [UInt8]
    let image: [UInt8]
}

/// A milestone due and not settled (`payouts --due`).
public struct DuePayment: Sendable, Equatable {
    /// The application.
    public var application: String
    /// The milestone.
    public var milestone: String
    /// Its due date.
    public var due: Day
    /// The day its beschikking was granted.
    public var grantedOn: Day
    /// Its tariff.
    public var tariff: Money
    /// Paid on it in parts so far.
    public var paid: Money
    /// `expected` or `reached`.
    public var status: String
    /// The coordinating insurer.
    public var coordinating: String
    /// The second insurer.
    public var second: String
    /// The insurers that paid its parts so far (none while it is expected), in code order: whose
    /// the rest is to pay, for an assessor.
    public var paidBy: [String]

    /// The day it can be claimed from (`PayoutRules.payableFrom`).
    public var payableFrom: Day { PayoutRules.payableFrom(due: due, grantedOn: grantedOn) }
    /// Not settled after the day it could be claimed from.
    public func isOverdue(on today: Day) -> Bool { payableFrom < today }
}

/// One line of `payouts`: per paying insurer and year.
public struct PayoutLine: Sendable, Equatable {
    /// UZOVI.
    public var insurer: String
    /// Year.
    public var year: Int
    /// Paid on reached milestones (claim date's year, the claim's insurer).
    public var paid: Money
    /// Tariffs not yet settled, by due year, attributed to the coordinating insurer.
    public var expected: Money
    /// Released: a missed milestone to the insurer its claim names (claim date's year); the rest
    /// released when a beschikking became final to the coordinating insurer (year of the claim
    /// that settled the last milestone).
    public var released: Money

    /// A line.
    public init(insurer: String, year: Int, paid: Money, expected: Money, released: Money) {
        self.insurer = insurer
        self.year = year
        self.paid = paid
        self.expected = expected
        self.released = released
    }
}

extension Store {
    /// Settles one claim under the payout rules (SPEC §3.7); must run inside a write transaction
    /// (one `BEGIN IMMEDIATE` per import), so what it reads cannot change before it commits. The
    /// same claim id with the same content is a no-op; with other content it is refused.
    public func settle(_ claim: Claim, today: Day, event: AuditContext) throws(DoorbraakError) -> ClaimOutcome {
        // A claim settled before with the same content changes nothing, whatever the date (a
        // newcomer's try: the same file again on a wrong date gave an E-DATE for each of its 40
        // unchanged rows); it writes nothing, so it precedes nothing.
        let isNew = takePreparedNewClaim(claim.id)
        // From here on this claim may write its application's payout rows (`WrittenBesideWriter`).
        noteWrittenBesideWriter(claim)
        if !isNew, try settledBefore(claim) { return .unchanged }
        // Business time first, before anything is written (a refusal is kept with an event too).
        try AuditLog.requireInOrder(in: db, subject: claim.application, on: today)
        try AuditLog.requireLedgerInOrder(in: db, on: today)
        // The payout rests on the application, its beschikking, coalition and milestones and the
        // round's close date, read from the rows checked (the prestaties copy the milestones'
        // tariffs at the grant and are not read here; `audit verify` names an edit of them).
        let checked = try checkedPayoutSubject(claim.application)
        let (subject, theme, keptPaid) = (checked.subject, checked.theme, checked.keptPaid)
        try checkKeptTotals()
        let decision = try PayoutRules.decide(claim, on: subject, today: today)
        // Money moves only when the kept paid total of this beschikking agrees with its milestones.
        guard keptPaid == subject.paid else {
            throw DoorbraakError(.internal, "the kept paid total of \(claim.application) (\(keptPaid)) differs from its milestones (\(subject.paid)); run `doorbraak audit verify`")
        }
        let actor = event.acting(for: "insurer \(claim.insurer)")
        try db.cached("""
            INSERT INTO claim (claim_id, application_id, milestone, provider, insurer, amount_cents, claim_date, status, evidence, content, imported_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.text(claim.id), .text(claim.application), .text(claim.milestone), .text(claim.provider), .text(claim.insurer),
                      .money(claim.amount), .text(claim.date.description), .text(claim.status.rawValue), .text(claim.evidence),
                      .text(claim.contentKey), .text(today.description)])
        let subjectName = "\(claim.application)"
        let before = subject.milestones.first { $0.code == claim.milestone }
        let beforeText = "\(claim.milestone) \(before?.status ?? .expected)" + ((before?.paid ?? .zero) > .zero ? " (\(before?.paid ?? .zero) paid in parts)" : "")
        // A payment that settles the last milestone with nothing left to release makes the
        // beschikking final in the same write (issue 21: one UPDATE of it, not two).
        let finalInPayment: Bool
        switch decision.effect {
        case .pay(let amount):
            try db.cached("UPDATE application_milestone SET status = ?, paid_cents = paid_cents + ? WHERE application_id = ? AND code = ? AND (status = 'expected' OR status = 'reached')")
                .run([.text(decision.milestoneStatus.rawValue), .money(amount), .text(claim.application), .text(claim.milestone)])
            try requireOneChange(claim)
            finalInPayment = decision.finalRelease == .zero
            try rewritingBeschikking(of: claim) { () throws(DoorbraakError) in
                if finalInPayment {
                    try db.cached("UPDATE beschikking SET paid_cents = paid_cents + ?, final_on = ? WHERE application_id = ?").run([.money(amount), .text(today.description), .text(claim.application)])
                } else {
                    try db.cached("UPDATE beschikking SET paid_cents = paid_cents + ? WHERE application_id = ?").run([.money(amount), .text(claim.application)])
                }
            }
            try db.cached("UPDATE ledger SET paid_cents = paid_cents + ? WHERE id = 1").run([.money(amount)])
            let milestonePaid = (before?.paid ?? .zero) + amount
            try AuditLog.append(in: db, actor, action: "payout", subject: subjectName, before: beforeText,
                                after: "\(claim.milestone) \(decision.milestoneStatus): part \(amount) to provider \(claim.provider) (claim \(claim.id), \(claim.date), evidence \(claim.evidence)), \(milestonePaid) of its tariff \(before?.tariff ?? .zero); paid in total \(subject.paid + amount) of bovengrens \(subject.bovengrens)")
        case .release(let unpaid):
            finalInPayment = false
            try db.cached("UPDATE application_milestone SET status = 'released' WHERE application_id = ? AND code = ? AND (status = 'expected' OR status = 'reached')")
                .run([.text(claim.application), .text(claim.milestone)])
            try requireOneChange(claim)
            try release(unpaid, of: claim, kind: "missed", theme: theme, coordinating: subject.coordinating, today: today)
            try AuditLog.append(in: db, actor, action: "release", subject: subjectName, before: beforeText + ", bovengrens \(subject.bovengrens)",
                                after: "\(claim.milestone) released \(unpaid) unpaid (claim \(claim.id), missed on \(claim.date)); bovengrens \(subject.bovengrens - unpaid)")
        }
        if let rest = decision.finalRelease {
            let before = decision.bovengrensAfter + rest
            if rest > .zero { try release(rest, of: claim, kind: "final", theme: theme, coordinating: subject.coordinating, today: today) }
            if !finalInPayment {
                try rewritingBeschikking(of: claim) { () throws(DoorbraakError) in
                    try db.cached("UPDATE beschikking SET final_on = ? WHERE application_id = ?").run([.text(today.description), .text(claim.application)])
                }
            }
            // Credited to whoever settled the last milestone (the insurer's claims), not to the
            // NZa: no one at the NZa acted (a newcomer's try read "(NZa)" on an insurer's import).
            try AuditLog.append(in: db, actor, action: "final", subject: subjectName, before: "granted, bovengrens \(before)",
                                after: "final: every milestone settled (claim \(claim.id)); bovengrens \(decision.bovengrensAfter) = paid in total" + (rest > .zero ? ", \(rest) released" : ""))
        }
        return .settled(decision)
    }

    /// Whether the claim id was settled before with this content (the same file imported twice:
    /// a no-op). `E-CLAIM-DUPLICATE` when it was settled or refused before with other content;
    /// its refusal again when it was refused with this content. A claim id is paid once: its row
    /// and a kept refusal as the chain bound them (a claim renamed or a refusal deleted with
    /// sqlite3 would let the same id be paid again).
    private func settledBefore(_ claim: Claim) throws(DoorbraakError) -> Bool {
        if let stored = try db.cached("SELECT content FROM claim WHERE claim_id = ?").rowValue([.text(claim.id)], { $0.text(0) }) {
            // What it reports rests on the row as the chain bound it (an attacker's review: a
            // kept refusal's code and message edited with sqlite3 were reported as the reason).
            try requireBound("claim", [.text(claim.id)])
            if stored == claim.contentKey { return true }
            throw DoorbraakError(.claimDuplicate, "claim \(claim.id) was imported before with other content; a new claim needs a new id", field: "claim_id")
        }
        if let (content, code, message, on) = try db.cached("SELECT content, code, message, refused_on FROM claim_refusal WHERE claim_id = ?")
            .rowValue([.text(claim.id)], { r in (r.text(0), r.text(1), r.text(2), r.text(3)) }) {
            try requireBound("claim_refusal", [.text(claim.id)])
            guard content == claim.contentKey else {
                throw DoorbraakError(.claimDuplicate, "claim \(claim.id) was refused before with other content; a corrected claim needs a new id", field: "claim_id")
            }
            // Refused once, refused again: the same file imported twice changes nothing.
            throw DoorbraakError(ErrorCode(code, .refused), "claim \(claim.id) was refused on \(on) and stays refused (send a corrected claim under a new id): \(message)", field: "claim_id")
        }
        try requireBound("claim", [.text(claim.id)], absent: true)
        try requireBound("claim_refusal", [.text(claim.id)], absent: true)
        return false
    }

    /// Whether `id` was found new for the chunk of claims being settled (no claim, no kept
    /// refusal and no binding of either under it), taken once.
    private func takePreparedNewClaim(_ id: String) -> Bool {
        preparedClaims.transaction == db.transactionNumber && preparedClaims.newClaimIDs.remove(ExactText(id)) != nil
    }

    /// The claims refused on `id`, by claim id: what a provider or insurer looks up after an import
    /// reported a refusal (a newcomer found them only in the audit trail).
    public func refusedClaims(of id: String) throws(DoorbraakError) -> [RefusedClaim] {
        try db.rows("SELECT claim_id, code, message, refused_on FROM claim_refusal NOT INDEXED WHERE application_id = ? ORDER BY claim_id", [.text(id)]) { r in
            RefusedClaim(claim: r.text(0), code: r.text(1), message: r.text(2), refusedOn: r.text(3))
        }
    }

    /// The application a claim id was settled or refused on, if either, from the rows as the
    /// chain bound them (an attacker's review: an edited refusal named another application).
    public func applicationOfClaim(_ claim: String) throws(DoorbraakError) -> String? {
        try db.readTransaction { () throws(DoorbraakError) -> String? in
            try requireBound("claim", [.text(claim)])
            try requireBound("claim_refusal", [.text(claim)])
            return try db.row("SELECT application_id FROM claim WHERE claim_id = ?1 UNION ALL SELECT application_id FROM claim_refusal WHERE claim_id = ?1 LIMIT 1", [.text(claim)]) { r in r.text(0) }
        }
    }

    /// Whether `insurer` is the coordinating or the second insurer of `application`, from its
    /// row as the chain bound it (false for an unknown application).
    public func isInsurer(_ insurer: String, of application: String) throws(DoorbraakError) -> Bool {
        guard let (coordinating, second) = try db.cached("SELECT coordinating, second FROM application WHERE id = ?")
            .rowValue([.text(application)], { r in (r.text(0), r.text(1)) }) else { return false }
        try requireBound("application", [.text(application)])
        return insurer == coordinating || insurer == second
    }

    /// Keeps a claim that a payout rule refused, with why, in the import's transaction (so an
    /// all-or-nothing import that rolls back keeps nothing), and audits it.
    public func recordRefusal(_ claim: Claim, _ error: DoorbraakError, today: Day, event: AuditContext) throws(DoorbraakError) {
        noteWrittenBesideWriter(claim)
        try db.cached("INSERT OR IGNORE INTO claim_refusal (claim_id, application_id, content, code, message, refused_on) VALUES (?, ?, ?, ?, ?, ?)")
            .run([.text(claim.id), .text(claim.application), .text(claim.contentKey), .text(error.code.rawValue), .text(error.message), .text(today.description)])
        guard db.changes == 1 else { return }
        try AuditLog.append(in: db, event.acting(for: "insurer \(claim.insurer)"), action: "refuse-claim", subject: claim.application,
                            before: "\(claim.milestone) claim \(claim.id)", after: "refused \(error.code): \(error.message)")
    }

    /// Runs `write`, a payout's UPDATE of the claim's beschikking, which must meet its row under its key (`rewriting`).
    private func rewritingBeschikking(of claim: Claim, _ write: () throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        try rewriting("beschikking", key: claim.application, refusal: {
            DoorbraakError.ledger("the beschikking of \(claim.application) is no longer as it was checked when its claim \(claim.id) was written: the database was changed outside doorbraak during this import; nothing is stored; its administrator finds every such row with `doorbraak audit verify`",
                                  row: RowFinding(table: "beschikking", key: claim.application, change: .changed))
        }, write)
    }

    private func requireOneChange(_ claim: Claim) throws(DoorbraakError) {
        guard db.changes == 1 else {
            // The milestone was checked in this transaction, under its write lock, as expected or
            // reached; the claim is already written. No other connection can have settled it: its
            // row changed in the database file itself (an attacker's review of the twenty-first
            // landing edited its status after the check beside the writer, and a refusal kept
            // afterwards bound the claim row as paid). E-LEDGER, with writes no event describes
            // yet: the import stops and rolls back whole.
            let finding = RowFinding(table: "application_milestone", key: "\(claim.application) / \(claim.milestone)", change: .changed)
            throw DoorbraakError.ledger("milestone \(claim.milestone) of \(claim.application) is no longer as it was checked when its claim \(claim.id) was written: the database was changed outside doorbraak during this import; nothing is stored; its administrator finds every such row with `doorbraak audit verify`", row: finding)
        }
    }

    /// Lowers the bovengrens of the claim's beschikking by `amount` and moves the kept totals.
    /// `coordinating`: the application's coordinating insurer, from its row as checked.
    private func release(_ amount: Money, of claim: Claim, kind: String, theme: String, coordinating: String, today: Day) throws(DoorbraakError) {
        try holdAgainstDecideAll()
        let insurer = kind == "missed" ? claim.insurer : coordinating
        try rewritingBeschikking(of: claim) { () throws(DoorbraakError) in
            try db.cached("UPDATE beschikking SET released_cents = released_cents + ? WHERE application_id = ?").run([.money(amount), .text(claim.application)])
        }
        try db.cached("UPDATE ledger SET released_cents = released_cents + ? WHERE id = 1").run([.money(amount)])
        try db.cached("UPDATE theme SET released_cents = released_cents + ? WHERE theme = ?").run([.money(amount), .text(theme)])
        try requireNextKeyUnbound(of: "bovengrens_release", key: "id")
        try db.cached("""
            INSERT INTO bovengrens_release (application_id, kind, milestone, claim_id, insurer, year, amount_cents, released_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.text(claim.application), .text(kind), kind == "missed" ? .text(claim.milestone) : .null, .text(claim.id),
                      .text(insurer), .int(claim.date.year), .money(amount), .text(today.description)])
    }

    /// The day the round was opened (`init`).
    public func roundOpenedOn() throws(DoorbraakError) -> Day? {
        try db.cached("SELECT created_on FROM round WHERE id = 1").rowValue([]) { r throws(DoorbraakError) in try Day(parsing: r.text(0)) }
    }

    /// The day the period was closed (`round close`), or nil while it runs.
    public func closedOn() throws(DoorbraakError) -> Day? {
        guard let text = try db.cached("SELECT closed_on FROM round WHERE id = 1").rowValue([], { $0.optionalText(0) }) ?? nil else { return nil }
        return try Day(parsing: text)
    }

    /// The payout rules' view of one application, its theme and the kept paid total of its
    /// beschikking (-1 without one), from the rows a payout rests on — the application, its
    /// beschikking, coalition and milestones, and the round row — each as the chain bound it (or as this transaction
    /// wrote it), read from the very bytes checked: no second read of the file that could find
    /// other bytes. Refused (E-LEDGER) on a row that is not as bound. A subject prepared for the
    /// import's chunk of claims (`prepareClaims`) is taken once; otherwise it is read alone.
    func checkedPayoutSubject(_ id: String) throws(DoorbraakError) -> CheckedPayoutSubject {
        if preparedClaims.transaction == db.transactionNumber, let prepared = preparedClaims.subjects.removeValue(forKey: ExactText(id)) {
            return prepared
        }
        guard let checked = try checkedPayoutSubjects([id])[ExactText(id)] else {
            throw DoorbraakError(.missing, "no application \"\(id)\"", field: "application_id")
        }
        return checked
    }

    /// Notes, for the chunks prepared beside this writer, that `claim`'s id and its
    /// application's payout rows may be written in this transaction (`adopt`).
    private func noteWrittenBesideWriter(_ claim: Claim) {
        guard writtenAside.transaction == db.transactionNumber else { return }
        writtenAside.ids.insert(claim.id)
        writtenAside.applications.insert(claim.application)
    }

    /// What `prepareClaims` finds for a chunk on a read-only store beside the importing writer
    /// (issue 21: the checks on the second core; `CSVAside`), to be handed to the writer's store
    /// with `adopt`. Its read transaction began while the writer held its write lock and before
    /// it wrote: its snapshot is the writer's view before its first write. A claims import
    /// rewrites rows a payout rests on, so the writer takes a subject only for an application
    /// it has not written since (and a new claim id only for an id it has not stored), decides
    /// on the values checked here, and expects each milestone and beschikking row it rewrites to
    /// hold the very bytes checked here (`RowCapture.expectBeforeRewrite`): the writer has not
    /// read those pages itself. Thrown when the chunk cannot be prepared (a row not as bound,
    /// out of date order): the writer then prepares the chunk itself, and meets the refusal row by row.
    public func preparedClaimsAside(_ claims: [(id: String, application: String)], today: Day) throws(DoorbraakError) -> PreparedClaimsAside {
        guard db.readOnly, db.inTransaction else {
            throw DoorbraakError(.internal, "a chunk of claims prepared beside the writer outside a read transaction of a read-only store")
        }
        var images: [ExactText: [CheckedImage]] = [:]
        try prepareClaims(claims, today: today, keepingImages: { table, application, key, image in
            images[application, default: []].append(CheckedImage(table: table, key: key, image: image))
        })
        defer { preparedClaims = PreparedClaims() }
        guard preparedClaims.transaction == db.transactionNumber else {
            throw DoorbraakError(.internal, "a chunk of claims not prepared beside the writer: the writer prepares it")
        }
        let inOrder = Set(claims.map { ExactText($0.application) }).filter { db.subjectsInOrder.contains($0.text, on: today, in: db) }
        return PreparedClaimsAside(day: today, inOrder: Array(inOrder), subjects: preparedClaims.subjects, newClaimIDs: preparedClaims.newClaimIDs,
                                   checkedImages: images)
    }

    /// Takes over what a read-only store found beside this writer (`preparedClaimsAside`) for
    /// the chunk about to be settled, but nothing of an application or claim id this
    /// transaction wrote since it began (`WrittenBesideWriter`); the rows of each subject taken
    /// must hold the bytes checked when they are rewritten.
    public func adopt(_ prepared: PreparedClaimsAside) throws(DoorbraakError) {
        guard db.inTransaction, !db.readOnly, let capture = db.rowCapture else { return }
        let written = try writtenBesideWriter()
        for id in prepared.inOrder { db.subjectsInOrder.insert(id.text, on: prepared.day, in: db) }
        let subjects = prepared.subjects.filter { !written.applications.mayContain($0.key.text) }
        for id in subjects.keys {
            for checked in prepared.checkedImages[id] ?? [] { capture.expectBeforeRewrite(table: checked.table, key: checked.key, image: checked.image) }
        }
        preparedClaims = PreparedClaims(transaction: db.transactionNumber, subjects: subjects,
                                        newClaimIDs: prepared.newClaimIDs.filter { !written.ids.mayContain($0.text) })
    }

    /// Reads and checks what a chunk of claims rests on at once, before they are settled (issue
    /// 21: a few set-based statements for the chunk, where each claim took a dozen lookups): the
    /// date order of their applications, their payout subjects, and which claim ids are new.
    /// Each prepared subject or new id is taken by the first claim on it; a later claim on it
    /// reads again, as the rows then stand. Nothing is prepared when a row of the chunk is not as
    /// bound or out of date order: each claim then meets its own refusal.
    public func prepareClaims(_ claims: [(id: String, application: String)], today: Day) throws(DoorbraakError) {
        try prepareClaims(claims, today: today, keepingImages: nil)
    }

    /// `prepareClaims`, handing over the image each milestone and beschikking row was found as
    /// bound in (`keepingImages`: table, application, key, image).
    private func prepareClaims(_ claims: [(id: String, application: String)], today: Day,
                               keepingImages: ((String, ExactText, [UInt8], [UInt8]) -> Void)?) throws(DoorbraakError) {
        preparedClaims = PreparedClaims()
        guard !claims.isEmpty else { return }
        do throws(DoorbraakError) {
            let applications = Array(Set(claims.map { ExactText($0.application) })).map(\.text)
            try AuditLog.requireInOrder(in: db, subjects: applications, on: today)
            preparedClaims.subjects = try checkedPayoutSubjects(applications, keepingImages: keepingImages)
            var known = Set<ExactText>()
            try db.cached("""
                SELECT j.value FROM json_each(?1) j
                WHERE EXISTS (SELECT 1 FROM claim WHERE claim_id = j.value) OR EXISTS (SELECT 1 FROM claim_refusal WHERE claim_id = j.value)
                   OR EXISTS (SELECT 1 FROM row_binding WHERE tbl = 'claim' AND key = j.value) OR EXISTS (SELECT 1 FROM row_binding WHERE tbl = 'claim_refusal' AND key = j.value)
                """).each([.text(SQLValue.jsonArray(claims.map { .text($0.id) }))]) { r in known.insert(ExactText(r.text(0))) }
            preparedClaims.newClaimIDs = Set(claims.map { ExactText($0.id) }).subtracting(known)
            preparedClaims.transaction = db.transactionNumber
        } catch where error.code == .ledger || error.code == .date {
            preparedClaims = PreparedClaims()
        }
    }

    /// The checked payout subjects of `ids`, by application id (an unknown id has none).
    private func checkedPayoutSubjects(_ ids: [String], keepingImages: ((String, ExactText, [UInt8], [UInt8]) -> Void)? = nil) throws(DoorbraakError) -> [ExactText: CheckedPayoutSubject] {
        let keys = ids.map { SQLValue.text($0) }
        var applications: [ExactText: (status: String, coordinating: String, second: String, theme: String)] = [:]
        try requireBoundRows("application", of: keys) { c, r throws(DoorbraakError) in
            applications[ExactText(r.text(try c("id")))] = (r.text(try c("status")), r.text(try c("coordinating")), r.text(try c("second")), r.text(try c("theme")))
        }
        var kept: [ExactText: (paid: Money, granted: GrantedFigures?)] = [:]
        // The rows a payout rewrites, with the images they were found in (beside the writer).
        let keepBeschikking: RowKeeping? = keepingImages.map { keep in { key, image in keep("beschikking", ExactText(String(decoding: key, as: UTF8.self)), Array(key), Array(image)) } }
        let keepMilestone: RowKeeping? = keepingImages.map { keep in { key, image in
            if let application = RowKey.parts(String(decoding: key, as: UTF8.self), count: 2)?.first { keep("application_milestone", ExactText(application), Array(key), Array(image)) }
        } }
        try requireBoundRows("beschikking", of: keys, reading: { c, r throws(DoorbraakError) in
            let granted: GrantedFigures? = try BeschikkingStatus(kept: r.text(try c("status")), of: r.text(try c("application_id"))) == .granted
                ? (r.money(try c("bovengrens_cents")), r.money(try c("released_cents")), !r.isNull(try c("final_on")), r.optionalText(try c("decided_on")))
                : nil
            kept[ExactText(r.text(try c("application_id")))] = (r.money(try c("paid_cents")), granted)
        }, keeping: keepBeschikking)
        var members: [ExactText: [(agb: String, amount: Money)]] = [:]
        try requireBoundRows("application_provider", of: keys) { c, r throws(DoorbraakError) in
            members[ExactText(r.text(try c("application_id"))), default: []].append((r.text(try c("agb")), r.money(try c("amount_cents"))))
        }
        var milestones: [ExactText: [PayoutSubject.Milestone]] = [:]
        try requireBoundRows("application_milestone", of: keys, reading: { c, r throws(DoorbraakError) in
            milestones[ExactText(r.text(try c("application_id"))), default: []].append(
                PayoutSubject.Milestone(code: r.text(try c("code")), tariff: r.money(try c("tariff_cents")),
                                        status: try MilestoneStatus(kept: r.text(try c("status")), of: "\(r.text(try c("application_id"))) \(r.text(try c("code")))"), paid: r.money(try c("paid_cents"))))
        }, keeping: keepMilestone)
        // The dates of the claims settled on each milestone, from their rows as checked (a claim
        // is not dated before a milestone it follows was reached: `PayoutRules.checkClaimDates`).
        let claimIDs = try db.cached("SELECT c.claim_id FROM json_each(?1) j CROSS JOIN claim c ON c.application_id = j.value")
            .rowsValue([.text(SQLValue.jsonArray(keys))]) { SQLValue.text($0.text(0)) }
        // And the parts paid on each (a part is paid once: `PayoutRules.checkRepeat`).
        var claimed: [ExactText: [String: ClaimDates]] = [:]
        var parts: [ExactText: [String: [ClaimPart]]] = [:]
        try requireBoundRows("claim", of: claimIDs) { c, r throws(DoorbraakError) in
            let date = try Day(parsing: r.text(try c("claim_date")))
            let (id, code) = (ExactText(r.text(try c("application_id"))), r.text(try c("milestone")))
            claimed[id, default: [:]][code] = ClaimDates.adding(date, to: claimed[id]?[code])
            if try ClaimStatus(parsing: r.text(try c("status"))) == .reached {
                parts[id, default: [:]][code, default: []].append(ClaimPart(id: r.text(try c("claim_id")), provider: r.text(try c("provider")), insurer: r.text(try c("insurer")),
                                                                            amount: r.money(try c("amount_cents")), date: date, evidence: r.text(try c("evidence"))))
            }
        }
        for (id, dates) in claimed {
            milestones[id] = milestones[id]?.map { m in var m = m; m.claimed = dates[m.code]; m.parts = parts[id]?[m.code] ?? []; return m }
        }
        // The close date from the round row as checked (a payout after the close is refused).
        var closedOn: Day?
        try requireBoundRows("round", of: [.integer(1)]) { c, r throws(DoorbraakError) in
            closedOn = r.isNull(try c("closed_on")) ? nil : try Day(parsing: r.text(try c("closed_on")))
        }
        // The claims found are all the claims: each milestone's paid total (bound) is the sum of
        // its parts, and one released by a missed claim has that claim (a tamper review: a claim
        // row deleted, or moved to another application, was never read, and a part alike to it
        // was paid as new — the repeat and date-order rules read only the rows found).
        for (id, list) in milestones {
            for m in list {
                let parts = m.parts.map(\.amount).sum()
                let missedClaimGone = m.status == .released && m.claimed == nil && closedOn == nil
                guard parts == m.paid && !missedClaimGone else {
                    throw DoorbraakError(.ledger, "milestone \(m.code) of \(id.text) is \(m.status), paid \(m.paid), but the claims kept on it add up to \(parts)\(missedClaimGone ? " and none released it" : ""): a claim was deleted or moved outside doorbraak; no claim is settled on it (run `doorbraak audit verify`)")
                }
            }
        }
        var subjects: [ExactText: CheckedPayoutSubject] = [:]
        for (id, application) in applications {
            let subject = Store.payoutSubject(status: try ApplicationStatus(kept: application.status, of: id.text), coordinating: application.coordinating, second: application.second,
                                              granted: kept[id]?.granted, members: members[id] ?? [], milestones: milestones[id] ?? [], closedOn: closedOn)
            subjects[id] = CheckedPayoutSubject(subject: subject, theme: application.theme, keptPaid: kept[id]?.paid ?? Money(cents: -1))
        }
        return subjects
    }

    /// The payout rules' view of one application, read in the caller's transaction.
    public func payoutSubject(_ id: String) throws(DoorbraakError) -> PayoutSubject {
        guard let (status, coordinating, second) = try db.cached("SELECT status, coordinating, second FROM application WHERE id = ?")
            .rowValue([.text(id)], { r in (r.text(0), r.text(1), r.text(2)) }) else {
            throw DoorbraakError(.missing, "no application \"\(id)\"", field: "application_id")
        }
        let granted = try db.cached("SELECT bovengrens_cents, released_cents, final_on, decided_on FROM beschikking WHERE application_id = ? AND status = 'granted'")
            .rowValue([.text(id)], { r in GrantedFigures(bovengrens: r.money(0), released: r.money(1), isFinal: r.optionalText(2) != nil, decidedOn: r.optionalText(3)) })
        let members = try db.cached("SELECT agb, amount_cents FROM application_provider WHERE application_id = ?").rowsValue([.text(id)]) { (agb: $0.text(0), amount: $0.money(1)) }
        let milestones = try db.cached("SELECT code, tariff_cents, status, paid_cents FROM application_milestone WHERE application_id = ? ORDER BY code")
            .rowsValue([.text(id)]) { r throws(DoorbraakError) in
                PayoutSubject.Milestone(code: r.text(0), tariff: r.money(1), status: try MilestoneStatus(kept: r.text(2), of: "\(id) \(r.text(0))"), paid: r.money(3))
            }
        return Store.payoutSubject(status: try ApplicationStatus(kept: status, of: id), coordinating: coordinating, second: second, granted: granted, members: members,
                                   milestones: milestones, closedOn: try closedOn())
    }

    /// A granted beschikking's figures as a payout reads them.
    typealias GrantedFigures = (bovengrens: Money, released: Money, isFinal: Bool, decidedOn: String?)

    /// The payout rules' view from the rows read: the application's status and insurers, its
    /// granted beschikking (nil without one), its coalition (a member with a share of € 0,00 is
    /// unfunded), its milestones and the round's close date. One way for the checked read and the
    /// plain one (`round close`).
    static func payoutSubject(status: ApplicationStatus, coordinating: String, second: String, granted: GrantedFigures?,
                              members: [(agb: String, amount: Money)], milestones: [PayoutSubject.Milestone], closedOn: Day?) -> PayoutSubject {
        var subject = PayoutSubject(status: status, isFinal: granted?.isFinal ?? false,
                                    coordinating: coordinating, second: second, coalition: Set(members.map(\.agb)), milestones: milestones,
                                    bovengrensGranted: granted?.bovengrens ?? .zero, released: granted?.released ?? .zero,
                                    grantedOn: granted?.decidedOn.flatMap { try? Day(parsing: $0) }, closedOn: closedOn)
        subject.unfunded = Set(members.filter { $0.amount == .zero }.map(\.agb))
        return subject
    }

    /// Per paying insurer and year: paid, expected and released (SPEC §5 `payouts`), optionally
    /// for one insurer or year. A report over the rows, read in one snapshot.
    public func payouts(insurer: String? = nil, year: Int? = nil) throws(DoorbraakError) -> [PayoutLine] {
        try db.readTransaction { () throws(DoorbraakError) -> [PayoutLine] in
            var lines: [String: PayoutLine] = [:]
            func add(_ insurer: String, _ year: Int, _ apply: (inout PayoutLine) -> Void) {
                let key = "\(insurer)|\(year)"
                var line = lines[key] ?? PayoutLine(insurer: insurer, year: year, paid: .zero, expected: .zero, released: .zero)
                apply(&line)
                lines[key] = line
            }
            for (i, y, m) in try db.rows("SELECT insurer, CAST(substr(claim_date, 1, 4) AS INTEGER), sum(amount_cents) FROM claim NOT INDEXED WHERE status = 'reached' GROUP BY 1, 2", [], { r in (r.text(0), r.int(1), r.money(2)) }) {
                add(i, y) { $0.paid += m }
            }
            for (i, y, m) in try db.rows("""
                SELECT a.coordinating, CAST(substr(m.due, 1, 4) AS INTEGER), sum(m.tariff_cents - m.paid_cents)
                FROM application_milestone m NOT INDEXED JOIN beschikking b NOT INDEXED ON b.application_id = m.application_id JOIN application a ON a.id = m.application_id
                WHERE b.status = 'granted' AND (m.status = 'expected' OR m.status = 'reached') GROUP BY 1, 2
                """, [], { r in (r.text(0), r.int(1), r.money(2)) }) {
                add(i, y) { $0.expected += m }
            }
            for (i, y, m) in try db.rows("SELECT insurer, year, sum(amount_cents) FROM bovengrens_release NOT INDEXED GROUP BY 1, 2", [], { r in (r.text(0), r.int(1), r.money(2)) }) {
                add(i, y) { $0.released += m }
            }
            return lines.values.filter { (insurer == nil || $0.insurer == insurer) && (year == nil || $0.year == year) }
                .sorted { ($0.insurer, $0.year) < ($1.insurer, $1.year) }
        }
    }

    /// Milestones of granted beschikkingen payable on or before `day` (due, and granted:
    /// `PayoutRules.payableFrom`) and not settled (expected, or reached with a rest unpaid), the
    /// oldest first; `insurer` narrows to its applications.
    /// The day each is payable from is the rule's (`DuePayment.payableFrom`), not worked out
    /// again in SQL.
    public func duePayments(on day: Day, insurer: String? = nil) throws(DoorbraakError) -> [DuePayment] {
        try db.rows("""
            SELECT m.application_id, m.code, m.due, m.tariff_cents, m.paid_cents, m.status, a.coordinating, a.second, p.payers, b.decided_on
            FROM application_milestone m NOT INDEXED JOIN beschikking b NOT INDEXED ON b.application_id = m.application_id AND b.status = 'granted' AND b.final_on IS NULL
            JOIN application a ON a.id = m.application_id
            LEFT JOIN (SELECT application_id, milestone, group_concat(DISTINCT insurer) AS payers FROM claim NOT INDEXED WHERE status = 'reached' GROUP BY 1, 2) p
              ON p.application_id = m.application_id AND p.milestone = m.code
            WHERE (m.status = 'expected' OR m.status = 'reached') AND m.due <= ?1
            """ + (insurer == nil ? "" : " AND (a.coordinating = ?2 OR a.second = ?2)"),
            [.text(day.description)] + (insurer.map { [.text($0)] } ?? [])) { r throws(DoorbraakError) in
            DuePayment(application: r.text(0), milestone: r.text(1), due: try Day(parsing: r.text(2)), grantedOn: try Day(parsing: r.text(9)), tariff: r.money(3), paid: r.money(4),
                       status: r.text(5), coordinating: r.text(6), second: r.text(7),
                       paidBy: (r.optionalText(8) ?? "").split(separator: ",").map(String.init).sorted())
        }
        .filter { $0.payableFrom <= day }
        .sorted { ($0.payableFrom, $0.application, $0.milestone) < ($1.payableFrom, $1.application, $1.milestone) }
    }

    /// The quarter a release counts in (`r` the release, `c` its claim): its claim's date; a
    /// release at the close has no claim and counts in the last quarter of the year it is
    /// attributed to (2029-Q4), as `payouts` per year counts it in 2029.
    static let releaseQuarter = "CASE WHEN c.claim_date IS NOT NULL THEN substr(c.claim_date, 1, 4) || '-Q' || ((CAST(substr(c.claim_date, 6, 2) AS INTEGER) + 2) / 3) ELSE r.year || '-Q4' END"

    /// Paid and released per insurer and quarter of the claim (a release at the close in the
    /// last quarter of its year, see `releaseQuarter`), optionally for one insurer.
    public func payoutsByQuarter(insurer: String? = nil) throws(DoorbraakError) -> [(insurer: String, quarter: String, paid: Money, released: Money)] {
        try db.readTransaction { () throws(DoorbraakError) in
            var lines: [String: (paid: Money, released: Money)] = [:]
            let quarter = "substr(d, 1, 4) || '-Q' || ((CAST(substr(d, 6, 2) AS INTEGER) + 2) / 3)"
            for (i, q, m) in try db.rows("SELECT insurer, \(quarter), sum(amount_cents) FROM (SELECT insurer, claim_date AS d, amount_cents FROM claim NOT INDEXED WHERE status = 'reached') GROUP BY 1, 2", [], { r in (r.text(0), r.text(1), r.money(2)) }) {
                lines["\(i)|\(q)", default: (.zero, .zero)].paid += m
            }
            for (i, q, m) in try db.rows("""
                SELECT r.insurer, \(Store.releaseQuarter), sum(r.amount_cents) FROM bovengrens_release r NOT INDEXED LEFT JOIN claim c ON c.claim_id = r.claim_id GROUP BY 1, 2
                """, [], { r in (r.text(0), r.text(1), r.money(2)) }) {
                lines["\(i)|\(q)", default: (.zero, .zero)].released += m
            }
            return lines.map { key, v in
                let parts = key.split(separator: "|").map(String.init)
                return (insurer: parts[0], quarter: parts[1], paid: v.paid, released: v.released)
            }.filter { insurer == nil || $0.insurer == insurer }.sorted { ($0.insurer, $0.quarter) < ($1.insurer, $1.quarter) }
        }
    }

    /// The granted applications as the claim generator needs them, by id, and the ids of the
    /// stored applications that are not granted.
    public func grantedForClaims() throws(DoorbraakError) -> (granted: [GrantedApplication], notGranted: [String]) {
        try db.readTransaction { () throws(DoorbraakError) in
            let apps = try db.rows("SELECT a.id, a.coordinating, a.second FROM application a JOIN beschikking b ON b.application_id = a.id WHERE b.status = 'granted' ORDER BY a.id", []) { r in
                (r.text(0), r.text(1), r.text(2))
            }
            var granted: [GrantedApplication] = []
            for (id, coordinating, second) in apps {
                let providers = try db.cached("SELECT agb FROM application_provider WHERE application_id = ? ORDER BY agb").rowsValue([.text(id)]) { $0.text(0) }
                let milestones = try db.cached("SELECT code, tariff_cents, due FROM application_milestone WHERE application_id = ? ORDER BY code").rowsValue([.text(id)]) { r throws(DoorbraakError) in
                    (code: r.text(0), tariff: r.money(1), due: try Day(parsing: r.text(2)))
                }
                granted.append(GrantedApplication(id: id, coordinating: coordinating, second: second, providers: providers, milestones: milestones))
            }
            let others = try db.rows("SELECT id FROM application WHERE status <> 'granted' ORDER BY id LIMIT 10", []) { $0.text(0) }
            return (granted, others)
        }
    }
}

/// A claim a payout rule refused, as kept.
public struct RefusedClaim: Sendable, Equatable {
    /// The claim id.
    public var claim: String
    /// The rule's code.
    public var code: String
    /// Why.
    public var message: String
    /// The day it was refused.
    public var refusedOn: String
}
