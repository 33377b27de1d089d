/// Where an application stands in the cycle (SPEC §5.2). The register keeps it as its raw
/// value; the store maps the text to this once, where it reads it (`init(kept:of:)`).
public enum ApplicationStatus: String, KeptStatus {
    /// What the status is of, in a refusal.
    public static let subject = "application"

    /// Refused at the register (a code of SPEC §3.3); may be replaced before the deadline.
    case inadmissible
    /// Admissible; no insurer has decided yet.
    case submitted
    /// One insurer approved, the other has not decided.
    case inReview = "in-review"
    /// Both insurers approved (pas toe of leg uit, 004 line 217).
    case approved
    /// An insurer rejected it.
    case rejected
    /// Within its theme's amount at the allocation (or a reallocation).
    case allocated
    /// Approved, but the theme's amount ran out (or below the board's bar).
    case notAllocated = "not-allocated"
    /// A beschikking was requested from the NZa (004 line 246).
    case requested
    /// The NZa granted the beschikking.
    case granted
    /// The NZa refused the beschikking.
    case refused
    /// Withdrawn by its penvoerder.
    case withdrawn

    /// Both insurers approved it, whatever happened after (the round report's "approved").
    public var isApproved: Bool {
        switch self {
        case .approved, .allocated, .notAllocated, .requested, .granted, .refused: return true
        case .inadmissible, .submitted, .inReview, .rejected, .withdrawn: return false
        }
    }

    /// It received a share of a theme's amount, whatever the NZa decided after.
    public var isAllocated: Bool {
        switch self {
        case .allocated, .requested, .granted, .refused: return true
        case .inadmissible, .submitted, .inReview, .approved, .rejected, .notAllocated, .withdrawn: return false
        }
    }

    /// No insurer has decided yet, so a replacement is still a fresh start (SPEC §3.2).
    public var isReplaceable: Bool { self == .inadmissible || self == .submitted }

    /// The NZa decided its beschikking, or it was withdrawn: no withdrawal any more.
    public var isFinal: Bool { self == .granted || self == .refused || self == .withdrawn }

    /// An insurer may record a first decision (after one rejection the other still may).
    public var takesDecisions: Bool { self == .submitted || self == .inReview || self == .rejected }

    /// A decision may be revised (before the allocation).
    public var takesRevisions: Bool { self == .inReview || self == .approved || self == .rejected }
}
