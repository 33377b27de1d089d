/// Where a request for a beschikking stands with the NZa (SPEC §5.2). The register keeps it as
/// its raw value; the store maps the text to this once, where it reads it (`init(kept:of:)`).
public enum BeschikkingStatus: String, KeptStatus {
    /// What the status is of, in a refusal.
    public static let subject = "beschikking"

    /// Requested (two-sided, 004 line 246), not yet decided.
    case pending
    /// Granted under the macro ceiling: the milestones are paid on it.
    case granted
    /// Refused: the ceiling, or the period.
    case refused
}
