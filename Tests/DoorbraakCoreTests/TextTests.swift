import DoorbraakCore
import Testing

@Suite struct TextTests {
    /// `String(validUTF8:)` answers what the standard library's `String(validating:as:)` answers,
    /// on valid text (a literal U+FFFD among it) and on every kind of invalid sequence, whole and
    /// as a slice in the middle of other bytes; and on every one- and two-byte input.
    /// The ASCII fast paths of `hasControlOrFormatCharacter` and `isPrintableProse` answer what
    /// the scalar scan answers: every ASCII byte alone and inside other text, and texts that are
    /// not ASCII (which take the scan).
    @Test func theASCIIFastPathsAgreeWithTheScalarScan() {
        var texts = (0..<128).flatMap { b -> [String] in
            let c = String(UnicodeScalar(UInt8(b)))
            return [c, "basiseis " + c + " ingevuld", c + c]
        }
        texts += ["", "plain", "é", "a\u{202E}b", "a\u{2028}b", "\u{AD}", "tab\tand\nline é", "\u{85}", "zero\u{200B}width"]
        for text in texts {
            #expect(text.hasControlOrFormatCharacter == text.unicodeScalars.contains(where: \.isUnprintable), "\(Array(text.utf8))")
            #expect(text.isPrintableProse == !text.unicodeScalars.contains { $0 != "\n" && $0 != "\t" && $0.isUnprintable }, "\(Array(text.utf8))")
        }
    }

    @Test func validUTF8AgreesWithTheStandardLibrary() {
        let samples: [[UInt8]] = [
            [], Array("a,b".utf8), Array("é € 😀 \u{FFFD}".utf8), [0xEF, 0xBF, 0xBD],
            [0xFF], [0x80], [0xC3], [0xC3, 0x28], [0xE2, 0x82], [0xE2, 0x28, 0xA1], [0xF0, 0x9F, 0x98],
            [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0x61, 0xFF, 0x62], [0xF8, 0x88, 0x80, 0x80, 0x80],
        ]
        for bytes in samples {
            #expect(String(validUTF8: bytes) == String(validating: bytes, as: UTF8.self), "\(bytes)")
            let padded = [0x78] + bytes + [0x79]
            #expect(String(validUTF8: padded[1..<(padded.count - 1)]) == String(validating: bytes, as: UTF8.self), "slice \(bytes)")
        }
        for a in 0...255 {
            #expect(String(validUTF8: [UInt8(a)]) == String(validating: [UInt8(a)], as: UTF8.self))
            for b in stride(from: 0, through: 255, by: 3) {
                #expect(String(validUTF8: [UInt8(a), UInt8(b)]) == String(validating: [UInt8(a), UInt8(b)], as: UTF8.self), "\(a) \(b)")
            }
        }
    }

    @Test(arguments: [
        ("", ""), (" ", ""), ("\t \t", ""), ("a", "a"), (" a", "a"), ("a\t", "a"), ("  a b  ", "a b"),
        ("\u{A0}a\u{A0}", "\u{A0}a\u{A0}"),        // a no-break space is content, not a CSV space
        (" € 1,00 ", "€ 1,00"), ("\nx\n", "\nx\n"),
    ])
    func trimsOnlySpacesAndTabs(text: String, trimmed: String) {
        #expect(text.trimmingSpaces == trimmed)
    }

    @Test(arguments: [
        ("verslag-1.pdf", false), ("", false), ("~ !", false), ("rapport é €", false),
        ("\u{1F}", true), ("\u{7F}", true), ("a\u{0}b", true), ("\u{202E}fdp.exe", true), ("\u{200B}", true), ("\u{85}", true),
        ("a\u{2028}b", true), ("\u{2029}", true), ("a\u{A0}b", false),
    ])
    func findsControlAndFormatCharacters(text: String, found: Bool) {
        #expect(text.hasControlOrFormatCharacter == found)
    }
}
