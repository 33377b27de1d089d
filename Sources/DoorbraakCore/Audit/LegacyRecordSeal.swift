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
        let bytes = Array(eventText.utf8), marker = Array(" [\(kind) ".utf8)
        guard bytes.count > marker.count,
              let start = (0...(bytes.count - marker.count)).first(where: { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }),
              let end = bytes[(start + marker.count)...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
        let parts = String(decoding: bytes[(start + marker.count)..<end], as: UTF8.self).split(separator: " ")
        guard parts.count == 3, parts[1] == "sha256", parts[2].utf8.count == 64 else { return nil }
        self.kind = kind
        self.id = String(parts[0])
        self.sha256 = String(parts[2])
    }
}
