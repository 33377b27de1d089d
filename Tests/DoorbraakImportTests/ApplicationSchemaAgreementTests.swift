import DoorbraakCore
import DoorbraakImport
import Foundation
import Testing

/// Runs a corpus of application files through Python's `jsonschema` (an independent validator)
/// and through the Swift reader, and asserts that they agree on every file.
@Suite struct ApplicationSchemaAgreementTests {
    static let fixture = packageRoot.appendingPathComponent("Tests/DoorbraakImportTests/Fixtures/valid-application.json")

    /// (name, edit of the fixture as a Foundation object, whether it is structurally valid)
    nonisolated(unsafe) static let corpus: [(String, (inout [String: Any]) -> Void, Bool)] = [
        ("the fixture", { _ in }, true),
        ("no other_funding and no deviations", { $0.removeValue(forKey: "other_funding"); $0.removeValue(forKey: "deviations") }, true),
        ("whole-euro amount", { $0["requested"] = "1000000" }, true),
        ("fte as a JSON number with one decimal", { p in var i = p["impact"] as! [String: Any]; i["fte_saved"] = 18.5; p["impact"] = i }, true),
        ("fte as a whole JSON number", { p in var i = p["impact"] as! [String: Any]; i["fte_saved"] = 18; p["impact"] = i }, true),
        ("rule failures are not structure: unknown plan, same insurers, year 2031", { p in
            p["plan"] = "zorgpad-griep"; p["insurers"] = ["coordinating": "3311", "second": "3311"]
            var b = p["budget"] as! [[String: Any]]; b[0]["year"] = 2031; p["budget"] = b
        }, true),
        ("unknown top-level field", { $0["regio"] = "Twente" }, false),
        ("unknown nested field", { p in var c = p["coalition"] as! [[String: Any]]; c[0]["kvk"] = "1"; p["coalition"] = c }, false),
        ("amount as a JSON number", { $0["requested"] = 1000000 }, false),
        ("amount with three decimals", { $0["requested"] = "1000000.000" }, false),
        ("negative amount", { $0["requested"] = "-1.00" }, false),
        ("amount with a decimal comma", { $0["requested"] = "1000000,00" }, false),
        ("blank amount", { $0["requested"] = "" }, false),
        ("fte with two decimals as a string", { p in var i = p["impact"] as! [String: Any]; i["fte_saved"] = "18.55"; p["impact"] = i }, false),
        ("negative fte", { p in var i = p["impact"] as! [String: Any]; i["fte_saved"] = -1; p["impact"] = i }, false),
        ("missing field", { $0.removeValue(forKey: "region") }, false),
        ("missing nested field", { p in var m = p["milestones"] as! [[String: Any]]; m[0].removeValue(forKey: "due"); p["milestones"] = m }, false),
        ("bad id", { $0["id"] = "dbm-1" }, false),
        ("bad AGB", { p in var c = p["coalition"] as! [[String: Any]]; c[0]["agb"] = "1234"; p["coalition"] = c }, false),
        ("bad milestone code", { p in var m = p["milestones"] as! [[String: Any]]; m[0]["code"] = "M10"; p["milestones"] = m }, false),
        ("impossible date", { p in var m = p["milestones"] as! [[String: Any]]; m[0]["due"] = "2027-02-30"; p["milestones"] = m }, false),
        ("unknown category", { p in var b = p["budget"] as! [[String: Any]]; b[0]["category"] = "ict"; p["budget"] = b }, false),
        ("year as a string", { p in var b = p["budget"] as! [[String: Any]]; b[0]["year"] = "2027"; p["budget"] = b }, false),
        ("same_scope as a string", { p in p["other_funding"] = [["source": "iza", "reference": "x", "same_scope": "no"]] }, false),
        ("blank title", { $0["title"] = "   " }, false),
        ("basiseisen as an array", { $0["basiseisen"] = ["a", "b"] }, false),
        ("a basiseis answer as a number", { p in var b = p["basiseisen"] as! [String: Any]; b["3"] = 3; p["basiseisen"] = b }, false),
        ("coalition as an object", { $0["coalition"] = ["agb": "12345678"] }, false),
        ("insurers missing second", { $0["insurers"] = ["coordinating": "3311"] }, false),
        ("deviation explanation as a boolean", { $0["deviations"] = ["milestones.M1.due": true] }, false),
    ]

    @Test func pythonJSONSchemaAndTheSwiftReaderAgree() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture)) as! [String: Any]
        var files: [String] = []
        for (i, (_, edit, _)) in Self.corpus.enumerated() {
            var document = base
            edit(&document)
            let file = folder.appendingPathComponent("case-\(i).json")
            try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: file)
            files.append(file.path)
        }
        let script = """
        import json, sys, jsonschema
        v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])), format_checker=jsonschema.FormatChecker())
        for f in sys.argv[2:]:
            print("valid" if v.is_valid(json.load(open(f))) else "invalid")
        """
        let python = try runProcess("/usr/bin/env", ["python3", "-c", script, packageRoot.appendingPathComponent("Schemas/application.schema.json").path] + files)
        try #require(python.status == 0, "\(python.output)")
        let verdicts = python.output.split(separator: "\n").map(String.init)
        try #require(verdicts.count == files.count)
        for (i, (name, _, expectedValid)) in Self.corpus.enumerated() {
            let swiftValid: Bool
            var swiftError = ""
            do {
                _ = try ApplicationIntake.parse(try InputFile.bytes(files[i]))
                swiftValid = true
            } catch {
                swiftValid = false
                swiftError = error.description
            }
            #expect((verdicts[i] == "valid") == expectedValid, "jsonschema on \(name): \(verdicts[i])")
            #expect(swiftValid == expectedValid, "Swift reader on \(name): \(swiftError)")
            if !swiftValid { #expect(swiftError.contains("E-INPUT"), "\(name): \(swiftError)") }
        }
    }

    @Test func theReaderNamesTheFieldPath() throws {
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture)) as! [String: Any]
        var milestones = document["milestones"] as! [[String: Any]]
        milestones[2]["tariff"] = 250000
        document["milestones"] = milestones
        let data = try JSONSerialization.data(withJSONObject: document)
        #expect { try ApplicationIntake.parse([UInt8](data)) } throws: { ($0 as? DoorbraakError)?.field == "milestones[2].tariff" }
    }
}
