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
    private let plans: [String: ModelPlan]

    /// An intake against `store`, received on `received`.
    public init(store: Store, received: Day, event: AuditContext) throws(DoorbraakError) {
        self.store = store
        self.settings = try store.settings()
        self.received = received
        self.event = event
        var plans: [String: ModelPlan] = [:]
        for plan in try store.plans() { plans[plan.id.rawValue] = plan }
        self.plans = plans
    }

    /// What happened to one application.
    public enum Outcome {
        /// Stored; with its admission result.
        case stored(Application, Admission)
        /// Already stored with the same content.
        case unchanged(Application)
        /// Refused by admission checks (every failure listed).
        case refused(Application, Admission)
    }

    /// Parses `bytes` as an application; malformed input throws `E-INPUT`.
    public static func parse(_ bytes: [UInt8]) throws(DoorbraakError) -> Application {
        try Application(json: try JSONParser.parse(bytes))
    }

    /// Runs the admission checks only (what `application check` does).
    public func check(_ application: Application) -> Admission {
        AdmissionCheck.run(application, plan: plans[application.plan], settings: settings, received: received)
    }

    /// Checks and stores `application`; must run inside a write transaction. An id stored with
    /// other content throws `E-DUPLICATE`.
    public func take(_ application: Application) throws(DoorbraakError) -> Outcome {
        let canonical = application.canonicalText
        let hash = SHA256.hex(canonical)
        if try store.existing(application.id, contentHash: hash) == .unchanged { return .unchanged(application) }
        let admission = check(application)
        guard admission.isAdmissible else { return .refused(application, admission) }
        try store.insert(application, admission: admission, canonical: canonical, contentHash: hash, received: received, event: event)
        return .stored(application, admission)
    }
}
