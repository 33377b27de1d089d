/// The admission and rule codes of SPEC §3.2 and later sections; each names the rule it enforces.
extension ErrorCode {
    /// The plan exists and the sector is one of its sectors.
    public static let plan = ErrorCode("E-PLAN", .refused)
    /// Submitted after the single submission moment.
    public static let late = ErrorCode("E-LATE", .refused)
    /// Below the impact bar (basiseis 1).
    public static let bar = ErrorCode("E-BAR", .refused)
    /// Structural savings below structural costs (basiseisen 2, 9).
    public static let businessCase = ErrorCode("E-BUSINESSCASE", .refused)
    /// A budget line or milestone outside 2027–2029 (basiseis 4).
    public static let years = ErrorCode("E-YEARS", .refused)
    /// Budget, provider shares or tariffs do not add up to the requested amount.
    public static let sums = ErrorCode("E-SUMS", .refused)
    /// Too few distinct providers (basiseis 12).
    public static let joint = ErrorCode("E-JOINT", .refused)
    /// An AGB code listed twice in the coalition.
    public static let coalition = ErrorCode("E-COALITION", .refused)
    /// A field still holds a placeholder printed by `plans template`.
    public static let template = ErrorCode("E-TEMPLATE", .refused)
    /// Coordinating and second insurer invalid or the same.
    public static let insurers = ErrorCode("E-INSURERS", .refused)
    /// A budget line of an excluded category.
    public static let excluded = ErrorCode("E-EXCLUDED", .refused)
    /// Declared earlier funding of the same scope.
    public static let double = ErrorCode("E-DOUBLE", .refused)
    /// A basiseis without an answer.
    public static let basiseisen = ErrorCode("E-BASISEISEN", .refused)
    /// A deviation without explanation, or an explanation of something that is no deviation.
    public static let deviation = ErrorCode("E-DEVIATION", .refused)
    /// The id exists with other content.
    public static let duplicate = ErrorCode("E-DUPLICATE", .refused)
    /// The NZa refuses: the bovengrens does not fit under the macro ceiling.
    public static let ceiling = ErrorCode("E-CEILING", .refused)
}
