import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

/// `DOORBRAAK_LONG_TESTS=1 swift test --filter ConcurrencyTests` runs the long versions.
let longTests = ProcessInfo.processInfo.environment["DOORBRAAK_LONG_TESTS"] == "1"

/// 120 pending requests of €100,000–€219,000 under a ceiling of €6,000,000: roughly a third fits.
func pendingRound() throws -> Sandbox {
    let sandbox = try Sandbox()
    var keep = false
    defer { if !keep { sandbox.remove() } }
    var rng = SplitMix64(seed: 11)
    let applications = (1...120).map { i in ("P-\(1000 + i)", rng.int(100...219) * 100_000, rng.int(50...400)) }
    try sandbox.ceilingRound(ceiling: "6000000.00", applications: applications, contracts: true)
    keep = true
    return sandbox
}

/// A copy of the template database in a fresh sandbox.
func copy(of template: Sandbox) throws -> Sandbox {
    let sandbox = try Sandbox()
    try FileManager.default.copyItem(atPath: template.db, toPath: sandbox.db)
    return sandbox
}

/// Starts the binary without waiting.
func start(_ sandbox: Sandbox, _ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: doorbraakBinary)
    process.arguments = ["--db", sandbox.db, "--today", "2027-01-04"] + arguments
    var env = ProcessInfo.processInfo.environment
    env["DOORBRAAK_BUSY_TIMEOUT_MS"] = "60000"
    // `decide --all` commits 5 decisions per transaction here, so kills and rivals land between batches too.
    env["DOORBRAAK_DECIDE_BATCH"] = "5"
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

@Suite(.serialized) struct ConcurrencyTests {
    @Test func eightProcessesDecidingAtOnceNeverOverrunTheCeiling() throws {
        let template = try pendingRound()
        defer { template.remove() }
        let ids = try template.sql("SELECT application_id FROM beschikking ORDER BY application_id").split(separator: "\n").map(String.init)
        try #require(ids.count == 120)
        var rng = SplitMix64(seed: 5)
        for round in 1...(longTests ? 30 : 3) {
            let sandbox = try copy(of: template)
            defer { sandbox.remove() }
            var processes: [Process] = []
            for p in 0..<8 {
                if p % 2 == 0 {
                    processes.append(try start(sandbox, ["nza", "decide", "--all"]))
                } else {
                    // Single decisions on overlapping, randomly chosen requests.
                    let id = ids[Int(rng.int(0...Int64(ids.count - 1)))]
                    processes.append(try start(sandbox, ["nza", "decide", id]))
                }
            }
            for process in processes {
                process.waitUntilExit()
                #expect([0, 1].contains(process.terminationStatus), "round \(round): exit \(process.terminationStatus)")
            }
            try sandbox.checkInvariant("round \(round)")
            #expect(try sandbox.sql("SELECT count(*) FROM beschikking WHERE status = 'pending'") == "0", "round \(round): all decided")
            let granted = Int64(try sandbox.sql("SELECT granted_cents FROM ledger")) ?? -1
            #expect(granted > 0 && granted <= 600_000_000, "round \(round): granted \(granted)")
            // Decisions follow the ranking, so the outcome is the same whoever wins the lock,
            // except for singles that jump the queue; either way nothing pending fits any more.
            let smallestRefused = Int64(try sandbox.sql("SELECT coalesce(min(bovengrens_cents), 0) FROM beschikking WHERE status = 'refused'")) ?? 0
            #expect(smallestRefused == 0 || smallestRefused > 600_000_000 - granted, "round \(round): a refused request would still fit")
        }
    }

    @Test func aDecidingProcessKilledAtRandomLeavesAConsistentDatabase() throws {
        let template = try pendingRound()
        defer { template.remove() }
        var rng = SplitMix64(seed: 99)
        var interrupted = 0
        // Under load a kill can land before or after all decisions; go on (up to 40 rounds) until
        // at least one landed in the middle, so the test always proves something.
        var round = 0
        while round < (longTests ? 60 : 6) || (interrupted == 0 && round < 40) {
            round += 1
            let sandbox = try copy(of: template)
            defer { sandbox.remove() }
            let process = try start(sandbox, ["nza", "decide", "--all"])
            usleep(UInt32(rng.int(5_000...120_000)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try sandbox.checkInvariant("round \(round) after the kill")
            let left = try sandbox.sql("SELECT count(*) FROM beschikking WHERE status = 'pending'")
            if left != "0" && left != "120" { interrupted += 1 }
            // Re-running converges to the state an uninterrupted run reaches.
            let rerun = try sandbox.run(["nza", "decide", "--all"], today: "2027-01-04")
            #expect(rerun.status == 0, "round \(round): \(rerun.stderr)")
            try sandbox.checkInvariant("round \(round) after the re-run")
            #expect(try sandbox.sql("SELECT count(*) FROM beschikking WHERE status = 'pending'") == "0")
        }
        #expect(interrupted > 0, "no kill landed in the middle of the decisions; the test proves nothing")
        let uninterrupted = try copy(of: template)
        defer { uninterrupted.remove() }
        #expect(try uninterrupted.run(["nza", "decide", "--all"], today: "2027-01-04").status == 0)
        let reference = try uninterrupted.sql("SELECT application_id, status FROM beschikking ORDER BY application_id")
        // One more killed-and-rerun copy must end in exactly the same decisions.
        let sandbox = try copy(of: template)
        defer { sandbox.remove() }
        let process = try start(sandbox, ["nza", "decide", "--all"])
        usleep(30_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try sandbox.run(["nza", "decide", "--all"], today: "2027-01-04").status == 0)
        #expect(try sandbox.sql("SELECT application_id, status FROM beschikking ORDER BY application_id") == reference)
    }

    /// Issue 21: decisions committed in batches decide exactly as one per transaction: the same
    /// grants, the same refusals, the same kept totals; the chain verifies.
    @Test(arguments: ["1", "4", "1000"])
    func theBatchSizeDoesNotChangeTheDecisions(batch: String) throws {
        let template = try pendingRound()
        defer { template.remove() }
        let one = try copy(of: template)
        defer { one.remove() }
        #expect(try one.run(["nza", "decide", "--all"], today: "2027-01-04", environment: ["DOORBRAAK_DECIDE_BATCH": "1"]).status == 0)
        let s = try copy(of: template)
        defer { s.remove() }
        let decided = try s.run(["nza", "decide", "--all"], today: "2027-01-04", environment: ["DOORBRAAK_DECIDE_BATCH": batch])
        #expect(decided.status == 0, "\(decided.stderr)")
        let query = "SELECT application_id, status, coalesce(refusal_code, '') FROM beschikking ORDER BY application_id"
        #expect(try s.sql(query) == (try one.sql(query)))
        #expect(try s.sql("SELECT granted_cents, pending_cents FROM ledger") == (try one.sql("SELECT granted_cents, pending_cents FROM ledger")))
        #expect(try s.sql("SELECT count(*) FROM beschikking WHERE status = 'refused'") != "0", "the ceiling must have refused some")
        try s.checkInvariant("batch \(batch)")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// Issue 21: `decide --all` plans in the ranking and writes by id, yet decides what one
    /// `nza decide` after another in the ranking decides (each with its sweep): the same grants,
    /// the same refusals, the same kept totals.
    @Test func decideAllDecidesAsSingleDecisionsInTheRankingWould() throws {
        let template = try pendingRound()
        defer { template.remove() }
        let all = try copy(of: template)
        defer { all.remove() }
        #expect(try all.run(["nza", "decide", "--all"], today: "2027-01-04", environment: ["DOORBRAAK_DECIDE_BATCH": "7"]).status == 0)
        let singles = try copy(of: template)
        defer { singles.remove() }
        let seed = try singles.sql("SELECT seed FROM allocation_run")
        let candidates = try singles.sql("SELECT a.id, a.theme, a.requested_cents, a.fte_tenths FROM application a JOIN beschikking b ON b.application_id = a.id WHERE b.status = 'pending'")
            .split(separator: "\n").map { line throws -> AllocationCandidate in
                let f = line.split(separator: "|").map(String.init)
                return AllocationCandidate(id: try ApplicationID(parsing: f[0]), theme: try Theme(parsing: f[1]), requested: Money(cents: Int64(f[2]) ?? 0), fte: Fte(tenths: Int64(f[3]) ?? 0))
            }
        try #require(candidates.count == 120)
        let store = try Store.open(at: singles.db)
        let event = AuditContext(actor: "test", at: "2027-01-04T00:00:00Z", today: Day(2027, 1, 4))
        for candidate in Allocator.ranked(candidates, seed: seed) where try store.beschikking(of: candidate.id.rawValue)?.status == .pending {
            _ = try store.decideBeschikking(candidate.id.rawValue, today: event.today, event: event)
        }
        let query = "SELECT application_id, status, coalesce(refusal_code, '') FROM beschikking ORDER BY application_id"
        #expect(try all.sql(query) == (try singles.sql(query)))
        #expect(try all.sql("SELECT count(*) FROM beschikking WHERE status = 'refused'") != "0", "the ceiling must have refused some")
        #expect(try all.sql("SELECT granted_cents, pending_cents FROM ledger") == (try singles.sql("SELECT granted_cents, pending_cents FROM ledger")))
        #expect(try all.sql("SELECT year, granted_cents FROM ledger_year ORDER BY year") == (try singles.sql("SELECT year, granted_cents FROM ledger_year ORDER BY year")))
    }

    @Test func keptTotalsEqualAFullRecountAfterALongRandomSequence() throws {
        let template = try Sandbox()
        defer { template.remove() }
        var rng = SplitMix64(seed: 3)
        let applications = (1...80).map { i in ("K-\(1000 + i)", rng.int(1...300) * 1_000_000, rng.int(10...300)) }
        try template.ceilingRound(ceiling: "40000000.00", applications: applications, contracts: false)
        let store = try Store.open(at: template.db)
        let event = AuditContext(actor: "test", at: "2027-01-04T00:00:00Z", today: Day(2027, 1, 4))
        var ids = applications.map(\.0)
        for step in 0..<(longTests ? 2_000 : 300) {
            guard !ids.isEmpty else { break }
            let id = ids[Int(rng.int(0...Int64(ids.count - 1)))]
            if rng.chance(50) {
                _ = try? store.db.writeTransaction { () throws(DoorbraakError) in
                    try store.requestBeschikking(id, contract: "OVK-\(id)", today: event.today, event: event)
                }
            } else {
                _ = try? store.decideBeschikking(id, today: event.today, event: event)
            }
            if try store.beschikking(of: id).map({ $0.status != .pending }) == true { ids.removeAll { $0 == id } }
            let kept = try store.ceilingStatus()
            #expect(kept == (try store.recountedCeilingStatus()), "step \(step)")
            #expect(kept.committed <= kept.ceiling)
        }
        #expect(try AuditLog.verify(in: store.db).ok)
    }
}
