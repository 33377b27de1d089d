import DoorbraakCore
@testable import DoorbraakImport
import Foundation
import Testing

@Suite struct PlanDirectoryTests {
    @Test func missingFolderIsCodedMissing() throws {
        #expect(throws: DoorbraakError.self) { try PlanDirectory.load("/nonexistent/plans") }
        do {
            _ = try PlanDirectory.load("/nonexistent/plans")
        } catch {
            #expect(error.code == .missing)
            #expect(error.file == "/nonexistent/plans")
        }
    }

    /// Every broken plan file is named at once, each with every failing field (a review: three
    /// broken files and a plan with four bad fields were named one per run).
    @Test func everyBrokenPlanFileIsNamedWithEveryField() throws {
        let folder = packageRoot.appendingPathComponent("ModelPlans")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var files = try names.map { (name: $0, bytes: Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
        func edited(_ i: Int, _ change: (inout [String: Any]) -> Void) throws {
            var plan = try #require(try JSONSerialization.jsonObject(with: Data(files[i].bytes)) as? [String: Any])
            change(&plan)
            files[i].bytes = Array(try JSONSerialization.data(withJSONObject: plan))
        }
        try edited(0) { p in
            p["theme"] = "nope"
            var norms = p["norms"] as! [String: Any]
            norms["min_providers"] = 0
            p["norms"] = norms
            var milestones = p["milestones"] as! [[String: Any]]
            milestones[0]["share"] = 101
            p["milestones"] = milestones
            p["titel"] = "x"
        }
        try edited(1) { p in p["code"] = 7; p["kpis"] = Array(repeating: [String: Any](), count: 40) }
        files[2].bytes = Array("{".utf8)
        let error = try #require(throws: DoorbraakError.self) { try PlanDirectory.plans(from: files, folder: "plans") }
        let first = error.all.filter { $0.file == "plans/\(names[0])" }.compactMap(\.field).sorted()
        #expect(first == ["milestones[0].share", "norms.min_providers", "theme", "titel"], "\(error.all)")
        #expect(error.all.contains { $0.file == "plans/\(names[1])" && $0.field == "code" })
        #expect(error.all.contains { $0.file == "plans/\(names[2])" })
        // A file with many errors names a few and counts the rest, so the files after it are named
        // too (a tamper review: the first file's errors filled the list).
        let second = error.all.filter { $0.file == "plans/\(names[1])" }
        #expect(second.count == PlanDirectory.errorsPerFile + 1 && second.last?.omitted == 121 - PlanDirectory.errorsPerFile, "\(second.map(\.message))")
        #expect(error.all.allSatisfy { [names[0], names[1], names[2]].map { "plans/\($0)" }.contains($0.file ?? "") })
        // The files as they are load.
        files = try names.map { (name: $0, bytes: Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
        #expect(try PlanDirectory.plans(from: files, folder: "plans").count == names.count)
    }
}

@Suite struct BuiltInPlanTests {
    /// The plans compiled into the executable are exactly the files of `ModelPlans/`.
    @Test func theBuiltInPlansAreTheFolder() throws {
        let folder = packageRoot.appendingPathComponent("ModelPlans")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        let files = try names.map { (name: $0, text: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
        let source = packageRoot.appendingPathComponent("Sources/DoorbraakImport/EmbeddedPlans.swift")
        if ProcessInfo.processInfo.environment["DOORBRAAK_WRITE_PLANS"] == "1" {
            try EmbeddedPlans.sourceText(files).write(to: source, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: source, encoding: .utf8) == EmbeddedPlans.sourceText(files),
                "EmbeddedPlans.swift differs from ModelPlans/; regenerate with DOORBRAAK_WRITE_PLANS=1 swift test --filter theBuiltInPlansAreTheFolder, then rebuild")
        #expect(EmbeddedPlans.files.map(\.name) == names)
        #expect(try PlanDirectory.builtIn() == PlanDirectory.load(folder.path))
    }
}
