/// Horizontal bars in one or more panels, each panel on its own scale with its own labelled
/// axis (small multiples, when one series would dwarf another), named rows on the left, the value
/// at the end of every bar, norms as black lines and a legend inside the drawing.
struct HorizontalBarChart {
    /// One bar.
    struct Bar {
        /// The series it belongs to (for the tooltip and `data-series`).
        var series: String
        /// Its colour.
        var ink: ChartInk
        /// Its value, in the chart's unit.
        var value: Int64
        /// Text after the value label, e.g. `(12 mijlpalen)`.
        var suffix: String = ""
    }

    /// A named group of bars, one under the other.
    struct Group {
        /// The name on the left.
        var label: String
        /// The bars.
        var bars: [Bar]
    }

    /// A norm: a black line across the panel at `value`, named above it.
    struct Norm {
        /// Its name, with its value.
        var label: String
        /// Where it stands.
        var value: Int64
    }

    /// Groups on one scale, with its axis.
    struct Panel {
        /// The title above the panel (nil for a single-panel chart).
        var title: String?
        /// The groups.
        var groups: [Group]
        /// The norms.
        var norms: [Norm] = []
    }

    /// The `id` of the `<svg>`.
    var id: String
    /// Its accessible name.
    var label: String
    /// The legend.
    var legend: ChartLegend
    /// The panels, top to bottom.
    var panels: [Panel]
    /// What the values count.
    var unit: ChartValue
    /// The title of each axis.
    var axisTitle: String
    /// Shown instead of bars when there is nothing to draw.
    var emptyText = "nog geen gegevens"

    /// The width of the drawing, px.
    static let width = 800.0
    static let margin = 10.0
    static let barHeight = 14.0
    static let barGap = 3.0
    static let groupGap = 9.0

    /// The `<svg>`.
    func svg() -> String {
        let width = Self.width, margin = Self.margin
        var elements: [String] = []
        let legend = legend.draw(top: 6, left: margin, right: width - margin)
        elements += legend.elements
        var y = legend.bottom
        let groups = panels.flatMap(\.groups)
        guard groups.contains(where: { !$0.bars.isEmpty }) else {
            elements.append(SVG.text(emptyText, x: margin, y: y + 14, cssClass: "empty"))
            return SVG.svg(id: id, label: label, width: width, height: y + 24, elements)
        }
        // Row names on the left, value labels on the right: the plot takes what is left.
        let nameWidth = groups.map { TextWidth.of($0.label, size: SVG.fontSize) }.max() ?? 0
        let valueWidth = groups.flatMap(\.bars).map { TextWidth.of(valueLabel($0), size: SVG.fontSize) }.max() ?? 0
        let plotLeft = margin + nameWidth + 8
        let plotRight = max(plotLeft + 200, width - margin - valueWidth - 6)
        let plotWidth = plotRight - plotLeft
        let ticks = max(2, min(6, Int(plotWidth / 95)))

        for panel in panels {
            if let title = panel.title {
                y += 16
                elements.append(SVG.text(title, x: margin, y: y, bold: true))
                y += 6
            }
            let largest = (panel.groups.flatMap { $0.bars.map(\.value) } + panel.norms.map(\.value)).max() ?? 0
            let scale = ChartScale(covering: largest, ticks: ticks, smallestStep: unit.smallestStep)
            // The norms' names above the bars, in rows so that none overlaps another.
            let normNames = LabelRows.place(panel.norms.map { (plotLeft + scale.position($0.value, length: plotWidth), TextWidth.of($0.label, size: SVG.fontSize)) },
                                            minX: margin, maxX: width - margin)
            for placed in normNames {
                elements.append(SVG.text(panel.norms[placed.index].label, x: placed.left, y: y + 12 + Double(placed.row) * 14))
            }
            y += Double(LabelRows.count(normNames)) * 14 + 4
            let plotTop = y
            var bars: [String] = []
            var values: [String] = []
            for group in panel.groups {
                let groupTop = y
                for bar in group.bars {
                    let length = scale.position(bar.value, length: plotWidth)
                    // A value above zero keeps at least a hairline, so it is never mistaken for zero.
                    let drawn = bar.value > 0 ? max(length, 1) : 0
                    var data = [("group", group.label), ("series", bar.series)]
                    if let title = panel.title { data.insert(("panel", title), at: 0) }
                    if drawn > 0 {
                        bars.append(SVG.bar(x: plotLeft, y: y, width: drawn, height: Self.barHeight, ink: bar.ink,
                                            tooltip: "\(panel.title.map { $0 + " — " } ?? "")\(group.label) — \(bar.series): \(exact(bar.value))", data: data))
                    }
                    values.append(SVG.text(valueLabel(bar), x: plotLeft + drawn + 4, y: y + Self.barHeight - 3, cssClass: "value", halo: true))
                    y += Self.barHeight + Self.barGap
                }
                let middle = (groupTop + y - Self.barGap) / 2
                elements.append(SVG.text(group.label, x: plotLeft - 8, y: middle + 4, anchor: .end))
                y += Self.groupGap
            }
            let plotBottom = y - Self.groupGap + 3
            // Grid and axis first, the bars over them.
            for tick in scale.ticks {
                let x = plotLeft + scale.position(tick, length: plotWidth)
                elements.append(SVG.line(x1: x, y1: plotTop - 2, x2: x, y2: plotBottom, stroke: tick == 0 ? "#333333" : "#E3E3E3"))
                elements.append(SVG.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 4, stroke: "#333333"))
                let text = unit.tick(tick)
                let half = TextWidth.of(text, size: SVG.fontSize) / 2
                elements.append(x + half > width - margin
                    ? SVG.text(text, x: width - margin, y: plotBottom + 16, anchor: .end, cssClass: "tick")
                    : SVG.text(text, x: x, y: plotBottom + 16, anchor: .middle, cssClass: "tick"))
            }
            elements.append(SVG.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: "#333333"))
            elements += bars
            for norm in panel.norms {
                let x = plotLeft + scale.position(norm.value, length: plotWidth)
                elements.append(SVG.line(x1: x, y1: plotTop - 4, x2: x, y2: plotBottom, stroke: ChartInk.norm.colour, width: 1.5, dashed: true, tooltip: "\(norm.label): \(exact(norm.value))"))
            }
            elements += values
            elements.append(SVG.text(axisTitle, x: (plotLeft + plotRight) / 2, y: plotBottom + 31, anchor: .middle, cssClass: "axis"))
            y = plotBottom + 40
        }
        return SVG.svg(id: id, label: label, width: width, height: y, elements)
    }

    /// The label at the end of a bar.
    func valueLabel(_ bar: Bar) -> String { unit.label(bar.value) + (bar.suffix.isEmpty ? "" : " " + bar.suffix) }

    /// The exact value for a tooltip (`€ 1.250.000,00`).
    func exact(_ value: Int64) -> String { unit == .cents ? Money(cents: value).dutch : unit.label(value) }
}
