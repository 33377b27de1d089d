/// A parsed JSON value that keeps numbers as their exact text (amounts must never pass through
/// floating point) and objects in their written order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. `12.50`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in written order; keys are unique (the parser refuses duplicates).
    case object([(String, JSONValue)])

    /// The JSON type name, for messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

extension JSONValue {
    /// Canonical text: keys sorted by code point, no insignificant whitespace, minimal escapes.
    /// Two values with the same content always give the same bytes.
    public var canonical: String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, pretty: false, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Human-readable text with two-space indentation, keys in written order; every control or
    /// format character escaped (`\u202e`), so that what an import file held (a bidirectional
    /// override, a C1 control) reaches no terminal through `--json` (an attacker's review). The
    /// canonical text, which is hashed, keeps its minimal escapes.
    public var pretty: String {
        var out: [UInt8] = []
        write(into: &out, pretty: true, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private func write(into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): JSONValue.writeString(s, into: &out, escapingUnprintable: pretty)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) }
                item.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            // UTF-8 byte order is code point order.
            let ordered = pretty ? members : members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in ordered.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) }
                JSONValue.writeString(key, into: &out, escapingUnprintable: pretty)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                value.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes `s` as a JSON string literal (UTF-8); `escapingUnprintable` also escapes every
    /// control or format character and line or paragraph separator beyond ASCII (`pretty`).
    public static func writeString(_ s: String, into out: inout [UInt8], escapingUnprintable: Bool = false) {
        out.append(0x22)
        defer { out.append(0x22) }
        // Nearly every string needs no escape: one scan of its bytes, then one copy of them (the
        // scan through `utf8.contains(where:)` was 8.6% of the instructions of an applications
        // import's reading thread, callgrind).
        var text = s
        let plain = text.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || (escapingUnprintable && byte >= 0x7F) { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain { return }
        let hex = Array("0123456789abcdef".utf8)
        func escape(_ unit: UInt16) {
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), hex[Int(unit >> 12)], hex[Int((unit >> 8) & 0xF)], hex[Int((unit >> 4) & 0xF)], hex[Int(unit & 0xF)]])
        }
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20: escape(UInt16(scalar.value))
            case 0x7F... where escapingUnprintable && scalar.isUnprintable:
                // Beyond the BMP as a surrogate pair.
                UTF16.encode(scalar) { escape($0) }
            default: UTF8.encode(scalar) { out.append($0) }
            }
        }
    }

    /// The member named `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}
