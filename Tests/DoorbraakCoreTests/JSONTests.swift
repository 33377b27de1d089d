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

    /// What people and tools read (`pretty`, every `--json`) escapes each control or format
    /// character, also beyond ASCII and beyond the BMP (a surrogate pair); the canonical text,
    /// which is hashed, keeps them as they are; other text is untouched.
    @Test func prettyEscapesEveryUnprintableCharacterAndCanonicalKeepsThem() throws {
        let value = JSONValue.object([("id", .string("a\u{202E}b\u{9B}c\u{E0001}d\u{7F}e\u{1B}")), ("k\u{2066}", .string("€ café 😀"))])
        let pretty = value.pretty
        #expect(pretty.contains("\"a\\u202eb\\u009bc\\udb40\\udc01d\\u007fe\\u001b\""), "\(pretty)")
        #expect(pretty.contains("\"k\\u2066\"") && pretty.contains("\"€ café 😀\""), "\(pretty)")
        #expect(!pretty.unicodeScalars.contains { $0.value >= 0x7F && $0.isUnprintable })
        #expect(try JSONParser.parse(Array(pretty.utf8)) == value, "the escapes read back as the same text")
        #expect(value.canonical.contains("a\u{202E}b\u{9B}c\u{E0001}d\u{7F}e\\u001b"), "\(value.canonical)")
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

    /// A duplicate member is refused among the first members (compared one by one) and past
    /// them (in a set): both sides of `JSONParser.scannedMembers`.
    @Test(arguments: [2, 16, 17, 40, 5_000])
    func aDuplicateMemberIsFoundAmongManyMembers(count: Int) {
        let members = (0..<count).map { "\"k\($0)\": \($0)" }
        let unique = "{" + members.joined(separator: ", ") + "}"
        #expect((try? JSONParser.parse(unique)) != nil)
        let twice = "{" + (members + ["\"k\(count - 1)\": 0"]).joined(separator: ", ") + "}"
        #expect { try JSONParser.parse(twice) } throws: { ($0 as? DoorbraakError)?.message.contains("duplicate member \"k\(count - 1)\"") ?? false }
    }

    /// A record keeps at most `ErrorList.limit` errors and a closing note counting the rest (a
    /// review: 1.5 million failing array items kept 4.5 million errors, 3.6 GB).
    @Test(arguments: [(ErrorList.limit, 0), (ErrorList.limit + 1, 1), (10_000, 10_000 - ErrorList.limit)])
    func aRecordKeepsAFewErrorsAndCountsTheRest(failing: Int, omitted: Int) throws {
        var r = try JSONObjectReader(try JSONParser.parse("{\"items\": [" + Array(repeating: "{}", count: failing).joined(separator: ",") + "]}"))
        let error = try #require(throws: DoorbraakError.self) {
            _ = try r.array("items") { value, path throws(DoorbraakError) in
                var item = try JSONObjectReader(value, path: path)
                return try item.string("source")
            }
        }
        let all = error.all
        #expect(all.count == ErrorList.limit + (omitted > 0 ? 1 : 0))
        #expect(all.first?.field == "items[0].source" && all[ErrorList.limit - 1].field == "items[\(ErrorList.limit - 1)].source")
        if omitted > 0 {
            #expect(all.last?.message == "and \(omitted) more error\(omitted == 1 ? "" : "s") of this record, not listed (the first \(ErrorList.limit) are)" && all.last?.omitted == omitted)
        }
        // Combined again one level up behind one more error: the last kept one is counted too,
        // the count carries over, and it stays one note.
        let outer = try #require(DoorbraakError.combined([DoorbraakError(.input, "first", field: "id"), error]))
        #expect(outer.all.count == ErrorList.limit + 1 && outer.all.last?.omitted == omitted + 1 && outer.all.filter { $0.omitted > 0 }.count == 1)
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
