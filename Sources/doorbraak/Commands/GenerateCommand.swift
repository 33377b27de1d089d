import DoorbraakCore
import DoorbraakImport
import DoorbraakStore
import Foundation

/// `doorbraak generate`: a deterministic synthetic round.
enum GenerateCommand: Command {
    static let name = "generate"
    static let summary = "write a deterministic synthetic round (applications.jsonl and reviews.csv)"
    static let usage = "--applications N --seed S --out DIR [--plans DIR] [--bar A|B|C|N]"
    static let help = """
    Writes DIR/applications.jsonl: N applications over all 16 plans and their sectors, about two
    thirds admissible as the plan prescribes, an eighth with explained deviations, some below the
    bar and some with each kind of admission error; amounts € 0,2–15 mln. And DIR/reviews.csv: both
    insurers' decisions on the admissible ones. The same seed gives the same bytes. Needs no
    database. After the allocation, `generate contracts` writes the contracts for `nza request --all`.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        guard let countText = try arguments.value("--applications"), let count = Int(countText), count > 0, count <= 10_000_000 else {
            throw DoorbraakError(.usage, "--applications N is required, 1 … 10000000")
        }
        let seed = try GeneratorOptions.seed(&arguments)
        guard let out = try arguments.value("--out") else { throw DoorbraakError(.usage, "--out DIR is required") }
        let plansPath = try arguments.value("--plans")
        let bar = try arguments.value("--bar").map { text throws(DoorbraakError) in try ImpactBar(parsing: text) } ?? RoundSettings.standard.bar
        try arguments.finish()
        let generator = RoundGenerator(plans: try PlanDirectory.load(plansPath), bar: bar, seed: seed)
        let files = try write(generator, count: count, to: out)
        if context.json {
            Output.json(.object([("applications", .string(files.applications)), ("reviews", .string(files.reviews)), ("count", .number(String(count)))]))
        } else {
            Output.line("wrote \(count) applications to \(files.applications) and the insurers' decisions to \(files.reviews)")
        }
        return ExitCode.done
    }

    /// Writes `applications.jsonl` and `reviews.csv` in chunks (flat memory) and returns their paths.
    static func write(_ generator: RoundGenerator, count: Int, to folder: String) throws(DoorbraakError) -> (applications: String, reviews: String) {
        let applications = try OutputFile.path("applications.jsonl", in: folder)
        let reviews = try OutputFile.path("reviews.csv", in: folder)
        try writeLines(to: applications, count: count) { generator.line($0) + "\n" }
        try writeLines(to: reviews, header: RoundGenerator.reviewHeader + "\n", count: count) { i in
            generator.reviewLines(i).map { $0 + "\n" }.joined()
        }
        return (applications, reviews)
    }

    private static func writeLines(to path: String, header: String = "", count: Int, _ text: (Int) -> String) throws(DoorbraakError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw DoorbraakError(.io, "cannot write the file", file: path)
        }
        defer { try? handle.close() }
        var chunk = header
        for i in 0..<count {
            chunk += text(i)
            if chunk.utf8.count > 1 << 16 || i == count - 1 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
    }
}

/// `doorbraak generate claims`: the insurers' claims for the granted applications of a database.
enum GenerateClaimsCommand: Command {
    static let name = "generate claims"
    static let summary = "write deterministic milestone claims (claims.csv) for the granted applications"
    static let usage = "--seed S --out DIR [--through DATE]"
    static let help = """
    Reads the granted beschikkingen of --db and writes DIR/claims.csv: every milestone due on or
    before --through (default --today) claimed in order on its due date, mostly reached at the
    tariff (some a little below), about one in eight missed, and now and then one invalid claim of
    each kind (E-CLAIM-STATE, -MILESTONE, -ORDER, -TARIFF, -DATE, -PROVIDER, -INSURER, -EVIDENCE,
    -STATUS) for `import claims --partial` to refuse. The same database and seed give the same bytes.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let (seed, out, through) = try GeneratorOptions.take(&arguments, context)
        try arguments.finish()
        let (path, count) = try writeClaims(store: try context.openStore(), seed: seed, through: through, to: out)
        if context.json {
            Output.json(.object([("claims", .string(path)), ("count", .number(String(count)))]))
        } else {
            Output.line("wrote \(count) claims for milestones due up to \(through) to \(path)")
        }
        return ExitCode.done
    }

    /// Writes `claims.csv` in `folder` and returns its path and the number of claims.
    static func writeClaims(store: Store, seed: UInt64, through: Day, to folder: String) throws(DoorbraakError) -> (String, Int) {
        let path = try OutputFile.path("claims.csv", in: folder)
        let (granted, others) = try store.grantedForClaims()
        let generator = ClaimGenerator(seed: seed, through: through, notGranted: others)
        var text = ClaimGenerator.header + "\n"
        var count = 0
        for (i, app) in granted.enumerated() {
            for line in generator.lines(for: app, index: i) {
                text += line + "\n"
                count += 1
            }
        }
        try OutputFile.write(text, to: path)
        return (path, count)
    }
}

/// `doorbraak generate contracts`: a contract reference for every allocated application.
enum GenerateContractsCommand: Command {
    static let name = "generate contracts"
    static let summary = "write contracts.csv (application_id,contract) for the allocated applications"
    static let usage = "--out DIR"
    static let help = """
    Reads the applications of --db that are allocated and not yet requested, and writes
    DIR/contracts.csv with a contract reference OVK-<id> for each: the file `nza request --all
    --contracts` takes. For trying the cycle; a real round uses the contracts insurers signed.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        guard let out = try arguments.value("--out") else { throw DoorbraakError(.usage, "--out DIR is required") }
        try arguments.finish()
        let allocated = try context.openStore(readOnly: true).registerEntries(status: "allocated").map(\.id)
        let path = try write(allocated, to: try OutputFile.path("contracts.csv", in: out))
        if context.json {
            Output.json(.object([("contracts", .string(path)), ("count", .number(String(allocated.count)))]))
        } else {
            Output.line("wrote \(allocated.count) contract\(allocated.count == 1 ? "" : "s") for the allocated applications to \(path)")
        }
        return ExitCode.done
    }

    /// Writes `application_id,contract` with the reference `OVK-<id>` for each of `ids` to `path`.
    static func write(_ ids: [String], to path: String) throws(DoorbraakError) -> String {
        try OutputFile.write("application_id,contract\n" + ids.map { "\($0),OVK-\($0)\n" }.joined(), to: path)
        return path
    }
}
