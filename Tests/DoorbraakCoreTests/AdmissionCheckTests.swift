@testable import DoorbraakCore
import Foundation
import Testing

/// A small plan with known norms: two milestones (40% / 60%), at most €600,000 per provider,
/// spending in 2027–2028, at most 30 fte per €mln, buying aids excluded.
let testPlan = ModelPlan(
    id: try! PlanID(parsing: "test-plan"), code: "T-TST", version: "1", title: "Testplan", theme: .medischeTechnologie,
    sectors: [.vvt, .msz], problem: "p", goal: "g", scope: "s",
    milestones: [
        .init(code: try! MilestoneCode(parsing: "M1"), title: "start", obligation: .inspanning, share: 40, latest: Day(2027, 6, 30), evidence: "plan"),
        .init(code: try! MilestoneCode(parsing: "M2"), title: "live", obligation: .resultaat, share: 60, latest: Day(2028, 6, 30), evidence: "rapport"),
    ],
    kpis: [], norms: .init(minProviders: 2, maxAmountPerProvider: Money(euros: 600_000), spendingYears: [2027, 2028], plausibleMaxFtePerMln: Fte(tenths: 300)),
    excludedCategories: [.hulpmiddelAanschaf], basiseisen: [:], source: "test")

/// An application that passes every check against `testPlan` at bar B, received on the deadline.
func validApplication() -> Application {
    Application(
        id: try! ApplicationID(parsing: "DBM-TEST-1"), plan: "test-plan", sector: "vvt", title: "t", region: "r",
        coalition: [.init(agb: try! AGB(parsing: "12345678"), name: "A", amount: Money(euros: 500_000)),
                    .init(agb: try! AGB(parsing: "23456789"), name: "B", amount: Money(euros: 500_000))],
        coordinatingInsurer: "3311", secondInsurer: "7029", requested: Money(euros: 1_000_000),
        budget: [.init(year: 2027, category: .personnel, amount: Money(euros: 500_000)),
                 .init(year: 2028, category: .material, amount: Money(euros: 500_000))],
        milestones: [.init(code: try! MilestoneCode(parsing: "M1"), tariff: Money(euros: 400_000), due: Day(2027, 6, 30)),
                     .init(code: try! MilestoneCode(parsing: "M2"), tariff: Money(euros: 600_000), due: Day(2028, 6, 30))],
        impact: .init(fteSaved: Fte(tenths: 200), structuralCostsPerYear: Money(euros: 50_000), structuralSavingsPerYear: Money(euros: 100_000)),
        otherFunding: [], basiseisen: Dictionary(uniqueKeysWithValues: (1...14).map { (String($0), "antwoord \($0)") }), deviations: [:])
}

func admission(_ change: (inout Application) -> Void, received: Day = Day(2026, 12, 1), plan: ModelPlan? = testPlan) -> Admission {
    var app = validApplication()
    change(&app)
    return AdmissionCheck.run(app, plan: plan, settings: .standard, received: received, insurers: PartyRegister.dutchInsurerCodes)
}

func codes(_ a: Admission) -> Set<String> { Set(a.errors.map(\.code.rawValue)) }

@Suite struct AdmissionCheckTests {
    /// A refusal for the bar shows the impact rounded down, so one just below never reads as the
    /// bar itself (a board review: "impact 17.00 … is below the bar of 17" for € 1.000.000,01).
    @Test func anImpactJustBelowTheBarDoesNotReadAsTheBar() {
        let justBelow = FtePerMillion(fte: Fte(tenths: 170), amount: Money(cents: 1_000_000_01))
        #expect(justBelow.description == "17.00" && justBelow.belowBarText == "16.99" && !justBelow.reaches(hundredths: 1700))
        let at = FtePerMillion(fte: Fte(tenths: 170), amount: Money(euros: 1_000_000))
        #expect(at.belowBarText == "17.00" && at.reaches(hundredths: 1700))
    }

    @Test func theBaseApplicationIsAdmissibleOnTheLimitedTrack() {
        let a = admission { _ in }
        #expect(a.errors.isEmpty, "\(a.errors)")
        #expect(a.track == .limited)
        #expect(a.impact.description == "20.00")
    }

    // Each case: a change, and the codes it must produce (empty: still admissible).
    nonisolated(unsafe) static let cases: [(String, (inout Application) -> Void, Set<String>)] = [
        ("exactly at the bar: 17.0 fte for €1,000,000.00", { $0.impact.fteSaved = Fte(tenths: 170) }, []),
        ("one tenth below the bar", { $0.impact.fteSaved = Fte(tenths: 169) }, ["E-BAR"]),
        ("savings equal to costs", { $0.impact.structuralSavingsPerYear = Money(euros: 50_000) }, []),
        ("savings one cent below costs", { $0.impact.structuralSavingsPerYear = Money(cents: 5_000_000 - 1) }, ["E-BUSINESSCASE"]),
        ("budget line in 2030", { $0.budget[1].year = 2030 }, ["E-YEARS"]),
        ("budget line in 2026", { $0.budget[0].year = 2026 }, ["E-YEARS"]),
        ("milestone due 2030-01-01, explained", { $0.milestones[1].due = Day(2030, 1, 1); $0.deviations["milestones.M2.due"] = "x" }, ["E-YEARS"]),
        ("milestone due 2029-12-31, explained", { $0.milestones[1].due = Day(2029, 12, 31); $0.deviations["milestones.M2.due"] = "x" }, []),
        ("budget one cent over", { $0.budget[0].amount += Money(cents: 1) }, ["E-SUMS"]),
        ("provider shares one cent short", { $0.coalition[1].amount -= Money(cents: 1) }, ["E-SUMS"]),
        ("tariffs one cent over", { $0.milestones[0].tariff += Money(cents: 1) }, ["E-SUMS"]),
        ("one provider where the plan asks two", { app in
            app.coalition = [app.coalition[0]]; app.coalition[0].amount = Money(euros: 1_000_000)
            app.deviations["providers.max_amount"] = "x"
        }, ["E-JOINT"]),
        ("the same provider twice (together above the maximum, explained)", { $0.coalition[1].agb = $0.coalition[0].agb; $0.deviations["providers.max_amount"] = "x" }, ["E-JOINT", "E-COALITION"]),
        ("the same insurer twice", { $0.secondInsurer = "3311" }, ["E-INSURERS"]),
        ("a third provider with a share of €0.00 takes part without budget (004 line 2644)", { app in
            app.coalition.append(.init(agb: try! AGB(parsing: "34567890"), name: "Stille partner", amount: .zero))
        }, []),
        ("a partner without budget does not count towards the minimum of two", { app in
            app.coalition[0].amount += app.coalition[1].amount; app.coalition[1].amount = .zero
            app.deviations["providers.max_amount"] = "x"
        }, ["E-JOINT"]),
        ("a regional adaptation, explained: a deviation on the extended track", { $0.deviations["regional.scope"] = "Twente neemt ook de huisartsen mee" }, []),
        ("a regional adaptation without an explanation", { $0.deviations["regional.scope"] = " " }, ["E-DEVIATION"]),
        ("a regional key with capitals is no deviation key", { $0.deviations["regional.Scope"] = "x" }, ["E-DEVIATION"]),
        ("a regional key without a name", { $0.deviations["regional."] = "x" }, ["E-DEVIATION"]),
        ("a third provider with €0.01 takes part", { app in
            app.coalition.append(.init(agb: try! AGB(parsing: "34567890"), name: "Kleine partner", amount: Money(cents: 1)))
            app.coalition[0].amount -= Money(cents: 1)
        }, []),
        ("a structural budget line", { $0.budget[0].kind = .structural }, ["E-EXCLUDED"]),
        ("a milestone tariff of € 0,00 (its share moved and explained)", { app in
            app.milestones[1].tariff += app.milestones[0].tariff; app.milestones[0].tariff = .zero
            app.deviations["milestones.M1.share"] = "x"; app.deviations["milestones.M2.share"] = "x"
        }, ["E-SUMS"]),
        ("a milestone tariff of € 0,01 (its share moved and explained)", { app in
            app.milestones[1].tariff += app.milestones[0].tariff - Money(cents: 1); app.milestones[0].tariff = Money(cents: 1)
            app.deviations["milestones.M1.share"] = "x"; app.deviations["milestones.M2.share"] = "x"
        }, []),
        ("an incidental material line", { $0.budget[0].category = .material; $0.budget[0].kind = .incidental }, []),
        ("the template's region left in", { $0.region = "<regio>" }, ["E-TEMPLATE"]),
        ("the template's AGB left in", { $0.coalition[0].agb = try! AGB(parsing: "00000001") }, ["E-TEMPLATE"]),
        ("the template's insurer left in", { $0.coordinatingInsurer = "0001" }, ["E-TEMPLATE"]),
        ("a basiseis still holding the template's text", { $0.basiseisen["3"] = "<hoe deze coalitie basiseis 3 invult> Norm van het modelplan: x" }, ["E-BASISEISEN"]),
        ("an invalid UZOVI code", { $0.coordinatingInsurer = "331" }, ["E-INSURERS"]),
        ("a budget line buying aids", { $0.budget[1].category = .hulpmiddelAanschaf }, ["E-EXCLUDED"]),
        ("other funding of another scope", { $0.otherFunding = [.init(source: "iza", reference: "TP-1", sameScope: false)] }, []),
        ("earlier funding of the same scope", { $0.otherFunding = [.init(source: "iza", reference: "TP-1", sameScope: true)] }, ["E-DOUBLE"]),
        ("a missing basiseis answer", { $0.basiseisen.removeValue(forKey: "7") }, ["E-BASISEISEN"]),
        ("a blank basiseis answer", { $0.basiseisen["14"] = "  " }, ["E-BASISEISEN"]),
        ("an answer to basiseis 15", { $0.basiseisen["15"] = "x" }, ["E-BASISEISEN"]),
        ("an unknown plan", { $0.plan = "zorgpad-griep" }, ["E-PLAN"]),
        ("a sector the plan does not cover", { $0.sector = "ggz" }, ["E-PLAN"]),
        ("an unexplained deviation", { $0.milestones[1].due = Day(2028, 7, 1) }, ["E-DEVIATION"]),
        ("an explanation of something that is no deviation", { $0.deviations["milestones.M1.due"] = "x" }, ["E-DEVIATION"]),
        ("an explanation under a key that does not exist", { $0.deviations["budget.total"] = "x" }, ["E-DEVIATION"]),
        ("requested zero", { app in
            app.requested = .zero; app.coalition = app.coalition.map { var p = $0; p.amount = .zero; return p }
            app.budget = app.budget.map { var b = $0; b.amount = .zero; return b }
            app.milestones = app.milestones.map { var m = $0; m.tariff = .zero; return m }
        }, ["E-SUMS", "E-JOINT"]),
    ]

    @Test func aRegionalAdaptationPutsTheApplicationOnTheExtendedTrack() {
        let a = admission { $0.deviations["regional.scope"] = "Twente neemt ook de huisartsen mee" }
        #expect(a.errors.isEmpty && a.track == .extended && a.deviations == ["regional.scope"])
        let wrong = admission { $0.deviations["scope"] = "x" }
        #expect(wrong.errors.first?.message.contains("regional.<name>") == true, "the error names the key formats")
    }

    @Test(arguments: cases.indices)
    func ruleTable(index: Int) {
        let (name, change, expected) = Self.cases[index]
        let result = admission(change)
        #expect(codes(result) == expected, "\(name): \(result.errors.map(\.description))")
        #expect(result.isAdmissible == expected.isEmpty, "\(name)")
    }

    @Test func buyingHulpmiddelenIsExcludedInAPlanThatDoesNotListIt() {
        var open = testPlan
        open.excludedCategories = []
        #expect(codes(admission({ $0.budget[0].category = .hulpmiddelAanschaf }, plan: open)) == ["E-EXCLUDED"])
        #expect(codes(admission({ $0.budget[0].category = .material }, plan: open)) == [])
    }

    @Test func receiptOnTheDeadlinePassesAndTheDayAfterFails() {
        #expect(admission({ _ in }, received: Day(2026, 12, 1)).isAdmissible)
        #expect(codes(admission({ _ in }, received: Day(2026, 12, 2))) == ["E-LATE"])
    }

    @Test func withoutAPlanOnlyThePlanFreeChecksRun() {
        let a = admission({ _ in }, plan: nil)
        #expect(codes(a) == ["E-PLAN"])
        #expect(a.theme == nil)
    }

    @Test func everyFailureIsReportedAtOnce() {
        let a = admission { app in
            app.impact.fteSaved = Fte(tenths: 10)
            app.secondInsurer = app.coordinatingInsurer
            app.budget[0].year = 2031
            app.basiseisen.removeValue(forKey: "3")
            app.otherFunding = [.init(source: "subsidie", reference: "S", sameScope: true)]
        }
        #expect(codes(a) == ["E-BAR", "E-INSURERS", "E-YEARS", "E-SUMS", "E-BASISEISEN", "E-DOUBLE"].reduce(into: Set<String>()) { $0.insert($1) }.subtracting(["E-SUMS"]))
        #expect(a.errors.first { $0.code == .years }?.field == "budget[0].year")
        #expect(a.errors.first { $0.code == .basiseisen }?.field == "basiseisen.3")
    }
}

@Suite struct DeviationTests {
    nonisolated(unsafe) static let cases: [(String, (inout Application) -> Void, [String])] = [
        ("none", { _ in }, []),
        ("share exactly 0.5 point off is within tolerance", { $0.milestones[0].tariff = Money(euros: 405_000); $0.milestones[1].tariff = Money(euros: 595_000) }, []),
        ("share 0.5 point and one cent off", { $0.milestones[0].tariff = Money(cents: 40_500_001); $0.milestones[1].tariff = Money(cents: 59_499_999) }, ["milestones.M1.share", "milestones.M2.share"]),
        ("share 0.5 point under", { $0.milestones[0].tariff = Money(euros: 395_000); $0.milestones[1].tariff = Money(euros: 605_000) }, []),
        ("due on the plan's latest date", { $0.milestones[0].due = Day(2027, 6, 30) }, []),
        ("due one day later", { $0.milestones[0].due = Day(2027, 7, 1) }, ["milestones.M1.due"]),
        ("a milestone left out", { app in app.milestones.removeLast(); app.milestones[0].tariff = Money(euros: 1_000_000) }, ["milestones.M1.share", "milestones.set"]),
        ("a milestone added", { app in
            app.milestones.append(.init(code: try! MilestoneCode(parsing: "M3"), tariff: .zero, due: Day(2028, 6, 30)))
        }, ["milestones.set"]),
        ("a year the plan does not list", { $0.budget[1].year = 2029 }, ["spending_years"]),
        ("a provider exactly at the maximum", { $0.coalition[0].amount = Money(euros: 600_000); $0.coalition[1].amount = Money(euros: 400_000) }, []),
        ("the same provider listed twice, together above the maximum", { app in
            app.coalition = [app.coalition[0], app.coalition[0], app.coalition[1]]
            app.coalition[0].amount = Money(euros: 300_000); app.coalition[1].amount = Money(cents: 30_000_001); app.coalition[2].amount = Money(cents: 39_999_999)
        }, ["providers.max_amount"]),
        ("a provider one cent above the maximum", { $0.coalition[0].amount = Money(cents: 60_000_001); $0.coalition[1].amount = Money(cents: 39_999_999) }, ["providers.max_amount"]),
        ("impact exactly at the plausible maximum", { $0.impact.fteSaved = Fte(tenths: 300) }, []),
        ("impact one tenth above it", { $0.impact.fteSaved = Fte(tenths: 301) }, ["impact.fte_norm"]),
    ]

    @Test(arguments: cases.indices)
    func deviationTable(index: Int) {
        let (name, change, expected) = Self.cases[index]
        var app = validApplication()
        change(&app)
        #expect(DeviationFinder.deviations(of: app, from: testPlan) == expected, "\(name)")
    }

    @Test func explainedDeviationsPutTheApplicationOnTheExtendedTrack() {
        let a = admission { app in
            app.milestones[0].due = Day(2027, 9, 30)
            app.deviations["milestones.M1.due"] = "De regio start later door de ICT-migratie."
        }
        #expect(a.isAdmissible, "\(a.errors)")
        #expect(a.track == .extended)
        #expect(a.deviations == ["milestones.M1.due"])
    }

    @Test func wellFormedKeys() {
        for key in ["milestones.set", "milestones.M3.share", "milestones.M9.due", "spending_years", "providers.max_amount", "impact.fte_norm"] {
            #expect(DeviationFinder.isWellFormedKey(key), "\(key)")
        }
        for key in ["milestones.M0.due", "milestones.M1", "budget", "milestones.M1.tariff", ""] {
            #expect(!DeviationFinder.isWellFormedKey(key), "\(key)")
        }
    }
}

@Suite struct ApplicationJSONTests {
    @Test func canonicalFormIgnoresLayoutAndNotation() throws {
        let a = try Application(json: try JSONParser.parse(validApplication().json.pretty))
        #expect(a == validApplication())
        // Same content written differently: whole euros, fte as a number, other key order.
        var text = validApplication().json.canonical
        text = text.replacingOccurrences(of: "\"requested\":\"1000000.00\"", with: "\"requested\":\"1000000\"")
        text = text.replacingOccurrences(of: "\"fte_saved\":\"20.0\"", with: "\"fte_saved\":20")
        let b = try Application(json: try JSONParser.parse(text))
        #expect(b.canonicalText == validApplication().canonicalText)
    }

    @Test func aMilestoneListedTwiceIsMalformed() throws {
        var app = validApplication()
        app.milestones[1].code = app.milestones[0].code
        #expect { try Application(json: try JSONParser.parse(app.json.canonical)) } throws: {
            ($0 as? DoorbraakError)?.field == "milestones[1].code"
        }
    }
}

@Suite struct GeneratorTests {
    @Test func sameSeedSameLinesAndAMixOfKinds() {
        let g1 = RoundGenerator(plans: [testPlan], bar: .scenario(.B), seed: 42)
        let g2 = RoundGenerator(plans: [testPlan], bar: .scenario(.B), seed: 42)
        let g3 = RoundGenerator(plans: [testPlan], bar: .scenario(.B), seed: 43)
        #expect((0..<50).map(g1.line) == (0..<50).map(g2.line))
        #expect((0..<50).map(g1.line) != (0..<50).map(g3.line))
        let kinds = Set((0..<400).map(g1.kind(of:)))
        #expect(kinds == Set(RoundGenerator.Kind.allCases))
    }

    @Test func eachKindGetsTheOutcomeItWasMeantToHave() {
        let g = RoundGenerator(plans: [testPlan], bar: .scenario(.B), seed: 7)
        for i in 0..<300 {
            let app = g.application(i)
            let kind = g.kind(of: i)
            let plan: ModelPlan? = app.plan == testPlan.id.rawValue ? testPlan : nil
            let result = AdmissionCheck.run(app, plan: plan, settings: .standard, received: Day(2026, 12, 1), insurers: PartyRegister.dutchInsurerCodes)
            switch kind {
            case .conforming:
                #expect(result.isAdmissible, "\(i) \(kind): \(result.errors)")
            case .explainedDeviation:
                #expect(result.isAdmissible && result.track == .extended, "\(i) \(kind): \(result.errors)")
            case .belowBar:
                #expect(codes(result) == ["E-BAR"], "\(i) \(kind)")
            default:
                #expect(codes(result).contains(kind.rawValue), "\(i) \(kind): \(codes(result))")
            }
            let amount = app.requested.cents
            #expect(amount >= 20_000_000 && amount <= 1_500_000_000)
        }
    }
}
