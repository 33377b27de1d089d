import DoorbraakCore
import Foundation

// doorbraak-bench: the figures of SPEC §6, measured against the sqlite3 CLI in the same run.
// Usage: swift run -c release doorbraak-bench [--json] [--sizes 1000,10000,100000] [--keep]

/// What the benchmark measured at one size.
struct SizeResult {
    var size: Int
    var rows: [String: Int] = [:]
    var ours: [String: Double] = [:]        // seconds per import
    var sqlite: [String: Double] = [:]      // seconds for the bare sqlite3 work
    var floor: [String: Double] = [:]       // seconds for sqlite3 making the import's writes (see Floor)
    var peakMB: [String: Double] = [:]
    var ceilingMS: Double = 0
    var decideMS: Double = 0
    var decideAllMS: Double = 0
    /// The peak memory of `decide --all` (not a target: it uses a 64 MB page cache).
    var decideAllPeakMB: Double = 0
    /// `sqlite3` making the writes of `decide --all` (see `Floor.decideAll`).
    var decideAllFloorMS: Double = 0
    var reportMS: Double = 0
    var verifyMS: Double = 0
    var verifyEvents = 0
    var verifyPeakMB: Double = 0
    var beschikkingen = 0

    var verifyEventsPerSecond: Double { verifyMS > 0 ? Double(verifyEvents) / (verifyMS / 1000) : 0 }

    func ratio(_ key: String) -> Double? {
        guard let o = ours[key], let s = sqlite[key], o > 0 else { return nil }
        return s / o
    }

    /// doorbraak's speed as a share of the writes-only floor's (issue 21's target).
    func floorShare(_ key: String) -> Double? {
        guard let f = floor[key], let o = ours[key], o > 0 else { return nil }
        return f / o
    }

    /// What the writes alone reach against the bare load: the highest ratio any import could.
    func floorRatio(_ key: String) -> Double? {
        guard let f = floor[key], let s = sqlite[key], f > 0 else { return nil }
        return s / f
    }
}

final class Bench {
    let doorbraak: String
    let sqlite3: String
    let root: String
    var log: (String) -> Void
    /// `--check-floor`: after each floor, its row count per table against the import's.
    let checkFloor: Bool
    /// `--keep`: the data stays, with the small round also as it stood before `decide --all`.
    let keep: Bool
    /// Tables whose row count the floor got wrong, per import (`--check-floor`).
    var floorMismatches: [String] = []
    /// Every table compared, per import: (import, table, doorbraak rows, floor rows).
    var floorCounts: [(String, String, Int, Int)] = []
    /// Every B-tree compared, per import: (import, B-tree, pages the import changed, pages the floor changed).
    var floorPages: [(String, String, Int, Int)] = []

    init(doorbraak: String, sqlite3: String, root: String, checkFloor: Bool, keep: Bool, log: @escaping (String) -> Void) {
        self.doorbraak = doorbraak
        self.sqlite3 = sqlite3
        self.root = root
        self.checkFloor = checkFloor
        self.keep = keep
        self.log = log
    }

    /// Runs doorbraak, after `sync` (see `settled`).
    func doorbraakRun(_ db: String, _ args: [String], today: String) throws -> Run {
        settled()
        return try Runner.run([doorbraak, "--db", db, "--today", today, "--actor", "bench"] + args)
    }

    /// Writes back what the bench's earlier steps left in the page cache before a timed command
    /// starts, doorbraak's and `sqlite3`'s alike. ext4 orders a file's fsync after data written
    /// before it: without this, a command paid for the 100 MB copies the bench had just made of
    /// the round (`beforeImport`). On the bench's 10,000-row monitoring import, five runs by hand:
    /// 0.19–0.24 s straight after two `.backup` copies, 0.17–0.19 s after `sync`.
    func settled() { sync() }

    func require(_ run: Run, _ what: String, allow: Set<Int32> = [0]) throws {
        if !allow.contains(run.status) { throw BenchError("\(what) exited \(run.status)") }
    }

    func sqlite(_ db: String, _ script: String) throws -> Run {
        let file = db + ".sql"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        settled()
        let r = try Runner.run([sqlite3, db], stdinPath: file)
        try require(r, "sqlite3 \(script.prefix(40))")
        return r
    }

    /// A consistent copy of `db` as it is now, for the floor of the next import.
    func snapshot(_ db: String, _ copy: String) throws {
        removeDatabase(copy)
        try require(try Runner.run([sqlite3, db, ".backup '\(copy)'"]), "sqlite3 .backup")
    }

    /// The copy of `db` the floor of the import `name` writes on; with `--keep` also one that
    /// stays as it was (`before-<name>.sqlite`), to run and profile that import again.
    func beforeImport(_ db: String, _ name: String, in folder: String) throws -> String {
        let copy = folder + "/floor-\(name).sqlite"
        try snapshot(db, copy)
        if keep || checkFloor { try snapshot(db, folder + "/before-\(name).sqlite") }
        return copy
    }

    /// Removes a database with its WAL, shared memory and decisions lock files: a WAL left beside
    /// a new copy under the same name would be read into it.
    func removeDatabase(_ path: String) {
        for file in [path, path + "-wal", path + "-shm", path + "-decisions", path + "-decisions-turn"] { try? FileManager.default.removeItem(atPath: file) }
    }

    /// How many times each import and its floor run at `size`, the median kept: one run of a
    /// 10,000-row import moved its share of the floor by ± 10 points on this 2-core machine
    /// (the twenty-first landing). One with `--check-floor`, which compares writes, not times.
    func rounds(_ size: Int) -> Int { checkFloor ? 1 : size > 10_000 ? 3 : 5 }

    /// `run` on `rounds - 1` copies of `db` as it stands, each taken afresh and removed after,
    /// then on `db` itself: every run, the one on `db` last.
    func runsOnCopies(of db: String, rounds: Int, _ run: (String) throws -> Run) throws -> [Run] {
        let copy = db + "-round.sqlite"
        var runs: [Run] = []
        for _ in 1..<max(rounds, 1) {
            try snapshot(db, copy)
            defer { removeDatabase(copy) }
            runs.append(try run(copy))
        }
        runs.append(try run(db))
        return runs
    }

    /// Runs an import `rounds` times (`runsOnCopies`), the last on `db` itself, which the next
    /// steps go on from: the median of their times, the largest of their peaks, and the last
    /// one's exit and output (a run on a copy that exits otherwise stops the benchmark: its time
    /// would not be the import's).
    func importRun(_ db: String, _ args: [String], today: String, rounds: Int) throws -> Run {
        let runs = try runsOnCopies(of: db, rounds: rounds) { try doorbraakRun($0, args, today: today) }
        var last = runs[runs.count - 1]
        if let other = runs.first(where: { $0.status != last.status }) {
            throw BenchError("\(args.prefix(2).joined(separator: " ")) exited \(other.status) on a copy of the round and \(last.status) on the round itself")
        }
        last.seconds = Bench.median(runs.map(\.seconds))
        last.peakMB = runs.map(\.peakMB).max() ?? last.peakMB
        return last
    }

    /// Times `script` (see `Floor`) on the copy taken before the import, `rounds` times
    /// (`runsOnCopies`), the median kept; with `--check-floor`, then compares the copy's row count
    /// per table, and the pages it changed per B-tree (see `PagesWritten`), with the database the
    /// import wrote.
    func floor(_ copy: String, _ script: String, against imported: String, _ name: String, rounds: Int = 1) throws -> Double {
        let seconds = Bench.median(try runsOnCopies(of: copy, rounds: rounds) { try sqlite($0, script) }.map(\.seconds))
        if checkFloor {
            let before = (copy as NSString).deletingLastPathComponent + "/before-\(floorName(copy)).sqlite"
            let oursWrote = try PagesWritten.count(before: before, after: imported, sqlite3: sqlite3)
            let floorWrote = try PagesWritten.count(before: before, after: copy, sqlite3: sqlite3)
            for tree in Set(oursWrote.keys).union(floorWrote.keys).sorted() { floorPages.append((name, tree, oursWrote[tree] ?? 0, floorWrote[tree] ?? 0)) }
            floorMismatches += PagesWritten.mismatches(name, ours: oursWrote, floor: floorWrote)
            let (ours, theirs) = (try tableCounts(imported), try tableCounts(copy))
            for table in Set(ours.keys).union(theirs.keys).sorted() {
                let (a, b) = (ours[table] ?? -1, theirs[table] ?? -1)
                floorCounts.append((name, table, a, b))
                if a != b { floorMismatches.append("\(name): \(table) has \(a) rows after the import, \(b) after the floor") }
            }
        }
        return seconds
    }

    /// `apps` of `…/floor-apps.sqlite`: the name `beforeImport` gave the copies.
    func floorName(_ copy: String) -> String {
        String((copy as NSString).lastPathComponent.dropFirst("floor-".count).dropLast(".sqlite".count))
    }

    /// The number of rows of every table of `db`.
    func tableCounts(_ db: String) throws -> [String: Int] {
        let names = try sqlite(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;")
            .stdout.split(separator: "\n").map(String.init)
        let query = names.map { "SELECT '\($0)', count(*) FROM \"\($0)\"" }.joined(separator: " UNION ALL ") + ";"
        var counts: [String: Int] = [:]
        for line in try sqlite(db, ".separator ,\n" + query).stdout.split(separator: "\n") {
            let parts = line.split(separator: ",")
            if parts.count == 2, let n = Int(parts[1]) { counts[String(parts[0])] = n }
        }
        return counts
    }

    func median(_ n: Int, _ body: () throws -> Double) rethrows -> Double {
        Bench.median(try samples(n, body))
    }

    /// `body`'s figure, taken `n` times.
    func samples(_ n: Int, _ body: () throws -> Double) rethrows -> [Double] {
        var samples: [Double] = []
        for _ in 0..<n { samples.append(try body()) }
        return samples
    }

    /// The middle figure of `samples`.
    static func median(_ samples: [Double]) -> Double { samples.sorted()[samples.count / 2] }

    func measure(size: Int) throws -> SizeResult {
        var result = SizeResult(size: size)
        let folder = root + "/size-\(size)"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let w = Workload(folder: folder, size: size)
        log("size \(size): writing the data")
        try w.write()
        try require(try Runner.run([doorbraak, "generate", "--applications", String(size), "--seed", "2026", "--out", folder]), "generate")

        // A realistic round: applications with every check, then both insurers' decisions.
        let real = folder + "/real.sqlite"
        try require(try doorbraakRun(real, ["init"], today: "2026-11-01"), "init")
        log("size \(size): import applications")
        let floorApps = try beforeImport(real, "apps", in: folder)
        let apps = try importRun(real, ["import", "applications", w.applications, "--partial"], today: "2026-12-01", rounds: rounds(size))
        try require(apps, "import applications", allow: [0, 1])
        result.ours["applications"] = apps.seconds
        result.peakMB["applications"] = apps.peakMB
        result.rows["applications"] = size
        let bareApps = try sqlite(folder + "/bare-apps.sqlite", """
            CREATE TABLE raw(line TEXT);
            CREATE TABLE bare(id TEXT, plan TEXT, sector TEXT, requested TEXT, fte TEXT, coordinating TEXT, second TEXT);
            .mode ascii
            .separator "\\037" "\\n"
            .import \(w.applications) raw
            INSERT INTO bare SELECT json_extract(line, '$.id'), json_extract(line, '$.plan'), json_extract(line, '$.sector'),
              json_extract(line, '$.requested'), json_extract(line, '$.impact.fte_saved'),
              json_extract(line, '$.insurers.coordinating'), json_extract(line, '$.insurers.second') FROM raw;
            """)
        result.sqlite["applications"] = bareApps.seconds
        result.floor["applications"] = try floor(floorApps, Floor.applications(w.applications, today: "2026-12-01", outcome: real), against: real, "applications", rounds: rounds(size))

        log("size \(size): import reviews")
        let reviewRows = try lineCount(w.reviews) - 1
        let floorReviews = try beforeImport(real, "reviews", in: folder)
        let reviews = try importRun(real, ["import", "reviews", w.reviews, "--partial"], today: "2026-12-01", rounds: rounds(size))
        try require(reviews, "import reviews", allow: [0, 1])
        result.ours["reviews"] = reviews.seconds
        result.peakMB["reviews"] = reviews.peakMB
        result.rows["reviews"] = reviewRows
        result.sqlite["reviews"] = try sqlite(folder + "/bare-reviews.sqlite", """
            CREATE TABLE r(application_id TEXT, insurer TEXT, decision TEXT, reason TEXT, accepted_deviations TEXT, note TEXT);
            .import --csv --skip 1 \(w.reviews) r
            """).seconds
        result.floor["reviews"] = try floor(floorReviews, Floor.reviews(w.reviews, today: "2026-12-01"), against: real, "reviews", rounds: rounds(size))
        result.reportMS = try median(3) { try doorbraakRun(real, ["round", "report"], today: "2026-12-02").seconds * 1000 }

        // Many small beschikkingen: the ceiling and one decision at this size, claims and costs.
        let small = folder + "/small.sqlite"
        try require(try doorbraakRun(small, ["init", "--plans", w.plans, "--bar", "0.01", "--theme-amount", "ai=600000000.00"], today: "2026-11-01"), "init small")
        log("size \(size): the small round to \(size) beschikkingen")
        try require(try doorbraakRun(small, ["import", "applications", w.smallApplications], today: "2026-12-01"), "import small")
        try require(try doorbraakRun(small, ["import", "reviews", w.smallReviews], today: "2026-12-01"), "reviews small")
        try require(try doorbraakRun(small, ["round", "allocate", "--seed", "bench"], today: "2026-12-02"), "allocate small")
        try require(try doorbraakRun(small, ["nza", "request", "--all", "--contracts", w.contracts], today: "2026-12-03"), "request small")
        // The round as it stands before the decisions: the copy the floor of `decide --all`
        // writes on (and, with --keep, `before-decide-all.sqlite` to profile it again).
        let floorDecide = try beforeImport(small, "decide-all", in: folder)
        let all = try doorbraakRun(small, ["nza", "decide", "--all"], today: "2027-01-04")
        try require(all, "decide all")
        result.decideAllMS = all.seconds * 1000
        result.decideAllPeakMB = all.peakMB
        log("size \(size): the writes-only floor of decide --all")
        result.decideAllFloorMS = try floor(floorDecide, Floor.decideAll(today: "2027-01-04"), against: small, "decide --all") * 1000
        removeDatabase(floorDecide)
        result.beschikkingen = size - 1
        result.ceilingMS = try median(5) { try doorbraakRun(small, ["ceiling"], today: "2026-12-04").seconds * 1000 }
        let first = Workload.id(0)
        try require(try doorbraakRun(small, ["nza", "request", first, "--contract", "OVK-\(first)"], today: "2027-01-05"), "request one")
        // One decision is some 20 ms of work, below this machine's run-to-run noise: the median
        // of five, four on copies of the round taken before it and the fifth on the round itself.
        // Each after `sync` (`doorbraakRun`): the decision's one fsync must not wait for the
        // gigabyte the steps before it (decide --all, its floor, the copies) left to be written
        // back (one decision at 100,000 measured 98.6 ms so against 30–40 ms by hand).
        let before = folder + "/small-one.sqlite", copy = folder + "/small-one-copy.sqlite"
        try snapshot(small, before)
        var copiesLeft = 4
        result.decideMS = try median(5) {
            let db = copiesLeft > 0 ? copy : small
            if copiesLeft > 0 { try snapshot(before, copy) }
            copiesLeft -= 1
            let one = try doorbraakRun(db, ["nza", "decide", first], today: "2027-01-05")
            try require(one, "decide one")
            return one.seconds * 1000
        }
        for file in [before, copy] { removeDatabase(file) }

        log("size \(size): import claims")
        let floorClaims = try beforeImport(small, "claims", in: folder)
        let claims = try importRun(small, ["import", "claims", w.claims], today: "2027-07-01", rounds: rounds(size))
        try require(claims, "import claims")
        result.ours["claims"] = claims.seconds
        result.peakMB["claims"] = claims.peakMB
        result.rows["claims"] = size
        result.sqlite["claims"] = try sqlite(folder + "/bare-claims.sqlite", """
            CREATE TABLE c(claim_id TEXT, application_id TEXT, milestone TEXT, provider TEXT, insurer TEXT, amount TEXT, date TEXT, status TEXT, evidence TEXT);
            .import --csv --skip 1 \(w.claims) c
            """).seconds
        result.floor["claims"] = try floor(floorClaims, Floor.claims(w.claims, today: "2027-07-01"), against: small, "claims", rounds: rounds(size))

        log("size \(size): import costs")
        let floorCosts = try beforeImport(small, "costs", in: folder)
        let costs = try importRun(small, ["import", "costs", w.costs], today: "2028-01-15", rounds: rounds(size))
        if costs.status == 64 {
            log("size \(size): `import costs` is not built; skipped")
        } else {
            try require(costs, "import costs")
            result.ours["costs"] = costs.seconds
            result.peakMB["costs"] = costs.peakMB
            result.rows["costs"] = size
            result.sqlite["costs"] = try sqlite(folder + "/bare-costs.sqlite", """
                CREATE TABLE k(line_id TEXT, application_id TEXT, provider TEXT, year TEXT, category TEXT, kind TEXT, amount TEXT, description TEXT);
                .import --csv --skip 1 \(w.costs) k
                """).seconds
            result.floor["costs"] = try floor(floorCosts, Floor.costs(w.costs, today: "2028-01-15"), against: small, "costs", rounds: rounds(size))
        }

        log("size \(size): import monitoring")
        let floorMonitoring = try beforeImport(small, "monitoring", in: folder)
        let monitoring = try importRun(small, ["import", "monitoring", w.monitoring], today: "2028-01-15", rounds: rounds(size))
        try require(monitoring, "import monitoring")
        result.ours["monitoring"] = monitoring.seconds
        result.peakMB["monitoring"] = monitoring.peakMB
        result.rows["monitoring"] = size
        result.sqlite["monitoring"] = try sqlite(folder + "/bare-monitoring.sqlite", """
            CREATE TABLE m(application_id TEXT, peildatum TEXT, kpi TEXT, value TEXT);
            .import --csv --skip 1 \(w.monitoring) m
            """).seconds
        result.floor["monitoring"] = try floor(floorMonitoring, Floor.monitoring(w.monitoring, today: "2028-01-15"), against: small, "monitoring", rounds: rounds(size))

        // The audit of the whole small round: chain, every row against its binding, totals.
        log("size \(size): audit verify")
        let verify = try doorbraakRun(small, ["audit", "verify", "--json"], today: "2028-01-15")
        try require(verify, "audit verify")
        result.verifyMS = verify.seconds * 1000
        result.verifyPeakMB = verify.peakMB
        if let events = verify.stdout.split(separator: "\n").first(where: { $0.contains("\"events\"") })?.split(separator: ":").last {
            result.verifyEvents = Int(events.trimmingCharacters(in: CharacterSet(charactersIn: " ,"))) ?? 0
        }

        log("size \(size): a file whose every row fails")
        let failingDB = folder + "/failing.sqlite"
        try require(try doorbraakRun(failingDB, ["init"], today: "2026-11-01"), "init failing")
        let failing = try doorbraakRun(failingDB, ["import", "applications", w.failing, "--partial"], today: "2026-12-01")
        try require(failing, "import failing", allow: [1, 65])
        result.peakMB["applications, every row failing"] = failing.peakMB
        return result
    }

    func lineCount(_ path: String) throws -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}

// MARK: - the run

/// The command line, taken apart once.
struct Options {
    var json = false
    var keep = false
    var checkFloor = false
    var engine: String?
    var sizes = [1000, 10000, 100000]

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments[...]
        while let word = rest.popFirst() {
            switch word {
            case "--json": options.json = true
            case "--keep": options.keep = true
            case "--check-floor": options.checkFloor = true
            case "--engine":
                guard let path = rest.popFirst() else { return nil }
                options.engine = path
            case "--sizes":
                guard let list = rest.popFirst() else { return nil }
                options.sizes = list.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                if options.sizes.isEmpty || options.sizes.contains(where: { $0 < 10 }) { return nil }
            default: return nil
            }
        }
        return options
    }
}

guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())) else {
    FileHandle.standardError.write(Data("usage: doorbraak-bench [--json] [--sizes 1000,10000,100000] [--keep] [--check-floor] [--engine PATH]\n".utf8))
    exit(64)
}
let (json, keep, sizes) = (options.json, options.keep, options.sizes)

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
func status(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
do {
    // The engine as shipped (README, "Build the executable"): release-built with the Swift
    // runtime linked in (`--static-swift-stdlib`), so that it loads only libsqlite3 and the C
    // libraries: 4.6 ms from start to exit against 11.4 ms with the Swift libraries loaded at
    // start, on every command. Built into its own scratch folder, so that the release build of
    // the bench itself (`swift run -c release doorbraak-bench`) is not undone by it each time.
    var doorbraak = options.engine ?? ""
    if options.engine == nil {
        let build = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--package-path", packageRoot, "--scratch-path", packageRoot + "/.build/static", "--product", "doorbraak"]
        status("building doorbraak (release, as shipped): " + build.joined(separator: " "))
        let built = try Runner.run(build)
        let path = try Runner.run(build.dropLast(2) + ["--show-bin-path"]).stdout
        doorbraak = path.trimmingCharacters(in: .whitespacesAndNewlines) + "/doorbraak"
        guard built.status == 0, FileManager.default.isExecutableFile(atPath: doorbraak) else { throw BenchError("`\(build.joined(separator: " "))` failed") }
    }
    let sqlite3 = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "sqlite3"
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("doorbraak-bench-\(getpid())").path
    defer { if !keep { try? FileManager.default.removeItem(atPath: root) } }
    let bench = Bench(doorbraak: doorbraak, sqlite3: sqlite3, root: root, checkFloor: options.checkFloor, keep: keep, log: status)
    let starts = try bench.samples(5) { try Runner.run([doorbraak, "--help"]).seconds * 1000 }
    let start = Bench.median(starts)
    var results: [SizeResult] = []
    for size in sizes { results.append(try bench.measure(size: size)) }
    let cpus = ProcessInfo.processInfo.activeProcessorCount
    let sqliteVersion = (try? Runner.run([sqlite3, "--version"]).stdout.split(separator: " ").first.map(String.init)) ?? nil
    if options.checkFloor {
        // The floor's honesty, not its speed: every table as many rows as the import left.
        for (name, table, ours, floor) in bench.floorCounts where ours != 0 || floor != 0 {
            print("\(name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(table.padding(toLength: 24, withPad: " ", startingAt: 0)) doorbraak \(ours)  floor \(floor)\(ours == floor ? "" : "  DIFFERENT")")
        }
        // And the pages each wrote, B-tree by B-tree.
        for (name, tree, ours, floor) in bench.floorPages {
            print("\(name.padding(toLength: 13, withPad: " ", startingAt: 0)) pages of \(tree.padding(toLength: 31, withPad: " ", startingAt: 0)) doorbraak \(ours)  floor \(floor)")
        }
        // `exit` skips the `defer` above: the data goes (or stays, with --keep) here.
        if keep { status("data kept in \(root)") } else { try? FileManager.default.removeItem(atPath: root) }
        if !bench.floorMismatches.isEmpty {
            status(bench.floorMismatches.joined(separator: "\n"))
            exit(1)
        }
        print("the floor made as many rows in every table as each import, and changed as many pages of every B-tree within 10% (or two pages)")
        exit(0)
    }
    BenchReport(results: results, startMS: start, startSpreadMS: (starts.max() ?? 0) - (starts.min() ?? 0), cpus: cpus, sqliteVersion: sqliteVersion ?? "?").print(json: json)
    if keep { status("data kept in \(root)") }
} catch {
    status("doorbraak-bench: \(error)")
    exit(70)
}
