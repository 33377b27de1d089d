@testable import DoorbraakImport
import DoorbraakCore
import Foundation
import Testing

/// A reviews row's decision and reason say what was meant (a newcomer's try: `aprove` got no
/// hint, and an empty reason read `reason "" must be one of …`).
@Suite struct ReviewRowHintTests {
    /// The message each row of `rows` (after the header) is refused with, nil for a row read.
    func messages(_ rows: [String]) throws -> [String?] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("review-hints-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try ((["application_id,insurer,decision,reason,accepted_deviations,note"] + rows).joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: file.path, expected: ReviewImport.columns, optional: ReviewImport.optionalColumns)
        var found: [String?] = []
        while let row = try reader.next() {
            let record = try row.get()
            do throws(DoorbraakError) {
                _ = try ReviewImport.decision(from: record) { _ in ["MZ.1"] }
                found.append(nil)
            } catch {
                found.append(error.message)
            }
        }
        return found
    }

    @Test func aMistypedDecisionOrReasonIsNamedWithTheOneMeant() throws {
        let found = try messages([
            "A-1,3311,aprove,,,",
            "A-1,3311,Reject,R1,,not complete",
            "A-1,3311,maybe,,,",
            "A-1,3311,reject,r2,,no impact",
            "A-1,3311,reject,,,no reason given",
            "A-1,3311,reject,R7,,",
            "A-1,3311,reject,R2,,the row as it should be",
        ])
        #expect(found[0] == "decision \"aprove\" must be approve or reject; did you mean approve?")
        #expect(found[1] == "decision \"Reject\" must be approve or reject; did you mean reject?")
        #expect(found[2] == "decision \"maybe\" must be approve or reject")
        #expect(found[3] == "reason \"r2\" must be one of R1, R2, R3, R4, R5, R9; did you mean R2?")
        #expect(found[4] == "a rejection needs a reason: one of R1, R2, R3, R4, R5, R9")
        #expect(found[5] == "reason \"R7\" must be one of R1, R2, R3, R4, R5, R9")
        #expect(found[6] == nil)
    }
}
