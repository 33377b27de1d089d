import DoorbraakCore
import DoorbraakStore
import Foundation

/// `doorbraak report`: the overview for the NZa analyst.
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "the overview: ceiling, themes, impact, payouts, plausibility, realised fte; --html FILE for a page with charts"
    static let usage = "[--html FILE]"
    static let help = """
    Prints the overview's figures (text, or --json). With --html FILE it writes one
    self-contained page (inline SVG and CSS, nothing loaded from elsewhere) with a chart and a
    table for: the macro ceiling (paid, committed, pending, remaining), per theme the richtbedrag,
    requested, allocated and committed, the fte per €mln of every submitted application
    against the bars 9, 17 and 35 and the board's bar, spreiding (the granted beschikkingen per
    region), payouts and releases per quarter, the milestones paid to one or to more coalition
    members, the NZa's plausibility judgment per insurer and year, and realised against claimed
    fte. The text has the same tables.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let html = try arguments.value("--html")
        try arguments.finish()
        let store = try context.openStore()
        let overview = try overview(of: store, on: context.today)
        // Only the realised fte are as of the business date; the rest is everything recorded (a
        // review: an overview "on 2029-06-30" showed the close of 2030-01-01 without a word).
        if let latest = try AuditLog.latestBusinessDay(in: store.db), latest > context.today {
            Output.error("note: the overview on \(context.today) shows the ceiling, payouts, releases and judgments as recorded up to \(latest); only the realised fte are as of \(context.today) (give --today \(latest) for one date throughout)")
        }
        if let html {
            try OutputFile.write(OverviewHTML.page(overview), to: html)
        }
        if context.json {
            Output.json(OverviewView.json(overview))
        } else {
            Output.line(OverviewView.text(overview))
            if let html { Output.line("\nwrote the overview with charts to \(html)") }
        }
        return ExitCode.done
    }

    /// The overview of everything stored, on `today`, with the verantwoording and monitoring
    /// figures computed by their own rules with the default settings.
    static func overview(of store: Store, on today: Day) throws(DoorbraakError) -> Overview {
        try store.showing(.overview) { () throws(DoorbraakError) -> Overview in
            let plausibility = try PlausibilityOptions.report(store, Plausibility.Settings.standard)
            let judgments = plausibility.judgments.map { j in
                Overview.Judgment(insurer: j.insurer.rawValue, year: j.year, paid: j.paid, recovery: j.recovery, findings: j.findings.count, judgment: j.judgment, label: j.judgmentText)
            }
            let input = try store.monitoringInput()
            let summary = Monitoring.summarise(applications: input.applications, measurements: input.measurements, asOf: today, bar: input.bar, theme: nil)
            let realised = input.measurements.isEmpty ? [] : summary.themes.map { Overview.Realised(theme: $0.theme, claimed: $0.totals.claimed, realised: $0.totals.realised) }
                + [Overview.Realised(theme: nil, claimed: summary.total.claimed, realised: summary.total.realised)]
            return try store.overview(asOf: today, judgments: judgments, realised: realised)
        }
    }

}

/// The overview's figures for people and for tools.
enum OverviewView {
    static func json(_ o: Overview) -> JSONValue {
        func money(_ m: Money) -> JSONValue { .string(m.description) }
        let c = o.ceiling
        return .object([
            ("as_of", .string(o.asOf.description)),
            ("ceiling", .object([("ceiling", money(c.ceiling)), ("granted", money(c.granted)), ("released", money(c.released)),
                                 ("committed", money(c.committed)), ("pending", money(c.pending)), ("paid", money(c.paid)), ("remaining", money(c.remaining))])),
            ("themes", .array(o.themes.map { t in
                .object([("theme", .string(t.theme.rawValue)), ("amount", money(t.amount)), ("requested", money(t.requested)),
                         ("allocated", money(t.allocated)), ("committed", money(t.committed))])
            })),
            ("bar", .string(FtePerMillion.hundredthsText(o.barHundredths))),
            ("impact_bins", .array(o.impactBins.map { .object([("bin", .string($0.label)), ("applications", .number(String($0.all))), ("granted", .number(String($0.granted)))]) })),
            ("quarters", .array(o.quarters.map { .object([("quarter", .string($0.quarter)), ("paid", money($0.paid)), ("released", money($0.released))]) })),
            ("regions", SpreidingView.regionsJSON(o.regions)),
            ("parts", .array(o.parts.map { .object([("members", .string($0.members)), ("milestones", .number(String($0.milestones))), ("paid", money($0.paid))]) })),
            ("judgments", .array(o.judgments.map { j in
                .object([("insurer", .string(j.insurer)), ("year", .number(String(j.year))), ("paid", money(j.paid)), ("recovery", money(j.recovery)),
                         ("findings", .number(String(j.findings))), ("judgment", .string(j.judgment))])
            })),
            ("realised", .array(o.impactRealised.map { r in
                .object([("theme", r.theme.map { .string($0.rawValue) } ?? .string("total")), ("claimed_fte", .string(r.claimed.description)), ("realised_fte", .string(r.realised.description))])
            })),
        ])
    }

    static func text(_ o: Overview) -> String {
        var out = ["overview on \(o.asOf)", ""]
        var ceiling = Table([("macro ceiling", .left), ("amount", .right)])
        let c = o.ceiling
        for (label, amount) in [("ceiling", c.ceiling), ("granted", c.granted), ("released", c.released), ("committed", c.committed),
                                ("pending", c.pending), ("paid", c.paid), ("remaining", c.remaining)] {
            ceiling.add([label, amount.dutch])
        }
        out.append(ceiling.text)
        if c.granted > c.ceiling { out.append(CeilingCommand.grantedAboveCeiling) }
        var themes = Table([("theme", .left), ("richtbedrag", .right), ("requested", .right), ("allocated", .right), ("committed", .right)])
        for t in o.themes { themes.add([t.theme.rawValue, t.amount.dutch, t.requested.dutch, t.allocated.dutch, t.committed.dutch]) }
        out += ["", themes.text]
        var bins = Table([("fte per €mln", .left), ("applications", .right), ("granted", .right)])
        for b in o.impactBins { bins.add([b.label, String(b.all), String(b.granted)]) }
        out += ["", bins.text, "the bar: \(FtePerMillion.hundredthsText(o.barHundredths)) fte per €mln"]
        // Spreiding and the parts paid to coalition members, as `--json` and `--html` have them
        // (a newcomer's try: the text report had neither).
        if !o.regions.isEmpty {
            var regions = Table([("spreiding: region", .left), ("beschikkingen", .right), ("bovengrenzen now", .right), ("fte claimed", .right)])
            for r in o.regions { regions.add([r.region, String(r.applications), r.amount.dutch, r.fte.description]) }
            out += ["", regions.text]
        }
        if !o.quarters.isEmpty {
            var quarters = Table([("quarter", .left), ("paid", .right), ("released", .right)])
            for q in o.quarters { quarters.add([q.quarter, q.paid.dutch, q.released.dutch]) }
            out += ["", quarters.text]
        }
        if !o.parts.isEmpty {
            var parts = Table([("paid to coalition members", .left), ("milestones", .right), ("paid", .right)])
            for p in o.parts { parts.add([p.members == "1" ? "1 member" : "2 or more members", String(p.milestones), p.paid.dutch]) }
            out += ["", parts.text]
        }
        if !o.judgments.isEmpty {
            var judgments = Table([("insurer", .left), ("year", .left), ("paid", .right), ("recovery", .right), ("findings", .right), ("judgment", .left)])
            for j in o.judgments { judgments.add([j.insurer, String(j.year), j.paid.dutch, j.recovery.dutch, String(j.findings), j.label]) }
            out += ["", judgments.text]
        }
        if !o.impactRealised.isEmpty {
            var realised = Table([("theme", .left), ("claimed fte", .right), ("realised fte", .right)])
            for r in o.impactRealised { realised.add([r.theme?.rawValue ?? "total", r.claimed.description, r.realised.description]) }
            out += ["", realised.text]
        }
        return out.joined(separator: "\n")
    }
}
