/// A distribution as vertical bars per class of a numeric scale (fte per €mln in classes of 5),
/// series side by side, the count above every bar, a labelled count axis, and norms as black
/// lines at their exact place on the scale, their names in rows above so none overlaps.
struct HistogramChart {
    /// One series of counts.
    struct Series {
        /// Its name.
        var label: String
        /// Its colour.
        var ink: ChartInk
    }

    /// One class.
    struct Bin {
        /// Its name under the axis (`15–20`).
        var label: String
        /// One count per series.
        var counts: [Int64]
    }

    /// A norm on the scale.
    struct Mark {
        /// Its name above the plot (`B 17`).
        var label: String
        /// Where it stands, in the scale's unit.
        var position: Int64
        /// Dashed (a scenario) or solid (the round's own).
        var dashed: Bool
    }

    /// The `id` of the `<svg>`.
    var id: String
    /// Its accessible name.
    var label: String
    /// The legend.
    var legend: ChartLegend
    /// The series.
    var series: [Series]
    /// The classes, left to right, equally wide.
    var bins: [Bin]
    /// The scale's value at the right end of the last class.
    var scaleTop: Int64
    /// The norms.
    var marks: [Mark]
    /// The title of the class axis.
    var classTitle: String
    /// The title of the count axis.
    var countTitle: String

    /// Height of the plot, px.
    static let plotHeight = 180.0

    /// The `<svg>`.
    func svg() -> String {
        let width = HorizontalBarChart.width, margin = HorizontalBarChart.margin
        var elements: [String] = []
        let drawnLegend = legend.draw(top: 6, left: margin, right: width - margin)
        elements += drawnLegend.elements
        var y = drawnLegend.bottom
        let largest = bins.flatMap(\.counts).max() ?? 0
        let scale = ChartScale(covering: largest, ticks: 5)
        let tickWidth = scale.ticks.map { TextWidth.of(ChartValue.count.tick($0), size: SVG.fontSize) }.max() ?? 0
        let plotLeft = margin + tickWidth + 8, plotRight = width - margin - 4, plotWidth = plotRight - plotLeft
        elements.append(SVG.text(countTitle, x: margin, y: y + 12, cssClass: "axis"))
        y += 18
        let markX = marks.map { plotLeft + plotWidth * Double(min(max($0.position, 0), scaleTop)) / Double(max(1, scaleTop)) }
        let placed = LabelRows.place(zip(marks, markX).map { ($0.1, TextWidth.of($0.0.label, size: SVG.fontSize)) }, minX: margin, maxX: width - margin)
        for p in placed { elements.append(SVG.text(marks[p.index].label, x: p.left, y: y + 12 + Double(p.row) * 14)) }
        y += Double(LabelRows.count(placed)) * 14
        // The bars and their counts, first relative to the baseline: a count that would overlap
        // its neighbour's is lifted above it, and the plot gets the headroom the highest needs.
        let pitch = plotWidth / Double(max(1, bins.count))
        let barWidth = (pitch - 8) / Double(max(1, series.count))
        var drawn: [(bin: Int, series: Int, count: Int64, x: Double, height: Double)] = []
        for (b, bin) in bins.enumerated() {
            for (s, count) in bin.counts.enumerated() where s < series.count && count > 0 {
                drawn.append((b, s, count, plotLeft + Double(b) * pitch + 4 + Double(s) * barWidth, max(1, scale.position(count, length: Self.plotHeight))))
            }
        }
        let counts = ValueLabelStack.place(drawn.map { (centre: $0.x + barWidth / 2, width: TextWidth.of(ChartValue.count.label($0.count), size: SVG.fontSize), rise: $0.height + 3) })
        let headroom = max(18, (counts.max() ?? 0) - Self.plotHeight + 14)
        let plotTop = y + headroom, plotBottom = plotTop + Self.plotHeight
        for tick in scale.ticks {
            let ty = plotBottom - scale.position(tick, length: Self.plotHeight)
            elements.append(SVG.line(x1: plotLeft - 4, y1: ty, x2: plotRight, y2: ty, stroke: tick == 0 ? "#333333" : "#E3E3E3"))
            elements.append(SVG.text(ChartValue.count.tick(tick), x: plotLeft - 6, y: ty + 4, anchor: .end, cssClass: "tick"))
        }
        elements.append(SVG.line(x1: plotLeft, y1: plotTop - 4, x2: plotLeft, y2: plotBottom, stroke: "#333333"))
        var values: [String] = []
        for (bar, rise) in zip(drawn, counts) {
            let name = bins[bar.bin].label, s = series[bar.series]
            elements.append(SVG.bar(x: bar.x + 0.5, y: plotBottom - bar.height, width: barWidth - 1, height: bar.height, ink: s.ink,
                                    tooltip: "\(name) — \(s.label): \(bar.count)", data: [("group", name), ("series", s.label)]))
            values.append(SVG.text(ChartValue.count.label(bar.count), x: bar.x + barWidth / 2, y: plotBottom - rise, anchor: .middle, cssClass: "value", halo: true))
        }
        for (b, bin) in bins.enumerated() {
            let x = plotLeft + Double(b) * pitch
            elements.append(SVG.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 4, stroke: "#333333"))
            elements.append(SVG.text(bin.label, x: x + pitch / 2, y: plotBottom + 16, anchor: .middle, cssClass: "tick"))
        }
        for (mark, x) in zip(marks, markX) {
            elements.append(SVG.line(x1: x, y1: plotTop - 6, x2: x, y2: plotBottom, stroke: ChartInk.norm.colour, width: 1.5, dashed: mark.dashed, tooltip: mark.label))
        }
        elements += values
        elements.append(SVG.text(classTitle, x: (plotLeft + plotRight) / 2, y: plotBottom + 32, anchor: .middle, cssClass: "axis"))
        return SVG.svg(id: id, label: label, width: width, height: plotBottom + 40, elements)
    }
}

/// Value labels above vertical bars, lifted where they would overlap: the labels are placed from
/// the lowest bar up, each (its centre, width and the height of its baseline above the axis)
/// keeping its place unless it overlaps one placed before it, then going one line above that
/// one, until it overlaps none; so the taller bar's label ends up higher, as its bar is.
enum ValueLabelStack {
    /// Height of one line of labels, px.
    static let lineHeight = 12.0

    /// The baseline height of each label, in input order.
    static func place(_ labels: [(centre: Double, width: Double, rise: Double)]) -> [Double] {
        var placed: [(left: Double, right: Double, rise: Double)] = []
        var rises = labels.map(\.rise)
        for (index, label) in labels.enumerated().sorted(by: { ($0.element.rise, $0.offset) < ($1.element.rise, $1.offset) }) {
            let left = label.centre - label.width / 2, right = label.centre + label.width / 2
            var rise = label.rise
            while let obstacle = placed.first(where: { $0.left < right && left < $0.right && abs($0.rise - rise) < lineHeight }) {
                rise = obstacle.rise + lineHeight
            }
            placed.append((left, right, rise))
            rises[index] = rise
        }
        return rises
    }
}
