extension Application {
    /// Reads an application file strictly (SPEC §5.1, `Schemas/application.schema.json`): unknown
    /// fields, JSON numbers as amounts, wrong types and missing fields are errors with the field path.
    /// `other_funding` and `deviations` may be left out (read as empty).
    public init(json value: JSONValue) throws(DoorbraakError) {
        var reader = try JSONObjectReader(value)
        self = try reader.collecting { r, e throws(DoorbraakError) -> Application? in
            let id = e.attempt { () throws(DoorbraakError) in try r.parsed("id", ApplicationID.init(parsing:)) }
            let plan = e.attempt { () throws(DoorbraakError) in try r.string("plan") }
            let sector = e.attempt { () throws(DoorbraakError) in try r.string("sector") }
            let title = e.attempt { () throws(DoorbraakError) in try r.label("title", maxLength: 200) }
            let region = e.attempt { () throws(DoorbraakError) in try r.label("region", maxLength: 80) }
            let coalition = e.attempt { () throws(DoorbraakError) in
                try r.array("coalition") { v, path throws(DoorbraakError) in
                    var p = try JSONObjectReader(v, path: path)
                    return try p.collecting { p, e throws(DoorbraakError) -> Provider? in
                        let agb = e.attempt { () throws(DoorbraakError) in try p.parsed("agb", AGB.init(parsing:)) }
                        let name = e.attempt { () throws(DoorbraakError) in try p.label("name", maxLength: 120) }
                        let amount = e.attempt { () throws(DoorbraakError) in try p.money("amount") }
                        guard let agb, let name, let amount else { return nil }
                        return Provider(agb: agb, name: name, amount: amount)
                    }
                }
            }
            let insurers = e.attempt { () throws(DoorbraakError) in
                try r.object("insurers") { i throws(DoorbraakError) in (try i.string("coordinating"), try i.string("second")) }
            }
            let requested = e.attempt { () throws(DoorbraakError) in try r.money("requested") }
            let budget = e.attempt { () throws(DoorbraakError) in
                try r.array("budget") { v, path throws(DoorbraakError) in
                    var b = try JSONObjectReader(v, path: path)
                    return try b.collecting { b, e throws(DoorbraakError) -> BudgetLine? in
                        let year = e.attempt { () throws(DoorbraakError) in try b.integer("year", in: 1900...2100) }
                        let category = e.attempt { () throws(DoorbraakError) in try b.parsed("category", CostCategory.init(parsing:)) }
                        let amount = e.attempt { () throws(DoorbraakError) in try b.money("amount") }
                        let kind = e.attempt { () throws(DoorbraakError) in
                            try b.optional("kind").map { k throws(DoorbraakError) in try JSONObjectReader.parsed(k, at: FieldPath.join(b.path, "kind"), CostKind.init(parsing:)) } ?? .incidental
                        }
                        guard let year, let category, let amount, let kind else { return nil }
                        return BudgetLine(year: year, category: category, amount: amount, kind: kind)
                    }
                }
            }
            let milestones = e.attempt { () throws(DoorbraakError) in
                try r.array("milestones") { v, path throws(DoorbraakError) in
                    var m = try JSONObjectReader(v, path: path)
                    return try m.collecting { m, e throws(DoorbraakError) -> MilestoneLine? in
                        let code = e.attempt { () throws(DoorbraakError) in try m.parsed("code", MilestoneCode.init(parsing:)) }
                        let tariff = e.attempt { () throws(DoorbraakError) in try m.money("tariff") }
                        let due = e.attempt { () throws(DoorbraakError) in try m.parsed("due", Day.init(parsing:)) }
                        guard let code, let tariff, let due else { return nil }
                        return MilestoneLine(code: code, tariff: tariff, due: due)
                    }
                }
            }
            if let milestones {
                for (i, m) in milestones.enumerated() where milestones[..<i].contains(where: { $0.code == m.code }) {
                    e.add(DoorbraakError(.input, "milestone \(m.code) is listed twice", field: "milestones[\(i)].code"))
                }
            }
            let impact = e.attempt { () throws(DoorbraakError) in
                try r.object("impact") { i throws(DoorbraakError) in
                    var errors = ErrorList()
                    let fte = errors.attempt { () throws(DoorbraakError) in try JSONObjectReader.fte(try i.required("fte_saved"), at: "impact.fte_saved") }
                    let costs = errors.attempt { () throws(DoorbraakError) in try i.money("structural_costs_per_year") }
                    let savings = errors.attempt { () throws(DoorbraakError) in try i.money("structural_savings_per_year") }
                    guard let fte, let costs, let savings else {
                        throw errors.combined ?? DoorbraakError(.input, "impact is incomplete", field: "impact")
                    }
                    return Impact(fteSaved: fte, structuralCostsPerYear: costs, structuralSavingsPerYear: savings)
                }
            }
            let otherFunding = e.attempt { () throws(DoorbraakError) -> [OtherFunding] in
                r.optional("other_funding") == nil ? [] : try r.array("other_funding") { v, path throws(DoorbraakError) -> OtherFunding in
                    var f = try JSONObjectReader(v, path: path)
                    return try f.collecting { f, e throws(DoorbraakError) -> OtherFunding? in
                        let source = e.attempt { () throws(DoorbraakError) in try f.text("source") }
                        let reference = e.attempt { () throws(DoorbraakError) in try f.string("reference") }
                        let sameScope = e.attempt { () throws(DoorbraakError) in try f.bool("same_scope") }
                        guard let source, let reference, let sameScope else { return nil }
                        return OtherFunding(source: source, reference: reference, sameScope: sameScope)
                    }
                }
            }
            let basiseisen = e.attempt { () throws(DoorbraakError) in Dictionary(try r.stringMap("basiseisen"), uniquingKeysWith: { a, _ in a }) }
            let deviations = e.attempt { () throws(DoorbraakError) in Dictionary(try r.stringMap("deviations", required: false), uniquingKeysWith: { a, _ in a }) }
            let lead = e.attempt { () throws(DoorbraakError) -> AGB? in
                try r.optional("lead").map { v throws(DoorbraakError) in try JSONObjectReader.parsed(v, at: "lead", AGB.init(parsing:)) }
            }
            guard let id, let lead, let plan, let sector, let title, let region, let coalition, let insurers, let requested, let budget,
                  let milestones, let impact, let otherFunding, let basiseisen, let deviations, e.isEmpty else { return nil }
            return Application(id: id, plan: plan, sector: sector, title: title, region: region, coalition: coalition,
                               coordinatingInsurer: insurers.0, secondInsurer: insurers.1, requested: requested, budget: budget,
                               milestones: milestones, impact: impact, otherFunding: otherFunding, basiseisen: basiseisen, deviations: deviations, lead: lead)
        }
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
            ("budget", .array(budget.map { .object([("year", .number(String($0.year))), ("category", .string($0.category.rawValue)), ("kind", .string($0.kind.rawValue)), ("amount", .string($0.amount.description))]) })),
            ("milestones", .array(milestones.map { .object([("code", .string($0.code.description)), ("tariff", .string($0.tariff.description)), ("due", .string($0.due.description))]) })),
            ("impact", .object([
                ("fte_saved", .string(impact.fteSaved.description)),
                ("structural_costs_per_year", .string(impact.structuralCostsPerYear.description)),
                ("structural_savings_per_year", .string(impact.structuralSavingsPerYear.description)),
            ])),
            ("other_funding", .array(otherFunding.map { .object([("source", .string($0.source)), ("reference", .string($0.reference)), ("same_scope", .bool($0.sameScope))]) })),
            ("basiseisen", .object(basiseisen.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("deviations", .object(deviations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
        ] + (lead.map { [("lead", JSONValue.string($0.rawValue))] } ?? []))
    }

    /// The canonical text and its SHA-256, computed once.
    public var canonicalText: String { json.canonical }
}
