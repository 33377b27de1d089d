/// Keys noted so far (the line ids a costs import stored), in a fixed 1 MB whatever their number (SPEC §6: memory under 64 MB):
/// it may say "seen" of a key it never saw (that key is then looked up in the database, as any
/// other), never the other way round.
public struct SeenKeys: Sendable {
    private static let bits = 1 << 23
    private var words = [UInt64](repeating: 0, count: SeenKeys.bits / 64)

    public init() {}

    /// Notes `key`.
    public mutating func insert(_ key: String) {
        let slot = SeenKeys.slot(key)
        words[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    /// Whether `key` may have been noted (false: it was not).
    public func mayContain(_ key: String) -> Bool {
        let slot = SeenKeys.slot(key)
        return words[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    /// FNV-1a over the key's bytes, folded to the table's size.
    private static func slot(_ key: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: (hash ^ (hash >> 32)) & UInt64(SeenKeys.bits - 1))
    }
}
