import DoorbraakCore

/// Reads a CSV file row by row (streaming, through `LineReader`). The delimiter is taken from the
/// header: `;` (the Dutch spreadsheet default, decimal comma) or `,` (decimal point). Fields may
/// be quoted with `"` (a doubled `""` inside is a quote); a quoted field that spans lines is one
/// error for its row (`lineBreakInQuotes`).
public final class CSVReader {
    /// One data row.
    public struct Record: Sendable {
        /// The 1-based line in the file.
        public var line: Int
        /// The fields by column name.
        public var fields: [String: String]
        /// How amounts are written in this file (decimal point or decimal comma, by delimiter).
        public var notation: Money.Notation = .commaCSV

        /// The field of `column` (present: the header was checked), trimmed of surrounding spaces.
        public func callAsFunction(_ column: String) -> String {
            (fields[column] ?? "").trimmingSpaces
        }
    }

    private let lines: LineReader
    /// The column names, in order.
    public let columns: [String]
    /// The field delimiter.
    public let delimiter: UInt8
    /// The notation of amounts in this file, following its delimiter.
    public var moneyNotation: Money.Notation { delimiter == UInt8(ascii: ";") ? .semicolonCSV : .commaCSV }
    /// The file.
    public let path: String
    /// Opens `path` and checks that its header is exactly `expected` (in any order), with any of
    /// the `optional` columns.
    public init(path: String, expected: [String], optional: [String] = []) throws(DoorbraakError) {
        self.path = path
        lines = try LineReader(path: path)
        guard let first = try lines.next() else {
            throw DoorbraakError(.input, "the file is empty; expected the header \(expected.joined(separator: ","))", file: path, line: 1)
        }
        guard case .text(_, let header) = first else {
            throw DoorbraakError(.input, "the header line is too long", file: path, line: 1)
        }
        // A file whose lines end in a lone CR (an old Mac export) reads as one line: said as such,
        // not as a header that quotes the rows (a review).
        if header.contains(0x0D) {
            throw DoorbraakError(.input, "the lines end in a lone CR (carriage return); save the file with LF or CRLF line ends", file: path, line: 1)
        }
        if CSVReader.readsAsJSON(header) {
            throw DoorbraakError(.input, "this line is JSON, not CSV (an application is read by `doorbraak application submit` or `doorbraak import applications`); the first line must be the header \(expected.joined(separator: ","))", file: path, line: 1)
        }
        let semicolons = header.filter { $0 == UInt8(ascii: ";") }.count
        let commas = header.filter { $0 == UInt8(ascii: ",") }.count
        delimiter = semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
        do {
            columns = try CSVReader.split(header, delimiter: delimiter).map(\.trimmingSpaces)
        } catch {
            throw DoorbraakError(.input, "the first line must be the header \(expected.joined(separator: ",")); it does not read as CSV (\(error.message))", file: path, line: 1)
        }
        let missing = expected.filter { !columns.contains($0) }
        let unknown = columns.filter { !expected.contains($0) && !optional.contains($0) }
        // Each name once, in the order of its second appearance (a set: a header of 200,000 names
        // took 70 s compared one by one with every other; a tamper review).
        var seen = Set<String>(), named = Set<String>(), twice: [String] = []
        for name in columns where !seen.insert(name).inserted && named.insert(name).inserted { twice.append(name) }
        if !missing.isEmpty || !unknown.isEmpty || !twice.isEmpty {
            throw DoorbraakError(.input, "the header must be \(expected.joined(separator: String(UnicodeScalar(delimiter))))"
                + (optional.isEmpty ? "" : " (optionally also \(optional.joined(separator: ", ")))")
                + (missing.isEmpty ? "" : "; missing: \(missing.joined(separator: ", "))")
                + (unknown.isEmpty ? "" : "; unknown: \(CSVReader.some(unknown))")
                + (twice.isEmpty ? "" : "; twice: \(CSVReader.some(twice))")
                + (CSVReader.otherKind(of: columns, expected: expected).map { "; this is the header of \($0.what), for `doorbraak \($0.command)`" } ?? ""),
                file: path, line: 1)
        }
    }

    /// The first ten of `names`, and how many more: a header of thousands of names is not
    /// repeated in full.
    static func some(_ names: [String]) -> String {
        names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", … \(names.count - 10) more" : "")
    }

    /// The CSV files doorbraak reads, by their columns: a file given to the wrong import is named
    /// (a newcomer gave a reviews file to `import claims`).
    static let kinds: [(what: String, command: String, columns: [String])] = [
        ("a reviews file", "import reviews", ReviewImport.columns), ("a claims file", "import claims", ClaimImport.columns),
        ("a cost lines file", "import costs", CostImport.columns), ("a measurements file", "import monitoring", MonitoringImport.columns),
        ("a contracts file", "nza request --all --contracts", ContractImport.columns),
    ]

    /// The kind of CSV file whose first line is in `bytes`, if it is one doorbraak reads (a
    /// reviews file with or without its `version` column): for a file that is no JSON (a
    /// newcomer gave a reviews file to `application submit` and read "invalid JSON").
    static func kind(ofFirstLineIn bytes: [UInt8]) -> (what: String, command: String)? {
        var line = Array(bytes.prefix { $0 != 0x0A && $0 != 0x0D }.prefix(4096))
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        let text = String(decoding: line, as: UTF8.self)
        let names = Set(text.split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0).trimmingSpaces })
        return kinds.first { names == Set($0.columns) || names == Set($0.columns + ["version"]) }.map { ($0.what, $0.command) }
    }

    /// Whether the first line opens a JSON object or array (after spaces and tabs; its byte order
    /// mark `LineReader` took off): an application file given to a CSV import (a newcomer's try:
    /// only "unknown: {" was said).
    static func readsAsJSON(_ line: [UInt8]) -> Bool {
        let first = line.first { $0 != 0x20 && $0 != 0x09 }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// The other kind of file whose header `columns` is, if any.
    static func otherKind(of columns: [String], expected: [String]) -> (what: String, command: String)? {
        kinds.first { Set($0.columns) == Set(columns) && Set($0.columns) != Set(expected) }.map { ($0.what, $0.command) }
    }

    /// Bytes read so far and the file's size, for progress.
    public var progress: (bytes: Int, total: Int) { (lines.bytesRead, lines.totalBytes) }

    /// Lines read ahead to see whether a quoted field went on over them, given back.
    private var readAhead: [LineReader.Line] = []

    /// The next line, the ones read ahead first.
    private func nextLine() throws(DoorbraakError) -> LineReader.Line? {
        readAhead.isEmpty ? try lines.next() : readAhead.removeFirst()
    }

    /// How many lines a quoted field is followed over, looking for its closing quote.
    static let quotedLinesFollowed = 20

    /// The next row: a record, or an error located at its line; nil at the end. Blank lines are skipped.
    public func next() throws(DoorbraakError) -> Result<Record, DoorbraakError>? {
        while let line = try nextLine() {
            switch line {
            case .overlong(let number, let length):
                return .failure(DoorbraakError(.input, "line is \(length) bytes, longer than the \(LineReader.maximumLineLength)-byte limit", file: path, line: number))
            case .text(let number, let bytes):
                if LineReader.isBlank(bytes) { continue }
                if let spanning = try lineBreakInQuotes(bytes, at: number) { return .failure(spanning) }
                do {
                    let values = try CSVReader.split(bytes, delimiter: delimiter)
                    guard values.count == columns.count else {
                        return .failure(DoorbraakError(.input, "\(values.count) field\(values.count == 1 ? "" : "s") where the header has \(columns.count)", file: path, line: number))
                    }
                    return .success(Record(line: number, fields: Dictionary(uniqueKeysWithValues: zip(columns, values)), notation: moneyNotation))
                } catch {
                    return .failure(error.located(file: path, line: number))
                }
            }
        }
        return nil
    }

    /// A row whose quoted field holds a line break (a spreadsheet writes one for an Alt+Enter in a
    /// cell; RFC 4180 allows it): one error naming the field and its lines, those lines taken as
    /// the row's — not a quote left open and a second, wrong error on the next line (a review).
    /// No field doorbraak keeps holds a line break, so the row is refused. A quote that does not
    /// close within `quotedLinesFollowed` lines gives the lines back: its own line is refused.
    private func lineBreakInQuotes(_ bytes: [UInt8], at number: Int) throws(DoorbraakError) -> DoorbraakError? {
        var joined = bytes, quotes = CSVReader.quotes(in: bytes)
        guard quotes % 2 == 1 else { return nil }
        var followed: [LineReader.Line] = []
        while followed.count < CSVReader.quotedLinesFollowed, let next = try nextLine() {
            followed.append(next)
            guard case .text(let last, let more) = next, joined.count + 1 + more.count <= LineReader.maximumLineLength else { break }
            joined += [0x0A] + more
            quotes += CSVReader.quotes(in: more)
            guard quotes % 2 == 0 else { continue }
            guard let fields = try? CSVReader.split(joined, delimiter: delimiter), let field = fields.firstIndex(where: { $0.contains("\n") }) else { break }
            let name = field < columns.count ? "\(columns[field])" : "field \(field + 1)"
            return DoorbraakError(.input, "\(name) holds a line break inside its quotes (lines \(number)–\(last)); a row is one line: remove the line break (in a spreadsheet, the Alt+Enter in the cell)",
                                  field: field < columns.count ? columns[field] : nil, file: path, line: number)
        }
        readAhead = followed + readAhead
        return nil
    }

    /// The number of double quotes in `bytes`.
    static func quotes(in bytes: [UInt8]) -> Int { bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) } }

    /// Splits one line into fields (RFC 4180 quoting within the line); invalid UTF-8 is an error.
    static func split(_ bytes: [UInt8], delimiter: UInt8) throws(DoorbraakError) -> [String] {
        // A line without a quote — nearly every line — is cut at its delimiters, each field made
        // from its slice at once (issue 21: a byte appended at a time cost a fifth of a costs
        // import's parsing). The same fields and errors as the general path below.
        if !bytes.contains(UInt8(ascii: "\"")) {
            var fields: [String] = []
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == delimiter {
                let slice = bytes[start..<end]
                try CSVReader.requireNoBreak(slice, field: fields.count + 1)
                guard let text = String(validUTF8: slice) else {
                    throw DoorbraakError(.input, "field \(fields.count + 1) is not valid UTF-8")
                }
                fields.append(text)
                start = end + 1
            }
            return fields
        }
        return try splitQuoted(bytes, delimiter: delimiter)
    }

    /// A field holds no NUL byte and no line break of another kind than the line's own end: a
    /// vertical tab, a form feed, NEL (U+0085), LINE SEPARATOR (U+2028) or PARAGRAPH SEPARATOR
    /// (U+2029) — no field doorbraak keeps holds a line break (an attacker's review stored a
    /// U+2028 in a claim's evidence). One pass over the bytes, as UTF-8 encodes them.
    static func requireNoBreak(_ bytes: ArraySlice<UInt8>, field: Int) throws(DoorbraakError) {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0 { throw DoorbraakError(.input, "field \(field) contains a NUL byte") }
            if b == 0x0B || b == 0x0C
                || (b == 0xC2 && i + 1 < bytes.endIndex && bytes[i + 1] == 0x85)
                || (b == 0xE2 && i + 2 < bytes.endIndex && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)) {
                throw DoorbraakError(.input, "field \(field) holds a line break (a vertical tab, form feed, U+0085, U+2028 or U+2029); a row is one line: remove it")
            }
            i += 1
        }
    }

    /// The general path of `split`: fields in double quotes (a quote doubled inside one, spaces
    /// around one), every error named by its field.
    static func splitQuoted(_ bytes: [UInt8], delimiter: UInt8) throws(DoorbraakError) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var i = 0
        var quoted = false
        var wasQuoted = false
        func finish() throws(DoorbraakError) {
            try CSVReader.requireNoBreak(field[...], field: fields.count + 1)
            guard let text = String(validUTF8: field) else {
                throw DoorbraakError(.input, "field \(fields.count + 1) is not valid UTF-8")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while i < bytes.count {
            let c = bytes[i]
            if quoted {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(c); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == UInt8(ascii: "\"") {
                guard field.allSatisfy({ $0 == 0x20 }), !wasQuoted else {
                    throw DoorbraakError(.input, "a quote inside unquoted field \(fields.count + 1)")
                }
                field.removeAll()
                quoted = true
                wasQuoted = true
            } else if c == delimiter {
                try finish()
            } else {
                if wasQuoted && c != 0x20 { throw DoorbraakError(.input, "text after the closing quote of field \(fields.count + 1)") }
                if !wasQuoted { field.append(c) }
            }
            i += 1
        }
        if quoted { throw DoorbraakError(.input, "field \(fields.count + 1) opens a quote that is not closed on this line") }
        try finish()
        return fields
    }
}
