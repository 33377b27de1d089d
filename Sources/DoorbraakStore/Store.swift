import DoorbraakCore

/// The durable state of one round: a SQLite database with the schema of `Schema`.
public final class Store {
    /// The connection.
    public let db: Database
    /// The rows and totals checked before money moved on them (see `requireBound`, `checkKeptTotals`).
    var verifiedScopes = VerifiedScopes()
    /// What the chunk of claims being settled rests on (`prepareClaims`).
    var preparedClaims = PreparedClaims()
    /// What the cost lines and measurements of this transaction rest on, as checked (`verantwoordingSubject`).
    var verantwoordingSubjects = VerantwoordingSubjects()
    /// The new line ids or measurement keys of an import's chunk (`NewRowKeys`).
    var newRowKeys = NewRowKeys()
    /// What this write transaction wrote since an import began preparing its chunks beside it
    /// (`beginBesideWriter`).
    var writtenAside = WrittenBesideWriter()
    /// What makes each stored cost line alike, as checked in this transaction (`StoredAlikeKeys`).
    var storedAlike = StoredAlikeKeys()
    /// The registered versions a reviews import's chunk checked (`prepareReviews`).
    var preparedVersions = PreparedVersions()
    /// The applications found reviewable in the open write transaction (`requireReviewable`).
    var reviewable = ReviewableApplications()
    /// The subjects of a reviews import's decisions as checked beside the writer (`CheckedReviews`).
    var checkedReviews = CheckedReviews()
    /// The bound tables as a read-only connection's views check rows against them (`boundTable`).
    var readOnlyTables: [String: BoundTable] = [:]
    /// The schema upgrade this open made, if it made one (the CLI says so).
    public private(set) var upgrade: SchemaUpgrade?
    /// The decisions lock this store holds shared, once taken (see `DecisionLock`).
    var decisionLock: DecisionLock?

    private init(db: Database) { self.db = db }

    /// Opens an initialised database; refuses a missing file, an unknown schema version, and a
    /// schema that is not the one of its version (E-SCHEMA, exit 65: a hostile file is input
    /// too). `readOnly` is for commands that only read; a database that still needs a migration is
    /// opened for writing anyway (once), because the reader's queries expect the current schema.
    /// `upgrade` is who is recorded when an older database is upgraded (its rows bound to the chain).
    /// `beside`: the files a first connection opened (`Database.openedFiles`), for a second one that
    /// must be on the very same database (`Database.init`), or none is opened.
    public static func open(at path: String, readOnly: Bool = false, upgrade: AuditContext? = nil, beside first: Set<FileIdentity>? = nil) throws(DoorbraakError) -> Store {
        var db = try Database(path: path, create: false, readOnly: readOnly, beside: first)
        let version = try db.integer("PRAGMA user_version")
        let latest = Int64(Schema.migrations.count)
        if version == 0, try db.integer("SELECT count(*) FROM sqlite_schema") == 0 {
            throw DoorbraakError(.notInitialised, "the database has no doorbraak round; run `doorbraak init` first", file: path)
        }
        guard version > 0, version <= latest else {
            throw DoorbraakError(.schema, version > latest
                ? "the database has schema version \(version), newer than this doorbraak (\(latest)); upgrade doorbraak"
                : "the database has schema version \(version), which no doorbraak writes; it is not trusted", file: path)
        }
        try SchemaCheck.require(db, version: Int(version))
        if readOnly, version < latest {
            // A second connection never migrates: the first one has.
            if first != nil { throw DoorbraakError(.busy, "the database was being upgraded; run the command again", file: path) }
            db = try Database(path: path, create: false)
        }
        let store = Store(db: db)
        if version < latest {
            store.upgrade = try store.migrate(upgrade: upgrade)
            try SchemaCheck.require(db, version: Int(latest))
        }
        if !db.readOnly { try db.installRowCapture() }
        return store
    }

    /// Creates a fresh database at `path` with the round settings and plans, all or nothing:
    /// it is built under a temporary name and moved into place only when complete.
    public static func create(at path: String, settings: RoundSettings, plans: [ModelPlan], requireSignatures: Bool = false, event: AuditContext) throws(DoorbraakError) -> Store {
        if FileSystem.exists(path) {
            throw DoorbraakError(.exists, "a database already exists here; remove it or choose another --db", file: path)
        }
        // Said of the folder itself, not of the temporary file below it (a newcomer's try of the README).
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        if !folder.isEmpty, !FileSystem.isFolder(folder) {
            throw DoorbraakError(.io, "the folder \(folder) does not exist; create it first or choose another --db", file: path)
        }
        FileSystem.removeStaleCreations(of: path)
        let temporary = path + ".creating-\(FileSystem.processID)"
        // The companions of the file (the temporary name's -journal, with a process id of up to 7
        // digits; the decisions lock) must fit a file name's 255 bytes: a longer --db was SQLite's
        // "unable to open" (exit 70) halfway.
        let longest = 255 - ".creating-1234567-journal".utf8.count
        if let name = path.split(separator: "/").last, name.utf8.count > longest {
            throw DoorbraakError(.io, "the database's file name is too long for the files doorbraak keeps beside it (its -wal, its decisions lock): choose a --db whose file name has at most \(longest) bytes", file: path)
        }
        FileSystem.removeDatabase(temporary)
        do {
            do {
                let db = try Database(path: temporary, create: true)
                let store = Store(db: db)
                try store.migrate(upgrade: nil)
                try db.installRowCapture()
                try db.writeTransaction { () throws(DoorbraakError) in
                    try store.insertRound(settings, plans: plans, requireSignatures: requireSignatures, event: event)
                }
                try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try FileSystem.moveNew(temporary, to: path)
        } catch {
            FileSystem.removeDatabase(temporary)
            throw error
        }
        return try open(at: path)
    }

    /// The first schema version whose events bind the rows they write.
    static let bindingVersion = 11

    /// Applies the migrations not yet applied, in one write transaction. Foreign keys are off
    /// meanwhile (a migration may rebuild a table, SQLite's documented way to change a CHECK) and
    /// checked before the commit. An upgraded database gets one `bind` event that binds every row
    /// as it then stands, so its chain must prove the rows first: the chain (and, from schema
    /// version 11, every row against its binding) is verified before anything is changed.
    @discardableResult
    func migrate(upgrade: AuditContext?) throws(DoorbraakError) -> SchemaUpgrade? {
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = ON") }
        return try db.writeTransaction { () throws(DoorbraakError) -> SchemaUpgrade? in
            let current = Int(try db.integer("PRAGMA user_version"))
            let latest = Schema.migrations.count
            let hasLedger = current > 0 ? try db.integer("SELECT count(*) FROM ledger") == 1 : false
            let upgrading = current > 0 && current < latest && hasLedger
            // Migrations that only change indexes leave every row's image as bound: nothing to prove or bind anew.
            let rebinding = (current..<latest).contains { !Schema.indexOnlyMigrations.contains($0 + 1) }
            if upgrading, rebinding, current >= Store.bindingVersion { try requireProvenRows(version: current) }
            for n in current..<latest {
                try db.execute(Schema.migrations[n])
                try db.execute("PRAGMA user_version = \(n + 1)")
            }
            if current < latest {
                // A migration may edit the schema text in place (migration 10): other connections reread it.
                try db.execute("PRAGMA schema_version = \(try db.integer("PRAGMA schema_version") + 1)")
            }
            if let broken = try db.row("PRAGMA foreign_key_check", [], { r in r.text(0) }) {
                throw DoorbraakError(.database, "the migration left a broken reference in table \(broken)")
            }
            guard upgrading else { return nil }
            if current < Store.bindingVersion {
                // The upgrade binds the rows as they stand, so the chain must hold first: a
                // database made to look older (columns dropped, user_version lowered) would
                // otherwise have its edited rows bound as if doorbraak wrote them.
                let chain = try AuditLog.verify(in: db)
                guard chain.ok else {
                    throw DoorbraakError(.audit, "the audit chain of this schema version \(current) database does not verify (\(chain.reason ?? "event \(chain.firstBad ?? 0)")), so it is not upgraded and its rows are not bound; nothing was changed", file: db.path)
                }
                // What that chain proved of the rows themselves: every claim and cost line against
                // the seal in the event that recorded it (an attacker's review: a cost line's amount
                // edited in a version-10 file, which that version's `audit verify` named, was bound
                // by the upgrade as it stood and passed ever after).
                let unsealed = try legacySealFindings()
                if let first = unsealed.first {
                    throw DoorbraakError(.audit, "this schema version \(current) database differs from the seals in its audit events (\(unsealed.count) difference\(unsealed.count == 1 ? "" : "s"), first: \(first)), so it is not upgraded and its rows are not bound; nothing was changed", file: db.path)
                }
            }
            try db.installRowCapture()
            if current < Store.partiesVersion { try registerDutchInsurers() }
            var rows: Int64 = 0
            if rebinding, let capture = db.rowCapture {
                for table in capture.tables.values { rows += try capture.touchEveryRow(of: table, in: db) }
            }
            var context = upgrade ?? AuditContext(actor: "doorbraak", at: Clock.timestamp(), today: Clock.today)
            // The upgrade is no business act: it is dated no earlier than the round's latest date,
            // so the trail still reads forward whatever --today the first command gives.
            let opened = try db.row("SELECT created_on FROM round WHERE id = 1", [], { $0.text(0) }).flatMap { try? Day(parsing: $0) }
            for latest in [opened, try AuditLog.latestBusinessDay(in: db)] {
                if let latest, latest > context.today { context.today = latest }
            }
            try AuditLog.append(in: db, context, action: "bind", subject: "round", before: "schema version \(current)",
                                after: rebinding ? "schema version \(latest): \(rows) rows as they stand bound to the chain"
                                    : "schema version \(latest): indexes and new tables only, every row stays as the chain bound it")
            return SchemaUpgrade(from: current, to: latest, rowsBound: rebinding ? rows : nil)
        }
    }

    /// Every claim and cost line of a database from before the row bindings against the seal in
    /// the event that recorded it (`LegacyRecordSeal`): a record edited, one without its event,
    /// or one whose event holds a record that is gone, each named; and the ledger's kept totals
    /// against the seal of the newest money event (`LegacyLedgerSeal`).
    private func legacySealFindings() throws(DoorbraakError) -> [String] {
        var findings: [String] = []
        func seals(_ kind: String, actions: String) throws(DoorbraakError) -> [String: String] {
            var out: [String: String] = [:]
            for text in try db.rows("SELECT after FROM audit_event WHERE action IN (\(actions)) ORDER BY seq", [], { $0.text(0) }) {
                if let seal = LegacyRecordSeal(kind: kind, eventText: text) { out[seal.id] = seal.sha256 }
            }
            return out
        }
        func check(_ what: String, _ id: String, content: String?, kind: String, in recorded: inout [String: String]) {
            let seal = recorded.removeValue(forKey: id)
            if let content, let seal, seal == LegacyRecordSeal(kind: kind, id: id, content: content).sha256 { return }
            findings.append(seal == nil ? "\(what) \(id) has no audit event that recorded it" : "\(what) \(id) differs from the audit event that recorded it")
        }
        var claimSeals = try seals("claim", actions: "'payout', 'release'")
        for (id, claim) in try db.rows("SELECT claim_id, application_id, milestone, provider, insurer, amount_cents, claim_date, status, evidence FROM claim ORDER BY claim_id", [], { r in
            // A date or status no import writes has no content to seal: named as differing.
            (r.text(0), (try? Day(parsing: r.text(6))).flatMap { day in ClaimStatus(rawValue: r.text(7)).map { status in
                Claim(id: r.text(0), application: r.text(1), milestone: r.text(2), provider: r.text(3), insurer: r.text(4), amount: r.money(5), date: day, status: status, evidence: r.text(8))
            } })
        }) {
            check("claim", id, content: claim?.contentKey, kind: "claim", in: &claimSeals)
        }
        findings += claimSeals.keys.sorted().map { "claim \($0) was recorded in the audit trail but its row is missing" }
        var lineSeals = try seals("line", actions: "'cost'")
        for (id, line) in try db.rows("SELECT \(Store.costLineColumns) FROM cost_line ORDER BY line_id", [], { r in (r.text(0), try? Store.costLine(r)) }) {
            check("cost line", id, content: line?.canonicalContent, kind: "line", in: &lineSeals)
        }
        findings += lineSeals.keys.sorted().map { "cost line \($0) was recorded in the audit trail but its row is missing" }
        // The kept totals against the seal of the newest money event, the ceiling also against
        // the seal of `init` (as version 10's own `audit verify` compared them).
        let actions = LegacyLedgerSeal.sealedActions.map { "'\($0)'" }.joined(separator: ", ")
        let kept = try db.row("SELECT ceiling_cents, granted_cents, released_cents, pending_cents, paid_cents FROM ledger WHERE id = 1", []) { r in
            (0..<LegacyLedgerSeal.names.count).map { r.money(Int32($0)) }
        } ?? []
        for (query, what, ceilingOnly) in [("SELECT seq, after FROM audit_event WHERE action IN (\(actions)) ORDER BY seq DESC", "the newest money event", false),
                                           ("SELECT seq, after FROM audit_event WHERE action = 'init' ORDER BY seq", "the round's opening", true)] {
            let sealed = try db.rows(query, []) { r in (r.int64(0), r.text(1)) }.lazy.compactMap { e in LegacyLedgerSeal(eventText: e.1).map { (e.0, $0) } }.first
            guard let (seq, seal) = sealed else { continue }
            for (index, total) in seal.totals.enumerated() where index < kept.count && (!ceilingOnly || total.name == "ceiling") && kept[index] != total.amount {
                findings.append("the ledger's \(total.name) total \(kept[index].dutch) differs from the seal of \(what) (event \(seq): \(total.amount.dutch))")
            }
        }
        return findings
    }

    /// Refuses to upgrade a database whose chain or rows do not verify (E-AUDIT): the upgrade
    /// would bind edited rows as if doorbraak wrote them.
    private func requireProvenRows(version: Int) throws(DoorbraakError) {
        let chain = try AuditLog.verify(in: db)
        guard chain.ok else {
            throw DoorbraakError(.audit, "the audit chain of this schema version \(version) database does not verify (\(chain.reason ?? "event \(chain.firstBad ?? 0)")), so it is not upgraded; nothing was changed", file: db.path)
        }
        let rows = try rowCheck()
        if let first = rows.findings.first {
            throw DoorbraakError(.audit, "\(rows.count) row\(rows.count == 1 ? "" : "s") of this schema version \(version) database differ from the chain (first: \(first)), so it is not upgraded; nothing was changed (run `doorbraak audit verify` with the doorbraak that wrote it)", file: db.path)
        }
    }

    private func insertRound(_ settings: RoundSettings, plans: [ModelPlan], requireSignatures: Bool, event: AuditContext) throws(DoorbraakError) {
        try db.run("INSERT INTO round (id, bar_hundredths, bar_scenario, deadline, created_on, require_signatures) VALUES (1, ?, ?, ?, ?, ?)",
                   [.integer(settings.bar.hundredths), .optionalText(settings.bar.scenario?.rawValue), .text(settings.deadline.description), .text(event.today.description),
                    .int(requireSignatures ? 1 : 0)])
        try db.run("INSERT INTO ledger (id, ceiling_cents, audit_head) VALUES (1, ?, ?)", [.money(settings.ceiling), .text(AuditLog.genesis)])
        let theme = try db.prepare("INSERT INTO theme (theme, amount_cents) VALUES (?, ?)")
        for t in Theme.allCases { try theme.run([.text(t.rawValue), .money(settings.amount(of: t))]) }
        for year in RoundSettings.eligibleYears { try db.run("INSERT INTO ledger_year (year) VALUES (?)", [.int(year)]) }
        let plan = try db.prepare("INSERT INTO plan (id, code, version, theme, title, document) VALUES (?, ?, ?, ?, ?, ?)")
        for p in plans {
            try plan.run([.text(p.id.rawValue), .text(p.code), .text(p.version), .text(p.theme.rawValue), .text(p.title), .text(p.json.canonical)])
        }
        let summary = "ceiling \(settings.ceiling), bar \(settings.bar.number), deadline \(settings.deadline), "
            + Theme.allCases.map { "\($0.rawValue) \(settings.amount(of: $0))" }.joined(separator: ", ")
            + ", \(plans.count) plans"
        try registerDutchInsurers()
        try AuditLog.append(in: db, event, action: "init", subject: "round", before: "-", after: summary + ", \(PartyRegister.dutchInsurers.count) insurers registered" + (requireSignatures ? ", signed party files required" : ""))
    }

    /// The round settings as stored at `init`.
    public func settings() throws(DoorbraakError) -> RoundSettings {
        guard let (hundredths, scenario, deadline) = try db.row("SELECT bar_hundredths, bar_scenario, deadline FROM round WHERE id = 1", [], { r in
            (r.int64(0), r.optionalText(1), r.text(2))
        }) else {
            throw DoorbraakError.missingRow("round", in: db)
        }
        let ceiling = Money(cents: try db.integer("SELECT ceiling_cents FROM ledger WHERE id = 1"))
        var amounts: [Theme: Money] = [:]
        for (theme, cents) in try db.rows("SELECT theme, amount_cents FROM theme", [], { r in (r.text(0), r.int64(1)) }) {
            if let t = Theme(rawValue: theme) { amounts[t] = Money(cents: cents) }
        }
        let bar: ImpactBar
        if let scenario, let s = ImpactBar.Scenario(rawValue: scenario) {
            bar = .scenario(s)
        } else {
            bar = try ImpactBar(parsing: DecimalFormat.hundredths(hundredths))
        }
        return RoundSettings(ceiling: ceiling, themeAmounts: amounts, bar: bar, deadline: try Day(parsing: deadline))
    }

    /// All model plans, ordered by theme then id.
    public func plans() throws(DoorbraakError) -> [ModelPlan] {
        let documents = try db.rows("SELECT document FROM plan ORDER BY id", []) { r in r.text(0) }
        var plans: [ModelPlan] = []
        for document in documents { plans.append(try ModelPlan(json: try JSONParser.parse(document))) }
        return plans.sorted { ($0.theme, $0.id) < ($1.theme, $1.id) }
    }

    /// One model plan, or nil.
    public func plan(_ id: String) throws(DoorbraakError) -> ModelPlan? {
        guard let document = try db.row("SELECT document FROM plan WHERE id = ?", [.text(id)], { r in r.text(0) }) else { return nil }
        return try ModelPlan(json: try JSONParser.parse(document))
    }
}

/// Who does something and when, for the audit event a change appends.
public struct AuditContext: Sendable {
    /// Who: `nza`, `insurer 3311`, or the operating system user for setup commands.
    public var actor: String
    /// The wall-clock time, ISO 8601 UTC.
    public var at: String
    /// The business date (`--today`).
    public var today: Day
    /// The person behind the change (`--actor`), without the role they act in.
    public var person: String
    /// The party whose registered key signed the file the change comes from (SPEC §3.10), if any.
    public var signer: PartyID?

    /// A context for one command.
    public init(actor: String, at: String, today: Day) {
        self.actor = actor
        self.at = at
        self.today = today
        self.person = actor
    }

    /// The same person acting for `role`: recorded as `person (role)`, e.g. `jan (insurer 3311)`.
    public func acting(for role: String) -> AuditContext {
        var copy = self
        copy.actor = "\(person) (\(role)\(signer.map { ", file signed by \($0)" } ?? ""))"
        return copy
    }

    /// The same context for a file signed by `signer` (recorded in the actor).
    public func signed(by signer: PartyID?) -> AuditContext {
        var copy = self
        // Appended whatever the actor's text holds; once per signer (the actor text never decides
        // whether the signer is recorded — an identity review of the twelfth landing).
        guard let signer, self.signer != signer else { return copy }
        copy.signer = signer
        copy.actor += " (file signed by \(signer))"
        return copy
    }
}

extension ErrorCode {
    /// The target of `init` already exists.
    public static let exists = ErrorCode("E-EXISTS", .refused)
}

enum DecimalFormat {
    static func hundredths(_ value: Int64) -> String {
        let fraction = value % 100
        return "\(value / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// What `requireBound` and its kin have checked in the open transaction.
/// What an import's write transaction wrote, for the chunks a read-only store prepares beside it
/// (`CSVAside`), which cannot see it: a costs import's line ids (not new any more). Noted from the transaction's first row on (`Store.beginBesideWriter`), whatever chunk was
/// prepared where.
struct WrittenBesideWriter {
    var transaction = -1
    /// The keys of the rows it stored (cost line ids, measurement keys; claim ids of claims and kept refusals).
    var ids = SeenKeys()
    /// The applications whose payout rows it wrote or may have written (a claims import): a
    /// payout subject prepared beside the writer from the rows as they stood before is taken
    /// only for an application not among them.
    var applications = SeenKeys()
}

extension Store {
    /// Starts noting what the open write transaction writes, before any chunk is prepared beside
    /// it (`CSVAside`).
    public func beginBesideWriter() throws(DoorbraakError) {
        guard db.inTransaction, !db.readOnly else {
            throw DoorbraakError(.internal, "chunks prepared beside a writer outside its write transaction")
        }
        writtenAside = WrittenBesideWriter(transaction: db.transactionNumber)
    }

    /// The newest event of the chain as this connection reads it (`seq:hash`): a connection
    /// beside the writer must read the writer's chain (`CSVAside`).
    public func chainHeadText() throws(DoorbraakError) -> String {
        let (seq, hash) = try AuditLog.lastEvent(in: db)
        return "\(seq):\(hash)"
    }

    /// Whether this (second) connection reads `other`'s database: its file is one the other
    /// opened and its snapshot ends with the other's newest event (`CSVAside`, `PlanAside`).
    public func readsTheChain(of other: (files: Set<FileIdentity>, head: String)) -> Bool {
        guard !other.files.isEmpty, !db.openedFiles.isEmpty, db.openedFiles.isSubset(of: other.files) else { return false }
        return (try? chainHeadText()) == other.head
    }

    /// What the open write transaction wrote (`beginBesideWriter`); a chunk prepared beside the
    /// writer is taken over only with it.
    func writtenBesideWriter() throws(DoorbraakError) -> WrittenBesideWriter {
        guard db.inTransaction, !db.readOnly, writtenAside.transaction == db.transactionNumber else {
            throw DoorbraakError(.internal, "a chunk prepared beside the writer taken over without noting what the writer wrote")
        }
        return writtenAside
    }
}

struct VerifiedScopes {
    /// The scopes that passed: `table key`, `table of parent`, `table *`, `kept totals`, by their
    /// bytes (a key that reads alike is another row).
    var passed = Set<ExactText>()
    /// The transaction of the checks.
    var transaction = -1
    /// The most scopes kept.
    static let limit = 10_000
}

/// A schema upgrade made when a store was opened: recorded as a `bind` event on the round.
public struct SchemaUpgrade: Sendable, Equatable {
    /// The schema version the database had.
    public let from: Int
    /// The version it has now.
    public let to: Int
    /// How many rows were bound anew as they stood; nil when only indexes changed.
    public let rowsBound: Int64?
}
