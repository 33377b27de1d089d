import DoorbraakCore

/// What storing one cost line or measurement did.
public enum VerantwoordingOutcome: Sendable, Equatable {
    /// Stored for the first time; for a cost line, the findings (P2, P3, P4, P6) it carries and,
    /// when its amount alone is above its provider's whole coalition amount, that amount
    /// (`CostLine.isAboveShare`: likely a typo, and a stored line is not replaced).
    /// `onFinal`: an eligible line (no finding) on a beschikking that is final, so its recovery
    /// and the judgments it counts in may change with it (SPEC §3.8 names no deadline for the
    /// verantwoording); a line with a finding counts in no recovery.
    case stored(findings: [ErrorCode], aboveShare: Money? = nil, onFinal: Bool = false, afterRejection: Bool = false)
    /// The same id (or key) with the same content was stored before: nothing changed.
    case unchanged
}

/// What a cost line or measurement rests on, read from rows checked against the chain: whether
/// the beschikking is granted; for a cost line the coalition (a provider outside it is finding
/// P6), for a measurement the application's plan (its KPIs). Only the rows that decide are
/// checked: a cost line's application row decides nothing once its beschikking is granted, and
/// a measurement's coalition decides nothing.
struct VerantwoordingSubject: Sendable {
    var granted: Bool
    /// The day the beschikking was granted (nil when it is not).
    var grantedOn: Day?
    /// The beschikking is final (every milestone settled, or the period closed).
    var isFinal = false
    /// The application's plan (`.monitoring`; nil when there is no such application).
    var plan: String?
    /// The coalition (`.costs`), each provider with its coalition amount.
    var shares: [AGB: Money]
    /// The providers (`.costs`) with a line an insurer rejected on this application: a new line of
    /// theirs is said at the import (an attacker's review undid a rejection with the same cost a
    /// cent lower; the insurers see what is new with `cost list`).
    var rejectedProviders: Set<AGB> = []
}

/// Which rows a verantwoording import rests on (see `VerantwoordingSubject`).
public enum VerantwoordingKind: Sendable {
    /// Cost lines: the beschikking and the coalition.
    case costs
    /// Measurements: the application and the beschikking.
    case monitoring

    /// The refusal of a row on an application that is not granted.
    var notGranted: ErrorCode { self == .costs ? .costApplication : .monitoringApplication }
    /// The rows stored, for a refusal: "cost lines belong to a granted beschikking".
    var rows: String { self == .costs ? "cost lines" : "measurements" }

    /// The refusal of a row resting on a row that is not as the chain bound it.
    func notStored(_ finding: RowFinding) -> DoorbraakError {
        Store.notStored(self == .costs ? "the cost line" : "the measurement", finding)
    }
}

/// The subjects checked in one write transaction (`Store.verantwoordingSubject`); bounded, so an
/// import of 100,000 applications' lines does not keep them all.
struct VerantwoordingSubjects {
    static let limit = 10_000
    var transaction = -1
    var kind = VerantwoordingKind.costs
    var checked: [ExactText: VerantwoordingSubject] = [:]
}

/// The keys of the open transaction's chunk — a costs import's line ids, a monitoring import's
/// measurement keys (`RowKey.text` of application, peildatum and kpi) — that had neither a row
/// nor a binding when the chunk was prepared (`Store.prepareCosts`,
/// `Store.prepareMeasurementKeys`) and were not stored since: a new row under one of them needs
/// no lookup of its key (issue 21). Any other key is looked up row by row.
struct NewRowKeys {
    var transaction = -1
    var ids = Set<ExactText>()

    /// Whether `id` is one of them in transaction `number`; it is one no more (a second line
    /// under the same id is looked up).
    mutating func take(_ id: String, in number: Int) -> Bool {
        transaction == number && ids.remove(ExactText(id)) != nil
    }
}

/// The key of a measurement as a chunk of a monitoring import names it: application, peildatum
/// (as `Day` writes it) and kpi.
public struct MeasurementKey: Sendable {
    public let application: String
    public let peildatum: String
    public let kpi: String

    public init(application: String, peildatum: String, kpi: String) {
        (self.application, self.peildatum, self.kpi) = (application, peildatum, kpi)
    }

    /// Its key text, as the pre-update hook and `row_binding` write it.
    var text: String { RowKey.text([application, peildatum, kpi]) }

    /// A kpi of at most 64 plain characters: letters, digits, `-`, `_` and `.`.
    static func isPlain(_ kpi: String) -> Bool {
        !kpi.isEmpty && kpi.utf8.count <= 64 && kpi.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
        }
    }
}

/// What a chunk of cost lines or measurements rests on, found beside the writer
/// (`Store.preparedAside`) and handed to it (`Store.adopt`).
public struct PreparedVerantwoording: Sendable {
    let kind: VerantwoordingKind
    /// The business date the order was found for.
    let day: Day
    /// The applications whose latest event is dated on or before `day`.
    let inOrder: [ExactText]
    /// The applications whose rows were found as the chain bound them, with what they rest on.
    let subjects: [ExactText: VerantwoordingSubject]
    /// The chunk's line ids (costs) or measurement keys (monitoring) with neither a row nor a binding.
    let newKeys: Set<ExactText>
    /// With the first chunk, when the whole `cost_line` table was found as bound: what makes each stored line alike, from the bytes found as bound
    /// (`StoredAlikeKeys`).
    let alikeKeys: Set<UInt64>?
}

/// What makes each stored cost line alike to another (`CostLine.alikeKey`, hashed), taken once
/// per write transaction from the very bytes the whole `cost_line` table was checked in, and
/// kept with the lines the transaction stores: the repeat check reads no line it did not check
/// (an attacker's review: the bytes of a rejected line changed in the file between the table's
/// check and the repeat check's lookup, and put back after, let its cost be stored again and
/// `audit verify` passed). A key it holds is looked up and the line found checked; one it does
/// not hold has no line alike.
struct StoredAlikeKeys {
    var transaction = -1
    var hashes = Set<UInt64>()

    /// A key's hash (`SeenKeys.hash`): a collision only makes a line be looked up.
    static func hash(_ key: String) -> UInt64 { SeenKeys.hash(key) }
}

/// Everything the plausibility test reads, from one snapshot.
public struct PlausibilityInput: Sendable {
    /// Paid per application, provider, insurer and year (reached claims; a payout's year is its claim date's year).
    public var payouts: [Plausibility.Payout]
    /// Every stored cost line.
    public var costs: [CostLine]
    /// The insurers' rejections of cost lines (P8).
    public var rejections: [CostRejection]

    /// Every application with a beschikking, claims or cost lines: coalition and whether all milestones are settled.
    public var applications: [Plausibility.ApplicationFacts]
    /// The day each cost line was imported, by line id (`cost list`: what is new since a test).
    public var importedOn: [String: Day] = [:]

    /// Every cost line as the plausibility test counts it (`Plausibility.lineStates`), with the
    /// insurers that paid each provider (`cost list`, the demo's insurer).
    public func lineStates() -> (states: [Plausibility.LineState], payers: [ApplicationID: [AGB: Set<UZOVI>]]) {
        let payers = Plausibility.payers(of: self.payouts)
        let coalitions = Dictionary(applications.map { ($0.id, $0.coalition) }, uniquingKeysWith: { a, _ in a })
        return (Plausibility.lineStates(costs: costs, rejections: rejections, coalitions: coalitions, payers: payers), payers)
    }
}

/// Everything the monitoring summary reads, from one snapshot.
public struct MonitoringInput: Sendable {
    /// The granted applications: theme, claimed fte, grant date and what was paid on which day.
    public var applications: [Monitoring.ApplicationFacts]
    /// Every stored measurement.
    public var measurements: [Measurement]
    /// The round's impact bar.
    public var bar: ImpactBar
}

extension Store {
    /// The columns a stored cost line is read from, for `costLine(_:)`.
    static let costLineColumns = "line_id, application_id, provider, year, category, kind, amount_cents, description"
    /// One cost line by its id (written once, not interpolated for every line).
    static let costLineByID = "SELECT \(costLineColumns) FROM cost_line WHERE line_id = ?"

    /// A stored cost line from a row of `costLineColumns`; a value no import writes throws.
    static func costLine(_ r: Row) throws(DoorbraakError) -> CostLine {
        CostLine(lineID: r.text(0), application: try ApplicationID(parsing: r.text(1)), provider: try AGB(parsing: r.text(2)), year: r.int(3),
                 category: try CostCategory(parsing: r.text(4)), kind: try CostKind(parsing: r.text(5)), amount: r.money(6), description: r.text(7))
    }

    /// The coalition of a granted application a cost line is reported on (`E-COST-APPLICATION`
    /// when it is not granted), for the signed file's check that its provider takes part.
    public func costCoalition(of application: ApplicationID) throws(DoorbraakError) -> Set<AGB> {
        Set(try requireGranted(application.rawValue, .costs).shares.keys)
    }

    /// The checked subject of a granted application; `E-COST-APPLICATION` or
    /// `E-MONITORING-APPLICATION` when its beschikking is not granted (worded with the
    /// application's status, checked then), `E-LEDGER` when a row it rests on is not as bound.
    private func requireGranted(_ application: String, _ kind: VerantwoordingKind) throws(DoorbraakError) -> VerantwoordingSubject {
        let subject = try verantwoordingSubject(application, kind)
        guard subject.granted else {
            // The refusal names the application's status: as the chain bound it (a third review:
            // "is granted, not granted" was quoted from an edited row).
            try requireBound("application", [.text(application)], refusal: kind.notStored)
            guard let status = try db.cached("SELECT status FROM application WHERE id = ?").rowValue([.text(application)], { $0.text(0) }) else {
                throw DoorbraakError(kind.notGranted, "no application \"\(application)\"; \(kind.rows) belong to a granted application", field: "application_id")
            }
            throw DoorbraakError(kind.notGranted, "application \(application) is \(status), not granted: \(kind.rows) belong to a granted beschikking", field: "application_id")
        }
        return subject
    }

    /// What a cost line or measurement on `application` rests on, from its rows as the chain
    /// bound them; `E-LEDGER` naming the row that is not. Checked once per application and
    /// transaction: nothing in a costs or monitoring import changes these rows.
    func verantwoordingSubject(_ application: String, _ kind: VerantwoordingKind) throws(DoorbraakError) -> VerantwoordingSubject {
        let key = ExactText(application)
        if verantwoordingSubjects.transaction == db.transactionNumber, verantwoordingSubjects.kind == kind, let known = verantwoordingSubjects.checked[key] { return known }
        try checkVerantwoordingSubjects([application], kind)
        return verantwoordingSubjects.checked[key] ?? VerantwoordingSubject(granted: false, plan: nil, shares: [:])
    }

    /// Checks and reads what a chunk of cost lines or measurements rests on at once, and which
    /// of its applications are in business-date order for `today` (issue 21: a few set-based
    /// statements per chunk). When a row of the chunk is not as bound nothing is kept, so that
    /// each line meets its own refusal; an application out of order is left to its rows.
    public func prepareVerantwoording(of applications: [String], _ kind: VerantwoordingKind, today: Day) throws(DoorbraakError) {
        try AuditLog.noteInOrder(in: db, subjects: applications, on: today)
        let known = verantwoordingSubjects.transaction == db.transactionNumber && verantwoordingSubjects.kind == kind
        let open = applications.filter { !known || verantwoordingSubjects.checked[ExactText($0)] == nil }
        guard !open.isEmpty else { return }
        do throws(DoorbraakError) {
            try checkVerantwoordingSubjects(open, kind)
        } catch where error.code == .ledger {}
    }

    /// Checks the rows `ids` rest on against the chain and keeps their subjects for the rest of
    /// the transaction (an attacker's review: a beschikking inserted, a plan changed or a
    /// provider added to a coalition with `sqlite3` for the length of an import had a cost line
    /// or measurement stored on it and bound as the import's own).
    private func checkVerantwoordingSubjects(_ ids: [String], _ kind: VerantwoordingKind) throws(DoorbraakError) {
        let keys = ids.map { SQLValue.text($0) }
        var plans: [ExactText: String] = [:]
        if kind == .monitoring {
            try requireBoundRows("application", of: keys, reading: { c, r throws(DoorbraakError) in plans[ExactText(r.text(try c("id")))] = r.text(try c("plan")) }, refusal: kind.notStored)
        }
        var granted: [ExactText: Day?] = [:]
        var final = Set<ExactText>()
        try requireBoundRows("beschikking", of: keys, reading: { c, r throws(DoorbraakError) in
            if try BeschikkingStatus(kept: r.text(try c("status")), of: r.text(try c("application_id"))) == .granted {
                granted[ExactText(r.text(try c("application_id")))] = try r.optionalText(try c("decided_on")).map { d throws(DoorbraakError) in try Day(parsing: d) }
                if !r.isNull(try c("final_on")) { final.insert(ExactText(r.text(try c("application_id")))) }
            }
        }, refusal: kind.notStored)
        var coalitions: [ExactText: [AGB: Money]] = [:]
        var rejected: [ExactText: Set<AGB>] = [:]
        if kind == .costs {
            try requireBoundRows("application_provider", of: keys, reading: { c, r throws(DoorbraakError) in
                coalitions[ExactText(r.text(try c("application_id"))), default: [:]][try AGB(parsing: r.text(try c("agb")))] = r.money(try c("amount_cents"))
            }, refusal: kind.notStored)
            // Only said at the import, decides nothing: read as it stands.
            try db.cached("""
                SELECT DISTINCT c.application_id, c.provider FROM cost_rejection r JOIN cost_line c ON c.line_id = r.line_id
                WHERE c.application_id IN (SELECT value FROM json_each(?))
                """).each([.text(SQLValue.jsonArray(keys))]) { r in
                if let agb = try? AGB(parsing: r.text(1)) { rejected[ExactText(r.text(0)), default: []].insert(agb) }
            }
        }
        keepCheckedSubjects(Dictionary(ids.map(ExactText.init).map { id in
            (id, VerantwoordingSubject(granted: granted[id] != nil, grantedOn: granted[id] ?? nil, isFinal: final.contains(id), plan: plans[id],
                                       shares: coalitions[id] ?? [:], rejectedProviders: rejected[id] ?? []))
        }, uniquingKeysWith: { _, last in last }), kind)
    }

    /// Keeps `subjects` as checked for the rest of the open transaction (a bounded cache: past
    /// its limit, or in another transaction or kind, it starts afresh).
    private func keepCheckedSubjects(_ subjects: [ExactText: VerantwoordingSubject], _ kind: VerantwoordingKind) {
        if verantwoordingSubjects.transaction != db.transactionNumber || verantwoordingSubjects.kind != kind || verantwoordingSubjects.checked.count >= VerantwoordingSubjects.limit {
            verantwoordingSubjects = VerantwoordingSubjects(transaction: db.transactionNumber, kind: kind)
        }
        verantwoordingSubjects.checked.merge(subjects) { _, found in found }
    }

    /// Prepares a chunk of cost lines: what their applications rest on and their business-date
    /// order (`prepareVerantwoording`), and which of `lineIDs` are new (`NewRowKeys`) — a few
    /// statements for the chunk instead of three lookups per line (issue 21). Only spares
    /// lookups: a row that is not as bound still meets its refusal.
    public func prepareCosts(of applications: [String], lineIDs: [String], today: Day) throws(DoorbraakError) {
        try prepareVerantwoording(of: applications, .costs, today: today)
        var ids = Set(lineIDs.map(ExactText.init))
        try db.cached("""
            SELECT j.value FROM json_each(?1) j
            WHERE EXISTS (SELECT 1 FROM cost_line c WHERE c.line_id = j.value) OR EXISTS (SELECT 1 FROM row_binding b WHERE b.tbl = 'cost_line' AND b.key = j.value)
            """).each([.text(SQLValue.jsonArray(lineIDs.map { .text($0) }))]) { r in ids.remove(ExactText(r.text(0))) }
        newRowKeys = NewRowKeys(transaction: db.transactionNumber, ids: ids)
    }

    /// Finds which measurement keys of a chunk are new — neither a row nor a binding under them
    /// (a measurement deleted outside doorbraak is not a new one) — in one statement instead of
    /// two lookups per measurement (issue 21; `NewRowKeys`). A key with a kpi other than plain
    /// letters, digits, `-`, `_` and `.` is left to its row's own lookups.
    public func prepareMeasurementKeys(_ keys: [MeasurementKey]) throws(DoorbraakError) {
        newRowKeys = NewRowKeys()
        let plain = keys.filter { MeasurementKey.isPlain($0.kpi) }
        guard !plain.isEmpty else { return }
        var ids = Set(plain.map { ExactText($0.text) })
        // The rows stored on the chunk's applications (a few per application), then the bindings
        // under the keys still new: each an indexed read, no JSON taken apart per key.
        let applications = Set(plain.map(\.application)).sorted().map { SQLValue.text($0) }
        try db.cached("SELECT application_id, peildatum, kpi FROM measurement WHERE application_id IN (SELECT value FROM json_each(?1))")
            .each([.text(SQLValue.jsonArray(applications))]) { r in ids.remove(ExactText(MeasurementKey(application: r.text(0), peildatum: r.text(1), kpi: r.text(2)).text)) }
        if !ids.isEmpty {
            try db.cached("SELECT key FROM row_binding WHERE tbl = 'measurement' AND key IN (SELECT value FROM json_each(?1))")
                .each([.text(SQLValue.jsonArray(ids.map { .text($0.text) }))]) { r in ids.remove(ExactText(r.text(0))) }
        }
        newRowKeys = NewRowKeys(transaction: db.transactionNumber, ids: ids)
    }

    /// What `prepareCosts` or `prepareVerantwoording` finds for a chunk, found on a read-only
    /// store beside the importing writer (issue 21: the checks on the second core), to be handed
    /// to the writer's store with `adopt`. The read transaction must have begun while the writer
    /// held its write lock and before it wrote: its snapshot is then the writer's own view of
    /// every row the chunk rests on (a costs or monitoring import writes none of them).
    /// With the first chunk of costs also the whole `cost_line` table, as the repeat check does
    /// once per transaction. What is not found as bound is left out, so the writer meets the
    /// refusal itself, row by row, as it would without this.
    public func preparedAside(of applications: [String], _ kind: VerantwoordingKind, lines: [CostLine] = [], measurements: [MeasurementKey] = [],
                              today: Day) throws(DoorbraakError) -> PreparedVerantwoording {
        guard db.readOnly, db.inTransaction else {
            throw DoorbraakError(.internal, "a chunk prepared beside the writer outside a read transaction of a read-only store")
        }
        if kind == .costs {
            try prepareCosts(of: applications, lineIDs: lines.map(\.lineID), today: today)
        } else {
            try prepareVerantwoording(of: applications, kind, today: today)
            try prepareMeasurementKeys(measurements)
        }
        var subjects: [ExactText: VerantwoordingSubject] = [:]
        var inOrder: [ExactText] = []
        for id in applications.map(ExactText.init) {
            if let subject = verantwoordingSubjects.checked[id] { subjects[id] = subject }
            if db.subjectsInOrder.contains(id.text, on: today, in: db) { inOrder.append(id) }
        }
        var alikeKeys: Set<UInt64>?
        if kind == .costs, storedAlike.transaction != db.transactionNumber {
            // The repeat check's whole-table check (`alikeCostLine`), tried once, with what makes
            // each line alike; the writer keeps them (this store marks it tried).
            storedAlike = StoredAlikeKeys(transaction: db.transactionNumber)
            do throws(DoorbraakError) { alikeKeys = try checkedAlikeKeys() } catch where error.code == .ledger {}
        }
        let found = PreparedVerantwoording(kind: kind, day: today, inOrder: inOrder, subjects: subjects,
                                           newKeys: newRowKeys.transaction == db.transactionNumber ? newRowKeys.ids : [], alikeKeys: alikeKeys)
        // The writer keeps what was found; this store needs none of it for the next chunk.
        verantwoordingSubjects = VerantwoordingSubjects()
        newRowKeys = NewRowKeys()
        db.subjectsInOrder = SubjectsInOrder()
        return found
    }

    /// Takes over what a read-only store found beside this writer (`preparedAside`), for the
    /// open write transaction: what the lines this transaction stored since make otherwise (an
    /// id stored, a line alike stored) is looked up row by row.
    public func adopt(_ prepared: PreparedVerantwoording) throws(DoorbraakError) {
        guard db.inTransaction, !db.readOnly else { return }
        for id in prepared.inOrder { db.subjectsInOrder.insert(id.text, on: prepared.day, in: db) }
        // The chunk's subjects replace the last chunk's: they are every application of the
        // chunk found as bound (one missing is checked on its own, as the writer alone would),
        // and an application of an earlier chunk was checked again with this one. Kept for the
        // whole transaction they grew one dictionary to every application of the file: its
        // growth was 6% of a 10,000-row monitoring import's writer, its page faults 4,058 → 3,428
        // without it (issue 21).
        verantwoordingSubjects = VerantwoordingSubjects(transaction: db.transactionNumber, kind: prepared.kind, checked: prepared.subjects)
        let written = try writtenBesideWriter()
        newRowKeys = NewRowKeys(transaction: db.transactionNumber, ids: prepared.newKeys.filter { !written.ids.mayContain($0.text) })
        if prepared.kind == .costs {
            // Taken only before this transaction has keys of its own: then it has stored no line yet.
            if let keys = prepared.alikeKeys, storedAlike.transaction != db.transactionNumber {
                storedAlike = StoredAlikeKeys(transaction: db.transactionNumber, hashes: keys)
                if try needsCheck("cost_line *") { verifiedScopes.passed.insert(ExactText("cost_line *")) }
            }
        }
    }

    /// The KPI ids of model plan `id` as the chain bound its row (nil: no such plan).
    public func checkedKPIs(ofPlan id: String) throws(DoorbraakError) -> [String]? {
        try requireBound("plan", [.text(id)], refusal: VerantwoordingKind.monitoring.notStored)
        return try plan(id)?.kpiIDs
    }

    /// Stores one cost line of a provider's verantwoording (SPEC §3.8); must run inside a write
    /// transaction. The application must be granted (E-COST-APPLICATION). The same line id with
    /// the same content is a no-op; with other content it is P7, refused. A line with a finding
    /// (P2 outside 2027–2029, P3 structural, P4 hulpmiddelen bought, P6 provider outside the
    /// coalition) is stored: it is a finding for the plausibility test, not an input error, and
    /// the test counts it as not eligible. One audit event per stored line.
    public func storeCost(_ line: CostLine, today: Day, event: AuditContext) throws(DoorbraakError) -> VerantwoordingOutcome {
        if !newRowKeys.take(line.lineID, in: db.transactionNumber) {
            if let before = try db.cached(Store.costLineByID).rowValue([.text(line.lineID)], Store.costLine) {
                // P7: a line is reimbursed once; other content under the same id is refused — as
                // the chain bound the line stored.
                try requireBound("cost_line", [.text(line.lineID)], refusal: VerantwoordingKind.costs.notStored)
                _ = try CostLine.isUnchanged(before, line)
                return .unchanged
            }
            // A line deleted outside doorbraak is not a new one (an attacker's review: a line
            // refused with P7 was stored after the one before it was deleted with `sqlite3`).
            try requireBound("cost_line", [.text(line.lineID)], absent: true, refusal: VerantwoordingKind.costs.notStored)
        }
        let subject = try requireGranted(line.application.rawValue, .costs)
        try VerantwoordingDates.checkCost(year: line.year, today: today)
        // What makes the line alike, kept with the others once it is stored (`StoredAlikeKeys`).
        let alikeKey = StoredAlikeKeys.hash(line.alikeKey)
        try CostLine.requireNotRepeat(line, alike: try alikeCostLine(line, key: alikeKey))
        try AuditLog.requireInOrder(in: db, subject: line.application.rawValue, on: today)
        let findings = Plausibility.findings(of: line, coalition: subject.shares).map(\.code)
        try db.cached("""
            INSERT INTO cost_line (line_id, application_id, provider, year, category, kind, amount_cents, description, content, findings, imported_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.text(line.lineID), .text(line.application.rawValue), .text(line.provider.rawValue), .int(line.year), .text(line.category.rawValue),
                      .text(line.kind.rawValue), .money(line.amount), .text(line.description), .text(line.canonicalContent),
                      .text(findings.map(\.rawValue).joined(separator: " ")), .text(today.description)])
        storedAlike.hashes.insert(alikeKey)
        if writtenAside.transaction == db.transactionNumber { writtenAside.ids.insert(line.lineID) }
        let noted = findings.isEmpty ? "" : "; findings \(findings.map(\.rawValue).joined(separator: ", ")): not eligible"
        try AuditLog.append(in: db, event.acting(for: "provider \(line.provider)"), action: "cost", subject: line.application.rawValue, before: "-",
                            after: "cost line \(line.lineID): \(line.year) \(line.category.rawValue) \(line.kind.rawValue) \(line.amount), provider \(line.provider)\(noted)")
        let share = subject.shares[line.provider]
        return .stored(findings: findings, aboveShare: CostLine.isAboveShare(line, share: share) ? share : nil, onFinal: subject.isFinal && findings.isEmpty,
                       afterRejection: subject.rejectedProviders.contains(line.provider))
    }

    /// A stored line under another id alike to `line` in every field, if any, as the chain bound
    /// it (a line inserted with `sqlite3` refuses nothing: it is named, E-LEDGER).
    /// The lines alike in every other field are few; their descriptions are compared as a reader
    /// reads them (`CostLine.sameDescription`) — except a line an insurer rejected: its cost is not
    /// reported again whatever the description says (an attacker's review undid a rejection with
    /// a Cyrillic "о" in the description of the same cost under a new id).
    private func alikeCostLine(_ line: CostLine, key: UInt64) throws(DoorbraakError) -> CostLine.Alike? {
        // The lines alike are found by their content, so every stored line is first found as the
        // chain bound it — once per transaction (an attacker's review: the rejected line's amount
        // edited for the length of an import, then put back, let its cost be stored again and
        // `audit verify` passed) — and what makes it alike kept from the bytes checked.
        if storedAlike.transaction != db.transactionNumber {
            storedAlike = StoredAlikeKeys(transaction: db.transactionNumber, hashes: try checkedAlikeKeys())
        }
        guard storedAlike.hashes.contains(key) else { return nil }
        var alike: CostLine.Alike?
        let candidates = try db.cached("""
            SELECT line_id, description FROM cost_line
            WHERE application_id = ? AND provider = ? AND year = ? AND category = ? AND kind = ? AND amount_cents = ? AND line_id <> ?
            """).rowsValue([.text(line.application.rawValue), .text(line.provider.rawValue), .int(line.year), .text(line.category.rawValue), .text(line.kind.rawValue),
                            .money(line.amount), .text(line.lineID)], { r in (id: r.text(0), description: r.text(1)) })
        // Each row found is checked as it is read; a line alike that was found as bound and is not
        // found now (the file changed since the table's check, or two keys hash alike) has the
        // table checked again as it stands.
        for candidate in candidates { try requireBound("cost_line", [.text(candidate.id)], refusal: VerantwoordingKind.costs.notStored) }
        if candidates.isEmpty { _ = try checkedAlikeKeys() }
        for candidate in candidates {
            // Whether the candidate was rejected decides: its rejections, or its having none, as bound.
            if let rejection = try rejections(of: candidate.id, refusal: VerantwoordingKind.costs.notStored).first {
                alike = CostLine.Alike(lineID: candidate.id, rejectedBy: rejection.insurer.rawValue)
                break
            }
            if alike == nil, CostLine.sameDescription(candidate.description, line.description) { alike = CostLine.Alike(lineID: candidate.id, rejectedBy: nil) }
        }
        return alike
    }

    /// The whole `cost_line` table checked against the chain as it stands, and what makes each
    /// line alike (`StoredAlikeKeys`), from the very bytes compared.
    private func checkedAlikeKeys() throws(DoorbraakError) -> Set<UInt64> {
        var hashes = Set<UInt64>()
        try requireBoundTable("cost_line", reading: { c, r throws(DoorbraakError) in
            hashes.insert(StoredAlikeKeys.hash(CostLine.alikeKey(application: r.text(try c("application_id")), provider: r.text(try c("provider")), year: r.int(try c("year")),
                                                                 category: r.text(try c("category")), kind: r.text(try c("kind")), cents: r.int64(try c("amount_cents")))))
        }, refusal: VerantwoordingKind.costs.notStored)
        return hashes
    }

    /// What `rejectCost` did.
    public enum CostRejectionOutcome: Sendable, Equatable {
        /// Rejected now: the line; whether its beschikking is final (its recovery and the
        /// judgments it counts in change with it); the other insurers that paid its provider and
        /// have not rejected it (while there are any, the rejection does not count yet); what of
        /// the line is not eligible once it counts (nil while it does not).
        case rejected(CostLine, onFinal: Bool, awaiting: [String], notEligible: Money?)
        /// This insurer rejected the line before in the same words, on that day: nothing changed.
        case unchanged(CostLine, on: Day)
        /// `checkOnly`: every check passed; nothing was stored.
        case checked(CostLine)
    }

    /// An insurer's rejection of a stored cost line (`CostRejection`, P8), dated `rejection.on`,
    /// in one write transaction: the line, its application's insurers, the claims that paid its
    /// provider, its beschikking and coalition, and the rejections made before, each as the chain
    /// bound it; `E-MISSING` for an unknown line, `E-STATE` (not eligible already), `E-REVIEWER`,
    /// `E-DECIDED`, `E-INPUT` (a plausible part not below the amount), `E-DATE` (before the
    /// application's latest event). One event. `checkOnly` stores nothing (`--statement`: an
    /// insurer does not sign a rejection that would be refused).
    public func rejectCost(_ rejection: CostRejection, event: AuditContext, checkOnly: Bool = false) throws(DoorbraakError) -> CostRejectionOutcome {
        try db.writeTransaction { () throws(DoorbraakError) -> CostRejectionOutcome in try storeRejection(rejection, event: event, checkOnly: checkOnly) }
    }

    /// `rejectCost` inside the open write transaction (a file of rejections: one transaction for
    /// the file, each row checked and stored as one rejection is).
    public func storeRejection(_ rejection: CostRejection, event: AuditContext, checkOnly: Bool = false) throws(DoorbraakError) -> CostRejectionOutcome {
        let lineID = rejection.lineID
        guard let line = try db.cached(Store.costLineByID).rowValue([.text(lineID)], Store.costLine) else {
            try requireBound("cost_line", [.text(lineID)], absent: true)
            throw DoorbraakError(.missing, "no cost line \"\(lineID)\"", field: "line_id")
        }
        try requireBound("cost_line", [.text(lineID)])
        let application = line.application.rawValue
        let subject = try verantwoordingSubject(application, .costs)
        try CostRejection.requireEligible(line, findings: Plausibility.findings(of: line, coalition: subject.shares).map(\.code))
        try requireBound("application", [.text(application)])
        guard let (coordinating, second) = try db.cached("SELECT coordinating, second FROM application WHERE id = ?").rowValue([.text(application)], { r in (r.text(0), r.text(1)) }) else {
            throw DoorbraakError.missingRow("application", in: db)
        }
        // Who paid the provider is found by the claims' content, so every claim is first found as
        // the chain bound it — once per transaction (an attacker's review: a claim set to missed
        // for the length of a rejection let it count, and its event kept saying so).
        try requireBoundTable("claim")
        var payers = Set<UZOVI>()
        for insurer in try db.cached("SELECT insurer FROM claim WHERE application_id = ? AND provider = ? AND status = 'reached'")
            .rowsValue([.text(application), .text(line.provider.rawValue)], { r in r.text(0) }) {
            payers.insert(try UZOVI(parsing: insurer))
        }
        try CostRejection.requireInsurer(rejection.insurer, of: line, coordinating: coordinating, second: second, payers: payers.map(\.rawValue).sorted())
        try CostRejection.requirePart(rejection.plausible, of: line)
        let given = try rejections(of: lineID)
        if let stored = given.first(where: { $0.insurer == rejection.insurer }) {
            _ = try CostRejection.isUnchanged(stored: stored, again: rejection)
            return .unchanged(line, on: stored.on)
        }
        try AuditLog.requireInOrder(in: db, subject: application, on: rejection.on)
        if checkOnly { return .checked(line) }
        try db.cached("INSERT INTO cost_rejection (line_id, insurer, plausible_cents, note, rejected_on) VALUES (?, ?, ?, ?, ?)")
            .run([.text(lineID), .text(rejection.insurer.rawValue), .money(rejection.plausible), .text(rejection.note), .text(rejection.on.description)])
        let now = given + [rejection]
        let awaiting = CostRejection.awaiting(now, payers: payers).map(\.rawValue)
        let part = rejection.plausible == .zero ? "" : " above a plausible \(rejection.plausible)"
        let kept = CostRejection.kept(by: now, payers: payers)
        let notEligible = kept.map { line.amount - $0 }
        // When another payer gave a larger plausible part, that one is kept: said, so the trail adds up.
        let largest = kept.flatMap { $0 == rejection.plausible ? nil : " (the largest plausible part the insurers that paid gave, \($0), is kept)" } ?? ""
        let counts = notEligible.map { "\($0) not eligible\(largest)" } ?? "counts once \(awaiting.joined(separator: ", ")), which also paid the provider, rejects it too"
        try AuditLog.append(in: db, event.acting(for: "insurer \(rejection.insurer)"), action: "cost-reject", subject: application,
                            before: "cost line \(lineID): \(line.year) \(line.amount), provider \(line.provider), " + (given.isEmpty ? "eligible" : "rejected by \(given.map(\.insurer.rawValue).joined(separator: ", "))"),
                            after: (notEligible == nil ? "P8 pending: " : "P8: ") + "not plausible\(part) to insurer \(rejection.insurer) — \(rejection.note); \(counts)")
        return .rejected(line, onFinal: subject.isFinal, awaiting: awaiting, notEligible: notEligible)
    }

    /// The rejections of a stored line, by insurer, after every one of them (a deleted one too) was
    /// found as the chain bound it.
    private func rejections(of lineID: String, refusal: @escaping (RowFinding) -> DoorbraakError = Store.refusal) throws(DoorbraakError) -> [CostRejection] {
        try requireBoundRows("cost_rejection", of: [.text(lineID)], refusal: refusal)
        return try db.cached("SELECT \(Store.costRejectionColumns) FROM cost_rejection WHERE line_id = ? ORDER BY insurer").rowsValue([.text(lineID)], Store.costRejection)
    }

    /// The columns a stored rejection is read from, for `costRejection(_:)`.
    static let costRejectionColumns = "line_id, insurer, plausible_cents, note, rejected_on"

    /// A stored rejection from a row of `costRejectionColumns`.
    static func costRejection(_ r: Row) throws(DoorbraakError) -> CostRejection {
        CostRejection(lineID: r.text(0), insurer: try UZOVI(parsing: r.text(1)), plausible: r.money(2), note: r.text(3), on: try Day(parsing: r.text(4)))
    }

    /// Whether `application` is stored, and its plan, from its row as the chain bound it.
    public func planOf(_ application: String) throws(DoorbraakError) -> (exists: Bool, plan: String?) {
        let plan = try verantwoordingSubject(application, .monitoring).plan
        return (plan != nil, plan)
    }

    /// The refusal of a cost line or measurement resting on a row that is not as the chain bound
    /// it: the provider's file is not at fault, and nothing of it is stored on that row.
    static func notStored(_ what: String, _ finding: RowFinding) -> DoorbraakError {
        .ledger("\(what) is not stored: \(finding); the database was changed outside doorbraak, not by your file: its administrator finds every such row with `doorbraak audit verify`", row: finding)
    }

    /// Stores one monitoring measurement (SPEC §3.8 Monitoring); must run inside a write
    /// transaction. The application must be granted (E-MONITORING-APPLICATION) and the peildatum
    /// neither after today nor before the grant (E-MONITORING-DATE). The same application, peildatum and kpi with the same
    /// value is a no-op; with another value it is refused (E-MONITORING-CONFLICT).
    public func storeMeasurement(_ m: Measurement, today: Day, event: AuditContext) throws(DoorbraakError) -> VerantwoordingOutcome {
        let key: [SQLValue] = [.text(m.application.rawValue), .text(m.peildatum.description), .text(m.kpi)]
        let keyText = MeasurementKey(application: m.application.rawValue, peildatum: m.peildatum.description, kpi: m.kpi).text
        if !newRowKeys.take(keyText, in: db.transactionNumber) {
            if let stored = try db.cached("SELECT value_units FROM measurement WHERE application_id = ? AND peildatum = ? AND kpi = ?")
                .rowValue(key, { $0.int64(0) }) {
                try requireBound("measurement", key, refusal: VerantwoordingKind.monitoring.notStored)
                if stored == m.value.units { return .unchanged }
                throw DoorbraakError(.monitoringConflict, "\(m.kpi) of \(m.application) on \(m.peildatum) was reported before (earlier in this file or by an earlier import) as \(MeasuredValue(units: stored)), now \(m.value); a measurement is kept as reported, so a correction is reported on another peildatum", field: "value")
            }
            // A measurement deleted outside doorbraak is not a new one (an attacker's review).
            try requireBound("measurement", key, absent: true, refusal: VerantwoordingKind.monitoring.notStored)
        }
        let subject = try requireGranted(m.application.rawValue, .monitoring)
        try AuditLog.requireInOrder(in: db, subject: m.application.rawValue, on: today)
        try VerantwoordingDates.checkPeildatum(m.peildatum, today: today, granted: subject.grantedOn)
        try db.cached("INSERT INTO measurement (application_id, peildatum, kpi, value_units, imported_on) VALUES (?, ?, ?, ?, ?)")
            .run([.text(m.application.rawValue), .text(m.peildatum.description), .text(m.kpi), .integer(m.value.units), .text(today.description)])
        if writtenAside.transaction == db.transactionNumber { writtenAside.ids.insert(keyText) }
        try AuditLog.append(in: db, event.acting(for: "coalition"), action: "measurement", subject: m.application.rawValue, before: "-",
                            after: "\(m.kpi) = \(m.value) on peildatum \(m.peildatum)")
        return .stored(findings: [])
    }

    /// Payouts, cost lines and application facts for `Plausibility.run`, read in one snapshot.
    public func plausibilityInput() throws(DoorbraakError) -> PlausibilityInput {
        try db.readTransaction { () throws(DoorbraakError) -> PlausibilityInput in
            var payouts: [Plausibility.Payout] = []
            for (a, p, i, y, m) in try db.rows("""
                SELECT application_id, provider, insurer, CAST(substr(claim_date, 1, 4) AS INTEGER), sum(amount_cents)
                FROM claim NOT INDEXED WHERE status = 'reached' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                """, [], { r in (r.text(0), r.text(1), r.text(2), r.int(3), r.money(4)) }) {
                payouts.append(Plausibility.Payout(application: try ApplicationID(parsing: a), provider: try AGB(parsing: p), insurer: try UZOVI(parsing: i), year: y, amount: m))
            }
            // The lines and the day each was imported, in one scan.
            var importedOn: [String: Day] = [:]
            let costs = try db.rows("SELECT \(Store.costLineColumns), imported_on FROM cost_line ORDER BY line_id", []) { r throws(DoorbraakError) in
                let line = try Store.costLine(r)
                importedOn[line.lineID] = try Day(parsing: r.text(8))
                return line
            }
            let rejections = try db.rows("SELECT \(Store.costRejectionColumns) FROM cost_rejection ORDER BY line_id", [], Store.costRejection)
            var coalitions: [String: [AGB: Money]] = [:]
            for (a, agb, m) in try db.rows("""
                SELECT p.application_id, p.agb, p.amount_cents FROM application_provider p
                WHERE p.application_id IN (SELECT application_id FROM beschikking NOT INDEXED WHERE status = 'granted')
                   OR p.application_id IN (SELECT application_id FROM claim NOT INDEXED) OR p.application_id IN (SELECT application_id FROM cost_line NOT INDEXED)
                """, [], { r in (r.text(0), r.text(1), r.money(2)) }) {
                coalitions[a, default: [:]][try AGB(parsing: agb)] = m
            }
            var finals: [String: Day] = [:]
            for (id, day) in try db.rows("SELECT application_id, final_on FROM beschikking NOT INDEXED WHERE final_on IS NOT NULL", [], { r in (r.text(0), r.text(1)) }) {
                finals[id] = try Day(parsing: day)
            }
            var facts: [Plausibility.ApplicationFacts] = []
            for (id, coalition) in coalitions.sorted(by: { $0.key < $1.key }) {
                facts.append(Plausibility.ApplicationFacts(id: try ApplicationID(parsing: id), coalition: coalition, finalOn: finals[id]))
            }
            return PlausibilityInput(payouts: payouts, costs: costs, rejections: rejections, applications: facts, importedOn: importedOn)
        }
    }

    /// The granted applications, their measurements and the bar, read in one snapshot.
    public func monitoringInput() throws(DoorbraakError) -> MonitoringInput {
        let bar = try settings().bar
        return try db.readTransaction { () throws(DoorbraakError) -> MonitoringInput in
            var applications: [Monitoring.ApplicationFacts] = []
            var kpis: [String: [String: ModelPlan.KPI]] = [:]
            for plan in try plans() { kpis[plan.id.rawValue] = Dictionary(uniqueKeysWithValues: zip(plan.kpiIDs, plan.kpis)) }
            var payments: [String: [Monitoring.Payment]] = [:]
            for (id, on, amount) in try db.rows("SELECT application_id, claim_date, amount_cents FROM claim NOT INDEXED WHERE status = 'reached' ORDER BY application_id, claim_date", [], { r in
                (r.text(0), r.text(1), r.money(2))
            }) {
                payments[id, default: []].append(Monitoring.Payment(on: try Day(parsing: on), amount: amount))
            }
            for (id, theme, fte, decided, plan) in try db.rows("""
                SELECT a.id, a.theme, a.fte_tenths, b.decided_on, a.plan FROM application a NOT INDEXED JOIN beschikking b ON b.application_id = a.id
                WHERE b.status = 'granted' ORDER BY a.id
                """, [], { r in (r.text(0), r.text(1), r.int64(2), r.text(3), r.text(4)) }) {
                applications.append(Monitoring.ApplicationFacts(id: try ApplicationID(parsing: id), theme: try Theme(parsing: theme), claimed: Fte(tenths: fte),
                                                                grantedOn: try Day(parsing: decided), payments: payments[id] ?? [], kpis: kpis[plan] ?? [:]))
            }
            var measurements: [Measurement] = []
            for (a, d, k, v) in try db.rows("SELECT application_id, peildatum, kpi, value_units FROM measurement ORDER BY application_id, peildatum, kpi", [], { r in
                (r.text(0), r.text(1), r.text(2), r.int64(3))
            }) {
                measurements.append(Measurement(application: try ApplicationID(parsing: a), peildatum: try Day(parsing: d), kpi: k, value: MeasuredValue(units: v)))
            }
            return MonitoringInput(applications: applications, measurements: measurements, bar: bar)
        }
    }

    /// The granted applications as the cost generator needs them: coalition, what was paid to
    /// each provider per year, whether every milestone is settled, claimed fte and plan KPIs.
    public func grantedForCosts() throws(DoorbraakError) -> [AccountedApplication] {
        try db.readTransaction { () throws(DoorbraakError) -> [AccountedApplication] in
            let apps = try db.rows("""
                SELECT a.id, a.fte_tenths, a.plan FROM application a JOIN beschikking b ON b.application_id = a.id
                WHERE b.status = 'granted' ORDER BY a.id
                """, []) { r in (r.text(0), r.int64(1), r.optionalText(2)) }
            var kpis: [String: [String]] = [:]
            var out: [AccountedApplication] = []
            for (id, fte, plan) in apps {
                let providers = try db.cached("SELECT agb, amount_cents FROM application_provider WHERE application_id = ? ORDER BY agb")
                    .rowsValue([.text(id)]) { r in (agb: r.text(0), amount: r.money(1)) }
                let paid = try db.cached("""
                    SELECT provider, CAST(substr(claim_date, 1, 4) AS INTEGER), sum(amount_cents) FROM claim
                    WHERE application_id = ? AND status = 'reached' GROUP BY 1, 2 ORDER BY 1, 2
                    """).rowsValue([.text(id)]) { r in (provider: r.text(0), year: r.int(1), amount: r.money(2)) }
                let open = try db.cached("SELECT count(*) FROM application_milestone WHERE application_id = ? AND status = 'expected'").rowValue([.text(id)]) { $0.int(0) } ?? 0
                if let plan, kpis[plan] == nil { kpis[plan] = try self.plan(plan)?.kpiIDs ?? [] }
                out.append(AccountedApplication(id: id, providers: providers, paid: paid, settled: open == 0, claimed: Fte(tenths: fte), kpis: plan.flatMap { kpis[$0] } ?? []))
            }
            return out
        }
    }
}
