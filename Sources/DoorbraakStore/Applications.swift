import DoorbraakCore

/// An application as stored, with what later stages add (status, payouts).
public struct ApplicationRecord: Sendable {
    /// The id.
    public var id: ApplicationID
    /// Plan id.
    public var plan: String
    /// Theme of the plan.
    public var theme: Theme
    /// Sector.
    public var sector: String
    /// Coordinating insurer.
    public var coordinating: String
    /// Second insurer.
    public var second: String
    /// Requested amount.
    public var requested: Money
    /// fte saved.
    public var fte: Fte
    /// Review track.
    public var track: ReviewTrack
    /// Deviation keys found at submission.
    public var deviations: [String]
    /// Status (SPEC §5.2).
    public var status: String
    /// Receipt date.
    public var received: Day
    /// The canonical application document.
    public var document: String
    /// The milestones with their payment status.
    public var milestones: [MilestoneState]

    /// Impact per €mln.
    public var impact: FtePerMillion { FtePerMillion(fte: fte, amount: requested) }

    /// A milestone's state.
    public struct MilestoneState: Sendable, Equatable {
        /// Code.
        public var code: String
        /// Tariff.
        public var tariff: Money
        /// Due date.
        public var due: String
        /// `expected`, `paid` or `released`.
        public var status: String
        /// Paid so far.
        public var paid: Money
        /// Released from it: the tariff when missed; once the beschikking is final, what a paid
        /// milestone was paid below its tariff.
        public var released: Money = .zero
        /// The claim that settled it.
        public var claim: String?
        /// The evidence that claim named.
        public var evidence: String?
    }
}

/// What storing an application did.
public enum StoreOutcome: Sendable, Equatable {
    /// Stored for the first time.
    case new
    /// The same id with the same canonical content was there already: nothing changed.
    case unchanged
}

extension Store {
    /// Whether `id` is stored with the same canonical content (`.unchanged`), not stored (nil),
    /// or stored with other content (`E-DUPLICATE`).
    public func existing(_ id: ApplicationID, contentHash: String) throws(DoorbraakError) -> StoreOutcome? {
        guard let stored = try db.cached("SELECT content_sha256 FROM application WHERE id = ?").rowValue([.text(id.rawValue)], { $0.text(0) }) else {
            return nil
        }
        if stored == contentHash { return .unchanged }
        throw DoorbraakError(.duplicate, "application \(id) was submitted before with other content; use a new id for a new application", field: "id")
    }

    /// Stores an admissible application with its providers and milestones and its audit event.
    /// Runs inside the caller's write transaction (one per import batch).
    public func insert(_ application: Application, admission: Admission, canonical: String, contentHash: String, received: Day, event: AuditContext) throws(DoorbraakError) {
        guard admission.isAdmissible, let theme = admission.theme else {
            throw DoorbraakError(.internal, "only an admissible application can be stored")
        }
        try db.cached("""
            INSERT INTO application (id, plan, theme, sector, coordinating, second, requested_cents, fte_tenths, track,
                                     deviations, status, received_on, content_sha256, document)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?)
            """).run([
                .text(application.id.rawValue), .text(application.plan), .text(theme.rawValue), .text(application.sector),
                .text(application.coordinatingInsurer), .text(application.secondInsurer), .money(application.requested),
                .integer(application.impact.fteSaved.tenths), .text(admission.track.rawValue),
                .text(admission.deviations.joined(separator: " ")), .text(received.description), .text(contentHash), .text(canonical),
            ])
        let provider = try db.cached("INSERT INTO application_provider (application_id, agb, name, amount_cents) VALUES (?, ?, ?, ?)")
        // Amounts of a provider listed twice are merged: the coalition counts distinct providers.
        var amounts: [AGB: (String, Money)] = [:]
        for p in application.coalition { amounts[p.agb] = (p.name, (amounts[p.agb]?.1 ?? .zero) + p.amount) }
        for (agb, (name, amount)) in amounts.sorted(by: { $0.key < $1.key }) {
            try provider.run([.text(application.id.rawValue), .text(agb.rawValue), .text(name), .money(amount)])
        }
        let milestone = try db.cached("INSERT INTO application_milestone (application_id, code, tariff_cents, due) VALUES (?, ?, ?, ?)")
        for m in application.milestones {
            try milestone.run([.text(application.id.rawValue), .text(m.code.description), .money(m.tariff), .text(m.due.description)])
        }
        try AuditLog.append(in: db, event, action: "submit", subject: application.id.rawValue, before: "-",
                            after: "submitted, track \(admission.track.rawValue), requested \(application.requested), sha256 \(contentHash.prefix(16))")
    }

    /// One stored application, or nil.
    public func application(_ id: String) throws(DoorbraakError) -> ApplicationRecord? {
        try db.readTransaction { () throws(DoorbraakError) -> ApplicationRecord? in
            guard var record = try db.row("""
                SELECT id, plan, theme, sector, coordinating, second, requested_cents, fte_tenths, track, deviations, status, received_on, document
                FROM application WHERE id = ?
                """, [.text(id)], { r throws(DoorbraakError) in
                    ApplicationRecord(
                        id: try ApplicationID(parsing: r.text(0)), plan: r.text(1), theme: try Theme(parsing: r.text(2)), sector: r.text(3),
                        coordinating: r.text(4), second: r.text(5), requested: r.money(6), fte: Fte(tenths: r.int64(7)),
                        track: ReviewTrack(rawValue: r.text(8)) ?? .extended, deviations: r.text(9).split(separator: " ").map(String.init),
                        status: r.text(10), received: try Day(parsing: r.text(11)), document: r.text(12), milestones: [])
                }) else { return nil }
            let final = try db.integer("SELECT count(*) FROM beschikking WHERE application_id = ? AND final_on IS NOT NULL", [.text(id)]) == 1
            record.milestones = try db.rows("""
                SELECT m.code, m.tariff_cents, m.due, m.status, m.paid_cents, c.claim_id, c.evidence
                FROM application_milestone m LEFT JOIN claim c ON c.application_id = m.application_id AND c.milestone = m.code
                WHERE m.application_id = ? ORDER BY m.code
                """, [.text(id)]) { r in
                let (tariff, status, paid) = (r.money(1), r.text(3), r.money(4))
                let released: Money = status == "released" ? tariff : (final && status == "paid" ? tariff - paid : .zero)
                return ApplicationRecord.MilestoneState(code: r.text(0), tariff: tariff, due: r.text(2), status: status, paid: paid,
                                                        released: released, claim: r.optionalText(5), evidence: r.optionalText(6))
            }
            return record
        }
    }
}

extension Statement {
    /// Binds, steps once and reads the first row, or nil.
    public func rowValue<T>(_ values: [SQLValue], _ read: (Row) throws(DoorbraakError) -> T) throws(DoorbraakError) -> T? {
        try bind(values)
        defer { reset() }
        guard try step() else { return nil }
        return try read(Row(statement: self))
    }
}
