import Foundation

/// The synthetic data of one size: a realistic round for the applications and reviews imports,
/// and a "many small beschikkingen" round on a one-milestone bench plan, so that `size`
/// beschikkingen fit under the €600 mln ceiling and the claims and costs files have `size` rows.
struct Workload {
    let folder: String
    let size: Int

    var plans: String { folder + "/plans" }
    var applications: String { folder + "/applications.jsonl" }
    var reviews: String { folder + "/reviews.csv" }
    var smallApplications: String { folder + "/small.jsonl" }
    var smallReviews: String { folder + "/small-reviews.csv" }
    var contracts: String { folder + "/contracts.csv" }
    var claims: String { folder + "/claims.csv" }
    var costs: String { folder + "/costs.csv" }
    var monitoring: String { folder + "/monitoring.csv" }
    var failing: String { folder + "/failing.jsonl" }

    /// €5,000.00 each: 100,000 of them take €500 mln, under the ceiling.
    static let smallCents: Int64 = 500_000

    static let benchPlan = """
    {"id": "bench-plan", "code": "AI-BENCH", "version": "1", "title": "Benchmarkplan", "theme": "ai", "sectors": ["vvt"],
     "problem": "p", "goal": "g", "scope": "s",
     "milestones": [{"code": "M1", "title": "klaar", "obligation": "resultaat", "share": 100, "latest": "2027-12-31", "evidence": "rapport"}],
     "kpis": [], "norms": {"min_providers": 1, "max_amount_per_provider": "600000000.00", "spending_years": [2027], "plausible_max_fte_per_mln": "1000000.0"},
     "excluded_categories": [], "basiseisen": {"1": "a", "2": "a", "3": "a", "4": "a", "5": "a", "6": "a", "7": "a", "8": "a", "9": "a", "10": "a", "11": "a", "12": "a", "13": "a", "14": "a"},
     "source": "benchmark plan, not from 004: one milestone, wide norms"}
    """

    static func id(_ i: Int) -> String { "B-\(String(i + 1).leftPadded(to: 7))" }

    /// Writes every file of this size.
    func write() throws {
        try FileManager.default.createDirectory(atPath: plans, withIntermediateDirectories: true)
        try Workload.benchPlan.write(toFile: plans + "/bench-plan.json", atomically: true, encoding: .utf8)
        let basiseisen = (1...14).map { "\"\($0)\": \"Coalitie vult basiseis \($0) in conform het modelplan.\"" }.joined(separator: ", ")
        let amount = "5000.00"
        var small = Writer(path: smallApplications)
        var reviews = Writer(path: smallReviews)
        var contracts = Writer(path: contracts)
        var claims = Writer(path: claims)
        var costs = Writer(path: costs)
        var monitoring = Writer(path: monitoring)
        var failing = Writer(path: failing)
        reviews.line("application_id,insurer,decision,reason,accepted_deviations,note")
        contracts.line("application_id,contract")
        claims.line("claim_id,application_id,milestone,provider,insurer,amount,date,status,evidence")
        costs.line("line_id,application_id,provider,year,category,kind,amount,description")
        monitoring.line("application_id,peildatum,kpi,value")
        for i in 0..<size {
            let id = Workload.id(i)
            let agb = String(10_000_000 + i % 89_999_999)
            small.line("""
            {"id": "\(id)", "plan": "bench-plan", "sector": "vvt", "title": "Bench \(i)", "region": "Regio \(i % 40)", \
            "coalition": [{"agb": "\(agb)", "name": "Zorgaanbieder \(i)", "amount": "\(amount)"}], \
            "insurers": {"coordinating": "3311", "second": "7029"}, "requested": "\(amount)", \
            "budget": [{"year": 2027, "category": "personnel", "amount": "\(amount)"}], \
            "milestones": [{"code": "M1", "tariff": "\(amount)", "due": "2027-12-31"}], \
            "impact": {"fte_saved": "1.0", "structural_costs_per_year": "100.00", "structural_savings_per_year": "200.00"}, \
            "basiseisen": {\(basiseisen)}}
            """)
            failing.line("""
            {"id": "\(id)", "plan": "no-such-plan", "sector": "vvt", "title": "Bench \(i)", "region": "r", \
            "coalition": [{"agb": "\(agb)", "name": "Z", "amount": "\(amount)"}], "insurers": {"coordinating": "3311", "second": "3311"}, \
            "requested": "\(amount)", "budget": [{"year": 2031, "category": "personnel", "amount": "\(amount)"}], \
            "milestones": [{"code": "M1", "tariff": "\(amount)", "due": "2027-12-31"}], \
            "impact": {"fte_saved": "0.0", "structural_costs_per_year": "100.00", "structural_savings_per_year": "1.00"}, "basiseisen": {}}
            """)
            reviews.line("\(id),3311,approve,,,")
            reviews.line("\(id),7029,approve,,,")
            if i > 0 { contracts.line("\(id),OVK-\(id)") }   // the first waits: one `nza decide ID` is timed on it
            claims.line("CL-\(id),\(id),M1,\(agb),3311,\(amount),2027-06-30,reached,oplevering-\(id).pdf")
            costs.line("K-\(id),\(id),\(agb),2027,personnel,incidental,\(amount),inzet projectleider")
            monitoring.line("\(id),2027-12-31,fte,\(1 + i % 9).\(i % 10)")
        }
        for var w in [small, reviews, contracts, claims, costs, monitoring, failing] { try w.close() }
    }
}

/// Buffered line writer for large files.
struct Writer {
    let path: String
    private var buffer = ""
    private var handle: FileHandle?

    init(path: String) {
        self.path = path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)
    }

    mutating func line(_ text: String) {
        buffer += text
        buffer += "\n"
        if buffer.utf8.count > 1 << 20 { flush() }
    }

    mutating func flush() {
        handle?.write(Data(buffer.utf8))
        buffer = ""
    }

    mutating func close() throws {
        flush()
        try handle?.close()
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
