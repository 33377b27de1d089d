import DoorbraakCore
import Foundation
import Testing

/// The concurrency suite: 8 processes mixing decides, claims imports and reallocation on one
/// database. Busy is exit 75 with a message, a retry completes, and afterwards the full
/// `audit verify` holds: no overrun, no double pay, kept totals equal to the recount.
/// Full: `DOORBRAAK_LONG_TESTS=1 swift test --filter ConcurrencyMixTests`.
@Suite(.serialized) struct ConcurrencyMixTests {
    @Test func eightProcessesMixingDecidesClaimsAndReallocationKeepEveryInvariant() throws {
        let round = try StagedRound(count: 40, seed: 8)
        defer { round.remove() }
        let template = try #require(round.templates["nza decide --all"])
        let claims = round.base.folder.appendingPathComponent("claims.csv").path
        let ids = try template.sql("SELECT application_id FROM beschikking ORDER BY 1").split(separator: "\n").map(String.init)
        var rng = SplitMix64(seed: 75)
        var trials = 0, busy = 0, retried = 0, violations: [String] = []
        for trial in 1...cases(brief: 2, full: 30) {
            let s = try copy(of: template)
            defer { s.remove() }
            trials += 1
            let commands: [[String]] = [
                ["nza", "decide", "--all"], ["import", "claims", "--partial", claims], ["round", "reallocate"], ["nza", "decide", rng.pick(ids)],
                ["import", "claims", "--partial", claims], ["nza", "decide", "--all"], ["round", "reallocate"], ["import", "claims", claims],
            ]
            // A short busy timeout on some, so that busy (75) happens and its retry is exercised.
            let timeout = trial % 2 == 0 ? "1" : "60000"
            var running: [(Process, [String], String)] = []
            for arguments in commands {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: doorbraakBinary)
                process.arguments = ["--db", s.db, "--today", "2027-06-30"] + arguments
                var env = ProcessInfo.processInfo.environment
                env["DOORBRAAK_BUSY_TIMEOUT_MS"] = timeout
                process.environment = env
                let errPath = s.folder.appendingPathComponent("err-\(running.count)").path
                _ = FileManager.default.createFile(atPath: errPath, contents: nil)
                process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                running.append((process, arguments, errPath))
            }
            for (process, arguments, errPath) in running {
                process.waitUntilExit()
                let stderr = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
                switch process.terminationStatus {
                case 0, 1: break
                case 75:
                    busy += 1
                    if !stderr.contains("E-BUSY") || !stderr.contains("busy") { violations.append("trial \(trial): exit 75 without the busy message: \(stderr)") }
                    let retry = try s.run(arguments, today: "2027-06-30", environment: ["DOORBRAAK_BUSY_TIMEOUT_MS": "60000"])
                    retried += 1
                    if ![0, 1].contains(retry.status) { violations.append("trial \(trial): retry of \(arguments) exit \(retry.status) \(retry.stderr)") }
                default:
                    violations.append("trial \(trial): \(arguments) exit \(process.terminationStatus) \(stderr)")
                }
            }
            violations += try s.trustViolations("trial \(trial)")
            let twice = try s.sql("SELECT count(*) FROM (SELECT 1 FROM claim GROUP BY application_id, milestone HAVING count(*) > 1)")
            if twice != "0" { violations.append("trial \(trial): a milestone paid twice") }
        }
        figures("concurrency", ["trials": trials, "processes": trials * 8, "busy": busy, "retried": retried, "violations": violations.count])
        #expect(violations.isEmpty, "\(violations.prefix(5).joined(separator: "\n"))")
    }
}
