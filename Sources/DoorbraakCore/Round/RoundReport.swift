/// What the coordinating and second insurers show the board (004 line 219: the board steers on
/// "kwaliteit, spreiding en maatschappelijke impact"): per theme and per sector the applications,
/// their requested amount and what both insurers approved, against the theme amounts.
public struct RoundReport: Sendable {
    /// The figures of one theme or sector.
    public struct Line: Sendable, Equatable {
        /// Every application in the round (not inadmissible, not withdrawn).
        public var applications = 0
        /// What they request.
        public var requested = Money.zero
        /// Approved by both insurers and at or above the board's bar.
        public var approved = 0
        /// Their amount.
        public var approvedAmount = Money.zero
        /// Their fte.
        public var approvedFte = Fte(tenths: 0)
        /// Approved, but below the bar the board set after the review: they cannot be allocated,
        /// so they are not counted as approved.
        public var belowBar = 0

        /// The approved fte per €mln.
        public var impact: FtePerMillion { FtePerMillion(fte: approvedFte, amount: approvedAmount) }

        mutating func add(_ row: RoundRow, bar: ImpactBar) {
            applications += 1
            requested += row.requested
            guard row.status.isApproved else { return }
            if row.reaches(bar) {
                approved += 1
                approvedAmount += row.requested
                approvedFte = approvedFte + row.fte
            } else {
                belowBar += 1
            }
        }
    }

    /// One theme: its line, its amount (richtbedrag) and the over- (+) or undersubscription (−)
    /// of what was approved.
    public struct ThemeLine: Sendable, Equatable {
        public var theme: Theme
        public var line: Line
        public var themeAmount: Money
        public var over: Money { line.approvedAmount - themeAmount }
    }

    /// Every theme, in order.
    public var themes: [ThemeLine]
    /// Every sector, in order.
    public var sectors: [(sector: Sector, line: Line)]
    /// For the spreiding per region, as the theme lines count (a board review found the regions'
    /// totals apart from the themes'): the rows approved by both insurers and at or above the
    /// board's bar, and the rows the board allocated that the NZa did not refuse — allocated,
    /// requested or granted, at their requested amount.
    public var approved: [RoundRow]
    public var allocated: [RoundRow]

    /// Approved applications below the board's bar, in all themes.
    public var belowBar: Int { themes.map(\.line.belowBar).reduce(0, +) }

    /// The report of `rows` (the round's applications) under `settings`.
    public init(rows: [RoundRow], settings: RoundSettings) {
        var byTheme: [Theme: Line] = [:]
        var bySector: [String: Line] = [:]
        for row in rows {
            byTheme[row.theme, default: Line()].add(row, bar: settings.bar)
            bySector[row.sector, default: Line()].add(row, bar: settings.bar)
        }
        themes = Theme.allCases.map { ThemeLine(theme: $0, line: byTheme[$0] ?? Line(), themeAmount: settings.amount(of: $0)) }
        sectors = Sector.allCases.map { ($0, bySector[$0.rawValue] ?? Line()) }
        approved = rows.filter { $0.status.isApproved && $0.reaches(settings.bar) }
        allocated = rows.filter { $0.status.isAllocated && $0.status != .refused }
    }
}

/// The board's what-if (004 line 219: it steers once it sees the totals): for each bar, the
/// applications that reach it exactly, their amount and fte, per theme against the theme amount
/// and in total against the macro ceiling, and per region.
public struct WhatIf: Sendable, Equatable {
    /// One theme at one bar.
    public struct ThemeLine: Sendable, Equatable {
        public var theme: Theme
        public var passing: Int
        public var amount: Money
        public var fte: Fte
        public var themeAmount: Money
        /// Over (+) or under (−) the theme amount.
        public var over: Money { amount - themeAmount }
    }

    /// The bar.
    public var bar: ImpactBar
    /// How many reach it, in all themes.
    public var passing: Int
    /// Their amount.
    public var amount: Money
    /// Their fte.
    public var fte: Fte
    /// The macro ceiling the total is set against.
    public var ceiling: Money
    /// Every theme, in order.
    public var themes: [ThemeLine]
    /// The spreiding of those passing, largest amount first.
    public var regions: [Spreiding.Region]
    /// Of those passing, how many both insurers approved, and their amount: what the board
    /// decides on (004 lines 219–221; a board review: the what-if gave only the admitted total).
    public var approved: Int
    /// Their amount.
    public var approvedAmount: Money

    /// Over (+) or under (−) the macro ceiling.
    public var over: Money { amount - ceiling }

    /// The what-if of `bar` over `rows` (the round's admitted applications, and the register's
    /// submissions refused only for `E-BAR`, so that a lower bar shows what it would admit).
    public init(bar: ImpactBar, rows: [RoundRow], settings: RoundSettings) {
        let passing = rows.filter { $0.reaches(bar) }
        self.bar = bar
        self.passing = passing.count
        amount = passing.map(\.requested).sum()
        fte = passing.reduce(Fte(tenths: 0)) { $0 + $1.fte }
        ceiling = settings.ceiling
        themes = Theme.allCases.map { theme in
            let inTheme = passing.filter { $0.theme == theme }
            return ThemeLine(theme: theme, passing: inTheme.count, amount: inTheme.map(\.requested).sum(),
                             fte: inTheme.reduce(Fte(tenths: 0)) { $0 + $1.fte }, themeAmount: settings.amount(of: theme))
        }
        regions = Spreiding.byRegion(passing)
        let approvedRows = passing.filter(\.status.isApproved)
        approved = approvedRows.count
        approvedAmount = approvedRows.map(\.requested).sum()
    }
}
