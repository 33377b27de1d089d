import DoorbraakCore
import DoorbraakImport
import DoorbraakStore
import Foundation

/// `doorbraak generate`: a deterministic synthetic round.
enum GenerateCommand: Command {
    static let name = "generate"
    static let summary = "write a deterministic synthetic round (applications.jsonl and reviews.csv)"
    static let usage = "--applications N --seed S --out DIR [--plans DIR] [--bar A|B|C|N] [--sign]"
    static let help = """
    Writes DIR/applications.jsonl: N applications over all 16 plans and their sectors, about two
    thirds admissible as the plan prescribes, an eighth with explained deviations, some below the
    bar and some with each kind of admission error; amounts € 0,2–15 mln. And DIR/reviews.csv: both
    insurers' decisions on the admissible ones. The same seed gives the same bytes. Needs no
    database. After the allocation, `generate contracts` writes the contracts for `nza request --all`.

    --sign: a signed round as the parties would send it (needs OpenSSH's ssh-keygen). Writes
    DIR/keys/ROLE:ID and ROLE:ID.pub (an Ed25519 key for every insurer and every coalition
    member; made for trying doorbraak, never for real use), DIR/parties.txt (ROLE ID NAME per
    line, for `party add`), and per party its own file with its signature beside it:
    DIR/applications-AGB.jsonl(.sig) per penvoerder and DIR/reviews-UZOVI.csv(.sig) per insurer.
    `generate claims|costs --sign DIR/keys` then sign the insurers' claims and the providers'
    cost lines and measurements the same way.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        guard let countText = try arguments.value("--applications"), let count = Int(countText), count > 0, count <= 10_000_000 else {
            throw DoorbraakError(.usage, "--applications N is required, 1 … 10000000")
        }
        let seed = try GeneratorOptions.seed(&arguments)
        guard let out = try arguments.value("--out") else { throw DoorbraakError(.usage, "--out DIR is required") }
        let plansPath = try arguments.value("--plans")
        let bar = try arguments.value("--bar").map { text throws(DoorbraakError) in try ImpactBar(parsing: text) } ?? RoundSettings.standard.bar
        let signed = arguments.flag("--sign")
        try arguments.finish()
        let generator = RoundGenerator(plans: try PlanDirectory.load(plansPath), bar: bar, seed: seed)
        let files = try write(generator, count: count, to: out)
        if signed {
            let parties = try writeSigned(generator, count: count, reviews: files.reviews, to: out)
            if !context.json {
                Output.line("signed round: \(parties) parties with keys in \(out)/keys, their names in \(out)/parties.txt; applications-AGB.jsonl per penvoerder and reviews-UZOVI.csv per insurer, each with its .sig")
            }
        }
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

    /// The signed round of `--sign`: a key per party, `parties.txt`, the applications per
    /// penvoerder and the reviews per insurer, each signed. Returns the number of parties.
    static func writeSigned(_ generator: RoundGenerator, count: Int, reviews: String, to folder: String) throws(DoorbraakError) -> Int {
        let keys = folder + "/keys"
        do { try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
            throw DoorbraakError(.io, "cannot create the folder for the keys", file: keys)
        }
        var names: [PartyID: String] = [:]
        var byLead: [PartyID: String] = [:]
        var leads: [PartyID] = []
        for i in 0..<count {
            let app = generator.application(i)
            for p in app.coalition { if let id = try? PartyID(role: .provider, id: p.agb.rawValue), names[id] == nil { names[id] = p.name } }
            for u in [app.coordinatingInsurer, app.secondInsurer] {
                if let id = try? PartyID(role: .insurer, id: u), names[id] == nil, PartyRegister.dutchInsurerCodes.contains(u) {
                    names[id] = PartyRegister.dutchInsurers.first { $0.uzovi == u }?.name ?? u
                }
            }
            guard let lead = app.penvoerder, let id = try? PartyID(role: .provider, id: lead.rawValue) else { continue }
            if byLead[id] == nil { leads.append(id) }
            byLead[id, default: ""] += generator.line(i) + "\n"
        }
        for party in names.keys.sorted() { try FileSignature.makeKey(at: PartyFiles.key(of: party, in: keys), comment: party.description) }
        try OutputFile.write(names.keys.sorted().filter { $0.role == .provider }.map { "\($0.role.rawValue) \($0.id) \(names[$0] ?? $0.id)\n" }.joined(),
                             to: try OutputFile.path("parties.txt", in: folder))
        for lead in leads {
            let path = try OutputFile.path("applications-\(lead.id).jsonl", in: folder)
            try OutputFile.write(byLead[lead] ?? "", to: path)
            try PartyFiles.sign(path, as: lead, keys: keys)
        }
        let text = String(decoding: try InputFile.bytes(reviews, limit: 1 << 30), as: UTF8.self)
        _ = try PartyFiles.split(text, in: folder, prefix: "reviews", keys: keys) { line in
            PartyFiles.column(1, of: line).flatMap { try? PartyID(role: .insurer, id: $0) }
        }
        return names.count
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
    static let usage = "--seed S --out DIR [--through DATE] [--sign KEYS]"
    static let help = """
    Reads the granted beschikkingen of --db and writes DIR/claims.csv, and the same claims split per
    paying insurer, DIR/claims-UZOVI.csv (each insurer imports its own: `import claims --insurer U`);
    with --sign KEYS (the keys folder of `generate --sign`) each insurer's file is signed with its
    key (.sig beside it). In claims.csv: every milestone due on or
    before --through (default --today) claimed in order on its due date, mostly reached at the
    tariff (some a little below), about one in eight missed, and now and then one invalid claim of
    each kind (E-CLAIM-STATE, -MILESTONE, -ORDER, -TARIFF, -DATE, -PROVIDER, -INSURER, -EVIDENCE,
    -STATUS) for `import claims --partial` to refuse. The same database and seed give the same bytes.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let (seed, out, through) = try GeneratorOptions.take(&arguments, context)
        let keys = try arguments.value("--sign")
        try arguments.finish()
        let (path, count) = try writeClaims(store: try context.openStore(), seed: seed, through: through, to: out)
        let text = String(decoding: try InputFile.bytes(path, limit: 1 << 30), as: UTF8.self)
        let perInsurer = try PartyFiles.split(text, in: out, prefix: "claims", keys: keys) { line in
            PartyFiles.column(4, of: line).flatMap { try? PartyID(role: .insurer, id: $0) }
        }
        if context.json {
            Output.json(.object([("claims", .string(path)), ("count", .number(String(count))),
                                 ("per_insurer", .object(perInsurer.sorted { $0.key < $1.key }.map { ($0.key.id, .string($0.value)) }))]))
        } else {
            Output.line("wrote \(count) claims for milestones due up to \(through) to \(path), and per insurer to \(perInsurer.count) files claims-UZOVI.csv\(PartyFiles.signedNote(perInsurer, keys: keys))")
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
    static let usage = "--out DIR [--sign KEYS]"
    static let help = """
    Reads the applications of --db that are allocated and not yet requested, and writes
    DIR/contracts.csv with a contract reference OVK-<id> for each: the file `nza request --all
    --contracts` takes. For trying the cycle; a real round uses the contracts insurers signed.
    --sign KEYS (the keys folder of `generate --sign`): also one contracts-UZOVI.csv per
    coordinating insurer, each signed with that insurer's key, for a signed round.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        guard let out = try arguments.value("--out") else { throw DoorbraakError(.usage, "--out DIR is required") }
        let keys = try arguments.value("--sign")
        try arguments.finish()
        let entries = try context.openStore(readOnly: true).registerEntries(status: "allocated")
        let allocated = entries.map(\.id)
        let path = try write(allocated, to: try OutputFile.path("contracts.csv", in: out))
        var perInsurer: [PartyID: String] = [:]
        if let keys {
            let coordinating = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.insurers.coordinating) })
            perInsurer = try PartyFiles.split(String(decoding: try InputFile.bytes(path, limit: 1 << 30), as: UTF8.self), in: out, prefix: "contracts", keys: keys) { line in
                PartyFiles.column(0, of: line).flatMap { coordinating[$0] }.flatMap { try? PartyID(role: .insurer, id: $0) }
            }
        }
        if context.json {
            Output.json(.object([("contracts", .string(path)), ("count", .number(String(allocated.count)))]))
        } else {
            Output.line("wrote \(allocated.count) contract\(allocated.count == 1 ? "" : "s") for the allocated applications to \(path)"
                        + (keys == nil ? "" : ", and per coordinating insurer to \(perInsurer.count) file\(perInsurer.count == 1 ? "" : "s") contracts-UZOVI.csv\(PartyFiles.signedNote(perInsurer, keys: keys))"))
        }
        return ExitCode.done
    }

    /// Writes `application_id,contract` with the reference `OVK-<id>` for each of `ids` to `path`.
    static func write(_ ids: [String], to path: String) throws(DoorbraakError) -> String {
        try OutputFile.write("application_id,contract\n" + ids.map { "\($0),OVK-\($0)\n" }.joined(), to: path)
        return path
    }
}
