import DoorbraakCore
import DoorbraakImport
import DoorbraakStore
import Foundation

/// `doorbraak import claims FILE`.
enum ImportClaimsCommand: Command {
    static let name = "import claims"
    static let summary = "import the insurers' milestone claims: pay reached milestones, release missed ones"
    static let usage = "FILE [--insurer UZOVI] [--partial] [--signature FILE]"
    static let help = """
    CSV with the header claim_id,application_id,milestone,provider,insurer,amount,date,status,evidence:
    comma-delimited with a decimal point (1250000.00) or semicolon-delimited with a decimal comma
    (1.250.000,00), taken from the header. status is reached (a part paid to a coalition member
    with a share: amount ≤ what is left of the milestone's tariff, evidence named) or missed
    (amount 0 or empty: what is unpaid of the tariff is released and the beschikking's bovengrens
    lowered by it). A milestone is reached at its first part and paid when the parts reach its
    tariff. A claim is refused unless the application is granted and the period not closed
    (E-CLAIM-STATE, E-PERIOD), the milestone is its own and not paid in full or released
    (E-CLAIM-MILESTONE), earlier milestones are reached or released (E-CLAIM-ORDER; not kept as
    refused: import it again later), the part is not one paid before on the milestone under
    another claim id (the same provider, insurer, amount, date and evidence: E-CLAIM-REPEAT), amount ≤ what is left of the tariff (E-CLAIM-TARIFF), the total paid
    stays within the bovengrens (E-CLAIM-BOVENGRENS), the date lies in 2027-01-01 … 2029-12-31 and
    not after --today (E-CLAIM-DATE), the provider is in the coalition (E-CLAIM-PROVIDER), the
    insurer is one of the application's two (E-CLAIM-INSURER) and a reached claim names evidence
    (E-CLAIM-EVIDENCE). Rows are taken in file order, so M1 before M2 in one file works. When the
    last milestone is settled the beschikking is final and a bovengrens above the total paid is
    lowered to it. One transaction: all or nothing unless --partial; the same claim id again with
    the same content changes nothing, with other content it is refused (E-CLAIM-DUPLICATE).
    A claim dated before the beschikking was granted is refused (E-DATE).
    --insurer UZOVI: the file is that insurer's; a claim of another insurer is refused
    (E-CLAIM-INSURER, not kept: it is that insurer's to import).
    --signature FILE: an OpenSSH signature of the file by an insurer's registered key; the file
    then acts for that insurer only, as with --insurer.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let partial = arguments.flag("--partial")
        let insurer = try InsurerOption.take(&arguments)
        let signature = try SignedFile.signatureOption(&arguments)
        let path = try arguments.requiredOperand("claims file")
        try arguments.finish()
        let store = try context.openStore()
        try InsurerOption.requireRegistered(insurer, in: store)
        let signed = try SignedFile(path, signature: signature, store: store, today: context.today)
        let bar = ProgressBar(label: "importing claims")
        let report = try InputFile.importing(path, privateCopy: signed.privateCopy) { (file: String) throws(DoorbraakError) in
            let signer = try signed.signer(of: file, expected: insurer.map { "insurer:\($0)" } ?? "the paying insurer")
            var importer = ClaimImport(store: store, today: context.today, event: context.audit().signed(by: signer), partial: partial)
            importer.actingFor = try PartySignature.insurer(signer: signer, option: insurer, file: path).map { u throws(DoorbraakError) in try PartyID(role: .insurer, id: u) }
            importer.progress = bar
            importer.settings.checksBesideWriter = context.checksBesideWriter
            return try importer.run(file)
        }
        bar?.finish()
        ImportView.print(report, json: context.json)
        return ImportView.exitCode(report)
    }
}

/// `doorbraak payouts [--insurer U] [--year Y]`.
enum PayoutsCommand: Command {
    static let name = "payouts"
    static let summary = "paid, expected and released per insurer and year"
    static let usage = "[--insurer UZOVI] [--year YEAR] [--by year|quarter] [--csv FILE] | --due [--insurer UZOVI] | --application ID"
    static let help = """
    With --due: the milestones of running beschikkingen due on or before --today and not settled
    (expected, or reached with a rest unpaid), oldest first, those due before --today marked
    overdue (a milestone due before its beschikking was granted is due on the day of the grant); --insurer narrows to the applications it is coordinating or second insurer of. Each
    names the insurers that paid its parts so far, so an assessor sees whose the rest is.
    With --by quarter: paid and released per insurer and quarter (every quarter from the first
    to the last shown, zero where nothing happened; with --year Y, Y's quarters only).
    With --application ID: the parts paid on each milestone of one beschikking, per coalition
    member (claim, provider, paying insurer, date, amount), and the total per provider.
    Otherwise, per paying insurer and year: paid (reached claims, by the claim's insurer and date), expected
    (verwacht: tariffs of granted milestones not yet settled, by due year, counted for the
    coordinating insurer because no claim names a payer yet) and released (a missed milestone for
    the insurer its claim names, in the claim's year; the rest released when a beschikking became
    final for the coordinating insurer, in the year of the claim that settled it), with totals.
    --csv FILE writes the table per year or per quarter for a Dutch spreadsheet instead: UTF-8
    with a byte order mark, semicolons, decimal commas and Dutch headers, as `nza register --csv`.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let insurer = try arguments.value("--insurer")
        let yearText = try arguments.value("--year")
        let application = try arguments.value("--application")
        let due = arguments.flag("--due")
        let by = try arguments.value("--by") ?? "year"
        let csv = try arguments.value("--csv")
        try arguments.finish()
        guard by == "year" || by == "quarter" else { throw DoorbraakError(.usage, "--by takes year or quarter") }
        if csv != nil, due || application != nil { throw DoorbraakError(.usage, "--csv writes the table per year or per quarter; it takes no --due or --application") }
        if let application {
            guard insurer == nil, yearText == nil else { throw DoorbraakError(.usage, "--application shows one beschikking; it takes no --insurer or --year") }
            return try parts(of: application, context)
        }
        if insurer != nil { try InsurerOption.requireRegistered(insurer, in: try context.openStore(readOnly: true)) }
        if due { return try duePayments(insurer: insurer, context) }
        if by == "quarter" { return try quarters(insurer: insurer, year: try PlausibilityOptions.year(yearText, required: false), csv: csv, context) }
        if let insurer { do { _ = try UZOVI(parsing: insurer) } catch { throw DoorbraakError(.usage, "--insurer: \(error.message)") } }
        let year = try PlausibilityOptions.year(yearText, required: false)
        let store = try context.openStore(readOnly: true)
        let lines = try store.showing(.payouts) { () throws(DoorbraakError) in try store.payouts(insurer: insurer, year: year) }
        let total = PayoutLine(insurer: "total", year: 0, paid: lines.map(\.paid).sum(), expected: lines.map(\.expected).sum(), released: lines.map(\.released).sum())
        if let csv {
            try OutputFile.write(SemicolonCSV.file(header: ["verzekeraar", "jaar", "uitbetaald", "verwacht", "vrijgegeven"], rows: lines.map { l in
                [l.insurer, String(l.year), l.paid.decimalComma, l.expected.decimalComma, l.released.decimalComma]
            }), to: csv)
            if !context.json {
                Output.line("wrote the payouts of \(Set(lines.map(\.insurer)).count) insurer(s) per year to \(csv): paid \(total.paid.dutch), expected \(total.expected.dutch), released \(total.released.dutch)")
                return ExitCode.done
            }
        }
        if context.json {
            func line(_ l: PayoutLine) -> [(String, JSONValue)] {
                [("paid", .string(l.paid.description)), ("expected", .string(l.expected.description)), ("released", .string(l.released.description))]
            }
            Output.json(.object([
                ("payouts", .array(lines.map { l in .object([("insurer", .string(l.insurer)), ("year", .number(String(l.year)))] + line(l)) })),
                ("total", .object(line(total))),
            ]))
        } else {
            Output.line(PayoutsView.text(lines, total: total))
            if lines.isEmpty {
                Output.line("no claims settled and nothing expected\(insurer.map { " for insurer \($0)" } ?? "")\(year.map { " in \($0)" } ?? ""); an insurer is listed once it is coordinating or second insurer on a granted beschikking or named by a claim")
            }
        }
        return ExitCode.done
    }
}

extension PayoutsCommand {
    /// What is due and not settled by --today (`payouts --due`).
    static func duePayments(insurer: String?, _ context: Context) throws(DoorbraakError) -> Int32 {
        if let insurer { do { _ = try UZOVI(parsing: insurer) } catch { throw DoorbraakError(.usage, "--insurer: \(error.message)") } }
        let store = try context.openStore(readOnly: true)
        let due = try store.showing(.payouts) { () throws(DoorbraakError) in try store.duePayments(on: context.today, insurer: insurer) }
        if context.json {
            Output.json(.object([("today", .string(context.today.description)), ("due", .array(due.map { d in
                .object([("application", .string(d.application)), ("milestone", .string(d.milestone)), ("due", .string(d.due.description)),
                         ("granted_on", .string(d.grantedOn.description)), ("payable_from", .string(d.payableFrom.description)),
                         ("tariff", .string(d.tariff.description)), ("unpaid", .string((d.tariff - d.paid).description)), ("status", .string(d.status)),
                         ("coordinating", .string(d.coordinating)), ("second", .string(d.second)), ("overdue", .bool(d.isOverdue(on: context.today))),
                         ("paid_by", .array(d.paidBy.map { .string($0) }))])
            }))]))
            return ExitCode.done
        }
        var table = Table([("application", .left), ("milestone", .left), ("due", .left), ("by today", .left), ("tariff", .right), ("unpaid", .right), ("status", .left),
                           ("insurers (coordinating/second)", .left), ("parts paid by", .left)])
        for d in due {
            table.add([d.application, d.milestone, d.due < d.grantedOn ? "\(d.due) (granted \(d.grantedOn))" : d.due.description,
                       d.isOverdue(on: context.today) ? "overdue" : "due today", d.tariff.dutch, (d.tariff - d.paid).dutch,
                       d.status, "\(d.coordinating)/\(d.second)", d.paidBy.isEmpty ? "-" : d.paidBy.joined(separator: ", ")])
        }
        let overdue = due.filter { $0.isOverdue(on: context.today) }.count
        Output.line(due.isEmpty ? "nothing due and unsettled by \(context.today)\(insurer.map { " for insurer \($0)" } ?? "")"
                    : table.text + "\n\(due.count) milestone\(due.count == 1 ? "" : "s") due by \(context.today) and not settled, \(overdue) overdue; unpaid \(due.map { $0.tariff - $0.paid }.sum())")
        return ExitCode.done
    }

    /// Paid and released per insurer and quarter (`payouts --by quarter`), every quarter shown.
    /// `year`: only that year's quarters (an attacker's review: `--year` was ignored here).
    static func quarters(insurer: String?, year: Int?, csv: String?, _ context: Context) throws(DoorbraakError) -> Int32 {
        let store = try context.openStore(readOnly: true)
        let lines = try store.showing(.payouts) { () throws(DoorbraakError) in try store.payoutsByQuarter(insurer: insurer) }
            .filter { line in year.map { line.quarter.hasPrefix("\($0)-") } ?? true }
        // Every quarter between the first and the last of the round, zero where empty.
        let all = Set(lines.map(\.quarter)).sorted()
        var quarters: [String] = []
        if let first = all.first, let last = all.last, var year = Int(first.prefix(4)), var q = Int(first.suffix(1)) {
            while true {
                let name = "\(year)-Q\(q)"
                quarters.append(name)
                if name >= last || quarters.count > 100 { break }
                q += 1
                if q == 5 { q = 1; year += 1 }
            }
        }
        var rows: [(insurer: String, quarter: String, paid: Money, released: Money)] = []
        for i in Set(lines.map(\.insurer)).sorted() {
            for q in quarters { rows.append(lines.first { $0.insurer == i && $0.quarter == q } ?? (i, q, .zero, .zero)) }
        }
        if let csv {
            try OutputFile.write(SemicolonCSV.file(header: ["verzekeraar", "kwartaal", "uitbetaald", "vrijgegeven"], rows: rows.map { r in
                [r.insurer, r.quarter, r.paid.decimalComma, r.released.decimalComma]
            }), to: csv)
            if !context.json {
                Output.line("wrote the payouts of \(Set(rows.map(\.insurer)).count) insurer(s) per quarter to \(csv): paid \(rows.map(\.paid).sum().dutch), released \(rows.map(\.released).sum().dutch)")
                return ExitCode.done
            }
        }
        if context.json {
            Output.json(.object([("quarters", .array(rows.map { r in
                .object([("insurer", .string(r.insurer)), ("quarter", .string(r.quarter)), ("paid", .string(r.paid.description)), ("released", .string(r.released.description))])
            }))]))
            return ExitCode.done
        }
        var table = Table([("insurer", .left), ("quarter", .left), ("paid", .right), ("released", .right)])
        for r in rows { table.add([r.insurer, r.quarter, r.paid.dutch, r.released.dutch]) }
        table.add(["total", "", rows.map(\.paid).sum().dutch, rows.map(\.released).sum().dutch])
        Output.line(rows.isEmpty ? "no claims settled yet" : table.text)
        return ExitCode.done
    }

    /// The parts paid on one beschikking's milestones, per coalition member (004 lines 286, 2700).
    static func parts(of id: String, _ context: Context) throws(DoorbraakError) -> Int32 {
        let store = try context.openStore(readOnly: true)
        // The rows of this one application (a lookup or a key range each, and the claims), not
        // the whole tables the other forms of `payouts` count from.
        guard let record = try store.showing(application: id, { () throws(DoorbraakError) in try store.application(id) }) else {
            throw store.suggestingApplication(DoorbraakError(.missing, "no application \"\(id)\"; `doorbraak application list` shows the register"), for: id)
        }
        let paid = record.milestones.flatMap { m in m.parts.filter { $0.status == "reached" }.map { (m.code, $0) } }
        var perProvider: [String: Money] = [:]
        for (_, p) in paid { perProvider[p.provider, default: .zero] += p.amount }
        if context.json {
            Output.json(.object([
                ("application", .string(id)),
                ("parts", .array(paid.map { code, p in
                    .object([("milestone", .string(code)), ("claim", .string(p.claim)), ("provider", .string(p.provider)), ("insurer", .string(p.insurer)),
                             ("date", .string(p.date)), ("amount", .string(p.amount.description))])
                })),
                ("providers", .array(perProvider.sorted { $0.key < $1.key }.map { .object([("provider", .string($0.key)), ("paid", .string($0.value.description))]) })),
                ("milestones", .array(record.milestones.map { m in
                    .object([("milestone", .string(m.code)), ("tariff", .string(m.tariff.description)), ("status", .string(m.status)),
                             ("paid", .string(m.paid.description)), ("released", .string(m.released.description))])
                })),
            ]))
            return ExitCode.done
        }
        // Every milestone as it stands, a released one too (a newcomer looked for the missed
        // milestones here and found only the parts paid).
        var milestones = Table([("milestone", .left), ("tariff", .right), ("status", .left), ("paid", .right), ("released", .right)])
        for m in record.milestones { milestones.add([m.code, m.tariff.dutch, m.status, m.paid.dutch, m.released.dutch]) }
        let settled = record.milestones.isEmpty ? "" : "\n\nits milestones\n" + milestones.text
        var table = Table([("milestone", .left), ("claim", .left), ("provider", .left), ("insurer", .left), ("date", .left), ("paid", .right)])
        for (code, p) in paid { table.add([code, p.claim, p.provider, p.insurer, p.date, p.amount.dutch]) }
        var totals = Table([("provider", .left), ("paid in total", .right)])
        for (agb, amount) in perProvider.sorted(by: { $0.key < $1.key }) { totals.add([agb, amount.dutch]) }
        Output.line((paid.isEmpty ? "nothing paid on \(id) yet" : "parts paid on \(id), per coalition member\n" + table.text + "\n\n" + totals.text) + settled)
        return ExitCode.done
    }
}

/// How payouts are shown to people.
enum PayoutsView {
    static func text(_ lines: [PayoutLine], total: PayoutLine) -> String {
        var table = Table([("insurer", .left), ("year", .left), ("paid", .right), ("expected", .right), ("released", .right)])
        for l in lines { table.add([l.insurer, String(l.year), l.paid.dutch, l.expected.dutch, l.released.dutch]) }
        table.add(["total", "", total.paid.dutch, total.expected.dutch, total.released.dutch])
        return table.text
    }
}

/// `doorbraak round reallocate [--dry-run]`.
enum RoundReallocateCommand: Command {
    static let name = "round reallocate"
    static let summary = "give room freed by releases to approved applications that were not allocated"
    static let usage = "[--dry-run]"
    static let help = """
    The board (BO IZA/AZWA) gives the room under the macro ceiling that releases freed — remaining
    minus pending requests minus applications allocated but not yet requested — to the approved
    applications that were not allocated, in the round's ranking (fte per €mln, across themes):
    first each within its theme's room (richtbedrag − committed − pending − allocated-not-requested
    in that theme, committed being the current bovengrenzen after releases, less the theme's share
    of what a theme given more than its richtbedrag at an allocation with --transfer still owes:
    never off what the theme released), then — only when the round was allocated with --transfer —
    across themes. The board's choices at the allocation hold: an application below
    the bar it set gets no room (E-BAR). They become `allocated` and can request a beschikking
    (`nza request`); the NZa still checks the ceiling. --dry-run shows the outcome and writes nothing.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let dryRun = arguments.flag("--dry-run")
        try arguments.finish()
        let store = try context.openStore()
        let result = try store.reallocate(today: context.today, dryRun: dryRun, event: context.audit(for: "BO IZA/AZWA"))
        if context.json {
            Output.json(.object([
                ("allocated", .array(result.allocated.map { .string($0.id.rawValue) })),
                ("room_before", .string(result.roomBefore.total.description)),
                ("room_after", .string(result.roomAfter.description)),
                ("below_bar", .array(result.belowBar.map { .string($0.rawValue) })),
                ("across_themes", .bool(result.transfer)),
                ("dry_run", .bool(dryRun)),
            ]))
        } else {
            Output.line(ReallocationView.text(result, dryRun: dryRun))
        }
        return ExitCode.done
    }
}

/// How a reallocation is shown to people.
enum ReallocationView {
    static func text(_ r: ReallocationResult, dryRun: Bool) -> String {
        var lines = ["\(dryRun ? "would allocate" : "allocated") \(r.allocated.count) waiting application\(r.allocated.count == 1 ? "" : "s"); freed room \(r.roomBefore.total) → \(r.roomAfter)"]
        var rooms = Table([("theme", .left), ("room in the theme", .right)])
        for t in Theme.allCases { rooms.add([t.rawValue, (r.roomBefore.themes[t] ?? .zero).dutch]) }
        let themesRoom = Theme.allCases.map { r.roomBefore.themes[$0] ?? .zero }.sum()
        // The themes' room can add up to more than the room under the ceiling (a newcomer added
        // them up): say that the lower of the two counts.
        lines.append(rooms.text + (themesRoom > r.roomBefore.total
            ? "\nan application needs room in its theme and under the macro ceiling, the lower counts: the themes' room adds up to \(themesRoom.dutch), more than the \(r.roomBefore.total.dutch) under the ceiling, because a theme holds more than its richtbedrag (an allocation with --transfer) or the richtbedragen add up to more than the ceiling"
            : ""))
        if !r.allocated.isEmpty {
            var table = Table([("application", .left), ("pass", .left), ("room before", .right), ("why", .left)])
            // A dry run allocates nothing: its rows say why each would be, not that it was.
            for o in r.allocated { table.add([o.id.rawValue, o.pass.rawValue, o.roomBefore.dutch, dryRun ? String(o.reason.trimmingPrefix("reallocated: ")) : o.reason]) }
            lines.append(table.text)
        }
        var rules = [r.transfer ? "the round was allocated with --transfer: room a theme cannot use goes across themes"
                                : "the round was allocated without --transfer: freed room stays in its theme"]
        if !r.belowBar.isEmpty {
            let shown = r.belowBar.prefix(10).map(\.rawValue).joined(separator: ", ") + (r.belowBar.count > 10 ? ", … \(r.belowBar.count - 10) more" : "")
            rules.append("\(r.belowBar.count) waiting application\(r.belowBar.count == 1 ? " is" : "s are") below the bar of \(r.bar.number) the board set and get\(r.belowBar.count == 1 ? "s" : "") no room (E-BAR): \(shown)")
        }
        lines.append(rules.joined(separator: "\n"))
        if dryRun { lines.append("dry run: nothing was written") }
        return lines.joined(separator: "\n\n")
    }
}
