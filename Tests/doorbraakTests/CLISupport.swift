import Foundation
import Testing

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `doorbraak` executable (`swift test` builds it beside the test bundle).
let doorbraakBinary: String = {
    let candidates = [
        Bundle.main.bundleURL.appendingPathComponent("doorbraak").path,
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("doorbraak").path,
        packageRoot.appendingPathComponent(".build/debug/doorbraak").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
}()

/// What one run of the CLI did.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A scratch folder with a database path, for one test.
struct Sandbox {
    let folder: URL
    var db: String { folder.appendingPathComponent("round.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("doorbraak-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Writes `text` to a file in the sandbox and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs `doorbraak --db <db> --today <today> arguments…`; without `today`, on the sandbox's
    /// calendar (`Sandbox.day(of:)`).
    func run(_ arguments: [String], today: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        try runDoorbraak(["--db", db, "--today", today ?? Sandbox.day(of: arguments)] + arguments, environment: environment, directory: folder)
    }

    /// The sandbox's business calendar: submissions and reviews on 2026-11-23, before the
    /// deadline; a request for a beschikking (or a withdrawal) on 2026-12-03, after an allocation
    /// on 2026-12-02; a decision of the NZa on the first working day its rules are in force
    /// (004 line 284).
    static func day(of arguments: [String]) -> String {
        if arguments.starts(with: ["nza", "decide"]) { return "2027-01-04" }
        if arguments.starts(with: ["nza", "request"]) || arguments.starts(with: ["application", "withdraw"]) { return "2026-12-03" }
        return "2026-11-23"
    }

    /// `init` with the source tree's plans.
    func initRound(_ extra: [String] = []) throws {
        let result = try run(["init", "--plans", packageRoot.appendingPathComponent("ModelPlans").path] + extra)
        #expect(result.status == 0, "init failed: \(result.stderr)")
    }
}

/// Runs the binary with `arguments` and waits for it.
func runDoorbraak(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: doorbraakBinary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "DOORBRAAK_DB")
    env.removeValue(forKey: "DOORBRAAK_TODAY")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently so a large output cannot block the child.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// Parses stdout as JSON with Foundation (an independent reader).
func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}
