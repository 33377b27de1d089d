import DoorbraakCore
import Testing

@Suite struct MacroCeilingTests {
    let ceiling = MacroCeiling(ceiling: Money(euros: 3_000_000), granted: Money(euros: 1_500_000), released: .zero)

    @Test func aBovengrensExactlyFillingTheRoomFitsAndOneCentMoreDoesNot() {
        #expect(ceiling.fits(Money(euros: 1_500_000)))
        #expect(ceiling.granting(Money(euros: 1_500_000))?.remaining == .zero)
        #expect(!ceiling.fits(Money(cents: 150_000_001)))
        #expect(ceiling.granting(Money(cents: 150_000_001)) == nil)
        #expect(ceiling.granting(Money(euros: 1_500_000))?.fits(Money(cents: 1)) == false)
    }

    @Test func releasedMoneyReturnsToTheRoom() {
        let full = MacroCeiling(ceiling: Money(euros: 3_000_000), granted: Money(euros: 3_000_000), released: Money(cents: 1))
        #expect(full.committed == Money(cents: 299_999_999))
        #expect(full.fits(Money(cents: 1)))
        #expect(!full.fits(Money(cents: 2)))
    }
}

/// The decision on one request, and the plan of `nza decide --all` (issue 21).
@Suite struct DecisionPlanTests {
    let ceiling = MacroCeiling(ceiling: Money(euros: 10), granted: .zero, released: .zero)
    let lastDay = Day(2029, 12, 31)

    @Test func aRequestFillingTheRoomIsGrantedAndOneCentMoreIsRefused() {
        #expect(CeilingDecision(Money(euros: 10), under: ceiling, on: lastDay) == .grant(after: MacroCeiling(ceiling: Money(euros: 10), granted: Money(euros: 10), released: .zero)))
        guard case .refuse(let code, let reason) = CeilingDecision(Money(cents: 1001), under: ceiling, on: lastDay) else {
            Issue.record("one cent over the room was granted")
            return
        }
        #expect(code == .ceiling && reason == "bovengrens € 10,01 does not fit the € 10,00 left under the macro ceiling", "\(reason)")
    }

    @Test func afterTheSpendingPeriodEveryRequestIsRefused() {
        guard case .refuse(let code, _) = CeilingDecision(Money(cents: 1), under: ceiling, on: Day(2030, 1, 1)) else {
            Issue.record("granted on the day after the spending period")
            return
        }
        #expect(code == .period)
        let plan = DecisionPlan(ranked: [(id: "B", bovengrens: Money(cents: 1)), (id: "A", bovengrens: Money(cents: 1))], under: ceiling, on: Day(2030, 1, 1))
        #expect(plan.grants.isEmpty && plan.refusals == ["A", "B"])
    }

    /// The ranking decides who is granted; the grants are written first, then the refusals, each
    /// in key order. A request that no longer fits is skipped and a smaller one further down the
    /// ranking still granted, as one decision after another would.
    @Test func theRankingDecidesAndTheGrantsAreWrittenBeforeTheRefusals() {
        let ranked: [(id: String, bovengrens: Money)] = [("Z-3", Money(euros: 6)), ("A-1", Money(euros: 5)), ("M-2", Money(euros: 4)), ("B-4", Money(cents: 1))]
        let plan = DecisionPlan(ranked: ranked, under: ceiling, on: lastDay)
        #expect(plan.grants == ["M-2", "Z-3"])
        #expect(plan.refusals == ["A-1", "B-4"])
        #expect(plan.writeOrder == ["M-2", "Z-3", "A-1", "B-4"])
        // Each refusal is worded with the room left at its turn in the ranking, not at the end.
        #expect(plan.reasons == [
            "A-1": "bovengrens € 5,00 does not fit the € 4,00 left under the macro ceiling at its turn: rank 2 of the 4 requests decided by the allocation ranking (a smaller request ranked after it may still fit)",
            "B-4": "bovengrens € 0,01 does not fit the € 0,00 left under the macro ceiling at its turn: rank 4 of the 4 requests decided by the allocation ranking",
        ], "\(plan.reasons)")
        // Each grant written in that order fits the kept totals as the grants before it leave
        // them, and each refusal does not fit the room every grant leaves.
        var kept = ceiling
        for id in plan.grants {
            guard case .grant(let after) = CeilingDecision(ranked.first { $0.id == id }!.bovengrens, under: kept, on: lastDay) else {
                Issue.record("\(id) planned as a grant does not fit when it is written")
                return
            }
            kept = after
        }
        for id in plan.refusals {
            if case .grant = CeilingDecision(ranked.first { $0.id == id }!.bovengrens, under: kept, on: lastDay) { Issue.record("\(id) planned as a refusal fits when it is written") }
        }
        // One cent less on the first: the last one (one cent) fits too.
        let tighter = DecisionPlan(ranked: [("Z-3", Money(cents: 599)), ("A-1", Money(euros: 5)), ("M-2", Money(euros: 4)), ("B-4", Money(cents: 1))], under: ceiling, on: lastDay)
        #expect(tighter.grants == ["B-4", "M-2", "Z-3"] && tighter.refusals == ["A-1"])
    }

    /// Keys in SQLite's order (bytes), not Swift's: "Z" (0x5A) before "a" (0x61) and "é".
    @Test func keysAreInTheRegistersByteOrder() {
        let plan = DecisionPlan(ranked: [("é-1", Money(cents: 1)), ("a-1", Money(cents: 1)), ("Z-1", Money(cents: 1))], under: ceiling, on: lastDay)
        #expect(plan.grants == ["Z-1", "a-1", "é-1"])
    }
}
