#if canImport(Glibc)
import Glibc
#endif

extension String {
    /// The text of `bytes` when they are valid UTF-8, else nil (what `String(validating:as:)`
    /// answers). The standard library's decoder repairs on the contiguous fast path; a repair
    /// changes the bytes, so the text is the bytes' own exactly when its UTF-8 equals them.
    /// (`String(validating:as:)` on a slice went through generic code that looked up type
    /// metadata at every call: a third of the instructions of a reviews import's reading thread.)
    public init?(validUTF8 bytes: ArraySlice<UInt8>) {
        guard let text = bytes.withUnsafeBufferPointer({ buffer -> String? in
            var text = String(decoding: buffer, as: UTF8.self)
            let same = text.withUTF8 { utf8 in
                utf8.count == buffer.count && (buffer.isEmpty || memcmp(utf8.baseAddress!, buffer.baseAddress!, buffer.count) == 0)
            }
            return same ? text : nil
        }) else { return nil }
        self = text
    }

    /// `init?(validUTF8:)` of a whole array.
    public init?(validUTF8 bytes: [UInt8]) { self.init(validUTF8: bytes[...]) }

    /// Without leading and trailing spaces and tabs (how CSV fields and option lists are read).
    /// Byte by byte: every field of every imported row passes here.
    public var trimmingSpaces: String {
        let bytes = utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return self }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return String(self[start..<end])
    }

    /// Whether the text holds a control or format character (bidirectional marks among them) or
    /// a line or paragraph separator (U+2028, U+2029: a line break, an attacker's review stored
    /// one in a claim's evidence), which a printed reference, evidence name or actor must not.
    public var hasControlOrFormatCharacter: Bool {
        if let ascii = asciiHasControl(allowing: []) { return ascii }
        return unicodeScalars.contains(where: \.isUnprintable)
    }

    /// Whether the text is prose a reviewer reads (a basiseis answer, a deviation's explanation):
    /// line feeds and tabs allowed, no other control or format character and no line or
    /// paragraph separator (U+2028, U+2029: an attacker's review printed a forged basiseis line
    /// with one; shown, each line after the first is indented under its item).
    public var isPrintableProse: Bool {
        if let ascii = asciiHasControl(allowing: [0x0A, 0x09]) { return !ascii }
        return !unicodeScalars.contains { $0 != "\n" && $0 != "\t" && $0.isUnprintable }
    }

    /// For a text of ASCII only (nearly every text read): whether it holds a control character
    /// (below 0x20, or DEL) other than those `allowing`, found in one scan of its bytes; nil for
    /// any other text, whose scalars are then looked up (`Unicode.Scalar.isUnprintable`, which
    /// calls exactly these ASCII bytes unprintable). Issue 21: the scalar scan of every basiseis
    /// answer was 3.4% of the instructions of an applications import's reading thread (callgrind).
    private func asciiHasControl(allowing allowed: [UInt8]) -> Bool? {
        var text = self
        return text.withUTF8 { bytes -> Bool? in
            var control = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if (byte < 0x20 || byte == 0x7F) && !allowed.contains(byte) { control = true }
            }
            return control
        }
    }

    /// Without leading and trailing whitespace of any kind, line ends included.
    public var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension Unicode.Scalar {
    /// A control or format character (the bidirectional overrides, zero-width characters and the
    /// soft hyphen among them) or a line or paragraph separator: nothing doorbraak prints from
    /// input may hold one. Printable ASCII is passed without looking up its Unicode category.
    public var isUnprintable: Bool {
        if value >= 0x20 && value < 0x7F { return false }
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// The code point as a message names it: `U+00AD`, at least four hex digits.
    public var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
