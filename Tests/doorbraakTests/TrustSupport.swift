import DoorbraakCore
import Foundation
import Testing

/// How many cases a suite runs: brief inside `swift test`, full with `DOORBRAAK_LONG_TESTS=1`.
func cases(brief: Int, full: Int) -> Int { longTests ? full : brief }

/// Prints one suite's figures in a form the README quotes (`FIGURES <suite>: k=v, …`).
func figures(_ suite: String, _ values: KeyValuePairs<String, Int>) {
    print("FIGURES \(suite): " + values.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + (longTests ? " (full)" : " (brief)"))
}

/// The stages of a round, each a command run on the state the previous left.
struct Stage {
    var name: String
    var arguments: [String]
    var today: String
    /// Extra environment for the command (e.g. a small `DOORBRAAK_DECIDE_BATCH`).
    var environment: [String: String] = [:]
}

/// A round of `count` applications on the payout-test plan, built stage by stage; the database
/// before each stage is kept as a template so a stage can be re-run on a copy.
struct StagedRound {
    let base: Sandbox
    var stages: [Stage] = []
    var templates: [String: Sandbox] = [:]

    init(count: Int, seed: UInt64) throws {
        base = try Sandbox()
        var rng = SplitMix64(seed: seed)
        let apps = (1...count).map { i in (String(format: "ST-%04d", i), rng.int(10...30) * 100_000_00, rng.int(50...900)) }
        let total = apps.map(\.1).reduce(0, +)
        let plans = base.folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try payoutTestPlan.write(to: plans.appendingPathComponent("payout-test.json"), atomically: true, encoding: .utf8)
        let initResult = try base.run(["init", "--plans", plans.path, "--ceiling", "600000000.00", "--theme-amount", "ai=\(euros(total * 7 / 10 / 100 * 100))", "--bar", "0.01"])
        try #require(initResult.status == 0, "\(initResult.stderr)")
        let appsFile = try base.file("apps.jsonl", apps.map { payoutApplication($0.0, cents: $0.1, fteTenths: $0.2) }.joined(separator: "\n"))
        let reviews = try base.file("reviews.csv", "application_id,insurer,decision,reason,accepted_deviations,note\n" + apps.map { "\($0.0),3311,approve,,,\n\($0.0),7029,approve,,,\n" }.joined())
        let contracts = try base.file("contracts.csv", "application_id,contract\n" + apps.map { "\($0.0),OVK-\($0.0)\n" }.joined())
        // M1 of every application: reached for the even, missed for the odd (releases free room).
        var claims = claimHeader
        for (i, app) in apps.enumerated() {
            claims += i % 2 == 0 ? "C-\(app.0),\(app.0),M1,12345678,3311,\(euros(app.1 / 100 * 30)),2027-06-15,reached,verslag\n"
                                 : "C-\(app.0),\(app.0),M1,12345678,3311,,2027-06-15,missed,\n"
        }
        let claimsFile = try base.file("claims.csv", claims)
        stages = [
            Stage(name: "import applications", arguments: ["import", "applications", appsFile], today: "2026-11-23"),
            Stage(name: "import reviews", arguments: ["import", "reviews", reviews], today: "2026-11-24"),
            Stage(name: "round allocate", arguments: ["round", "allocate", "--seed", "trust"], today: "2026-12-02"),
            Stage(name: "nza request", arguments: ["nza", "request", "--all", "--partial", "--contracts", contracts], today: "2026-12-03"),
            // Decisions committed 7 at a time, so that a kill lands between batches as well as in one.
            Stage(name: "nza decide --all", arguments: ["nza", "decide", "--all"], today: "2027-01-04", environment: ["DOORBRAAK_DECIDE_BATCH": "7"]),
            Stage(name: "import claims", arguments: ["import", "claims", "--partial", claimsFile], today: "2027-06-30"),
            Stage(name: "round reallocate", arguments: ["round", "reallocate"], today: "2027-07-01"),
        ]
        for stage in stages {
            templates[stage.name] = try copy(of: base)
            let result = try base.run(stage.arguments, today: stage.today, environment: stage.environment)
            try #require([0, 1].contains(result.status), "\(stage.name): \(result.stderr)")
        }
    }

    func remove() {
        base.remove()
        for t in templates.values { t.remove() }
    }

    /// A copy of a round of `count` applications as it stood before `stage` (the round itself removed).
    static func sandbox(before stage: String, count: Int, seed: UInt64) throws -> Sandbox {
        let round = try StagedRound(count: count, seed: seed)
        defer { round.remove() }
        return try copy(of: try #require(round.templates[stage]))
    }
}

extension Sandbox {
    /// A deterministic dump of the business tables without wall-clock columns (received_at,
    /// audit time, actor, hashes), to compare an interrupted-and-re-run state with an uninterrupted one.
    func canonicalDump() throws -> String {
        try [
            "SELECT id, status, requested_cents, received_on, codes FROM application ORDER BY id",
            "SELECT application_id, version, received_on, admissible, codes, content_sha256 FROM submission ORDER BY 1, 2",
            "SELECT application_id, code, status, paid_cents FROM application_milestone ORDER BY 1, 2",
            "SELECT * FROM review ORDER BY 1, 2",
            "SELECT * FROM allocation ORDER BY 1",
            "SELECT * FROM beschikking ORDER BY 1",
            "SELECT * FROM prestatie ORDER BY 1, 2",
            "SELECT * FROM claim ORDER BY 1",
            "SELECT application_id, kind, milestone, claim_id, insurer, year, amount_cents, released_on FROM bovengrens_release ORDER BY 1, 2, 3, 4",
            "SELECT ceiling_cents, granted_cents, released_cents, pending_cents, paid_cents, audit_seq FROM ledger",
            "SELECT * FROM theme ORDER BY 1",
            "SELECT * FROM ledger_year ORDER BY 1",
            "SELECT seq, action, subject, before, after FROM audit_event ORDER BY seq",
        ].map { try sql($0) }.joined(separator: "\n--\n")
    }

    /// integrity_check, the full `audit verify` (chain, totals, invariants); the failures found.
    func trustViolations(_ context: String) throws -> [String] {
        var violations: [String] = []
        let integrity = try sql("PRAGMA integrity_check")
        if integrity != "ok" { violations.append("\(context): integrity \(integrity)") }
        let audit = try run(["audit", "verify", "--json"])
        if audit.status != 0 { violations.append("\(context): audit verify \(audit.status) \(audit.stdout.prefix(600))") }
        return violations
    }
}

/// Runs the binary with a deadline; kills it (and reports a hang) when it runs over.
func runWithDeadline(_ arguments: [String], seconds: Double, environment: [String: String] = [:]) throws -> (status: Int32, signaled: Bool, hung: Bool, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: doorbraakBinary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("doorbraak-err-\(UUID().uuidString)").path
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errPath) }
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardError = err
    try process.run()
    try? err.close()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(5_000) }
    let hung = process.isRunning
    if hung { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let stderr = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
    return (process.terminationStatus, process.terminationReason == .uncaughtSignal, hung, stderr)
}
