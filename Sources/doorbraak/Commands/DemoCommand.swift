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
    freed room and the NZa granting the newly allocated within it; finally the audit chain.
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
        let plans = try PlanDirectory.load(plansPath)
        let settings = RoundSettings.standard
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
        let intake = try ApplicationIntake(store: store, received: settings.deadline, event: context.audit())
        let report = try ApplicationImport(intake: intake, partial: true).run(files.applications)
        Output.line(DemoView.admissions(report))

        // Stage 3: both insurers decide; the board steers on impact after the deadline.
        let reviewDay = settings.deadline
        let reviews = try ReviewImport(store: store, today: reviewDay, event: context.audit(), partial: true).run(files.reviews)
        Output.line("\n== 5. review: \(reviews.new) decisions recorded (pas toe of leg uit, both insurers)")
        var statuses = Table([("status", .left), ("applications", .right)])
        let rows = try store.roundRows()
        for status in ["approved", "in-review", "rejected", "submitted"] { statuses.add([status, String(rows.filter { $0.status == status }.count)]) }
        Output.line(statuses.text)
        Output.line("\n== 6. round report (BO IZA/AZWA)")
        var reportArguments = ArgumentList([])
        _ = try RoundReportCommand.run(&reportArguments, context)
        let allocationDay = Day(settings.deadline.year, settings.deadline.month, min(settings.deadline.day + 14, 28))
        let outcomes = try store.allocate(today: allocationDay, transfer: true, seed: "2026", event: context.audit(for: "BO IZA/AZWA"))
        Output.line("\n== 7. allocation on \(allocationDay), ranked by fte per €mln, with --transfer: \(outcomes.filter(\.allocated).count) of \(outcomes.count) allocated")
        Output.line(AllocationView.summary(rows: try store.roundRows(), settings: settings))

        // Stage 4: contracts for every allocated application, the two-sided requests, the NZa decides.
        let allocated = try store.db.rows("SELECT id FROM application WHERE status = 'allocated' ORDER BY id", []) { $0.text(0) }
        let contracts = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("contracts.csv")
        let csv = "application_id,contract\n" + allocated.map { "\($0),OVK-\($0)\n" }.joined()
        guard FileManager.default.createFile(atPath: contracts, contents: Data(csv.utf8)) else {
            throw DoorbraakError(.io, "cannot write the contracts file", file: contracts)
        }
        let requests = try ContractImport(store: store, today: allocationDay, event: context.audit(), partial: true).run(contracts)
        let decisions = try store.decideAll(today: allocationDay, event: context.audit(for: "NZa"))
        let granted = decisions.filter { if case .granted = $0 { return true } else { return false } }
        Output.line("\n== 8. NZa: \(requests.new) two-sided requests with contracts; decided in rank order: \(granted.count) granted, \(decisions.count - granted.count + requests.rejected) refused")
        Output.line(CeilingView.text(try store.ceilingStatus()))

        // Stage 5: the insurers pay the milestones reached up to mid-2028; missed ones release room.
        let payDay = Day(2028, 6, 30)
        let (claimsFile, claimCount) = try GenerateClaimsCommand.writeClaims(store: store, seed: 2026, through: payDay, to: folder.isEmpty ? "." : folder)
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
            let more = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("contracts-reallocated.csv")
            let text = "application_id,contract\n" + newly.map { "\($0),OVK-\($0)\n" }.joined()
            guard FileManager.default.createFile(atPath: more, contents: Data(text.utf8)) else {
                throw DoorbraakError(.io, "cannot write the contracts file", file: more)
            }
            _ = try ContractImport(store: store, today: payDay, event: context.audit(for: "coalition and coordinating insurer"), partial: true).run(more)
            let second = try store.decideAll(today: payDay, event: context.audit(for: "NZa"))
            let grantedNow = second.filter { if case .granted = $0 { return true } else { return false } }
            Output.line("\nNZa: \(grantedNow.count) of the \(newly.count) reallocated granted, \(second.count - grantedNow.count) refused")
        }
        Output.line(CeilingView.text(try store.ceilingStatus()))
        let audit = try AuditLog.verify(in: store.db)
        Output.line("\n== audit chain: \(audit.events) events, \(audit.ok ? "verified" : "BROKEN")")
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
