/// An approved application competing for its theme's amount (SPEC §3.5).
public struct AllocationCandidate: Sendable, Equatable {
    /// The id.
    public var id: ApplicationID
    /// Its theme.
    public var theme: Theme
    /// The amount it needs.
    public var requested: Money
    /// fte saved.
    public var fte: Fte

    /// A candidate.
    public init(id: ApplicationID, theme: Theme, requested: Money, fte: Fte) {
        self.id = id
        self.theme = theme
        self.requested = requested
        self.fte = fte
    }

    /// Impact per €mln, compared exactly.
    public var impact: FtePerMillion { FtePerMillion(fte: fte, amount: requested) }
}

/// The outcome for one application.
public struct AllocationOutcome: Sendable, Equatable {
    /// Which pass decided it.
    public enum Pass: String, Sendable {
        /// Allocated within its own theme's amount.
        case theme
        /// Allocated from unused room of all themes (`--transfer`).
        case transfer
        /// Not allocated.
        case none
    }

    /// The application.
    public var id: ApplicationID
    /// Whether it got money.
    public var allocated: Bool
    /// 1-based rank within its theme by fte per €mln.
    public var rank: Int
    /// Which pass allocated it.
    public var pass: Pass
    /// The room left when its turn came (in its theme, or in the transfer pool).
    public var roomBefore: Money
    /// Why, for people.
    public var reason: String
}

/// Ranking by impact, never by arrival (004 line 219: away from "wie het eerst komt, wie het eerst maalt").
public enum Allocator {
    /// Highest fte per €mln first; ties by more fte, then the smaller amount, then a lottery drawn
    /// with the board's `seed` (SPEC §3.5): the order of SHA-256(seed, id), which no applicant can
    /// steer by choosing an id, because the seed is set after the deadline and recorded in the audit.
    public static func ranked(_ candidates: [AllocationCandidate], seed: String) -> [AllocationCandidate] {
        let keyed = candidates.map { (candidate: $0, lot: lot($0.id, seed: seed)) }
        return keyed.sorted { a, b in
            let (ia, ib) = (a.candidate.impact, b.candidate.impact)
            if ia != ib { return ib < ia }
            if a.candidate.fte != b.candidate.fte { return a.candidate.fte > b.candidate.fte }
            if a.candidate.requested != b.candidate.requested { return a.candidate.requested < b.candidate.requested }
            return a.lot < b.lot
        }.map(\.candidate)
    }

    /// The lottery number of `id` under `seed`: the hex SHA-256 of both, length-prefixed.
    public static func lot(_ id: ApplicationID, seed: String) -> String {
        SHA256.hex("\(seed.utf8.count):\(seed)\u{1F}\(id.rawValue)")
    }

    /// Allocates within each theme while the theme's amount lasts (skipping one that does not
    /// fit and trying the next); with `transfer`, the unused room of all themes then goes to the
    /// best remaining applications of any theme, in the same ranking.
    /// With `bar`, an approved application below it is not ranked: not allocated, with reason
    /// `E-BAR` (the board raised the bar after the review, 004 lines 219, 636).
    public static func allocate(_ all: [AllocationCandidate], themeAmounts: [Theme: Money], transfer: Bool, seed: String, bar: ImpactBar? = nil) -> [AllocationOutcome] {
        let candidates = bar.map { b in all.filter { $0.impact.reaches(hundredths: b.hundredths) } } ?? all
        let passing = Set(candidates.map(\.id))
        var below: [AllocationOutcome] = []
        if let bar {
            for theme in Theme.allCases {
                let ranks = candidates.filter { $0.theme == theme }.count
                for (i, c) in ranked(all.filter { $0.theme == theme && !passing.contains($0.id) }, seed: seed).enumerated() {
                    below.append(AllocationOutcome(id: c.id, allocated: false, rank: ranks + i + 1, pass: .none, roomBefore: .zero,
                                                   reason: "E-BAR: \(c.impact.belowBarText) fte per €mln is below the bar of \(bar.number) the board set; not ranked"))
                }
            }
        }
        var outcomes: [ApplicationID: AllocationOutcome] = [:]
        var rooms: [Theme: Money] = [:]
        for theme in Theme.allCases {
            var room = themeAmounts[theme] ?? .zero
            for (i, c) in ranked(candidates.filter { $0.theme == theme }, seed: seed).enumerated() {
                let before = room
                if c.requested <= room {
                    room -= c.requested
                    outcomes[c.id] = AllocationOutcome(id: c.id, allocated: true, rank: i + 1, pass: .theme, roomBefore: before,
                                                      reason: "rank \(i + 1) in \(theme.rawValue); fits in the room left (\(before))")
                } else {
                    outcomes[c.id] = AllocationOutcome(id: c.id, allocated: false, rank: i + 1, pass: .none, roomBefore: before,
                                                      reason: "rank \(i + 1) in \(theme.rawValue); needs \(c.requested) but only \(before) was left")
                }
            }
            rooms[theme] = room
        }
        if transfer {
            var pool = rooms.values.sum()
            for c in ranked(candidates.filter { outcomes[$0.id]?.allocated == false }, seed: seed) {
                guard var outcome = outcomes[c.id] else { continue }
                let before = pool
                if c.requested <= pool {
                    pool -= c.requested
                    outcome.allocated = true
                    outcome.pass = .transfer
                    outcome.roomBefore = before
                    outcome.reason = "rank \(outcome.rank) in \(c.theme.rawValue); did not fit its theme, allocated from unused room of all themes (\(before) left)"
                } else {
                    outcome.reason += "; also not from unused room of all themes (\(before) left)"
                }
                outcomes[c.id] = outcome
            }
        }
        return ranked(candidates, seed: seed).compactMap { outcomes[$0.id] } + below
    }
}
