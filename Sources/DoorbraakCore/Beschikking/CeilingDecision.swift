/// The NZa's decision on one pending request under the macro ceiling (SPEC §3.6; 004 line 253):
/// granted when committed + bovengrens ≤ ceiling, to the cent, else refused `E-CEILING`; after the
/// spending period every request is refused `E-PERIOD`. Both `nza decide ID` and each decision
/// `nza decide --all` writes apply it to the kept totals of their own transaction.
public enum CeilingDecision: Sendable, Equatable {
    /// Granted: the totals after it.
    case grant(after: MacroCeiling)
    /// Refused, with the code and why.
    case refuse(code: ErrorCode, reason: String)

    /// Where a request of `nza decide --all` stood in the allocation ranking: its place among
    /// the pending requests decided in the run.
    public struct Turn: Sendable, Equatable {
        public let rank: Int
        public let of: Int
        public init(rank: Int, of: Int) { self.rank = rank; self.of = of }
    }

    /// The decision on a request of `bovengrens` under `ceiling`, on `today`; `turn` when it is
    /// decided in the ranking (`decide --all`): a refusal then gives the room left at its turn and
    /// its rank (a newcomer's try: every refusal of a run named the room left at its end, and
    /// the analyst could not explain why a smaller request ranked lower was granted).
    public init(_ bovengrens: Money, under ceiling: MacroCeiling, on today: Day, turn: Turn? = nil) {
        if today > SpendingPeriod.lastDay {
            self = .refuse(code: .period, reason: "no beschikking is granted after the spending period 2027–2029 (it ended \(SpendingPeriod.lastDay))")
        } else if let after = ceiling.granting(bovengrens) {
            self = .grant(after: after)
        } else if let turn {
            self = .refuse(code: .ceiling, reason: "bovengrens \(bovengrens) does not fit the \(ceiling.remaining) left under the macro ceiling at its turn: rank \(turn.rank) of the \(turn.of) requests decided by the allocation ranking" + (turn.rank < turn.of ? " (a smaller request ranked after it may still fit)" : ""))
        } else {
            self = .refuse(code: .ceiling, reason: "bovengrens \(bovengrens) does not fit the \(ceiling.remaining) left under the macro ceiling")
        }
    }
}

extension CeilingDecision {
    /// The note after a single decision when the requests still pending ask more than the room
    /// left: decided one at a time they take the room in the order they are decided, not in the
    /// allocation ranking that `decide --all` follows (a newcomer's try: the lowest-ranked
    /// request decided alone pushed out a better-ranked one, without a word). Nil when they fit.
    public static func rankingNote(pending: Money, remaining: Money) -> String? {
        guard pending > remaining else { return nil }
        return "note: the requests still pending ask \(pending.dutch), more than the \(remaining.dutch) left under the macro ceiling: decided one at a time, they take the room in the order you decide them, not in the allocation ranking (`doorbraak nza decide --all` decides by the ranking)"
    }
}

/// What `nza decide --all` decides before it writes anything (issue 21): the pending requests in
/// the allocation ranking, each decided by `CeilingDecision` under the room the requests ranked
/// before it left. Which requests are granted is the ranking's; the order they are written in is
/// not: first every grant, then every refusal, each part in the register's key order (so that a
/// batch of decisions writes neighbouring rows, not rows all over the file).
/// Written in that order, each decision is again `CeilingDecision` on the kept totals of its own
/// transaction: every grant fits at every commit (the grants committed are some of the plan's,
/// which fit together), and every refusal is written once all the plan's grants are committed,
/// when it does not fit the room they leave (which is no larger than the room it was refused
/// under in the ranking).
public struct DecisionPlan: Sendable, Equatable {
    /// The requests granted, in key order.
    public let grants: [String]
    /// The requests refused, in key order.
    public let refusals: [String]
    /// Why each refused request was refused at its turn in the ranking (the room then, its rank).
    public let reasons: [String: String]

    /// The plan for `ranked` (highest first, with their bovengrenzen) under the kept totals
    /// `ceiling`, on `today`.
    public init(ranked: [(id: String, bovengrens: Money)], under ceiling: MacroCeiling, on today: Day) {
        var room = ceiling
        var grants: [String] = [], refusals: [String] = [], reasons: [String: String] = [:]
        for (index, request) in ranked.enumerated() {
            switch CeilingDecision(request.bovengrens, under: room, on: today, turn: CeilingDecision.Turn(rank: index + 1, of: ranked.count)) {
            case .grant(let after):
                grants.append(request.id)
                room = after
            case .refuse(_, let reason):
                refusals.append(request.id)
                reasons[request.id] = reason
            }
        }
        self.grants = grants.sorted(by: DecisionPlan.keyOrder)
        self.refusals = refusals.sorted(by: DecisionPlan.keyOrder)
        self.reasons = reasons
    }

    /// The order the decisions are written in: the grants, then the refusals.
    public var writeOrder: [String] { grants + refusals }

    /// The register's order of keys: SQLite compares text keys byte by byte.
    static func keyOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
