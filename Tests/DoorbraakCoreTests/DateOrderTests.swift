import DoorbraakCore
import Testing

/// Business time runs forward (E-DATE): each rule at its boundary, the day itself and the day before.
@Suite struct DateOrderTests {
    func refusal(_ body: () throws(DoorbraakError) -> Void) -> DoorbraakError? {
        do { try body(); return nil } catch { return error }
    }

    @Test(arguments: [(Day(2026, 11, 20), nil), (Day(2026, 11, 19), "E-DATE"), (Day(2026, 12, 1), nil)] as [(Day, String?)])
    func aReviewIsNotDatedBeforeTheReceipt(day: Day, expected: String?) {
        let error = refusal { () throws(DoorbraakError) in try DateOrder.review(on: day, received: Day(2026, 11, 20), application: "A-1") }
        #expect(error?.code.rawValue == expected)
        if let error { #expect(error.message.contains("2026-11-20"), "names the date it must not precede: \(error.message)") }
    }

    @Test(arguments: [(Day(2026, 12, 15), nil), (Day(2026, 12, 14), "E-DATE")] as [(Day, String?)])
    func aRequestIsNotDatedBeforeTheAllocation(day: Day, expected: String?) {
        #expect(refusal { () throws(DoorbraakError) in try DateOrder.request(on: day, allocated: Day(2026, 12, 15), application: "A-1") }?.code.rawValue == expected)
    }

    @Test(arguments: [
        (Day(2027, 1, 1), Day(2026, 12, 20), nil),        // the day the NZa's rules take effect
        (Day(2026, 12, 31), Day(2026, 12, 20), "E-DATE"), // the day before
        (Day(2027, 1, 10), Day(2027, 1, 10), nil),        // the day of the request
        (Day(2027, 1, 9), Day(2027, 1, 10), "E-DATE"),    // the day before the request
    ] as [(Day, Day, String?)])
    func aDecisionIsNotDatedBeforeItsRequestNor2027(day: Day, requested: Day, expected: String?) {
        let error = refusal { () throws(DoorbraakError) in try DateOrder.decision(on: day, requested: requested, application: "A-1") }
        #expect(error?.code.rawValue == expected)
    }

    @Test func aDecisionBefore2027NamesTheDayTheRulesTakeEffect() throws {
        let error = try #require(refusal { () throws(DoorbraakError) in try DateOrder.decision(on: Day(2020, 1, 1), requested: Day(2019, 1, 1), application: "A-1") })
        #expect(error.message.contains("2027-01-01") && error.message.contains("004 line 284"))
        #expect(error.code.kind == .refused)
    }

    @Test(arguments: [(Day(2027, 1, 10), nil), (Day(2027, 1, 9), "E-DATE")] as [(Day, String?)])
    func aClaimIsNotDatedBeforeTheGrant(date: Day, expected: String?) {
        #expect(refusal { () throws(DoorbraakError) in try DateOrder.claim(dated: date, granted: Day(2027, 1, 10)) }?.code.rawValue == expected)
        let subject = payoutSubject(grantedOn: Day(2027, 1, 10))
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim(date: date), on: subject, today: Day(2027, 6, 30)) } == expected)
    }

    @Test(arguments: [(Day(2027, 3, 1), nil), (Day(2027, 2, 28), "E-DATE")] as [(Day, String?)])
    func aChangeIsNotDatedBeforeTheSubjectsLatestEvent(day: Day, expected: String?) {
        #expect(refusal { () throws(DoorbraakError) in try DateOrder.change(on: day, subject: "A-1", latest: Day(2027, 3, 1)) }?.code.rawValue == expected)
    }

    @Test func aLateEntryIsNotInTheFutureNorBeforeTheVersionItReplaces() {
        #expect(refusal { () throws(DoorbraakError) in try DateOrder.receipt(Day(2026, 12, 1), entered: Day(2026, 12, 1), previous: nil) } == nil)
        #expect(refusal { () throws(DoorbraakError) in try DateOrder.receipt(Day(2026, 12, 2), entered: Day(2026, 12, 1), previous: nil) }?.code == .date)
        #expect(refusal { () throws(DoorbraakError) in try DateOrder.receipt(Day(2026, 11, 20), entered: Day(2026, 12, 3), previous: Day(2026, 11, 20)) } == nil)
        let before = refusal { () throws(DoorbraakError) in try DateOrder.receipt(Day(2026, 11, 19), entered: Day(2026, 12, 3), previous: Day(2026, 11, 20)) }
        // It says the way out: a registered receipt stays; a new id (a newcomer followed "a date
        // on or after" into E-LATE).
        #expect(before?.code == .date && before?.message.contains("withdraw the application (`doorbraak application withdraw`) and submit it under a new id") == true)
    }
}

/// A business date lies in the years a round runs in (`DateOrder.requireBusinessDate`), both ends.
@Suite struct BusinessDateTests {
    @Test func theWindowsEndsPassAndTheDaysBeyondThemAreRefused() throws {
        try DateOrder.requireBusinessDate(Day(2020, 1, 1), source: "--today")
        try DateOrder.requireBusinessDate(Day(2039, 12, 31), source: "--today")
        for day in [Day(2019, 12, 31), Day(2040, 1, 1), Day(2208, 6, 30)] {
            let error = try #require(throws: DoorbraakError.self) { try DateOrder.requireBusinessDate(day, source: "--today") }
            #expect(error.code == .usage && error.message.contains("--today \(day) lies outside"))
        }
    }
}
