import Foundation
import Testing

/// Issue 21: the writes-only floor of the benchmark is honest — after each import (applications,
/// reviews, claims, costs, monitoring) and `nza decide --all`, the floor's copy holds as many rows
/// in every table as the database the import wrote, row bindings and audit events included, and
/// the floor changed as many pages of every table and index within 10% (`PagesWritten`). Runs the
/// benchmark's own `--check-floor` on 600 applications with the debug-built engine: at that size a
/// floor whose cost events sort apart from the import's (subject the line, not the application)
/// changes 8 pages of `audit_event_subject` against the import's 29, and fails.
@Suite struct BenchFloorTests {
    @Test func theFloorMakesTheImportsWritesTableByTable() throws {
        let bench = URL(fileURLWithPath: doorbraakBinary).deletingLastPathComponent().appendingPathComponent("doorbraak-bench").path
        try #require(FileManager.default.isExecutableFile(atPath: bench), "swift test builds doorbraak-bench beside doorbraak")
        let result = try runDoorbraakLike(bench, ["--check-floor", "--sizes", "600", "--engine", doorbraakBinary])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("the floor made as many rows in every table as each import, and changed as many pages of every B-tree within 10% (or two pages)"))
        // Every import was compared, its row bindings and its events' pages too.
        let lines = result.stdout.split(separator: "\n")
        for name in ["applications", "reviews", "claims", "costs", "monitoring", "decide --all"] {
            #expect(lines.contains { $0.hasPrefix(name) && $0.contains(" row_binding ") }, "\(name)")
            #expect(lines.contains { $0.hasPrefix(name) && $0.contains("pages of audit_event_subject") }, "\(name)")
        }
    }
}

/// Runs another executable of the package as `runDoorbraak` runs `doorbraak`.
func runDoorbraakLike(_ path: String, _ arguments: [String]) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}
