/// The overview as one self-contained HTML page: inline CSS and SVG, nothing loaded from
/// elsewhere, every text escaped, a table under every chart, Dutch notation for amounts and ISO
/// dates. Each chart has an id (`chart-…`) and its table the same figures (`table-…`).
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
        .lead { font-size: 1.05em; } .bad { color: #b00020; font-weight: 600; } .good { color: #1b5e20; }
        svg text { font-size: 11px; fill: #333; } .note { color: #555; font-size: .85em; }
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        <p class="note">Gemaakt door doorbraak. Bedragen in euro (centen exact); fte per €mln exact vergeleken, afgerond voor weergave.</p>
        </body>
        </html>

        """
    }

    // MARK: sections

    static func ceilingSection(_ c: Overview.Ceiling) -> String {
        let parts: [(String, Money, String)] = [
            ("uitbetaald", c.paid, "#1f5f8b"), ("toegekend, nog niet betaald", c.committedUnpaid, "#6fa8dc"),
            ("aangevraagd (in behandeling)", c.pending, "#f6b26b"), ("ruimte", c.remaining > .zero ? c.remaining : .zero, "#d9d9d9"),
        ]
        let total = max(c.ceiling.cents, parts.map { max(0, $0.1.cents) }.reduce(0, +))
        var x = 0.0
        var rects: [String] = []
        for (label, amount, color) in parts where amount.cents > 0 {
            let w = 760.0 * Double(amount.cents) / Double(total)
            rects.append("<rect x=\"\(fmt(20 + x))\" y=\"20\" width=\"\(fmt(w))\" height=\"36\" fill=\"\(color)\"><title>\(escape(label)): \(escape(amount.dutch))</title></rect>")
            x += w
        }
        let legend = parts.enumerated().map { i, p in
            "<rect x=\"\(20 + i * 190)\" y=\"70\" width=\"12\" height=\"12\" fill=\"\(p.2)\"/><text x=\"\(36 + i * 190)\" y=\"80\">\(escape(p.0))</text>"
        }.joined()
        let svg = "<svg id=\"chart-ceiling\" role=\"img\" aria-label=\"het macrokader\" viewBox=\"0 0 800 95\" width=\"800\" height=\"95\">\(rects.joined())<rect x=\"20\" y=\"20\" width=\"760\" height=\"36\" fill=\"none\" stroke=\"#333\"/>\(legend)</svg>"
        let rows: [(String, Money)] = [("macrokader", c.ceiling), ("toegekend (bovengrenzen zoals verleend)", c.granted), ("vrijgegeven", c.released),
                                       ("toegekend (huidige bovengrenzen)", c.committed), ("aangevraagd, in behandeling", c.pending),
                                       ("uitbetaald", c.paid), ("ruimte onder het macrokader", c.remaining)]
        return "<h2>Het macrokader van € 600 mln</h2>\n\(svg)\n" + table(id: "table-ceiling", ["", "bedrag"], rows.map { [$0.0, $0.1.dutch] }, numeric: [1])
    }

    static func themeSection(_ themes: [Overview.ThemeLine]) -> String {
        let series: [(String, String)] = [("aangevraagd", "#b4a7d6"), ("gealloceerd", "#6fa8dc"), ("toegekend (huidige bovengrenzen)", "#1f5f8b")]
        let groups = themes.map { t in (t.theme.rawValue, [t.requested.cents, t.allocated.cents, t.committed.cents], t.amount.cents) }
        let svg = groupedBars(id: "chart-themes", label: "per thema tegen het richtbedrag", groups: groups, series: series, markerLabel: "richtbedrag")
        let rows = themes.map { [$0.theme.rawValue, $0.amount.dutch, $0.requested.dutch, $0.allocated.dutch, $0.committed.dutch] }
        return "<h2>Per thema: aangevraagd, gealloceerd en toegekend tegen het richtbedrag</h2>\n\(svg)\n"
            + table(id: "table-themes", ["thema", "richtbedrag", "aangevraagd", "gealloceerd", "toegekend (huidige bovengrenzen)"], rows, numeric: [1, 2, 3, 4])
    }

    static func impactSection(_ o: Overview) -> String {
        let bins = o.impactBins
        let maxCount = max(1, bins.map(\.all).max() ?? 1)
        let width = 760.0 / Double(bins.count)
        var bars: [String] = []
        for (i, b) in bins.enumerated() {
            let h = 160.0 * Double(b.all) / Double(maxCount)
            let g = 160.0 * Double(b.granted) / Double(maxCount)
            let x = 20 + Double(i) * width
            bars.append("<rect x=\"\(fmt(x + 2))\" y=\"\(fmt(180 - h))\" width=\"\(fmt(width - 4))\" height=\"\(fmt(h))\" fill=\"#b4a7d6\"><title>\(escape(b.label)): \(b.all) aanvragen</title></rect>")
            bars.append("<rect x=\"\(fmt(x + 2))\" y=\"\(fmt(180 - g))\" width=\"\(fmt(width - 4))\" height=\"\(fmt(g))\" fill=\"#1f5f8b\"><title>\(escape(b.label)): \(b.granted) toegekend</title></rect>")
            bars.append("<text x=\"\(fmt(x + width / 2))\" y=\"195\" text-anchor=\"middle\">\(escape(b.label))</text>")
        }
        // The bars of the scenarios (C 9, B 17, A 35) and the round's own, as vertical lines.
        var lines: [String] = []
        let scenarios: [(String, Int64)] = [("C 9", 900), ("B 17", 1700), ("A 35", 3500)]
        for (label, hundredths) in scenarios + (scenarios.contains { $0.1 == o.barHundredths } ? [] : [("lat \(FtePerMillion.hundredthsText(o.barHundredths))", o.barHundredths)]) {
            let x = 20 + 760.0 * Double(min(hundredths, 6500)) / 6500.0
            lines.append("<line x1=\"\(fmt(x))\" y1=\"10\" x2=\"\(fmt(x))\" y2=\"182\" stroke=\"#b00020\" stroke-dasharray=\"4 3\"/><text x=\"\(fmt(x + 3))\" y=\"20\">\(escape(label))</text>")
        }
        let svg = "<svg id=\"chart-impact\" role=\"img\" aria-label=\"fte per miljoen euro\" viewBox=\"0 0 800 205\" width=\"800\" height=\"205\">\(bars.joined())\(lines.joined())</svg>"
        let rows = bins.map { [$0.label, String($0.all), String($0.granted)] }
        return "<h2>Impact: fte per €mln van alle ingediende aanvragen (ook de geweigerde), met de impactlatten 9, 17 en 35</h2>\n\(svg)\n"
            + "<p class=\"note\">De lijnen staan op 9 (scenario C), 17 (B) en 35 (A) fte per €mln; de schaal loopt tot 65. Donker: toegekend.</p>\n"
            + table(id: "table-impact", ["fte per €mln", "aanvragen", "toegekend"], rows, numeric: [1, 2])
    }

    static func spreidingSection(_ regions: [Spreiding.Region]) -> String {
        let svg = groupedBars(id: "chart-regions", label: "toegekend per regio", groups: regions.map { ($0.region, [$0.amount.cents], nil) },
                              series: [("toegekend (bovengrenzen zoals verleend)", "#1f5f8b")], markerLabel: nil)
        let rows = regions.map { [$0.region, String($0.applications), $0.amount.dutch, $0.fte.description] }
        return "<h2>Spreiding: toegekende beschikkingen per regio</h2>\n\(svg)\n"
            + (regions.isEmpty ? "<p class=\"note\">Nog geen beschikkingen.</p>\n" : "")
            + table(id: "table-regions", ["regio", "beschikkingen", "bedrag", "fte"], rows, numeric: [1, 2, 3])
    }

    static func partsSection(_ parts: [Overview.Parts]) -> String {
        let svg = groupedBars(id: "chart-parts", label: "mijlpalen betaald aan één of meer coalitieleden", groups: parts.map { ($0.members, [$0.paid.cents], nil) },
                              series: [("uitbetaald", "#1f5f8b")], markerLabel: nil)
        let rows = parts.map { [$0.members, String($0.milestones), $0.paid.dutch] }
        return "<h2>Mijlpalen betaald in delen aan de coalitieleden</h2>\n\(svg)\n"
            + (parts.isEmpty ? "<p class=\"note\">Nog geen uitbetalingen.</p>\n" : "")
            + table(id: "table-parts", ["betaald aan coalitieleden", "mijlpalen", "uitbetaald"], rows, numeric: [1, 2])
    }

    static func quarterSection(_ quarters: [Overview.Quarter]) -> String {
        let series: [(String, String)] = [("uitbetaald", "#1f5f8b"), ("vrijgegeven", "#f6b26b")]
        let svg = groupedBars(id: "chart-quarters", label: "uitbetalingen en vrijgaven per kwartaal", groups: quarters.map { ($0.quarter, [$0.paid.cents, $0.released.cents], nil) }, series: series, markerLabel: nil)
        let rows = quarters.map { [$0.quarter, $0.paid.dutch, $0.released.dutch] }
        return "<h2>Uitbetalingen per bereikte mijlpaal en vrijgaven per kwartaal</h2>\n\(svg)\n"
            + (quarters.isEmpty ? "<p class=\"note\">Nog geen declaraties.</p>\n" : "")
            + table(id: "table-quarters", ["kwartaal", "uitbetaald", "vrijgegeven"], rows, numeric: [1, 2])
    }

    static func judgmentSection(_ judgments: [Overview.Judgment]) -> String {
        // The recovery as a share of what was paid, against the materiality of 1% (the default).
        let groups = judgments.map { j in
            ("\(j.insurer) \(j.year)", [j.paid.cents > 0 ? j.recovery.cents * 10_000 / j.paid.cents : 0], Optional<Int64>(100))
        }
        let svg = groupedBars(id: "chart-plausibility", label: "terugvordering als deel van het uitbetaalde, per verzekeraar en jaar", groups: groups,
                              series: [("terugvordering in % van uitbetaald", "#b00020")], markerLabel: "materialiteit 1%", unit: .basisPoints)
        let rows = judgments.map { [$0.insurer, String($0.year), $0.paid.dutch, $0.recovery.dutch, String($0.findings), $0.judgment] }
        return "<h2>Verantwoording: het oordeel van de NZa per verzekeraar en jaar</h2>\n\(svg)\n"
            + "<p class=\"note\">Boven de lijn (1% van het uitbetaalde) is het oordeel niet plausibel.</p>\n"
            + (judgments.isEmpty ? "<p class=\"note\">Nog geen verantwoording.</p>\n" : "")
            + table(id: "table-plausibility", ["verzekeraar", "jaar", "uitbetaald", "terugvordering", "bevindingen", "oordeel"], rows, numeric: [1, 2, 3, 4],
                    classes: { row in row[5] == "plausibel" ? "good" : "bad" })
    }

    static func realisedSection(_ realised: [Overview.Realised]) -> String {
        let themeLines = realised.filter { $0.theme != nil }
        let svg = groupedBars(id: "chart-realised", label: "gerealiseerde tegen geclaimde fte", groups: themeLines.map { ($0.theme?.rawValue ?? "", [$0.claimed.tenths, $0.realised.tenths], nil) },
                              series: [("geclaimd", "#b4a7d6"), ("gerealiseerd", "#1b5e20")], markerLabel: nil, unit: .fte)
        let rows = realised.map { [$0.theme?.rawValue ?? "totaal", dutch($0.claimed), dutch($0.realised)] }
        return "<h2>Impact: gerealiseerde tegen geclaimde fte (laatste peildatum)</h2>\n\(svg)\n"
            + (realised.isEmpty ? "<p class=\"note\">Nog geen metingen.</p>\n" : "")
            + table(id: "table-realised", ["thema", "geclaimd fte", "gerealiseerd fte"], rows, numeric: [1, 2])
    }

    // MARK: drawing

    enum Unit { case cents, fte, basisPoints }

    /// Horizontal groups of vertical bars, one colour per series; an optional marker per group.
    static func groupedBars(id: String, label: String, groups: [(String, [Int64], Int64?)], series: [(String, String)], markerLabel: String?, unit: Unit = .cents) -> String {
        let bottom = groups.count > 8 ? 60.0 : 20.0
        let height = 200.0 + bottom
        let maxValue = max(1, groups.flatMap { $0.1 + ($0.2.map { [$0] } ?? []) }.max() ?? 1)
        let left = groups.count > 8 ? 50.0 : 20.0
        let groupWidth = (780.0 - left) / Double(max(1, groups.count))
        let barWidth = max(2, (groupWidth - 16) / Double(max(1, series.count)))
        var parts: [String] = []
        for (g, group) in groups.enumerated() {
            let x0 = left + Double(g) * groupWidth + 8
            for (s, value) in group.1.enumerated() where s < series.count {
                let h = 180 * Double(max(0, value)) / Double(maxValue)
                parts.append("<rect x=\"\(fmt(x0 + Double(s) * barWidth))\" y=\"\(fmt(height - bottom - h))\" width=\"\(fmt(barWidth - 2))\" height=\"\(fmt(h))\" fill=\"\(series[s].1)\"><title>\(escape(group.0)) — \(escape(series[s].0)): \(escape(show(value, unit)))</title></rect>")
            }
            if let marker = group.2 {
                let y = height - bottom - 180 * Double(marker) / Double(maxValue)
                parts.append("<line x1=\"\(fmt(x0 - 4))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x0 + groupWidth - 12))\" y2=\"\(fmt(y))\" stroke=\"#b00020\" stroke-width=\"2\"><title>\(escape(markerLabel ?? "")): \(escape(show(marker, unit)))</title></line>")
            }
            let labelX = x0 + (groupWidth - 16) / 2
            parts.append(groups.count > 8
                ? "<text x=\"\(fmt(labelX))\" y=\"\(fmt(height - bottom + 12))\" text-anchor=\"end\" transform=\"rotate(-45 \(fmt(labelX)) \(fmt(height - bottom + 12)))\">\(escape(group.0))</text>"
                : "<text x=\"\(fmt(labelX))\" y=\"\(fmt(height - 5))\" text-anchor=\"middle\">\(escape(group.0))</text>")
        }
        let legend = series.enumerated().map { i, s in "<rect x=\"\(20 + i * 240)\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(s.1)\"/><text x=\"\(36 + i * 240)\" y=\"14\">\(escape(s.0))</text>" }.joined()
            + (markerLabel.map { "<line x1=\"\(20 + series.count * 240)\" y1=\"10\" x2=\"\(40 + series.count * 240)\" y2=\"10\" stroke=\"#b00020\" stroke-width=\"2\"/><text x=\"\(44 + series.count * 240)\" y=\"14\">\(escape($0))</text>" } ?? "")
        return "<svg id=\"\(id)\" role=\"img\" aria-label=\"\(escape(label))\" viewBox=\"0 0 800 \(Int(height))\" width=\"800\" height=\"\(Int(height))\">\(legend)\(parts.joined())</svg>"
    }

    static func show(_ value: Int64, _ unit: Unit) -> String {
        switch unit {
        case .cents: return Money(cents: value).dutch
        case .fte: return dutch(Fte(tenths: value)) + " fte"
        case .basisPoints: return "\(value / 100),\(String(value % 100).count == 1 ? "0" : "")\(value % 100)%"
        }
    }

    static func table(id: String, _ header: [String], _ rows: [[String]], numeric: Set<Int>, classes: (([String]) -> String)? = nil) -> String {
        var out = "<table id=\"\(id)\">\n<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            let cls = classes.map { " class=\"\($0(row))\"" } ?? ""
            out += "<tr\(cls)>" + row.enumerated().map { i, cell in "<td\(numeric.contains(i) ? " class=\"n\"" : "")>\(escape(cell))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// fte with a decimal comma, as the page is Dutch: `3640,6`.
    static func dutch(_ fte: Fte) -> String { String(fte.description.map { $0 == "." ? "," : $0 }) }

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

    static func fmt(_ x: Double) -> String {
        let scaled = (x * 10).rounded() / 10
        return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
    }
}
