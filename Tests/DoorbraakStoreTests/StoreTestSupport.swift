import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh folder for one test's database, removed by the caller.
func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("doorbraak-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The model plans of the source tree.
func sourcePlans() throws -> [ModelPlan] {
    let folder = packageRoot.appendingPathComponent("ModelPlans")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted().map { name in
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try ModelPlan(json: try JSONParser.parse([UInt8](data)))
    }
}

let testEvent = AuditContext(actor: "test", at: "2026-11-23T10:00:00.000Z", today: Day(2026, 11, 23))

/// A fresh store with the standard round in `folder`.
func freshStore(in folder: URL, settings: RoundSettings = .standard) throws -> Store {
    try Store.create(at: folder.appendingPathComponent("round.sqlite").path, settings: settings, plans: try sourcePlans(), event: testEvent)
}

/// Runs SQL through the `sqlite3` command-line tool, as someone tampering by hand would.
@discardableResult
func sqlite3(_ path: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", path, sql]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self)
    if process.terminationStatus != 0 { Issue.record("sqlite3 failed: \(output)") }
    return output
}
