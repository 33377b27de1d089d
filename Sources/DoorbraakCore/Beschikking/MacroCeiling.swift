/// The €600 mln macro ceiling as the NZa guards it (SPEC §3.6; 004 line 253: "lopende aanvragen
/// afwijst indien anders het maximaal beschikbare budget … overschreden zou worden. Overschrijdingen
/// achteraf zijn zo uitgesloten").
public struct MacroCeiling: Sendable, Equatable {
    /// The ceiling.
    public var ceiling: Money
    /// Sum of granted bovengrenzen.
    public var granted: Money
    /// Sum of released milestone tariffs.
    public var released: Money

    /// The totals at one moment.
    public init(ceiling: Money, granted: Money, released: Money) {
        self.ceiling = ceiling
        self.granted = granted
        self.released = released
    }

    /// Granted minus released.
    public var committed: Money { granted - released }
    /// Ceiling − granted + released.
    public var remaining: Money { ceiling - committed }

    /// Whether a bovengrens fits: committed + bovengrens ≤ ceiling, to the cent.
    public func fits(_ bovengrens: Money) -> Bool { bovengrens <= remaining }

    /// The totals after granting `bovengrens`; nil when it does not fit (then it must be refused).
    public func granting(_ bovengrens: Money) -> MacroCeiling? {
        guard fits(bovengrens) else { return nil }
        return MacroCeiling(ceiling: ceiling, granted: granted + bovengrens, released: released)
    }
}

extension ErrorCode {
    /// The application is not allocated, or the request was made or decided before.
    public static let request = ErrorCode("E-REQUEST", .refused)
    /// No contract reference (*contractvereiste*, 004 line 249).
    public static let contract = ErrorCode("E-CONTRACT", .refused)
    /// The insurers' declaration that every deviation was approved is not on record (004 line 247).
    public static let declaration = ErrorCode("E-DECLARATION", .refused)
}
