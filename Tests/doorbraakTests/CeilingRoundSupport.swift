import Foundation
import Testing

/// A one-milestone plan with wide norms, so that a test can shape amounts freely.
let ceilingTestPlan = """
{"id": "ceiling-test", "code": "AI-CT", "version": "1", "title": "Plafondtest", "theme": "ai", "sectors": ["vvt"],
 "problem": "p", "goal": "g", "scope": "s",
 "milestones": [{"code": "M1", "title": "klaar", "obligation": "resultaat", "share": 100, "latest": "2027-12-31", "evidence": "rapport"}],
 "kpis": [], "norms": {"min_providers": 1, "max_amount_per_provider": "600000000.00", "spending_years": [2027], "plausible_max_fte_per_mln": "1000000.0"},
 "excluded_categories": [], "basiseisen": {"1": "a", "2": "a", "3": "a", "4": "a", "5": "a", "6": "a", "7": "a", "8": "a", "9": "a", "10": "a", "11": "a", "12": "a", "13": "a", "14": "a"},
 "source": "test plan, not from 004"}
"""

/// One application line of the ceiling-test plan.
func ceilingApplication(_ id: String, cents: Int64, fteTenths: Int64) -> String {
    let amount = String(format: "%lld.%02lld", cents / 100, cents % 100)
    let fte = "\(fteTenths / 10).\(fteTenths % 10)"
    let basiseisen = (1...14).map { "\"\($0)\": \"ja\"" }.joined(separator: ", ")
    let deviation = fteTenths * 10_000_000 > 1_000_000 * cents ? ", \"deviations\": {\"impact.fte_norm\": \"test\"}" : ""
    return """
    {"id": "\(id)", "plan": "ceiling-test", "sector": "vvt", "title": "t", "region": "r", "coalition": [{"agb": "12345678", "name": "A", "amount": "\(amount)"}], \
    "insurers": {"coordinating": "3311", "second": "7029"}, "requested": "\(amount)", "budget": [{"year": 2027, "category": "personnel", "amount": "\(amount)"}], \
    "milestones": [{"code": "M1", "tariff": "\(amount)", "due": "2027-12-31"}], \
    "impact": {"fte_saved": "\(fte)", "structural_costs_per_year": "0.00", "structural_savings_per_year": "0.00"}, "basiseisen": {\(basiseisen)}\(deviation)}
    """
}

extension Sandbox {
    /// A round on the ceiling-test plan: `applications` (id, cents, fte tenths) imported, approved by
    /// both insurers and allocated; when `contracts`, every one is requested (pending).
    func ceilingRound(ceiling: String, applications: [(String, Int64, Int64)], contracts: Bool) throws {
        let plans = folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try ceilingTestPlan.write(to: plans.appendingPathComponent("ceiling-test.json"), atomically: true, encoding: .utf8)
        let total = applications.reduce(Int64(0)) { $0 + $1.1 }
        let ai = String(format: "%lld.%02lld", total / 100, total % 100)
        let initResult = try run(["init", "--plans", plans.path, "--ceiling", ceiling, "--theme-amount", "ai=\(ai)", "--bar", "0.01"])
        try #require(initResult.status == 0, "\(initResult.stderr)")
        let lines = applications.map { ceilingApplication($0.0, cents: $0.1, fteTenths: $0.2) }
        let imported = try run(["import", "applications", try file("apps.jsonl", lines.joined(separator: "\n"))])
        try #require(imported.status == 0, "\(imported.stderr)")
        var reviews = "application_id,insurer,decision,reason,accepted_deviations,note\n"
        for (id, cents, fte) in applications {
            let keys = fte * 10_000_000 > 1_000_000 * cents ? "impact.fte_norm" : ""
            reviews += "\(id),3311,approve,,\(keys),\n\(id),7029,approve,,\(keys),\n"
        }
        let reviewed = try run(["import", "reviews", try file("reviews.csv", reviews)])
        try #require(reviewed.status == 0, "\(reviewed.stderr)")
        let allocated = try run(["round", "allocate", "--seed", "test"], today: "2026-12-02")
        try #require(allocated.status == 0, "\(allocated.stderr)")
        if contracts {
            let csv = "application_id,contract\n" + applications.map { "\($0.0),OVK-\($0.0)\n" }.joined()
            let requested = try run(["nza", "request", "--all", "--contracts", try file("contracts.csv", csv)], today: "2026-12-03")
            try #require(requested.status == 0, "\(requested.stderr)")
        }
    }

    /// Runs `sqlite3` on the database and returns its trimmed output.
    func sql(_ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", db, query]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The ceiling invariant and the kept totals checked against a recount, through sqlite3.
    func checkInvariant(_ context: String) throws {
        #expect(try sql("PRAGMA integrity_check") == "ok", "\(context): integrity")
        let audit = try run(["audit", "verify", "--json"])
        #expect(try json(audit.stdout)["ok"] as? Bool == true, "\(context): audit \(audit.stdout)")
        let kept = try sql("SELECT granted_cents, released_cents, pending_cents, ceiling_cents FROM ledger")
        let parts = kept.split(separator: "|").compactMap { Int64($0) }
        try #require(parts.count == 4, "\(context): ledger \(kept)")
        #expect(parts[0] - parts[1] <= parts[3], "\(context): granted − released exceeds the ceiling: \(kept)")
        let granted = try sql("SELECT coalesce(sum(bovengrens_cents), 0) FROM beschikking WHERE status = 'granted'")
        let pending = try sql("SELECT coalesce(sum(bovengrens_cents), 0) FROM beschikking WHERE status = 'pending'")
        #expect(Int64(granted) == parts[0], "\(context): kept granted \(parts[0]) ≠ recount \(granted)")
        #expect(Int64(pending) == parts[2], "\(context): kept pending \(parts[2]) ≠ recount \(pending)")
        let themeGranted = try sql("SELECT granted_cents FROM theme WHERE theme = 'ai'")
        #expect(themeGranted == granted, "\(context): theme total \(themeGranted) ≠ \(granted)")
        let statuses = try sql("SELECT count(*) FROM beschikking b JOIN application a ON a.id = b.application_id WHERE (b.status = 'pending') <> (a.status = 'requested')")
        #expect(statuses == "0", "\(context): application and beschikking statuses disagree")
    }
}
