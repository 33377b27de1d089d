import DoorbraakCore
import Foundation
import Testing

/// The crash suite: kill -9 at seeded random points during every import, `nza decide --all`,
/// `round allocate` and `round reallocate`; then integrity_check, the full `audit verify`
/// (chain, kept totals, invariants), and a re-run that converges to an uninterrupted run's
/// canonical dump. Full: `DOORBRAAK_LONG_TESTS=1 swift test --filter CrashSuiteTests`.
@Suite(.serialized) struct CrashSuiteTests {
    @Test func killedAtRandomPointsEveryCommandConvergesToTheUninterruptedState() throws {
        let round = try StagedRound(count: 60, seed: 21)
        defer { round.remove() }
        var rng = SplitMix64(seed: 2026)
        var kills = 0, midway = 0, violations: [String] = []
        let perStage = cases(brief: 2, full: 25)
        for (index, stage) in round.stages.enumerated() {
            guard let template = round.templates[stage.name] else { continue }
            // The uninterrupted run and its duration, the window for the kills.
            let reference = try copy(of: template)
            defer { reference.remove() }
            let started = Date()
            _ = try reference.run(stage.arguments, today: stage.today, environment: stage.environment)
            let window = max(Date().timeIntervalSince(started), 0.02)
            let expected = try reference.canonicalDump()
            let before = try template.canonicalDump()
            for trial in 1...perStage {
                let s = try copy(of: template)
                defer { s.remove() }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: doorbraakBinary)
                process.arguments = ["--db", s.db, "--today", stage.today] + stage.arguments
                process.environment = ProcessInfo.processInfo.environment.merging(stage.environment) { _, new in new }
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(UInt32(Double(rng.int(0...1000)) / 1000 * window * 1.1 * 1_000_000))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                kills += 1
                let context = "\(stage.name) trial \(trial)"
                violations += try s.trustViolations("\(context) after the kill")
                let after = try s.canonicalDump()
                if after != before && after != expected { midway += 1 }
                let rerun = try s.run(stage.arguments, today: stage.today, environment: stage.environment)
                if ![0, 1].contains(rerun.status) { violations.append("\(context): re-run exit \(rerun.status) \(rerun.stderr)") }
                violations += try s.trustViolations("\(context) after the re-run")
                if try s.canonicalDump() != expected { violations.append("\(context): the re-run did not converge to the uninterrupted state") }
            }
            _ = index
        }
        figures("crash", ["stages": round.stages.count, "kills": kills, "killed_midway": midway, "violations": violations.count])
        #expect(violations.isEmpty, "\(violations.prefix(5).joined(separator: "\n"))")
    }
}
