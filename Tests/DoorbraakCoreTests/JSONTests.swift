import DoorbraakCore
import Testing

@Suite struct JSONTests {
    @Test func keepsNumbersAsWritten() throws {
        let v = try JSONParser.parse(#"{"a": 12.50, "b": [1, -0.5, 1e3], "c": "x"}"#)
        #expect(v["a"] == .number("12.50"))
        #expect(v["b"] == .array([.number("1"), .number("-0.5"), .number("1e3")]))
    }

    @Test func canonicalFormSortsKeysAndDropsWhitespace() throws {
        let a = try JSONParser.parse("{\"b\": 1,\n \"a\": {\"d\": [true, null], \"c\": \"é\\n\"}}")
        let b = try JSONParser.parse(#"{"a":{"c":"\u00e9\n","d":[true,null]},"b":1}"#)
        #expect(a.canonical == #"{"a":{"c":"é\n","d":[true,null]},"b":1}"#)
        #expect(a.canonical == b.canonical)
    }

    @Test func skipsByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .object([]))
    }

    @Test(arguments: [
        ("", "ends where a value"), ("{", "member name"), (#"{"a":1,}"#, "member name"), ("[1,]", "unexpected character"),
        (#"{"a":1,"a":2}"#, "duplicate member \"a\""), ("01", "may not start with 0"), ("1.", "digits must follow"),
        (#""abc"#, "ends inside a string"), ("\"a\nb\"", "span lines"), (#""\x""#, "invalid escape"),
        (#""\ud800""#, "lone surrogate"), ("{} x", "after the JSON value"), ("tru", "expected 'true'"),
        ("{\n\"a\": ?}", "line 2, column 6"),
    ])
    func rejectsWithPosition(text: String, fragment: String) {
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            (error as? DoorbraakError).map { $0.code == .input && $0.message.contains(fragment) } ?? false
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: DoorbraakError.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: DoorbraakError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect((try? JSONParser.parse(ok)) != nil)
    }

    @Test func readerRefusesUnknownFieldsAndNumbersAsAmounts() throws {
        var r = try JSONObjectReader(try JSONParser.parse(#"{"amount": 12.5, "x": 1}"#), path: "budget[0]")
        #expect {
            try r.money("amount")
        } throws: { error in
            let e = error as? DoorbraakError
            return e?.field == "budget[0].amount" && (e?.message.contains("JSON number") ?? false)
        }
        #expect {
            try r.finish()
        } throws: { error in
            (error as? DoorbraakError)?.field == "budget[0].x"
        }
    }

    @Test func readerNamesMissingFields() throws {
        var r = try JSONObjectReader(try JSONParser.parse("{}"))
        #expect { try r.string("id") } throws: { ($0 as? DoorbraakError)?.field == "id" }
    }

    @Test func errorDescriptionFollowsTheSpecFormat() {
        let e = DoorbraakError(.bar, "too little impact", field: "impact.fte_saved", file: "a.jsonl", line: 3)
        #expect(e.description == "E-BAR: too little impact (a.jsonl:3: impact.fte_saved)")
        #expect(DoorbraakError(.input, "x").description == "E-INPUT: x")
    }
}

@Suite struct NearestNameTests {
    @Test func aMisspeltFieldGetsTheNearestKnownName() {
        #expect(NearestName.suggestion(for: "titel", among: ["title", "region"]) == "title")
        #expect(NearestName.suggestion(for: "requsted", among: ["requested", "region"]) == "requested")
        #expect(NearestName.suggestion(for: "colour", among: ["title", "region"]) == nil, "nothing near: no hint")
        #expect(NearestName.suggestion(for: "idd", among: ["id"]) == "id")
    }
}
