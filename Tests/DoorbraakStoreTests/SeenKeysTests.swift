@testable import DoorbraakStore
import Testing

/// `SeenKeys` is allocated at its first key (issue 21): until then it has seen nothing, and
/// from then on it never denies a key it noted.
@Suite struct SeenKeysTests {
    @Test func anEmptyOneHasSeenNothing() {
        let keys = SeenKeys()
        #expect(!keys.mayContain("C-1"))
        #expect(!keys.mayContain(""))
    }

    @Test func everyNotedKeyIsSeenAndAnUnnotedOneMostlyNot() {
        var keys = SeenKeys()
        keys.insert("")
        #expect(keys.mayContain(""))
        let noted = (0..<5_000).map { "CL-\($0)" }
        for key in noted { keys.insert(key) }
        #expect(noted.allSatisfy(keys.mayContain))
        // 5,001 bits of 8,388,608: a key never noted is seen by chance about once in 1,700.
        let others = (0..<5_000).map { "other-\($0)" }.filter(keys.mayContain)
        #expect(others.count < 50)
    }

    /// The hash is FNV-1a over the key's UTF-8 bytes, read in place: the same as over `utf8`,
    /// for small, long, non-ASCII and sliced keys (also the hash of `StoredAlikeKeys`).
    @Test func theHashIsFNVOverTheKeysBytes() {
        func reference(_ key: String) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
        let long = String(repeating: "K-é€-", count: 40)
        for key in ["", "C-1", "é", "DBM-2026-000001\u{1F}2027-12-31", long, String(long.dropFirst(3)), String(Substring("xx-CL-77").dropFirst(3))] {
            #expect(SeenKeys.hash(key) == reference(key), "\(key)")
        }
        #expect(SeenKeys.hash("") == 0xcbf2_9ce4_8422_2325)
    }
}
