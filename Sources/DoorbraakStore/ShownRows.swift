import DoorbraakCore

/// A view that shows figures from kept rows, and the tables they come from. Before it reads,
/// `Store.showing` compares every row of those tables with its newest binding (as a money
/// command does before money moves), so a value edited, added or deleted with `sqlite3` is not
/// shown as fact: the view is refused, naming the row (SPEC §3.9, "trust nothing that is kept").
/// The check is a scan of each table beside its bindings, about what `audit verify` does per
/// table; `ceiling` stays a lookup per kept-total row (`checkedCeilingStatus`).
public enum ShownView: String, Sendable, CaseIterable {
    /// `payouts`: paid, expected and released per insurer and year or quarter, and what is due
    /// (`payouts --application ID` checks that application's rows: `showing(application:)`).
    case payouts = "the payouts are"
    /// `plausibility`: the test, its recovery and judgments.
    case plausibility = "the plausibility test is"
    /// `report verevening`, built on the plausibility test.
    case verevening = "the verevening is"
    /// `cost list`: the stored cost lines with their findings, and who paid their providers.
    case costs = "the cost lines are"
    /// `nza register`.
    case register = "the register of beschikkingen is"
    /// `monitoring`: claimed against realised fte and the plan KPIs.
    case monitoring = "the monitoring is"
    /// `round report`: the round per theme, sector and region.
    case round = "the round report is"
    /// `round whatif`: the round under other bars.
    case whatif = "the what-if is"
    /// `application list`.
    case applications = "the register of applications is"
    /// `plans list` and `plans show`: the model plans with their tariffs.
    case plans = "the model plans are"
    /// `party list`: the register of parties and their keys.
    case parties = "the register of parties is"
    /// `report`: the overview of everything above.
    case overview = "the overview is"

    /// The tables whose rows the view's figures come from.
    public var tables: [String] {
        switch self {
        case .payouts: ["claim", "bovengrens_release", "application_milestone", "beschikking", "application", "application_provider"]
        case .plausibility, .verevening, .costs: ["claim", "cost_line", "cost_rejection", "application_provider", "beschikking"]
        case .register: ["beschikking", "application", "submission"]
        case .monitoring: ["application", "beschikking", "claim", "measurement", "plan"]
        case .round, .whatif: ["application", "review"]
        case .applications: ["application", "submission", "review", "beschikking"]
        case .plans: ["plan"]
        case .parties: ["party"]
        case .overview: Array(Set(ShownView.allCases.filter { $0 != .overview }.flatMap(\.tables) + ["allocation"])).sorted()
        }
    }

    /// Whether the view shows the round's settings (`Store.settings`: the bar and deadline from the
    /// round row, the ceiling from the ledger, the theme budgets): those rows are looked up by key
    /// (`requireSettingsRowsBound`), the same at any size.
    var showsSettings: Bool {
        switch self {
        case .round, .whatif, .monitoring, .plans, .overview: true
        case .payouts, .plausibility, .verevening, .costs, .register, .applications, .parties: false
        }
    }

    /// The refusal of the view when a row it rests on is not as the chain bound it.
    func refusal(_ finding: RowFinding) -> DoorbraakError {
        Store.notShown("\(rawValue) not shown: a row shown or counted in it", finding)
    }
}

extension Store {
    /// The refusal of a view (`E-LEDGER`, carrying the row): `what` is not shown, because the row
    /// of `finding` is not what the audit chain bound, and who finds every such row.
    static func notShown(_ what: String, _ finding: RowFinding) -> DoorbraakError {
        .ledger("\(what) is not what the audit chain bound — \(finding); the database was changed outside doorbraak: its administrator finds every such row with `doorbraak audit verify`", row: finding)
    }

    /// Runs the reads of `view` in one read transaction, after every row of its tables was found
    /// as the audit chain bound it; else `E-LEDGER` naming the first row that is not.
    public func showing<T>(_ view: ShownView, _ reads: () throws(DoorbraakError) -> T) throws(DoorbraakError) -> T {
        try db.readTransaction { () throws(DoorbraakError) -> T in
            for table in view.tables { try requireBoundTable(table, refusal: view.refusal) }
            if view.showsSettings { try requireSettingsRowsBound(refusal: view.refusal) }
            return try reads()
        }
    }

    /// Runs the reads of `application show ID` (and `payouts --application ID`) in one read transaction, after the rows it shows
    /// of that application were found as the chain bound them: the application, its versions and
    /// registered document, reviews, allocation, beschikking, coalition, milestones and prestaties
    /// (a lookup or a key range each), and every claim (the claims are keyed by their own id, so a
    /// deleted part of a milestone is found only by the table's scan).
    public func showing<T>(application id: String, _ reads: () throws(DoorbraakError) -> T) throws(DoorbraakError) -> T {
        let refusal = { (finding: RowFinding) in Store.notShown("application \(id) is not shown: a row of it", finding) }
        return try db.readTransaction { () throws(DoorbraakError) -> T in
            try requireBound("application", [.text(id)], refusal: refusal)
            // The version shown is the one the (checked) application row points at; the others
            // are found by their application id (a version deleted outright is named by `audit
            // verify` only: the submissions are keyed by their own number).
            let row = try db.row("SELECT submission_seq, plan FROM application WHERE id = ?", [.text(id)]) { r in (current: r.int64(0), plan: r.text(1)) }
            let versions = try db.rows("SELECT seq FROM submission WHERE application_id = ? ORDER BY seq", [.text(id)]) { r in r.int64(0) }
            for seq in Set(versions + (row.map { [$0.current] } ?? [])).sorted() {
                try requireBound("submission", [.integer(seq)], refusal: refusal)
                try requireBoundDocument(ofSubmission: seq, refusal: refusal)
            }
            try requireBound("allocation", [.text(id)], refusal: refusal)
            try requireBound("beschikking", [.text(id)], refusal: refusal)
            for table in ["review", "application_provider", "application_milestone", "prestatie"] {
                try requireBoundChildren(table, of: id, refusal: refusal)
            }
            try requireBoundTable("claim", refusal: refusal)
            try requireBoundTable("claim_refusal", refusal: refusal)
            // Its plan as shown beside it, and the round's settings (the bar).
            if let plan = row?.plan { try requireBound("plan", [.text(plan)], refusal: refusal) }
            try requireSettingsRowsBound(refusal: refusal)
            return try reads()
        }
    }
}
