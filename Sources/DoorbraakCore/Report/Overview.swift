/// The figures of the overview report (`doorbraak report`): what an NZa analyst reads at a
/// glance. Pure values; the store gathers them, `OverviewHTML` draws them, the CLI prints them.
public struct Overview: Sendable, Equatable {
    /// The business date the report was made on.
    public var asOf: Day
    /// The kept totals under the macro ceiling.
    public var ceiling: Ceiling
    /// Per theme: requested, allocated and committed against the richtbedrag.
    public var themes: [ThemeLine]
    /// Every admitted application's impact, for the distribution against the bars.
    public var impacts: [Impact]
    /// The round's own bar, in hundredths of an fte per €mln.
    public var barHundredths: Int64
    /// Paid and released per quarter of the claim date.
    public var quarters: [Quarter]
    /// The NZa judgments per paying insurer and year (empty before any verantwoording).
    public var judgments: [Judgment]
    /// Claimed and realised fte per theme (empty before any monitoring).
    public var impactRealised: [Realised]
    /// The spreiding: the granted beschikkingen per region (004 line 219).
    public var regions: [Spreiding.Region]
    /// The milestones paid, by how many coalition members took part (004 lines 286, 2700).
    public var parts: [Parts]

    /// Milestones paid by `members` coalition members (1, or 2 and more), and their amount.
    public struct Parts: Sendable, Equatable {
        /// "1" or "2 or more".
        public var members: String
        /// How many milestones.
        public var milestones: Int
        /// What was paid on them.
        public var paid: Money

        /// A line.
        public init(members: String, milestones: Int, paid: Money) {
            self.members = members
            self.milestones = milestones
            self.paid = paid
        }
    }

    /// A report.
    public init(asOf: Day, ceiling: Ceiling, themes: [ThemeLine], impacts: [Impact], barHundredths: Int64,
                quarters: [Quarter], judgments: [Judgment], impactRealised: [Realised], regions: [Spreiding.Region] = [], parts: [Parts] = []) {
        self.regions = regions
        self.parts = parts
        self.asOf = asOf
        self.ceiling = ceiling
        self.themes = themes
        self.impacts = impacts
        self.barHundredths = barHundredths
        self.quarters = quarters
        self.judgments = judgments
        self.impactRealised = impactRealised
    }

    /// The macro ceiling's parts.
    public struct Ceiling: Sendable, Equatable {
        /// The ceiling.
        public var ceiling: Money
        /// Bovengrenzen as granted.
        public var granted: Money
        /// What amendments released.
        public var released: Money
        /// Proposed bovengrenzen awaiting the NZa.
        public var pending: Money
        /// Paid on reached milestones.
        public var paid: Money
        /// The sum of the current bovengrenzen.
        public var committed: Money { granted - released }
        /// Ceiling − committed.
        public var remaining: Money { ceiling - committed }
        /// Committed, not yet paid.
        public var committedUnpaid: Money { committed - paid }

        /// The parts.
        public init(ceiling: Money, granted: Money, released: Money, pending: Money, paid: Money) {
            self.ceiling = ceiling
            self.granted = granted
            self.released = released
            self.pending = pending
            self.paid = paid
        }
    }

    /// One theme's line.
    public struct ThemeLine: Sendable, Equatable {
        /// The theme.
        public var theme: Theme
        /// Its richtbedrag.
        public var amount: Money
        /// Requested by the admitted applications.
        public var requested: Money
        /// Allocated by the round (and reallocations).
        public var allocated: Money
        /// Committed by the NZa: the current bovengrenzen (as granted, less what releases lowered).
        public var committed: Money

        /// A line.
        public init(theme: Theme, amount: Money, requested: Money, allocated: Money, committed: Money) {
            self.theme = theme
            self.amount = amount
            self.requested = requested
            self.allocated = allocated
            self.committed = committed
        }
    }

    /// One application's impact.
    public struct Impact: Sendable, Equatable {
        /// fte per €mln, exactly.
        public var impact: FtePerMillion
        /// Its status.
        public var status: String

        /// An impact.
        public init(impact: FtePerMillion, status: String) {
            self.impact = impact
            self.status = status
        }
    }

    /// Paid and released in one quarter.
    public struct Quarter: Sendable, Equatable {
        /// `2027-Q3`.
        public var quarter: String
        /// Paid.
        public var paid: Money
        /// Released.
        public var released: Money

        /// A quarter.
        public init(quarter: String, paid: Money, released: Money) {
            self.quarter = quarter
            self.paid = paid
            self.released = released
        }
    }

    /// A quarter of the calendar, `2027-Q3`, to walk the period quarter by quarter.
    public struct QuarterName: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The year.
        public var year: Int
        /// 1 to 4.
        public var quarter: Int

        /// `2027-Q3`; nil for any other text.
        public init?(_ text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].count == 2, parts[1].first == "Q",
                  let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            self.year = year
            self.quarter = quarter
        }

        /// `2027-Q3`.
        public var description: String { "\(year)-Q\(quarter)" }

        /// The quarter after this one.
        public var next: QuarterName {
            var n = self
            if n.quarter == 4 { n.year += 1; n.quarter = 1 } else { n.quarter += 1 }
            return n
        }

        public static func < (a: QuarterName, b: QuarterName) -> Bool { (a.year, a.quarter) < (b.year, b.quarter) }
    }

    /// Every quarter from the first to the last of `quarters`, in order, a quarter without
    /// payouts or releases as zero (a gap in a chart reads as "nothing happened" only if it is
    /// drawn). A list with a name that is not `YYYY-Qn`, or spanning more than 100 years, is
    /// returned as given.
    public static func everyQuarter(_ quarters: [Quarter]) -> [Quarter] {
        var byName: [QuarterName: Quarter] = [:]
        for q in quarters {
            guard let name = QuarterName(q.quarter) else { return quarters }
            if let seen = byName[name] {
                byName[name] = Quarter(quarter: q.quarter, paid: seen.paid + q.paid, released: seen.released + q.released)
            } else {
                byName[name] = q
            }
        }
        guard let first = byName.keys.min(), let last = byName.keys.max(), last.year - first.year <= 100 else { return quarters }
        var out: [Quarter] = []
        var name = first
        while name <= last {
            out.append(byName[name] ?? Quarter(quarter: name.description, paid: .zero, released: .zero))
            name = name.next
        }
        return out
    }

    /// One NZa judgment.
    public struct Judgment: Sendable, Equatable {
        /// UZOVI.
        public var insurer: String
        /// Year.
        public var year: Int
        /// Paid.
        public var paid: Money
        /// Recovery.
        public var recovery: Money
        /// Number of findings.
        public var findings: Int
        /// `plausibel` or `niet plausibel`.
        public var judgment: String
        /// The judgment as a reader sees it (`Plausibility.Judgment.judgmentText`: provisional
        /// while beschikkingen it rests on run).
        public var label: String

        /// A judgment.
        public init(insurer: String, year: Int, paid: Money, recovery: Money, findings: Int, judgment: String, label: String? = nil) {
            self.insurer = insurer
            self.year = year
            self.paid = paid
            self.recovery = recovery
            self.findings = findings
            self.judgment = judgment
            self.label = label ?? judgment
        }
    }

    /// Claimed and realised fte of one theme.
    public struct Realised: Sendable, Equatable {
        /// The theme, or nil for the total.
        public var theme: Theme?
        /// fte claimed by the granted applications.
        public var claimed: Fte
        /// fte realised at the latest peildatum.
        public var realised: Fte

        /// A line.
        public init(theme: Theme?, claimed: Fte, realised: Fte) {
            self.theme = theme
            self.claimed = claimed
            self.realised = realised
        }
    }

    /// The fte-per-€mln distribution: bins of 5 from 0 to 60 and one above, with how many
    /// admitted applications fall in each (lower bound inclusive), by whether they were granted.
    public var impactBins: [(label: String, lower: Int64, all: Int, granted: Int)] {
        var bins: [(String, Int64, Int, Int)] = stride(from: Int64(0), to: 60, by: 5).map { ("\($0)–\($0 + 5)", $0, 0, 0) }
        bins.append(("60+", 60, 0, 0))
        for i in impacts {
            var index = bins.count - 1
            for (n, bin) in bins.enumerated().reversed() where i.impact.reaches(hundredths: bin.1 * 100) { index = n; break }
            bins[index].2 += 1
            if i.status == "granted" { bins[index].3 += 1 }
        }
        return bins.map { (label: $0.0, lower: $0.1, all: $0.2, granted: $0.3) }
    }
}
