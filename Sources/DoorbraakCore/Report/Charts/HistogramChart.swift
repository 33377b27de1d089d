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
        let plotTop = y + 18, plotBottom = plotTop + Self.plotHeight
        for tick in scale.ticks {
            let ty = plotBottom - scale.position(tick, length: Self.plotHeight)
            elements.append(SVG.line(x1: plotLeft - 4, y1: ty, x2: plotRight, y2: ty, stroke: tick == 0 ? "#333333" : "#E3E3E3"))
            elements.append(SVG.text(ChartValue.count.tick(tick), x: plotLeft - 6, y: ty + 4, anchor: .end, cssClass: "tick"))
        }
        elements.append(SVG.line(x1: plotLeft, y1: plotTop - 4, x2: plotLeft, y2: plotBottom, stroke: "#333333"))
        let pitch = plotWidth / Double(max(1, bins.count))
        let barWidth = (pitch - 8) / Double(max(1, series.count))
        var values: [String] = []
        for (b, bin) in bins.enumerated() {
            let x0 = plotLeft + Double(b) * pitch + 4
            for (s, count) in bin.counts.enumerated() where s < series.count {
                let h = scale.position(count, length: Self.plotHeight)
                let x = x0 + Double(s) * barWidth
                if count > 0 {
                    elements.append(SVG.bar(x: x + 0.5, y: plotBottom - max(h, 1), width: barWidth - 1, height: max(h, 1), ink: series[s].ink,
                                            tooltip: "\(bin.label) — \(series[s].label): \(count)", data: [("group", bin.label), ("series", series[s].label)]))
                    values.append(SVG.text(ChartValue.count.label(count), x: x + barWidth / 2, y: plotBottom - max(h, 1) - 3, anchor: .middle, cssClass: "value", halo: true))
                }
            }
            elements.append(SVG.line(x1: x0 - 4, y1: plotBottom, x2: x0 - 4, y2: plotBottom + 4, stroke: "#333333"))
            elements.append(SVG.text(bin.label, x: x0 - 4 + pitch / 2, y: plotBottom + 16, anchor: .middle, cssClass: "tick"))
        }
        for (mark, x) in zip(marks, markX) {
            elements.append(SVG.line(x1: x, y1: plotTop - 6, x2: x, y2: plotBottom, stroke: ChartInk.norm.colour, width: 1.5, dashed: mark.dashed, tooltip: mark.label))
        }
        elements += values
        elements.append(SVG.text(classTitle, x: (plotLeft + plotRight) / 2, y: plotBottom + 32, anchor: .middle, cssClass: "axis"))
        return SVG.svg(id: id, label: label, width: width, height: plotBottom + 40, elements)
    }
}
