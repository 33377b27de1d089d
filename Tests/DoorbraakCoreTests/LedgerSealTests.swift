import DoorbraakCore
import Testing

@Suite struct LedgerSealTests {
    let seal = LedgerSeal(ceiling: Money(cents: 600_000_000_00), granted: Money(cents: 123_45), released: Money(cents: 1), pending: .zero, paid: Money(cents: 99))

    @Test func aSealReadsBackFromTheEndOfAnEventText() {
        #expect(LedgerSeal(eventText: "granted, bovengrens € 1,00" + seal.text) == seal)
        #expect(LedgerSeal(eventText: "granted, no seal") == nil)
        #expect(LedgerSeal(eventText: "x [ledger ceiling=1.00 granted=2.00]") == nil)
    }

    @Test func theGuardRefusesACeilingAboveTheProgramsMaximum() {
        var high = seal
        high.ceiling = Money(cents: 700_000_000_00)
        #expect(throws: DoorbraakError.self) { try KeptTotalsGuard.check(kept: high, sealed: high, themeGranted: high.granted, themeReleased: high.released) }
        #expect((try? KeptTotalsGuard.check(kept: seal, sealed: seal, themeGranted: seal.granted, themeReleased: seal.released)) != nil)
    }

    @Test func theGuardNamesEveryTotalThatDisagrees() {
        var lowered = seal
        lowered.granted = Money(cents: 0)
        do {
            try KeptTotalsGuard.check(kept: lowered, sealed: seal, themeGranted: seal.granted, themeReleased: seal.released)
            Issue.record("not refused")
        } catch {
            #expect(error.code == .ledger && error.message.contains("ledger.granted"))
        }
    }

    @Test func anAnchorParsesOnlyItsOwnForm() throws {
        let hash = String(repeating: "a", count: 64)
        #expect(try ChainAnchor(parsing: "12:\(hash)") == ChainAnchor(events: 12, hash: hash))
        for bad in ["12", "x:\(hash)", "12:\(hash.dropLast())", "-1:\(hash)", "12:\(hash.uppercased())"] {
            #expect(throws: DoorbraakError.self) { try ChainAnchor(parsing: bad) }
        }
    }
}
