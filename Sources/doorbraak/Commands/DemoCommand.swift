import DoorbraakCore
import DoorbraakImport
import DoorbraakStore
import Foundation

/// `doorbraak demo`: the whole cycle, as far as it is built, on a fresh database.
enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "run the cycle on generated data in a fresh database, with a summary"
    static let usage = "[--applications N] [--plans DIR]"
    static let help = """
    Runs the cycle as far as it is built on a generated round (seed 2026): the round settings and
    model plans, N applications (default 1000) received on the deadline, both insurers' decisions,
    the round report, the allocation ranked by fte per €mln with --transfer, contracts and
    two-sided requests, the NZa's decisions under the macro ceiling; then the insurers' claims up
    to 2028-06-30 (payouts and releases of missed milestones), the board's reallocation of the
    freed room and the NZa granting the newly allocated within it; the providers' actual costs
    (verantwoording), the plausibility test and the NZa's judgment per insurer and year, the fixed
    costs for the risicoverevening and the realised impact against the ambition; finally a walk
    through the cycle step by step and the audit chain.
    It works in a new temporary folder that is removed afterwards; give --db PATH to keep the
    database (the generated files are written beside it). --plans DIR uses other model plans.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let plansPath = try arguments.value("--plans")
        let countText = try arguments.value("--applications") ?? "1000"
        guard let count = Int(countText), (1...1_000_000).contains(count) else {
            throw DoorbraakError(.usage, "--applications must be a whole number 1 … 1000000")
        }
        try arguments.finish()
        var context = context
        var scratch: String?
        if !context.databaseNamed {
            scratch = try PlanLocator.temporaryFolder()
            context.databasePath = (scratch ?? ".") + "/doorbraak.sqlite"
        }
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        if scratch == nil {
            // The files it writes beside the database replace nothing of the user's (a newcomer's
            // own costs.csv and report.html were overwritten without a word).
            let folder = (context.databasePath as NSString).deletingLastPathComponent
            let present = DemoCommand.writtenFiles.filter { FileManager.default.fileExists(atPath: ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent($0)) }
            if !present.isEmpty {
                throw DoorbraakError(.exists, "the demo writes its files beside the database, and \(present.joined(separator: ", ")) \(present.count == 1 ? "is" : "are") there already; give --db a path in an empty folder (`mkdir demo && doorbraak demo --db demo/doorbraak.sqlite`)")
            }
        }
        let plans = try PlanDirectory.load(plansPath)
        let settings = RoundSettings.standard
        // The demo keeps its own calendar (so it runs the same on any system date), and each
        // audit event carries the business date of its stage.
        context.today = Day(2026, 11, 20)
        let store = try Store.create(at: context.databasePath, settings: settings, plans: plans, event: context.audit())

        Output.line("== doorbraak demo — \(scratch == nil ? context.databasePath : "in a temporary folder, removed afterwards (--db PATH keeps it)")")
        Output.line("\n== 1. the round: settings set by init")
        Output.line(SettingsView.text(try store.settings()))
        Output.line("\n== 2. the national model plans, per theme")
        Output.line(PlansView.table(try store.plans()))
        Output.line("\n== 3. the €600 mln macro ceiling before any beschikking")
        Output.line(CeilingView.text(try store.ceilingStatus()))

        // Stage 2: a generated round, received on the deadline day (the demo's own calendar,
        // so that it runs the same on any system date).
        let folder = (context.databasePath as NSString).deletingLastPathComponent
        let generator = RoundGenerator(plans: plans, bar: settings.bar, seed: 2026)
        let files = try GenerateCommand.write(generator, count: count, to: folder.isEmpty ? "." : folder)
        Output.line("\n== 4. applications: \(count) generated (seed 2026), imported with --partial on \(settings.deadline)")
        context.today = settings.deadline
        let intake = try ApplicationIntake(store: store, received: settings.deadline, event: context.audit())
        let report = try ApplicationImport(intake: intake, partial: true).run(files.applications)
        Output.line(DemoView.admissions(report))

        // Stage 3: both insurers decide; the board steers on impact after the deadline.
        let reviewDay = settings.deadline
        let reviews = try ReviewImport(store: store, today: reviewDay, event: context.audit(), partial: true).run(files.reviews)
        Output.line("\n== 5. review: \(reviews.new) decisions recorded (pas toe of leg uit, both insurers)")
        var statuses = Table([("status", .left), ("applications", .right)])
        let rows = try store.roundRows()
        for status in [ApplicationStatus.approved, .inReview, .rejected, .submitted] { statuses.add([status.rawValue, String(rows.filter { $0.status == status }.count)]) }
        Output.line(statuses.text)
        Output.line("\n== 6. round report (BO IZA/AZWA)")
        var reportArguments = ArgumentList([])
        _ = try RoundReportCommand.run(&reportArguments, context)
        let allocationDay = Day(settings.deadline.year, settings.deadline.month, min(settings.deadline.day + 14, 28))
        context.today = allocationDay
        // The board sets the bar after the what-if (004 lines 219, 636): a little lower, so the
        // submissions refused only for E-BAR that pass it are admitted, and the insurers decide on them.
        let whatifRows = try store.roundRows(barRefusals: true)
        var whatif = Table([("bar", .left), ("passing", .right), ("amount", .right)])
        for bar in ["9", "16", "17", "35"] {
            let w = WhatIf(bar: try ImpactBar(parsing: bar), rows: whatifRows, settings: settings)
            whatif.add([FtePerMillion.hundredthsText(w.bar.hundredths), String(w.passing), w.amount.dutch])
        }
        Output.line("\n== 6b. what-if per bar, and the board's bar")
        Output.line(whatif.text)
        let bar = try store.setBar(try ImpactBar(parsing: "16"), today: allocationDay, event: context.audit(for: "BO IZA/AZWA"))
        var decided = 0
        try store.db.writeTransaction { () throws(DoorbraakError) in
            for id in bar.admitted {
                guard let record = try store.application(id) else { continue }
                for insurer in [record.coordinating, record.second] {
                    let decision = ReviewDecision(insurer: insurer, verdict: .approve(accepted: record.deviations), note: "na verlaging van de lat")
                    if case .recorded = try store.record(decision, on: id, today: allocationDay, event: context.audit()) { decided += 1 }
                }
            }
        }
        Output.line("the board lowers the bar from \(bar.before) to \(bar.after): \(bar.admitted.count) submission\(bar.admitted.count == 1 ? "" : "s") refused only for E-BAR \(bar.admitted.count == 1 ? "is" : "are") admitted; the insurers record \(decided) decisions on them")
        let outcomes = try store.allocate(today: allocationDay, transfer: true, seed: "2026", event: context.audit(for: "BO IZA/AZWA"))
        Output.line("\n== 7. allocation on \(allocationDay), ranked by fte per €mln, with --transfer: \(outcomes.filter(\.allocated).count) of \(outcomes.count) allocated")
        Output.line(AllocationView.summary(rows: try store.roundRows(), settings: try store.settings()))
        Output.line("\n" + SpreidingView.allocated(try store.roundRows().filter { $0.status == .allocated }))

        // Stage 4: contracts for every allocated application, the two-sided requests, the NZa decides.
        let contracts = try GenerateContractsCommand.write(try store.registerEntries(status: "allocated").map(\.id), to: try OutputFile.path("contracts.csv", in: folder))
        let requests = try ContractImport(store: store, today: allocationDay, event: context.audit(), partial: true).run(contracts)
        // The NZa decides once its rules take effect (004 line 284).
        let decisionDay = Day(2027, 1, 4)
        context.today = decisionDay
        let decisions = try store.decideAll(today: decisionDay, event: context.audit(for: "NZa"))
        let granted = decisions.filter { if case .granted = $0 { return true } else { return false } }
        Output.line("\n== 8. NZa: \(requests.new) two-sided requests with contracts on \(allocationDay); decided in rank order on \(decisionDay): \(granted.count) granted, \(decisions.count - granted.count + requests.rejected) refused")
        Output.line(CeilingView.text(try store.ceilingStatus()))

        // Stage 5: the insurers pay the milestones reached up to mid-2028; missed ones release room.
        let payDay = Day(2028, 6, 30)
        let (claimsFile, claimCount) = try GenerateClaimsCommand.writeClaims(store: store, seed: 2026, through: payDay, to: folder.isEmpty ? "." : folder)
        context.today = payDay
        let claims = try ClaimImport(store: store, today: payDay, event: context.audit(), partial: true).run(claimsFile)
        Output.line("\n== 9. claims up to \(payDay): \(claimCount) read, imported with --partial: \(claims.new) settled, \(claims.rejected) refused")
        var refused = Table([("refused by code", .left), ("claims", .right)])
        for (code, n) in claims.codes.sorted(by: { $0.key < $1.key }) { refused.add([code, String(n)]) }
        Output.line(refused.text)
        let lines = try store.payouts()
        Output.line("\n== 10. payouts per insurer and year")
        Output.line(PayoutsView.text(lines, total: PayoutLine(insurer: "total", year: 0, paid: lines.map(\.paid).sum(),
                                                              expected: lines.map(\.expected).sum(), released: lines.map(\.released).sum())))
        let afterClaims = try store.ceilingStatus()
        Output.line("\nreleased room: \(afterClaims.released) (committed \(afterClaims.committed), remaining \(afterClaims.remaining))")

        // Stage 6: the board gives the freed room to waiting applications; they request and are granted.
        let reallocation = try store.reallocate(today: payDay, dryRun: false, event: context.audit(for: "BO IZA/AZWA"))
        Output.line("\n== 11. round reallocate on \(payDay)")
        Output.line(ReallocationView.text(reallocation, dryRun: false))
        let newly = reallocation.allocated.map(\.id.rawValue).sorted()
        if !newly.isEmpty {
            let more = try GenerateContractsCommand.write(newly, to: try OutputFile.path("contracts-reallocated.csv", in: folder))
            _ = try ContractImport(store: store, today: payDay, event: context.audit(for: "coalition and coordinating insurer"), partial: true).run(more)
            let second = try store.decideAll(today: payDay, event: context.audit(for: "NZa"))
            let grantedNow = second.filter { if case .granted = $0 { return true } else { return false } }
            Output.line("\nNZa: \(grantedNow.count) of the \(newly.count) reallocated granted, \(second.count - grantedNow.count) refused")
        }
        let afterReallocation = try store.ceilingStatus()
        Output.line(CeilingView.text(afterReallocation))

        // Stage 7: the remaining milestones until the end of 2029 (what is left of one paid in part
        // too, as its last part — some are left for the close of the period).
        let endDay = Day(2029, 12, 31)
        let open = try store.db.rows("""
            SELECT m.application_id, m.code, m.tariff_cents - m.paid_cents, m.due, b.decided_on, a.coordinating, a.second, m.status
            FROM application_milestone m JOIN beschikking b ON b.application_id = m.application_id AND b.status = 'granted'
            JOIN application a ON a.id = m.application_id WHERE m.status = 'expected' OR m.status = 'reached' ORDER BY m.application_id, m.code
            """, []) { r throws(DoorbraakError) in
            // Claimed on the day it is payable from (`PayoutRules.payableFrom`).
            (r.text(0), r.text(1), r.money(2), PayoutRules.payableFrom(due: try Day(parsing: r.text(3)), grantedOn: try Day(parsing: r.text(4))).description,
             r.text(5), r.text(6), r.text(7))
        }
        // Each milestone is paid to the provider with the most of its coalition amount still unpaid.
        var unpaid: [String: [(agb: String, left: Money)]] = [:]
        for (a, agb, amount, paid) in try store.db.rows("""
            SELECT p.application_id, p.agb, p.amount_cents,
                   (SELECT coalesce(sum(c.amount_cents), 0) FROM claim c WHERE c.application_id = p.application_id AND c.provider = p.agb AND c.status = 'reached')
            FROM application_provider p JOIN beschikking b ON b.application_id = p.application_id AND b.status = 'granted' ORDER BY p.application_id, p.agb
            """, [], { r in (r.text(0), r.text(1), r.money(2), r.money(3)) }) {
            unpaid[a, default: []].append((agb, amount - paid))
        }
        var rest = ClaimGenerator.header + "\n"
        for (i, m) in open.enumerated() where !(m.6 == "reached" && i % 3 == 0) {
            var providers = unpaid[m.0] ?? []
            guard let best = providers.indices.max(by: { providers[$0].left < providers[$1].left || (providers[$0].left == providers[$1].left && providers[$0].agb > providers[$1].agb) }) else { continue }
            let provider = providers[best].agb
            providers[best].left -= m.2
            unpaid[m.0] = providers
            let payer = i % 5 == 4 ? m.5 : m.4
            let claimID = "CL-\(m.0)-\(m.1)" + (m.6 == "reached" ? "-R" : "")
            rest += i % 11 == 10
                ? "\(claimID),\(m.0),\(m.1),\(provider),\(payer),,\(m.3),missed,\n"
                : "\(claimID),\(m.0),\(m.1),\(provider),\(payer),\(m.2.description),\(m.3),reached,verslag-\(m.0)-\(m.1).pdf\n"
        }
        let restFile = try OutputFile.path("claims-to-2029.csv", in: folder)
        try OutputFile.write(rest, to: restFile)
        context.today = endDay
        let restClaims = try ClaimImport(store: store, today: endDay, event: context.audit(), partial: true).run(restFile)
        let final = try store.ceilingStatus()
        let finals = try store.db.integer("SELECT count(*) FROM beschikking WHERE final_on IS NOT NULL")
        Output.line("\n== 12. the remaining milestones up to \(endDay): \(open.count) claimed, \(restClaims.new) settled, \(restClaims.rejected) refused; \(finals) beschikkingen final")
        if !restClaims.codes.isEmpty {
            Output.line("refused: " + restClaims.codes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        Output.line("paid in total \(final.paid), released in total \(final.released), committed \(final.committed)")
        // Counted as the report counts them: milestones paid to two or more members.
        let parts = try store.paidParts().filter { $0.members != "1" }.map(\.milestones).reduce(0, +)
        Output.line("\(parts) milestones were paid in parts to more than one coalition member")

        // Stage 7b: the board closes the period: what is unpaid is released, every beschikking final.
        let closeDay = PeriodClose.firstDay
        context.today = closeDay
        let closing = try store.closePeriod(today: closeDay, event: context.audit(for: "BO IZA/AZWA"))
        let closed = try store.ceilingStatus()
        Output.line("\n== 12b. round close on \(closeDay): \(closing.finals.count) beschikking\(closing.finals.count == 1 ? "" : "en") made final at what was paid, \(closing.released) released")
        Output.line("granted \(closed.granted) − paid \(closed.paid) = released \(closed.released); committed \(closed.committed)")

        // Stage 8: the providers account for their actual costs; the insurers test them, the NZa judges.
        let accountDay = Day(2030, 1, 15)
        let generated = try GenerateCostsCommand.write(store: store, seed: 2026, through: accountDay, to: folder.isEmpty ? "." : folder)
        context.today = accountDay
        let costs = try CostImport(store: store, today: accountDay, event: context.audit(), partial: true).run(generated.costs)
        Output.line("\n== 13. verantwoording: \(generated.costLines) cost lines of actual costs up to \(accountDay), imported with --partial: \(costs.report.new) stored, \(costs.report.rejected) refused")
        var costTable = Table([("cost lines", .left), ("lines", .right)])
        for (code, n) in costs.report.codes.sorted(by: { $0.key < $1.key }) { costTable.add(["refused \(code)", String(n)]) }
        for (code, n) in costs.findings.sorted(by: { $0.key < $1.key }) { costTable.add(["stored with finding \(code) (not eligible)", String(n)]) }
        Output.line(costTable.text)
        for row in costs.report.errors.prefix(1) { Output.line("for example: \(row.error.code): \(row.error.message)") }

        // Stage 8b: an insurer tests a line and judges it not plausible (004 line 272): the largest
        // line of a provider it alone paid, rejected with a note; the line is then not eligible (P8).
        let (states, payers) = try store.plausibilityInput().lineStates()
        let tested = states.filter { $0.findings.isEmpty }.map(\.line).compactMap { line in
            // A provider one insurer paid: its rejection alone counts.
            (payers[line.application]?[line.provider]).flatMap { $0.count == 1 ? $0.first : nil }.map { (line: line, insurer: $0) }
        }.max { ($0.line.amount, $1.line.lineID) < ($1.line.amount, $0.line.lineID) }
        if let tested {
            let note = "geen urenregistratie bij deze inzet"
            _ = try store.rejectCost(CostRejection(lineID: tested.line.lineID, insurer: tested.insurer, note: note, on: accountDay), event: context.audit())
            Output.line("\n== 13b. an insurer tests the costs: \(tested.insurer) rejects cost line \(tested.line.lineID) (\(tested.line.amount.dutch), provider \(tested.line.provider), \(tested.line.application)) as not plausible, \"\(note)\" (`doorbraak cost reject`): P8, not eligible; the provider's recovery is computed without it")
        }

        let plausibility = try PlausibilityOptions.report(store, .standard)
        let view = PlausibilityView(report: plausibility, year: nil, insurer: nil)
        Output.line("\n== 14. plausibility: the insurers test the costs; the NZa's judgment per insurer and year (materiality 1% of paid)")
        Output.line(view.judgmentTable)
        var findingTable = Table([("finding", .left), ("count", .right), ("amount", .right)])
        for code in ["P1", "P2", "P3", "P4", "P5", "P6", "P8"] {
            let found = plausibility.findings.filter { $0.code.rawValue == code }
            findingTable.add([code, String(found.count), found.map(\.amount).sum().dutch])
        }
        Output.line("\n" + findingTable.text)
        let recovery = plausibility.judgments.map(\.recovery).sum()

        Output.line("\n== 15. risicoverevening: the insurers' fixed costs per year (only judged-plausible costs count)")
        var vereveningTable = Table([("year", .left), ("paid", .right), ("recovery", .right), ("fixed costs", .right), ("insurers niet plausibel", .right)])
        var fixedCosts = Money.zero
        for year in Set(plausibility.judgments.map(\.year)).sorted() {
            let lines = Verevening.fixedCosts(plausibility.judgments, year: year)
            fixedCosts += lines.map(\.fixedCosts).sum()
            vereveningTable.add([String(year), lines.map(\.paid).sum().dutch, lines.map(\.recovery).sum().dutch, lines.map(\.fixedCosts).sum().dutch,
                                 String(lines.filter { !$0.isPlausible }.count)])
        }
        Output.line(vereveningTable.text)

        // Stage 9: the coalitions report the realised impact.
        let measured = try MonitoringImport(store: store, today: accountDay, event: context.audit(), partial: true).run(generated.monitoring)
        Output.line("\n== 16. monitoring: \(generated.measurements) measurements up to \(accountDay), imported with --partial: \(measured.new) stored, \(measured.rejected) refused")
        for row in measured.errors.prefix(1) { Output.line("refused: \(row.error.code): \(row.error.message)") }
        let monitoringInput = try store.monitoringInput()
        let impact = Monitoring.summarise(applications: monitoringInput.applications, measurements: monitoringInput.measurements, asOf: accountDay, bar: monitoringInput.bar)
        Output.line(MonitoringView.text(impact, perApplication: false))

        let audit = try store.verifyEverything(anchor: nil)
        Output.line("\n== the cycle, step by step")
        let approved = rows.filter { $0.status == .approved }.count
        let allocatedCount = outcomes.filter(\.allocated).count
        let plausible = plausibility.judgments.filter(\.isPlausible).count
        let steps = [
            "model plans: \(plans.count) national model plans in \(Set(plans.map(\.theme)).count) themes fix the milestones, norms and KPIs an application fills in.",
            "applications: \(count) coalitions submitted once, before the deadline of \(settings.deadline); \(report.new + report.unchanged) were admissible "
                + "(\(report.tracks[.limited] ?? 0) on the limited track, \(report.tracks[.extended] ?? 0) with explained deviations on the extended track), \(report.rejected) were registered as refused with their codes.",
            "review: the coordinating and the second insurer each judged every admissible application; \(approved) were approved by both.",
            "round: the BO IZA/AZWA ranked the approved applications by fte per €mln, not by arrival; \(allocatedCount) were allocated within the theme amounts.",
            "beschikking: on two-sided requests with a contract the NZa granted \(granted.count) beschikkingen under the macro ceiling of \(settings.ceiling); "
                + "\(afterClaims.granted) in bovengrenzen.",
            "payouts: by \(payDay) the insurers had paid \(afterClaims.paid) for reached milestones; missed milestones released \(afterClaims.released), "
                + "which the board gave to \(reallocation.allocated.count) waiting application\(reallocation.allocated.count == 1 ? "" : "s") (\(afterReallocation.remaining) left under the ceiling).",
            "final: by \(endDay) \(finals) beschikkingen were final; on \(closeDay) the board closed the period, releasing what was unpaid: \(closed.paid) paid in total, \(closed.released) released, every beschikking final at what was paid (\(parts) milestones were paid in parts).",
            "verantwoording: the providers accounted for their actual costs in \(costs.report.new) lines; \(costs.findings.values.reduce(0, +)) of them are not eligible "
                + "(outside 2027–2029, structural, hulpmiddelen bought or outside the coalition), and \(costs.report.rejected) reported twice with other content \(costs.report.rejected == 1 ? "was" : "were") refused.",
            "judgment: the insurers tested the costs (\(tested == nil ? "no line" : "one line") judged not plausible, P8) and the NZa judged \(plausible) of \(plausibility.judgments.count) insurer-years plausibel; \(recovery) is recovered from providers, "
                + "and \(fixedCosts) enters the risicoverevening as fixed costs.",
            "impact: the coalitions measured \(impact.total.realised.description) fte realised of the \(impact.total.claimed.description) fte claimed, "
                + "\(impact.total.ambitionPercent)% of the ~\(Monitoring.ambitionFte.description) fte AZWA ambition (which belongs to € 800 mln including the social domain, not to this money alone); \(impact.total.unmeasured) granted applications have no measurement yet.",
        ]
        for (i, step) in steps.enumerated() { Output.line("\(i + 1). \(step)") }

        // The overview for the NZa analyst, beside the database (or in the system's temporary
        // folder when the demo's own folder is removed, under a name of its own: a fixed name
        // replaced whatever another user or run kept there, a newcomer's try).
        let reportPath = scratch == nil
            ? ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("report.html")
            : FileManager.default.temporaryDirectory.appendingPathComponent("doorbraak-overview-\(UUID().uuidString.prefix(8).lowercased()).html").path
        try OutputFile.write(OverviewHTML.page(try ReportCommand.overview(of: store, on: accountDay)), to: reportPath)
        Output.line("\n== the overview report for the NZa analyst, with charts: \(reportPath)")
        Output.line("\n== audit chain: \(audit.chain.events) events and \(audit.rows.rows) rows, \(audit.ok ? "verified" : "BROKEN")")
        return audit.ok ? ExitCode.done : ExitCode.internal
    }
}

/// Summaries the demo prints.
enum DemoView {
    static func admissions(_ report: ImportReport) -> String {
        var admitted = Table([("admitted", .left), ("applications", .right)])
        for track in [ReviewTrack.limited, .extended] { admitted.add(["track \(track.rawValue)", String(report.tracks[track] ?? 0)]) }
        admitted.add(["total", String(report.new + report.unchanged)])
        var rejected = Table([("rejected by code", .left), ("failures", .right)])
        for (code, n) in report.codes.sorted(by: { $0.key < $1.key }) { rejected.add([code, String(n)]) }
        rejected.add(["applications rejected", String(report.rejected)])
        return admitted.text + "\n\n" + rejected.text
    }
}

extension DemoCommand {
    /// What the demo writes beside a database given with --db.
    static let writtenFiles = ["applications.jsonl", "reviews.csv", "contracts.csv", "contracts-reallocated.csv", "claims.csv", "claims-to-2029.csv",
                               "costs.csv", "monitoring.csv", "report.html"]
}

/// A scratch folder for the demo.
enum PlanLocator {
    /// A new empty folder under the system's temporary directory.
    static func temporaryFolder() throws(DoorbraakError) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("doorbraak-demo-\(UUID().uuidString.prefix(8))").path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DoorbraakError(.io, "cannot create a temporary folder: \(error.localizedDescription)", file: path)
        }
        return path
    }
}
