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
}
