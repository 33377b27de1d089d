import DoorbraakCore
import DoorbraakImport
import Foundation
import Testing

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let modelPlansFolder = packageRoot.appendingPathComponent("ModelPlans").path

/// Runs a process and returns its exit status and output.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite struct ModelPlanFileTests {
    static let expected: [(String, Theme, [Sector])] = [
        ("spraakgestuurd-rapporteren", .ai, [.msz, .vvt, .ggz, .huisartsenzorg]),
        ("capaciteitsplanning", .ai, [.msz, .vvt]),
        ("mentaal-schakelpunt", .ai, [.ggz, .huisartsenzorg]),
        ("zorgpad-copd", .digitaleHybrideZorg, [.msz]), ("zorgpad-hartfalen", .digitaleHybrideZorg, [.msz]),
        ("zorgpad-diabetes", .digitaleHybrideZorg, [.msz]), ("zorgpad-astma", .digitaleHybrideZorg, [.msz]),
        ("zorgpad-hypertensie-zwangeren", .digitaleHybrideZorg, [.msz]), ("zorgpad-ibd", .digitaleHybrideZorg, [.msz]),
        ("digitale-emdr", .digitaleHybrideZorg, [.ggz]), ("digitale-beslisondersteuning", .digitaleHybrideZorg, [.ggz]),
        ("digitale-triage", .digitaleHybrideZorg, [.huisartsenzorg]),
        ("digitale-training-screening-wijkverpleging", .digitaleHybrideZorg, [.vvt]),
        ("slim-incontinentiemateriaal", .medischeTechnologie, [.vvt, .msz]),
        ("vacuumtherapie-wondzorg", .medischeTechnologie, [.vvt, .msz]),
        ("stoma-sensortechnologie", .medischeTechnologie, [.vvt, .msz]),
    ]

    @Test func theSixteenPlansOfSpecSection4LoadWithTheirThemesAndSectors() throws {
        let plans = try PlanDirectory.load(modelPlansFolder)
        #expect(plans.count == 16)
        for (id, theme, sectors) in Self.expected {
            let plan = try #require(plans.first { $0.id.rawValue == id }, "missing plan \(id)")
            #expect(plan.theme == theme, "\(id)")
            #expect(Set(plan.sectors) == Set(sectors), "\(id)")
        }
        #expect(Set(plans.map(\.code)).count == 16)
    }

    @Test func crossFieldRulesHoldForEveryPlan() throws {
        for plan in try PlanDirectory.load(modelPlansFolder) {
            #expect(plan.milestones.reduce(0) { $0 + $1.share } == 100, "\(plan.id)")
            #expect(Set(plan.milestones.map(\.code)).count == plan.milestones.count, "\(plan.id)")
            #expect(plan.milestones.allSatisfy { RoundSettings.eligibleYears.contains($0.latest.year) }, "\(plan.id)")
            #expect((1...14).allSatisfy { !(plan.basiseisen[$0] ?? "").isEmpty }, "\(plan.id)")
            // Medtech plans may not fund buying aids (004 lines 2805–2810).
            #expect(plan.excludedCategories.contains(.hulpmiddelAanschaf) == (plan.theme == .medischeTechnologie), "\(plan.id)")
            #expect(plan.source.contains("004"), "\(plan.id) must cite the fact base")
        }
    }

    @Test func everyPlanValidatesWithPythonJSONSchema() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: modelPlansFolder).filter { $0.hasSuffix(".json") }.map { modelPlansFolder + "/" + $0 }
        #expect(files.count == 16)
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        bad = 0
        for f in sys.argv[2:]:
            for e in v.iter_errors(json.load(open(f))):
                bad += 1
                print(f, list(e.path), e.message)
        print("checked", len(sys.argv) - 2)
        sys.exit(1 if bad else 0)
        """
        let result = try runProcess("/usr/bin/env", ["python3", "-c", script, packageRoot.appendingPathComponent("Schemas/model-plan.schema.json").path] + files)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("checked 16"))
    }

    @Test func schemaAndSwiftLoaderBothRejectBrokenPlans() throws {
        let original = try String(contentsOfFile: modelPlansFolder + "/zorgpad-copd.json", encoding: .utf8)
        let breakages: [(String, (inout [String: Any]) -> Void)] = [
            ("unknown field", { $0["typo"] = "x" }),
            ("share as a string", { p in
                var ms = p["milestones"] as! [[String: Any]]; ms[0]["share"] = "15"; p["milestones"] = ms
            }),
            ("amount as a number", { p in
                var n = p["norms"] as! [String: Any]; n["max_amount_per_provider"] = 3000000; p["norms"] = n
            }),
            ("missing basiseis", { p in
                var b = p["basiseisen"] as! [String: Any]; b.removeValue(forKey: "14"); p["basiseisen"] = b
            }),
            ("due date in 2030", { p in
                var ms = p["milestones"] as! [[String: Any]]; ms[ms.count - 1]["latest"] = "2030-06-30"; p["milestones"] = ms
            }),
        ]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broken-plans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, breakIt) in breakages {
            var plan = try JSONSerialization.jsonObject(with: Data(original.utf8)) as! [String: Any]
            breakIt(&plan)
            let file = folder.appendingPathComponent("zorgpad-copd.json")
            try JSONSerialization.data(withJSONObject: plan).write(to: file)
            #expect(throws: DoorbraakError.self, "Swift loader accepts: \(name)") { try PlanDirectory.load(folder.path) }
            let python = try runProcess("/usr/bin/env", ["python3", "-c",
                "import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1])), format_checker=jsonschema.FormatChecker()).validate(json.load(open(sys.argv[2])))",
                packageRoot.appendingPathComponent("Schemas/model-plan.schema.json").path, file.path])
            #expect(python.status != 0, "jsonschema accepts: \(name)")
        }
    }

    @Test func swiftLoaderChecksWhatTheSchemaCannot() throws {
        let cases: [(String, (inout [String: Any]) -> Void, String)] = [
            ("shares add up to 99", { p in
                var ms = p["milestones"] as! [[String: Any]]; ms[0]["share"] = (ms[0]["share"] as! Int) - 1; p["milestones"] = ms
            }, "add up to 99"),
            ("milestones out of order", { p in
                var ms = p["milestones"] as! [[String: Any]]; ms.swapAt(0, 1); p["milestones"] = ms
            }, "M1, M2"),
            ("sector twice", { p in p["sectors"] = ["msz", "msz"] }, "listed twice"),
        ]
        let original = try String(contentsOfFile: modelPlansFolder + "/zorgpad-copd.json", encoding: .utf8)
        for (name, breakIt, fragment) in cases {
            var plan = try JSONSerialization.jsonObject(with: Data(original.utf8)) as! [String: Any]
            breakIt(&plan)
            let data = try JSONSerialization.data(withJSONObject: plan)
            do {
                _ = try ModelPlan(json: try JSONParser.parse([UInt8](data)))
                Issue.record("accepted: \(name)")
            } catch {
                #expect(error.code == .planFile && error.message.contains(fragment), "\(name): \(error)")
            }
        }
    }

    @Test func duplicateCodesAndMisnamedFilesAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dup-plans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: modelPlansFolder + "/zorgpad-copd.json", toPath: folder.path + "/zorgpad-astma.json")
        #expect {
            try PlanDirectory.load(folder.path)
        } throws: { error in
            (error as? DoorbraakError).map { $0.message.contains("must be named zorgpad-copd.json") && $0.file?.hasSuffix("zorgpad-astma.json") == true } ?? false
        }
    }
}
