import Foundation
import Testing

/// Inputs end (SPEC §3.9, issue 17): a device, FIFO or socket is refused (exit 74) by every
/// import; standard input given as `-` is read once, under a size limit, like a file.
@Suite struct InputEndsTests {
    @Test(arguments: ["applications", "reviews", "claims", "costs", "monitoring"])
    func aDeviceIsRefusedAndNothingHangs(kind: String) throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let run = try runWithDeadline(["--db", s.db, "import", kind, "/dev/zero"], seconds: 20)
        #expect(!run.hung && run.status == 74 && run.stderr.contains("not a regular file"), "\(kind): \(run.status) \(run.stderr)")
    }

    @Test func aFIFOIsRefusedWithoutBeingOpenedTwice() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let fifo = s.folder.appendingPathComponent("reviews.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try runWithDeadline(["--db", s.db, "import", "reviews", fifo], seconds: 20)
        #expect(!run.hung && run.status == 74, "\(run.status) \(run.stderr)")
    }

    @Test func standardInputIsReadOnceAndItsErrorsName() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let input = try s.file("in.csv", "application_id,insurer,decision,reason,accepted_deviations,note\nNOPE-1,3311,approve,,,\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: doorbraakBinary)
        process.arguments = ["--db", s.db, "import", "reviews", "-"]
        // Its own temporary folder: other tests running meanwhile keep their private copies elsewhere.
        let temporary = s.folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporary.path
        process.environment = environment
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 66 || process.terminationStatus == 65, "\(stderr)")
        #expect(stderr.contains("(-:2: application_id)"), "\(stderr)")
        // The private copy of standard input is gone.
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
        #expect(left.isEmpty, "\(left)")
    }
}
