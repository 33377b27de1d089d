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
