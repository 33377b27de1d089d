@testable import DoorbraakImport
import DoorbraakCore
import Testing

/// The hand-written CSV line splitter: its fast path for lines without a quote and its general
/// path agree, and every malformed field is named.
@Suite struct CSVReaderTests {
    func split(_ line: String, _ delimiter: Character = ",") throws(DoorbraakError) -> [String] {
        try CSVReader.split(Array(line.utf8), delimiter: UInt8(ascii: delimiter.unicodeScalars.first!))
    }

    func error(_ body: () throws(DoorbraakError) -> [String]) -> String? {
        do { _ = try body(); return nil } catch { return error.message }
    }

    @Test func plainQuotedAndEmptyFields() throws {
        #expect(try split("a,b,c") == ["a", "b", "c"])
        #expect(try split("") == [""])
        #expect(try split(",,") == ["", "", ""])
        #expect(try split("a;b,c", ";") == ["a", "b,c"])
        #expect(try split("\"a,b\",c") == ["a,b", "c"])
        #expect(try split("\"say \"\"hi\"\"\",x") == ["say \"hi\"", "x"])
        #expect(try split("  \"a\"  ,b") == ["a", "b"], "spaces around a quoted field")
        #expect(try split("é,€ 1.250,00", ";") == ["é,€ 1.250,00"])
    }

    /// An application file (JSON) is told apart from a CSV header, after spaces and tabs; a
    /// header that only holds a brace later is not. (After a byte order mark: `DailyWorkTests`,
    /// through the reader that takes the mark off.)
    @Test func aJSONFirstLineIsToldApart() {
        for line in ["{\"a\": 1}", "[1]", "  \t{", " ["] { #expect(CSVReader.readsAsJSON(Array(line.utf8)), "\(line)") }
        for line in ["application_id,insurer", "", "a,{b}", " x[", "\u{FEFF}application_id"] { #expect(!CSVReader.readsAsJSON(Array(line.utf8)), "\(line)") }
    }

    @Test func everyMalformedFieldIsNamedOnBothPaths() throws {
        #expect(error { () throws(DoorbraakError) in try split("a,b\"c") } == "a quote inside unquoted field 2")
        #expect(error { () throws(DoorbraakError) in try split("\"a\"b,c") } == "text after the closing quote of field 1")
        #expect(error { () throws(DoorbraakError) in try split("a,\"b") } == "field 2 opens a quote that is not closed on this line")
        #expect(error { () throws(DoorbraakError) in try split("a,b\u{0}") } == "field 2 contains a NUL byte")
        #expect(error { () throws(DoorbraakError) in try split("\"a\",b\u{0}") } == "field 2 contains a NUL byte")
        for lineBreak in ["\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"] {
            #expect(error { () throws(DoorbraakError) in try split("a,b\(lineBreak)c") }?.hasPrefix("field 2 holds a line break") == true)
            #expect(error { () throws(DoorbraakError) in try split("a,\"b\(lineBreak)\"") }?.hasPrefix("field 2 holds a line break") == true)
        }
        #expect(try split("a,b\u{2027}c\u{A0}é") == ["a", "b\u{2027}c\u{A0}é"])
        let invalid: [UInt8] = [0x61, 0x2C, 0xFF, 0x2C, 0x62]
        #expect(error { () throws(DoorbraakError) in try CSVReader.split(invalid, delimiter: 0x2C) } == "field 2 is not valid UTF-8")
        #expect(error { () throws(DoorbraakError) in try CSVReader.splitQuoted(invalid, delimiter: 0x2C) } == "field 2 is not valid UTF-8")
    }

    /// Seeded random lines without quotes: the fast path gives what the general path gives.
    @Test func theFastPathAgreesWithTheGeneralPath() throws {
        var generator = SplitMix(seed: 21)
        let alphabet: [UInt8] = Array("ab ,;.-0é€".utf8) + [0x00, 0xFF]
        for _ in 0..<2000 {
            let line = (0..<Int(generator.next() % 24)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";")] {
                let fast = Result { () throws(DoorbraakError) in try CSVReader.split(line, delimiter: delimiter) }
                let general = Result { () throws(DoorbraakError) in try CSVReader.splitQuoted(line, delimiter: delimiter) }
                switch (fast, general) {
                case (.success(let a), .success(let b)): #expect(a == b, "\(line)")
                case (.failure(let a), .failure(let b)): #expect(a.message == b.message, "\(line)")
                default: Issue.record("the paths disagree on \(line)")
                }
            }
        }
    }
}

/// A small seeded generator, so that a failure is found again.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
