/// What a colour means on the overview page. One colour, one meaning, on every chart: the
/// Okabe–Ito palette (readable with the common colour-vision deficiencies and in greyscale by
/// lightness), plus white for the room left and black for every norm line. The raw value is the
/// colour, so two meanings cannot share one (the compiler refuses duplicate raw values).
public enum ChartInk: String, CaseIterable, Sendable {
    /// Requested: applications submitted or awaiting the NZa (orange).
    case requested = "#E69F00"
    /// Allocated by the round (sky blue).
    case allocated = "#56B4E9"
    /// Granted: the bovengrenzen and what the granted applications claim (blue).
    case granted = "#0072B2"
    /// Paid on reached milestones (bluish green).
    case paid = "#009E73"
    /// Released from a bovengrens (reddish purple).
    case released = "#CC79A7"
    /// A recovery the NZa judged not plausible (vermillion).
    case recoveryImplausible = "#D55E00"
    /// A recovery within the materiality: plausible (grey).
    case recoveryPlausible = "#8C8C8C"
    /// fte realised at the latest peildatum (yellow, outlined).
    case realised = "#F0E442"
    /// Room left under the ceiling (white, outlined).
    case room = "#FFFFFF"
    /// A norm: the ceiling, a richtbedrag, an impact bar, the materiality (black line).
    case norm = "#000000"

    /// The fill or stroke colour.
    public var colour: String { rawValue }

    /// Light fills get a thin dark outline, so they stay visible on white paper.
    var needsOutline: Bool { self == .realised || self == .room }

    /// The colour of a label written on top of this fill.
    var textOnTop: String { self == .granted || self == .norm ? "#FFFFFF" : "#000000" }
}

/// A conservative estimate of how wide a text is drawn, in px: every character counted as
/// 0.68 em (0.74 em in bold), and the wide ones (`%mwMW@+=<>~`) as 1 em. Real sans-serif fonts
/// average about 0.55–0.6 em for these labels; the headless-Chromium test measures the real
/// boxes against this estimate.
enum TextWidth {
    /// Width of `text` at `size` px.
    static func of(_ text: String, size: Double, bold: Bool = false) -> Double {
        text.reduce(0) { $0 + ("%mwMW@+=<>~".contains($1) ? 1 : bold ? 0.74 : 0.68) } * size
    }
}

/// Small SVG writers: every text escaped, every coordinate rounded to a tenth of a px.
enum SVG {
    /// Font size of labels, px.
    static let fontSize = 11.0
    /// Font size of panel titles, px.
    static let titleSize = 12.0

    /// How a text is anchored at its x.
    enum Anchor: String { case start, middle, end }

    /// A `<text>` at (x, y) (y is the baseline).
    /// `halo` draws a white outline under the letters, so a line crossing a value label does
    /// not cross out its digits.
    static func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, bold: Bool = false, fill: String? = nil, cssClass: String? = nil, halo: Bool = false) -> String {
        var attributes = "x=\"\(number(x))\" y=\"\(number(y))\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { attributes += " font-weight=\"bold\" font-size=\"\(number(titleSize))\"" }
        if let fill { attributes += " fill=\"\(fill)\"" }
        if let cssClass { attributes += " class=\"\(cssClass)\"" }
        if halo { attributes += " paint-order=\"stroke\" stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\"" }
        // The page's CSS sets the font only, so these presentation attributes are not overridden.
        return "<text \(attributes)>\(OverviewHTML.escape(content))</text>"
    }

    /// A filled `<rect>` in `ink`, with a tooltip and the data attributes naming what it shows.
    static func bar(x: Double, y: Double, width: Double, height: Double, ink: ChartInk, tooltip: String, data: [(String, String)] = []) -> String {
        let outline = ink.needsOutline ? " stroke=\"#333333\" stroke-width=\"0.7\"" : ""
        let attributes = data.map { " data-\($0.0)=\"\(OverviewHTML.escape($0.1))\"" }.joined()
        return "<rect class=\"bar\"\(attributes) x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"\(ink.colour)\"\(outline)><title>\(OverviewHTML.escape(tooltip))</title></rect>"
    }

    /// A `<line>`; `dashed` for the scenario bars and norms drawn as reference.
    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false, tooltip: String? = nil) -> String {
        let dash = dashed ? " stroke-dasharray=\"5 3\"" : ""
        let title = tooltip.map { "<title>\(OverviewHTML.escape($0))</title>" } ?? ""
        return "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(number(width))\"\(dash)>\(title)</line>"
    }

    /// The `<svg>` element around `content`, `width` × `height` px with the same viewBox.
    static func svg(id: String, label: String, width: Double, height: Double, _ content: [String]) -> String {
        let w = Int(width.rounded(.up)), h = Int(height.rounded(.up))
        return "<svg id=\"\(id)\" role=\"img\" aria-label=\"\(OverviewHTML.escape(label))\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\">\(content.joined())</svg>"
    }

    /// `12.5`, `12`: a coordinate to one decimal.
    static func number(_ x: Double) -> String {
        let scaled = (x * 10).rounded() / 10
        return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
    }
}
