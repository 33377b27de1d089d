/// How far a milestone (prestatie) of a granted beschikking is settled (SPEC §5.2, parts §3.7).
/// The register keeps it as its raw value; the store maps the text to this once, where it reads
/// it (`init(kept:of:)`).
public enum MilestoneStatus: String, KeptStatus {
    /// What the status is of, in a refusal.
    public static let subject = "milestone"

    /// Nothing paid on it yet.
    case expected
    /// A part was paid; the rest of the tariff may still be claimed.
    case reached
    /// The parts reach the tariff.
    case paid
    /// Missed, or open at the close of the period: what was unpaid lowered the bovengrens.
    case released

    /// Paid in full or released: no part is paid on it any more.
    public var isSettled: Bool { self == .paid || self == .released }
}
