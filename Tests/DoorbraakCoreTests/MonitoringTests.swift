@testable import DoorbraakCore
import Testing

private let a1 = try! ApplicationID(parsing: "DBM-2026-0001")
private let a2 = try! ApplicationID(parsing: "DBM-2026-0002")
private let a3 = try! ApplicationID(parsing: "DBM-2026-0003")
private let kpis = ["K1", "K2", "K3"]

private func fields(_ kpi: String, _ value: String, peildatum: String = "2028-06-30", id: String = "DBM-2026-0001") -> [String: String] {
    ["application_id": id, "peildatum": peildatum, "kpi": kpi, "value": value]
}

private func fte(_ tenths: Int64) -> Fte { Fte(tenths: tenths) }

@Suite struct MeasurementTests {
    @Test(arguments: [
        ("fte", "12.5", Int64(125_000)), ("fte", "0", 0), ("K1", "-20", -200_000), ("K2", "0.0125", 125), ("K3", "87", 870_000),
    ])
    func parsesCommaRows(kpi: String, value: String, units: Int64) throws {
        let m = try Measurement(fields: fields(kpi, value), notation: .commaCSV, allowedKPIs: kpis)
        #expect(m.application == a1 && m.peildatum == Day(2028, 6, 30) && m.kpi == kpi && m.value.units == units)
    }

    /// A value is said without trailing zeros, as the text with its zeros taken off one by one
    /// (the way it was written before) says it: every value from -2 to 2 in ten-thousandths,
    /// and values at the ends of the range.
    @Test func aValueIsSaidWithoutTrailingZeros() {
        func byCharacters(_ units: Int64) -> String {
            var text = DecimalText.format(units, decimals: 4)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        for units in Array(Int64(-20_000)...20_000) + [1_000_000, -1_000_000, 123_456_789, 100_000_000_000, .max, .min + 1, .min] {
            #expect(MeasuredValue(units: units).description == byCharacters(units), "\(units)")
        }
        #expect(MeasuredValue(units: 125).description == "0.0125" && MeasuredValue(units: -200_000).description == "-20" && MeasuredValue(units: 0).description == "0")
    }

    @Test func parsesADecimalCommaInASemicolonFile() throws {
        let m = try Measurement(fields: fields("fte", "1.012,5"), notation: .semicolonCSV, allowedKPIs: kpis)
        #expect(m.realisedFte == fte(10_125))
        #expect(m.value.description == "1012.5")
    }

    @Test(arguments: [
        ("fte", "12.55", "value"), ("fte", "-1", "value"), ("fte", "", "value"), ("K1", "1,5", "value"), ("K1", "0.00001", "value"), ("", "1", "kpi"),
    ])
    func refusesAMalformedValueOrKPI(kpi: String, value: String, field: String) {
        #expect {
            try Measurement(fields: fields(kpi, value), notation: .commaCSV, allowedKPIs: kpis)
        } throws: { error in
            guard let e = error as? FieldErrors else { return false }
            return e.fields == [field] && e.errors.allSatisfy { $0.code == .monitoringInput }
        }
    }

    @Test func reportsEveryBadFieldOfTheRow() {
        #expect {
            try Measurement(fields: ["application_id": "x", "peildatum": "2028-02-30", "kpi": "K9", "value": "abc"], notation: .commaCSV, allowedKPIs: kpis)
        } throws: { ($0 as? FieldErrors)?.fields == Measurement.columns }
    }

    @Test(arguments: [("K4", "K1"), ("ft", "fte"), ("FTE", "fte"), ("k2", "K2"), ("benutting", "fte")])
    func anUnknownKPIIsRefusedWithTheNearestKnownId(kpi: String, nearest: String) {
        #expect {
            try Measurement(fields: fields(kpi, "1"), notation: .commaCSV, allowedKPIs: kpis)
        } throws: { error in
            guard let e = (error as? FieldErrors)?.errors, e.count == 1 else { return false }
            return e[0].code == .monitoringKPI && e[0].field == "kpi" && e[0].message.contains("the nearest is \"\(nearest)\"")
                && e[0].message.contains("DBM-2026-0001")
        }
    }

    @Test func aPlanWithoutKPIsStillTakesFte() throws {
        #expect(try Measurement(fields: fields("fte", "3"), notation: .commaCSV, allowedKPIs: []).realisedFte == fte(30))
        #expect(throws: FieldErrors.self) { try Measurement(fields: fields("K1", "3"), notation: .commaCSV, allowedKPIs: []) }
    }

    @Test func planKPIIdsArePositional() throws {
        let kpi = ModelPlan.KPI(name: "Inhuur en overwerk", unit: "uren", target: "-20%")
        let plan = ModelPlan(id: try PlanID(parsing: "p"), code: "P", version: "1", title: "t", theme: .ai, sectors: [.vvt], problem: "", goal: "", scope: "",
                             milestones: [], kpis: [kpi, kpi, kpi], norms: .init(minProviders: 2, maxAmountPerProvider: .zero, spendingYears: [], plausibleMaxFtePerMln: fte(0)),
                             excludedCategories: [], basiseisen: [:], source: "")
        #expect(plan.kpiIDs == ["K1", "K2", "K3"])
    }

    @Test func nearestUsesTheEditDistance() {
        #expect(NearestName.distance("kitten", "sitting") == 3)
        #expect(NearestName.distance("", "abc") == 3)
        #expect(NearestName.closest(to: "K22", among: ["K1", "K2"]) == "K2")
        #expect(NearestName.closest(to: "x", among: []) == nil)
    }

    @Test func theKeyIgnoresTheValue() {
        let a = Measurement(application: a1, peildatum: Day(2028, 1, 1), fte: fte(10))
        let b = Measurement(application: a1, peildatum: Day(2028, 1, 1), fte: fte(11))
        #expect(a.key == b.key && a != b)
        #expect(a.key != Measurement(application: a1, peildatum: Day(2028, 1, 2), fte: fte(10)).key)
    }
}

@Suite struct MonitoringTests {
    static let apps = [
        Monitoring.ApplicationFacts(id: a2, theme: .digitaleHybrideZorg, claimed: fte(400), grantedOn: Day(2027, 1, 4), payments: [.init(on: Day(2027, 6, 30), amount: Money(euros: 2_000_000))]),
        Monitoring.ApplicationFacts(id: a1, theme: .ai, claimed: fte(350), grantedOn: Day(2027, 1, 4), payments: [.init(on: Day(2027, 6, 30), amount: Money(euros: 1_000_000))]),
        Monitoring.ApplicationFacts(id: a3, theme: .ai, claimed: fte(100), grantedOn: Day(2027, 1, 4), payments: [.init(on: Day(2027, 6, 30), amount: Money(euros: 1_000_000))]),
    ]
    static let measurements = [
        Measurement(application: a1, peildatum: Day(2027, 12, 31), fte: fte(100)),
        Measurement(application: a1, peildatum: Day(2028, 12, 31), fte: fte(300)),
        Measurement(application: a1, peildatum: Day(2029, 6, 30), fte: fte(350)),
        Measurement(application: a1, peildatum: Day(2028, 12, 31), kpi: "K1", value: MeasuredValue(units: -200_000)),
        Measurement(application: a2, peildatum: Day(2028, 6, 30), fte: fte(200)),
        Measurement(application: a3, peildatum: Day(2029, 1, 1), fte: fte(50)),
    ]

    static func summary(asOf: Day, theme: Theme? = nil) -> Monitoring.Summary {
        Monitoring.summarise(applications: apps, measurements: measurements, asOf: asOf, bar: .scenario(.B), theme: theme)
    }

    @Test func takesTheLatestPeildatumOnOrBeforeTheDate() {
        let s = Self.summary(asOf: Day(2028, 12, 31))
        #expect(s.rows.map(\.id) == [a1, a2, a3])
        #expect(s.rows.map(\.realised) == [fte(300), fte(200), nil])
        #expect(s.rows.map(\.peildatum) == [Day(2028, 12, 31), Day(2028, 6, 30), nil])
        #expect(s.rows[0].kpis == ["K1": MeasuredValue(units: -200_000)])
        #expect(Self.summary(asOf: Day(2029, 6, 30)).rows[0].realised == fte(350))
        #expect(Self.summary(asOf: Day(2029, 6, 29)).rows[0].realised == fte(300))
    }

    @Test func listsApplicationsWithoutAMeasurement() {
        #expect(Self.summary(asOf: Day(2028, 12, 31)).unmeasured == [a3])
        #expect(Self.summary(asOf: Day(2027, 12, 30)).unmeasured == [a1, a2, a3])
        #expect(Self.summary(asOf: Day(2027, 12, 30)).total.realised == fte(0))
        #expect(Self.summary(asOf: Day(2029, 1, 1)).unmeasured.isEmpty)
    }

    @Test func totalsPerThemeAndOverall() {
        let s = Self.summary(asOf: Day(2028, 12, 31))
        #expect(s.themes.map(\.theme) == [.ai, .digitaleHybrideZorg])
        let ai = s.themes[0].totals
        #expect(ai.claimed == fte(450) && ai.realised == fte(300) && ai.paid == Money(euros: 2_000_000) && ai.measured == 1 && ai.unmeasured == 1)
        #expect(s.total.claimed == fte(850) && s.total.realised == fte(500) && s.total.paid == Money(euros: 4_000_000))
        #expect(s.total.measured == 2 && s.total.unmeasured == 1)
        // Realised over what the measured ones claimed (500 of 750), not all three (500 of 850):
        // the same applications the rate per €mln is over.
        #expect(s.total.measuredClaimed == fte(750) && s.total.realisedPercentOfClaimed == "66.67")
        #expect(ai.measuredClaimed == fte(350) && ai.realisedPercentOfClaimed == "85.71")
        #expect(Self.summary(asOf: Day(2028, 12, 31), theme: .digitaleHybrideZorg).rows.map(\.id) == [a2])
    }

    @Test func realisedPerMillionAgainstTheBarAndTheAmbition() throws {
        let s = Self.summary(asOf: Day(2028, 12, 31))
        // In ai only a1 (30 fte, €1 mln) is measured by 2028-12-31: the rate is over the measured
        // application only, 30 per €mln; a3's €1 mln without a measurement does not dilute it.
        #expect(s.themes[0].totals.realisedPerMillion?.description == "30.00")
        #expect(s.themes[0].totals.measuredPaid == Money(euros: 1_000_000) && s.themes[0].totals.paid == Money(euros: 2_000_000))
        #expect(s.themes[0].totals.reaches(.scenario(.B)) == true)
        // Once a3 is measured (5 fte), 35 fte over €2 mln: 17.50, at or above bar B (17), under A (35).
        let later = Self.summary(asOf: Day(2029, 1, 1)).themes[0].totals
        #expect(later.realisedPerMillion?.description == "17.50" && later.measuredPaid == Money(euros: 2_000_000))
        #expect(later.reaches(.scenario(.B)) == true && later.reaches(.scenario(.A)) == false)
        #expect(s.rows[0].realisedPerMillion?.description == "30.00")
        #expect(s.rows[2].realisedPerMillion == nil)
        #expect(s.total.reachesAmbitionRate == false)
        // 350 fte for €1 mln reaches 35 exactly; one tenth less does not.
        let exact = Monitoring.summarise(applications: [Self.apps[1]], measurements: [Measurement(application: a1, peildatum: Day(2029, 1, 1), fte: fte(350))], asOf: Day(2029, 12, 31), bar: .scenario(.A))
        #expect(exact.total.reachesAmbitionRate == true && exact.total.reaches(.scenario(.A)) == true)
        let under = Monitoring.summarise(applications: [Self.apps[1]], measurements: [Measurement(application: a1, peildatum: Day(2029, 1, 1), fte: fte(349))], asOf: Day(2029, 12, 31), bar: .scenario(.A))
        #expect(under.total.reachesAmbitionRate == false)
    }

    @Test func ambitionShareIsExactUntilDisplay() {
        #expect(Monitoring.ambitionFte == fte(276_000))
        #expect(Self.summary(asOf: Day(2028, 12, 31)).total.ambitionPercent == "0.18")
        #expect(Monitoring.percent(276_000, of: 276_000) == "100.00")
        #expect(Monitoring.percent(1, of: 3) == "33.33" && Monitoring.percent(2, of: 3) == "66.67" && Monitoring.percent(1, of: 0) == "0.00")
    }

    @Test func nothingPaidHasNoRate() {
        let s = Monitoring.summarise(applications: [.init(id: a1, theme: .ai, claimed: fte(10), grantedOn: Day(2027, 1, 4), payments: [])],
                                     measurements: [Measurement(application: a1, peildatum: Day(2028, 1, 1), fte: fte(10))], asOf: Day(2029, 1, 1), bar: .scenario(.B))
        #expect(s.total.realisedPerMillion == nil && s.total.reaches(.scenario(.B)) == nil && s.rows[0].realisedPerMillion == nil)
    }

    /// `--as-of` counts what was paid by that day and the beschikkingen granted by it: a payment
    /// on the day counts, one the day after does not (a newcomer saw every payment counted at any date).
    @Test func paidAndGrantedCountUpToTheDateAndNotAfter() {
        let app = Monitoring.ApplicationFacts(id: a1, theme: .ai, claimed: fte(100), grantedOn: Day(2027, 1, 4),
                                              payments: [.init(on: Day(2027, 6, 30), amount: Money(euros: 600_000)), .init(on: Day(2028, 12, 31), amount: Money(cents: 40_000_001))])
        let late = Monitoring.ApplicationFacts(id: a2, theme: .ai, claimed: fte(50), grantedOn: Day(2027, 10, 8), payments: [])
        func summary(_ day: Day) -> Monitoring.Summary {
            Monitoring.summarise(applications: [app, late], measurements: [Measurement(application: a1, peildatum: Day(2027, 6, 30), fte: fte(300))], asOf: day, bar: .scenario(.B))
        }
        #expect(summary(Day(2027, 1, 3)).rows.isEmpty)
        #expect(summary(Day(2027, 1, 4)).rows.map(\.id) == [a1])
        #expect(summary(Day(2027, 1, 4)).total.paid == .zero)
        #expect(summary(Day(2027, 6, 29)).total.paid == .zero)
        #expect(summary(Day(2027, 6, 30)).total.paid == Money(euros: 600_000))
        #expect(summary(Day(2027, 6, 30)).total.realisedPerMillion?.description == "50.00")
        #expect(summary(Day(2027, 10, 7)).rows.map(\.id) == [a1])
        #expect(summary(Day(2027, 10, 8)).rows.map(\.id) == [a1, a2])
        #expect(summary(Day(2028, 12, 30)).total.paid == Money(euros: 600_000))
        #expect(summary(Day(2028, 12, 31)).total.paid == Money(cents: 100_000_001))
    }
}

/// When a cost line and a measurement may be reported (`VerantwoordingDates`), both sides.
@Suite struct VerantwoordingDatesTests {
    @Test func aCostLineIsForAYearNoLaterThanTodays() throws {
        try VerantwoordingDates.checkCost(year: 2028, today: Day(2028, 1, 1))
        let later = try #require(throws: DoorbraakError.self) { try VerantwoordingDates.checkCost(year: 2028, today: Day(2027, 12, 31)) }
        #expect(later.code == .costDate && later.field == "year")
    }

    @Test func aPeildatumLiesBetweenTheGrantAndToday() throws {
        let granted = Day(2027, 1, 4)
        try VerantwoordingDates.checkPeildatum(granted, today: Day(2027, 6, 30), granted: granted)
        try VerantwoordingDates.checkPeildatum(Day(2027, 6, 30), today: Day(2027, 6, 30), granted: granted)
        #expect(throws: DoorbraakError.self) { try VerantwoordingDates.checkPeildatum(Day(2027, 1, 3), today: Day(2027, 6, 30), granted: granted) }
        #expect(throws: DoorbraakError.self) { try VerantwoordingDates.checkPeildatum(Day(2027, 7, 1), today: Day(2027, 6, 30), granted: granted) }
    }
}
