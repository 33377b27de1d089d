/// Which events may change a kept value that money rests on, once it is written (SPEC §3.9).
///
/// The chain binds each row as each transaction left it, so two bindings of one row tell what a
/// transaction changed. A row edited together with its newest binding passes the check before
/// money moves; the grant or payment then binds the edited row anew, and the old binding can be
/// put back. What is left is a change no command makes: an `nza-decide` that changed an
/// application's fte. `audit verify` holds every change between two bindings of a row to these
/// rules (`AuditLog.verifyCommitments`), so such a laundering is named, at the event that bound it.
///
/// Only the values money rests on are guarded. Statuses, paid and released amounts and the kept
/// totals change with many commands and are recounted from the rows by `audit verify` instead;
/// the ceiling and the themes' budgets are guarded, their granted and released totals are not.
/// The upgrade (`bind`) may change any column: it binds the rows as they stand after the chain
/// and the rows were verified.
public enum KeptChangeRules {
    /// The columns of one table that only `actions` may change once written (nil: every column).
    public struct Guard: Sendable {
        public let columns: Set<String>?
        public let actions: Set<String>
    }

    /// An application's content is its submitted version's: a new version (`replace`) or the
    /// readmission after a new bar (`bar`) rewrites it.
    static let version: Set<String> = ["submit", "replace", "bar"]

    /// The guards, per table.
    public static let guards: [String: [Guard]] = [
        "application": [Guard(columns: ["plan", "theme", "sector", "coordinating", "second", "requested_cents", "fte_tenths", "track",
                                        "deviations", "codes", "received_on", "content_sha256", "submission_seq", "region"], actions: version)],
        "application_milestone": [Guard(columns: ["tariff_cents", "due"], actions: version)],
        "application_provider": [Guard(columns: nil, actions: version)],
        "beschikking": [Guard(columns: ["contract", "bovengrens_cents", "requested_on"], actions: ["nza-request"])],
        "prestatie": [Guard(columns: nil, actions: ["nza-decide"])],
        "review": [Guard(columns: ["decision", "reason", "accepted", "rejected"], actions: ["review", "revise"])],
        "allocation": [Guard(columns: ["allocated", "theme_rank", "pass", "room_before_cents"], actions: ["allocate", "reallocate"])],
        "allocation_run": [Guard(columns: nil, actions: ["allocate"])],
        "plan": [Guard(columns: nil, actions: ["init"])],
        "round": [Guard(columns: ["bar_hundredths", "bar_scenario"], actions: ["bar"])],
        "party": [Guard(columns: ["public_key"], actions: ["party-key"]), Guard(columns: ["name"], actions: ["party"])],
        // Set by `init` and never changed: the macro ceiling and the themes' budgets.
        "ledger": [Guard(columns: ["ceiling_cents"], actions: ["init"])],
        "theme": [Guard(columns: ["amount_cents"], actions: ["init"])],
        // Written once and never changed by any command.
        "submission": [Guard(columns: nil, actions: [])],
        "claim": [Guard(columns: nil, actions: [])],
        "claim_refusal": [Guard(columns: nil, actions: [])],
        "cost_line": [Guard(columns: nil, actions: [])],
        "cost_rejection": [Guard(columns: nil, actions: [])],
        "measurement": [Guard(columns: nil, actions: [])],
        "bovengrens_release": [Guard(columns: nil, actions: [])],
        // Written by a `decide --all`'s first batch and deleted at its end: never changed.
        "decide_all_run": [Guard(columns: nil, actions: [])],
    ]

    /// The status changes each command makes (SPEC §5.2), per table and action: the gates of the
    /// cycle. A transaction may make several (an import of reviews: submitted → in-review →
    /// approved), so a change between two bindings is allowed when a path of its actions' steps
    /// leads from the one status to the other. An inserted row has no status before it.
    public static let statusSteps: [String: [String: [(from: String, to: String)]]] = [
        "application": [
            "replace": ["submitted", "inadmissible", "in-review", "approved", "rejected"].flatMap { from in [(from, "submitted"), (from, "inadmissible")] },
            "bar": [("inadmissible", "submitted")],
            // After one rejection the other insurer's decision leaves it rejected (`ReviewRules.apply`).
            "review": [("submitted", "in-review"), ("submitted", "rejected"), ("in-review", "approved"), ("in-review", "rejected")],
            "revise": ["in-review", "approved", "rejected"].flatMap { from in ["in-review", "approved", "rejected"].map { (from, $0) } },
            "allocate": [("approved", "allocated"), ("approved", "not-allocated")],
            "reallocate": [("not-allocated", "allocated")],
            "nza-request": [("allocated", "requested")],
            "nza-decide": [("requested", "granted"), ("requested", "refused")],
            "withdraw": ["submitted", "inadmissible", "in-review", "approved", "rejected", "allocated", "not-allocated", "requested"].map { ($0, "withdrawn") },
        ],
        "beschikking": [
            "nza-decide": [("pending", "granted"), ("pending", "refused")],
        ],
    ]

    /// Whether a transaction whose events had `actions` may change the status of a row of `table`
    /// from `from` to `to` (`statusSteps`).
    public static func allowsStatus(table: String, from: String, to: String, actions: Set<String>) -> Bool {
        if from == to || actions.contains(upgrade) { return true }
        guard let steps = statusSteps[table] else { return true }
        let edges = actions.flatMap { steps[$0] ?? [] }
        var reached: Set<String> = [from], frontier = [from]
        while let status = frontier.popLast() {
            for edge in edges where edge.from == status && !reached.contains(edge.to) {
                if edge.to == to { return true }
                reached.insert(edge.to)
                frontier.append(edge.to)
            }
        }
        return false
    }

    /// The action of the upgrade that binds every row as it stands.
    public static let upgrade = "bind"

    /// Whether a transaction whose events had `actions` may change `column` of a row of `table`.
    public static func allows(table: String, column: String, actions: Set<String>) -> Bool {
        if actions.contains(upgrade) { return true }
        return self.actions(table: table, column: column).map { !$0.isDisjoint(with: actions) } ?? true
    }

    /// The actions that may change `column` of `table`, for a finding (nil: any).
    public static func actions(table: String, column: String) -> Set<String>? {
        (guards[table] ?? []).first { $0.columns?.contains(column) ?? true }?.actions
    }
}
