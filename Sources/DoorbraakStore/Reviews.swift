import DoorbraakCore

/// What recording a decision did.
public enum ReviewOutcome: Sendable, Equatable {
    /// Recorded; the application's status after it.
    case recorded(status: ApplicationStatus)
    /// The same insurer recorded exactly this decision before: nothing changed.
    case unchanged
}

extension Store {
    /// Records one insurer's decision under the rules of SPEC §3.4; must run inside a write
    /// transaction. The same decision again is a no-op; any other second decision is refused.
    /// `signed`: the decision comes from a signed file, and must name the version it assessed.
    public func record(_ decision: ReviewDecision, on id: String, today: Day, event: AuditContext, signed: Bool = false) throws(DoorbraakError) -> ReviewOutcome {
        // Its rows as checked beside the writer, or as this transaction's decisions left them
        // (`CheckedReviews`); else read and checked here.
        let checked = checkedReviews.subject(id, in: db)
        let kept: CheckedReviewSubject
        if let checked { kept = checked } else { kept = try keptReviewSubject(id) }
        // The version first: a decision recorded before and sent again naming another version
        // (or, signed, none) is not "unchanged" (an attacker's review of this check).
        if decision.assessedVersion != nil || signed {
            let registered: Int
            if let version = kept.version { registered = version } else { registered = try registeredVersion(of: id) }
            try ReviewRules.requireAssessed(decision, registered: registered, of: id, signed: signed)
        }
        let (decisionName, reason, accepted, rejected) = Store.columns(of: decision)
        let fields = [decisionName, reason ?? "", accepted, rejected, decision.note]
        if let same = kept.decisions.first(where: { $0.insurer == decision.insurer }), same.fields == fields {
            return .unchanged
        }
        let subject = ReviewSubject(id: id, status: try ApplicationStatus(kept: kept.status, of: id), coordinating: kept.coordinating, second: kept.second,
                                    deviations: kept.deviations.split(separator: " ").map(String.init), decidedBy: kept.decisions.map(\.insurer))
        let next = try ReviewRules.apply(decision, to: subject)
        try SubmissionRules.checkBeforeAllocation(id, allocatedOn: try reviewable.allocatedOn(in: self), doing: "decided on")
        // The subject's latest event first: it is never before the receipt, so its date is the
        // one to suggest (a newcomer followed "on or after" the receipt into a second refusal).
        try AuditLog.requireInOrder(in: db, subject: id, on: today)
        try DateOrder.review(on: today, received: try Day(parsing: kept.receivedOn), application: id)
        // From here on this decision writes its application's rows: a chunk checked beside the
        // writer, from the rows as they stood before, no longer speaks for them.
        if writtenAside.transaction == db.transactionNumber { writtenAside.applications.insert(id) }
        try db.cached("INSERT INTO review (application_id, insurer, decision, reason, accepted, rejected, note, decided_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .run([.text(id), .text(decision.insurer), .text(decisionName), .optionalText(reason), .text(accepted), .text(rejected), .text(decision.note), .text(today.description)])
        // A row checked beside the writer is rewritten under its key, holding the bytes checked.
        try rewriting("application", key: id, refusal: {
            DoorbraakError.ledger("application \(id) is no longer as it was checked when its decision was written: the database was changed outside doorbraak during this import; nothing is stored; its administrator finds every such row with `doorbraak audit verify`",
                                  row: RowFinding(table: "application", key: id, change: .changed))
        }) { () throws(DoorbraakError) in
            try db.cached("UPDATE application SET status = ? WHERE id = ?").run([.text(next.rawValue), .text(id)])
        }
        if checked != nil {
            checkedReviews.decided(id, status: next.rawValue, KeptDecision(insurer: decision.insurer, fields: fields), in: db)
        }
        let detail = (reason.map { "\(decisionName) \($0)\(rejected.isEmpty ? "" : " [\(rejected)]")" } ?? "\(decisionName)\(accepted.isEmpty ? "" : " accepting [\(accepted)]")")
            + (decision.assessedVersion.map { " on version \($0)" } ?? "")
        try AuditLog.append(in: db, event.acting(for: "insurer \(decision.insurer)"), action: "review", subject: id, before: kept.status, after: "\(next) (\(detail))" + (decision.note.isEmpty ? "" : " — \(decision.note)"))
        return .recorded(status: next)
    }

    /// What recording a decision on `id` reads, read here from its application and decision
    /// rows, each checked against the chain first (`requireReviewable`); the version is read
    /// only when a decision names one (`registeredVersion`).
    private func keptReviewSubject(_ id: String) throws(DoorbraakError) -> CheckedReviewSubject {
        try requireReviewable(id)
        guard var kept = try db.cached("SELECT status, coordinating, second, deviations, received_on FROM application WHERE id = ?")
            .rowValue([.text(id)], { r in CheckedReviewSubject(status: r.text(0), coordinating: r.text(1), second: r.text(2), deviations: r.text(3), receivedOn: r.text(4)) }) else {
            throw DoorbraakError(.missing, "no application \"\(id)\"", field: "application_id")
        }
        kept.decisions = try db.cached("SELECT insurer, decision, reason, accepted, rejected, note FROM review WHERE application_id = ?")
            .rowsValue([.text(id)]) { r in KeptDecision(insurer: r.text(0), fields: [r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)]) }
        return kept
    }

    /// Replaces insurer U's decision on `id` (`review --revise`, SPEC §3.4) until the round is
    /// allocated; must run inside a write transaction. The first decision stays in the audit trail.
    public func revise(_ decision: ReviewDecision, on id: String, today: Day, event: AuditContext) throws(DoorbraakError) -> ReviewOutcome {
        guard let (status, coordinating, second, deviations, receivedText) = try db.cached("SELECT status, coordinating, second, deviations, received_on FROM application WHERE id = ?")
            .rowValue([.text(id)], { r in (r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)) }) else {
            throw DoorbraakError(.missing, "no application \"\(id)\"", field: "application_id")
        }
        try requireBound("application", [.text(id)])
        try requireBoundChildren("review", of: id)
        let previous = try db.cached("SELECT insurer, decision, reason, accepted, rejected, note FROM review WHERE application_id = ?")
            .rowsValue([.text(id)]) { r in (insurer: r.text(0), decision: r.text(1), reason: r.optionalText(2), accepted: r.text(3), rejected: r.text(4), note: r.text(5)) }
        let allocated = try db.row("SELECT 1 FROM allocation_run WHERE id = 1", [], { _ in true }) != nil
        let subject = ReviewSubject(id: id, status: try ApplicationStatus(kept: status, of: id), coordinating: coordinating, second: second,
                                    deviations: deviations.split(separator: " ").map(String.init), decidedBy: previous.map(\.insurer))
        let other: ReviewDecision.Verdict? = previous.first { $0.insurer != decision.insurer }.map { p in
            p.decision == "approve" ? .approve(accepted: p.accepted.split(separator: " ").map(String.init))
                : .reject(RejectionReason(rawValue: p.reason ?? "") ?? .R9, rejected: p.rejected.split(separator: " ").map(String.init))
        }
        let next = try ReviewRules.revise(decision, to: subject, other: other, allocated: allocated)
        if decision.assessedVersion != nil {
            try ReviewRules.requireAssessed(decision, registered: try registeredVersion(of: id), of: id, signed: false)
        }
        // The subject's latest event first: it is never before the receipt, so its date is the
        // one to suggest (a newcomer followed "on or after" the receipt into a second refusal).
        try AuditLog.requireInOrder(in: db, subject: id, on: today)
        try DateOrder.review(on: today, received: try Day(parsing: receivedText), application: id)
        let (decisionName, reason, accepted, rejected) = Store.columns(of: decision)
        guard let mine = previous.first(where: { $0.insurer == decision.insurer }) else { throw DoorbraakError(.internal, "the decision to revise vanished") }
        try db.cached("UPDATE review SET decision = ?, reason = ?, accepted = ?, rejected = ?, note = ?, decided_on = ? WHERE application_id = ? AND insurer = ?")
            .run([.text(decisionName), .optionalText(reason), .text(accepted), .text(rejected), .text(decision.note), .text(today.description), .text(id), .text(decision.insurer)])
        try db.cached("UPDATE application SET status = ? WHERE id = ?").run([.text(next.rawValue), .text(id)])
        let was = mine.reason.map { "\(mine.decision) \($0)" } ?? mine.decision
        let now = reason.map { "\(decisionName) \($0)\(rejected.isEmpty ? "" : " [\(rejected)]")" } ?? "\(decisionName)\(accepted.isEmpty ? "" : " accepting [\(accepted)]")"
        try AuditLog.append(in: db, event.acting(for: "insurer \(decision.insurer)"), action: "revise", subject: id, before: "\(status), \(decision.insurer) decided \(was)",
                            after: "\(next), \(decision.insurer) revised to \(now) — \(decision.note)")
        return .recorded(status: next)
    }

    private static func columns(of decision: ReviewDecision) -> (String, String?, String, String) {
        switch decision.verdict {
        case .approve(let accepted): return ("approve", nil, accepted.sorted().joined(separator: " "), "")
        case .reject(let reason, let rejected): return ("reject", reason.rawValue, "", rejected.sorted().joined(separator: " "))
        }
    }

    /// The version of `id` registered now, from its application and submission rows as the chain
    /// bound them (`registered`).
    /// A chunk of an import prepared it (`prepareReviews`) when its rows were as bound: the
    /// version is then taken from what that check read.
    func registeredVersion(of id: String) throws(DoorbraakError) -> Int {
        if preparedVersions.transaction == db.transactionNumber, let version = preparedVersions.versions[ExactText(id)] { return version }
        guard let registered = try registered(try ApplicationID(parsing: id)) else {
            throw DoorbraakError(.missing, "no application \"\(id)\"", field: "application_id")
        }
        return registered.version
    }

    /// What recording a decision on `id` rests on and writes, each as the chain bound it: the
    /// application (the decision writes its status, and writing a row binds it anew, so an edit
    /// of it would be laundered into the chain — found in this landing: an application's
    /// requested amount doubled with `sqlite3` before a reviews import was then allocated) and
    /// the decisions on it before (they decide its status). Checked once per transaction.
    /// A refusal says what it means to an assessor: the decision is not recorded, and the file
    /// is not at fault (a newcomer's try: "no money moves on it" read wrong for a review).
    func requireReviewable(_ id: String) throws(DoorbraakError) {
        if reviewable.holds(id, in: db) { return }
        let refusal = { (finding: RowFinding) in
            DoorbraakError.ledger("the decision on \(id) is not recorded: \(finding); the database was changed outside doorbraak, not by your file: its administrator finds every such row with `doorbraak audit verify`", row: finding)
        }
        try requireBound("application", [.text(id)], refusal: refusal)
        try requireBoundChildren("review", of: id, refusal: refusal)
        reviewable.insert(id, in: db)
    }

    /// `requireReviewable` for a chunk of an import's rows at once: one pair of ordered scans per
    /// table. When a row of the chunk is not as bound, nothing is marked: each row's own check
    /// then names its row, with its line.
    public func prepareReviews(of ids: [String]) throws(DoorbraakError) {
        guard !ids.isEmpty, db.inTransaction else { return }
        let keys = ids.map { SQLValue.text($0) }
        var submissions: [Int64: ExactText] = [:]
        var versions: [ExactText: Int] = [:]
        do throws(DoorbraakError) {
            try requireBoundRows("application", of: keys, reading: { c, r throws(DoorbraakError) in
                let seq = try c("submission_seq")
                if !r.isNull(seq) { submissions[r.int64(seq)] = ExactText(r.text(try c("id"))) }
            })
            try requireBoundRows("review", of: keys)
            // The version each application points at, from its submission row as bound (what
            // `registered` reads per review: a file naming the version it assessed).
            try requireBoundRows("submission", of: submissions.keys.sorted().map { .integer($0) }, reading: { c, r throws(DoorbraakError) in
                if let id = submissions[r.int64(try c("seq"))], ExactText(r.text(try c("application_id"))) == id { versions[id] = r.int(try c("version")) }
            })
        } catch where error.code == .ledger {
            return
        }
        for id in ids { reviewable.insert(id, in: db) }
        if preparedVersions.transaction != db.transactionNumber || preparedVersions.versions.count >= PreparedVersions.limit {
            preparedVersions = PreparedVersions(transaction: db.transactionNumber)
        }
        preparedVersions.versions.merge(versions) { _, new in new }
    }

    /// The deviation keys found at submission of `id`, or nil when there is no such application;
    /// read in the caller's transaction (one indexed lookup, for an import's R3 rows), from the
    /// row as the chain bound it.
    public func deviations(of id: String) throws(DoorbraakError) -> [String]? {
        if let checked = checkedReviews.subject(id, in: db) { return checked.deviations.split(separator: " ").map(String.init) }
        try requireReviewable(id)
        return try db.cached("SELECT deviations FROM application WHERE id = ?").rowValue([.text(id)]) { r in r.text(0).split(separator: " ").map(String.init) }
    }

    /// The decisions on one application.
    public func reviews(of id: String) throws(DoorbraakError) -> [(insurer: String, decision: String, reason: String?, accepted: String, rejected: String, note: String, on: String)] {
        try db.rows("SELECT insurer, decision, reason, accepted, rejected, note, decided_on FROM review WHERE application_id = ? ORDER BY decided_on, insurer", [.text(id)]) { r in
            (insurer: r.text(0), decision: r.text(1), reason: r.optionalText(2), accepted: r.text(3), rejected: r.text(4), note: r.text(5), on: r.text(6))
        }
    }
}

extension Statement {
    /// Binds and reads every row.
    public func rowsValue<T>(_ values: [SQLValue], _ read: (Row) throws(DoorbraakError) -> T) throws(DoorbraakError) -> [T] {
        try bind(values)
        defer { reset() }
        var out: [T] = []
        while try step() { out.append(try read(Row(statement: self))) }
        return out
    }
}

/// The applications whose row and decisions a write transaction found as bound
/// (`requireReviewable`), by id: one lookup per decision instead of two scopes built and looked
/// up (issue 21: 10% of a reviews import). A decision writes both, and binds them at COMMIT, so
/// what was found stays found; a bounded cache. With the allocation's date as checked once in
/// the transaction: no decision writes the allocation.
struct ReviewableApplications {
    static let limit = 100_000
    private var transaction = -1
    private var ids = Set<ExactText>()
    private var allocation: (transaction: Int, day: Day?)?

    func holds(_ id: String, in db: Database) -> Bool {
        db.inTransaction && transaction == db.transactionNumber && ids.contains(ExactText(id))
    }

    mutating func insert(_ id: String, in db: Database) {
        guard db.inTransaction else { return }
        if transaction != db.transactionNumber || ids.count >= ReviewableApplications.limit {
            transaction = db.transactionNumber
            ids.removeAll(keepingCapacity: true)
        }
        ids.insert(ExactText(id))
    }

    /// The allocation's date (`Store.allocatedOn`), read and checked once per write transaction.
    mutating func allocatedOn(in store: Store) throws(DoorbraakError) -> Day? {
        if let allocation, store.db.inTransaction, allocation.transaction == store.db.transactionNumber { return allocation.day }
        let day = try store.allocatedOn()
        if store.db.inTransaction { allocation = (store.db.transactionNumber, day) }
        return day
    }
}

/// One decision kept on an application: the insurer, and its decision, reason (empty for
/// none), accepted and rejected keys and note, compared as a whole with a decision sent again.
struct KeptDecision: Sendable, Equatable {
    let insurer: String
    let fields: [String]
}

/// What recording a decision on one application reads: its status, insurers, deviation keys,
/// day of receipt, registered version (nil: read when a decision names one) and the decisions on
/// it — from its rows as checked.
struct CheckedReviewSubject: Sendable {
    var status: String
    let coordinating: String
    let second: String
    let deviations: String
    let receivedOn: String
    var version: Int?
    var decisions: [KeptDecision] = []
}

/// What a chunk of decisions rests on, found beside the writer (`Store.preparedReviewsAside`):
/// the applications in business-date order for `day`, each application's subject as checked,
/// and the image its application row was checked in — as they stood before the writer's
/// transaction wrote.
public struct PreparedReviewsAside: Sendable {
    let day: Day
    let inOrder: [ExactText]
    let subjects: [ExactText: CheckedReviewSubject]
    let images: [ExactText: CheckedImage]
}

/// The subjects of a reviews import's decisions in one write transaction, by application: as
/// checked beside the writer (`Store.adopt`), then as this transaction's own decisions left them
/// (its status and decisions), so that an application's second decision reads nothing again.
/// Dropped once both insurers decided; a bounded cache (an application no longer in it is read
/// and checked by the writer itself, which is as safe and slower).
struct CheckedReviews {
    static let limit = 10_000
    private var transaction = -1
    private var subjects: [ExactText: CheckedReviewSubject] = [:]

    /// The subject of `id` in the open write transaction, if held.
    func subject(_ id: String, in db: Database) -> CheckedReviewSubject? {
        guard db.inTransaction, transaction == db.transactionNumber, !subjects.isEmpty else { return nil }
        return subjects[ExactText(id)]
    }

    /// Holds the subjects of a chunk checked beside the writer, but none already held: those are
    /// as this transaction left them.
    mutating func adopt(_ adopted: [ExactText: CheckedReviewSubject], in db: Database) {
        if transaction != db.transactionNumber || subjects.count >= CheckedReviews.limit {
            transaction = db.transactionNumber
            subjects.removeAll(keepingCapacity: true)
        }
        subjects.merge(adopted) { held, _ in held }
    }

    /// `id` now has `status` and `decision` besides the decisions before.
    mutating func decided(_ id: String, status: String, _ decision: KeptDecision, in db: Database) {
        guard transaction == db.transactionNumber, var subject = subjects[ExactText(id)] else { return }
        subject.status = status
        subject.decisions.append(decision)
        // In the order the rows are read in (their key: application, insurer).
        subject.decisions.sort { $0.insurer.utf8.lexicographicallyPrecedes($1.insurer.utf8) }
        if subject.decisions.count >= 2 {
            subjects.removeValue(forKey: ExactText(id))
        } else {
            subjects[ExactText(id)] = subject
        }
    }
}

extension Store {
    /// What a chunk of decisions on `ids` rests on, found on a read-only store beside the
    /// importing writer (issue 21: the checks on the second core; `CSVAside`): each
    /// application's row, its decisions and its submission, checked against the chain and read
    /// from the bytes checked, and which applications are in business-date order for `today`.
    /// Its read transaction began while the writer held its write lock and before it wrote: its
    /// snapshot is the writer's view before its first write. A decision rewrites its application's
    /// row, so the writer takes a subject only for an application it has not written since,
    /// decides on the values checked here, and expects the row to hold the very bytes checked
    /// here when it rewrites it (`RowCapture.expectBeforeRewrite`). Thrown when the chunk cannot
    /// be prepared (a row not as bound): the writer then prepares it itself, and each decision
    /// meets its refusal.
    public func preparedReviewsAside(of ids: [String], today: Day) throws(DoorbraakError) -> PreparedReviewsAside {
        guard db.readOnly, db.inTransaction else {
            throw DoorbraakError(.internal, "a chunk of decisions prepared beside the writer outside a read transaction of a read-only store")
        }
        let keys = ids.map { SQLValue.text($0) }
        var subjects: [ExactText: CheckedReviewSubject] = [:]
        var images: [ExactText: CheckedImage] = [:]
        var submissions: [Int64: ExactText] = [:]
        try requireBoundRows("application", of: keys, reading: { c, r throws(DoorbraakError) in
            let id = ExactText(r.text(try c("id")))
            subjects[id] = CheckedReviewSubject(status: r.text(try c("status")), coordinating: r.text(try c("coordinating")), second: r.text(try c("second")),
                                                deviations: r.text(try c("deviations")), receivedOn: r.text(try c("received_on")))
            let seq = try c("submission_seq")
            if !r.isNull(seq) { submissions[r.int64(seq)] = id }
        }, keeping: { key, image in
            images[ExactText(String(decoding: key, as: UTF8.self))] = CheckedImage(table: "application", key: Array(key), image: Array(image))
        })
        try requireBoundRows("review", of: keys, reading: { c, r throws(DoorbraakError) in
            let id = ExactText(r.text(try c("application_id")))
            subjects[id]?.decisions.append(KeptDecision(insurer: r.text(try c("insurer")), fields: [r.text(try c("decision")), r.text(try c("reason")),
                                                                                                   r.text(try c("accepted")), r.text(try c("rejected")), r.text(try c("note"))]))
        })
        try requireBoundRows("submission", of: submissions.keys.sorted().map { .integer($0) }, reading: { c, r throws(DoorbraakError) in
            if let id = submissions[r.int64(try c("seq"))], ExactText(r.text(try c("application_id"))) == id { subjects[id]?.version = r.int(try c("version")) }
        })
        try AuditLog.noteInOrder(in: db, subjects: ids, on: today)
        return PreparedReviewsAside(day: today, inOrder: ids.map(ExactText.init).filter { db.subjectsInOrder.contains($0.text, on: today, in: db) },
                                    subjects: subjects, images: images)
    }

    /// Takes over what a read-only store found beside this writer (`preparedReviewsAside`) for
    /// the chunk about to be recorded, but nothing of an application this transaction wrote
    /// since it began (`WrittenBesideWriter`); each application taken must hold the bytes
    /// checked when its row is rewritten.
    public func adopt(_ prepared: PreparedReviewsAside) throws(DoorbraakError) {
        guard db.inTransaction, !db.readOnly, let capture = db.rowCapture else { return }
        let written = try writtenBesideWriter()
        for id in prepared.inOrder { db.subjectsInOrder.insert(id.text, on: prepared.day, in: db) }
        var taken: [ExactText: CheckedReviewSubject] = [:]
        for (id, subject) in prepared.subjects where !written.applications.mayContain(id.text) {
            guard let image = prepared.images[id] else { continue }
            capture.expectBeforeRewrite(table: image.table, key: image.key, image: image.image)
            taken[id] = subject
        }
        checkedReviews.adopt(taken, in: db)
    }
}

/// The registered version of each application a chunk of a reviews import rests on, as checked
/// against the chain in that transaction (`prepareReviews`); a bounded cache.
struct PreparedVersions {
    static let limit = 10_000
    var transaction = -1
    var versions: [ExactText: Int] = [:]
}
