/// A status the register keeps as text (an application's, a milestone's), mapped to its enum
/// once, where a row is read.
public protocol KeptStatus: RawRepresentable, Sendable, CaseIterable, CustomStringConvertible where RawValue == String {
    /// What the status is of (`application`, `milestone`), in a refusal.
    static var subject: String { get }
}

extension KeptStatus {
    /// The status a kept row of `id` holds, `E-LEDGER` for text doorbraak never writes (the
    /// schema's CHECK holds it, so only an edit outside doorbraak with that check switched off).
    public init(kept text: String, of id: String) throws(DoorbraakError) {
        guard let status = Self(rawValue: text) else {
            throw DoorbraakError(.ledger, "\(Self.subject) \(id) has the status \"\(text)\", which doorbraak never writes; the database was changed outside doorbraak: its administrator finds every such row with `doorbraak audit verify`")
        }
        self = status
    }

    /// The raw value, as the register and the CLI write it.
    public var description: String { rawValue }
}
