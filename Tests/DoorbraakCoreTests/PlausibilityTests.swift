@testable import DoorbraakCore
import Testing

private let app = try! ApplicationID(parsing: "DBM-2026-0001")
private let app2 = try! ApplicationID(parsing: "DBM-2026-0002")
private let agbA = try! AGB(parsing: "11111111")
private let agbB = try! AGB(parsing: "22222222")
private let agbX = try! AGB(parsing: "99999999")
private let zk1 = try! UZOVI(parsing: "3311")
private let zk2 = try! UZOVI(parsing: "7029")

private func euros(_ e: Int64, _ c: Int64 = 0) -> Money { Money(cents: e * 100 + c) }

private func line(_ id: String, _ provider: AGB, year: Int = 2027, category: CostCategory = .personnel, kind: CostKind = .incidental,
                  _ amount: Money, application: ApplicationID = app) -> CostLine {
    CostLine(lineID: id, application: application, provider: provider, year: year, category: category, kind: kind, amount: amount, description: "kosten")
}

private func line(_ id: String, year: Int = 2027, category: CostCategory = .personnel, kind: CostKind = .incidental,
                  _ amount: Money, application: ApplicationID = app) -> CostLine {
    line(id, agbA, year: year, category: category, kind: kind, amount, application: application)
}

private func pay(_ amount: Money, _ provider: AGB = agbA, by insurer: UZOVI = zk1, year: Int = 2027, application: ApplicationID = app) -> Plausibility.Payout {
    Plausibility.Payout(application: application, provider: provider, insurer: insurer, year: year, amount: amount)
}

/// An application whose beschikking runs, or is final (every milestone settled) with `final`.
private func facts(final: Bool = false, a: Money = euros(100_000), b: Money = euros(100_000), id: ApplicationID = app) -> Plausibility.ApplicationFacts {
    Plausibility.ApplicationFacts(id: id, coalition: [agbA: a, agbB: b], finalOn: final ? Day(2029, 12, 31) : nil)
}

private func run(_ payouts: [Plausibility.Payout], _ costs: [CostLine], _ apps: [Plausibility.ApplicationFacts] = [facts()],
                 settings: Plausibility.Settings = .standard) throws -> Plausibility.Report {
    try Plausibility.run(payouts: payouts, costs: costs, applications: apps, settings: settings)
}

private func codes(_ r: Plausibility.Report) -> [String] { r.findings.map(\.code.rawValue) }

@Suite struct CostLineTests {
    static let good = ["line_id": "C-1", "application_id": "DBM-2026-0001", "provider": "11111111", "year": "2027",
                       "category": "personnel", "kind": "incidental", "amount": "1250.50", "description": "projectleider"]

    @Test func parsesACommaRow() throws {
        let l = try CostLine(fields: Self.good, notation: .commaCSV)
        #expect(l == CostLine(lineID: "C-1", application: app, provider: agbA, year: 2027, category: .personnel, kind: .incidental, amount: euros(1250, 50), description: "projectleider"))
    }

    @Test func parsesASemicolonRowToTheSameContent() throws {
        var fields = Self.good
        fields["amount"] = "1.250,50"
        let l = try CostLine(fields: fields, notation: .semicolonCSV)
        #expect(l.canonicalContent == (try CostLine(fields: Self.good, notation: .commaCSV)).canonicalContent)
    }

    @Test func reportsEveryFieldErrorOfTheRowWithItsField() {
        let bad = ["line_id": "-x", "application_id": "dbm", "provider": "123", "year": "27", "category": "hulpmiddel",
                   "kind": "once", "amount": "1,5", "description": "a\u{202E}b"]
        #expect {
            try CostLine(fields: bad, notation: .commaCSV)
        } throws: { error in
            guard let e = error as? FieldErrors else { return false }
            return e.fields == CostLine.columns && e.errors.allSatisfy { $0.code == .costInput }
        }
    }

    /// A description's unprintable character is named as a note's and a contract's are: U+ and
    /// four digits at least (it read "U+AD").
    @Test func namesTheUnprintableCharacterOfADescriptionWithFourDigits() {
        for (text, code) in [("a\u{AD}b", "U+00AD"), ("a\u{200B}", "U+200B"), ("a\u{E0001}", "U+E0001")] {
            #expect(throws: DoorbraakError.self) { try CostLine.parseDescription(text) }
            do { _ = try CostLine.parseDescription(text) } catch { #expect(error.message.contains("character \(code)"), "\(error.message)") }
        }
    }

    @Test(arguments: [("amount", ""), ("year", "2101"), ("category", "Personnel"), ("amount", "-1.00"), ("line_id", "")])
    func namesTheOneBadField(field: String, text: String) {
        var fields = Self.good
        fields[field] = text
        #expect {
            try CostLine(fields: fields, notation: .commaCSV)
        } throws: { ($0 as? FieldErrors)?.fields == [field] }
    }

    @Test func aMissingColumnIsABlankField() {
        var fields = Self.good
        fields["kind"] = nil
        #expect { try CostLine(fields: fields, notation: .commaCSV) } throws: { ($0 as? FieldErrors)?.fields == ["kind"] }
    }

    @Test func theSameIdWithOtherContentIsP7() throws {
        let a = line("C-1", euros(100))
        #expect(try CostLine.isUnchanged(a, a))
        #expect(code { try String(CostLine.isUnchanged(a, line("C-1", euros(100, 1)))) } == "P7")
        #expect(code { try String(CostLine.isUnchanged(a, line("C-1", year: 2028, euros(100)))) } == "P7")
        #expect(code { try run([], [a, line("C-1", euros(101))]).findings.count.description } == "P7")
        #expect(try run([], [a, a]).rows.map(\.eligible) == [euros(100)])
    }
}

@Suite struct PlausibilityTests {
    @Test func plausibleWhenCostsCoverThePayout() throws {
        let r = try run([pay(euros(1000))], [line("C1", euros(600)), line("C2", category: .material, euros(400))])
        #expect(r.findings.isEmpty)
        #expect(r.rows.map(\.eligible) == [euros(1000)])
        #expect(r.judgments.map(\.judgment) == ["plausibel"])
    }

    // P1 at its boundary: paid = eligible vs one cent more.
    @Test(arguments: [(Int64(0), [String]()), (Int64(1), ["P1"])] as [(Int64, [String])])
    func p1WhenPaidExceedsEligible(extraCents: Int64, expected: [String]) throws {
        let r = try run([pay(euros(1000) + Money(cents: extraCents))], [line("C1", euros(1000))], [facts(final: true, a: euros(1000), b: .zero)])
        #expect(codes(r) == expected)
        #expect(r.recoveries.first?.amount == (extraCents > 0 ? Money(cents: extraCents) : nil))
        #expect(r.judgments.first?.recovery == Money(cents: extraCents))
    }

    // P2 at its boundary: 2029 vs 2030 (and 2026).
    @Test(arguments: [(2029, [String]()), (2030, ["P2"]), (2027, []), (2026, ["P2"])])
    func p2OutsideTheSpendingYears(year: Int, expected: [String]) throws {
        let r = try run([], [line("C1", year: year, euros(10))])
        #expect(codes(r) == expected)
        #expect(r.rows[0].eligible == (expected.isEmpty ? euros(10) : .zero))
    }

    @Test func p3StructuralAndP4HulpmiddelAndP6OutsiderAreNotEligible() throws {
        let r = try run([pay(euros(300))], [
            line("S", kind: .structural, euros(100)),
            line("H", category: .hulpmiddelAanschaf, euros(100)),
            line("X", agbX, euros(100)),
            line("OK", euros(100)),
        ])
        #expect(codes(r) == ["P1", "P3", "P4", "P6"])
        #expect(r.findings.compactMap(\.lineID) == ["S", "H", "X"])
        let rowA = try #require(r.rows.first { $0.provider == agbA })
        #expect(rowA.eligible == euros(100) && rowA.ineligible == euros(200) && r.recoveries.first?.amount == euros(200))
    }

    @Test func oneLineCanHaveSeveralFindings() throws {
        let r = try run([], [line("ALL", agbX, year: 2030, category: .hulpmiddelAanschaf, kind: .structural, euros(5))])
        #expect(codes(r) == ["P2", "P3", "P4", "P6"])
        #expect(r.findings.allSatisfy { $0.amount == euros(5) })
    }

    // P5 at its boundary: 25% exactly vs one cent more, above and below the coalition amount.
    @Test(arguments: [(euros(125_000), [String]()), (euros(125_000, 1), ["P5"]), (euros(75_000), []), (euros(74_999, 99), ["P5"])])
    func p5OnceSettledWhenEligibleDiffersMoreThanTheDeviation(eligible: Money, expected: [String]) throws {
        let costs = [line("A", eligible), line("B", agbB, euros(100_000))]
        let r = try run([], costs, [facts(final: true)])
        #expect(codes(r) == expected)
        if let f = r.findings.first { #expect(f.amount == euros(25_000, 1) && f.year == 2029) }
        #expect(codes(try run([], costs, [facts(final: false)])).isEmpty)
    }

    @Test func p5CountsAllYearsAndOnlyEligibleCost() throws {
        let costs = [line("A1", year: 2027, euros(50_000)), line("A2", year: 2029, euros(30_000)), line("B", agbB, euros(100_000))]
        #expect(codes(try run([], costs, [facts(final: true)])).isEmpty)
        #expect(codes(try run([], costs + [line("A3", kind: .structural, euros(1))], [facts(final: true, a: euros(60_000))])) == ["P3", "P5"])
        // A coalition provider without any cost line differs 100%.
        #expect(codes(try run([], [line("A", euros(100_000))], [facts(final: true)])) == ["P5"])
    }

    @Test func theDeviationIsASetting() throws {
        let costs = [line("A", euros(130_000)), line("B", agbB, euros(100_000))]
        let loose = Plausibility.Settings(materiality: Percentage(percent: 1), deviation: Percentage(percent: 30))
        #expect(codes(try run([], costs, [facts(final: true)])) == ["P5"])
        #expect(codes(try run([], costs, [facts(final: true)], settings: loose)).isEmpty)
    }

    // The materiality at its boundary: recovery exactly 1% of paid vs one cent above.
    @Test(arguments: [(Int64(0), "plausibel"), (1, "niet plausibel")])
    func judgmentAtTheMateriality(extraCents: Int64, expected: String) throws {
        // Paid € 100.000,00; 1% is € 1.000,00.
        let eligible = euros(99_000) - Money(cents: extraCents)
        let r = try run([pay(euros(100_000))], [line("C", eligible)], [facts(final: true, b: .zero)])
        let j = try #require(r.judgments.first)
        #expect(j.recovery == euros(1000) + Money(cents: extraCents))
        #expect(j.judgment == expected)
        #expect(j.eligible == j.paid - j.recovery)
    }

    @Test func theMaterialityIsASetting() throws {
        let final = [facts(final: true, b: .zero)]
        let r = try run([pay(euros(100_000))], [line("C", euros(98_000))], final,
                        settings: Plausibility.Settings(materiality: Percentage(basisPoints: 200), deviation: Percentage(percent: 25)))
        #expect(r.judgments.map(\.isPlausible) == [true])
        #expect(try run([pay(euros(100_000))], [line("C", euros(98_000))], final).judgments.map(\.isPlausible) == [false])
    }

    /// Recovery over the whole beschikking (issue 19, 004 line 267): a payment in 2028 for costs
    /// made in 2027 recovers nothing; another application's costs never cover an overpayment.
    @Test func recoveryIsOverTheWholeBeschikkingAndPerApplication() throws {
        // The example: A paid € 425.000,00 for € 425.000,00 of costs, B € 500.000,00 for
        // € 500.000,00, payments and costs in different years: nothing is recovered.
        let example = try run([pay(euros(300_000), year: 2027), pay(euros(125_000), year: 2029), pay(euros(500_000), agbB, year: 2027)],
                              [line("A27", year: 2027, euros(150_000)), line("A28", year: 2028, euros(275_000)),
                               line("B28", agbB, year: 2028, euros(500_000))], [facts(a: euros(425_000), b: euros(500_000))])
        #expect(example.recoveries.isEmpty && example.judgments.allSatisfy { $0.recovery == .zero && $0.isPlausible })
        let r = try run([pay(euros(100), year: 2027), pay(euros(100), year: 2028)],
                        [line("C27", year: 2027, euros(50)), line("C28", year: 2028, euros(100)), line("OTHER", year: 2027, euros(500), application: app2)],
                        [facts(final: true), facts(id: app2)])
        // Paid 200 over all years, eligible 150: 50 recovered, split over the years 3311 paid it.
        #expect(r.recoveries.map(\.amount) == [euros(50)])
        #expect(r.judgments.map(\.year) == [2027, 2028])
        #expect(r.judgments.map(\.recovery) == [euros(25), euros(25)])
    }

    /// A recovery is never held by a judgment beyond what was paid in its year: a cent paid late
    /// does not pull an excess into that year (found by an attacker's review).
    @Test func noJudgmentHoldsMoreRecoveryThanWasPaidInIt() throws {
        let r = try run([pay(euros(5_000_000), year: 2027), pay(euros(5_000_000), year: 2028), pay(Money(cents: 1), year: 2029)],
                        [line("C", euros(1))], [facts(final: true, a: euros(10_000_000), b: .zero)])
        #expect(r.judgments.allSatisfy { $0.recovery <= $0.paid && $0.eligible >= .zero }, "\(r.judgments.map { ($0.year, $0.paid, $0.recovery) })")
        #expect(r.judgments.map(\.recovery).sum() == r.recoveries.map(\.amount).sum())
        #expect((r.judgments.first { $0.year == 2029 }?.recovery ?? .zero) <= Money(cents: 1))
    }

    /// While the beschikking runs the excess is provisional: listed, not recovered, not judged.
    @Test func anExcessIsProvisionalUntilTheBeschikkingIsFinal() throws {
        let running = try run([pay(euros(100))], [line("C", euros(60))], [facts(final: false)])
        #expect(running.recoveries.map(\.isFinal) == [false] && running.recoveries.first?.amount == euros(40))
        #expect(running.findings.map(\.provisional) == [true])
        let j = try #require(running.judgments.first)
        #expect(j.recovery == .zero && j.isPlausible && j.findings.map(\.provisional) == [true])
        let final = try run([pay(euros(100))], [line("C", euros(60))], [facts(final: true)])
        #expect(final.judgments.first?.recovery == euros(40) && final.judgments.first?.isPlausible == false)
    }

    // Two insurers paid one provider in one year: pro rata, remainder cents to the largest payer.
    @Test func recoveryOfTwoPayersIsSplitProRataAndAddsUpExactly() throws {
        let final = [facts(final: true, a: euros(300), b: .zero)]
        let r = try run([pay(euros(200), by: zk1), pay(euros(100), by: zk2)], [line("C", euros(299, 99))], final)
        // Recovery 0,01: pro rata 0,00 and 0,00 (rounded down); the cent goes to the largest payer 3311.
        #expect(r.judgments.map(\.recovery) == [Money(cents: 1), .zero])
        #expect(r.judgments[0].findings.map(\.code.rawValue) == ["P1"])
        #expect(r.judgments[1].findings.isEmpty)

        let s = try run([pay(euros(200), by: zk1), pay(euros(100), by: zk2)], [line("C", euros(200))], final)
        #expect(s.judgments.map(\.recovery) == [Money(cents: 6667), Money(cents: 3333)])
        #expect(s.judgments.map(\.recovery).sum() == euros(100))
        #expect(s.judgments.allSatisfy { $0.findings.filter { $0.code == .costRecovery }.map(\.amount).sum() == $0.recovery })
    }

    @Test(arguments: [
        (1, [1, 0, 0]), (100, [34, 33, 33]), (101, [34, 34, 33]), (12_345, [4115, 4115, 4115]), (7, [3, 2, 2]),
    ] as [(Int64, [Int64])])
    func attributionAddsUpToTheCent(recovery: Int64, expected: [Int64]) {
        let payers: [UZOVI: Money] = [zk1: euros(10), zk2: euros(10), try! UZOVI(parsing: "0101"): euros(10)]
        let parts = Plausibility.attribute(Money(cents: recovery), among: payers)
        #expect(parts.map(\.part).sum() == Money(cents: recovery))
        #expect(parts.map(\.insurer.rawValue) == ["0101", "3311", "7029"])
        // Equal payers: the cents left go one each to the lowest UZOVI codes (0101, then 3311).
        #expect(parts.map(\.part.cents) == expected)
    }

    /// A review's case: one large payment and five payments of € 1,00 in other years and by the
    /// other insurer, and a recovery of all but one cent. Every cent left going to the largest
    /// payment put it 4 cents above what was paid in it (the verevening showed a terugvordering
    /// above betaald). By the largest remainder no part exceeds its payment.
    @Test func noPartOfARecoveryExceedsWhatItsPayerPaid() {
        let weights: [Int: Money] = [0: euros(1_877_851), 1: euros(1), 2: euros(1), 3: euros(1), 4: euros(1), 5: euros(1)]
        let total = weights.values.sum()
        let parts = Money.apportion(total - Money(cents: 1), among: weights)
        #expect(parts.map(\.part).sum() == total - Money(cents: 1))
        #expect(parts.allSatisfy { $0.part <= weights[$0.key]! }, "\(parts)")
        // The cent not recovered is the large payment's: it lost the least in rounding down.
        #expect(parts[0].part == euros(1_877_851) - Money(cents: 1) && parts.dropFirst().map(\.part.cents) == [100, 100, 100, 100, 100])
    }

    /// The split over many small cases: exact sum, each part within a cent of its exact share
    /// and never above its weight while the amount is at most the weights' sum.
    @Test func aSplitAddsUpAndStaysWithinEachWeight() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int.random(in: 1...7, using: &generator)
            var weights: [Int: Money] = [:]
            for k in 0..<count { weights[k] = Money(cents: Int64.random(in: 0...(Bool.random(using: &generator) ? 5 : 10_000_000), using: &generator)) }
            let total = weights.values.sum()
            guard total > .zero else { continue }
            let amount = Money(cents: Int64.random(in: 0...total.cents, using: &generator))
            let parts = Money.apportion(amount, among: weights)
            #expect(parts.map(\.part).sum() == amount)
            for (key, part) in parts {
                let share = Int128(amount.cents) * Int128(weights[key]!.cents), t = Int128(total.cents)
                #expect(part <= weights[key]! && Int128(part.cents) >= share / t && Int128(part.cents) <= (share + t - 1) / t,
                        "\(weights) \(amount) \(parts)")
            }
        }
    }

    @Test func unequalPayersAttribution() {
        let parts = Plausibility.attribute(Money(cents: 1001), among: [zk1: euros(1), zk2: euros(3)])
        #expect(parts.map(\.part.cents) == [250, 751])
        #expect(Plausibility.attribute(.zero, among: [zk1: euros(1)]).map(\.part) == [.zero])
    }

    @Test func findingsNameThePayersAndAreJudgedInTheirOwnYear() throws {
        let r = try run([pay(euros(10), year: 2027, application: app), pay(euros(10), agbB, by: zk2, year: 2028)],
                        [line("OK", euros(10)), line("OKB", agbB, year: 2028, euros(10)), line("A28", year: 2028, kind: .structural, euros(1)),
                         line("LATE", year: 2030, euros(1)), line("EARLY", agbB, year: 2026, euros(1)), line("OUT", agbX, year: 2029, euros(1)),
                         line("B28", agbB, year: 2028, kind: .structural, euros(1))])
        let j1 = try #require(r.judgments.first { $0.insurer == zk1 })
        let j2 = try #require(r.judgments.first { $0.insurer == zk2 })
        // zk1 paid provider A in 2027 only: A's 2028 line is A's, paid by zk1, but no judgment of zk1 in 2028 holds it.
        #expect(j1.year == 2027 && j1.findings.isEmpty)
        #expect(j2.year == 2028 && j2.findings.compactMap(\.lineID) == ["B28"])
        func insurers(_ id: String) -> [UZOVI] { r.findings.first { $0.lineID == id }?.insurers ?? [] }
        #expect(insurers("A28") == [zk1] && insurers("LATE") == [zk1] && insurers("EARLY") == [zk2] && insurers("B28") == [zk2])
        // Provider X was paid by nobody: the insurers that paid the application.
        #expect(insurers("OUT") == [zk1, zk2])
        #expect(j1.isPlausible && j2.isPlausible)
    }

    /// P5 is judged in the year the beschikking became final: final on 2028-12-31 is 2028, on
    /// 2029-01-01 is 2029; a period closed on 2030-01-01 counts in 2029.
    @Test(arguments: [(Day(2028, 12, 31), 2028), (Day(2029, 1, 1), 2029), (Day(2029, 12, 31), 2029), (Day(2030, 1, 1), 2029)])
    func p5IsJudgedInTheYearTheBeschikkingBecameFinal(finalOn: Day, year: Int) throws {
        let facts = Plausibility.ApplicationFacts(id: app, coalition: [agbA: euros(100), agbB: euros(100)], finalOn: finalOn)
        let r = try run([pay(euros(100), year: 2028), pay(euros(100), by: zk2, year: 2029)],
                        [line("A", year: 2028, euros(100)), line("B", agbB, year: 2028, euros(200))], [facts])
        let p5 = try #require(r.findings.first { $0.code.rawValue == "P5" })
        #expect(p5.year == year && p5.provider == agbB && p5.insurers == [zk1, zk2])
        #expect(r.judgments.filter { $0.findings.contains(p5) }.map(\.year) == [year])
    }

    @Test func anUnknownApplicationIsMissing() {
        #expect(code { try run([pay(euros(1), application: app2)], []).rows.count.description } == "E-MISSING")
        #expect(code { try run([], [line("C", euros(1), application: app2)]).rows.count.description } == "E-MISSING")
    }

    @Test(arguments: [("1", Int64(100)), ("25", 2500), ("0.5", 50), ("12.25", 1225), ("100", 10_000), ("0", 0)])
    func percentagesParseExactly(text: String, points: Int64) throws {
        let p = try Percentage(parsing: text)
        #expect(p.basisPoints == points && p.description == text)
    }

    @Test(arguments: ["", "-1", "100.01", "1,5", "0.125", "x"])
    func badPercentagesAreRefused(text: String) {
        #expect(throws: DoorbraakError.self) { try Percentage(parsing: text) }
    }
}

@Suite struct VereveningTests {
    @Test func onlyPlausibleCostsCountAsFixedCosts() throws {
        // A: paid 1005 over two years for 1000 of costs: 5 recovered, split over the years it was paid.
        // B: paid 1000 for 900: 100 recovered from 7029 in 2027, more than 1% of what it paid.
        let r = try run([pay(euros(1000), by: zk1), pay(euros(1000), agbB, by: zk2), pay(euros(5), by: zk1, year: 2028)],
                        [line("A", euros(995)), line("B", agbB, euros(900)), line("A28", year: 2028, euros(5))],
                        [facts(final: true, a: euros(1000), b: euros(1000))])
        let lines = Verevening.fixedCosts(r.judgments, year: 2027)
        #expect(lines.map(\.insurer) == [zk1, zk2])
        // A's 5,00 is split over the years 3311 paid A: 4,98 in 2027 and 0,02 in 2028.
        #expect(lines.map(\.fixedCosts) == [euros(995, 2), .zero])
        #expect(lines.map(\.isPlausible) == [true, false])
        #expect(Verevening.fixedCosts(r.judgments, year: 2028).map(\.isPlausible) == [true])
        #expect(Verevening.fixedCosts(r.judgments, year: 2029).isEmpty)
    }

    @Test func csvOpensInADutchSpreadsheet() {
        let lines = [
            Verevening.Line(insurer: zk1, year: 2027, paid: euros(1_250_000), recovery: euros(100), fixedCosts: euros(1_249_900), isPlausible: true),
            Verevening.Line(insurer: zk2, year: 2027, paid: euros(10), recovery: euros(5), fixedCosts: .zero, isPlausible: false),
        ]
        let text = Verevening.csv(lines, year: 2027)
        let rows = text.dropFirst().components(separatedBy: "\r\n")
        #expect(text.hasPrefix("\u{FEFF}zorgverzekeraar;jaar;betaald;terugvordering;vaste_kosten;nza_oordeel\r\n"))
        #expect(rows[1] == "3311;2027;1250000,00;100,00;1249900,00;plausibel")
        #expect(rows[2] == "7029;2027;10,00;5,00;0,00;niet plausibel")
        #expect(rows[3] == "totaal;2027;1250010,00;105,00;1249900,00;")
        #expect(rows[4] == "")
        #expect(rows[5].hasPrefix("toelichting;\"Alleen kosten met NZa-oordeel plausibel"))
        #expect(!Verevening.csv([], year: 2027, byteOrderMark: false).hasPrefix("\u{FEFF}"))
    }

    @Test(arguments: [
        ("plain", "plain"), ("a;b", "\"a;b\""), ("zeg \"ja\"", "\"zeg \"\"ja\"\"\""), ("regel\nregel", "\"regel\nregel\""),
        ("cr\r\nlf", "\"cr\r\nlf\""), (" rand", "\" rand\""), ("", ""), ("1,50", "1,50"),
        // A formula is written as text (an attacker's region); a negative amount stays a number.
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("+31 6", "'+31 6"), ("@SUM(A1)", "'@SUM(A1)"), ("-2+3", "'-2+3"),
        ("-", "'-"), ("-1250,00", "-1250,00"), ("\tx", "'\tx"), ("Utrecht=Oost", "Utrecht=Oost"),
    ])
    func csvFieldsAreQuotedWhenNeeded(text: String, expected: String) {
        #expect(SemicolonCSV.field(text) == expected)
    }

    @Test func decimalCommaHasNoThousandsDotsAndNoEuroSign() {
        #expect(Money(cents: 125_000_000).decimalComma == "1250000,00")
        #expect(Money(cents: 5).decimalComma == "0,05")
        #expect(SemicolonCSV.row(["a", "b;c"]) == "a;\"b;c\"\r\n")
    }
}

/// The insurers' rejections of cost lines (P8), counted as `Plausibility.lineStates` counts them.
@Suite struct CostRejectionRuleTests {
    private func rejection(_ id: String, by insurer: UZOVI, keeping plausible: Money = .zero) -> CostRejection {
        CostRejection(lineID: id, insurer: insurer, plausible: plausible, note: "geen uren", on: Day(2030, 1, 2))
    }

    /// One payer: its rejection counts; the part it keeps is eligible, a cent below the amount
    /// leaves a cent not eligible, and the recovery follows to the cent.
    @Test func aSolePayersRejectionCountsForTheRestAboveItsPart() throws {
        let costs = [line("K-1", euros(1_000))]
        let kept = try Plausibility.run(payouts: [pay(euros(1_000))], costs: costs, rejections: [rejection("K-1", by: zk1, keeping: euros(999, 99))],
                                        applications: [facts(final: true)])
        #expect(kept.recoveries.map(\.amount) == [Money(cents: 1)])
        #expect(kept.findings.first { $0.code == .costRejected }?.amount == Money(cents: 1))
        let whole = try Plausibility.run(payouts: [pay(euros(1_000))], costs: costs, rejections: [rejection("K-1", by: zk1)], applications: [facts(final: true)])
        #expect(whole.recoveries.map(\.amount) == [euros(1_000)])
    }

    /// Two payers: one rejection counts for nothing and is pending, awaiting the other; both
    /// count, keeping the larger part. A line with a finding of its own gets no P8.
    @Test func aLinePaidByTwoCountsOnceBothRejectAndKeepsTheLargerPart() {
        let costs = [line("K-1", euros(1_000)), line("K-2", kind: .structural, euros(50))]
        let payers: [ApplicationID: [AGB: Set<UZOVI>]] = [app: [agbA: [zk1, zk2]]]
        let coalitions = [app: [agbA: euros(100_000), agbB: euros(100_000)]]
        let one = Plausibility.lineStates(costs: costs, rejections: [rejection("K-1", by: zk1)], coalitions: coalitions, payers: payers)
        #expect(one[0].eligible == euros(1_000) && one[0].findings.isEmpty && one[0].pending.map(\.insurer) == [zk1] && one[0].awaiting == [zk2])
        let both = Plausibility.lineStates(costs: costs, rejections: [rejection("K-1", by: zk1, keeping: euros(200)), rejection("K-1", by: zk2, keeping: euros(300)),
                                                                       rejection("K-2", by: zk1), rejection("K-2", by: zk2)],
                                           coalitions: coalitions, payers: payers)
        #expect(both[0].eligible == euros(300) && both[0].findings.map(\.code) == [.costRejected] && both[0].findings.first?.amount == euros(700))
        #expect(both[0].findings.first?.rejections.map(\.insurer) == [zk1, zk2] && both[0].pending.isEmpty)
        #expect(both[1].findings.map(\.code) == [.costStructural] && both[1].eligible == .zero)
        // Nobody paid the provider: a rejection (the store refuses one) counts for nothing.
        let unpaid = Plausibility.lineStates(costs: costs, rejections: [rejection("K-1", by: zk1)], coalitions: coalitions, payers: [:])
        #expect(unpaid[0].eligible == euros(1_000) && unpaid[0].findings.isEmpty)
    }

    /// The note: one line of visible text with a letter or digit, at most 500 scalars (500 passes, 501 not).
    @Test func aNoteSaysSomethingOnOneVisibleLine() throws {
        #expect(try CostRejection.parseNote(String(repeating: "x", count: 500)).count == 500)
        for bad in [String(repeating: "x", count: 501), "", " ", "a\nb", "a\u{200B}", "\u{3164}", "a\u{FFFD}", "e" + String(repeating: "\u{301}", count: 500)] {
            #expect(throws: DoorbraakError.self, "\(bad.debugDescription)") { try CostRejection.parseNote(bad) }
        }
    }

    /// The statement signed holds every field the rejection decides, one per line.
    @Test func theStatementHoldsEveryFieldDecided() {
        let r = rejection("K-1", by: zk1, keeping: euros(450_100))
        #expect(r.statement == "doorbraak cost reject K-1\ninsurer 3311\nplausible 450100.00\nnote geen uren\n")
    }
}
