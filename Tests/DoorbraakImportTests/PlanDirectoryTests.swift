import DoorbraakCore
import DoorbraakImport
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
