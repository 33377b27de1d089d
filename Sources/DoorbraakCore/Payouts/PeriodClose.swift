/// The end of the period (SPEC §3.7, issue 19): from 2030-01-01 the board closes it. Every
/// milestone not paid in full is released for what is unpaid, and every granted beschikking is
/// final at what was paid — the money of 2027–2029 (004 line 253) is not held open for ever.
public enum PeriodClose {
    /// The first day the period may be closed: the day after the spending period.
    public static let firstDay = Day(RoundSettings.eligibleYears.upperBound + 1, 1, 1)

    /// `E-PERIOD` before 2030-01-01; `E-STATE` when the period was closed already.
    public static func check(today: Day, closedOn: Day?) throws(DoorbraakError) {
        if let closedOn {
            throw DoorbraakError(.state, "the period was closed already, on \(closedOn)")
        }
        guard today >= firstDay else {
            throw DoorbraakError(.period, "the period 2027–2029 runs until \(SpendingPeriod.lastDay); it can be closed from \(firstDay), not on \(today)")
        }
    }

    /// What closing does to one granted beschikking that is not final.
    public struct Settlement: Sendable, Equatable {
        /// Each milestone not paid in full, with what is unpaid of it (released).
        public var milestones: [(code: String, unpaid: Money)]
        /// What the final amendment releases on top: the bovengrens above the total paid.
        public var rest: Money
        /// The bovengrens before and after (= what was paid).
        public var bovengrensBefore: Money
        /// After.
        public var bovengrensAfter: Money

        public static func == (a: Settlement, b: Settlement) -> Bool {
            a.milestones.map(\.code) == b.milestones.map(\.code) && a.milestones.map(\.unpaid) == b.milestones.map(\.unpaid)
                && a.rest == b.rest && a.bovengrensBefore == b.bovengrensBefore && a.bovengrensAfter == b.bovengrensAfter
        }
    }

    /// The settlement of `subject`: its open milestones released, then final at what was paid.
    public static func settle(_ subject: PayoutSubject) -> Settlement {
        var after = subject
        var released: [(code: String, unpaid: Money)] = []
        for i in after.milestones.indices where !after.milestones[i].isSettled {
            let unpaid = after.milestones[i].unpaid
            after.milestones[i].status = .released
            after.released += unpaid
            released.append((after.milestones[i].code, unpaid))
        }
        let rest = PayoutRules.finalRelease(after) ?? .zero
        after.released += rest
        return Settlement(milestones: released, rest: rest, bovengrensBefore: subject.bovengrens, bovengrensAfter: after.bovengrens)
    }
}
