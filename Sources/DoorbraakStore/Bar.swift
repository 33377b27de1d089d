import DoorbraakCore

/// What `round bar` did.
public struct BarChange: Sendable, Equatable {
    /// The bar before and after.
    public var before: ImpactBar
    /// After.
    public var after: ImpactBar
    /// Submissions refused only for `E-BAR` that pass the lower bar: now admissible (`submitted`).
    public var admitted: [String]
    /// Applications (approved or still in review) below the higher bar: not allocated (`E-BAR`).
    public var below: [String]
}

extension Store {
    /// Sets the impact bar after the what-if (SPEC §3.5, issue 19; 004 lines 219, 636 "nader te
    /// bepalen"), before the allocation, in one transaction, audited. A lower bar makes every
    /// submission refused only for `E-BAR` that now passes admissible (`submitted`: its insurers
    /// must decide before the round is allocated); a higher one leaves the applications below it
    /// out of the allocation (`not-allocated`, reason `E-BAR`).
    public func setBar(_ bar: ImpactBar, today: Day, event: AuditContext) throws(DoorbraakError) -> BarChange {
        try db.writeTransaction { () throws(DoorbraakError) -> BarChange in
            // The settings an admission is judged on: the round row and the theme budgets (a theme
            // deleted with `sqlite3` failed on the foreign key of the application it admitted,
            // exit 70 — an attacker's review of the twelfth session).
            try requireSettingsRowsBound()
            // What an admission rests on and writes: the register, the registered documents'
            // rows (a document and its SHA-256 edited together passed the document's own check,
            // and the application, coalition and milestones built from it were bound as the bar's;
            // found by an attacker's review), the plans, and the coalitions and milestones it adds to.
            for table in ["application", "submission", "plan", "application_provider", "application_milestone"] { try requireBoundTable(table) }
            if let runOn = try db.row("SELECT run_on FROM allocation_run WHERE id = 1", [], { $0.text(0) }) {
                throw DoorbraakError(.state, "the round was allocated on \(runOn); the bar is set before the allocation")
            }
            try AuditLog.requireAfterEverything(in: db, on: today, "the bar")
            var settings = try self.settings()
            let before = settings.bar
            settings.bar = bar
            try db.run("UPDATE round SET bar_hundredths = ?, bar_scenario = ? WHERE id = 1", [.integer(bar.hundredths), .optionalText(bar.scenario?.rawValue)])
            var change = BarChange(before: before, after: bar, admitted: [], below: [])
            if bar.hundredths < before.hundredths {
                let refused = try db.rows("""
                    SELECT a.id, a.received_on, s.document, s.seq FROM application a JOIN submission s ON s.seq = a.submission_seq
                    WHERE a.status = 'inadmissible' AND a.codes = 'E-BAR' ORDER BY a.id
                    """, []) { r in (r.text(0), r.text(1), r.text(2), r.int64(3)) }
                var plans: [String: ModelPlan] = [:]
                for plan in try self.plans() { plans[plan.id.rawValue] = plan }
                let insurers = try registeredInsurers()
                for (id, received, document, seq) in refused {
                    try requireBoundDocument(ofSubmission: seq)
                    let application = try Application(json: try JSONParser.parse(document))
                    let admission = AdmissionCheck.run(application, plan: plans[application.plan], settings: settings, received: try Day(parsing: received), insurers: insurers)
                    guard admission.isAdmissible else { continue }
                    try admit(application, admission: admission)
                    try AuditLog.append(in: db, event, action: "bar", subject: id, before: "inadmissible (E-BAR)",
                                        after: "submitted: \(admission.impact) fte per €mln passes the bar of \(bar.number) the board set; to be reviewed before the allocation")
                    change.admitted.append(id)
                }
            } else if bar.hundredths > before.hundredths {
                change.below = try db.rows("SELECT id, fte_tenths, requested_cents FROM application WHERE status IN ('submitted', 'in-review', 'approved') ORDER BY id", []) { r in
                    (r.text(0), FtePerMillion(fte: Fte(tenths: r.int64(1)), amount: r.money(2)))
                }.filter { !$0.1.reaches(hundredths: bar.hundredths) }.map(\.0)
            }
            try AuditLog.append(in: db, event, action: "bar", subject: "round", before: "bar \(before.number)",
                                after: "bar \(bar.number) set by the board" + (change.admitted.isEmpty ? "" : "; \(change.admitted.count) submissions now admissible")
                                    + (change.below.isEmpty ? "" : "; \(change.below.count) applications below it are not allocated"))
            return change
        }
    }

    /// Makes a registered refusal admissible: the application row as admission sets it, with its
    /// providers and milestones (the document and version stay as registered).
    private func admit(_ application: Application, admission: Admission) throws(DoorbraakError) {
        let id = application.id.rawValue
        try db.run("""
            UPDATE application SET theme = ?, requested_cents = ?, fte_tenths = ?, track = ?, deviations = ?, codes = '', status = 'submitted'
            WHERE id = ? AND status = 'inadmissible'
            """, [.optionalText(admission.theme?.rawValue), .money(application.requested), .integer(application.impact.fteSaved.tenths),
                  .text(admission.track.rawValue), .text(admission.deviations.joined(separator: " ")), .text(id)])
        guard db.changes == 1 else { throw DoorbraakError(.internal, "\(id) changed while the bar was set") }
        let provider = try db.cached("INSERT INTO application_provider (application_id, agb, name, amount_cents) VALUES (?, ?, ?, ?)")
        for p in application.coalition { try provider.run([.text(id), .text(p.agb.rawValue), .text(p.name), .money(p.amount)]) }
        let milestone = try db.cached("INSERT INTO application_milestone (application_id, code, tariff_cents, due) VALUES (?, ?, ?, ?)")
        for m in application.milestones { try milestone.run([.text(id), .text(m.code.description), .money(m.tariff), .text(m.due.description)]) }
    }
}
