import DoorbraakCore
import DoorbraakStore

/// Takes one application from its bytes to the store: parse strictly, compare with what is
/// stored under its id, run every admission check, store. Shared by `submit` and `import`.
public struct ApplicationIntake {
    /// The store.
    public let store: Store
    /// The round settings.
    public let settings: RoundSettings
    /// The receipt date: today (SPEC §5.1, never a field of the file).
    public let received: Day
    /// The audit context of the change.
    public let event: AuditContext
    /// What the checks need, without the store (can be handed to another thread).
    public let rules: Rules

    /// An intake against `store`, received on `received`.
    public init(store: Store, received: Day, event: AuditContext) throws(DoorbraakError) {
        self.store = store
        let inputs = try store.admissionInputs()
        self.settings = inputs.settings
        self.received = received
        self.event = event
        var plans: [String: ModelPlan] = [:]
        for plan in inputs.plans { plans[plan.id.rawValue] = plan }
        self.rules = Rules(settings: settings, received: received, plans: plans, insurers: inputs.insurers)
    }

    /// The option a receipt date came from, for an error: `--today` when it is the day of entry
    /// (no `--received`; a newcomer was told of an option not given), else `--received`.
    var receiptOption: String { received == event.today ? "--today" : "--received" }

    /// The round's settings, the receipt date and the plans: all the admission checks read.
    public struct Rules: Sendable {
        /// The round settings.
        public let settings: RoundSettings
        /// The receipt date.
        public let received: Day
        let plans: [String: ModelPlan]
        /// The UZOVI codes of the registered insurers.
        let insurers: Set<String>

        /// Runs the admission checks only.
        public func check(_ application: Application) -> Admission {
            AdmissionCheck.run(application, plan: plans[application.plan], settings: settings, received: received, insurers: insurers)
        }

        /// Everything about `application` that needs no database: canonical text, hash, checks.
        public func prepare(_ application: Application) -> Prepared {
            let canonical = application.canonicalText
            return Prepared(application: application, canonical: canonical, hash: SHA256.hex(canonical), admission: check(application))
        }
    }

    /// An application with its canonical text, content hash and admission, ready to register.
    public struct Prepared: Sendable {
        /// The application.
        public let application: Application
        /// Its canonical text.
        public let canonical: String
        /// SHA-256 of the canonical text.
        public let hash: String
        /// The admission checks' outcome.
        public let admission: Admission
    }

    /// What happened to one application.
    public enum Outcome {
        /// Registered as admissible (`submitted`); `replaced` when it replaced an earlier version.
        case stored(Application, Admission, replaced: Bool)
        /// Already registered with the same content: nothing changed (a refusal stays refused).
        case unchanged(Application, Admission?)
        /// Registered as inadmissible with every failed check (SPEC §3.2 register).
        case refused(Application, Admission)
    }

    /// Parses `bytes` as an application; malformed input throws `E-INPUT` with every error.
    /// A CSV file doorbraak reads is named as such, with the command that takes it.
    public static func parse(_ bytes: [UInt8]) throws(DoorbraakError) -> Application {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            if let kind = CSVReader.kind(ofFirstLineIn: bytes) {
                throw DoorbraakError(.input, "this is \(kind.what), not an application (JSON); it is for `doorbraak \(kind.command)`")
            }
            throw error
        }
        return try Application(json: json)
    }

    /// Runs the admission checks only (what `application check` does).
    public func check(_ application: Application) -> Admission {
        rules.check(application)
    }

    /// Checks and registers `application`, admissible or not; must run inside a write
    /// transaction. The same content again changes nothing. Other content under a registered id
    /// is `E-DUPLICATE`, unless `replace` (before the deadline, before any insurer decided).
    public func take(_ application: Application, replace: Bool = false) throws(DoorbraakError) -> Outcome {
        let canonical = application.canonicalText
        return try take(application, canonical: canonical, hash: SHA256.hex(canonical), admission: nil, replace: replace)
    }

    /// `take` for an application prepared beforehand (on another thread); the same outcome.
    public func take(_ prepared: Prepared, replace: Bool = false) throws(DoorbraakError) -> Outcome {
        try take(prepared.application, canonical: prepared.canonical, hash: prepared.hash, admission: prepared.admission, replace: replace)
    }

    private func take(_ application: Application, canonical: String, hash: String, admission checked: Admission?, replace: Bool) throws(DoorbraakError) -> Outcome {
        // The template's id is nobody's: registered, it would block every other coalition that
        // kept it (SPEC §3.2), so such a file is refused without being registered.
        if application.id.rawValue == ApplicationTemplate.placeholderID {
            // The refusal that keeps it out of the register comes first, the admission's findings
            // after it (a newcomer read 14 E-BASISEISEN lines before the one that said so).
            let admission = checked ?? check(application)
            let isID: (DoorbraakError) -> Bool = { $0.code == .template && $0.field == "id" }
            let template = admission.errors.first(where: isID)
                ?? DoorbraakError(.template, "the id \(application.id) is the template's placeholder, so the application is not registered; give it an id of your own", field: "id")
            throw DoorbraakError.combined([template] + admission.errors.filter { !isID($0) }) ?? template
        }
        // A receipt in the future is refused whatever is registered (a newcomer's try: the same
        // file again with a --received after today was taken as "unchanged").
        try DateOrder.receipt(received, entered: event.today, previous: nil, option: receiptOption)
        let previous = try store.registered(application.id)
        if let previous {
            if previous.contentHash == hash {
                guard previous.status == .inadmissible else { return .unchanged(application, nil) }
                // The refusal as registered, judged on its own receipt date: the same content
                // entered again with another --received changes nothing (a newcomer's try found
                // "0 admission checks failed" for an application registered late).
                let registered = Rules(settings: settings, received: previous.received, plans: rules.plans, insurers: rules.insurers)
                return .unchanged(application, registered.check(application))
            }
            let owner = try store.penvoerder(of: application.id.rawValue)
            let penvoerder = application.penvoerder?.rawValue
            guard replace else {
                throw SubmissionRules.duplicate(application.id.rawValue, version: previous.version, status: previous.status, owner: owner, penvoerder: penvoerder)
            }
            try SubmissionRules.checkOwner(of: application.id.rawValue, owner: owner, actingFor: penvoerder, doing: "replace",
                                           field: application.lead == nil ? "coalition[0].agb" : "lead")
            try SubmissionRules.checkReplacement(of: application.id.rawValue, status: previous.status, received: received, deadline: settings.deadline)
            if event.signer != nil {
                try SubmissionRules.checkNotReplayed(application.id.rawValue, earlier: try store.version(of: application.id, withContent: hash), current: previous.version)
            }
            try DateOrder.receipt(received, entered: event.today, previous: previous.received, option: receiptOption)
        } else if replace {
            throw DoorbraakError(.missing, "there is no application \(application.id) to replace; submit it without --replace", field: "id")
        } else {
            try DateOrder.receipt(received, entered: event.today, previous: nil, option: receiptOption)
        }
        // A signed file acts for its signer: a provider submits only what it leads (SPEC §3.10).
        if let signer = event.signer {
            guard signer.role == .provider else {
                throw DoorbraakError(.signature, "an application comes from its penvoerder, a provider; this file is signed by \(signer)", field: "lead")
            }
            try PartySignature.requireLead(application.penvoerder?.rawValue, of: application.id.rawValue, signer: signer.id)
        }
        if let opened = try store.roundOpenedOn() {
            try DateOrder.require(received, notBefore: opened, "a receipt", follows: "the opening of the round (init)", field: receiptOption)
        }
        // A receipt in time entered after the allocation would take part in a round already
        // allocated; one received late is still registered, as refused (E-LATE).
        if received <= settings.deadline {
            try SubmissionRules.checkBeforeAllocation(application.id.rawValue, allocatedOn: try store.allocatedOn(), doing: previous == nil ? "registered" : "replaced", field: "id")
        }
        let admission = checked ?? check(application)
        try store.register(application, admission: admission, canonical: canonical, contentHash: hash, received: received, event: event, replacing: previous)
        return admission.isAdmissible ? .stored(application, admission, replaced: previous != nil) : .refused(application, admission)
    }
}
