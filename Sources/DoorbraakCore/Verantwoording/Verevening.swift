/// The insurers' doorbraak costs as fixed costs (*vaste kosten*) in the risicoverevening
/// (SPEC §1 step 8; 004 line 257: the insurers bear no risk, the Zorginstituut settles them in full).
///
/// What counts: per insurer and year, what it paid out for doorbraak milestones less the recovery
/// attributed to it (the part eligible actual costs cover), and only when the NZa's judgment of
/// that insurer and year is `plausibel`: only then may the costs lawfully enter the risicoverevening
/// (004 line 272). An insurer judged `niet plausibel` is listed with fixed costs of zero, so that
/// nothing disappears silently from the report.
public enum Verevening {
    /// One insurer's fixed costs in one year.
    public struct Line: Sendable, Equatable {
        /// The insurer.
        public var insurer: UZOVI
        /// The year.
        public var year: Int
        /// What it paid out.
        public var paid: Money
        /// The recovery attributed to it.
        public var recovery: Money
        /// The fixed costs that count: paid − recovery when plausible, else zero.
        public var fixedCosts: Money
        /// The NZa's judgment.
        public var isPlausible: Bool
    }

    /// The CSV columns (Dutch: the file is for the Zorginstituut and Dutch spreadsheets).
    public static let columns = ["zorgverzekeraar", "jaar", "betaald", "terugvordering", "vaste_kosten", "nza_oordeel"]

    /// The note closing the file: what counts.
    public static let note = "Alleen kosten met NZa-oordeel plausibel tellen als vaste kosten; bij niet plausibel is het bedrag 0,00. Vaste kosten = betaald - terugvordering."

    /// The fixed costs per insurer in `year`, from the plausibility judgments, sorted by insurer.
    public static func fixedCosts(_ judgments: [Plausibility.Judgment], year: Int) -> [Line] {
        judgments.filter { $0.year == year }.sorted { $0.insurer < $1.insurer }.map { j in
            // Only judged-plausible costs enter the risicoverevening (004 lines 272, 2869).
            Line(insurer: j.insurer, year: j.year, paid: j.paid, recovery: j.recovery,
                 fixedCosts: j.isPlausible ? j.paid - j.recovery : .zero, isPlausible: j.isPlausible)
        }
    }

    /// The report as CSV that a Dutch spreadsheet opens directly: semicolon-delimited, decimal
    /// comma without thousands dots (`1250000,00`), CRLF line ends, UTF-8 with a byte order mark
    /// (so that Excel reads it as UTF-8). The first row is the header; a total row and, after an
    /// empty row, the note on what counts close the file.
    public static func csv(_ lines: [Line], year: Int, byteOrderMark: Bool = true) -> String {
        var text = byteOrderMark ? "\u{FEFF}" : ""
        text += SemicolonCSV.row(columns)
        for line in lines {
            text += SemicolonCSV.row([line.insurer.rawValue, String(line.year), line.paid.decimalComma, line.recovery.decimalComma,
                                      line.fixedCosts.decimalComma, line.isPlausible ? "plausibel" : "niet plausibel"])
        }
        text += SemicolonCSV.row(["totaal", String(year), lines.map(\.paid).sum().decimalComma, lines.map(\.recovery).sum().decimalComma,
                                  lines.map(\.fixedCosts).sum().decimalComma, ""])
        text += SemicolonCSV.row([])
        text += SemicolonCSV.row(["toelichting", note])
        return text
    }
}

/// A minimal writer of semicolon-delimited CSV (RFC 4180 quoting, CRLF line ends).
public enum SemicolonCSV {
    /// One field: quoted when it holds `;`, `"`, a line end or leading or trailing spaces; inner
    /// quotes doubled. A text a spreadsheet would take for a formula (starting with `=`, `+`, `@`,
    /// a tab or a carriage return, or `-` when it is not a number) is written with a leading `'`,
    /// which the spreadsheet shows as text (a provider's region `=HYPERLINK(…)` in `nza register
    /// --csv` would otherwise run in the analyst's spreadsheet).
    public static func field(_ raw: String) -> String {
        let text = isFormula(raw) ? "'" + raw : raw
        let needsQuotes = text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        var quoted = "\""
        for c in text {
            quoted.append(c)
            if c == "\"" { quoted.append("\"") }
        }
        return quoted + "\""
    }

    /// Whether a spreadsheet would read `text` as a formula: it starts with `=`, `+`, `@`, a tab or
    /// a carriage return, or with `-` and is not a number such as `-1250,00`.
    static func isFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        switch first {
        case "=", "+", "@", "\t", "\r": return true
        case "-": return !text.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ",") } || text.count == 1
        default: return false
        }
    }

    /// One row with its line end.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ";") + "\r\n"
    }

    /// A whole file for a Dutch spreadsheet: a byte order mark (so it reads UTF-8), the header
    /// row, then the rows.
    public static func file(header: [String], rows: [[String]]) -> String {
        "\u{FEFF}" + row(header) + rows.map(row).joined()
    }
}

extension Money {
    /// `1250000,00`: decimal comma, no thousands dots, no € sign — what a Dutch spreadsheet reads as a number.
    public var decimalComma: String {
        var text = description
        if let dot = text.lastIndex(of: ".") { text.replaceSubrange(dot...dot, with: ",") }
        return text
    }
}
