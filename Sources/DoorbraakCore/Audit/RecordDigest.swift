/// The digest that binds a stored record (a claim, a cost line) to the audit event that recorded
/// it: ` [claim CL-1 sha256 <hex>]` in the event's text. The event is hash-chained, so a record
/// edited afterwards — an amount, a payer, a date — no longer matches its event, even when every
/// kept total was edited along with it; `audit verify` recomputes the digest from the row.
public struct RecordDigest: Sendable, Equatable {
    /// `claim` or `line`.
    public var kind: String
    /// The record's id.
    public var id: String
    /// Hex SHA-256 of the record's canonical content.
    public var sha256: String

    /// The digest of `content` under `kind` and `id`.
    public init(kind: String, id: String, content: String) {
        self.kind = kind
        self.id = id
        self.sha256 = SHA256.hex(content)
    }

    /// ` [claim CL-1 sha256 …]`, appended to an event's text.
    public var text: String { " [\(kind) \(id) sha256 \(sha256)]" }

    /// The digest of `kind` in an event's text, or nil.
    public init?(kind: String, eventText: String) {
        let bytes = Array(eventText.utf8), marker = Array(" [\(kind) ".utf8)
        guard bytes.count > marker.count,
              let start = (0...(bytes.count - marker.count)).first(where: { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }),
              let end = bytes[(start + marker.count)...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
        let parts = String(decoding: bytes[(start + marker.count)..<end], as: UTF8.self).split(separator: " ")
        guard parts.count == 3, parts[1] == "sha256", parts[2].count == 64 else { return nil }
        self.kind = kind
        self.id = String(parts[0])
        self.sha256 = String(parts[2])
    }
}
