import DoorbraakCore

/// What storing one cost line or measurement did.
public enum VerantwoordingOutcome: Sendable, Equatable {
    /// Stored for the first time; for a cost line, the findings (P2, P3, P4, P6) it carries.
    case stored(findings: [ErrorCode])
    /// The same id (or key) with the same content was stored before: nothing changed.
    case unchanged
}

/// What a cost line or measurement rests on: its application's status and plan, whether its
/// beschikking is granted, and its coalition — read from rows checked against the chain.
struct VerantwoordingSubject {
    var status: String
    var granted: Bool
    var plan: String
    var coalition: Set<AGB>
}

/// The subjects checked in one write transaction (`Store.verantwoordingSubject`); bounded, so an
/// import of 100,000 applications' lines does not keep them all.
struct VerantwoordingSubjects {
    static let limit = 10_000
    var transaction = -1
    var checked: [ExactText: VerantwoordingSubject?] = [:]
}

/// Everything the plausibility test reads, from one snapshot.
public struct PlausibilityInput: Sendable {
    /// Paid per application, provider, insurer and year (reached claims; a payout's year is its claim date's year).
    public var payouts: [Plausibility.Payout]
    /// Every stored cost line.
    public var costs: [CostLine]
    /// Every application with a beschikking, claims or cost lines: coalition and whether all milestones are settled.
    public var applications: [Plausibility.ApplicationFacts]
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
        try requireGranted(application.rawValue, code: .costApplication, what: "cost lines", one: "the cost line").coalition
    }

    /// The checked subject of a granted application (`code` when there is no such application
    /// or its beschikking is not granted); `what` names the rows stored on it, `one` one of them.
    private func requireGranted(_ application: String, code: ErrorCode, what: String, one: String) throws(DoorbraakError) -> VerantwoordingSubject {
        let found: VerantwoordingSubject?
        do throws(DoorbraakError) {
            found = try verantwoordingSubject(application)
        } catch where error.code == .ledger {
            throw error.row.map { Store.notStored(one, $0) } ?? error
        }
        guard let subject = found else {
            throw DoorbraakError(code, "no application \"\(application)\"; \(what) belong to a granted application", field: "application_id")
        }
        guard subject.granted else {
            throw DoorbraakError(code, "application \(application) is \(subject.status), not granted: \(what) belong to a granted beschikking", field: "application_id")
        }
        return subject
    }

    /// What a cost line or measurement on `application` rests on, from its rows as the chain
    /// bound them (nil: no such application, and none deleted outside doorbraak); `E-LEDGER`
    /// naming the row that is not. Checked once per application and transaction: nothing in a
    /// costs or monitoring import changes these rows.
    func verantwoordingSubject(_ application: String) throws(DoorbraakError) -> VerantwoordingSubject? {
        let key = ExactText(application)
        if verantwoordingSubjects.transaction == db.transactionNumber, let known = verantwoordingSubjects.checked[key] { return known }
        return try checkedVerantwoordingSubjects([application])[key] ?? nil
    }

    /// Checks and reads what a chunk of cost lines or measurements rests on at once (issue 21:
    /// a few set-based statements per chunk): the applications, their beschikkingen and their
    /// coalitions. When a row of the chunk is not as bound nothing is kept, so that each line
    /// meets its own refusal.
    public func prepareVerantwoording(of applications: [String]) throws(DoorbraakError) {
        let open = applications.filter { verantwoordingSubjects.transaction != db.transactionNumber || verantwoordingSubjects.checked[ExactText($0)] == nil }
        guard !open.isEmpty else { return }
        do throws(DoorbraakError) {
            _ = try checkedVerantwoordingSubjects(open)
        } catch where error.code == .ledger {}
    }

    /// The subjects of `ids` from their rows checked against the chain (an attacker's review: a
    /// beschikking inserted, a plan changed or a provider added to a coalition with `sqlite3` for
    /// the length of an import had a cost line or measurement stored on it and bound as the
    /// import's own); kept for the rest of the transaction, an unknown id as nil.
    private func checkedVerantwoordingSubjects(_ ids: [String]) throws(DoorbraakError) -> [ExactText: VerantwoordingSubject?] {
        let keys = ids.map { SQLValue.text($0) }
        var applications: [ExactText: (status: String, plan: String)] = [:]
        try requireBoundRows("application", of: keys) { c, r throws(DoorbraakError) in
            applications[ExactText(r.text(try c("id")))] = (r.text(try c("status")), r.text(try c("plan")))
        }
        var granted = Set<ExactText>()
        try requireBoundRows("beschikking", of: keys) { c, r throws(DoorbraakError) in
            if try BeschikkingStatus(kept: r.text(try c("status")), of: r.text(try c("application_id"))) == .granted { granted.insert(ExactText(r.text(try c("application_id")))) }
        }
        var coalitions: [ExactText: Set<AGB>] = [:]
        try requireBoundRows("application_provider", of: keys) { c, r throws(DoorbraakError) in
            coalitions[ExactText(r.text(try c("application_id"))), default: []].insert(try AGB(parsing: r.text(try c("agb"))))
        }
        if verantwoordingSubjects.transaction != db.transactionNumber || verantwoordingSubjects.checked.count >= VerantwoordingSubjects.limit {
            verantwoordingSubjects = VerantwoordingSubjects(transaction: db.transactionNumber)
        }
        var subjects: [ExactText: VerantwoordingSubject?] = [:]
        for id in ids.map(ExactText.init) {
            let subject = applications[id].map { VerantwoordingSubject(status: $0.status, granted: granted.contains(id), plan: $0.plan, coalition: coalitions[id] ?? []) }
            subjects[id] = subject
            verantwoordingSubjects.checked[id] = subject
        }
        return subjects
    }

    /// The KPI ids of model plan `id` as the chain bound its row (nil: no such plan).
    public func checkedKPIs(ofPlan id: String) throws(DoorbraakError) -> [String]? {
        try requireBound("plan", [.text(id)]) { Store.notStored("the measurement", $0) }
        return try plan(id)?.kpiIDs
    }

    /// Stores one cost line of a provider's verantwoording (SPEC §3.8); must run inside a write
    /// transaction. The application must be granted (E-COST-APPLICATION). The same line id with
    /// the same content is a no-op; with other content it is P7, refused. A line with a finding
    /// (P2 outside 2027–2029, P3 structural, P4 hulpmiddelen bought, P6 provider outside the
    /// coalition) is stored: it is a finding for the plausibility test, not an input error, and
    /// the test counts it as not eligible. One audit event per stored line.
    public func storeCost(_ line: CostLine, today: Day, event: AuditContext) throws(DoorbraakError) -> VerantwoordingOutcome {
        if let before = try db.cached(Store.costLineByID).rowValue([.text(line.lineID)], Store.costLine) {
            // P7: a line is reimbursed once; other content under the same id is refused — as
            // the chain bound the line stored.
            try requireBound("cost_line", [.text(line.lineID)]) { Store.notStored("the cost line", $0) }
            _ = try CostLine.isUnchanged(before, line)
            return .unchanged
        }
        // A line deleted outside doorbraak is not a new one (an attacker's review: a line
        // refused with P7 was stored after the one before it was deleted with `sqlite3`).
        try requireBound("cost_line", [.text(line.lineID)], absent: true) { Store.notStored("the cost line", $0) }
        let coalition = try requireGranted(line.application.rawValue, code: .costApplication, what: "cost lines", one: "the cost line").coalition
        try AuditLog.requireInOrder(in: db, subject: line.application.rawValue, on: today)
        let findings = Plausibility.findings(of: line, coalition: coalition).map(\.code)
        try db.cached("""
            INSERT INTO cost_line (line_id, application_id, provider, year, category, kind, amount_cents, description, content, findings, imported_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.text(line.lineID), .text(line.application.rawValue), .text(line.provider.rawValue), .int(line.year), .text(line.category.rawValue),
                      .text(line.kind.rawValue), .money(line.amount), .text(line.description), .text(line.canonicalContent),
                      .text(findings.map(\.rawValue).joined(separator: " ")), .text(today.description)])
        let noted = findings.isEmpty ? "" : "; findings \(findings.map(\.rawValue).joined(separator: ", ")): not eligible"
        try AuditLog.append(in: db, event.acting(for: "provider \(line.provider)"), action: "cost", subject: line.application.rawValue, before: "-",
                            after: "cost line \(line.lineID): \(line.year) \(line.category.rawValue) \(line.kind.rawValue) \(line.amount), provider \(line.provider)\(noted)")
        return .stored(findings: findings)
    }

    /// Whether `application` is stored, and its plan, from its row as the chain bound it.
    public func planOf(_ application: String) throws(DoorbraakError) -> (exists: Bool, plan: String?) {
        do throws(DoorbraakError) {
            let subject = try verantwoordingSubject(application)
            return (subject != nil, subject?.plan)
        } catch where error.code == .ledger {
            throw error.row.map { Store.notStored("the measurement", $0) } ?? error
        }
    }

    /// The refusal of a cost line or measurement resting on a row that is not as the chain bound
    /// it: the provider's file is not at fault, and nothing of it is stored on that row.
    static func notStored(_ what: String, _ finding: RowFinding) -> DoorbraakError {
        .ledger("\(what) is not stored: \(finding); the database was changed outside doorbraak, not by your file: its administrator finds every such row with `doorbraak audit verify`", row: finding)
    }

    /// Stores one monitoring measurement (SPEC §3.8 Monitoring); must run inside a write
    /// transaction. The application must be granted (E-MONITORING-APPLICATION) and the peildatum
    /// not after today (E-MONITORING-DATE). The same application, peildatum and kpi with the same
    /// value is a no-op; with another value it is refused (E-MONITORING-CONFLICT).
    public func storeMeasurement(_ m: Measurement, today: Day, event: AuditContext) throws(DoorbraakError) -> VerantwoordingOutcome {
        let key: [SQLValue] = [.text(m.application.rawValue), .text(m.peildatum.description), .text(m.kpi)]
        if let stored = try db.cached("SELECT value_units FROM measurement WHERE application_id = ? AND peildatum = ? AND kpi = ?")
            .rowValue(key, { $0.int64(0) }) {
            try requireBound("measurement", key) { Store.notStored("the measurement", $0) }
            if stored == m.value.units { return .unchanged }
            throw DoorbraakError(.monitoringConflict, "\(m.kpi) of \(m.application) on \(m.peildatum) was reported before as \(MeasuredValue(units: stored)), now \(m.value); a correction needs another peildatum", field: "value")
        }
        // A measurement deleted outside doorbraak is not a new one (an attacker's review).
        try requireBound("measurement", key, absent: true) { Store.notStored("the measurement", $0) }
        _ = try requireGranted(m.application.rawValue, code: .monitoringApplication, what: "measurements", one: "the measurement")
        try AuditLog.requireInOrder(in: db, subject: m.application.rawValue, on: today)
        guard m.peildatum <= today else {
            throw DoorbraakError(.monitoringDate, "peildatum \(m.peildatum) lies after today (\(today)): a realised value cannot be measured ahead", field: "peildatum")
        }
        try db.cached("INSERT INTO measurement (application_id, peildatum, kpi, value_units, imported_on) VALUES (?, ?, ?, ?, ?)")
            .run([.text(m.application.rawValue), .text(m.peildatum.description), .text(m.kpi), .integer(m.value.units), .text(today.description)])
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
            let costs = try db.rows("SELECT \(Store.costLineColumns) FROM cost_line ORDER BY line_id", [], Store.costLine)
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
            return PlausibilityInput(payouts: payouts, costs: costs, applications: facts)
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
