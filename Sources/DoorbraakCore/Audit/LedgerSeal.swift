/// The kept totals of the ledger row as a money-moving audit event carries them (SPEC §3.9).
///
/// Why a seal in the audit event, and not a second copy of the totals in another row: a second
/// row is edited as easily as the first (`sqlite3` changes both in one statement), but the
/// event is covered by the hash chain, so a seal can only be changed by rewriting the chain
/// from that event on — which `audit verify` catches against any anchor taken before
/// (`audit head`). Every change to the ledger totals appends an event with the totals after
/// it, so the newest sealed event must equal the ledger row at every commit. Finding that
/// event is one index lookup per action (`max(seq)` on `audit_event(action, seq)`), so the
/// check before money moves costs the same at 100 and at 100,000 beschikkingen.
public struct LedgerSeal: Sendable, Equatable {
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

    /// The actions whose events carry a seal: every one that changes a ledger total.
    public static let sealedActions = ["init", "nza-request", "nza-decide", "payout", "release", "final", "withdraw"]

    /// The marker that starts a seal inside an event's after-text.
    static let marker = " [ledger "

    /// An amount in a seal: Dutch notation without the euro sign (`600.000.000,00`), as people
    /// read the audit trail; the parser also takes the machine form (`600000000.00`).
    static func number(_ money: Money) -> String { (money.cents < 0 ? "-" : "") + Money.dutchNumber(money.cents.magnitude) }

    /// ` [ledger ceiling=… granted=… released=… pending=… paid=…]`, appended to an after-text.
    public var text: String {
        "\(LedgerSeal.marker)ceiling=\(LedgerSeal.number(ceiling)) granted=\(LedgerSeal.number(granted)) released=\(LedgerSeal.number(released)) pending=\(LedgerSeal.number(pending)) paid=\(LedgerSeal.number(paid))]"
    }

    /// The seal at the end of an event's after-text, or nil when it carries none.
    public init?(eventText: String) {
        let bytes = Array(eventText.utf8), marker = Array(LedgerSeal.marker.utf8)
        guard bytes.last == 0x5D, bytes.count > marker.count,
              let start = (0...(bytes.count - marker.count)).reversed().first(where: { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }) else { return nil }
        let body = String(decoding: bytes[(start + marker.count)..<(bytes.count - 1)], as: UTF8.self)
        var values: [String: Money] = [:]
        for part in body.split(separator: " ") {
            let pair = part.split(separator: "=", maxSplits: 1)
            let style: DecimalText.Style = pair.count == 2 && pair[1].contains(",") ? .dutch : .point
            guard pair.count == 2, let cents = try? DecimalText.parse(String(pair[1]), decimals: 2, style: style) else { return nil }
            values[String(pair[0])] = Money(cents: cents)
        }
        guard let ceiling = values["ceiling"], let granted = values["granted"], let released = values["released"],
              let pending = values["pending"], let paid = values["paid"], values.count == 5 else { return nil }
        self.init(ceiling: ceiling, granted: granted, released: released, pending: pending, paid: paid)
    }

    /// Granted minus released.
    public var committed: Money { granted - released }

    /// Each total of `self` (kept) that differs from `other`, named `ledger.<total>`.
    public func differences(from other: LedgerSeal, source: String) -> [TotalDifference] {
        let pairs: [(String, Money, Money)] = [
            ("ledger.ceiling", ceiling, other.ceiling), ("ledger.granted", granted, other.granted),
            ("ledger.released", released, other.released), ("ledger.pending", pending, other.pending),
            ("ledger.paid", paid, other.paid),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { TotalDifference(total: $0.0, kept: $0.1, recounted: $0.2, source: source) }
    }
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

/// The cheap check before money moves (SPEC §3.6, ARCHITECTURE "kept totals are a cache"):
/// the ceiling setting is within the program's €600 mln, and the kept totals agree with the
/// newest seal in the audit chain and with the per-theme totals kept beside them.
public enum KeptTotalsGuard {
    /// Throws E-CEILING-SETTING when the ceiling setting exceeds `Money.maximum` or committed
    /// exceeds it, and E-LEDGER naming each total that disagrees. `sealed` is nil for a database
    /// whose money events predate seals (nothing to compare with).
    public static func check(kept: LedgerSeal, sealed: LedgerSeal?, themeGranted: Money, themeReleased: Money) throws(DoorbraakError) {
        if kept.ceiling > Money.maximum || kept.ceiling <= .zero {
            throw DoorbraakError(.ceilingSetting, "the ceiling setting in the database is \(kept.ceiling), above the \(Money.maximum) the program allows; it is refused, not trusted (run `doorbraak audit verify`)")
        }
        var differences = sealed.map { kept.differences(from: $0, source: "events") } ?? []
        if themeGranted != kept.granted {
            differences.append(TotalDifference(total: "ledger.granted", kept: kept.granted, recounted: themeGranted, source: "theme totals"))
        }
        if themeReleased != kept.released {
            differences.append(TotalDifference(total: "ledger.released", kept: kept.released, recounted: themeReleased, source: "theme totals"))
        }
        if !differences.isEmpty {
            throw DoorbraakError(.ledger, "the kept totals disagree with the audit chain, so no money moves: "
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
