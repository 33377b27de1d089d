/// The seal with which a database from before the row bindings (schema version 10 and older)
/// bound a stored record — a claim or a cost line — to the event that recorded it:
/// ` [claim CL-1 sha256 <hex>]` or ` [line KL-1 sha256 <hex>]` in the event's text, the SHA-256
/// of the record's canonical content (`Claim.contentKey`, `CostLine.canonicalContent`). The
/// events are hash-chained, so a record edited afterwards no longer matches its seal. The upgrade
/// checks every such record before it binds the rows as they stand: the old chain proved them, so
/// the new one must not take an edit of them as doorbraak's own (an attacker's review).
public struct LegacyRecordSeal: Sendable, Equatable {
    /// `claim` or `line`.
    public var kind: String
    /// The record's id.
    public var id: String
    /// Hex SHA-256 of the record's canonical content.
    public var sha256: String

    /// The seal of `content` under `kind` and `id`.
    public init(kind: String, id: String, content: String) {
        self.kind = kind
        self.id = id
        self.sha256 = SHA256.hex(content)
    }

    /// The seal of `kind` in an event's text, or nil.
    public init?(kind: String, eventText: String) {
        guard let body = LegacyRecordSeal.body(after: " [\(kind) ", in: eventText, last: false) else { return nil }
        let parts = body.split(separator: " ")
        guard parts.count == 3, parts[1] == "sha256", parts[2].utf8.count == 64 else { return nil }
        self.kind = kind
        self.id = String(parts[0])
        self.sha256 = String(parts[2])
    }

    /// The text between `marker` and the next `]` in `text` (`last`: the marker's last
    /// occurrence, and the `]` that ends the text), or nil.
    static func body(after marker: String, in text: String, last: Bool) -> String? {
        let bytes = Array(text.utf8), marker = Array(marker.utf8)
        guard bytes.count > marker.count, !last || bytes.last == UInt8(ascii: "]") else { return nil }
        let starts = 0...(bytes.count - marker.count)
        let found = { (i: Int) in bytes[i..<(i + marker.count)].elementsEqual(marker) }
        guard let start = last ? starts.reversed().first(where: found) : starts.first(where: found) else { return nil }
        let end = last ? bytes.count - 1 : bytes[(start + marker.count)...].firstIndex(of: UInt8(ascii: "]"))
        guard let end else { return nil }
        return String(decoding: bytes[(start + marker.count)..<end], as: UTF8.self)
    }
}

/// The kept totals a money event of a database from before the row bindings carried at the end
/// of its text: ` [ledger ceiling=600.000.000,00 granted=… released=… pending=… paid=…]`. The
/// newest such event must agree with the ledger row; the upgrade checks it before it binds the
/// row as it stands (an attacker's review: a ceiling lowered, or a bovengrens raised together
/// with every total, in a version-10 file was bound by the upgrade and passed ever after).
public struct LegacyLedgerSeal: Sendable, Equatable {
    /// The totals in the order the seal names them: ceiling, granted, released, pending, paid.
    public var totals: [(name: String, amount: Money)]

    public static func == (a: LegacyLedgerSeal, b: LegacyLedgerSeal) -> Bool {
        a.totals.map(\.name) == b.totals.map(\.name) && a.totals.map(\.amount) == b.totals.map(\.amount)
    }

    /// The names of the sealed totals, as the ledger's columns are named without `_cents`.
    public static let names = ["ceiling", "granted", "released", "pending", "paid"]

    /// The actions whose events carried a seal: every one that changed a ledger total.
    public static let sealedActions = ["init", "nza-request", "nza-decide", "payout", "release", "final", "withdraw"]

    /// The seal at the end of an event's text, or nil when it carries none.
    public init?(eventText: String) {
        guard let body = LegacyRecordSeal.body(after: " [ledger ", in: eventText, last: true) else { return nil }
        var values: [String: Money] = [:]
        for part in body.split(separator: " ") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let cents = try? DecimalText.parse(String(pair[1]), decimals: 2, style: pair[1].contains(",") ? .dutch : .point) else { return nil }
            values[String(pair[0])] = Money(cents: cents)
        }
        guard values.count == LegacyLedgerSeal.names.count else { return nil }
        var totals: [(name: String, amount: Money)] = []
        for name in LegacyLedgerSeal.names {
            guard let amount = values[name] else { return nil }
            totals.append((name, amount))
        }
        self.totals = totals
    }
}
