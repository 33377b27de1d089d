import DoorbraakCore
@testable import DoorbraakStore
import Foundation
import Testing

/// `audit verify` reads on two connections; found by an attacker's review: a row and its binding
/// edited together by another program between the two begins passed, because each connection
/// checked a different state. Now no commit can come between them.
@Suite(.serialized) struct VerifySnapshotTests {
    /// The second connection is closed before the first, however late the job's thread ends: the
    /// first, closing last, removes -wal and -shm (CI found them left behind by `audit verify` on
    /// a busy machine, the second connection still held by the job's thread).
    @Test func theSecondConnectionIsClosedBeforeTheFirst() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try freshStore(in: folder).db.path
        RowCheckJob.afterItsResult = { usleep(300_000) }
        defer { RowCheckJob.afterItsResult = nil }
        #expect(try Store.open(at: path, readOnly: true).verifyEverything(anchor: nil).ok)
        for suffix in ["-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: path + suffix), "\(suffix) left behind") }
    }

    @Test func noCommitLandsBetweenTheTwoSnapshotsOfAuditVerify() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try freshStore(in: folder).db.path
        var tamper: (status: Int32, output: String)?
        Store.betweenTheTwoBegins = { begun in
            guard begun == path else { return }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3", path, "UPDATE theme SET amount_cents = amount_cents + 100 WHERE theme = 'ai'"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try? process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            tamper = (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let result = try Store.open(at: path, readOnly: true).verifyEverything(anchor: nil)
        Store.betweenTheTwoBegins = nil
        let attempt = try #require(tamper)
        #expect(attempt.status != 0 && attempt.output.contains("locked"), "a write got through between the two begins: \(attempt.output)")
        #expect(result.ok)
        // The same write after the audit lands, and the next audit names it.
        try sqlite3(path, "UPDATE theme SET amount_cents = amount_cents + 100 WHERE theme = 'ai'")
        let after = try Store.open(at: path, readOnly: true).verifyEverything(anchor: nil)
        #expect(after.rows.findings.contains { $0.table == "theme" && $0.column == "amount_cents" })
    }
}
