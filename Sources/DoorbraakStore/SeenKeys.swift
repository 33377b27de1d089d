/// Keys noted so far (the line ids a costs import stored), in a fixed 1 MB whatever their number (SPEC §6: memory under 64 MB):
/// it may say "seen" of a key it never saw (that key is then looked up in the database, as any
/// other), never the other way round.
struct SeenKeys: Sendable {
    private static let bits = 1 << 23
    /// Allocated at the first key: every store holds a few of these, and zeroing 1 MB each at
    /// every open was 5% of a costs import (issue 21).
    private var words: [UInt64] = []

    /// Notes `key`.
    mutating func insert(_ key: String) {
        if words.isEmpty { words = [UInt64](repeating: 0, count: SeenKeys.bits / 64) }
        let slot = SeenKeys.slot(key)
        words[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    /// Whether `key` may have been noted (false: it was not).
    func mayContain(_ key: String) -> Bool {
        guard !words.isEmpty else { return false }
        let slot = SeenKeys.slot(key)
        return words[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    /// The key's hash, folded to the table's size.
    private static func slot(_ key: String) -> Int {
        let hash = SeenKeys.hash(key)
        return Int(truncatingIfNeeded: (hash ^ (hash >> 32)) & UInt64(SeenKeys.bits - 1))
    }

    /// FNV-1a over the key's bytes (also the hash of `StoredAlikeKeys`): fast, not meant to
    /// withstand a chosen collision, which only makes a key be looked up.
    static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Over the contiguous bytes (a key read from a file is native UTF-8): `key.utf8` decoded
        // them one at a time, 1% of a monitoring import's writer (callgrind).
        var key = key
        key.withUTF8 { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return hash
    }
}
