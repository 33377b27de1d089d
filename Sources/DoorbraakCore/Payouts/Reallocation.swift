/// The room `round reallocate` can give away (SPEC §3.5, §1 step 7), computed by the store from
/// kept totals at one moment.
///
/// - `total` = ceiling − committed − pending − promised, where committed = granted − released (the
///   sum of the current bovengrenzen), pending = proposed bovengrenzen awaiting the NZa, and
///   promised = the requested amounts of applications that are `allocated` but not yet requested.
///   With no promise outstanding this is exactly the SPEC's remaining − pending; counting the
///   promises keeps a second reallocation from handing out the same euro twice.
/// - per theme: richtbedrag − (granted − released) − pending − promised within that theme, never
///   below zero. A release thus returns room to the theme it came from first; what a theme cannot
///   use goes across themes in the second pass. The macro ceiling (`total`) always binds.
///   A theme that was given more than its richtbedrag (`--transfer`) borrowed the room the other
///   themes left unused at the allocation; until its own releases repay it, that debt comes off
///   what each lent (`lent`), never off what a theme released (`themeRooms`). Reviews of the
///   fifteenth landing: a lender's room counted what it had lent again, and once a lender had
///   reused its own release it was no longer charged at all — another theme's release then went
///   to it.
public struct ReallocationRoom: Sendable, Equatable {
    /// Room under the macro ceiling.
    public var total: Money
    /// Room per theme.
    public var themes: [Theme: Money]

    /// A room.
    public init(total: Money, themes: [Theme: Money]) {
        self.total = total
        self.themes = themes
    }

    /// One theme's figures the room per theme is made of.
    public struct ThemeFigures: Sendable, Equatable {
        /// Its richtbedrag.
        public var amount: Money
        /// Granted in it.
        public var granted: Money
        /// Released in it.
        public var released: Money
        /// Pending requests in it.
        public var pending: Money
        /// Allocated but not yet requested in it.
        public var promised: Money
        /// What the allocation's transfer pass took of the room it left unused (`lent`).
        public var lent: Money

        /// A theme's figures.
        public init(amount: Money, granted: Money, released: Money, pending: Money, promised: Money, lent: Money = .zero) {
            (self.amount, self.granted, self.released, self.pending, self.promised, self.lent) = (amount, granted, released, pending, promised, lent)
        }

        /// Its room, its releases counted: below zero while it owes.
        var room: Money { amount - (granted - released) - pending - promised }
    }

    /// What each theme lent at the allocation: what the transfer pass gave each theme
    /// (`received`) first uses the room that theme left unused itself (`leftover`); the rest was
    /// borrowed, and is apportioned over the room the other themes left unused and did not use
    /// themselves (the pass pooled it, so who lent which euro is not kept). A third review: the
    /// borrower counted as a lender to itself, and the lender was charged half its loan.
    public static func lent(received: [Theme: Money], leftover: [Theme: Money]) -> [Theme: Money] {
        var borrowed = Money.zero
        var lenders: [Theme: Money] = [:]
        for theme in Set(received.keys).union(leftover.keys) {
            let net = max(leftover[theme] ?? .zero, .zero) - (received[theme] ?? .zero)
            if net > .zero { lenders[theme] = net } else { borrowed += .zero - net }
        }
        return Dictionary(uniqueKeysWithValues: Money.apportion(min(borrowed, lenders.values.sum()), among: lenders).filter { $0.part > .zero }.map { ($0.key, $0.part) })
    }

    /// The room per theme (see the type): each theme's own room, less its share of what the
    /// borrowers still owe (at most what it lent), never below zero.
    public static func themeRooms(_ figures: [Theme: ThemeFigures]) -> [Theme: Money] {
        let debt = figures.values.map { $0.room < .zero ? .zero - $0.room : .zero }.sum()
        let lent = figures.filter { $0.value.lent > .zero }.mapValues(\.lent)
        let charges = Dictionary(uniqueKeysWithValues: Money.apportion(min(debt, lent.values.sum()), among: lent).map { ($0.key, $0.part) })
        return Dictionary(uniqueKeysWithValues: figures.map { theme, f in (theme, max(f.room - (charges[theme] ?? .zero), .zero)) })
    }
}

/// Gives freed room to approved applications that were not allocated (SPEC §3.5 `round reallocate`).
public enum Reallocator {
    /// In the round's ranking (`Allocator.ranked` with its lottery `seed`, across themes), the
    /// waiting applications that fit both their theme's room and the total room are allocated
    /// (one that does not fit is skipped, the next tried); then, only when the board allocated the round
    /// with `--transfer`, the best remaining of any theme that fit the room the themes have left
    /// and the total room. The board's choices at the allocation hold for the room a release
    /// frees (a money review of the twelfth landing: without `--transfer`, room a release never
    /// freed went across themes): one below the `bar` the board set gets no room, as it got none
    /// at the allocation; without `--transfer` room stays in its theme. Returns only the newly
    /// allocated, in the order they were given room.
    public static func reallocate(_ waiting: [AllocationCandidate], room: ReallocationRoom, bar: ImpactBar, transfer: Bool, seed: String) -> [AllocationOutcome] {
        let passing = waiting.filter { $0.impact.reaches(hundredths: bar.hundredths) }
        var total = room.total
        var themeRooms = room.themes
        var given: [AllocationOutcome] = []
        var taken = Set<ApplicationID>()
        var ranks: [ApplicationID: Int] = [:]
        for theme in Theme.allCases {
            for (i, c) in Allocator.ranked(passing.filter { $0.theme == theme }, seed: seed).enumerated() { ranks[c.id] = i + 1 }
        }
        // In the round's ranking across themes, each within its theme's room and the total: when
        // the themes' rooms together exceed the room under the ceiling (richtbedragen above it),
        // the best-ranked get it, not the theme the code lists first (a board review).
        for c in Allocator.ranked(passing, seed: seed) {
            let rank = ranks[c.id] ?? 0
            let before = min(themeRooms[c.theme] ?? .zero, total)
            guard c.requested <= before else { continue }
            themeRooms[c.theme] = (themeRooms[c.theme] ?? .zero) - c.requested
            total -= c.requested
            taken.insert(c.id)
            given.append(AllocationOutcome(id: c.id, allocated: true, rank: rank, pass: .theme, roomBefore: before,
                                           reason: "reallocated: rank \(rank) of the waiting in \(c.theme.rawValue); fits the freed room (\(before))"))
        }
        guard transfer else { return given }
        // What the themes have left, as the allocation's transfer pass pooled it, within the ceiling.
        var pool = min(total, Theme.allCases.map { themeRooms[$0] ?? .zero }.sum())
        for c in Allocator.ranked(passing.filter { !taken.contains($0.id) }, seed: seed) where c.requested <= pool {
            let before = pool
            pool -= c.requested
            let rank = ranks[c.id] ?? 0
            given.append(AllocationOutcome(id: c.id, allocated: true, rank: rank, pass: .transfer, roomBefore: before,
                                           reason: "reallocated: rank \(rank) of the waiting in \(c.theme.rawValue); fits the freed room across themes (\(before))"))
        }
        return given
    }

    /// The waiting applications below the board's `bar`: they get no room (E-BAR).
    public static func belowBar(_ waiting: [AllocationCandidate], bar: ImpactBar) -> [ApplicationID] {
        waiting.filter { !$0.impact.reaches(hundredths: bar.hundredths) }.map(\.id).sorted { $0.rawValue < $1.rawValue }
    }
}
