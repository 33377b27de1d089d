import DoorbraakCore

/// An application as stored, with what later stages add (status, payouts).
public struct ApplicationRecord: Sendable {
    /// The id.
    public var id: ApplicationID
    /// Plan id as written.
    public var plan: String
    /// Theme of the plan; nil for a registered refusal whose plan is unknown.
    public var theme: Theme?
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
    /// The admission codes of a registered refusal (empty when admissible).
    public var codes: [String]
    /// Status (SPEC §5.2).
    public var status: String
    /// Receipt date (the business date of the last version).
    public var received: Day
    /// The wall-clock time the last version was received.
    public var receivedAt: String
    /// The version that counts (1 for the first submission, +1 per replacement).
    public var version: Int
    /// The canonical application document of that version.
    public var document: String
    /// The milestones with their payment status.
    public var milestones: [MilestoneState]
    /// The penvoerder (AGB) of the version that counts: the owner (SPEC §3.2).
    public var lead: String? = nil
    /// The business date that version was entered (later than `received` for a late entry).
    public var entered: String? = nil
    /// The party whose key signed that version's file, if it was signed.
    public var signedBy: String? = nil

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
        /// `expected`, `reached` (a part paid), `paid` (in full) or `released`.
        public var status: String
        /// Paid so far: the sum of its parts.
        public var paid: Money
        /// Released from it: what was unpaid of the tariff when it was missed or the period closed.
        public var released: Money = .zero
        /// The claims on it, in the order they were settled: the parts paid, a missed one.
        public var parts: [Part] = []

        /// One claim on a milestone: a part paid to a coalition member, or the claim that it was missed.
        public struct Part: Sendable, Equatable {
            /// The claim id.
            public var claim: String
            /// The coalition member it was paid to (or that reported it missed).
            public var provider: String
            /// The paying insurer.
            public var insurer: String
            /// The amount paid (zero for a missed claim).
            public var amount: Money
            /// The claim's date.
            public var date: String
            /// `reached` or `missed`.
            public var status: String
            /// The evidence named.
            public var evidence: String
        }
    }
}

/// One line of the assessor's worklist (`application list`).
public struct RegisterEntry: Sendable, Equatable {
    /// The id.
    public var id: String
    /// Status.
    public var status: String
    /// Review track.
    public var track: String
    /// Plan id.
    public var plan: String
    /// Coordinating and second insurer.
    public var insurers: (coordinating: String, second: String)
    /// Requested amount.
    public var requested: Money
    /// fte saved.
    public var fte: Fte
    /// Admission codes of a refusal.
    public var codes: String
    /// The insurers' rejection reasons (R1–R9) of a rejected one, or the NZa's refusal code
    /// (E-CEILING, E-PERIOD) of a refused one, in code order; empty otherwise.
    public var rejections: [String] = []
    /// Its beschikking is final (every milestone settled).
    public var isFinal = false
    /// Receipt date and version.
    public var received: String
    /// The version that counts.
    public var version: Int

    public static func == (a: RegisterEntry, b: RegisterEntry) -> Bool {
        a.id == b.id && a.status == b.status && a.version == b.version && a.codes == b.codes
    }
}

/// What is registered under an id: its status and the hash of the version that counts.
public struct RegisteredVersion: Sendable, Equatable {
    /// Status.
    public var status: ApplicationStatus
    /// SHA-256 of the canonical content of the version that counts.
    public var contentHash: String
    /// That version's number.
    public var version: Int
    /// Its receipt date.
    public var received: Day
}

extension Store {
    /// What is registered under `id`, or nil; the application row and the version it points at
    /// as the chain bound them (an attacker's review: a status edited with sqlite3 was reported
    /// on a resubmission of the same content).
    public func registered(_ id: ApplicationID) throws(DoorbraakError) -> RegisteredVersion? {
        guard let (status, hash, version, received, seq) = try db.cached("SELECT a.status, a.content_sha256, s.version, s.received_on, s.seq FROM application a JOIN submission s ON s.seq = a.submission_seq WHERE a.id = ?")
            .rowValue([.text(id.rawValue)], { r in (r.text(0), r.text(1), r.int(2), r.text(3), r.int64(4)) }) else {
            // An id with no application row is new only when the chain never bound one under it
            // and no version of it is registered: a row deleted with `sqlite3` and the file sent
            // again failed on SQLite's constraint (E-DATABASE) — found in the twelfth session.
            let refusal = { (finding: RowFinding) in Store.notStored("the application", finding) }
            // The application row without the version it points at: the version is what is gone
            // (an attacker's review: the message named the application row as deleted).
            if let seq = try db.cached("SELECT submission_seq FROM application WHERE id = ?").rowValue([.text(id.rawValue)], { $0.int64(0) }) {
                try requireBound("application", [.text(id.rawValue)], refusal: refusal)
                try requireBound("submission", [.integer(seq)], refusal: refusal)
                throw refusal(RowFinding(table: "submission", key: String(seq), change: .deleted))
            }
            try requireBound("application", [.text(id.rawValue)], absent: true, refusal: refusal)
            for seq in try db.cached("SELECT seq FROM submission WHERE application_id = ?").rowsValue([.text(id.rawValue)], { $0.int64(0) }) {
                try requireBound("submission", [.integer(seq)], refusal: refusal)
                // A version registered, its application row gone (with its binding): not new either.
                throw refusal(RowFinding(table: "application", key: id.rawValue, change: .deleted))
            }
            return nil
        }
        // Checked before they are read: an edited date is named, not blamed on the input (E-INPUT;
        // a second review of this landing).
        try requireBound("application", [.text(id.rawValue)])
        try requireBound("submission", [.integer(seq)])
        return RegisteredVersion(status: try ApplicationStatus(kept: status, of: id.rawValue), contentHash: hash, version: version, received: try Day(parsing: received))
    }

    /// The earliest registered version of `id` whose content is `hash`, if any: every version's
    /// row as the chain bound it (one edited to hide it, or to match, is named).
    public func version(of id: ApplicationID, withContent hash: String) throws(DoorbraakError) -> Int? {
        // The versions are found by their application, not by their key, so the whole register
        // is first found as the chain bound it, once per transaction (an attacker's review: a
        // version moved to another application for the length of one command let its signed
        // file be replayed, and `audit verify` passed once it was moved back).
        try requireBoundTable("submission")
        return try db.cached("SELECT version FROM submission WHERE application_id = ? AND content_sha256 = ? ORDER BY version LIMIT 1")
            .rowValue([.text(id.rawValue), .text(hash)], { r in r.int(0) })
    }

    /// Registers a submission (SPEC §3.2 register): every version is kept with its codes; the
    /// application row holds the version that counts — admissible (`submitted`, with providers
    /// and milestones) or not (`inadmissible`, with its codes). `replacing` is the version it
    /// replaces (nil for a first submission). Runs inside the caller's write transaction.
    public func register(_ application: Application, admission: Admission, canonical: String, contentHash: String,
                         received: Day, event: AuditContext, replacing previous: RegisteredVersion?) throws(DoorbraakError) {
        let id = application.id.rawValue
        try AuditLog.requireInOrder(in: db, subject: id, on: event.today)
        let codes = SubmissionRules.codes(of: admission)
        let version = (previous?.version ?? 0) + 1
        try requireNextKeyUnbound(of: "submission", key: "seq")
        try db.cached("""
            INSERT INTO submission (application_id, version, received_on, received_at, admissible, codes, content_sha256, document, lead, entered_on, signed_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.text(id), .int(version), .text(received.description), .text(event.at), .int(admission.isAdmissible ? 1 : 0),
                      .text(codes), .text(contentHash), .text(canonical), .optionalText(application.penvoerder?.rawValue),
                      .text(event.today.description), .optionalText(event.signer?.description)])
        let seq = db.lastInsertRowID
        let status = admission.isAdmissible ? "submitted" : "inadmissible"
        let values: [SQLValue] = [
            .text(application.plan), .optionalText(admission.theme?.rawValue), .text(application.sector),
            .text(application.coordinatingInsurer), .text(application.secondInsurer), .money(application.requested),
            .integer(application.impact.fteSaved.tenths), .text(admission.track.rawValue),
            .text(admission.deviations.joined(separator: " ")), .text(codes), .text(status), .text(received.description), .text(contentHash), .integer(seq),
            .text(application.region),
        ]
        if previous == nil {
            try db.cached("""
                INSERT INTO application (plan, theme, sector, coordinating, second, requested_cents, fte_tenths, track,
                                         deviations, codes, status, received_on, content_sha256, submission_seq, region, id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).run(values + [.text(id)])
        } else {
            try db.cached("""
                UPDATE application SET plan = ?, theme = ?, sector = ?, coordinating = ?, second = ?, requested_cents = ?, fte_tenths = ?,
                    track = ?, deviations = ?, codes = ?, status = ?, received_on = ?, content_sha256 = ?, submission_seq = ?, region = ?
                WHERE id = ?
                """).run(values + [.text(id)])
            try db.cached("DELETE FROM application_provider WHERE application_id = ?").run([.text(id)])
            try db.cached("DELETE FROM application_milestone WHERE application_id = ?").run([.text(id)])
        }
        if admission.isAdmissible {
            let provider = try db.cached("INSERT INTO application_provider (application_id, agb, name, amount_cents) VALUES (?, ?, ?, ?)")
            for p in application.coalition {
                try provider.run([.text(id), .text(p.agb.rawValue), .text(p.name), .money(p.amount)])
            }
            let milestone = try db.cached("INSERT INTO application_milestone (application_id, code, tariff_cents, due) VALUES (?, ?, ?, ?)")
            for m in application.milestones {
                try milestone.run([.text(id), .text(m.code.description), .money(m.tariff), .text(m.due.description)])
            }
        }
        let entry = received < event.today ? ", received \(received) (late entry)" : ""
        let after = (admission.isAdmissible
            ? "version \(version) submitted, track \(admission.track.rawValue), requested \(application.requested), sha256 \(contentHash.prefix(16))"
            : "version \(version) inadmissible (\(codes)), sha256 \(contentHash.prefix(16))") + entry
        let before = previous.map { "version \($0.version) \($0.status), sha256 \($0.contentHash.prefix(16))" } ?? "-"
        try AuditLog.append(in: db, event, action: previous == nil ? "submit" : "replace", subject: id, before: before, after: after)
    }

    /// The penvoerder (AGB) of the version of `id` that counts: the owner of the application
    /// (SPEC §3.2); nil when there is no such application or its document names no provider.
    public func penvoerder(of id: String) throws(DoorbraakError) -> String? {
        guard let (seq, lead) = try db.cached("SELECT s.seq, s.lead FROM application a JOIN submission s ON s.seq = a.submission_seq WHERE a.id = ?")
            .rowValue([.text(id)], { r in (r.int64(0), r.optionalText(1)) }) else { return nil }
        // Who owns an application decides who may replace or withdraw it: as the chain bound it.
        if db.rowCapture != nil {
            try requireBound("application", [.text(id)])
            try requireBound("submission", [.integer(seq)])
        }
        return lead
    }

    /// Withdraws an application before its beschikking is decided (SPEC §3.2), on behalf of its
    /// penvoerder `lead` (else E-OWNER): a pending request is taken back from the NZa (and from
    /// the kept pending total) in the same transaction.
    public func withdraw(_ id: String, lead: String, event: AuditContext) throws(DoorbraakError) -> String {
        try holdAgainstDecideAll()
        return try db.writeTransaction { () throws(DoorbraakError) -> String in
            guard let status = try db.row("SELECT status FROM application WHERE id = ?", [.text(id)], { r in r.text(0) }) else {
                throw DoorbraakError(.missing, "no application \"\(id)\"", field: "application_id")
            }
            try requireBound("application", [.text(id)])
            try requireBound("beschikking", [.text(id)])
            if let seq = try db.cached("SELECT submission_seq FROM application WHERE id = ?").rowValue([.text(id)], { r in r.int64(0) }) {
                try requireBound("submission", [.integer(seq)])
            }
            try SubmissionRules.checkOwner(of: id, owner: try penvoerder(of: id), actingFor: lead, doing: "withdraw")
            try SubmissionRules.checkWithdrawal(of: id, status: try ApplicationStatus(kept: status, of: id))
            // A withdrawal moves the kept pending total: first make sure the kept totals are what they must be.
            try checkKeptTotals()
            var detail = ""
            if let pending = try db.row("SELECT bovengrens_cents FROM beschikking WHERE application_id = ? AND status = 'pending'", [.text(id)], { r in r.money(0) }) {
                // Taking back a pending request changes which requests compete.
                try requireNoUnfinishedDecideAll()
                try AuditLog.requireLedgerInOrder(in: db, on: event.today)
                try db.run("DELETE FROM beschikking WHERE application_id = ?", [.text(id)])
                try db.run("UPDATE ledger SET pending_cents = pending_cents - ? WHERE id = 1", [.money(pending)])
                detail = "; the pending request for a beschikking of \(pending) is taken back"
            }
            try db.run("UPDATE application SET status = 'withdrawn' WHERE id = ?", [.text(id)])
            try AuditLog.append(in: db, event, action: "withdraw", subject: id, before: status, after: "withdrawn" + detail)
            return status
        }
    }

    /// The register for the assessor's worklist, optionally of one status and/or track, by id.
    /// `status` `final` lists the granted applications whose beschikking is final. With
    /// `waitingFor`, only the admissible applications on which that insurer still has to decide,
    /// the oldest received first.
    public func registerEntries(status: String? = nil, track: String? = nil, waitingFor insurer: String? = nil) throws(DoorbraakError) -> [RegisterEntry] {
        var conditions: [String] = []
        var parameters: [SQLValue] = []
        var order = "a.id"
        if status == "final" {
            conditions.append("a.id IN (SELECT application_id FROM beschikking NOT INDEXED WHERE final_on IS NOT NULL)")
        } else if let status {
            conditions.append("a.status = ?"); parameters.append(.text(status))
        }
        if let insurer {
            conditions.append("(a.status = 'submitted' OR a.status = 'in-review') AND (a.coordinating = ? OR a.second = ?) AND NOT EXISTS (SELECT 1 FROM review r WHERE r.application_id = a.id AND r.insurer = ?)")
            parameters += [.text(insurer), .text(insurer), .text(insurer)]
            order = "a.received_on, a.id"
        }
        if let track { conditions.append("a.track = ? AND a.status <> 'inadmissible'"); parameters.append(.text(track)) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        // Which beschikkingen are final and why the rejected ones were rejected, one scan each (a
        // newcomer listed --status final and read granted, and rejected rows without a reason).
        // And why the NZa refused the refused ones (a newcomer's try: their codes column was empty).
        var finals = Set<ExactText>()
        var rejections: [ExactText: [String]] = [:]
        try db.each("SELECT application_id, final_on IS NOT NULL, status, refusal_code FROM beschikking NOT INDEXED WHERE final_on IS NOT NULL OR status = 'refused'", []) { r in
            if r.int(1) == 1 { finals.insert(ExactText(r.text(0))) }
            if r.text(2) == "refused", let code = r.optionalText(3) { rejections[ExactText(r.text(0)), default: []].append(code) }
        }
        try db.each("SELECT application_id, reason FROM review NOT INDEXED WHERE decision = 'reject' AND reason IS NOT NULL", []) { r in
            rejections[ExactText(r.text(0)), default: []].append(r.text(1))
        }
        var entries = try db.rows("""
            SELECT a.id, a.status, a.track, a.plan, a.coordinating, a.second, a.requested_cents, a.fte_tenths, a.codes, a.received_on, s.version
            FROM application a NOT INDEXED JOIN submission s ON s.seq = a.submission_seq \(filter) ORDER BY \(order)
            """, parameters) { r in
            RegisterEntry(id: r.text(0), status: r.text(1), track: r.text(2), plan: r.text(3), insurers: (r.text(4), r.text(5)),
                          requested: r.money(6), fte: Fte(tenths: r.int64(7)), codes: r.text(8), received: r.text(9), version: r.int(10))
        }
        for i in entries.indices {
            let key = ExactText(entries[i].id)
            entries[i].isFinal = finals.contains(key)
            if [ApplicationStatus.rejected.rawValue, ApplicationStatus.refused.rawValue].contains(entries[i].status) { entries[i].rejections = Set(rejections[key] ?? []).sorted() }
        }
        return entries
    }

    /// Every version registered under `id`: number, receipt, admissible, codes, hash.
    public func versions(of id: String) throws(DoorbraakError) -> [(version: Int, received: String, receivedAt: String, admissible: Bool, codes: String, sha256: String)] {
        try db.rows("SELECT version, received_on, received_at, admissible, codes, content_sha256 FROM submission WHERE application_id = ? ORDER BY version", [.text(id)]) { r in
            (version: r.int(0), received: r.text(1), receivedAt: r.text(2), admissible: r.int(3) == 1, codes: r.text(4), sha256: r.text(5))
        }
    }

    /// One stored application, or nil.
    public func application(_ id: String) throws(DoorbraakError) -> ApplicationRecord? {
        try db.readTransaction { () throws(DoorbraakError) -> ApplicationRecord? in
            guard var record = try db.row("""
                SELECT a.id, a.plan, a.theme, a.sector, a.coordinating, a.second, a.requested_cents, a.fte_tenths, a.track, a.deviations,
                       a.codes, a.status, a.received_on, s.received_at, s.version, s.document, s.lead, s.entered_on, s.signed_by
                FROM application a JOIN submission s ON s.seq = a.submission_seq WHERE a.id = ?
                """, [.text(id)], { r throws(DoorbraakError) in
                    var record = ApplicationRecord(
                        id: try ApplicationID(parsing: r.text(0)), plan: r.text(1), theme: r.optionalText(2).flatMap(Theme.init(rawValue:)), sector: r.text(3),
                        coordinating: r.text(4), second: r.text(5), requested: r.money(6), fte: Fte(tenths: r.int64(7)),
                        track: ReviewTrack(rawValue: r.text(8)) ?? .extended, deviations: r.text(9).split(separator: " ").map(String.init),
                        codes: r.text(10).split(separator: " ").map(String.init), status: r.text(11), received: try Day(parsing: r.text(12)),
                        receivedAt: r.text(13), version: r.int(14), document: r.text(15), milestones: [])
                    record.lead = r.optionalText(16)
                    record.entered = r.optionalText(17)
                    record.signedBy = r.optionalText(18)
                    return record
                }) else { return nil }
            record.milestones = try db.rows("""
                SELECT code, tariff_cents, due, status, paid_cents FROM application_milestone WHERE application_id = ? ORDER BY code
                """, [.text(id)]) { r in
                let (tariff, status, paid) = (r.money(1), r.text(3), r.money(4))
                return ApplicationRecord.MilestoneState(code: r.text(0), tariff: tariff, due: r.text(2), status: status, paid: paid,
                                                        released: status == "released" ? tariff - paid : .zero)
            }
            var parts: [String: [ApplicationRecord.MilestoneState.Part]] = [:]
            try db.each("SELECT milestone, claim_id, provider, insurer, amount_cents, claim_date, status, evidence FROM claim NOT INDEXED WHERE application_id = ? ORDER BY rowid", [.text(id)]) { r in
                parts[r.text(0), default: []].append(.init(claim: r.text(1), provider: r.text(2), insurer: r.text(3), amount: r.money(4),
                                                           date: r.text(5), status: r.text(6), evidence: r.text(7)))
            }
            for i in record.milestones.indices { record.milestones[i].parts = parts[record.milestones[i].code] ?? [] }
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

extension Store {
    /// `error` with "did you mean …?" added when it says application `id` does not exist and a
    /// registered id is near it (a newcomer typed DBM-2026-001 for DBM-2026-0001 and got no hint,
    /// where plans and insurers get one). For an id typed on the command line: the register's
    /// ids are read once, on this error's path only.
    public func suggestingApplication(_ error: DoorbraakError, for id: String) -> DoorbraakError {
        suggesting(error, "no application \"\(id)\"", nearestTo: id, among: "SELECT id FROM application")
    }

    /// `error` (E-MISSING for cost line `id`) with the nearest stored line id, if one is near.
    public func suggestingCostLine(_ error: DoorbraakError, for id: String) -> DoorbraakError {
        suggesting(error, "no cost line \"\(id)\"", nearestTo: id, among: "SELECT line_id FROM cost_line")
    }

    /// `error`, when it is the E-MISSING that begins with `missing`, with "did you mean …?" for the
    /// id `query` reads nearest to `id`; read on this error's path only.
    private func suggesting(_ error: DoorbraakError, _ missing: String, nearestTo id: String, among query: String) -> DoorbraakError {
        guard error.code == .missing, error.message.hasPrefix(missing), let ids = try? db.rows(query, [], { $0.text(0) }),
              let near = NearestName.suggestion(for: id, among: ids) else { return error }
        var hinted = error
        hinted.message += "; did you mean \(near)?"
        return hinted
    }
}
