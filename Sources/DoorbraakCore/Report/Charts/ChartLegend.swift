/// The key of a chart, drawn inside it: a swatch (a square for bars, a line for norms) and a
/// name per entry, flowing into as many rows as the width needs.
struct ChartLegend {
    /// One entry.
    struct Entry {
        /// What it says.
        var label: String
        /// Its colour and meaning.
        var ink: ChartInk
        /// Drawn as a line (a norm) rather than a square.
        var line: Bool = false
        /// A dashed line.
        var dashed: Bool = false
    }

    /// The entries.
    var entries: [Entry]

    /// Height of one row, px.
    static let rowHeight = 18.0

    /// The elements, from `top`, within `left...right`, and the y below the legend.
    func draw(top: Double, left: Double, right: Double) -> (elements: [String], bottom: Double) {
        guard !entries.isEmpty else { return ([], top) }
        var elements: [String] = []
        var x = left
        var y = top
        for entry in entries {
            let width = 16 + TextWidth.of(entry.label, size: SVG.fontSize)
            if x > left, x + width > right {
                x = left
                y += Self.rowHeight
            }
            if entry.line {
                elements.append(SVG.line(x1: x, y1: y + 8, x2: x + 12, y2: y + 8, stroke: entry.ink.colour, width: 2, dashed: entry.dashed))
            } else {
                let outline = entry.ink.needsOutline ? " stroke=\"#333333\" stroke-width=\"0.7\"" : ""
                elements.append("<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y + 2))\" width=\"12\" height=\"12\" fill=\"\(entry.ink.colour)\"\(outline)/>")
            }
            elements.append(SVG.text(entry.label, x: x + 16, y: y + 12))
            x += width + 14
        }
        return (elements, y + Self.rowHeight + 4)
    }
}
