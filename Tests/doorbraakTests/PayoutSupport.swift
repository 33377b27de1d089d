import Foundation
import Testing

/// A three-milestone plan (30/30/40%, due 2027-06-30, 2027-12-31, 2028-06-30) with wide norms.
let payoutTestPlan = """
{"id": "payout-test", "code": "AI-PT", "version": "1", "title": "Uitbetaaltest", "theme": "ai", "sectors": ["vvt"],
 "problem": "p", "goal": "g", "scope": "s",
 "milestones": [{"code": "M1", "title": "start", "obligation": "inspanning", "share": 30, "latest": "2027-06-30", "evidence": "plan"},
                {"code": "M2", "title": "midden", "obligation": "inspanning", "share": 30, "latest": "2027-12-31", "evidence": "verslag"},
                {"code": "M3", "title": "klaar", "obligation": "resultaat", "share": 40, "latest": "2028-06-30", "evidence": "rapport"}],
 "kpis": [], "norms": {"min_providers": 1, "max_amount_per_provider": "600000000.00", "spending_years": [2027, 2028], "plausible_max_fte_per_mln": "1000000.0"},
 "excluded_categories": [], "basiseisen": {"1": "a", "2": "a", "3": "a", "4": "a", "5": "a", "6": "a", "7": "a", "8": "a", "9": "a", "10": "a", "11": "a", "12": "a", "13": "a", "14": "a"},
 "source": "test plan, not from 004"}
"""

func euros(_ cents: Int64) -> String { String(format: "%lld.%02lld", cents / 100, cents % 100) }

/// One application line of the payout-test plan; `euros` a multiple of €100 so the shares are exact.
func payoutApplication(_ id: String, cents: Int64, fteTenths: Int64) -> String {
    let (m1, m2) = (cents / 100 * 30, cents / 100 * 30)
    let m3 = cents - m1 - m2
    let basiseisen = (1...14).map { "\"\($0)\": \"ja\"" }.joined(separator: ", ")
    return """
    {"id": "\(id)", "plan": "payout-test", "sector": "vvt", "title": "t", "region": "r", \
    "coalition": [{"agb": "12345678", "name": "A", "amount": "\(euros(cents - cents / 2))"}, {"agb": "23456789", "name": "B", "amount": "\(euros(cents / 2))"}], \
    "insurers": {"coordinating": "3311", "second": "7029"}, "requested": "\(euros(cents))", "budget": [{"year": 2027, "category": "personnel", "amount": "\(euros(cents))"}], \
    "milestones": [{"code": "M1", "tariff": "\(euros(m1))", "due": "2027-06-30"}, {"code": "M2", "tariff": "\(euros(m2))", "due": "2027-12-31"}, {"code": "M3", "tariff": "\(euros(m3))", "due": "2028-06-30"}], \
    "impact": {"fte_saved": "\(fteTenths / 10).\(fteTenths % 10)", "structural_costs_per_year": "0.00", "structural_savings_per_year": "0.00"}, "basiseisen": {\(basiseisen)}}
    """
}

extension Sandbox {
    /// A new round whose only plan is `plan` (the payout-test plan), at bar 0.01, with `extra` init options.
    func initPayoutPlan(_ extra: [String] = [], plan: String = payoutTestPlan) throws {
        let plans = folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try plan.write(to: plans.appendingPathComponent("payout-test.json"), atomically: true, encoding: .utf8)
        let initialised = try run(["init", "--plans", plans.path, "--bar", "0.01"] + extra)
        try #require(initialised.status == 0, "\(initialised.stderr)")
    }

    /// A round on the payout-test plan: every application approved; allocated within `themeAmount`
    /// (the best fte per €mln first); the allocated requested and decided, so granted while they fit.
    /// `decideOn` nil leaves the requests pending.
    func payoutRound(ceiling: String, themeAmount: String, applications: [(String, Int64, Int64)], plan: String = payoutTestPlan, transfer: Bool = false,
                     decideOn: String? = "2027-01-04") throws {
        try initPayoutPlan(["--ceiling", ceiling, "--theme-amount", "ai=\(themeAmount)"], plan: plan)
        let imported = try run(["import", "applications", try file("apps.jsonl", applications.map { payoutApplication($0.0, cents: $0.1, fteTenths: $0.2) }.joined(separator: "\n"))])
        try #require(imported.status == 0, "\(imported.stderr)")
        let reviews = "application_id,insurer,decision,reason,accepted_deviations,note\n" + applications.map { "\($0.0),3311,approve,,,\n\($0.0),7029,approve,,,\n" }.joined()
        let reviewed = try run(["import", "reviews", try file("reviews.csv", reviews)])
        try #require(reviewed.status == 0, "\(reviewed.stderr)")
        try #require(try run(["round", "allocate", "--seed", "test"] + (transfer ? ["--transfer"] : []), today: "2026-12-02").status == 0)
        let allocated = try sql("SELECT id FROM application WHERE status = 'allocated' ORDER BY id").split(separator: "\n").map(String.init)
        if !allocated.isEmpty {
            let csv = "application_id,contract\n" + allocated.map { "\($0),OVK-\($0)\n" }.joined()
            try #require(try run(["nza", "request", "--all", "--contracts", try file("contracts.csv", csv)], today: "2026-12-03").status == 0)
            if let decideOn { try #require(try run(["nza", "decide", "--all"], today: decideOn).status == 0) }
        }
    }

    /// Everything a failed import must leave as it was.
    func claimState() throws -> String {
        try sql("SELECT (SELECT count(*) FROM claim), (SELECT count(*) FROM audit_event), (SELECT paid_cents || '/' || released_cents FROM ledger), (SELECT group_concat(status || paid_cents) FROM application_milestone)")
    }
}
