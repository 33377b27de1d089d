/// Generates a deterministic, realistic synthetic round (SPEC §5 `generate`): most applications
/// admissible, some with explained deviations, some below the bar, some with each kind of error;
/// amounts from €0.2 mln to €15 mln so that 1,000 applications oversubscribe the themes.
public struct RoundGenerator: Sendable {
    private let plans: [ModelPlan]
    private let bar: ImpactBar
    private let seed: UInt64

    /// A generator over `plans` for a round with `bar`.
    public init(plans: [ModelPlan], bar: ImpactBar, seed: UInt64) {
        self.plans = plans.sorted { $0.id < $1.id }
        self.bar = bar
        self.seed = seed
    }

    /// What the generator meant an application to be (for tests and the demo).
    public enum Kind: String, Sendable, CaseIterable {
        case conforming, explainedDeviation = "explained-deviation", belowBar = "below-bar"
        case unknownPlan = "E-PLAN", businessCase = "E-BUSINESSCASE", years = "E-YEARS", sums = "E-SUMS"
        case joint = "E-JOINT", insurers = "E-INSURERS", excluded = "E-EXCLUDED", double = "E-DOUBLE"
        case basiseisen = "E-BASISEISEN", unexplainedDeviation = "E-DEVIATION"
    }

    static let insurers = ["3311", "7029", "3343", "3358", "7119", "3336", "7095", "3334"]
    static let regions = ["Twente", "Groningen", "Friesland", "Drenthe", "Zwolle", "Arnhem", "Nijmegen", "Utrecht",
                          "Amsterdam", "Haarlem", "Leiden", "Rotterdam", "Den Haag", "Zeeland", "Brabant-Oost",
                          "Tilburg", "Limburg-Noord", "Maastricht", "Flevoland", "Gooi en Vecht"]

    /// The kind of application `index` (0-based).
    public func kind(of index: Int) -> Kind {
        var rng = SplitMix64(seed: seed, stream: UInt64(index))
        return RoundGenerator.kind(roll: rng.int(0...99), errorRoll: rng.int(0...9))
    }

    private static func kind(roll: Int64, errorRoll: Int64) -> Kind {
        switch roll {
        case 0..<66: return .conforming
        case 66..<78: return .explainedDeviation
        case 78..<86: return .belowBar
        default:
            let errors: [Kind] = [.unknownPlan, .businessCase, .years, .sums, .joint, .insurers, .excluded, .double, .basiseisen, .unexplainedDeviation]
            return errors[Int(errorRoll)]
        }
    }

    /// Application `index` (0-based) as a canonical JSON line.
    public func line(_ index: Int) -> String { application(index).json.canonical }

    /// Application `index` (0-based).
    public func application(_ index: Int) -> Application {
        var rng = SplitMix64(seed: seed, stream: UInt64(index))
        let kind = RoundGenerator.kind(roll: rng.int(0...99), errorRoll: rng.int(0...9))
        let medtech = plans.filter { $0.theme == .medischeTechnologie }
        let plan = kind == .excluded && !medtech.isEmpty ? rng.pick(medtech) : rng.pick(plans)
        let sector = rng.pick(plan.sectors)
        let region = rng.pick(RoundGenerator.regions)

        // Requested: half €0.2–2 mln, a third €2–6 mln, the rest €6–15 mln, in whole thousands.
        let bucket = rng.int(0...99)
        let thousands: Int64 = bucket < 50 ? rng.int(200...2_000) : bucket < 85 ? rng.int(2_000...6_000) : rng.int(6_000...15_000)
        var requested = Money(euros: thousands * 1_000)
        if kind == .joint { requested = min(requested, plan.norms.maxAmountPerProvider) }

        // Coalition: enough providers to stay under the maximum per provider.
        let maxCents = plan.norms.maxAmountPerProvider.cents
        var count = max(plan.norms.minProviders, Int((requested.cents + maxCents - 1) / maxCents)) + Int(rng.int(0...1))
        if kind == .joint { count = 1 }
        var agbs: [AGB] = []
        while agbs.count < count {
            let code = String(rng.int(10_000_000...99_999_999))
            if let agb = try? AGB(parsing: code), !agbs.contains(agb) { agbs.append(agb) }
        }
        let shares = ApplicationTemplate.split(requested, into: count)
        var coalition = zip(agbs, shares).enumerated().map { i, pair in
            Application.Provider(agb: pair.0, name: "Zorgaanbieder \(region) \(i + 1)", amount: pair.1)
        }

        // Budget: personnel and material in each spending year of the plan.
        let yearShares = ApplicationTemplate.split(requested, into: plan.norms.spendingYears.count)
        var budget: [Application.BudgetLine] = []
        for (year, amount) in zip(plan.norms.spendingYears, yearShares) {
            let personnel = Money(cents: amount.cents / 100 * 60)
            budget.append(.init(year: year, category: .personnel, amount: personnel))
            budget.append(.init(year: year, category: .material, amount: amount - personnel))
        }

        // Milestones at the plan's shares; the rounding remainder goes to the last.
        var milestones = plan.milestones.map { m in
            Application.MilestoneLine(code: m.code, tariff: Money(cents: requested.cents / 100 * Int64(m.share)), due: m.latest)
        }
        let rest = requested - milestones.map(\.tariff).sum()
        milestones[milestones.count - 1].tariff += rest

        // Impact: between the bar and the plan's plausible maximum; plans whose maximum lies below
        // the bar can only pass by claiming more and explaining it (impact.fte_norm).
        let maxHundredths = plan.norms.plausibleMaxFtePerMln.tenths * 10
        var deviations: [String: String] = [:]
        var targetHundredths: Int64
        switch kind {
        case .belowBar:
            targetHundredths = rng.int(max(100, bar.hundredths / 3)...(bar.hundredths - 10))
        default:
            if maxHundredths >= bar.hundredths {
                targetHundredths = rng.int(bar.hundredths...maxHundredths)
            } else {
                targetHundredths = rng.int(bar.hundredths...(bar.hundredths + 500))
                deviations["impact.fte_norm"] = "Regionale pilot in \(region) toont hogere besparing dan de landelijke norm; meetrapport bijgevoegd."
            }
        }
        var fte = RoundGenerator.fte(forHundredths: targetHundredths, of: requested, atLeast: kind == .belowBar ? nil : bar.hundredths, atMost: deviations.isEmpty && kind != .belowBar ? maxHundredths : nil)
        // Rounding up to a tenth may lift a small application meant to fall short over the bar.
        while kind == .belowBar, fte.tenths > 0, FtePerMillion(fte: fte, amount: requested).reaches(hundredths: bar.hundredths) {
            fte = Fte(tenths: fte.tenths - 1)
        }

        let costs = Money(cents: requested.cents / 20 / 100_000 * 100_000)
        var savings = Money(cents: costs.cents / 100 * rng.int(150...400))
        var otherFunding: [Application.OtherFunding] = rng.chance(20) ? [.init(source: "iza-transformatiemiddelen", reference: "TP-\(rng.int(1000...9999))", sameScope: false)] : []
        var basiseisen: [String: String] = [:]
        for n in 1...14 { basiseisen[String(n)] = "Coalitie \(region) vult basiseis \(n) in conform modelplan \(plan.id), met regionale uitwerking." }
        let coordinating = rng.pick(RoundGenerator.insurers)
        var second = rng.pick(RoundGenerator.insurers.filter { $0 != coordinating })
        var planID = plan.id.rawValue

        switch kind {
        case .conforming, .belowBar, .joint:
            break
        case .explainedDeviation:
            RoundGenerator.addDeviation(rng.int(0...3), plan: plan, requested: requested, milestones: &milestones, coalition: &coalition, budget: &budget, deviations: &deviations, region: region, explain: true)
        case .unexplainedDeviation:
            RoundGenerator.addDeviation(0, plan: plan, requested: requested, milestones: &milestones, coalition: &coalition, budget: &budget, deviations: &deviations, region: region, explain: false)
        case .unknownPlan:
            planID = "zorgpad-griep"
        case .businessCase:
            savings = costs - Money(euros: 1_000)
        case .years:
            budget[budget.count - 1].year = 2030
        case .sums:
            milestones[0].tariff += Money(cents: 1)
        case .insurers:
            second = coordinating
        case .excluded:
            if let i = budget.firstIndex(where: { $0.category == .material }) { budget[i].category = .hulpmiddelAanschaf }
        case .double:
            otherFunding = [.init(source: "subsidieregeling", reference: "SUB-\(rng.int(100...999))", sameScope: true)]
        case .basiseisen:
            basiseisen["7"] = " "
        }

        return Application(
            id: (try? ApplicationID(parsing: "DBM-2026-\(RoundGenerator.pad(index + 1))")) ?? RoundGenerator.fallbackID,
            plan: planID, sector: sector.rawValue, title: "\(plan.title) \(region)", region: region, coalition: coalition,
            coordinatingInsurer: coordinating, secondInsurer: second, requested: requested, budget: budget, milestones: milestones,
            impact: .init(fteSaved: fte, structuralCostsPerYear: costs, structuralSavingsPerYear: savings),
            otherFunding: otherFunding, basiseisen: basiseisen, deviations: deviations)
    }

    private static let fallbackID: ApplicationID = {
        guard let id = try? ApplicationID(parsing: "DBM-2026-X") else { preconditionFailure("constant id") }
        return id
    }()

    private static func pad(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 6 - s.count)) + s
    }

    /// fte (tenths) that gives about `hundredths` fte per €mln for `amount`, kept at or above
    /// `atLeast` and at or below `atMost` when given.
    static func fte(forHundredths hundredths: Int64, of amount: Money, atLeast: Int64?, atMost: Int64?) -> Fte {
        // fte per €mln = tenths · 10^9 / (cents · 100) in hundredths ⇒ tenths = hundredths · cents / 10^9.
        var tenths = (hundredths * amount.cents + 999_999_999) / 1_000_000_000
        if let atMost, FtePerMillion(fte: Fte(tenths: tenths), amount: amount).exceeds(hundredths: atMost) {
            tenths = atMost * amount.cents / 1_000_000_000
        }
        if let atLeast, !FtePerMillion(fte: Fte(tenths: tenths), amount: amount).reaches(hundredths: atLeast) {
            tenths = (atLeast * amount.cents + 999_999_999) / 1_000_000_000
        }
        return Fte(tenths: tenths)
    }

    private static func addDeviation(_ which: Int64, plan: ModelPlan, requested: Money, milestones: inout [Application.MilestoneLine],
                                     coalition: inout [Application.Provider], budget: inout [Application.BudgetLine],
                                     deviations: inout [String: String], region: String, explain: Bool) {
        func note(_ key: String, _ why: String) { if explain { deviations[key] = why } }
        switch which {
        case 1 where milestones.count >= 2:
            let shift = Money(cents: requested.cents / 100 * 5)
            milestones[0].tariff -= shift
            milestones[1].tariff += shift
            note("milestones.\(milestones[0].code).share", "In \(region) is de startfase al gefinancierd uit eigen middelen.")
            note("milestones.\(milestones[1].code).share", "Het zwaartepunt van de implementatie ligt in \(region) later.")
        case 2 where coalition.count >= 2:
            let extra = plan.norms.maxAmountPerProvider - coalition[0].amount + Money(euros: 10_000)
            if coalition[1].amount > extra + Money(euros: 1) {
                coalition[0].amount += extra
                coalition[1].amount -= extra
                note("providers.max_amount", "De penvoerder in \(region) levert de centrale ICT-voorziening voor de hele coalitie.")
            } else {
                fallthrough
            }
        default:
            let last = milestones.count - 1
            let due = milestones[last].due
            let later: Day = due.month < 12 ? Day(due.year, 12, 31) : (due.year < 2029 ? Day(due.year + 1, 3, 31) : Day(due.year, 12, 31))
            if later > due {
                milestones[last].due = later
                note("milestones.\(milestones[last].code).due", "De regio \(region) heeft een langere aanlooptijd door de ICT-migratie van de ketenpartners.")
            } else if milestones.count >= 2 {
                let shift = Money(cents: requested.cents / 100 * 5)
                milestones[0].tariff -= shift
                milestones[1].tariff += shift
                note("milestones.\(milestones[0].code).share", "Startfase elders gefinancierd.")
                note("milestones.\(milestones[1].code).share", "Zwaartepunt later.")
            }
        }
    }
}

extension RoundGenerator {
    /// The header of `reviews.csv`: with the version each decision assessed (every generated
    /// application is a first submission, version 1).
    public static let reviewHeader = "application_id,insurer,decision,reason,accepted_deviations,note,version"

    /// The two insurers' decisions on application `index` as CSV lines, or none when the
    /// application was not meant to be admissible. Most are approved; some rejected for R2, R4,
    /// R9, and some extended-track ones for R3 (a deviation not accepted).
    public func reviewLines(_ index: Int) -> [String] {
        let kind = kind(of: index)
        guard kind == .conforming || kind == .explainedDeviation else { return [] }
        let app = application(index)
        guard let plan = plans.first(where: { $0.id.rawValue == app.plan }) else { return [] }
        let deviations = DeviationFinder.deviations(of: app, from: plan)
        var rng = SplitMix64(seed: seed ^ 0x5245_5649_4557, stream: UInt64(index))
        let roll = rng.int(0...99)
        let id = app.id.rawValue
        let approveAll = "approve,,\(deviations.joined(separator: "|")),"
        let first = "\(id),\(app.coordinatingInsurer),\(approveAll)"
        let second: String
        switch roll {
        case 0..<5: second = "\(id),\(app.secondInsurer),reject,R2,,\"Besparing niet onderbouwd met meetgegevens, zie gesprek 12-12\""
        case 5..<8: second = "\(id),\(app.secondInsurer),reject,R4,,Onvoldoende projectcapaciteit in de coalitie"
        case 8..<10: second = "\(id),\(app.secondInsurer),reject,R9,,Overlap met regionaal programma"
        case 10..<30 where !deviations.isEmpty: second = "\(id),\(app.secondInsurer),reject,R3,,Afwijking niet regionaal onderbouwd"
        default: second = "\(id),\(app.secondInsurer),\(approveAll)"
        }
        return [first + ",1", second + ",1"]
    }
}
