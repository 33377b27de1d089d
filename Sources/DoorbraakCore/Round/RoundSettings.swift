/// The settings of one round (SPEC §3.1), fixed at `init`.
public struct RoundSettings: Sendable, Equatable {
    /// The macro ceiling: €600 mln for 2027–2029 (004 line 253, "gemaximeerd op €600 miljoen").
    public var ceiling: Money
    /// The *richtbedragen* per theme (004 lines 2817, 2823, 2831).
    public var themeAmounts: [Theme: Money]
    /// The impact bar.
    public var bar: ImpactBar
    /// The single submission moment (004 line 212: "één moment van indiening").
    public var deadline: Day

    /// The only years money may be spent: kasritme 2027–2029 (004 line 2900).
    public static let eligibleYears = 2027...2029

    /// The round as SPEC §3.1 sets it by default.
    public static let standard = RoundSettings(
        ceiling: Money(euros: 600_000_000),
        themeAmounts: [
            .ai: Money(euros: 275_000_000),
            .digitaleHybrideZorg: Money(euros: 275_000_000),
            .medischeTechnologie: Money(euros: 50_000_000),
        ],
        bar: .scenario(.B),
        deadline: Day(2026, 12, 1)
    )

    /// A round with the given settings.
    public init(ceiling: Money, themeAmounts: [Theme: Money], bar: ImpactBar, deadline: Day) {
        self.ceiling = ceiling
        self.themeAmounts = themeAmounts
        self.bar = bar
        self.deadline = deadline
    }

    /// The amount of `theme` (zero when unset).
    public func amount(of theme: Theme) -> Money { themeAmounts[theme] ?? .zero }
}

/// The *impactlat*: the minimum fte saved per €1 mln (004 lines 393–398).
public struct ImpactBar: Sendable, Equatable, CustomStringConvertible {
    /// The named scenarios of the fact base.
    public enum Scenario: String, Sendable, CaseIterable {
        /// Full AZWA ambition: 35 fte per €mln (004 line 398).
        case A
        /// Top 10% of IZA plans: 17 fte per €mln.
        case B
        /// Average IZA plan: 9 fte per €mln (004 line 346).
        case C

        /// The bar in hundredths of fte per €mln.
        public var hundredths: Int64 {
            switch self {
            case .A: return 3500
            case .B: return 1700
            case .C: return 900
            }
        }
    }

    /// The bar in hundredths of an fte per €mln.
    public let hundredths: Int64
    /// The scenario it came from, if any.
    public let scenario: Scenario?

    /// A named scenario.
    public static func scenario(_ s: Scenario) -> ImpactBar { ImpactBar(hundredths: s.hundredths, scenario: s) }

    private init(hundredths: Int64, scenario: Scenario?) {
        self.hundredths = hundredths
        self.scenario = scenario
    }

    /// Parses `A`, `B`, `C` or a number with at most two decimals, e.g. `17` or `12.5`.
    public init(parsing text: String) throws(DoorbraakError) {
        if let s = Scenario(rawValue: text) {
            self = .scenario(s)
            return
        }
        do {
            hundredths = try DecimalText.parse(text, decimals: 2, style: .point)
        } catch {
            throw DoorbraakError(.usage, "impact bar \"\(text)\" must be A, B, C or a number of fte per €mln such as 17 or 12.5")
        }
        guard hundredths > 0, hundredths <= 100_000 else {
            throw DoorbraakError(.usage, "impact bar \"\(text)\" must be above 0 and at most 1000 fte per €mln")
        }
        scenario = nil
    }

    /// `17` or `12.5`, without trailing zeros.
    public var number: String {
        var text = DecimalText.format(hundredths, decimals: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `B (17 fte/€mln)` or `12.5 fte/€mln`.
    public var description: String {
        scenario.map { "\($0.rawValue) (\(number) fte/€mln)" } ?? "\(number) fte/€mln"
    }
}

/// The spending period of the doorbraakmiddelen: 2027 to 2029 (004 line 253, kasritme line 2900).
/// After it no room is given, no beschikking requested or granted: its milestones would lie in
/// the past and its money outside the period.
public enum SpendingPeriod {
    /// The last day money can be committed: 2029-12-31.
    public static let lastDay = Day(RoundSettings.eligibleYears.upperBound, 12, 31)

    /// Refuses `doing` on `today` after the period, with `E-PERIOD`.
    public static func check(_ today: Day, doing: String) throws(DoorbraakError) {
        if today > lastDay {
            throw DoorbraakError(.period, "\(doing) after the spending period 2027–2029 (it ended \(lastDay)); today is \(today)")
        }
    }
}

extension ErrorCode {
    /// An act that commits money after the spending period.
    public static let period = ErrorCode("E-PERIOD", .refused)
}

extension RoundSettings {
    /// What `init` warns of (SPEC §3.1): a richtbedrag above the ceiling can never be used in
    /// full, and richtbedragen that add up to more than the ceiling can let the board allocate
    /// more than the NZa can grant — the ceiling binds at the beschikking (SPEC §3.1), where what
    /// no longer fits is refused, `E-CEILING` (a board review: nothing was said, € 6.7 mln was
    /// allocated under a € 6 mln ceiling and an allocated applicant then refused). Allowed.
    public var warnings: [String] {
        var said = Theme.allCases.filter { amount(of: $0) > ceiling }.map {
            "the richtbedrag of \($0.rawValue) (\(amount(of: $0))) is above the macro ceiling (\(ceiling)): it can never be used in full"
        }
        let total = Theme.allCases.map { amount(of: $0) }.sum()
        if total > ceiling {
            said.append("the richtbedragen add up to \(total), more than the macro ceiling (\(ceiling)): the board can allocate more than the NZa can grant, and the NZa refuses what no longer fits (E-CEILING)")
        }
        return said
    }
}
