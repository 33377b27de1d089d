import DoorbraakCore
import Testing

@Suite struct RowImageTests {
    @Test func anImageReadsBackEveryKindOfValue() {
        let long = String(repeating: "x", count: RowImage.inlineLimit + 1)
        let atLimit = String(repeating: "y", count: RowImage.inlineLimit)
        let values: [StoredValue] = [.null, .integer(Int64.min), .integer(-1), .integer(0), .integer(Int64.max), .text(""), .text("één"), .text(atLimit), .blob([0, 255]), .other("1.5")]
        let fields = RowImage(values + [.text(long)]).fields
        #expect(fields == values.map { RowImage.Field.value($0) } + [.digest(SHA256.hex(long))])
    }

    @Test func aLongTextIsBoundByItsDigestAndEveryByteCounts() {
        let long = String(repeating: "a", count: 500)
        #expect(RowImage([.text(long)]) != RowImage([.text(long + "b")]))
        #expect(RowImage([.text(long)]).bytes.count == 33)
    }

    @Test func theTypeOfAValueIsPartOfTheImage() {
        #expect(RowImage([.integer(5)]) != RowImage([.text("5")]))
        #expect(RowImage([.null]) != RowImage([.text("")]))
        #expect(RowImage([.text("ab"), .text("c")]) != RowImage([.text("a"), .text("bc")]))
    }

    @Test func differencesNameTheColumnWithExpectedAndFound() {
        let d = RowImage.differences(columns: ["id", "requested_cents"], expected: RowImage([.text("A"), .integer(21_500_000)]),
                                     found: RowImage([.text("A"), .integer(1_075_000_000)]))
        #expect(d.count == 1 && d[0].column == "requested_cents")
        #expect(d.first?.expected == "€ 215.000,00" && d.first?.found == "€ 10.750.000,00", "amounts for people in Dutch notation")
        #expect(d.first?.expectedValue == "215000.00" && d.first?.foundValue == "10750000.00", "and for machines with a decimal point")
        let text = RowImage.differences(columns: ["status"], expected: RowImage([.text("rejected")]), found: RowImage([.text("approved")]))
        #expect(text.first?.expected == "\"rejected\"" && text.first?.expectedValue == "rejected")
    }

    /// "K" and the Kelvin sign U+212A are one String to Swift but other bytes: the column is named,
    /// and the two values are told apart by their code points (found by an attacker's review).
    @Test func textsThatReadAlikeButDifferInTheirBytesAreADifference() {
        let kelvin = "OV\u{212A}-1"
        #expect("OVK-1" == kelvin, "Swift holds them equal: the reason for this test")
        let d = RowImage.differences(columns: ["id", "contract"], expected: RowImage([.text("A"), .text("OVK-1")]), found: RowImage([.text("A"), .text(kelvin)]))
        #expect(d.count == 1 && d.first?.column == "contract", "\(d)")
        #expect(d.first?.expected == "\"OVK-1\"" && d.first?.found == "\"OV\\u{212A}-1\"", "\(d)")
        #expect(d.first?.expectedValue == "OVK-1" && d.first?.foundValue == "OV\\u{212A}-1", "\(d)")
        #expect(RowImage.differences(columns: ["contract"], expected: RowImage([.text(kelvin)]), found: RowImage([.text(kelvin)])).isEmpty)
    }

    @Test func aDamagedImageIsNotReadAsValues() {
        #expect(RowImage(bytes: [2, 0, 0, 0, 9, 65]).fields == nil)
        #expect(RowImage(bytes: [99]).fields == nil)
    }

    @Test func compositeKeysCannotReadAlike() {
        #expect(RowKey.text(["AB", "C"]) != RowKey.text(["A", "BC"]))
        #expect(RowKey.text(["DBM-1"]) == "DBM-1")
        #expect(RowKey.parts(RowKey.text(["DBM-1", "M2"]), count: 2) == ["DBM-1", "M2"])
        #expect(RowKey.parts("2:AB1:", count: 2) == nil)
        // A hostile length (a key added to row_binding with sqlite3) is no key, not a trap.
        #expect(RowKey.parts("15:DBM-2026-0000039223372036854775807:x", count: 2) == nil)
        #expect(RowKey.parts("9223372036854775807:x", count: 2) == nil)
        #expect(RowKey.display("9223372036854775807:x", count: 2) == "9223372036854775807:x")
        #expect(RowKey.display(RowKey.text(["DBM-1", "2027-06-30", "fte"]), count: 3) == "DBM-1 / 2027-06-30 / fte")
    }

    @Test func aCommitmentDependsOnEveryBindingAndItsOrder() {
        func commit(_ bindings: [(String, String, RowImage?)]) -> String {
            var c = BindingCommitment()
            for (t, k, i) in bindings { c.add(table: t, key: k, image: i) }
            return c.hex
        }
        let a = ("claim", "CL-1", Optional(RowImage([.integer(1)]))), b = ("claim", "CL-2", Optional<RowImage>.none)
        #expect(commit([a, b]) != commit([b, a]))
        #expect(commit([a]) != commit([("claim", "CL-1", RowImage([.integer(2)]))]))
        #expect(commit([b]) != commit([("claim", "CL-2", RowImage([]))]))
        #expect(BindingCommitment().isEmpty)
    }

    /// The key text's format, written part by part from bytes (the pre-update hook's way) and as
    /// `text` writes it, and the digits of a number as `String` writes them, at the ends of Int64.
    @Test func keyPartsAndDigitsAreWrittenAsTheirTexts() {
        let powers = (0...18).flatMap { e -> [Int64] in
            let p = (0..<e).reduce(Int64(1)) { n, _ in n * 10 }
            return [p - 1, p, p + 1, -p + 1, -p, -p - 1]
        }
        for n: Int64 in [0, 9, 10, -1, -10, 1_000_000, .max, .min, .max - 1, .min + 1] + powers + Array(-1_000...1_000) {
            var out: [UInt8] = []
            DecimalDigits.append(n, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(n))
            // After what the buffer held: the digits are appended, nothing before them changed.
            var after = Array("x:".utf8)
            DecimalDigits.append(n, to: &after)
            #expect(String(decoding: after, as: UTF8.self) == "x:" + String(n))
        }
        #expect(RowKey.text(["DBM-2026-00012", "M1"]) == "14:DBM-2026-000122:M1")
        #expect(RowKey.text(["é", "", "K"]) == "2:é0:1:K")
        var out: [UInt8] = []
        for part in ["DBM-2026-00012", "M1"] { Array(part.utf8).withUnsafeBytes { RowKey.append(part: $0, ofKeyWith: 2, to: &out) } }
        #expect(String(decoding: out, as: UTF8.self) == RowKey.text(["DBM-2026-00012", "M1"]))
        out = []
        Array("DBM-1".utf8).withUnsafeBytes { RowKey.append(part: $0, ofKeyWith: 1, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == "DBM-1")
    }
}
