import DoorbraakCore
#if canImport(Glibc)
import Glibc
#endif

/// What a request did.
public enum RequestOutcome: Sendable, Equatable {
    /// Pending with the NZa, with its proposed bovengrens. Whether it fits under the ceiling is
    /// decided by `decideBeschikking`, the one place where the ceiling is applied.
    case pending(bovengrens: Money)
    /// The same request (same contract) was made before: nothing changed.
    case unchanged
}

/// One NZa decision.
public enum BeschikkingDecision: Sendable, Equatable {
    /// Granted with this bovengrens.
    case granted(id: String, bovengrens: Money)
    /// Refused with a code and why.
    case refused(id: String, code: ErrorCode, reason: String)

    /// `granted DBM-1` or `refused DBM-1 (E-CEILING)`.
    public var summary: String {
        switch self {
        case .granted(let id, _): return "granted \(id)"
        case .refused(let id, let code, _): return "refused \(id) (\(code))"
        }
    }

    /// The application.
    public var id: String {
        switch self {
        case .granted(let id, _), .refused(let id, _, _): return id
        }
    }
}

/// A beschikking as stored.
public struct BeschikkingRecord: Sendable, Equatable {
    /// Pending, granted or refused.
    public var status: BeschikkingStatus
    /// The contract reference.
    public var contract: String
    /// The (proposed) bovengrens, as granted.
    public var bovengrens: Money
    /// What amendments lowered it by: missed milestones and, when final, the rest above the total paid.
    public var released: Money = .zero
    /// Paid out on it.
    public var paid: Money = .zero
    /// When it became final (every milestone settled), or nil.
    public var finalOn: String?
    /// The bovengrens as it stands now.
    public var current: Money { bovengrens - released }
    /// Request date.
    public var requestedOn: String
    /// Decision date.
    public var decidedOn: String?
    /// Refusal code and reason.
    public var refusal: String?
    /// The prestaties of a granted beschikking: code and tariff.
    public var prestaties: [(code: String, tariff: Money)]

    public static func == (a: BeschikkingRecord, b: BeschikkingRecord) -> Bool {
        a.status == b.status && a.contract == b.contract && a.bovengrens == b.bovengrens && a.requestedOn == b.requestedOn
            && a.decidedOn == b.decidedOn && a.refusal == b.refusal && a.prestaties.map(\.code) == b.prestaties.map(\.code)
            && a.prestaties.map(\.tariff) == b.prestaties.map(\.tariff) && a.released == b.released && a.paid == b.paid && a.finalOn == b.finalOn
    }
}

/// One line of the NZa's register of beschikkingen (`nza register`).
public struct RegisteredBeschikking: Sendable, Equatable {
    /// The application.
    public var application: String
    /// Its penvoerder (AGB).
    public var penvoerder: String
    /// Coordinating insurer.
    public var coordinating: String
    /// Second insurer.
    public var second: String
    /// The bovengrens as granted.
    public var granted: Money
    /// What amendments lowered it by.
    public var released: Money
    /// Paid on it.
    public var paid: Money
    /// The day it was granted.
    public var decidedOn: String
    /// The day it became final, if it is.
    public var finalOn: String?
    /// The contract reference.
    public var contract: String
    /// The region.
    public var region: String

    /// The bovengrens as it stands.
    public var current: Money { granted - released }
}

extension Store {
    /// The pending requests larger than the room left: a range read on the partial index
    /// `beschikking_pending_size`, in its order (a test checks the query plan).
    public static let pendingSweep = "SELECT application_id, bovengrens_cents, requested_on FROM beschikking WHERE status = 'pending' AND bovengrens_cents > ? ORDER BY bovengrens_cents"

    /// Records the two-sided request (*tweezijdige aanvraag*, 004 line 246) of providers and
    /// coordinating insurer for an allocated application; runs inside a write transaction.
    /// `requester`: the party a signed contracts file acts for, which must be the application's
    /// coordinating insurer (nil: a typed request, or an unsigned file).
    public func requestBeschikking(_ id: String, contract: String, today: Day, event: AuditContext, requester: PartyID? = nil) throws(DoorbraakError) -> RequestOutcome {
        // Every caller takes the decisions lock before its transaction; a new one that did not is
        // still kept from coming between two batches of `decide --all` (see `holdAgainstDecideAll`).
        try holdAgainstDecideAll()
        guard let (status, requested, deviations, coordinating) = try db.cached("SELECT status, requested_cents, deviations, coordinating FROM application WHERE id = ?")
            .rowValue([.text(id)], { r in (r.text(0), r.money(1), r.text(2), r.text(3)) }) else {
            throw DoorbraakError(.missing, "no application \"\(id)\"", field: "application_id")
        }
        // What the request rests on, as the chain bound it: the application, its allocation and the reviews.
        try requireBound("application", [.text(id)])
        try PartySignature.requireRequester(coordinating: coordinating, actingFor: requester, of: id)
        try requireBound("allocation", [.text(id)])
        try requireBound("allocation_run", [.integer(1)])
        try requireBoundChildren("review", of: id)
        let contract = try ContractReference(parsing: contract).rawValue
        if let (previous, state) = try db.cached("SELECT contract, status FROM beschikking WHERE application_id = ?").rowValue([.text(id)], { r in (r.text(0), r.text(1)) }) {
            // As the chain bound it, before it is called unchanged or quoted (an attacker's
            // review: a contract edited, a request inserted with sqlite3 read "unchanged").
            try requireBound("beschikking", [.text(id)])
            if previous == contract { return .unchanged }
            throw DoorbraakError(.request, "\(id) was already requested with contract \(previous) (now \(state)); a request is made once", field: "contract")
        }
        // A request made before is unchanged also after the period (a newcomer's contracts file
        // sent again in 2030 got E-PERIOD for every row); a new one is refused.
        try SpendingPeriod.check(today, doing: "a beschikking cannot be requested")
        // A beschikking deleted outside doorbraak is named, not taken for none requested.
        try requireBound("beschikking", [.text(id)], absent: true)
        guard status == "allocated" else {
            throw DoorbraakError(.request, "\(id) is \(status); only an allocated application can be requested", field: "application_id")
        }
        // A new request, not one made before with this contract (a newcomer's try: a contracts
        // file sent again while a run was stopped printed the refusal once per row).
        try requireNoUnfinishedDecideAll()
        if let allocated = try db.cached("SELECT coalesce(a.reallocated_on, r.run_on) FROM allocation a, allocation_run r WHERE a.application_id = ? AND r.id = 1")
            .rowValue([.text(id)], { r in r.text(0) }) {
            try DateOrder.request(on: today, allocated: try Day(parsing: allocated), application: id)
        }
        // The insurers declare that every deviation from the model plan was approved (004 line 247).
        let reviews = try db.rows("SELECT decision, accepted FROM review WHERE application_id = ?", [.text(id)]) { r in (r.text(0), Set(r.text(1).split(separator: " ").map(String.init))) }
        let keys = Set(deviations.split(separator: " ").map(String.init))
        guard reviews.count == 2, reviews.allSatisfy({ $0.0 == "approve" && keys.isSubset(of: $0.1) }) else {
            throw DoorbraakError(.declaration, "the insurers' approval of every deviation is not on record for \(id)")
        }
        try checkKeptTotals()
        try AuditLog.requireInOrder(in: db, subject: id, on: today)
        try AuditLog.requireLedgerInOrder(in: db, on: today)
        try db.run("INSERT INTO beschikking (application_id, contract, bovengrens_cents, status, requested_on) VALUES (?, ?, ?, 'pending', ?)",
                   [.text(id), .text(contract), .money(requested), .text(today.description)])
        try db.run("UPDATE application SET status = 'requested' WHERE id = ?", [.text(id)])
        try db.run("UPDATE ledger SET pending_cents = pending_cents + ? WHERE id = 1", [.money(requested)])
        try AuditLog.append(in: db, event, action: "nza-request", subject: id, before: status, after: "requested, contract \(contract), proposed bovengrens \(requested)")
        return .pending(bovengrens: requested)
    }

    /// The ceiling totals as kept.
    func macroCeiling() throws(DoorbraakError) -> MacroCeiling {
        guard let ceiling = try db.cached("SELECT ceiling_cents, granted_cents, released_cents FROM ledger WHERE id = 1").rowValue([], { r in
            MacroCeiling(ceiling: r.money(0), granted: r.money(1), released: r.money(2))
        }) else { throw DoorbraakError.missingRow("ledger", in: db) }
        return ceiling
    }

    /// Decides one pending request in one `BEGIN IMMEDIATE` transaction: re-reads the kept totals,
    /// grants when committed + bovengrens ≤ ceiling, else refuses with E-CEILING; then refuses every
    /// other pending request that no longer fits. Returns every decision taken.
    public func decideBeschikking(_ id: String, today: Day, event: AuditContext) throws(DoorbraakError) -> [BeschikkingDecision] {
        try holdAgainstDecideAll()
        return try db.writeTransaction { () throws(DoorbraakError) -> [BeschikkingDecision] in
            try decideInTransaction(id, today: today, event: event)
        }
    }

    /// One decision inside the caller's write transaction (see `decideBeschikking`). A request
    /// already decided is `E-REQUEST` before anything is written.
    private func decideInTransaction(_ id: String, today: Day, event: AuditContext) throws(DoorbraakError) -> [BeschikkingDecision] {
        guard let (status, bovengrens) = try db.cached("SELECT status, bovengrens_cents FROM beschikking WHERE application_id = ?").rowValue([.text(id)], { r in (r.text(0), r.money(1)) }) else {
            throw try noRequest(id)
        }
        try requireBound("beschikking", [.text(id)])
        guard try BeschikkingStatus(kept: status, of: id) == .pending else {
            throw DoorbraakError(.request, "the request for \(id) was already decided: \(status)")
        }
        try requireNoUnfinishedDecideAll()
        try requireDecidableOn(today, id)
        try AuditLog.requireLedgerInOrder(in: db, on: today)
        try checkKeptTotals()
        let decision: BeschikkingDecision
        switch CeilingDecision(bovengrens, under: try macroCeiling(), on: today) {
        case .grant(let after):
            try grant(id, bovengrens: bovengrens, today: today, event: event, after: after)
            decision = .granted(id: id, bovengrens: bovengrens)
        case .refuse(let code, let reason):
            try refuse(id, bovengrens: bovengrens, reason: reason, code: code, today: today, event: event)
            decision = .refused(id: id, code: code, reason: reason)
        }
        return [decision] + (try sweep(leaving: try macroCeiling().remaining, today: today, event: event))
    }

    /// Lopende aanvragen afwijzen: every pending request larger than the room `remaining` is
    /// refused. A request dated after today is not yet there to refuse; its own decision refuses it.
    private func sweep(leaving remaining: Money, today: Day, event: AuditContext) throws(DoorbraakError) -> [BeschikkingDecision] {
        // The requests to refuse are found by their status and size, so every pending request is
        // first found as the chain bound it; the kept pending total (checked before) holds their
        // sum, so none is hidden by a changed status either (an attacker's review: a pending
        // bovengrens lowered for the length of one decision, and another raised by as much, kept
        // a request that no longer fit from its refusal, to be granted later from released room).
        let pending = try db.cached("SELECT application_id FROM beschikking WHERE status = 'pending'").rowsValue([]) { r in SQLValue.text(r.text(0)) }
        if !pending.isEmpty { try requireBoundRows("beschikking", of: pending) }
        let overrunning = try db.cached(Store.pendingSweep).rowsValue([.money(remaining)]) { r in (r.text(0), r.money(1), r.text(2)) }
        var refused: [BeschikkingDecision] = []
        for (other, size, requested) in overrunning where requested <= today.description {
            let reason = "bovengrens \(size) no longer fits the \(remaining) left under the macro ceiling"
            try refuse(other, bovengrens: size, reason: reason, today: today, event: event)
            refused.append(.refused(id: other, code: .ceiling, reason: reason))
        }
        return refused
    }

    /// How many decisions `decideAll` commits per transaction: `DOORBRAAK_DECIDE_BATCH`, else
    /// 5,000 (about a second and a half of holding the write lock at 100,000 requests, well
    /// inside another writer's busy timeout of 10 s).
    public static var decisionBatch: Int {
        getenv("DOORBRAAK_DECIDE_BATCH").flatMap { Int(String(cString: $0)) }.map { max(1, min($0, 100_000)) } ?? 5000
    }

    /// `E-USAGE` when `DOORBRAAK_DECIDE_BATCH` is set to something that is no number: said, not
    /// taken silently as 5,000 (a newcomer's try). A number outside 1–100,000 is clamped.
    public static func requireDecisionBatchSetting() throws(DoorbraakError) {
        guard let text = getenv("DOORBRAAK_DECIDE_BATCH").map({ String(cString: $0) }), Int(text) == nil else { return }
        throw DoorbraakError(.usage, "DOORBRAAK_DECIDE_BATCH=\(text) is not a number of decisions per transaction (1 to 100,000)")
    }

    private func grant(_ id: String, bovengrens: Money, today: Day, event: AuditContext, after: MacroCeiling) throws(DoorbraakError) {
        // The grant rests on the application, its allocation, the insurers' reviews (their approval
        // was declared at the request), its plan, its registered document and milestones: checked
        // here, in the grant's own transaction, before they are read (a plan row deleted with
        // `sqlite3` gave exit 70 when read first; found by the no-laundering suite).
        try requireDecidable(id)
        guard let (theme, planCode, submission) = try db.cached("SELECT a.theme, p.code, a.submission_seq FROM application a JOIN plan p ON p.id = a.plan WHERE a.id = ?")
            .rowValue([.text(id)], { r in (r.text(0), r.text(1), r.int64(2)) }) else {
            throw DoorbraakError(.internal, "application \(id) of a request is missing")
        }
        let milestones = try db.cached("SELECT code, tariff_cents FROM application_milestone WHERE application_id = ? ORDER BY code").rowsValue([.text(id)]) { r in (code: r.text(0), tariff: r.money(1)) }
        // The spending per year from the registered document (checked against its SHA-256 with
        // the rest of what the grant rests on), read by SQLite's JSON functions, amounts exactly.
        let budget = try db.cached("SELECT json_extract(b.value, '$.year'), json_extract(b.value, '$.amount') FROM submission s, json_each(s.document, '$.budget') b WHERE s.seq = ?")
            .rowsValue([.integer(submission)]) { r in (year: r.int64(0), amount: r.text(1)) }
        var totals = GrantTotals()
        try writeGrant(id, GrantFacts(theme: theme, planCode: planCode, milestones: milestones, budget: budget), bovengrens: bovengrens,
                       today: today, event: event, after: after, into: &totals)
        try write(totals)
    }

    /// What a grant writes, read before it: the application's theme and plan code, its
    /// milestones and the spending per year of its registered document (amounts as written).
    struct GrantFacts {
        var theme: String
        var planCode: String
        var milestones: [(code: String, tariff: Money)]
        var budget: [(year: Int64, amount: String)]
    }

    /// What the grants of one transaction add to the kept totals (ledger, theme, year), written
    /// once before it commits (`write(_:)`).
    struct GrantTotals {
        var granted = Money.zero
        var themes: [String: Money] = [:]
        var years: [Int64: Money] = [:]
    }

    /// Grants `id`: the beschikking, the application's status, a prestatie per milestone and the
    /// audit event; its amounts are added to `totals`, which the caller writes before COMMIT.
    private func writeGrant(_ id: String, _ facts: GrantFacts, bovengrens: Money, today: Day, event: AuditContext, after: MacroCeiling,
                            into totals: inout GrantTotals) throws(DoorbraakError) {
        // The sum of the tariffs never exceeds the bovengrens (004 line 253, last sentence).
        guard facts.milestones.map(\.tariff).sum() <= bovengrens else {
            throw DoorbraakError(.internal, "the tariffs of \(id) add up to more than its bovengrens")
        }
        try db.cached("UPDATE beschikking SET status = 'granted', decided_on = ? WHERE application_id = ?").run([.text(today.description), .text(id)])
        try db.cached("UPDATE application SET status = 'granted' WHERE id = ?").run([.text(id)])
        let insert = try db.cached("INSERT INTO prestatie (application_id, milestone, code, tariff_cents) VALUES (?, ?, ?, ?)")
        for (code, tariff) in facts.milestones { try insert.run([.text(id), .text(code), .text("\(facts.planCode)-\(code)"), .money(tariff)]) }
        totals.granted += bovengrens
        totals.themes[facts.theme, default: .zero] += bovengrens
        for (year, amount) in facts.budget { totals.years[year, default: .zero] += try Money(parsing: amount, notation: .json) }
        try AuditLog.append(in: db, event, action: "nza-decide", subject: id, before: "requested",
                            after: "granted, bovengrens \(bovengrens), \(facts.milestones.count) prestaties \(facts.planCode)-M…; committed \(after.committed) of \(after.ceiling)")
    }

    /// Adds the grants' amounts to the kept totals: the ledger (granted up, pending down by the
    /// same), each theme and each spending year.
    private func write(_ totals: GrantTotals) throws(DoorbraakError) {
        guard totals.granted > .zero || !totals.themes.isEmpty else { return }
        try db.cached("UPDATE ledger SET granted_cents = granted_cents + ?, pending_cents = pending_cents - ? WHERE id = 1").run([.money(totals.granted), .money(totals.granted)])
        let theme = try db.cached("UPDATE theme SET granted_cents = granted_cents + ? WHERE theme = ?")
        for (name, amount) in totals.themes.sorted(by: { $0.key < $1.key }) { try theme.run([.money(amount), .text(name)]) }
        let year = try db.cached("UPDATE ledger_year SET granted_cents = granted_cents + ? WHERE year = ?")
        for (spendingYear, amount) in totals.years.sorted(by: { $0.key < $1.key }) { try year.run([.money(amount), .integer(spendingYear)]) }
    }

    func refuse(_ id: String, bovengrens: Money, reason: String, code: ErrorCode = .ceiling, today: Day, event: AuditContext) throws(DoorbraakError) {
        // The rows a refusal writes, as the chain bound them: writing a row binds it anew, so an
        // edit of it would otherwise be laundered into the chain (found by an attacker's review:
        // an application edited, then refused by the sweep).
        try requireBound("beschikking", [.text(id)])
        try requireBound("application", [.text(id)])
        try db.cached("UPDATE beschikking SET status = 'refused', decided_on = ?, refusal_code = ?, refusal_reason = ? WHERE application_id = ?")
            .run([.text(today.description), .text(code.rawValue), .text(reason), .text(id)])
        try db.cached("UPDATE application SET status = 'refused' WHERE id = ?").run([.text(id)])
        try db.cached("UPDATE ledger SET pending_cents = pending_cents - ? WHERE id = 1").run([.money(bovengrens)])
        try AuditLog.append(in: db, event, action: "nza-decide", subject: id, before: "requested", after: "refused \(code): \(reason)")
    }

    /// Decides every pending request as the allocation ranking has it, `batch` decisions per
    /// transaction (issue 21: one fsync per batch, not per decision), each batch all-or-nothing.
    /// The run holds the decisions lock (`DecisionLock`) from before its plan to its last commit,
    /// so no request, withdrawal, single decision or release comes between its batches.
    /// First every row the grants rest on is checked (one ordered scan per table,
    /// `decidedOnTables`, so an edited row refuses the whole run before its first decision) and
    /// the decisions are planned in rank order (`DecisionPlan`, from the very rows checked); then
    /// they are written in the plan's order — the grants, then the refusals, each in key order —
    /// and each is `CeilingDecision` on the kept totals of its own transaction, which must agree
    /// with the plan. So the ceiling holds at every commit; a kill between batches leaves the
    /// decided ones decided, and a re-run plans the rest and ends where an uninterrupted run ends.
    /// Each batch reads `PRAGMA data_version` under its write lock. While no other connection has
    /// committed since the plan, it checks again the rows it writes (the beschikking and the
    /// application: writing a row binds it anew, so an edit of it would be laundered) and grants
    /// on the values the plan's check compared, never read again. Once another connection
    /// committed (a party registered, a cost line imported: nothing that changes who is granted),
    /// each batch checks everything its requests rest on again in its own transaction and grants
    /// on the values it checked; it never plans again (an attacker's review: planning again after
    /// every other commit let a process committing every 0.1 s hold the run off for good). A
    /// failure halfway (another process edited a row meanwhile) rolls its batch back and is thrown
    /// counting the decisions committed before it.
    /// `committed` gets each batch's decisions once it is committed (so that they are shown even
    /// when a later batch stops the run). With `secondThread`, the plan reads the requests'
    /// documents and checks three of its tables on a second thread (`PlanAside`).
    public func decideAll(today: Day, event: AuditContext, batch: Int = Store.decisionBatch, secondThread: Bool = true,
                          committed: ([BeschikkingDecision]) -> Void = { _ in }) throws(DoorbraakError) -> [BeschikkingDecision] {
        // This store's own shared hold (a command that requested or paid before, the demo) is let
        // go first: its later changes take it again.
        decisionLock = nil
        let lock = try DecisionLock(database: db.path, mode: .deciding, timeoutMilliseconds: db.busyTimeoutMilliseconds)
        defer { withExtendedLifetime(lock) {} }
        var decisions: [BeschikkingDecision] = []
        // The WAL is checkpointed once at the end instead of after every batch: a checkpoint per
        // batch wrote the pages twice (WAL and file, each synced). Commits stay synced; this
        // connection only.
        try db.execute("PRAGMA wal_autocheckpoint = 100000")
        // A batch writes the rows, their bindings and events; a page cache of 64 MB keeps them
        // until COMMIT instead of spilling them to the WAL halfway and reading them back (SQLite's
        // default is 2 MB). This run only: it raises the peak memory of `decide --all` to about
        // 210 MB at 100,000 requests (240 MB with the plan's second connection, `PlanAside`).
        try db.execute("PRAGMA cache_size = -65536")
        try requireRerunWithinThePeriod(on: today)
        let plan = try checkedPlan(today: today, secondThread: secondThread)
        Store.afterDecisionPlan?(db.path)
        let order = plan.decisions.writeOrder
        var next = 0
        var newest = plan.head
        while next < order.count {
            let ids = Array(order[next..<min(next + batch, order.count)])
            let taken: [BeschikkingDecision]
            do throws(DoorbraakError) {
                taken = try db.writeTransaction { () throws(DoorbraakError) -> [BeschikkingDecision] in
                    let unchanged = try db.integer("PRAGMA data_version") == plan.version
                    try Store.requireChainNotBefore(newest, in: db)
                    // A run of more than one transaction is on record from its first commit to its
                    // end: until then nothing that changes who is granted is taken, also after a
                    // kill (see `requireNoUnfinishedDecideAll`).
                    if next == 0, order.count > batch, try unfinishedDecideAll() == nil {
                        try db.cached("INSERT INTO decide_all_run (id, begun_on, planned) VALUES (1, ?, ?)").run([.text(today.description), .int(order.count)])
                        try AuditLog.append(in: db, event, action: "nza-decide-all", subject: Store.decideAllSubject, before: "-",
                                            after: "begun: \(order.count) decisions planned in the ranking (\(plan.decisions.grants.count) grants, \(plan.decisions.refusals.count) refusals), \(batch) per transaction")
                    }
                    return try writeDecisions(ids, of: plan, checked: unchanged, today: today, event: event)
                }
            } catch where !decisions.isEmpty {
                // The decisions committed went to `committed` as they were; the error counts them,
                // and says what the unfinished run holds off (a second review).
                var stopped = error
                stopped.message += "; \(decisions.count) decision\(decisions.count == 1 ? " was" : "s were") committed before it stopped (`doorbraak nza register` lists the beschikkingen granted)"
                if (try? unfinishedDecideAll()) != nil {
                    stopped.message += "; the run has not ended: until `doorbraak nza decide --all` is run again to its end, no request, withdrawal or single decision is taken"
                }
                throw stopped
            }
            committed(taken)
            newest = try AuditLog.lastEvent(in: db).0
            decisions += taken
            next += ids.count
            Store.betweenDecisionBatches?(db.path)
        }
        // The same text however many runs it took (a re-run after a kill ends where an
        // uninterrupted run ends, its trail included: the crash suite compares them).
        if try unfinishedDecideAll() != nil {
            try db.writeTransaction { () throws(DoorbraakError) in
                guard try unfinishedDecideAll() != nil else { return }
                try db.cached("DELETE FROM decide_all_run").run([])
                try AuditLog.append(in: db, event, action: "nza-decide-all", subject: Store.decideAllSubject, before: "begun",
                                    after: "ended: every request it planned is decided")
            }
        }
        return decisions
    }

    /// `E-AUDIT` when the chain ends before event `seq`, one this run read or committed: events
    /// are only ever added, so the database's files were replaced or rolled back while it ran (a
    /// second attacker's review: another -wal renamed in as the plan's second connection opened,
    /// with the shared -shm's header zeroed, rebuilt the index from it, and the grants still in
    /// the -wal were lost behind the run's back). Nothing more is granted.
    static func requireChainNotBefore(_ seq: Int64, in db: Database) throws(DoorbraakError) {
        let last = try AuditLog.lastEvent(in: db).0
        guard last < seq else { return }
        throw DoorbraakError(.audit, "the audit chain now ends at event \(last), before event \(seq) that this run read or committed: the database's files were replaced or rolled back while it ran; nothing more is granted (`doorbraak audit verify --head` with a head noted before the run shows what is missing)")
    }

    /// The subject of the events that open and close a `decide --all` of more than one transaction.
    static let decideAllSubject = "nza decide --all"

    /// A `decide --all` of more than one transaction that was stopped before its end, for a view:
    /// the event it began at (its number and business date); nil when none.
    /// A run going on now is not stopped (a third review: `ceiling` called a running one stopped).
    public func stoppedDecideAll() throws(DoorbraakError) -> (seq: Int64, on: String)? {
        guard let unfinished = try unfinishedDecideAll(), !DecisionLock.isDeciding(database: db.path) else { return nil }
        return unfinished
    }

    /// The event (its number and business date) that began a `decide --all` of more than one
    /// transaction that has not ended — killed, or stopped by an error; nil when none.
    func unfinishedDecideAll() throws(DoorbraakError) -> (seq: Int64, on: String)? {
        // The run's row, as the chain bound it, decides (its newest event, read as written, was
        // edited for the length of one command to take a single decision: an attacker's review).
        try requireBoundTable("decide_all_run")
        let begun = try db.cached("SELECT begun_on FROM decide_all_run WHERE id = 1").rowValue([]) { r in r.text(0) }
        let marker = try db.cached("SELECT seq, on_day, after FROM audit_event WHERE subject = ? ORDER BY seq DESC LIMIT 1")
            .rowValue([.text(Store.decideAllSubject)], { r in (seq: r.int64(0), on: r.optionalText(1) ?? "", after: r.text(2)) })
        if let begun { return (marker?.seq ?? 0, begun) }
        // A run begun before the row was kept (schema version 17 and before): its events say.
        guard let marker, marker.after.hasPrefix("begun") else { return nil }
        return (marker.seq, marker.on)
    }

    /// `E-STATE` while a `decide --all` that began is not ended: its committed grants are some of
    /// its plan's, not the ranking's first, so no request, withdrawal or single decision — what
    /// changes which requests compete — is taken until a run of it ends (an attacker's review: a
    /// request made after a stopped run, before the re-run, refused a request ranked before one
    /// already granted). Read under the caller's write lock. A payment or a release is taken: it
    /// changes no request, and room it frees goes to the re-run's plan in the ranking.
    func requireNoUnfinishedDecideAll() throws(DoorbraakError) {
        guard let (seq, on) = try unfinishedDecideAll() else { return }
        throw DoorbraakError(.state, "the NZa's `nza decide --all` of \(on) (event \(seq)) was stopped before its end; until the NZa runs it again to its end (dated \(on), the day it began), no new request, withdrawal of a pending request, single decision or close of the period is taken (that run decides every pending request)")
    }

    /// `E-DATE` when a re-run of a `decide --all` that began within the spending period is dated
    /// after it: its planned grants would all be refused for the period, and the requests granted
    /// before the stop would stand by id, not by rank (a third review: a run stopped on
    /// 2029-12-31 and run again on 2030-01-02 left € 119 mln unused).
    private func requireRerunWithinThePeriod(on today: Day) throws(DoorbraakError) {
        guard today > SpendingPeriod.lastDay, let (seq, on) = try unfinishedDecideAll(), let began = try? Day(parsing: on),
              began <= SpendingPeriod.lastDay else { return }
        throw DoorbraakError(.date, "`nza decide --all` of \(on) (event \(seq)) was stopped before its end, within the spending period; run it again dated \(on), the day it began (at the latest \(SpendingPeriod.lastDay)), not \(today)")
    }

    /// For a test: runs after each committed batch of `decideAll`, with the database's path.
    nonisolated(unsafe) static var betweenDecisionBatches: ((String) -> Void)?
    /// For a test: runs once `decideAll` has planned, before its first batch.
    nonisolated(unsafe) static var afterDecisionPlan: ((String) -> Void)?

    /// What `decideAll` decides, with what it read to plan it: the data version it was read at,
    /// each pending request's bovengrens, and what each grant writes (from the rows checked).
    private struct CheckedPlan {
        var decisions: DecisionPlan
        /// The plan's grants, to look up (built once, not per batch: 3% of a run at 100,000).
        var granting: Set<String>
        var bovengrens: [String: Money]
        var facts: [String: GrantFacts]
        var version: Int64
        /// The newest event the plan read: a batch that finds the chain ending before it (or
        /// before the last batch's) stops.
        var head: Int64
    }

    /// In one read transaction: every row of the tables a grant rests on as the chain bound it
    /// (see `requireDecidable`), table by table in one ordered scan each instead of a lookup per
    /// request; each pending request's document against the SHA-256 of its checked row; the kept
    /// totals; the dates; then the plan, in the allocation ranking. The ranking, the dates and
    /// what each grant writes are taken from the very rows checked (a second read of the file
    /// could find other bytes). With `secondThread`, three tables and the documents are checked
    /// and read on a second connection beside (`PlanAside`).
    private func checkedPlan(today: Day, secondThread: Bool) throws(DoorbraakError) -> CheckedPlan {
        try db.readTransaction { () throws(DoorbraakError) -> CheckedPlan in
            var requested: [String: (on: String, bovengrens: Money)] = [:]
            var candidates: [String: (theme: String, requested: Money, fte: Int64, plan: String, submission: Int64)] = [:]
            var milestones: [String: [(code: String, tariff: Money)]] = [:]
            var planCodes: [String: String] = [:]
            var digests: [Int64: String] = [:]
            var seed = ""
            let head = try AuditLog.lastEvent(in: db).0
            // The second core checks the tables no grant takes a value from and reads the
            // documents, on a connection whose snapshot begins after this one's (`PlanAside`).
            let aside = secondThread ? PlanAside.start(path: db.path, plan: (db.openedFiles, try chainHeadText())) : nil
            defer { aside?.finish() }
            for table in Store.decidedOnTables {
                if aside != nil, PlanAside.tables.contains(table) { continue }
                switch table {
                case "beschikking":
                    try requireBoundTable(table) { c, r throws(DoorbraakError) in
                        if try BeschikkingStatus(kept: r.text(try c("status")), of: r.text(0)) == .pending {
                            requested[r.text(0)] = (r.text(try c("requested_on")), r.money(try c("bovengrens_cents")))
                        }
                    }
                case "application":
                    try requireBoundTable(table) { c, r throws(DoorbraakError) in
                        candidates[r.text(0)] = (r.text(try c("theme")), r.money(try c("requested_cents")), r.int64(try c("fte_tenths")),
                                                 r.text(try c("plan")), r.int64(try c("submission_seq")))
                    }
                    // The requests and their submissions are known (the beschikkingen come first):
                    // their documents are read beside the scans of the other tables.
                    aside?.readDocuments(of: requested.keys.compactMap { candidates[$0]?.submission })
                case "allocation_run":
                    try requireBoundTable(table) { c, r throws(DoorbraakError) in seed = r.text(try c("seed")) }
                case "application_milestone":
                    // The beschikkingen come first in `decidedOnTables`: the requests are known here.
                    try requireBoundTable(table) { c, r throws(DoorbraakError) in
                        let id = r.text(try c("application_id"))
                        if requested[id] != nil { milestones[id, default: []].append((code: r.text(try c("code")), tariff: r.money(try c("tariff_cents")))) }
                    }
                case "plan":
                    try requireBoundTable(table) { c, r throws(DoorbraakError) in planCodes[r.text(0)] = r.text(try c("code")) }
                case "submission":
                    try requireBoundTable(table) { c, r throws(DoorbraakError) in digests[r.int64(try c("seq"))] = r.text(try c("content_sha256")) }
                default:
                    try requireBoundTable(table)
                }
            }
            // The tables checked beside: refused as they would be here; checked here when the second
            // connection could not show it reads this file and chain.
            switch aside?.checkedTables() {
            case .refused(let error): throw error
            case .notTheSame: for table in PlanAside.tables { try requireBoundTable(table) }
            case .checked, nil: break
            }
            // A document read beside counts only when it hashes to what its checked row holds; the
            // rest are read here, as they were before.
            var budgets: [Int64: [(year: Int64, amount: String)]] = [:]
            var unread: [Int64] = []
            let besideRead = aside?.documents() ?? [:]
            for seq in requested.keys.compactMap({ candidates[$0]?.submission }) {
                if let document = besideRead[seq], let digest = digests[seq], document.sha256 == digest { budgets[seq] = document.budget } else { unread.append(seq) }
            }
            budgets.merge(try checkedBudgets(ofSubmissions: unread, digests: digests)) { first, _ in first }
            // The kept totals after the rows, so that an edited row is named rather than the total
            // it skews.
            try checkKeptTotals()
            let version = try db.integer("PRAGMA data_version")
            // Nothing pending: nothing is decided, whatever the date (a newcomer's try: a
            // back-dated run with nothing to decide was refused for its date order). The rows
            // and kept totals are checked all the same.
            let nothing = DecisionPlan(ranked: [], under: try macroCeiling(), on: today)
            if requested.isEmpty { return CheckedPlan(decisions: nothing, granting: [], bovengrens: [:], facts: [:], version: version, head: head) }
            try AuditLog.requireLedgerInOrder(in: db, on: today)
            // Today may decide them all when the NZa's rules are in force and it may decide the
            // one requested last.
            try DateOrder.require(today, notBefore: DateOrder.nzaRulesInForce, "a decision", follows: "the day the NZa's rules take effect (004 line 284)")
            if let (id, on) = requested.max(by: { ($0.value.on, $1.key) < ($1.value.on, $0.key) }) {
                try DateOrder.decision(on: today, requested: try Day(parsing: on.on), application: id)
            }
            var facts: [String: GrantFacts] = [:]
            facts.reserveCapacity(requested.count)
            let ranked = try Allocator.ranked(requested.keys.sorted().map { id throws(DoorbraakError) in
                guard let a = candidates[id] else { throw DoorbraakError(.internal, "application \(id) of a request is missing") }
                if let code = planCodes[a.plan], let budget = budgets[a.submission] {
                    facts[id] = GrantFacts(theme: a.theme, planCode: code, milestones: (milestones[id] ?? []).sorted { $0.code < $1.code }, budget: budget)
                }
                return AllocationCandidate(id: try ApplicationID(parsing: id), theme: try Theme(parsing: a.theme), requested: a.requested, fte: Fte(tenths: a.fte))
            }, seed: seed).map(\.id.rawValue)
            let bovengrens = requested.mapValues(\.bovengrens)
            let plan = DecisionPlan(ranked: ranked.map { (id: $0, bovengrens: bovengrens[$0] ?? .zero) }, under: try macroCeiling(), on: today)
            return CheckedPlan(decisions: plan, granting: Set(plan.grants), bovengrens: bovengrens, facts: facts, version: version, head: head)
        }
    }

    /// One batch of `decideAll` inside its write transaction: the requests `ids`, in the plan's
    /// order, each decided by `CeilingDecision` on the kept totals as this transaction leaves
    /// them, which must be what the plan decided (it is: nothing that changes it commits while
    /// the run holds the decisions lock). What a decision writes is checked again for a chunk of
    /// requests at once (`checkedRequests`): with `checked` (no other connection committed since
    /// the plan) only the rows it writes, a grant writing what the plan's check read; else
    /// everything the requests rest on, a grant writing what this check read. The kept totals
    /// are checked once (the transaction reads them before it writes) and the grants' amounts
    /// written to them once, before COMMIT. A request no longer pending is skipped.
    private func writeDecisions(_ ids: [String], of plan: CheckedPlan, checked: Bool, today: Day, event: AuditContext) throws(DoorbraakError) -> [BeschikkingDecision] {
        try AuditLog.requireLedgerInOrder(in: db, on: today)
        let chunks = stride(from: 0, to: ids.count, by: Store.decisionChunk).map { Array(ids[$0..<min($0 + Store.decisionChunk, ids.count)]) }
        do throws(DoorbraakError) {
            try checkKeptTotals()
        } catch {
            // An edited row of the batch is named rather than the total it skews.
            for chunk in chunks { _ = try checkedRequests(chunk, prechecked: nil) }
            throw error
        }
        var ceiling = try macroCeiling()
        var totals = GrantTotals()
        var decisions: [BeschikkingDecision] = []
        for chunk in chunks {
            let requests = try checkedRequests(chunk, prechecked: checked ? plan.facts : nil)
            try AuditLog.requireInOrder(in: db, subjects: chunk.filter { requests[$0]?.status == .pending }, on: today)
            for id in chunk {
                guard let request = requests[id], request.status == .pending else { continue }
                try DateOrder.decision(on: today, requested: try Day(parsing: request.requestedOn), application: id)
                guard request.bovengrens == plan.bovengrens[id] else { throw Store.planOutdated(id) }
                switch (CeilingDecision(request.bovengrens, under: ceiling, on: today), plan.granting.contains(id)) {
                case (.grant(let after), true):
                    guard let grant = request.grant else { throw DoorbraakError(.internal, "application \(id) of a request is missing") }
                    try writeGrant(id, grant, bovengrens: request.bovengrens, today: today, event: event, after: after, into: &totals)
                    ceiling = after
                    decisions.append(.granted(id: id, bovengrens: request.bovengrens))
                case (.refuse(let code, let atCommit), false):
                    // Worded as the ranking decided it (the room at its turn), refused again here
                    // under the room the grants before it leave, which is no larger.
                    let reason = plan.decisions.reasons[id] ?? atCommit
                    try refuse(id, bovengrens: request.bovengrens, reason: reason, code: code, today: today, event: event)
                    decisions.append(.refused(id: id, code: code, reason: reason))
                default:
                    throw Store.planOutdated(id)
                }
            }
        }
        try write(totals)
        return decisions
    }

    /// A decision of `decide --all` that the kept totals no longer decide as planned: something
    /// changed the pending requests or the room without the decisions lock (a version of
    /// doorbraak before it, or `sqlite3`). The run stops rather than decide on a plan that no
    /// longer holds; a re-run plans again.
    private static func planOutdated(_ id: String) -> DoorbraakError {
        DoorbraakError(.state, "\(id) is not decided as planned: the pending requests or the room under the ceiling changed while `nza decide --all` ran, without its lock; run it again to plan what is pending now")
    }

    /// How many requests of a batch are checked and read at once: few enough that the pages
    /// checked are still in the page cache when their decisions write them.
    static let decisionChunk = 250

    /// A request of a batch, read from the rows checked.
    private struct CheckedRequest {
        var status: BeschikkingStatus
        var bovengrens: Money
        var requestedOn: String
        /// What a grant writes; nil until read (a request that is not pending has none).
        var grant: GrantFacts?
    }

    /// The requests `ids` with everything a decision on them rests on, each row as the chain
    /// bound it (see `requireDecidable`), checked set-based — one pair of ordered scans per table
    /// for the chunk, the documents hashed — and read from the very bytes checked: a second read
    /// of the file could find other bytes (found by an attacker's review of a version that checked
    /// on one connection and read on another). A request whose beschikking this transaction
    /// already wrote (a sweep's refusal) comes as it stands, no longer pending; one whose
    /// beschikking is gone (withdrawn meanwhile, its deletion bound) does not come at all.
    /// With `prechecked` (no other connection committed since the check before the first
    /// decision) only the rows a decision writes are checked again — the beschikking and the
    /// application: writing a row binds it anew, so an edit of it would be laundered — and what
    /// a grant writes is taken from `prechecked`, the values that check compared with their
    /// bindings, never read from the file again.
    private func checkedRequests(_ ids: [String], prechecked: [String: GrantFacts]?) throws(DoorbraakError) -> [String: CheckedRequest] {
        var requests: [String: CheckedRequest] = [:]
        try requireBoundRows("beschikking", of: ids.map { .text($0) }) { c, r throws(DoorbraakError) in
            requests[r.text(0)] = CheckedRequest(status: try BeschikkingStatus(kept: r.text(try c("status")), of: r.text(0)), bovengrens: r.money(try c("bovengrens_cents")), requestedOn: r.text(try c("requested_on")))
        }
        // A request without its beschikking now, its deletion bound by the chain (the check above
        // names one deleted outside doorbraak), was taken back by a withdrawal since the run
        // began: like one decided meanwhile, it is not decided (an attacker's review: the run
        // stopped with "no request … run `nza request` first").
        let open = ids.filter { requests[$0]?.status == .pending }.map { SQLValue.text($0) }
        var applications: [String: (theme: String, plan: String, submission: Int64)] = [:]
        try requireBoundRows("application", of: open) { c, r throws(DoorbraakError) in
            applications[r.text(0)] = (r.text(try c("theme")), r.text(try c("plan")), r.int64(try c("submission_seq")))
        }
        if let prechecked {
            for id in applications.keys { requests[id]?.grant = prechecked[id] }
            return requests
        }
        try requireBoundRows("allocation", of: open)
        try requireBoundRows("review", of: open)
        try requireBoundRows("application_provider", of: open)
        try requireBoundRows("prestatie", of: open)
        var milestones: [String: [(code: String, tariff: Money)]] = [:]
        try requireBoundRows("application_milestone", of: open) { c, r throws(DoorbraakError) in
            milestones[r.text(try c("application_id")), default: []].append((code: r.text(try c("code")), tariff: r.money(try c("tariff_cents"))))
        }
        try requireBound("allocation_run", [.integer(1)])
        var planCodes: [String: String] = [:]
        try requireBoundRows("plan", of: Set(applications.values.map(\.plan)).sorted().map { .text($0) }) { c, r throws(DoorbraakError) in
            planCodes[r.text(0)] = r.text(try c("code"))
        }
        var digests: [Int64: String] = [:]
        try requireBoundRows("submission", of: applications.values.map { SQLValue.integer($0.submission) }) { c, r throws(DoorbraakError) in
            digests[r.int64(try c("seq"))] = r.text(try c("content_sha256"))
        }
        let budgets = try checkedBudgets(ofSubmissions: applications.values.map(\.submission), digests: digests)
        for (id, application) in applications {
            guard let code = planCodes[application.plan], let budget = budgets[application.submission] else { continue }
            requests[id]?.grant = GrantFacts(theme: application.theme, planCode: code, milestones: (milestones[id] ?? []).sorted { $0.code < $1.code }, budget: budget)
        }
        return requests
    }

    /// The spending per year of the registered documents `submissions`, each document first
    /// checked against the SHA-256 its checked row holds (`digests`; E-LEDGER otherwise) and
    /// read from the very text hashed, by SQLite's JSON functions, amounts exactly.
    private func checkedBudgets(ofSubmissions submissions: [Int64], digests: [Int64: String]) throws(DoorbraakError) -> [Int64: [(year: Int64, amount: String)]] {
        var budgets: [Int64: [(year: Int64, amount: String)]] = [:]
        try Store.eachDocument(of: submissions, in: db) { seq, document throws(DoorbraakError) in
            if let finding = Store.documentFinding(submission: seq, sha256: digests[seq] ?? "", document: document) { throw Store.refusal(finding) }
            budgets[seq] = try Store.budget(of: document, in: db)
        }
        return budgets
    }

    /// The registered document of each of `submissions` as `db` reads it (for the plan's own
    /// connection and the one beside it, `PlanAside`).
    static func eachDocument(of submissions: [Int64], in db: Database, _ body: (Int64, String) throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        try db.cached("SELECT seq, document FROM submission WHERE seq IN (SELECT value FROM json_each(?1))")
            .each([.text(SQLValue.jsonArray(submissions.map { .integer($0) }))]) { r throws(DoorbraakError) in try body(r.int64(0), r.text(1)) }
    }

    /// The spending per year of a registered `document`, read by SQLite's JSON functions from that
    /// very text, amounts exactly.
    static func budget(of document: String, in db: Database) throws(DoorbraakError) -> [(year: Int64, amount: String)] {
        try db.cached("SELECT json_extract(l.value, '$.year'), json_extract(l.value, '$.amount') FROM json_each(?1, '$.budget') l")
            .rowsValue([.text(document)]) { l in (year: l.int64(0), amount: l.text(1)) }
    }

    /// The error for a decision on `id` without a request: no such application, or no request.
    /// A row deleted outside doorbraak is named, not taken for a request never made (a second
    /// review of this landing: "run `nza request` first" sent the NZa in a loop).
    private func noRequest(_ id: String) throws(DoorbraakError) -> DoorbraakError {
        try requireBound("beschikking", [.text(id)], absent: true)
        guard let status = try db.cached("SELECT status FROM application WHERE id = ?").rowValue([.text(id)], { r in r.text(0) }) else {
            try requireBound("application", [.text(id)], absent: true)
            return DoorbraakError(.missing, "no application \"\(id)\"", field: "application_id")
        }
        // Its status as the chain bound it: a request is only for an allocated application (a
        // newcomer's try: "run `nza request` first" for one not allocated led to E-REQUEST).
        try requireBound("application", [.text(id)])
        guard status == ApplicationStatus.allocated.rawValue else {
            return DoorbraakError(.missing, "no request for a beschikking for \"\(id)\": it is \(status), and only an allocated application is requested (`doorbraak round allocate` decides which)", field: "application_id")
        }
        return DoorbraakError(.missing, "no request for a beschikking for \"\(id)\"; run `doorbraak nza request` first", field: "application_id")
    }

    /// `E-DATE` when a decision on `id` dated `today` would precede its request or 1 January 2027.
    private func requireDecidableOn(_ today: Day, _ id: String) throws(DoorbraakError) {
        if let requested = try db.cached("SELECT requested_on FROM beschikking WHERE application_id = ?").rowValue([.text(id)], { r in r.text(0) }) {
            try DateOrder.decision(on: today, requested: try Day(parsing: requested), application: id)
        }
    }

    /// The tables whose rows a decision rests on (`requireDecidable`); the register documents
    /// besides, by their SHA-256.
    static let decidedOnTables = ["beschikking", "application", "allocation", "allocation_run", "review", "application_milestone", "application_provider", "plan", "submission", "prestatie"]

    /// The rows a decision on `id` rests on, each as the chain bound it (E-LEDGER otherwise).
    func requireDecidable(_ id: String) throws(DoorbraakError) {
        try requireBound("beschikking", [.text(id)])
        try requireBound("application", [.text(id)])
        try requireBound("allocation", [.text(id)])
        try requireBoundChildren("review", of: id)
        try requireBoundChildren("application_milestone", of: id)
        // The coalition the beschikking is granted to (an attacker's review: a member added with
        // sqlite3 was granted on).
        try requireBoundChildren("application_provider", of: id)
        // The prestaties a grant writes: one added outside doorbraak is named, not left to
        // SQLite's UNIQUE constraint halfway through the grant (an attacker's review: exit 70).
        try requireBoundChildren("prestatie", of: id)
        if let (plan, seq) = try db.cached("SELECT a.plan, a.submission_seq FROM application a WHERE a.id = ?").rowValue([.text(id)], { r in (r.text(0), r.int64(1)) }) {
            try requireBound("plan", [.text(plan)])
            try requireBound("submission", [.integer(seq)])
            try requireBoundDocument(ofSubmission: seq)
        }
    }

    /// Every beschikking that was granted, with its penvoerder and figures (`nza register`), by
    /// application; `final` narrows to final (true) or running (false) ones.
    public func register(final: Bool?) throws(DoorbraakError) -> [RegisteredBeschikking] {
        let filter = final.map { $0 ? " AND b.final_on IS NOT NULL" : " AND b.final_on IS NULL" } ?? ""
        return try db.rows("""
            SELECT b.application_id, coalesce(s.lead, ''), a.coordinating, a.second, b.bovengrens_cents, b.released_cents, b.paid_cents,
                   b.decided_on, b.final_on, b.contract, coalesce(a.region, '')
            FROM beschikking b NOT INDEXED JOIN application a ON a.id = b.application_id JOIN submission s ON s.seq = a.submission_seq
            WHERE b.status = 'granted'\(filter) ORDER BY b.application_id
            """, []) { r in
            RegisteredBeschikking(application: r.text(0), penvoerder: r.text(1), coordinating: r.text(2), second: r.text(3), granted: r.money(4),
                                  released: r.money(5), paid: r.money(6), decidedOn: r.optionalText(7) ?? "", finalOn: r.optionalText(8),
                                  contract: r.text(9), region: r.text(10))
        }
    }

    /// The beschikking of an application, or nil.
    public func beschikking(of id: String) throws(DoorbraakError) -> BeschikkingRecord? {
        guard var record = try db.row("SELECT status, contract, bovengrens_cents, requested_on, decided_on, refusal_code, refusal_reason, released_cents, paid_cents, final_on FROM beschikking WHERE application_id = ?", [.text(id)], { r throws(DoorbraakError) in
            BeschikkingRecord(status: try BeschikkingStatus(kept: r.text(0), of: id), contract: r.text(1), bovengrens: r.money(2), released: r.money(7), paid: r.money(8), finalOn: r.optionalText(9),
                              requestedOn: r.text(3), decidedOn: r.optionalText(4), refusal: r.optionalText(5).map { code in "\(code): \(r.text(6))" }, prestaties: [])
        }) else { return nil }
        record.prestaties = try db.rows("SELECT code, tariff_cents FROM prestatie WHERE application_id = ? ORDER BY milestone", [.text(id)]) { r in (code: r.text(0), tariff: r.money(1)) }
        return record
    }

    /// The totals recounted from the rows (for tests and `audit`): must equal the kept totals.
    /// Released, from the milestones: a final beschikking released all but what was paid,
    /// another what was unpaid of its released milestones (SPEC §3.7; a milestone paid in part and
    /// then missed releases the rest only). Narrowed to a theme by appending `AND a.theme = ?`.
    static let recountedReleased = """
        SELECT coalesce(sum(CASE WHEN b.final_on IS NOT NULL
            THEN b.bovengrens_cents - (SELECT coalesce(sum(m.paid_cents), 0) FROM application_milestone m WHERE m.application_id = b.application_id)
            ELSE (SELECT coalesce(sum(m.tariff_cents - m.paid_cents), 0) FROM application_milestone m WHERE m.application_id = b.application_id AND m.status = 'released')
            END), 0)
        FROM beschikking b JOIN application a ON a.id = b.application_id WHERE b.status = 'granted'
        """

    /// `themes` with their granted and released totals recounted from the beschikkingen.
    func recountedThemes(_ themes: [CeilingStatus.ThemeTotal]) throws(DoorbraakError) -> [CeilingStatus.ThemeTotal] {
        var themes = themes
        for i in themes.indices {
            let theme = SQLValue.text(themes[i].theme.rawValue)
            themes[i].granted = Money(cents: try db.integer("SELECT coalesce(sum(b.bovengrens_cents), 0) FROM beschikking b JOIN application a ON a.id = b.application_id WHERE b.status = 'granted' AND a.theme = ?", [theme]))
            themes[i].released = Money(cents: try db.integer(Store.recountedReleased + " AND a.theme = ?", [theme]))
        }
        return themes
    }

    public func recountedCeilingStatus() throws(DoorbraakError) -> CeilingStatus {
        try db.readTransaction { () throws(DoorbraakError) -> CeilingStatus in
            var status = try ceilingStatus()
            status.granted = Money(cents: try db.integer("SELECT coalesce(sum(bovengrens_cents), 0) FROM beschikking WHERE status = 'granted'"))
            status.pending = Money(cents: try db.integer("SELECT coalesce(sum(bovengrens_cents), 0) FROM beschikking WHERE status = 'pending'"))
            status.released = Money(cents: try db.integer(Store.recountedReleased))
            status.paid = Money(cents: try db.integer("SELECT coalesce(sum(paid_cents), 0) FROM application_milestone"))
            status.themes = try recountedThemes(status.themes)
            var years: [Int: Money] = [:]
            // The budget lines of the granted documents read as the grant reads them (SQLite's JSON
            // functions, amounts as written), one line at a time. A document that no longer reads
            // is named by the row check (its SHA-256); the recount goes on without it, so the year
            // totals then differ too.
            let lines = try db.prepare("""
                SELECT json_extract(l.value, '$.year'), json_extract(l.value, '$.amount')
                FROM beschikking b JOIN application a ON a.id = b.application_id JOIN submission s ON s.seq = a.submission_seq,
                     json_each(s.document, '$.budget') l
                WHERE b.status = 'granted' AND json_valid(s.document)
                """)
            while try lines.step() {
                let r = Row(statement: lines)
                guard !r.isNull(0), !r.isNull(1), let amount = try? Money(parsing: r.text(1), notation: .json) else { continue }
                years[Int(truncatingIfNeeded: r.int64(0)), default: .zero] += amount
            }
            status.years = status.years.map { (year: $0.year, granted: years[$0.year] ?? .zero) }
            return status
        }
    }
}
