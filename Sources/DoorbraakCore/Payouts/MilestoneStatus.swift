/// How far a milestone (prestatie) of a granted beschikking is settled (SPEC §5.2, parts §3.7).
/// The register keeps it as its raw value; the store maps the text to this once, where it reads
/// it (`init(kept:of:)`).
public enum MilestoneStatus: String, Sendable, CaseIterable {
    /// Nothing paid on it yet.
    case expected
    /// A part was paid; the rest of the tariff may still be claimed.
    case reached
    /// The parts reach the tariff.
    case paid
    /// Missed, or open at the close of the period: what was unpaid lowered the bovengrens.
    case released

    /// The status a kept row holds, `E-LEDGER` for text doorbraak never writes (the schema's
    /// CHECK holds it, so only an edit outside doorbraak with that check switched off).
    public init(kept text: String, of milestone: String) throws(DoorbraakError) {
        guard let status = MilestoneStatus(rawValue: text) else {
            throw DoorbraakError(.ledger, "milestone \(milestone) has the status \"\(text)\", which doorbraak never writes; the database was changed outside doorbraak: its administrator finds every such row with `doorbraak audit verify`")
        }
        self = status
    }

    /// Paid in full or released: no part is paid on it any more.
    public var isSettled: Bool { self == .paid || self == .released }
}

extension MilestoneStatus: CustomStringConvertible {
    /// The raw value, as the register and the CLI write it.
    public var description: String { rawValue }
}
