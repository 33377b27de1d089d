import DoorbraakCore
import DoorbraakStore

/// `doorbraak round report`.
enum RoundReportCommand: Command {
    static let name = "round report"
    static let summary = "per theme, sector and region: applications, requested, approved, fte, against the theme amounts"
    static let usage = ""
    static let help = """
    What the coordinating and second insurers show the BO IZA/AZWA (004 line 219): per theme the
    applications, requested amount, approved amount and fte, fte per €mln, the theme amount and
    the over- or undersubscription; the same per sector; the spreiding per region (approved and
    allocated); rejections per reason code.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        try arguments.finish()
        let store = try context.openStore(readOnly: true)
        let (settings, rows, reasons) = try store.showing(.round) { () throws(DoorbraakError) in
            (try store.settings(), try store.roundRows(), try store.rejectionsByReason())
        }
        let report = RoundReport(rows: rows, settings: settings)
        if context.json {
            func money(_ m: Money) -> JSONValue { .string(m.description) }
            func common(_ l: RoundReport.Line) -> [(String, JSONValue)] {
                [("applications", .number(String(l.applications))), ("requested", money(l.requested)), ("approved", .number(String(l.approved))),
                 ("approved_amount", money(l.approvedAmount)), ("approved_fte", .string(l.approvedFte.description)), ("fte_per_mln", .string(l.impact.description))]
            }
            Output.json(.object([
                ("themes", .array(report.themes.map { t in
                    .object([("theme", .string(t.theme.rawValue))] + common(t.line) + [("theme_amount", money(t.themeAmount)), ("over", money(t.over))])
                })),
                ("sectors", .array(report.sectors.map { s in .object([("sector", .string(s.sector.rawValue))] + common(s.line)) })),
                ("rejected", .array(reasons.map { .object([("reason", .string($0.reason)), ("count", .number(String($0.count)))]) })),
                ("regions", SpreidingView.json(approved: report.approved, allocated: report.allocated)),
            ]))
            return ExitCode.done
        }
        var table = Table([("theme", .left), ("apps", .right), ("requested", .right), ("approved", .right), ("approved amount", .right),
                           ("fte", .right), ("fte/€mln", .right), ("theme amount", .right), ("over (+) / under (-)", .right)])
        for t in report.themes {
            let l = t.line
            table.add([t.theme.rawValue, String(l.applications), l.requested.dutch, String(l.approved), l.approvedAmount.dutch,
                       l.approvedFte.description, l.impact.description, t.themeAmount.dutch, t.over.signedDutch])
        }
        var bySector = Table([("sector", .left), ("apps", .right), ("requested", .right), ("approved", .right), ("approved amount", .right), ("fte", .right), ("fte/€mln", .right)])
        for (sector, l) in report.sectors {
            bySector.add([sector.rawValue, String(l.applications), l.requested.dutch, String(l.approved), l.approvedAmount.dutch, l.approvedFte.description, l.impact.description])
        }
        var rejected = Table([("rejected by reason", .left), ("decisions", .right)])
        for r in reasons { rejected.add(["\(r.reason) \(RejectionReason(rawValue: r.reason)?.meaning ?? "")", String(r.count)]) }
        let spread = SpreidingView.table(approved: report.approved, allocated: report.allocated)
        let belowBar = report.belowBar
        Output.line([table.text, bySector.text, spread, rejected.text].joined(separator: "\n\n")
                    + (belowBar == 0 ? "" : "\n\n\(belowBar) approved application\(belowBar == 1 ? " is" : "s are") below the bar of \(settings.bar.number) the board set: not counted as approved, not allocated (E-BAR)"))
        return ExitCode.done
    }
}

/// `doorbraak round whatif --bar LIST`.
enum RoundWhatifCommand: Command {
    static let name = "round whatif"
    static let summary = "for each impact bar: how many admitted applications pass, their amount and fte"
    static let usage = "--bar LIST"
    static let help = """
    LIST is comma-separated bars: A, B, C or numbers, e.g. --bar 9,17,35. Counts the admitted
    applications whose fte per €mln reaches each bar, exactly, and sets their amount per theme
    against the theme amount. The register's submissions refused only by E-BAR count too, so a bar
    below the round's own shows what it would admit. Withdrawn applications do not count. Writes
    nothing.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        guard let list = try arguments.value("--bar") else { throw DoorbraakError(.usage, "--bar LIST is required, e.g. --bar 9,17,35") }
        try arguments.finish()
        var bars: [ImpactBar] = []
        for part in list.split(separator: ",", omittingEmptySubsequences: false) { bars.append(try ImpactBar(parsing: String(part).trimmingSpaces)) }
        let store = try context.openStore(readOnly: true)
        let (settings, rows) = try store.showing(.whatif) { () throws(DoorbraakError) in (try store.settings(), try store.roundRows(barRefusals: true)) }
        let whatifs = bars.map { WhatIf(bar: $0, rows: rows, settings: settings) }
        var table = Table([("bar", .left), ("theme", .left), ("passing", .right), ("amount", .right), ("fte", .right), ("theme amount", .right), ("over (+) / under (-)", .right)])
        var scenarios: [JSONValue] = []
        for w in whatifs {
            var themeJSON: [JSONValue] = []
            for t in w.themes {
                themeJSON.append(.object([("theme", .string(t.theme.rawValue)), ("passing", .number(String(t.passing))), ("amount", .string(t.amount.description)),
                                          ("fte", .string(t.fte.description)), ("theme_amount", .string(t.themeAmount.description)), ("over", .string(t.over.description))]))
                table.add([w.bar.number, t.theme.rawValue, String(t.passing), t.amount.dutch, t.fte.description, t.themeAmount.dutch, t.over.signedDutch])
            }
            table.add([w.bar.number, "total", String(w.passing), w.amount.dutch, w.fte.description, w.ceiling.dutch, w.over.signedDutch])
            scenarios.append(.object([("bar", .string(w.bar.number)), ("passing", .number(String(w.passing))), ("amount", .string(w.amount.description)),
                                      ("fte", .string(w.fte.description)), ("ceiling", .string(w.ceiling.description)), ("over", .string(w.over.description)),
                                      ("approved", .number(String(w.approved))), ("approved_amount", .string(w.approvedAmount.description)),
                                      ("themes", .array(themeJSON)), ("regions", SpreidingView.regionsJSON(w.regions))]))
        }
        let regionColumns = whatifs.map { (bar: $0.bar.number, regions: $0.regions) }
        if context.json {
            Output.json(.object([("scenarios", .array(scenarios))]))
        } else {
            Output.line(table.text)
            Output.line("passing: the admitted applications (and the submissions refused only for E-BAR) at or above each bar, whatever the insurers decided; the total set against the macro ceiling")
            Output.line("of them approved by both insurers: " + whatifs.map { "bar \($0.bar.number) \($0.approved) · \($0.approvedAmount.dutch)" }.joined(separator: "; "))
            Output.line("\n" + SpreidingView.whatif(regionColumns))
        }
        return ExitCode.done
    }
}

/// `doorbraak round allocate [--transfer]`.
enum RoundAllocateCommand: Command {
    static let name = "round allocate"
    static let summary = "allocate the theme amounts to approved applications, ranked by fte per €mln"
    static let usage = "--seed TEXT [--transfer]"
    static let help = """
    Runs once, after the submission deadline, and only when every admissible application has the
    final decision of both insurers (else E-UNDECIDED lists those still waiting). Within each theme
    the approved applications are ranked by fte per €mln, highest first; ties go to more fte, then
    the smaller amount, then a lottery drawn with the board's --seed (recorded in the audit trail) —
    never the order of arrival, never the id an applicant chose. They are allocated in that order
    while they fit in the theme amount; one that does not fit is skipped and the next is tried.
    With --transfer the room left in all themes then goes, in the same ranking, to the best
    remaining applications of any theme. `application show ID` says why.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let transfer = arguments.flag("--transfer")
        guard let seed = try arguments.value("--seed"), !seed.trimmingWhitespace.isEmpty else {
            throw DoorbraakError(.usage, "--seed TEXT is required: the board's lottery seed for ties in the ranking (recorded in the audit trail)")
        }
        try arguments.finish()
        let store = try context.openStore()
        let outcomes = try store.allocate(today: context.today, transfer: transfer, seed: seed, event: context.audit(for: "BO IZA/AZWA"))
        if context.json {
            let rows = try store.roundRows()
            Output.json(.object([
                ("allocated", .array(outcomes.filter(\.allocated).map { .string($0.id.rawValue) })),
                ("not_allocated", .array(outcomes.filter { !$0.allocated }.map { .string($0.id.rawValue) })),
                ("regions", SpreidingView.regionsJSON(Spreiding.byRegion(rows.filter { $0.status == .allocated }))),
            ]))
        } else {
            let allocated = outcomes.filter(\.allocated)
            let rows = try store.roundRows()
            let transferred = allocated.filter { $0.pass == .transfer }.count
            Output.line("allocated \(allocated.count) of \(outcomes.count) approved applications" + (transfer ? " (\(transferred) of them from the unused room of all themes, --transfer)" : ""))
            Output.line(AllocationView.summary(rows: rows, settings: try store.settings()))
            Output.line("\n" + SpreidingView.allocated(rows.filter { $0.status == .allocated }))
        }
        return ExitCode.done
    }
}

/// The spreiding per region (004 line 219), for people and for `--json`.
enum SpreidingView {
    static func regionsJSON(_ regions: [Spreiding.Region]) -> JSONValue {
        .array(regions.map { r in
            .object([("region", .string(r.region)), ("applications", .number(String(r.applications))), ("amount", .string(r.amount.description)), ("fte", .string(r.fte.description))])
        })
    }

    static func json(approved: [RoundRow], allocated: [RoundRow]) -> JSONValue {
        .object([("approved", regionsJSON(Spreiding.byRegion(approved))), ("allocated", regionsJSON(Spreiding.byRegion(allocated)))])
    }

    /// Per region: approved and allocated applications, amount and fte.
    static func table(approved: [RoundRow], allocated: [RoundRow]) -> String {
        let given = Dictionary(uniqueKeysWithValues: Spreiding.byRegion(allocated).map { ($0.key, $0) })
        var table = Table([("spreiding: region", .left), ("approved", .right), ("approved amount", .right), ("allocated", .right), ("allocated amount", .right), ("fte", .right)])
        for r in Spreiding.byRegion(approved) {
            let a = given[r.key]
            table.add([r.region, String(r.applications), r.amount.dutch, String(a?.applications ?? 0), (a?.amount ?? .zero).dutch, (a?.fte ?? Fte(tenths: 0)).description])
        }
        return table.text
    }

    /// Per region, for each bar of a what-if: passing and their amount.
    static func whatif(_ columns: [(bar: String, regions: [Spreiding.Region])]) -> String {
        // One row per region however it is capitalised in each column, named as it sorts first.
        var names: [String: String] = [:]
        for region in columns.flatMap(\.regions) { names[region.key] = min(names[region.key] ?? region.region, region.region) }
        var table = Table([("spreiding: region", .left)] + columns.map { ("bar \($0.bar)", Table.Alignment.right) })
        for (key, name) in names.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            table.add([name] + columns.map { c in
                c.regions.first { $0.key == key }.map { "\($0.applications) · \($0.amount.dutch)" } ?? "0"
            })
        }
        return table.text
    }

    /// Per region: what the allocation gave.
    static func allocated(_ rows: [RoundRow]) -> String {
        var table = Table([("spreiding: region", .left), ("allocated", .right), ("amount", .right), ("fte", .right)])
        for r in Spreiding.byRegion(rows) { table.add([r.region, String(r.applications), r.amount.dutch, r.fte.description]) }
        return table.text
    }
}

/// The allocation per theme, for people.
enum AllocationView {
    static func summary(rows: [RoundRow], settings: RoundSettings) -> String {
        var table = Table([("theme", .left), ("allocated", .right), ("amount", .right), ("fte", .right), ("theme amount", .right), ("not allocated", .right), ("their amount", .right)])
        for t in Theme.allCases {
            let inTheme = rows.filter { $0.theme == t }
            let yes = inTheme.filter { $0.status == .allocated }
            let no = inTheme.filter { $0.status == .notAllocated }
            table.add([t.rawValue, String(yes.count), yes.map(\.requested).sum().dutch, yes.reduce(Fte(tenths: 0)) { $0 + $1.fte }.description,
                       settings.amount(of: t).dutch, String(no.count), no.map(\.requested).sum().dutch])
        }
        return table.text
    }
}

/// `doorbraak round close`: the end of the period.
enum RoundCloseCommand: Command {
    static let name = "round close"
    static let summary = "close the period (from 2030-01-01): release what is unpaid, make every beschikking final"
    static let usage = ""
    static let help = """
    From 2030-01-01 (E-PERIOD before; once only, E-STATE after): every milestone not paid in full
    is released for what is unpaid of it, and every granted beschikking that is not final becomes
    final at what was paid, one audit event each. Afterwards no claim is paid (E-PERIOD), and
    `ceiling` shows released = granted − paid. The releases are attributed to the coordinating
    insurer in 2029, the period's last year. One transaction: all or nothing.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        try arguments.finish()
        let result = try context.openStore().closePeriod(today: context.today, event: context.audit(for: "BO IZA/AZWA"))
        if context.json {
            Output.json(.object([("closed_on", .string(context.today.description)), ("final", .array(result.finals.map { .string($0.id) })),
                                 ("released", .string(result.released.description)), ("refused", .array(result.refused.map { .string($0) }))]))
        } else {
            let milestones = result.finals.map(\.milestones).reduce(0, +)
            Output.line("closed the period on \(context.today): \(result.finals.count) beschikking\(result.finals.count == 1 ? "" : "en") made final at what was paid, \(result.released) released (\(milestones) milestone\(milestones == 1 ? "" : "s") not paid in full)"
                        + (result.refused.isEmpty ? "" : "; \(result.refused.count) pending request\(result.refused.count == 1 ? "" : "s") refused (E-PERIOD)") + "; no claim is paid any more")
        }
        return ExitCode.done
    }
}

/// `doorbraak round bar N|A|B|C`: the board sets the bar after the what-if.
enum RoundBarCommand: Command {
    static let name = "round bar"
    static let summary = "the board sets the impact bar after the what-if, before the allocation"
    static let usage = "N|A|B|C"
    static let help = """
    The bar in fte per €mln: a number (at most two decimals) or a scenario, A = 35, B = 17, C = 9
    (004 line 636 leaves it "nader te bepalen"; line 219 has the board steer once it sees the
    totals of `round whatif`). Before the allocation only (E-STATE after), audited.
    Lowering it makes every submission refused only for E-BAR that passes the new bar admissible:
    status submitted, so both insurers decide on it before the round can be allocated
    (E-UNDECIDED until then). Raising it leaves approved applications below the new bar
    not-allocated, with reason E-BAR. Later submissions are checked against the new bar.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let text = try arguments.requiredOperand("bar (a number, or A, B, C)")
        try arguments.finish()
        let bar: ImpactBar
        do { bar = try ImpactBar(parsing: text) } catch { throw DoorbraakError(.usage, "round bar: \(error.message)") }
        let change = try context.openStore().setBar(bar, today: context.today, event: context.audit(for: "BO IZA/AZWA"))
        if context.json {
            Output.json(.object([("before", .string(change.before.number)), ("bar", .string(change.after.number)),
                                 ("admitted", .array(change.admitted.map { .string($0) })), ("below", .array(change.below.map { .string($0) }))]))
        } else {
            Output.line("bar set from \(change.before) to \(change.after)")
            if !change.admitted.isEmpty {
                Output.line("\(change.admitted.count) submission\(change.admitted.count == 1 ? "" : "s") refused only for E-BAR now admissible (submitted): both insurers decide on them before the allocation")
            }
            if !change.below.isEmpty {
                Output.line("\(change.below.count) application\(change.below.count == 1 ? "" : "s") below the new bar will not be allocated (E-BAR)")
            }
        }
        return ExitCode.done
    }
}
