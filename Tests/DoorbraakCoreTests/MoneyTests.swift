import DoorbraakCore
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("0.01", Int64(1)), ("0", 0), ("0.00", 0), ("1250000.00", 125_000_000), ("1250000", 125_000_000),
        ("1250000.5", 125_000_050), ("600000000.00", 60_000_000_000), ("600000000", 60_000_000_000),
    ])
    func parsesJSONAndCommaCSV(text: String, cents: Int64) throws {
        #expect(try Money(parsing: text, notation: .json).cents == cents)
        #expect(try Money(parsing: text, notation: .commaCSV).cents == cents)
    }

    @Test(arguments: [
        ("1.250.000,00", Int64(125_000_000)), ("1250000,00", 125_000_000), ("1.250.000", 125_000_000),
        ("0,01", 1), ("600.000.000,00", 60_000_000_000), ("1.250", 125_000), ("999,9", 99_990),
    ])
    func parsesSemicolonCSV(text: String, cents: Int64) throws {
        #expect(try Money(parsing: text, notation: .semicolonCSV).cents == cents)
    }

    @Test(arguments: [
        ("", "blank"), ("-1.00", "negative"), ("1.001", "3 decimals"), ("600000000.01", "above"),
        ("1,5", "decimal comma"), (" 1.00", "not a valid amount"), ("1.00 ", "not a valid amount"),
        ("1 000.00", "not a valid amount"), ("1.", "digits must follow"), (".5", "digits must come before"),
        ("1e3", "not a valid amount"), ("+1", "sign"), ("1.2.3", "only digits may follow"), ("€1", "not a valid amount"),
        ("99999999999999999999", "too large"),
    ])
    func rejectsInJSON(text: String, fragment: String) {
        #expect {
            try Money(parsing: text, notation: .json)
        } throws: { error in
            guard let e = error as? DoorbraakError else { return false }
            return e.code == .input && e.message.contains(fragment)
        }
    }

    @Test(arguments: ["1250000.00", "1.25", "12.500.00", "1.2500,00", "1..250,00", ",5", "1,005", "600.000.000,01", "-1,00", ""])
    func rejectsInSemicolonCSV(text: String) {
        #expect(throws: DoorbraakError.self) { try Money(parsing: text, notation: .semicolonCSV) }
    }

    /// A currency sign is said to be one, in either notation (a newcomer's `€ 125.000,00` read
    /// "thousands separators must group the digits by three"); other failures keep their own words.
    @Test func aCurrencySignIsSaidToBeOne() throws {
        for (text, notation) in [("€ 125.000,00", Money.Notation.semicolonCSV), ("€125000,00", .semicolonCSV), ("EUR 5,00", .semicolonCSV), ("€1", .json), ("5.00 eur", .commaCSV)] {
            #expect { try Money(parsing: text, notation: notation) } throws: { error in
                (error as? DoorbraakError)?.message.contains("write the amount without a currency sign") == true
            }
        }
        #expect { try Money(parsing: "1.2500,00", notation: .semicolonCSV) } throws: { error in
            (error as? DoorbraakError)?.message.contains("group the digits by three") == true
        }
    }

    /// A decimal point in a semicolon file and a text that is no number get their own words (a
    /// newcomer read "group the digits by three" for `200000.00` and for `n.v.t.`).
    @Test func aDecimalPointAndNoNumberAreSaidInASemicolonFile() {
        for (text, words) in [("200000.00", "write a decimal comma"), ("1.5", "write a decimal comma"), ("n.v.t.", "only digits, thousands dots and one decimal comma"),
                              ("1..250,00", "only digits, thousands dots"), ("1.2500,00", "group the digits by three"), ("12.500.00", "group the digits by three")] {
            #expect { try Money(parsing: text, notation: .semicolonCSV) } throws: { error in
                (error as? DoorbraakError)?.message.contains(words) == true
            }
        }
        #expect((try? Money(parsing: "1.250.000,00", notation: .semicolonCSV)) == Money(cents: 125_000_000))
    }

    @Test func formatsMachineAndDutch() {
        #expect(Money(cents: 125_000_000).description == "1250000.00")
        #expect(Money(cents: 1).description == "0.01")
        #expect(Money(cents: 60_000_000_000).dutch == "€ 600.000.000,00")
        #expect(Money(cents: 5).dutch == "€ 0,05")
        #expect(Money(cents: 100_050).dutch == "€ 1.000,50")
        #expect(Money(cents: -112_356_000_00).dutch == "-€ 112.356.000,00")
        #expect(Money(cents: -1).signedDutch == "-€ 0,01")
        #expect(Money.zero.signedDutch == "+€ 0,00")
        #expect(Money(cents: -150).description == "-1.50")
    }

    /// The byte-level Dutch formatter at every grouping boundary, and at the ends of Int64.
    @Test func groupsDutchDigitsAtEveryBoundary() {
        let cases: [(Int64, String)] = [
            (0, "€ 0,00"), (10, "€ 0,10"), (99_999, "€ 999,99"), (100_000, "€ 1.000,00"),
            (99_999_999, "€ 999.999,99"), (100_000_000, "€ 1.000.000,00"),
            (Int64.max, "€ 92.233.720.368.547.758,07"), (Int64.min, "-€ 92.233.720.368.547.758,08"),
        ]
        for (cents, text) in cases { #expect(Money(cents: cents).dutch == text) }
    }

    @Test func sumsExactly() {
        let amounts = Array(repeating: Money(cents: 1), count: 10) + [Money(euros: 1_000_000)]
        #expect(amounts.sum().cents == 100_000_010)
    }
}

@Suite struct FteTests {
    @Test(arguments: [("12.5", Int64(125)), ("12", 120), ("0", 0), ("0.1", 1), ("17.0", 170)])
    func parses(text: String, tenths: Int64) throws {
        #expect(try Fte(parsing: text).tenths == tenths)
    }

    @Test(arguments: ["12.55", "-1", "", "1,5", "abc", "1e2", "10000001"])
    func rejects(text: String) {
        #expect(throws: DoorbraakError.self) { try Fte(parsing: text) }
    }

    @Test func impactIsExactAtTheBar() {
        // 17.0 fte for €1,000,000.00 is exactly 17 fte per €mln: at the bar passes.
        let atBar = FtePerMillion(fte: Fte(tenths: 170), amount: Money(euros: 1_000_000))
        #expect(atBar.reaches(hundredths: 1700))
        #expect(!atBar.exceeds(hundredths: 1700))
        #expect(atBar.description == "17.00")
        // One tenth below fails.
        #expect(!FtePerMillion(fte: Fte(tenths: 169), amount: Money(euros: 1_000_000)).reaches(hundredths: 1700))
        // One cent more requested makes it fall just short of the bar.
        #expect(!FtePerMillion(fte: Fte(tenths: 170), amount: Money(cents: 100_000_001)).reaches(hundredths: 1700))
        // 1/3 fte per €mln displays rounded but compares exactly.
        let third = FtePerMillion(fte: Fte(tenths: 10), amount: Money(euros: 3_000_000))
        #expect(third.description == "0.33")
        #expect(!third.reaches(hundredths: 33) == false)
        #expect(!third.reaches(hundredths: 34))
    }

    @Test func ordersByExactRatio() {
        let a = FtePerMillion(fte: Fte(tenths: 10), amount: Money(euros: 3_000_000))
        let b = FtePerMillion(fte: Fte(tenths: 20), amount: Money(euros: 6_000_000))
        let c = FtePerMillion(fte: Fte(tenths: 11), amount: Money(euros: 3_000_000))
        #expect(a == b)
        #expect(a < c)
        #expect(!(c < a))
    }
}

@Suite struct ValueTests {
    @Test(arguments: ["2026-12-01", "2028-02-29", "2000-02-29", "2029-12-31", "0001-01-01", "0999-09-09", "9999-12-31", "1000-10-10"])
    func validDays(text: String) throws {
        #expect(try Day(parsing: text).description == text)
    }

    @Test(arguments: ["2027-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-12-32", "2026-1-01", "26-12-01", "2026/12/01", "", "2026-12-01T00:00"])
    func invalidDays(text: String) {
        #expect(throws: DoorbraakError.self) { try Day(parsing: text) }
    }

    /// Every day of four years, a leap year among them, written and read back.
    @Test func everyDayIsWrittenAsItIsRead() throws {
        var count = 0
        for year in 2027...2030 {
            for month in 1...12 {
                for d in 1...31 {
                    let text = "\(year)-\(month < 10 ? "0" : "")\(month)-\(d < 10 ? "0" : "")\(d)"
                    guard let day = try? Day(parsing: text) else { continue }
                    #expect(day.description == text)
                    count += 1
                }
            }
        }
        #expect(count == 365 * 3 + 366)
    }

    @Test func daysOrder() {
        #expect(Day(2026, 12, 1) < Day(2026, 12, 2))
        #expect(Day(2026, 12, 31) < Day(2027, 1, 1))
    }

    @Test func identifiers() throws {
        #expect(try AGB(parsing: "12345678").rawValue == "12345678")
        for bad in ["1234567", "123456789", "1234567a", ""] {
            #expect(throws: DoorbraakError.self) { try AGB(parsing: bad) }
        }
        #expect(try UZOVI(parsing: "3311").rawValue == "3311")
        for bad in ["331", "33111", "33a1"] {
            #expect(throws: DoorbraakError.self) { try UZOVI(parsing: bad) }
        }
        for good in ["DBM-2026-0001", "ABC", String(repeating: "A", count: 40)] {
            #expect(try ApplicationID(parsing: good).rawValue == good)
        }
        for bad in ["AB", "-ABC", "dbm-1", String(repeating: "A", count: 41), "A_B1"] {
            #expect(throws: DoorbraakError.self) { try ApplicationID(parsing: bad) }
        }
        #expect(try MilestoneCode(parsing: "M9").number == 9)
        for bad in ["M0", "M10", "m1", "X1"] {
            #expect(throws: DoorbraakError.self) { try MilestoneCode(parsing: bad) }
        }
        #expect(try PlanID(parsing: "zorgpad-copd").rawValue == "zorgpad-copd")
        for bad in ["Zorgpad", "zorgpad--copd", "-copd", "copd-", ""] {
            #expect(throws: DoorbraakError.self) { try PlanID(parsing: bad) }
        }
    }

    @Test func impactBars() throws {
        #expect(try ImpactBar(parsing: "A").hundredths == 3500)
        #expect(try ImpactBar(parsing: "B").hundredths == 1700)
        #expect(try ImpactBar(parsing: "C").hundredths == 900)
        #expect(try ImpactBar(parsing: "12.5").hundredths == 1250)
        #expect(try ImpactBar(parsing: "12.5").number == "12.5")
        #expect(RoundSettings.standard.bar.scenario == .B)
        for bad in ["D", "0", "-3", "1.234", "abc"] {
            #expect(throws: DoorbraakError.self) { try ImpactBar(parsing: bad) }
        }
    }

    @Test func standardRound() {
        let s = RoundSettings.standard
        #expect(s.ceiling == Money(euros: 600_000_000))
        #expect(s.amount(of: .ai) == Money(euros: 275_000_000))
        #expect(s.amount(of: .digitaleHybrideZorg) == Money(euros: 275_000_000))
        #expect(s.amount(of: .medischeTechnologie) == Money(euros: 50_000_000))
        #expect(s.deadline == Day(2026, 12, 1))
        #expect(RoundSettings.eligibleYears == 2027...2029)
    }
}
