extension ModelPlan {
    /// Reads a plan from its JSON file form (SPEC §4, `Schemas/model-plan.schema.json`) and checks
    /// the cross-field rules the schema cannot express.
    /// Every failing field and rule is reported at once (a review: a plan with four bad fields
    /// named one per run).
    public init(json value: JSONValue, eligibleYears: ClosedRange<Int> = RoundSettings.eligibleYears) throws(DoorbraakError) {
        var r = try JSONObjectReader(value)
        var e = ErrorList()
        let id = e.attempt { () throws(DoorbraakError) in try r.parsed("id", PlanID.init(parsing:)) }
        let code = e.attempt { () throws(DoorbraakError) in try r.string("code") }
        let version = e.attempt { () throws(DoorbraakError) in try r.text("version") }
        let title = e.attempt { () throws(DoorbraakError) in try r.text("title") }
        let theme = e.attempt { () throws(DoorbraakError) in try r.parsed("theme", Theme.init(parsing:)) }
        let sectors = e.attempt { () throws(DoorbraakError) in
            try r.array("sectors") { v, path throws(DoorbraakError) in try JSONObjectReader.parsed(v, at: path, Sector.init(parsing:)) }
        }
        let problem = e.attempt { () throws(DoorbraakError) in try r.text("problem") }
        let goal = e.attempt { () throws(DoorbraakError) in try r.text("goal") }
        let scope = e.attempt { () throws(DoorbraakError) in try r.text("scope") }
        let milestones = e.attempt { () throws(DoorbraakError) in try r.array("milestones") { v, path throws(DoorbraakError) in try Milestone(json: v, path: path) } }
        let kpis = e.attempt { () throws(DoorbraakError) in
            try r.array("kpis") { v, path throws(DoorbraakError) in
                var k = try JSONObjectReader(v, path: path)
                return try k.collecting { k, errors throws(DoorbraakError) -> KPI? in
                    let name = errors.attempt { () throws(DoorbraakError) in try k.text("name") }
                    let unit = errors.attempt { () throws(DoorbraakError) in try k.text("unit") }
                    let target = errors.attempt { () throws(DoorbraakError) in try k.text("target") }
                    guard let name, let unit, let target else { return nil }
                    return KPI(name: name, unit: unit, target: target)
                }
            }
        }
        let norms = e.attempt { () throws(DoorbraakError) in
            try r.object("norms") { n throws(DoorbraakError) in
                try n.collecting { n, errors throws(DoorbraakError) -> Norms? in
                    let minProviders = errors.attempt { () throws(DoorbraakError) in try n.integer("min_providers", in: 1...100) }
                    let maxAmount = errors.attempt { () throws(DoorbraakError) in try n.money("max_amount_per_provider") }
                    let years = errors.attempt { () throws(DoorbraakError) in
                        try n.array("spending_years") { v, path throws(DoorbraakError) in try JSONObjectReader.integer(v, in: 1900...2100, at: path) }
                    }
                    let fte = errors.attempt { () throws(DoorbraakError) in
                        try JSONObjectReader.fte(try n.required("plausible_max_fte_per_mln"), at: FieldPath.join(n.path, "plausible_max_fte_per_mln"))
                    }
                    guard let minProviders, let maxAmount, let years, let fte else { return nil }
                    return Norms(minProviders: minProviders, maxAmountPerProvider: maxAmount, spendingYears: years, plausibleMaxFtePerMln: fte)
                }
            }
        }
        let excluded = e.attempt { () throws(DoorbraakError) in
            try r.array("excluded_categories") { v, path throws(DoorbraakError) in try JSONObjectReader.parsed(v, at: path, CostCategory.init(parsing:)) }
        }
        var answers: [Int: String]? = [:]
        if let map = e.attempt({ () throws(DoorbraakError) in try r.stringMap("basiseisen") }) {
            for (key, text) in map {
                guard let n = Int(key), (1...14).contains(n), String(n) == key else {
                    e.add(DoorbraakError(.input, "basiseisen are numbered 1 to 14", field: "basiseisen.\(key)"))
                    answers = nil
                    continue
                }
                answers?[n] = text
            }
        } else {
            answers = nil
        }
        let source = e.attempt { () throws(DoorbraakError) in try r.text("source") }
        do { try r.finish() } catch { e.add(error) }
        guard let id, let code, let version, let title, let theme, let sectors, let problem, let goal, let scope, let milestones, let kpis,
              let norms, let excluded, let answers, let source else {
            throw e.combined ?? DoorbraakError(.internal, "a plan read without its fields or an error")
        }
        (self.id, self.code, self.version, self.title, self.theme, self.sectors) = (id, code, version, title, theme, sectors)
        (self.problem, self.goal, self.scope, self.milestones, self.kpis, self.norms) = (problem, goal, scope, milestones, kpis, norms)
        (excludedCategories, basiseisen, self.source) = (excluded, answers, source)
        for rule in validate(eligibleYears: eligibleYears) { e.add(rule) }
        if let error = e.combined { throw error }
    }

    /// Cross-field rules: shares sum to 100, unique consecutive codes, dates inside the eligible
    /// years, sectors unique, all 14 basiseisen present. Every rule that fails, each once.
    func validate(eligibleYears: ClosedRange<Int>) -> [DoorbraakError] {
        var failed: [DoorbraakError] = []
        func fail(_ message: String, _ field: String) {
            failed.append(DoorbraakError(.planFile, message, field: field))
        }
        if !(code.utf8.count <= 12 && code.split(separator: "-").count == 2 && code.utf8.allSatisfy({ Pattern.isUpperAlnum($0) || $0 == UInt8(ascii: "-") })) {
            fail("plan code \"\(code)\" must look like AI-SGR", "code")
        }
        if sectors.isEmpty { fail("a plan needs at least one sector", "sectors") }
        if Set(sectors).count != sectors.count { fail("a sector is listed twice", "sectors") }
        if milestones.isEmpty { fail("a plan needs at least one milestone", "milestones") }
        if let (i, m) = milestones.enumerated().first(where: { $0.element.code.number != $0.offset + 1 }) {
            fail("milestone codes must run M1, M2, … in order; found \(m.code) at position \(i + 1)", "milestones[\(i)].code")
        }
        let total = milestones.reduce(0) { $0 + $1.share }
        if !milestones.isEmpty && total != 100 { fail("milestone shares add up to \(total), not 100", "milestones") }
        for (i, m) in milestones.enumerated() {
            if !(1...100).contains(m.share) { fail("a share is a whole percent 1…100", "milestones[\(i)].share") }
            if !eligibleYears.contains(m.latest.year) {
                fail("due date \(m.latest) lies outside \(eligibleYears.lowerBound)–\(eligibleYears.upperBound)", "milestones[\(i)].latest")
            }
        }
        if let (i, pair) = zip(milestones, milestones.dropFirst()).enumerated().first(where: { $0.element.1.latest < $0.element.0.latest }) {
            fail("due dates must not go back in time: \(pair.1.code) is due before \(pair.0.code)", "milestones[\(i + 1)].latest")
        }
        let years = norms.spendingYears
        if let (i, m) = milestones.enumerated().first(where: { !years.contains($0.element.latest.year) }) {
            fail("due date \(m.latest) lies outside the plan's spending years", "milestones[\(i)].latest")
        }
        if years.isEmpty || years != years.sorted() || Set(years).count != years.count {
            fail("spending years must be listed once each, ascending", "norms.spending_years")
        }
        if let bad = years.first(where: { !eligibleYears.contains($0) }) {
            fail("spending year \(bad) lies outside \(eligibleYears.lowerBound)–\(eligibleYears.upperBound) (kasritme, 004 line 2900)", "norms.spending_years")
        }
        if norms.maxAmountPerProvider.cents <= 0 { fail("the maximum per provider must be positive", "norms.max_amount_per_provider") }
        if Set(excludedCategories).count != excludedCategories.count { fail("a category is listed twice", "excluded_categories") }
        for n in 1...14 where (basiseisen[n] ?? "").allSatisfy(\.isWhitespace) {
            fail("basiseis \(n) has no normative text", "basiseisen.\(n)")
        }
        return failed
    }
}

extension ModelPlan.Milestone {
    init(json value: JSONValue, path: String) throws(DoorbraakError) {
        var r = try JSONObjectReader(value, path: path)
        self = try r.collecting { r, e throws(DoorbraakError) -> ModelPlan.Milestone? in
            let code = e.attempt { () throws(DoorbraakError) in try r.parsed("code", MilestoneCode.init(parsing:)) }
            let title = e.attempt { () throws(DoorbraakError) in try r.text("title") }
            let obligation = e.attempt { () throws(DoorbraakError) -> ModelPlan.Obligation in
                guard let obligation = ModelPlan.Obligation(rawValue: try r.string("obligation")) else {
                    throw DoorbraakError(.input, "obligation must be inspanning or resultaat", field: path + ".obligation")
                }
                return obligation
            }
            let share = e.attempt { () throws(DoorbraakError) in try r.integer("share", in: 1...100) }
            let latest = e.attempt { () throws(DoorbraakError) in try r.parsed("latest", Day.init(parsing:)) }
            let evidence = e.attempt { () throws(DoorbraakError) in try r.text("evidence") }
            guard let code, let title, let obligation, let share, let latest, let evidence else { return nil }
            return ModelPlan.Milestone(code: code, title: title, obligation: obligation, share: share, latest: latest, evidence: evidence)
        }
    }
}

extension ModelPlan {
    /// The plan as JSON, in the file's field order (what `plans show --json` prints).
    public var json: JSONValue {
        .object([
            ("id", .string(id.rawValue)),
            ("code", .string(code)),
            ("version", .string(version)),
            ("title", .string(title)),
            ("theme", .string(theme.rawValue)),
            ("sectors", .array(sectors.map { .string($0.rawValue) })),
            ("problem", .string(problem)),
            ("goal", .string(goal)),
            ("scope", .string(scope)),
            ("milestones", .array(milestones.map { m in
                .object([
                    ("code", .string(m.code.description)),
                    ("title", .string(m.title)),
                    ("obligation", .string(m.obligation.rawValue)),
                    ("share", .number(String(m.share))),
                    ("latest", .string(m.latest.description)),
                    ("evidence", .string(m.evidence)),
                ])
            })),
            ("kpis", .array(kpis.map { .object([("name", .string($0.name)), ("unit", .string($0.unit)), ("target", .string($0.target))]) })),
            ("norms", .object([
                ("min_providers", .number(String(norms.minProviders))),
                ("max_amount_per_provider", .string(norms.maxAmountPerProvider.description)),
                ("spending_years", .array(norms.spendingYears.map { .number(String($0)) })),
                ("plausible_max_fte_per_mln", .string(norms.plausibleMaxFtePerMln.description)),
            ])),
            ("excluded_categories", .array(excludedCategories.map { .string($0.rawValue) })),
            ("basiseisen", .object((1...14).map { (String($0), .string(basiseisen[$0] ?? "")) })),
            ("source", .string(source)),
        ])
    }
}
