import DoorbraakCore
import Testing

@Suite struct LedgerTotalsTests {
    let kept = LedgerTotals(ceiling: Money(cents: 600_000_000_00), granted: Money(cents: 123_45), released: Money(cents: 1), pending: Money(cents: 7), paid: Money(cents: 99))

    func check(_ t: LedgerTotals, committed: Money? = nil, pending: Money? = nil, themeGranted: Money? = nil) throws(DoorbraakError) {
        try KeptTotalsGuard.check(kept: t, recountedCommitted: committed ?? t.committed, recountedPending: pending ?? t.pending,
                                  themeGranted: themeGranted ?? t.granted, themeReleased: t.released)
    }

    @Test func theGuardRefusesACeilingAboveTheProgramsMaximum() {
        var high = kept
        high.ceiling = Money.maximum
        #expect((try? check(high)) != nil)
        high.ceiling = Money(cents: Money.maximum.cents + 1)
        #expect(throws: DoorbraakError.self) { try check(high) }
    }

    @Test func committedAtTheCeilingPassesAndOneCentOverIsRefused() {
        var full = LedgerTotals(ceiling: Money(cents: 1_000_00), granted: Money(cents: 1_000_00), released: .zero, pending: .zero, paid: .zero)
        #expect((try? check(full)) != nil)
        full.granted = Money(cents: 1_000_01)
        do {
            try check(full)
            Issue.record("not refused")
        } catch {
            #expect(error.code == .ceilingSetting)
        }
    }

    @Test func theGuardNamesEveryTotalThatDisagreesWithItsRecount() {
        for (committed, pending, theme, named) in [(Money(cents: 1), nil, nil, "ledger.committed"), (nil, Money(cents: 8), nil, "ledger.pending"),
                                                    (nil, nil, Money(cents: 0), "ledger.granted")] as [(Money?, Money?, Money?, String)] {
            do {
                try check(kept, committed: committed, pending: pending, themeGranted: theme)
                Issue.record("not refused: \(named)")
            } catch {
                #expect(error.code == .ledger && error.message.contains(named), "\(error.message)")
            }
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
