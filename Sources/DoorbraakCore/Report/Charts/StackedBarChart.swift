/// One horizontal bar split into parts (the macro ceiling: paid, granted and unpaid, pending,
/// room), with a money axis, the norm as a black line, and every part's amount in the legend
/// (and on the part itself where it fits).
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
    /// The norm line's name and where it stands.
    var norm: (label: String, amount: Money)
    /// The axis title.
    var axisTitle: String

    /// The `<svg>`.
    func svg() -> String {
        let width = HorizontalBarChart.width, margin = HorizontalBarChart.margin
        var entries = parts.map { ChartLegend.Entry(label: "\($0.label): \(DutchLabel.money($0.amount))", ink: $0.ink) }
        entries.append(ChartLegend.Entry(label: "\(norm.label): \(DutchLabel.money(norm.amount, trim: true))", ink: .norm, line: true, dashed: true))
        var elements: [String] = []
        let legend = ChartLegend(entries: entries).draw(top: 6, left: margin, right: width - margin)
        elements += legend.elements
        let plotLeft = margin + 10, plotRight = width - margin - 30, plotWidth = plotRight - plotLeft
        let total = max(norm.amount.cents, parts.map { max(0, $0.amount.cents) }.reduce(0, +))
        let scale = ChartScale(covering: total, ticks: 6, smallestStep: ChartValue.cents.smallestStep)
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
        let bottom = top + height
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
