extension ModelPlan {
    /// Reads a plan from its JSON file form (SPEC §4, `Schemas/model-plan.schema.json`) and checks
    /// the cross-field rules the schema cannot express.
    public init(json value: JSONValue, eligibleYears: ClosedRange<Int> = RoundSettings.eligibleYears) throws(DoorbraakError) {
        var r = try JSONObjectReader(value)
        id = try r.parsed("id", PlanID.init(parsing:))
        code = try r.string("code")
        version = try r.text("version")
        title = try r.text("title")
        theme = try r.parsed("theme", Theme.init(parsing:))
        sectors = try r.array("sectors") { v, path throws(DoorbraakError) in try JSONObjectReader.parsed(v, at: path, Sector.init(parsing:)) }
        problem = try r.text("problem")
        goal = try r.text("goal")
        scope = try r.text("scope")
        milestones = try r.array("milestones") { v, path throws(DoorbraakError) in try Milestone(json: v, path: path) }
        kpis = try r.array("kpis") { v, path throws(DoorbraakError) in
            var k = try JSONObjectReader(v, path: path)
            let kpi = KPI(name: try k.text("name"), unit: try k.text("unit"), target: try k.text("target"))
            try k.finish()
            return kpi
        }
        norms = try r.object("norms") { n throws(DoorbraakError) in
            let minProviders = try n.integer("min_providers", in: 1...100)
            let maxAmount = try n.money("max_amount_per_provider")
            let years = try n.array("spending_years") { v, path throws(DoorbraakError) in
                try JSONObjectReader.integer(v, in: 1900...2100, at: path)
            }
            let fteValue = try n.required("plausible_max_fte_per_mln")
            let fte = try JSONObjectReader.fte(fteValue, at: FieldPath.join(n.path, "plausible_max_fte_per_mln"))
            return Norms(minProviders: minProviders, maxAmountPerProvider: maxAmount, spendingYears: years, plausibleMaxFtePerMln: fte)
        }
        excludedCategories = try r.array("excluded_categories") { v, path throws(DoorbraakError) in try JSONObjectReader.parsed(v, at: path, CostCategory.init(parsing:)) }
        var answers: [Int: String] = [:]
        for (key, text) in try r.stringMap("basiseisen") {
            guard let n = Int(key), (1...14).contains(n), String(n) == key else {
                throw DoorbraakError(.input, "basiseisen are numbered 1 to 14", field: "basiseisen.\(key)")
            }
            answers[n] = text
        }
        basiseisen = answers
        source = try r.text("source")
        try r.finish()
        try validate(eligibleYears: eligibleYears)
    }

    /// Cross-field rules: shares sum to 100, unique consecutive codes, dates inside the eligible
    /// years, sectors unique, all 14 basiseisen present.
    func validate(eligibleYears: ClosedRange<Int>) throws(DoorbraakError) {
        func fail(_ message: String, _ field: String) -> DoorbraakError {
            DoorbraakError(.planFile, message, field: field)
        }
        guard code.utf8.count <= 12, code.split(separator: "-").count == 2,
              code.utf8.allSatisfy({ Pattern.isUpperAlnum($0) || $0 == UInt8(ascii: "-") }) else {
            throw fail("plan code \"\(code)\" must look like AI-SGR", "code")
        }
        if sectors.isEmpty { throw fail("a plan needs at least one sector", "sectors") }
        if Set(sectors).count != sectors.count { throw fail("a sector is listed twice", "sectors") }
        if milestones.isEmpty { throw fail("a plan needs at least one milestone", "milestones") }
        for (i, m) in milestones.enumerated() where m.code.number != i + 1 {
            throw fail("milestone codes must run M1, M2, … in order; found \(m.code) at position \(i + 1)", "milestones[\(i)].code")
        }
        let total = milestones.reduce(0) { $0 + $1.share }
        if total != 100 { throw fail("milestone shares add up to \(total), not 100", "milestones") }
        for (i, m) in milestones.enumerated() {
            if !(1...100).contains(m.share) { throw fail("a share is a whole percent 1…100", "milestones[\(i)].share") }
            if !eligibleYears.contains(m.latest.year) {
                throw fail("due date \(m.latest) lies outside \(eligibleYears.lowerBound)–\(eligibleYears.upperBound)", "milestones[\(i)].latest")
            }
        }
        for (i, pair) in zip(milestones, milestones.dropFirst()).enumerated() where pair.1.latest < pair.0.latest {
            throw fail("due dates must not go back in time: \(pair.1.code) is due before \(pair.0.code)", "milestones[\(i + 1)].latest")
        }
        let years = norms.spendingYears
        for (i, m) in milestones.enumerated() where !years.contains(m.latest.year) {
            throw fail("due date \(m.latest) lies outside the plan's spending years", "milestones[\(i)].latest")
        }
        if years.isEmpty || years != years.sorted() || Set(years).count != years.count {
            throw fail("spending years must be listed once each, ascending", "norms.spending_years")
        }
        if let bad = years.first(where: { !eligibleYears.contains($0) }) {
            throw fail("spending year \(bad) lies outside \(eligibleYears.lowerBound)–\(eligibleYears.upperBound) (kasritme, 004 line 2900)", "norms.spending_years")
        }
        if norms.maxAmountPerProvider.cents <= 0 { throw fail("the maximum per provider must be positive", "norms.max_amount_per_provider") }
        if Set(excludedCategories).count != excludedCategories.count { throw fail("a category is listed twice", "excluded_categories") }
        for n in 1...14 where (basiseisen[n] ?? "").allSatisfy(\.isWhitespace) {
            throw fail("basiseis \(n) has no normative text", "basiseisen.\(n)")
        }
    }
}

extension ModelPlan.Milestone {
    init(json value: JSONValue, path: String) throws(DoorbraakError) {
        var r = try JSONObjectReader(value, path: path)
        code = try r.parsed("code", MilestoneCode.init(parsing:))
        title = try r.text("title")
        let obligationText = try r.string("obligation")
        guard let obligation = ModelPlan.Obligation(rawValue: obligationText) else {
            throw DoorbraakError(.input, "obligation must be inspanning or resultaat", field: path + ".obligation")
        }
        self.obligation = obligation
        share = try r.integer("share", in: 1...100)
        latest = try r.parsed("latest", Day.init(parsing:))
        evidence = try r.text("evidence")
        try r.finish()
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
