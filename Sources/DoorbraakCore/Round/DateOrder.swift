extension ErrorCode {
    /// A business date that precedes the date of what it follows (SPEC §3.4, §3.6, §3.7, §3.9).
    public static let date = ErrorCode("E-DATE", .refused)
}

/// Business time runs forward: a step of the cycle is never dated before the step it follows.
/// Each rule names the date the step must not precede, so the user can see which one to use.
public enum DateOrder {
    /// The NZa's rules for the doorbraakmiddelen take effect on 1 January 2027 (004 line 284:
    /// "treden in werking per 1 januari 2027"): no beschikking is decided before.
    public static let nzaRulesInForce = Day(2027, 1, 1)

    /// `E-DATE` when `day` precedes `earliest`; `what` is the step ("a review dated …"),
    /// `follows` what it comes after ("the receipt of DBM-1").
    public static func require(_ day: Day, notBefore earliest: Day, _ what: String, follows: String, field: String? = nil) throws(DoorbraakError) {
        guard day < earliest else { return }
        throw DoorbraakError(.date, "\(what) dated \(day) cannot precede \(follows) on \(earliest); use a date on or after \(earliest)", field: field)
    }

    /// A review is not dated before the submission was received (SPEC §3.4).
    public static func review(on day: Day, received: Day, application: String) throws(DoorbraakError) {
        try require(day, notBefore: received, "a review of \(application)", follows: "its receipt")
    }

    /// A request for a beschikking is not dated before the allocation that made it possible (SPEC §3.6).
    public static func request(on day: Day, allocated: Day, application: String) throws(DoorbraakError) {
        try require(day, notBefore: allocated, "a request for a beschikking for \(application)", follows: "its allocation")
    }

    /// A decision is dated neither before its request nor before the NZa's rules take effect (SPEC §3.6).
    public static func decision(on day: Day, requested: Day, application: String) throws(DoorbraakError) {
        try require(day, notBefore: nzaRulesInForce, "a decision on \(application)", follows: "the day the NZa's rules take effect (004 line 284)")
        try require(day, notBefore: requested, "a decision on \(application)", follows: "its request")
    }

    /// A claim is not dated before its beschikking was granted (SPEC §3.7).
    public static func claim(dated date: Day, granted: Day) throws(DoorbraakError) {
        try require(date, notBefore: granted, "a claim", follows: "the grant of the beschikking", field: "date")
    }

    /// A change on a subject is not dated before that subject's latest event (SPEC §3.9): the
    /// audit trail of one application reads forward in business time.
    public static func change(on day: Day, subject: String, latest: Day) throws(DoorbraakError) {
        try require(day, notBefore: latest, "a change to \(subject)", follows: "its latest recorded event")
    }

    /// A receipt entered later (`--received`) is not after the day it is entered, nor before the
    /// receipt of the version it replaces. `option` names where the receipt date came from
    /// (`--received`, or `--today` when it is the day of entry).
    public static func receipt(_ received: Day, entered: Day, previous: Day?, option: String = "--received") throws(DoorbraakError) {
        guard received <= entered else {
            throw DoorbraakError(.date, "received \(received) is after the day it is entered (\(entered)); a receipt cannot lie in the future", field: option)
        }
        if let previous, received < previous {
            // The way out is said too (a newcomer followed "use a date on or after" into E-LATE):
            // a receipt registered on a wrong date stays; the application goes under a new id.
            throw DoorbraakError(.date, "the receipt of a replacement dated \(received) cannot precede the receipt of the version it replaces on \(previous); a registered receipt date is not changed: if \(previous) was entered by mistake, withdraw the application (`doorbraak application withdraw`) and submit it under a new id with --received", field: option)
        }
    }

    /// The years a business date (`--today`) may lie in. Business time only runs forward, so one
    /// date mistyped far ahead would refuse every later step (a business-date review: `--today
    /// 2208-06-30` was taken, and no payout of 2028 could follow it). The period runs 2027–2029
    /// (004 line 286) and its verantwoording after it; this window is an assumption.
    public static let businessYears = 2020...2039

    /// `E-USAGE` for a business date outside `businessYears`; `source` names the option.
    public static func requireBusinessDate(_ day: Day, source: String) throws(DoorbraakError) {
        guard businessYears.contains(day.year) else {
            throw DoorbraakError(.usage, "\(source) \(day) lies outside the years a round runs in (\(businessYears.lowerBound)–\(businessYears.upperBound)); a typo? Business time only runs forward, so a date far ahead would refuse every later step")
        }
    }
}
