import DoorbraakCore
import Foundation

/// Writing to stdout and stderr.
enum Output {
    /// A line on stdout, its control or format characters but line ends and tabs shown as codes
    /// (`shown`): `audit verify` and `audit log` quote what a tampered row holds, and an escape
    /// sequence in it cleared the administrator's screen.
    static func line(_ text: String = "") { print(shown(text)) }

    /// A JSON document on stdout.
    static func json(_ value: JSONValue) { print(value.pretty) }

    /// Text on stderr without a line end (progress).
    static func errorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A line on stderr, with every control or format character but a line end and a tab shown
    /// as its code (`<U+001B>`): an error quotes what a file held, and an escape sequence in a
    /// cost category recoloured the assessor's terminal.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((shown(text) + "\n").utf8))
    }

    /// `text` with its unprintable characters but line ends and tabs as `<U+XXXX>`.
    static func shown(_ text: String) -> String {
        func kept(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\t" || !c.isUnprintable }
        guard !text.unicodeScalars.allSatisfy(kept) else { return text }
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if kept(c) { out.append(c) } else { out.append(contentsOf: "<\(c.codePoint)>".unicodeScalars) }
        }
        return String(out)
    }
}

/// An aligned text table for people: left-aligned text, right-aligned amounts.
struct Table {
    enum Alignment { case left, right }
    private let headers: [String]
    private let alignments: [Alignment]
    private var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as lines, header underlined.
    var text: String {
        let all = [headers] + rows
        let widths = headers.indices.map { c in all.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            var line = row.indices.map { c in
                let cell = row[c]
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return alignments[c] == .left ? cell + pad : pad + cell
            }.joined(separator: "  ")
            // No trailing blanks (a regular expression per line took half of `nza register`'s time at 100,000 rows).
            while let last = line.last, last.isWhitespace { line.removeLast() }
            return line
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([render(headers), rule] + rows.map(render)).joined(separator: "\n")
    }
}

/// The error object `--json` prints on stdout (SPEC §5).
enum ErrorView {
    /// `{"error": {...}}` for the first error, and `"errors": [...]` with all when there are more.
    static func json(_ e: DoorbraakError) -> JSONValue {
        let all = e.all
        var members: [(String, JSONValue)] = [("error", object(all[0]))]
        if all.count > 1 { members.append(("errors", .array(all.map(object)))) }
        return .object(members)
    }

    private static func object(_ e: DoorbraakError) -> JSONValue {
        .object([
            ("code", .string(e.code.rawValue)),
            ("message", .string(e.message)),
            ("file", e.file.map { .string($0) } ?? .null),
            ("line", e.line.map { .number(String($0)) } ?? .null),
            ("field", e.field.map { .string($0) } ?? .null),
        ] + (e.row.map { [("row", row($0))] } ?? []))
    }

    /// A row not as the chain bound it, as `audit verify --json` lists them and an `E-LEDGER`
    /// error carries it: amounts as `1250000.00`.
    static func row(_ f: RowFinding) -> JSONValue {
        .object([("table", .string(f.table)), ("key", .string(f.key)), ("change", .string(f.change.rawValue)),
                 ("column", f.column.map { .string($0) } ?? .null), ("expected", f.expectedValue.map { .string($0) } ?? .null),
                 ("found", f.foundValue.map { .string($0) } ?? .null), ("event", f.seq.map { .number(String($0)) } ?? .null)])
    }
}
