/// The overview as one self-contained HTML page: inline CSS and SVG, no script, nothing loaded
/// from elsewhere, every text escaped, a table under every chart, Dutch notation for amounts and
/// ISO dates. Each chart has an id (`chart-…`) and its table the same figures (`table-…`).
///
/// The charts are drawn to be read on paper: labelled axes with round Dutch ticks (`€ 1,5 mld`),
/// the value on every bar, the legend inside the drawing, one colour per meaning across the page
/// (`ChartInk`, Okabe–Ito) with norms as black lines, the themes as small multiples (each on its
/// own scale), and every quarter from the first to the last.
public enum OverviewHTML {
    /// The page.
    public static func page(_ o: Overview) -> String {
        var body: [String] = []
        body.append("<h1>doorbraakmiddelen — overzicht per \(escape(o.asOf.description))</h1>")
        body.append("<p class=\"lead\">Macrokader \(escape(o.ceiling.ceiling.dutch)); toegekend (huidige bovengrenzen) \(escape(o.ceiling.committed.dutch)); uitbetaald \(escape(o.ceiling.paid.dutch)); ruimte \(escape(o.ceiling.remaining.dutch)).</p>")
        body.append(ceilingSection(o.ceiling))
        body.append(themeSection(o.themes))
        body.append(impactSection(o))
        body.append(spreidingSection(o.regions))
        body.append(quarterSection(o.quarters))
        body.append(partsSection(o.parts))
        body.append(judgmentSection(o.judgments))
        body.append(realisedSection(o.impactRealised))
        return """
        <!DOCTYPE html>
        <html lang="nl">
        <head>
        <meta charset="utf-8">
        <title>doorbraakmiddelen — overzicht \(escape(o.asOf.description))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 62em; color: #222; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }
        th, td { padding: .2em .7em; border-bottom: 1px solid #eee; } th { text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .lead { font-size: 1.05em; } .bad td:last-child { color: #D55E00; font-weight: 700; }
        .note { color: #555; font-size: .85em; }
        svg { display: block; max-width: 100%; height: auto; margin: .5em 0; font-family: system-ui, sans-serif; font-size: 11px; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          h2 { break-after: avoid; } svg, tr { break-inside: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        <p class="note">Gemaakt door doorbraak. Bedragen in euro (centen exact; in de grafieken vanaf € 1 mln afgerond op € 0,1 mln); fte per €mln exact vergeleken, afgerond voor weergave. Eén kleur betekent op de hele pagina één ding (Okabe–Ito-palet, leesbaar bij kleurenblindheid); zwarte lijnen zijn normen.</p>
        </body>
        </html>

        """
    }

    // MARK: sections

    static func ceilingSection(_ c: Overview.Ceiling) -> String {
        let chart = StackedBarChart(
            id: "chart-ceiling", label: "het macrokader: uitbetaald, toegekend, aangevraagd en de ruimte",
            parts: [.init(label: "uitbetaald", ink: .paid, amount: c.paid),
                    .init(label: "toegekend, nog niet betaald", ink: .granted, amount: c.committedUnpaid),
                    .init(label: "ruimte", ink: .room, amount: c.remaining > .zero ? c.remaining : .zero)],
            following: (.init(label: "aangevraagd, in behandeling (vanaf het toegekende)", ink: .requested, amount: c.pending), c.committed),
            norm: ("macrokader", c.ceiling), axisTitle: "bedrag in euro")
        let rows: [(String, Money)] = [("macrokader", c.ceiling), ("toegekend (bovengrenzen zoals verleend)", c.granted), ("vrijgegeven", c.released),
                                       ("toegekend (huidige bovengrenzen)", c.committed), ("aangevraagd, in behandeling", c.pending),
                                       ("uitbetaald", c.paid), ("ruimte onder het macrokader", c.remaining)]
        return "<h2>Het macrokader van \(escape(DutchLabel.money(c.ceiling, trim: true)))</h2>\n\(chart.svg())\n" + table(id: "table-ceiling", ["", "bedrag"], rows.map { [$0.0, $0.1.dutch] }, numeric: [1])
    }

    static func themeSection(_ themes: [Overview.ThemeLine]) -> String {
        // Small multiples: the themes differ tenfold (and what is requested dwarfs what is
        // granted), so each theme gets its own scale and its smallest bar stays readable.
        let panels = themes.map { t in
            HorizontalBarChart.Panel(
                title: t.theme.rawValue,
                groups: [.init(label: "aangevraagd", bars: [.init(series: "aangevraagd", ink: .requested, value: t.requested.cents)]),
                         .init(label: "gealloceerd", bars: [.init(series: "gealloceerd", ink: .allocated, value: t.allocated.cents)]),
                         .init(label: "toegekend", bars: [.init(series: "toegekend (huidige bovengrenzen)", ink: .granted, value: t.committed.cents)])],
                norms: [.init(label: "richtbedrag \(DutchLabel.money(t.amount, trim: true))", value: t.amount.cents)])
        }
        let chart = HorizontalBarChart(
            id: "chart-themes", label: "per thema aangevraagd, gealloceerd en toegekend tegen het richtbedrag, elk thema op een eigen schaal",
            legend: ChartLegend(entries: [.init(label: "aangevraagd", ink: .requested), .init(label: "gealloceerd", ink: .allocated),
                                          .init(label: "toegekend (huidige bovengrenzen)", ink: .granted), .init(label: "richtbedrag", ink: .norm, line: true, dashed: true)]),
            panels: panels, unit: .cents, axisTitle: "bedrag in euro (eigen schaal per thema)")
        let rows = themes.map { [$0.theme.rawValue, $0.amount.dutch, $0.requested.dutch, $0.allocated.dutch, $0.committed.dutch] }
        return "<h2>Per thema: aangevraagd, gealloceerd en toegekend tegen het richtbedrag</h2>\n\(chart.svg())\n"
            + "<p class=\"note\">Elk thema heeft een eigen schaal (kleine veelvouden), zodat ook het kleinste bedrag zichtbaar blijft; vergelijk thema’s onderling met de tabel.</p>\n"
            + table(id: "table-themes", ["thema", "richtbedrag", "aangevraagd", "gealloceerd", "toegekend (huidige bovengrenzen)"], rows, numeric: [1, 2, 3, 4])
    }

    static func impactSection(_ o: Overview) -> String {
        // The scenarios' bars (C 9, B 17, A 35) dashed; the round's own bar solid.
        let scenarios: [(String, Int64)] = [("C 9", 900), ("B 17", 1700), ("A 35", 3500)]
        var marks = scenarios.map { HistogramChart.Mark(label: $0.0 + ($0.1 == o.barHundredths ? " = lat" : ""), position: $0.1, dashed: $0.1 != o.barHundredths) }
        if !scenarios.contains(where: { $0.1 == o.barHundredths }) {
            marks.append(.init(label: "lat \(DutchLabel.decimal(o.barHundredths, decimals: 2, trim: true))", position: o.barHundredths, dashed: false))
        }
        let chart = HistogramChart(
            id: "chart-impact", label: "fte per miljoen euro van alle ingediende aanvragen, met de impactlatten",
            legend: ChartLegend(entries: [.init(label: "alle ingediende aanvragen", ink: .requested), .init(label: "waarvan toegekend", ink: .granted),
                                          .init(label: "impactlat scenario C, B, A", ink: .norm, line: true, dashed: true),
                                          .init(label: "lat van deze ronde (\(DutchLabel.decimal(o.barHundredths, decimals: 2, trim: true)))", ink: .norm, line: true)]),
            series: [.init(label: "alle ingediende aanvragen", ink: .requested), .init(label: "toegekend", ink: .granted)],
            bins: o.impactBins.map { .init(label: $0.label, counts: [Int64($0.all), Int64($0.granted)]) },
            scaleTop: 6500, marks: marks, classTitle: "fte per €mln (klassen van 5; de lijnen staan op hun exacte waarde)", countTitle: "aantal aanvragen")
        let rows = o.impactBins.map { [$0.label, String($0.all), String($0.granted)] }
        return "<h2>Impact: fte per €mln van alle ingediende aanvragen (ook de geweigerde), met de impactlatten 9, 17 en 35</h2>\n\(chart.svg())\n"
            + "<p class=\"note\">De lijnen staan op 9 (scenario C), 17 (B) en 35 (A) fte per €mln en op de lat van deze ronde; de schaal loopt tot 65.</p>\n"
            + table(id: "table-impact", ["fte per €mln", "aanvragen", "toegekend"], rows, numeric: [1, 2])
    }

    static func spreidingSection(_ regions: [Spreiding.Region]) -> String {
        let chart = HorizontalBarChart(
            id: "chart-regions", label: "toegekend per regio",
            legend: ChartLegend(entries: [.init(label: "toegekend (bovengrenzen zoals ze nu staan)", ink: .granted)]),
            panels: [.init(title: nil, groups: regions.map { .init(label: $0.region, bars: [.init(series: "toegekend (bovengrenzen zoals ze nu staan)", ink: .granted, value: $0.amount.cents)]) })],
            unit: .cents, axisTitle: "bedrag in euro", emptyText: "nog geen beschikkingen")
        let rows = regions.map { [$0.region, String($0.applications), $0.amount.dutch, dutch($0.fte)] }
        return "<h2>Spreiding: toegekende beschikkingen per regio</h2>\n\(chart.svg())\n"
            + (regions.isEmpty ? "<p class=\"note\">Nog geen beschikkingen.</p>\n" : "")
            + table(id: "table-regions", ["regio", "beschikkingen", "bedrag", "fte"], rows, numeric: [1, 2, 3])
    }

    static func partsSection(_ parts: [Overview.Parts]) -> String {
        let chart = HorizontalBarChart(
            id: "chart-parts", label: "mijlpalen betaald aan één of meer coalitieleden",
            legend: ChartLegend(entries: [.init(label: "uitbetaald", ink: .paid)]),
            panels: [.init(title: nil, groups: parts.map { p in
                .init(label: p.members == "1" ? "aan 1 coalitielid" : "aan \(p.members) coalitieleden",
                      bars: [.init(series: "uitbetaald", ink: .paid, value: p.paid.cents, suffix: "(\(p.milestones) \(p.milestones == 1 ? "mijlpaal" : "mijlpalen"))")])
            })],
            unit: .cents, axisTitle: "bedrag in euro", emptyText: "nog geen uitbetalingen")
        let rows = parts.map { [$0.members, String($0.milestones), $0.paid.dutch] }
        return "<h2>Mijlpalen betaald in delen aan de coalitieleden</h2>\n\(chart.svg())\n"
            + (parts.isEmpty ? "<p class=\"note\">Nog geen uitbetalingen.</p>\n" : "")
            + table(id: "table-parts", ["betaald aan coalitieleden", "mijlpalen", "uitbetaald"], rows, numeric: [1, 2])
    }

    static func quarterSection(_ given: [Overview.Quarter]) -> String {
        // Every quarter from the first to the last, a quarter without payouts as zero.
        let quarters = Overview.everyQuarter(given)
        let chart = HorizontalBarChart(
            id: "chart-quarters", label: "uitbetalingen en vrijgaven per kwartaal",
            legend: ChartLegend(entries: [.init(label: "uitbetaald", ink: .paid), .init(label: "vrijgegeven", ink: .released)]),
            panels: [.init(title: nil, groups: quarters.map { q in
                .init(label: q.quarter, bars: [.init(series: "uitbetaald", ink: .paid, value: q.paid.cents), .init(series: "vrijgegeven", ink: .released, value: q.released.cents)])
            })],
            unit: .cents, axisTitle: "bedrag in euro", emptyText: "nog geen declaraties")
        let rows = quarters.map { [$0.quarter, $0.paid.dutch, $0.released.dutch] }
        return "<h2>Uitbetalingen per bereikte mijlpaal en vrijgaven per kwartaal</h2>\n\(chart.svg())\n"
            + (quarters.isEmpty ? "<p class=\"note\">Nog geen declaraties.</p>\n" : "")
            + table(id: "table-quarters", ["kwartaal", "uitbetaald", "vrijgegeven"], rows, numeric: [1, 2])
    }

    static func judgmentSection(_ judgments: [Overview.Judgment]) -> String {
        // The recovery as a share of what was paid, against the materiality of 1% (the default);
        // the bar's colour is the NZa's judgment.
        let plausible = "terugvordering, oordeel plausibel", implausible = "terugvordering, oordeel niet plausibel"
        let groups = judgments.map { j in
            HorizontalBarChart.Group(label: "\(j.insurer) — \(j.year)", bars: [.init(
                series: j.judgment == "plausibel" ? plausible : implausible, ink: j.judgment == "plausibel" ? .recoveryPlausible : .recoveryImplausible,
                value: basisPoints(j.recovery, of: j.paid), suffix: "(\(DutchLabel.money(j.recovery)))" + (j.judgment == "plausibel" ? "" : " — \(j.judgment)"))])
        }
        let chart = HorizontalBarChart(
            id: "chart-plausibility", label: "terugvordering als deel van het uitbetaalde, per verzekeraar en jaar",
            legend: ChartLegend(entries: [.init(label: plausible, ink: .recoveryPlausible), .init(label: implausible, ink: .recoveryImplausible),
                                          .init(label: "materialiteit 1%", ink: .norm, line: true, dashed: true)]),
            panels: [.init(title: nil, groups: groups, norms: [.init(label: "materialiteit 1%", value: 100)])],
            unit: .basisPoints, axisTitle: "terugvordering in % van het uitbetaalde (verzekeraar — jaar)", emptyText: "nog geen verantwoording")
        let rows = judgments.map { [$0.insurer, String($0.year), $0.paid.dutch, $0.recovery.dutch, String($0.findings), $0.label] }
        return "<h2>Verantwoording: het oordeel van de NZa per verzekeraar en jaar</h2>\n\(chart.svg())\n"
            + "<p class=\"note\">Boven de lijn (1% van het uitbetaalde) is het oordeel niet plausibel.</p>\n"
            + (judgments.isEmpty ? "<p class=\"note\">Nog geen verantwoording.</p>\n" : "")
            + table(id: "table-plausibility", ["verzekeraar", "jaar", "uitbetaald", "terugvordering", "bevindingen", "oordeel"], rows, numeric: [1, 2, 3, 4],
                    classes: { row in row[5] == "plausibel" ? "good" : "bad" })
    }

    static func realisedSection(_ realised: [Overview.Realised]) -> String {
        let themeLines = realised.filter { $0.theme != nil }
        let chart = HorizontalBarChart(
            id: "chart-realised", label: "gerealiseerde tegen geclaimde fte",
            legend: ChartLegend(entries: [.init(label: "geclaimd (toegekende aanvragen)", ink: .granted), .init(label: "gerealiseerd", ink: .realised)]),
            panels: [.init(title: nil, groups: themeLines.map { r in
                .init(label: r.theme?.rawValue ?? "", bars: [.init(series: "geclaimd", ink: .granted, value: r.claimed.tenths), .init(series: "gerealiseerd", ink: .realised, value: r.realised.tenths)])
            })],
            unit: .fteTenths, axisTitle: "fte", emptyText: "nog geen metingen")
        let rows = realised.map { [$0.theme?.rawValue ?? "totaal", dutch($0.claimed), dutch($0.realised)] }
        return "<h2>Impact: gerealiseerde tegen geclaimde fte (laatste peildatum)</h2>\n\(chart.svg())\n"
            + (realised.isEmpty ? "<p class=\"note\">Nog geen metingen.</p>\n" : "")
            + table(id: "table-realised", ["thema", "geclaimd fte", "gerealiseerd fte"], rows, numeric: [1, 2])
    }

    /// `recovery` in hundredths of a percent of `paid`, rounded half up; zero when nothing was paid.
    static func basisPoints(_ recovery: Money, of paid: Money) -> Int64 {
        guard paid.cents > 0, recovery.cents > 0 else { return 0 }
        return Int64(clamping: (Int128(recovery.cents) * 20_000 + Int128(paid.cents)) / (2 * Int128(paid.cents)))
    }

    static func table(id: String, _ header: [String], _ rows: [[String]], numeric: Set<Int>, classes: (([String]) -> String)? = nil) -> String {
        var out = "<table id=\"\(id)\">\n<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            let cls = classes.map { " class=\"\($0(row))\"" } ?? ""
            out += "<tr\(cls)>" + row.enumerated().map { i, cell in "<td\(numeric.contains(i) ? " class=\"n\"" : "")>\(escape(cell))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// fte in Dutch notation, as the page is Dutch: `3.640,6`.
    static func dutch(_ fte: Fte) -> String { DutchLabel.decimal(fte.tenths, decimals: 1, trim: false) }

    /// HTML-escapes text: `<script>` in a title stays text.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
