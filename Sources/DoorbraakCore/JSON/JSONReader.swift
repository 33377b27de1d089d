/// Reads one JSON object field by field, with the field path in every error, and refuses
/// members it was not asked for (SPEC §5.1: a typo must not pass silently).
public struct JSONObjectReader {
    private let members: [(String, JSONValue)]
    private var used: [Bool]
    /// Every key asked for, to suggest the nearest one for a misspelt member.
    private var asked: [String] = []
    /// The path of this object, e.g. `coalition[1]`.
    public let path: String

    /// A reader over `value`, which must be an object.
    public init(_ value: JSONValue, path: String = "") throws(DoorbraakError) {
        guard case .object(let members) = value else {
            throw DoorbraakError(.input, "expected an object, found \(value.typeName)", field: path.isEmpty ? nil : path)
        }
        self.members = members
        self.used = Array(repeating: false, count: members.count)
        self.path = path
    }

    private func at(_ key: String) -> String { FieldPath.join(path, key) }

    /// The raw member `key`, or nil when absent.
    public mutating func optional(_ key: String) -> JSONValue? {
        asked.append(key)
        guard let i = members.firstIndex(where: { $0.0 == key }) else { return nil }
        used[i] = true
        return members[i].1
    }

    /// The raw member `key`; absent is an error.
    public mutating func required(_ key: String) throws(DoorbraakError) -> JSONValue {
        guard let value = optional(key) else {
            throw DoorbraakError(.input, "required field is missing", field: at(key))
        }
        return value
    }

    /// A string member.
    public mutating func string(_ key: String) throws(DoorbraakError) -> String {
        try JSONObjectReader.string(try required(key), at: at(key))
    }

    /// A string member that may be absent.
    public mutating func optionalString(_ key: String) throws(DoorbraakError) -> String? {
        guard let value = optional(key) else { return nil }
        return try JSONObjectReader.string(value, at: at(key))
    }

    /// A non-empty string member (blank after trimming is an error).
    public mutating func text(_ key: String) throws(DoorbraakError) -> String {
        let s = try string(key)
        guard s.contains(where: { !$0.isWhitespace }) else {
            throw DoorbraakError(.input, "must not be empty", field: at(key))
        }
        return s
    }

    /// A text printed in tables and messages (a title, a region, a name): 1 to `maxLength`
    /// characters on one line, no control or bidirectional characters, not only spaces.
    public mutating func label(_ key: String, maxLength: Int) throws(DoorbraakError) -> String {
        let s = try text(key)
        guard s.count <= maxLength, s.utf8.count <= maxLength * 4, !s.hasControlOrFormatCharacter else {
            throw DoorbraakError(.input, "must be 1 to \(maxLength) printable characters on one line, without control or bidirectional characters", field: at(key))
        }
        return s
    }

    /// A whole-number member within `range`.
    public mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(DoorbraakError) -> Int {
        try JSONObjectReader.integer(try required(key), in: range, at: at(key))
    }

    /// A boolean member.
    public mutating func bool(_ key: String) throws(DoorbraakError) -> Bool {
        guard case .bool(let b) = try required(key) else {
            throw DoorbraakError(.input, "expected true or false", field: at(key))
        }
        return b
    }

    /// An amount written as a JSON string `"1250000.00"`; a JSON number is an error (SPEC §2).
    public mutating func money(_ key: String) throws(DoorbraakError) -> Money {
        try JSONObjectReader.money(try required(key), at: at(key))
    }

    /// An array member, each element read by `read` with its index in the path.
    public mutating func array<T>(_ key: String, _ read: (JSONValue, String) throws(DoorbraakError) -> T) throws(DoorbraakError) -> [T] {
        let value = try required(key)
        guard case .array(let items) = value else {
            throw DoorbraakError(.input, "expected an array, found \(value.typeName)", field: at(key))
        }
        var out: [T] = []
        out.reserveCapacity(items.count)
        var errors = ErrorList()
        for (i, item) in items.enumerated() {
            do { out.append(try read(item, at(key) + "[\(i)]")) } catch { errors.add(error) }
        }
        if let error = errors.combined { throw error }
        return out
    }

    /// An object member used as a map from key to string (e.g. `basiseisen`).
    public mutating func stringMap(_ key: String, required isRequired: Bool = true) throws(DoorbraakError) -> [(String, String)] {
        let value: JSONValue
        if isRequired {
            value = try required(key)
        } else if let present = optional(key) {
            value = present
        } else {
            return []
        }
        guard case .object(let members) = value else {
            throw DoorbraakError(.input, "expected an object, found \(value.typeName)", field: at(key))
        }
        var out: [(String, String)] = []
        var errors = ErrorList()
        for (k, v) in members {
            if case .object(let inner) = v {
                // A path written as nested objects: the map is flat, its keys carry the dots.
                let example = inner.first.map { "\"\(k).\($0.0)\": \"…\"" } ?? "\"\(k)\": \"…\""
                errors.add(DoorbraakError(.input, "expected a string, found an object: \"\(key)\" is one flat object whose keys carry the dots; write \(example)", field: at(key) + "." + k))
                continue
            }
            do { out.append((k, try JSONObjectReader.string(v, at: at(key) + "." + k))) } catch { errors.add(error) }
        }
        if let error = errors.combined { throw error }
        return out
    }

    /// A nested object member, read by `read`.
    public mutating func object<T>(_ key: String, _ read: (inout JSONObjectReader) throws(DoorbraakError) -> T) throws(DoorbraakError) -> T {
        var nested = try JSONObjectReader(try required(key), path: at(key))
        let value: T
        do {
            value = try read(&nested)
        } catch {
            // Report the unknown members beside the failing field.
            var all = ErrorList()
            all.add(error)
            do { try nested.finish() } catch { all.add(error) }
            throw all.combined ?? error
        }
        try nested.finish()
        return value
    }

    /// Runs every read of one record, collecting failures instead of stopping at the first;
    /// the unknown members are checked too. Throws all errors as one when any read failed.
    public mutating func collecting<T>(_ read: (inout JSONObjectReader, inout ErrorList) throws(DoorbraakError) -> T?) throws(DoorbraakError) -> T {
        var errors = ErrorList()
        let value: T?
        do { value = try read(&self, &errors) } catch { errors.add(error); value = nil }
        do { try finish() } catch { errors.add(error) }
        if let error = errors.combined { throw error }
        guard let value else { throw DoorbraakError(.internal, "a record read failed without an error") }
        return value
    }

    /// Refuses members that were never asked for, all of them, each with the nearest known name.
    public func finish() throws(DoorbraakError) {
        var unknown = ErrorList()
        for i in members.indices where !used[i] {
            let name = members[i].0
            // Past the list's limit each is counted, not worded (no hint looked for).
            let hint = unknown.isFull ? "" : NearestName.suggestion(for: name, among: asked).map { "; did you mean \"\($0)\"?" } ?? ""
            unknown.add(DoorbraakError(.input, "unknown field \"\(name)\"\(hint)", field: at(name)))
        }
        if let error = unknown.combined { throw error }
    }

    /// `value` as a string.
    public static func string(_ value: JSONValue, at path: String) throws(DoorbraakError) -> String {
        guard case .string(let s) = value else {
            throw DoorbraakError(.input, "expected a string, found \(value.typeName)", field: path)
        }
        return s
    }

    /// `value` as a string turned into a domain value by `make`, its errors located at `path`.
    public static func parsed<T>(_ value: JSONValue, at path: String, _ make: (String) throws(DoorbraakError) -> T) throws(DoorbraakError) -> T {
        let text = try string(value, at: path)
        do { return try make(text) } catch { throw error.nested(under: path) }
    }

    /// A string member turned into a domain value by `make`.
    public mutating func parsed<T>(_ key: String, _ make: (String) throws(DoorbraakError) -> T) throws(DoorbraakError) -> T {
        try JSONObjectReader.parsed(try required(key), at: at(key), make)
    }

    /// `value` as a whole number within `range`.
    public static func integer(_ value: JSONValue, in range: ClosedRange<Int>, at path: String) throws(DoorbraakError) -> Int {
        guard case .number(let n) = value, let i = Int(n), range.contains(i) else {
            throw DoorbraakError(.input, "expected a whole number \(range.lowerBound)…\(range.upperBound), found \(value.typeName == "a number" ? value.canonical : value.typeName)", field: path)
        }
        return i
    }

    /// `value` as an amount: a string with at most two decimals.
    public static func money(_ value: JSONValue, at path: String) throws(DoorbraakError) -> Money {
        switch value {
        case .string(let s):
            do { return try Money(parsing: s, notation: .json) } catch { throw error.nested(under: path) }
        case .number(let n):
            throw DoorbraakError(.input, "amount \(n) is a JSON number; write it as a string with two decimals, e.g. \"\(JSONObjectReader.twoDecimals(n))\"", field: path)
        default:
            throw DoorbraakError(.input, "expected an amount as a string, found \(value.typeName)", field: path)
        }
    }

    /// `500000` → `500000.00`, `1000000.5` → `1000000.50`: the string a JSON number amount should
    /// have been; another shape gets the example `1250000.00`.
    static func twoDecimals(_ number: String) -> String {
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        let digits: (Substring) -> Bool = { part in part.allSatisfy { $0 >= "0" && $0 <= "9" } }
        guard (1...2).contains(parts.count), !parts[0].isEmpty, digits(parts[0]),
              parts.count == 1 || (parts[1].count <= 2 && digits(parts[1])) else { return "1250000.00" }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        return "\(parts[0]).\(fraction)\(String(repeating: "0", count: 2 - fraction.count))"
    }

    /// `value` as fte: a number or a string with at most one decimal.
    public static func fte(_ value: JSONValue, at path: String) throws(DoorbraakError) -> Fte {
        switch value {
        case .string(let s), .number(let s):
            do { return try Fte(parsing: s) } catch { throw error.nested(under: path) }
        default:
            throw DoorbraakError(.input, "expected fte as a number or string, found \(value.typeName)", field: path)
        }
    }
}

/// The failures of one record, collected so that all are reported at once — the first
/// `limit` of them, and a closing note counting the rest: a record's errors stay few whatever
/// the file (a review: an application whose `other_funding` held 1.5 million empty objects kept
/// 4.5 million errors, 3.6 GB, and crashed under a memory limit).
public struct ErrorList {
    /// The most errors one record keeps.
    public static let limit = 100
    /// The most errors this list keeps.
    public let limit: Int
    /// The failures kept.
    public private(set) var errors: [DoorbraakError] = []
    /// The failures counted but not kept.
    public private(set) var omitted = 0
    /// The first failure not kept: the closing note takes its code.
    private var firstOmitted: DoorbraakError?

    /// An empty list that keeps `limit` errors.
    public init(limit: Int = ErrorList.limit) { self.limit = limit }

    /// Whether nothing failed.
    public var isEmpty: Bool { errors.isEmpty && omitted == 0 }
    /// Whether a further failure is only counted.
    public var isFull: Bool { errors.count >= limit }

    /// Records `error` and every further one it carries; a closing note's count adds up.
    public mutating func add(_ error: DoorbraakError) {
        var pending = [error]
        while let next = pending.popLast() {
            var each = next
            let further = each.further
            each.further = []
            pending.append(contentsOf: further.reversed())
            if each.omitted > 0 {
                // A nested list's closing note stays where it was, named by its own place, while
                // there is room (a tamper review: three plan files' notes became one, blamed on
                // the first file); past the room its count joins this list's.
                if errors.count < limit {
                    errors.append(each)
                } else {
                    omitted += each.omitted
                    if firstOmitted == nil { each.omitted = 0; firstOmitted = each }
                }
            } else if errors.count < limit {
                errors.append(each)
            } else {
                omitted += 1
                if firstOmitted == nil { firstOmitted = each }
            }
        }
    }

    /// The kept failures as one error, the first carrying the rest and the closing note; nil
    /// when there are none.
    public var combined: DoorbraakError? {
        guard var first = errors.first ?? firstOmitted else { return nil }
        first.further = Array(errors.dropFirst())
        if omitted > 0, let template = firstOmitted {
            var note = DoorbraakError(template.code, "and \(omitted) more error\(omitted == 1 ? "" : "s") of this record, not listed (the first \(limit) are)",
                                      file: template.file, line: template.line)
            note.omitted = omitted
            first.further.append(note)
        }
        return first
    }

    /// The value of `read`, or nil with its errors recorded.
    public mutating func attempt<T>(_ read: () throws(DoorbraakError) -> T) -> T? {
        do { return try read() } catch {
            add(error)
            return nil
        }
    }
}

/// The nearest known name to a misspelt one, for "did you mean" hints.
public enum NearestName {
    /// The known name within a small edit distance of `name` (at most a third of its length, at
    /// least 2 for names of four or more characters, at most 3), the closest first; nil when none is near.
    public static func suggestion(for name: String, among known: [String]) -> String? {
        // A name of a file is not measured beyond a name's length (a hostile field of 100,000
        // characters would cost millions of steps per row).
        guard name.utf8.count <= 128 else { return nil }
        let limit = name.count <= 3 ? 1 : min(3, max(2, name.count / 3))
        let scored = Set(known).map { ($0, distance(name.lowercased(), $0.lowercased())) }.filter { $0.1 <= limit }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// `did you mean X? ` for the near known name (`suggestion`), else empty: the hint inside a
    /// usage error that lists the known names after it.
    public static func hint(for name: String, among known: [String]) -> String {
        suggestion(for: name, among: known).map { "did you mean \($0)? " } ?? ""
    }

    /// The known name with the smallest edit distance to `name` however far (case-insensitive;
    /// the first on a tie); nil only when there are none.
    public static func closest(to name: String, among known: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in known {
            let d = distance(name.lowercased(), candidate.lowercased())
            if best.map({ d < $0.distance }) ?? true { best = (candidate, d) }
        }
        return best?.name
    }

    /// Levenshtein distance between two strings, by characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
