/// The kept totals of the ledger row (SPEC §3.6). The row is bound to the audit chain like any
/// other (`row_binding`), and checked against its recount from the beschikkingen before money
/// moves (`KeptTotalsGuard`); earlier versions sealed these totals into the event text.
public struct LedgerTotals: Sendable, Equatable {
    /// The macro ceiling setting.
    public var ceiling: Money
    /// Sum of the granted bovengrenzen as granted.
    public var granted: Money
    /// What amendments lowered them by.
    public var released: Money
    /// Sum of the proposed bovengrenzen of undecided requests.
    public var pending: Money
    /// Paid on reached milestones.
    public var paid: Money

    /// The totals at one moment.
    public init(ceiling: Money, granted: Money, released: Money, pending: Money, paid: Money) {
        self.ceiling = ceiling
        self.granted = granted
        self.released = released
        self.pending = pending
        self.paid = paid
    }

    /// Granted minus released.
    public var committed: Money { granted - released }
}

/// A kept total that differs from what the rows or the audit events say.
public struct TotalDifference: Sendable, Equatable, CustomStringConvertible {
    /// Which total: `ledger.granted`, `theme.ai.released`, `year.2027.granted`, `beschikking.DBM-1.paid`.
    public var total: String
    /// As kept.
    public var kept: Money
    /// As recounted.
    public var recounted: Money
    /// Where the recount comes from: `rows` or `events`.
    public var source: String

    /// A difference.
    public init(total: String, kept: Money, recounted: Money, source: String) {
        self.total = total
        self.kept = kept
        self.recounted = recounted
        self.source = source
    }

    /// `ledger.granted: kept € …, recounted from the rows € …`.
    public var description: String {
        "\(total): kept \(kept.dutch), recounted from the \(source) \(recounted.dutch)"
    }
}

/// A broken invariant found by `audit verify`.
public struct InvariantFinding: Sendable, Equatable, CustomStringConvertible {
    /// Which rule: `ceiling-setting`, `committed-ceiling`, `paid-released-bovengrens`, `tariffs-bovengrens`,
    /// `milestone-paid-twice`, `milestone-claim`, `status`.
    public var rule: String
    /// What it is about: `ledger`, an application id.
    public var subject: String
    /// What is wrong, for people.
    public var message: String

    /// A finding.
    public init(rule: String, subject: String, message: String) {
        self.rule = rule
        self.subject = subject
        self.message = message
    }

    /// `rule subject: message`.
    public var description: String { "\(rule) \(subject): \(message)" }
}

/// The check before money moves (SPEC §3.6, §3.9): the ceiling setting is within the program's
/// €600 mln, and the kept totals agree with their recount from the beschikkingen and with the
/// per-theme totals kept beside them.
public enum KeptTotalsGuard {
    /// Throws E-CEILING-SETTING when the ceiling setting exceeds `Money.maximum` or committed
    /// exceeds it, and E-LEDGER naming each total that disagrees.
    public static func check(kept: LedgerTotals, recountedCommitted: Money, recountedPending: Money, themeGranted: Money, themeReleased: Money) throws(DoorbraakError) {
        if kept.ceiling > Money.maximum || kept.ceiling <= .zero {
            throw DoorbraakError(.ceilingSetting, "the ceiling setting in the database is \(kept.ceiling), above the \(Money.maximum) the program allows; it is refused, not trusted (run `doorbraak audit verify`)")
        }
        var differences: [TotalDifference] = []
        if kept.committed != recountedCommitted {
            differences.append(TotalDifference(total: "ledger.committed", kept: kept.committed, recounted: recountedCommitted, source: "current bovengrenzen"))
        }
        if kept.pending != recountedPending {
            differences.append(TotalDifference(total: "ledger.pending", kept: kept.pending, recounted: recountedPending, source: "pending requests"))
        }
        if themeGranted != kept.granted {
            differences.append(TotalDifference(total: "ledger.granted", kept: kept.granted, recounted: themeGranted, source: "theme totals"))
        }
        if themeReleased != kept.released {
            differences.append(TotalDifference(total: "ledger.released", kept: kept.released, recounted: themeReleased, source: "theme totals"))
        }
        if !differences.isEmpty {
            throw DoorbraakError(.ledger, "the kept totals disagree with the rows, so no money moves: "
                                 + differences.map(\.description).joined(separator: "; ") + "; run `doorbraak audit verify`")
        }
        if kept.committed > kept.ceiling {
            throw DoorbraakError(.ceilingSetting, "committed \(kept.committed) exceeds the ceiling \(kept.ceiling); run `doorbraak audit verify`")
        }
    }
}

/// An anchor of the audit chain kept outside the database: `<n>:<hex hash>` (SPEC §5.3 `audit head`).
public struct ChainAnchor: Sendable, Equatable, CustomStringConvertible {
    /// How many events the chain held.
    public var events: Int64
    /// The hash of event `events` (64 zeros for an empty chain).
    public var hash: String

    /// An anchor.
    public init(events: Int64, hash: String) {
        self.events = events
        self.hash = hash
    }

    /// Parses `<n>:<64 lowercase hex>`; anything else is E-USAGE.
    public init(parsing text: String) throws(DoorbraakError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int64(parts[0]), n >= 0, parts[1].utf8.count == 64,
              parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw DoorbraakError(.usage, "--head takes the string `audit head` printed: <events>:<64 hex digits>, not \"\(text.prefix(80))\"", field: "--head")
        }
        self.init(events: n, hash: String(parts[1]))
    }

    /// `<n>:<hash>`.
    public var description: String { "\(events):\(hash)" }
}

extension ErrorCode {
    /// The ceiling setting found in the database exceeds €600 mln, or committed exceeds it.
    public static let ceilingSetting = ErrorCode("E-CEILING-SETTING", .refused)
    /// The kept totals disagree with the audit chain or with each other.
    public static let ledger = ErrorCode("E-LEDGER", .refused)
}
