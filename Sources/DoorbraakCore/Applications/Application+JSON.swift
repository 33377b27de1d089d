extension Application {
    /// Reads an application file strictly (SPEC §5.1, `Schemas/application.schema.json`): unknown
    /// fields, JSON numbers as amounts, wrong types and missing fields are errors with the field path.
    /// `other_funding` and `deviations` may be left out (read as empty).
    public init(json value: JSONValue) throws(DoorbraakError) {
        var r = try JSONObjectReader(value)
        id = try r.parsed("id", ApplicationID.init(parsing:))
        plan = try r.string("plan")
        sector = try r.string("sector")
        title = try r.text("title")
        region = try r.text("region")
        coalition = try r.array("coalition") { v, path throws(DoorbraakError) in
            var p = try JSONObjectReader(v, path: path)
            let provider = Provider(agb: try p.parsed("agb", AGB.init(parsing:)), name: try p.text("name"), amount: try p.money("amount"))
            try p.finish()
            return provider
        }
        (coordinatingInsurer, secondInsurer) = try r.object("insurers") { i throws(DoorbraakError) in
            (try i.string("coordinating"), try i.string("second"))
        }
        requested = try r.money("requested")
        budget = try r.array("budget") { v, path throws(DoorbraakError) in
            var b = try JSONObjectReader(v, path: path)
            let line = BudgetLine(year: try b.integer("year", in: 1900...2100), category: try b.parsed("category", CostCategory.init(parsing:)), amount: try b.money("amount"))
            try b.finish()
            return line
        }
        milestones = try r.array("milestones") { v, path throws(DoorbraakError) in
            var m = try JSONObjectReader(v, path: path)
            let line = MilestoneLine(code: try m.parsed("code", MilestoneCode.init(parsing:)), tariff: try m.money("tariff"), due: try m.parsed("due", Day.init(parsing:)))
            try m.finish()
            return line
        }
        for (i, m) in milestones.enumerated() where milestones[..<i].contains(where: { $0.code == m.code }) {
            throw DoorbraakError(.input, "milestone \(m.code) is listed twice", field: "milestones[\(i)].code")
        }
        impact = try r.object("impact") { i throws(DoorbraakError) in
            let fteValue = try i.required("fte_saved")
            return Impact(fteSaved: try JSONObjectReader.fte(fteValue, at: "impact.fte_saved"),
                          structuralCostsPerYear: try i.money("structural_costs_per_year"),
                          structuralSavingsPerYear: try i.money("structural_savings_per_year"))
        }
        if r.optional("other_funding") != nil {
            otherFunding = try r.array("other_funding") { v, path throws(DoorbraakError) in
                var f = try JSONObjectReader(v, path: path)
                let funding = OtherFunding(source: try f.text("source"), reference: try f.string("reference"), sameScope: try f.bool("same_scope"))
                try f.finish()
                return funding
            }
        } else {
            otherFunding = []
        }
        basiseisen = Dictionary(try r.stringMap("basiseisen"), uniquingKeysWith: { a, _ in a })
        deviations = Dictionary(try r.stringMap("deviations", required: false), uniquingKeysWith: { a, _ in a })
        try r.finish()
    }

    /// The application in canonical form: every amount with two decimals, fte with one, keys
    /// sorted. Two files with the same content give the same text (`E-DUPLICATE`, SPEC §3.2).
    public var json: JSONValue {
        .object([
            ("id", .string(id.rawValue)),
            ("plan", .string(plan)),
            ("sector", .string(sector)),
            ("title", .string(title)),
            ("region", .string(region)),
            ("coalition", .array(coalition.map { .object([("agb", .string($0.agb.rawValue)), ("name", .string($0.name)), ("amount", .string($0.amount.description))]) })),
            ("insurers", .object([("coordinating", .string(coordinatingInsurer)), ("second", .string(secondInsurer))])),
            ("requested", .string(requested.description)),
            ("budget", .array(budget.map { .object([("year", .number(String($0.year))), ("category", .string($0.category.rawValue)), ("amount", .string($0.amount.description))]) })),
            ("milestones", .array(milestones.map { .object([("code", .string($0.code.description)), ("tariff", .string($0.tariff.description)), ("due", .string($0.due.description))]) })),
            ("impact", .object([
                ("fte_saved", .string(impact.fteSaved.description)),
                ("structural_costs_per_year", .string(impact.structuralCostsPerYear.description)),
                ("structural_savings_per_year", .string(impact.structuralSavingsPerYear.description)),
            ])),
            ("other_funding", .array(otherFunding.map { .object([("source", .string($0.source)), ("reference", .string($0.reference)), ("same_scope", .bool($0.sameScope))]) })),
            ("basiseisen", .object(basiseisen.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("deviations", .object(deviations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
        ])
    }

    /// The canonical text and its SHA-256, computed once.
    public var canonicalText: String { json.canonical }
}
