/// A granted application as the claim generator needs it.
public struct GrantedApplication: Sendable, Equatable {
    /// The id.
    public var id: String
    /// Coordinating insurer.
    public var coordinating: String
    /// Second insurer.
    public var second: String
    /// AGB codes of the coalition, the first is the penvoerder.
    public var providers: [String]
    /// Milestones in order: code, tariff, due date.
    public var milestones: [(code: String, tariff: Money, due: Day)]

    /// A granted application.
    public init(id: String, coordinating: String, second: String, providers: [String], milestones: [(code: String, tariff: Money, due: Day)]) {
        self.id = id
        self.coordinating = coordinating
        self.second = second
        self.providers = providers
        self.milestones = milestones
    }

    public static func == (a: GrantedApplication, b: GrantedApplication) -> Bool {
        a.id == b.id && a.coordinating == b.coordinating && a.second == b.second && a.providers == b.providers
            && a.milestones.map(\.code) == b.milestones.map(\.code) && a.milestones.map(\.tariff) == b.milestones.map(\.tariff)
            && a.milestones.map(\.due) == b.milestones.map(\.due)
    }
}

/// Generates the insurers' milestone claims for granted applications (SPEC §5 `generate`):
/// every milestone due on or before `through` is claimed in order on its due date, mostly
/// reached at the full tariff, some in two parts by two coalition members, some with one part
/// only (the rest released when the period closes), some missed; and now and then one invalid
/// claim of each kind before the valid one, so that `import claims --partial` has something to
/// refuse. The same input and seed give the same lines.
public struct ClaimGenerator: Sendable {
    /// The header of `claims.csv`.
    public static let header = "claim_id,application_id,milestone,provider,insurer,amount,date,status,evidence"

    /// The invalid claims it writes, by the code they must get.
    public enum Invalid: String, Sendable, CaseIterable {
        case state = "E-CLAIM-STATE", milestone = "E-CLAIM-MILESTONE", order = "E-CLAIM-ORDER", tariff = "E-CLAIM-TARIFF"
        case date = "E-CLAIM-DATE", provider = "E-CLAIM-PROVIDER", insurer = "E-CLAIM-INSURER", evidence = "E-CLAIM-EVIDENCE"
        case status = "E-CLAIM-STATUS"
        // E-CLAIM-BOVENGRENS cannot be produced by a claim that passes E-CLAIM-TARIFF: the tariffs
        // never add up to more than the bovengrens. It guards against a tampered database.
    }

    private let seed: UInt64
    private let through: Day
    private let notGranted: [String]

    /// A generator for claims dated up to `through`; `notGranted` are ids of stored applications
    /// without a granted beschikking (for E-CLAIM-STATE).
    public init(seed: UInt64, through: Day, notGranted: [String]) {
        self.seed = seed
        self.through = through
        self.notGranted = notGranted
    }

    /// The claim lines (without header) of application number `index` in the caller's order.
    public func lines(for app: GrantedApplication, index: Int) -> [String] {
        var rng = SplitMix64(seed: seed ^ 0x434C_4149_4D53, stream: UInt64(index))
        let due = app.milestones.filter { $0.due <= through && $0.due >= PayoutRules.firstDay }
        guard !due.isEmpty else { return [] }
        var out: [String] = []
        let invalid: Invalid? = rng.chance(25) ? Invalid.allCases[index % Invalid.allCases.count] : nil
        for (n, m) in due.enumerated() {
            let payer = rng.chance(80) ? app.coordinating : app.second
            let provider = rng.pick(app.providers)
            let id = "CL-\(app.id)-\(m.code)"
            let evidence = "verslag-\(app.id)-\(m.code).pdf"
            func line(_ claimID: String, milestone: String = m.code, provider: String = provider, insurer: String = payer,
                      amount: String, date: String = m.due.description, status: String, evidence: String = evidence, application: String = app.id) -> String {
                [claimID, application, milestone, provider, insurer, amount, date, status, evidence].joined(separator: ",")
            }
            if n == 0, let invalid {
                // A planted error's id names the milestone its line claims (a newcomer read an M2 claim under an M1 id).
                let bad = id + "-X"
                let tariff = m.tariff.description
                switch invalid {
                case .state: if let other = notGranted.first { out.append(line(bad, amount: tariff, status: "reached", application: other)) }
                case .milestone: out.append(line("CL-\(app.id)-M9-X", milestone: "M9", amount: tariff, status: "reached"))
                case .order:
                    if let next = app.milestones.dropFirst().first {
                        out.append(line("CL-\(app.id)-\(next.code)-X", milestone: next.code, amount: next.tariff.description, status: "reached"))
                    }
                case .tariff: out.append(line(bad, amount: (m.tariff + Money(cents: 1)).description, status: "reached"))
                case .date: out.append(line(bad, amount: tariff, date: "2030-01-15", status: "reached"))
                case .provider: out.append(line(bad, provider: "99999999", amount: tariff, status: "reached"))
                case .insurer: out.append(line(bad, insurer: app.coordinating == "9999" ? "9998" : "9999", amount: tariff, status: "reached"))
                case .evidence: out.append(line(bad, amount: tariff, status: "reached", evidence: ""))
                case .status: out.append(line(bad, amount: tariff, status: "done"))
                }
            }
            let roll = rng.int(0...99)
            let part = Money(cents: m.tariff.cents / 100 * 60)
            if roll < 12 {
                out.append(line(id, amount: "", status: "missed", evidence: ""))
            } else if roll < 22, let other = app.providers.first(where: { $0 != provider }) {
                // Paid in parts to two coalition members (004 lines 286, 2700): 60% and the rest.
                out.append(line(id + "-1", amount: part.description, status: "reached"))
                out.append(line(id + "-2", provider: other, amount: (m.tariff - part).description, status: "reached"))
            } else if roll < 26 {
                // One part only: the milestone stays reached; the rest is released at `round close`.
                out.append(line(id, amount: part.description, status: "reached"))
            } else {
                out.append(line(id, amount: m.tariff.description, status: "reached"))
            }
            if n == 0, invalid == .milestone, rng.chance(50) {
                // The same milestone claimed again under another id: it is paid once.
                out.append(line(id + "-DUP", amount: m.tariff.description, status: "reached"))
            }
        }
        return out
    }
}
