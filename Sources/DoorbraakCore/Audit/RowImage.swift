#if canImport(Glibc)
import Glibc
#endif

/// One stored value of a row, as the audit chain binds it (SPEC §3.9). The store reads the
/// columns; this type knows nothing of SQLite.
public enum StoredValue: Sendable, Equatable {
    /// NULL.
    case null
    /// An INTEGER.
    case integer(Int64)
    /// TEXT.
    case text(String)
    /// A BLOB.
    case blob([UInt8])
    /// A value no doorbraak table declares (a REAL), kept by its text.
    case other(String)

    /// How a person reads it in a finding: text quoted, integers as they are.
    public var display: String {
        switch self {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .text(let s): return "\"\(s.count > 60 ? String(s.prefix(57)) + "…" : s)\""
        case .blob(let b): return "blob of \(b.count) bytes"
        case .other(let s): return "\(s) (not an integer or text)"
        }
    }
}

/// The canonical bytes of one row that an audit event binds: every bound column in table order,
/// each tagged with its type. Text and blobs longer than `inlineLimit` bytes are kept as their
/// SHA-256, so the image stays small while still binding every byte; a finding then shows the
/// digests instead of the values.
public struct RowImage: Sendable, Equatable {
    /// The encoded bytes.
    public let bytes: [UInt8]

    /// Longer text is bound by its SHA-256.
    public static let inlineLimit = 128

    private enum Tag: UInt8 {
        case null = 0, integer = 1, text = 2, hashedText = 3, blob = 4, hashedBlob = 5, other = 6
    }

    /// The image of `values`.
    public init(_ values: [StoredValue]) {
        var builder = Builder(capacity: values.count * 12)
        for value in values {
            switch value {
            case .null: builder.appendNull()
            case .integer(let v): builder.append(integer: v)
            case .text(var text): text.withUTF8 { builder.append(bytes: UnsafeRawBufferPointer($0), isBlob: false) }
            case .blob(let bytes): bytes.withUnsafeBytes { builder.append(bytes: $0, isBlob: true) }
            case .other(let text): builder.append(other: text)
            }
        }
        self = builder.image
    }

    /// An image read back from the database.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Builds an image field by field from raw bytes, without a `StoredValue` per column
    /// (the store reads the columns straight from SQLite's buffers).
    public struct Builder {
        private var out: [UInt8] = []

        /// An empty image.
        public init(capacity: Int = 64) { out.reserveCapacity(capacity) }

        /// An image written at the end of `buffer` (moved in, not copied; give it back with
        /// `finish(into:)`): the row capture keeps every image of a transaction in one buffer.
        public init(appendingTo buffer: inout [UInt8]) { swap(&out, &buffer) }

        /// Gives the buffer, now ending with this image, back to `buffer`.
        public mutating func finish(into buffer: inout [UInt8]) { swap(&out, &buffer) }

        /// NULL.
        public mutating func appendNull() { out.append(Tag.null.rawValue) }

        /// An INTEGER.
        public mutating func append(integer v: Int64) {
            out.append(Tag.integer.rawValue)
            withUnsafeBytes(of: UInt64(bitPattern: v).bigEndian) { out.append(contentsOf: $0) }
        }

        /// TEXT (`isBlob` false) or a BLOB, from its bytes: kept whole up to `inlineLimit`
        /// bytes, else as its SHA-256.
        public mutating func append(bytes: UnsafeRawBufferPointer, isBlob: Bool) {
            if bytes.count > RowImage.inlineLimit {
                out.append(isBlob ? Tag.hashedBlob.rawValue : Tag.hashedText.rawValue)
                var hasher = SHA256()
                hasher.update(UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count))
                out.append(contentsOf: hasher.finalize())
            } else {
                out.append(isBlob ? Tag.blob.rawValue : Tag.text.rawValue)
                appendLength(bytes.count)
                out.append(contentsOf: bytes)
            }
        }

        /// Any other value, by its text.
        public mutating func append(other text: String) {
            out.append(Tag.other.rawValue)
            appendLength(text.utf8.count)
            out.append(contentsOf: text.utf8)
        }

        private mutating func appendLength(_ n: Int) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).bigEndian) { out.append(contentsOf: $0) }
        }

        /// The image.
        public var image: RowImage { RowImage(bytes: out) }

        /// Empties the builder for the next row, keeping its storage.
        public mutating func removeAll() { out.removeAll(keepingCapacity: true) }

        /// Whether the image built so far is exactly `bytes` (a stored image, in place).
        public func equals(_ bytes: UnsafeRawBufferPointer) -> Bool { out.withUnsafeBytes { RowImage.sameBytes($0, bytes) } }
    }

    /// Whether two byte buffers hold the same bytes (`memcmp`: the row check compares a million
    /// images and the chain walk two million hashes, where a generic `elementsEqual` went byte by byte).
    public static func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    /// One field as the image holds it, for findings: the value, or the SHA-256 of a long one.
    public enum Field: Sendable, Equatable {
        /// A value kept whole.
        case value(StoredValue)
        /// A long text or blob, kept as the hex SHA-256 of its bytes.
        case digest(String)

        /// How a person reads it.
        public var display: String {
            switch self {
            case .value(let v): return v.display
            case .digest(let hex): return "sha256 \(hex.prefix(12))…"
            }
        }
    }

    /// The byte range of each field (its tag, length and value) of the image in `bytes`, into
    /// `spans` (emptied first, its storage kept); false when the bytes are not an image. Two
    /// fields are equal exactly when their ranges hold the same bytes: `audit verify` compares the
    /// columns of two bindings of a row this way, without decoding a value.
    public static func fieldSpans(of bytes: UnsafeRawBufferPointer, into spans: inout [Range<Int>]) -> Bool {
        spans.removeAll(keepingCapacity: true)
        var i = 0
        func length(at j: Int) -> Int? {
            guard j + 4 <= bytes.count else { return nil }
            return (0..<4).reduce(0) { $0 << 8 | Int(bytes[j + $1]) }
        }
        while i < bytes.count {
            guard let tag = Tag(rawValue: bytes[i]) else { return false }
            var end: Int
            switch tag {
            case .null: end = i + 1
            case .integer: end = i + 9
            case .text, .other, .blob:
                guard let n = length(at: i + 1) else { return false }
                end = i + 5 + n
            case .hashedText, .hashedBlob: end = i + 33
            }
            guard end <= bytes.count else { return false }
            spans.append(i..<end)
            i = end
        }
        return true
    }

    /// The text of one field's bytes (a span of `fieldSpans`), or nil when it holds no text kept whole.
    public static func text(ofField field: UnsafeRawBufferPointer) -> String? {
        guard field.count >= 5, field[0] == Tag.text.rawValue else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: field[5...]), as: UTF8.self)
    }

    /// The fields, or nil when the bytes are not an image (a hostile or damaged binding).
    public var fields: [Field]? {
        var fields: [Field] = []
        var i = 0
        func take(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, i + n <= bytes.count else { return nil }
            defer { i += n }
            return bytes[i..<(i + n)]
        }
        func takeLength() -> Int? {
            guard let b = take(4) else { return nil }
            return b.reduce(0) { $0 << 8 | Int($1) }
        }
        while i < bytes.count {
            guard let tagByte = take(1)?.first, let tag = Tag(rawValue: tagByte) else { return nil }
            switch tag {
            case .null: fields.append(.value(.null))
            case .integer:
                guard let b = take(8) else { return nil }
                let u = b.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                fields.append(.value(.integer(Int64(bitPattern: u))))
            case .text, .other:
                guard let n = takeLength(), let b = take(n) else { return nil }
                let s = String(decoding: b, as: UTF8.self)
                fields.append(.value(tag == .text ? .text(s) : .other(s)))
            case .blob:
                guard let n = takeLength(), let b = take(n) else { return nil }
                fields.append(.value(.blob(Array(b))))
            case .hashedText, .hashedBlob:
                guard let b = take(32) else { return nil }
                fields.append(.digest(SHA256.hexString(of: Array(b))))
            }
        }
        return fields
    }

    /// One column that differs: its name and the two values, for people (an amount column,
    /// `…_cents`, in Dutch notation) and for machines (`1250000.00`).
    public struct Difference: Sendable, Equatable {
        /// The column.
        public var column: String
        /// The value the chain bound, for people.
        public var expected: String
        /// The value found, for people.
        public var found: String
        /// The value the chain bound, for machines.
        public var expectedValue: String
        /// The value found, for machines.
        public var foundValue: String
    }

    /// Which columns differ between `expected` (the image an event bound) and `found` (the row as
    /// it is now). A column the other lacks shows as "—".
    public static func differences(columns: [String], expected: RowImage, found: RowImage) -> [Difference] {
        guard let e = expected.fields, let f = found.fields else {
            return [Difference(column: "(row)", expected: "an image that cannot be read", found: "\(found.bytes.count) bytes",
                               expectedValue: "unreadable", foundValue: "\(found.bytes.count) bytes")]
        }
        // Fields are compared by their bytes, never as decoded Strings: Swift holds canonically
        // equivalent texts equal ("K" and the Kelvin sign U+212A), and a column edited that way
        // passed every row check unnamed (found by an attacker's review).
        var spansE: [Range<Int>] = [], spansF: [Range<Int>] = []
        _ = expected.bytes.withUnsafeBytes { RowImage.fieldSpans(of: $0, into: &spansE) }
        _ = found.bytes.withUnsafeBytes { RowImage.fieldSpans(of: $0, into: &spansF) }
        var out: [Difference] = []
        for i in 0..<max(e.count, f.count, columns.count) {
            let ef = i < e.count ? e[i] : nil, ff = i < f.count ? f[i] : nil
            let sameBytes = i < spansE.count && i < spansF.count ? expected.bytes[spansE[i]] == found.bytes[spansF[i]] : i >= spansE.count && i >= spansF.count
            guard !sameBytes else { continue }
            // Texts that read alike but differ in their bytes are shown with their code points.
            let alike = ef == ff
            let column = i < columns.count ? columns[i] : "column \(i + 1)"
            let money = column.hasSuffix("_cents"), fte = column.hasPrefix("fte") && column.hasSuffix("_tenths")
            func people(_ field: Field?) -> String {
                guard let field else { return "—" }
                if alike, case .value(.text(let text)) = field { return "\"\(RowImage.codePoints(text))\"" }   // quoted, as every text
                if money, case .value(.integer(let cents)) = field { return Money(cents: cents).dutch }
                if fte, case .value(.integer(let tenths)) = field { return Fte(tenths: tenths).description + " fte" }
                return field.display
            }
            func machine(_ field: Field?) -> String {
                guard let field else { return "—" }
                if alike, case .value(.text(let text)) = field { return RowImage.codePoints(text) }
                if money, case .value(.integer(let cents)) = field { return Money(cents: cents).description }
                if fte, case .value(.integer(let tenths)) = field { return Fte(tenths: tenths).description }
                if case .value(.text(let text)) = field { return text }
                return field.display
            }
            out.append(Difference(column: column, expected: people(ef), found: people(ff), expectedValue: machine(ef), foundValue: machine(ff)))
        }
        return out
    }
}

extension RowImage {
    /// `text` with every scalar outside printable ASCII written as `\u{XXXX}`: two texts that
    /// read alike but differ in their bytes, told apart.
    public static func codePoints(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value < 0x7F { out.unicodeScalars.append(scalar) } else { out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" }
        }
        return out
    }
}

/// The key of a bound row: its primary key values as one text. A single-column key is the value
/// itself (`DBM-2026-0001`, `5`); a composite key is length-prefixed (`13:DBM-2026-00012:M1`) so
/// that two different keys can never read the same. `display` joins the parts with " / ".
public enum RowKey {
    /// The key text of `parts`.
    public static func text(_ parts: [String]) -> String {
        if parts.count == 1 { return parts[0] }
        var out: [UInt8] = []
        for var part in parts { part.withUTF8 { append(part: UnsafeRawBufferPointer($0), ofKeyWith: parts.count, to: &out) } }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one part of a key text of `count` parts, as `text` writes it: a one-part key is the
    /// part itself, each part of a longer one its length in bytes, a colon and its bytes (the
    /// pre-update hook writes keys from SQLite's values this way, without a String per part).
    public static func append(part: UnsafeRawBufferPointer, ofKeyWith count: Int, to out: inout [UInt8]) {
        if count != 1 {
            DecimalDigits.append(Int64(part.count), to: &out)
            out.append(UInt8(ascii: ":"))
        }
        out.append(contentsOf: part)
    }

    /// The parts of a key text with `count` parts, or nil when it is not one.
    public static func parts(_ text: String, count: Int) -> [String]? {
        if count == 1 { return [text] }
        var parts: [String] = []
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
                  let n = Int(String(decoding: bytes[bytes.startIndex..<colon], as: UTF8.self)), n >= 0,
                  n <= bytes.endIndex - (colon + 1) else { return nil }   // a hostile length never overflows
            parts.append(String(decoding: bytes[(colon + 1)..<(colon + 1 + n)], as: UTF8.self))
            bytes = bytes[(colon + 1 + n)...]
        }
        return parts.count == count ? parts : nil
    }

    /// The order of two keys' bytes as SQL's BINARY collation orders them: -1, 0 or 1.
    public static func order(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        let n = min(x.count, y.count)
        if n > 0, let xb = x.baseAddress, let yb = y.baseAddress {
            let c = memcmp(xb, yb, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }

    /// Whether `a` sorts before `b` byte by byte, as SQLite's BINARY collation orders keys.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in order(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) < 0 } }
    }

    /// How a person reads a key: the parts joined by " / ".
    public static func display(_ text: String, count: Int) -> String {
        parts(text, count: count)?.joined(separator: " / ") ?? text
    }
}

extension SHA256 {
    /// Lowercase hex of 32 digest bytes.
    public static func hexString(of digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0F)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The commitment an audit event's hash covers to bind the rows its transaction wrote: SHA-256
/// over each binding in (table, key) order, every part length-prefixed so no two lists read alike.
public struct BindingCommitment: Sendable {
    private var hasher = SHA256()
    /// How many bindings were added.
    public private(set) var count = 0

    /// An empty commitment.
    public init() {}

    /// Adds the binding of one row: its image, or nil for a row deleted.
    public mutating func add(table: String, key: String, image: RowImage?) {
        var table = table, key = key
        table.withUTF8 { t in
            key.withUTF8 { k in
                if let image {
                    image.bytes.withUnsafeBytes { add(table: UnsafeRawBufferPointer(t), key: UnsafeRawBufferPointer(k), image: $0) }
                } else {
                    add(table: UnsafeRawBufferPointer(t), key: UnsafeRawBufferPointer(k), image: nil)
                }
            }
        }
    }

    /// Adds the binding of one row from raw bytes (table and key as UTF-8, the image's bytes, or
    /// nil for a row deleted): each part length-prefixed (4 bytes, big-endian), the image after a
    /// 1, a deletion as a 0.
    public mutating func add(table: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, image: UnsafeRawBufferPointer?) {
        func part(_ bytes: UnsafeRawBufferPointer) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: bytes.count).bigEndian) { hasher.update(raw: $0) }
            hasher.update(raw: bytes)
        }
        part(table)
        part(key)
        if let image {
            withUnsafeBytes(of: UInt8(1)) { hasher.update(raw: $0) }
            part(image)
        } else {
            withUnsafeBytes(of: UInt8(0)) { hasher.update(raw: $0) }
        }
        count += 1
    }

    /// Whether nothing was added.
    public var isEmpty: Bool { count == 0 }

    /// The commitment as 64 hex digits.
    public var hex: String {
        let copy = hasher
        return copy.finalizeHex()
    }
}
