/// One horizontal bar split into parts (the macro ceiling: paid, granted and unpaid, the room
/// left), a thinner bar under it for what would follow from a point on (what is pending, from
/// what is committed: does it fit the room?), a money axis, the norm as a black line, and every
/// amount in the legend (and on the bar itself where it fits).
struct StackedBarChart {
    /// One part.
    struct Part {
        /// Its name.
        var label: String
        /// Its colour.
        var ink: ChartInk
        /// Its amount (below zero drawn as zero).
        var amount: Money
    }

    /// The `id` of the `<svg>`.
    var id: String
    /// Its accessible name.
    var label: String
    /// The parts, left to right.
    var parts: [Part]
    /// A part drawn under the others, starting at `from`.
    var following: (part: Part, from: Money)?
    /// The norm line's name and where it stands.
    var norm: (label: String, amount: Money)
    /// The axis title.
    var axisTitle: String

    /// The `<svg>`.
    func svg() -> String {
        let width = HorizontalBarChart.width, margin = HorizontalBarChart.margin
        var entries = (parts + [following?.part].compactMap { $0 }).map { ChartLegend.Entry(label: "\($0.label): \(DutchLabel.money($0.amount))", ink: $0.ink) }
        entries.append(ChartLegend.Entry(label: "\(norm.label): \(DutchLabel.money(norm.amount, trim: true))", ink: .norm, line: true, dashed: true))
        var elements: [String] = []
        let legend = ChartLegend(entries: entries).draw(top: 6, left: margin, right: width - margin)
        elements += legend.elements
        let plotLeft = margin + 10, plotRight = width - margin - 30, plotWidth = plotRight - plotLeft
        let stacked = parts.map { max(0, $0.amount.cents) }.reduce(0, +)
        let total = max(norm.amount.cents, stacked, following.map { max(0, $0.from.cents) + max(0, $0.part.amount.cents) } ?? 0)
        let scale = ChartScale(covering: total, ticks: max(2, Int(plotWidth / 95)), smallestStep: ChartValue.cents.smallestStep)
        let normX = plotLeft + scale.position(norm.amount.cents, length: plotWidth)
        let normText = "\(norm.label) \(DutchLabel.money(norm.amount, trim: true))"
        let normWidth = TextWidth.of(normText, size: SVG.fontSize)
        let normLeft = min(max(normX - normWidth / 2, margin), width - margin - normWidth)
        elements.append(SVG.text(normText, x: normLeft, y: legend.bottom + 12))
        let top = legend.bottom + 20, height = 36.0
        var x = plotLeft
        var bars: [String] = []
        for part in parts where part.amount.cents > 0 {
            let w = scale.position(part.amount.cents, length: plotWidth)
            bars.append(SVG.bar(x: x, y: top, width: w, height: height, ink: part.ink, tooltip: "\(part.label): \(part.amount.dutch)", data: [("series", part.label)]))
            let text = DutchLabel.money(part.amount)
            if TextWidth.of(text, size: SVG.fontSize) + 8 <= w {
                bars.append(SVG.text(text, x: x + w / 2, y: top + height / 2 + 4, anchor: .middle, fill: part.ink.textOnTop, cssClass: "value"))
            }
            x += w
        }
        var bottom = top + height
        if let following, following.part.amount.cents > 0 {
            let start = plotLeft + scale.position(following.from.cents, length: plotWidth)
            let w = max(1, scale.position(max(0, following.from.cents) + following.part.amount.cents, length: plotWidth) - (start - plotLeft))
            let row = bottom + 4
            bars.append(SVG.bar(x: start, y: row, width: w, height: 14, ink: following.part.ink, tooltip: "\(following.part.label): \(following.part.amount.dutch)", data: [("series", following.part.label)]))
            let text = DutchLabel.money(following.part.amount)
            let fitsRight = start + w + 4 + TextWidth.of(text, size: SVG.fontSize) <= width - margin
            bars.append(fitsRight ? SVG.text(text, x: start + w + 4, y: row + 11, cssClass: "value", halo: true)
                                  : SVG.text(text, x: start - 4, y: row + 11, anchor: .end, cssClass: "value", halo: true))
            bottom = row + 14
        }
        for tick in scale.ticks {
            let tx = plotLeft + scale.position(tick, length: plotWidth)
            elements.append(SVG.line(x1: tx, y1: bottom, x2: tx, y2: bottom + 4, stroke: "#333333"))
            let text = ChartValue.cents.tick(tick)
            let half = TextWidth.of(text, size: SVG.fontSize) / 2
            elements.append(tx + half > width - margin
                ? SVG.text(text, x: width - margin, y: bottom + 16, anchor: .end, cssClass: "tick")
                : SVG.text(text, x: max(tx, margin + half), y: bottom + 16, anchor: .middle, cssClass: "tick"))
        }
        elements += bars
        elements.append(SVG.line(x1: plotLeft, y1: bottom, x2: plotRight, y2: bottom, stroke: "#333333"))
        elements.append(SVG.line(x1: normX, y1: top - 6, x2: normX, y2: bottom + 2, stroke: ChartInk.norm.colour, width: 2, dashed: true, tooltip: "\(norm.label): \(norm.amount.dutch)"))
        elements.append(SVG.text(axisTitle, x: (plotLeft + plotRight) / 2, y: bottom + 31, anchor: .middle, cssClass: "axis"))
        return SVG.svg(id: id, label: label, width: width, height: bottom + 40, elements)
    }
}
