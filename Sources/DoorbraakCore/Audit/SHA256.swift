import CSHA256

/// SHA-256 (FIPS 180-4) for the audit chain; no system crypto library is linked. The block
/// function runs on the CPU's SHA instructions where it has them (`CSHA256`, x86 SHA
/// extensions), else in Swift below; tests hold both to the same digests.
public struct SHA256: Sendable {
    /// Whether this CPU hashes blocks with its SHA instructions.
    public static let hardware = csha256_hardware_available() == 1

    /// The eight 32-bit working hash words H0...H7.
    private struct State: Sendable {
        var h0: UInt32 = 0x6a09_e667
        var h1: UInt32 = 0xbb67_ae85
        var h2: UInt32 = 0x3c6e_f372
        var h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f
        var h5: UInt32 = 0x9b05_688c
        var h6: UInt32 = 0x1f83_d9ab
        var h7: UInt32 = 0x5be0_cd19

        /// Processes the whole 64-byte blocks of `blocks`, on the CPU's SHA instructions when `hardware`.
        mutating func compress(blocks: UnsafeRawBufferPointer, hardware: Bool) {
            let count = blocks.count / 64
            guard count > 0 else { return }
            if hardware, let base = blocks.baseAddress {
                var words = (h0, h1, h2, h3, h4, h5, h6, h7)
                withUnsafeMutablePointer(to: &words) { tuple in
                    tuple.withMemoryRebound(to: UInt32.self, capacity: 8) { csha256_blocks($0, base.assumingMemoryBound(to: UInt8.self), count) }
                }
                (h0, h1, h2, h3, h4, h5, h6, h7) = words
                return
            }
            for block in 0..<count { compress(UnsafeRawBufferPointer(rebasing: blocks[(block &* 64)..<(block &* 64 &+ 64)])) }
        }

        /// Processes one 64-byte block; `block` must hold at least 64 bytes.
        mutating func compress(_ block: UnsafeRawBufferPointer) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                for t in 0..<16 {
                    w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                }
                for t in 16..<64 {
                    let x = w[t &- 15]
                    let y = w[t &- 2]
                    let s0 = SHA256.rotr(x, 7) ^ SHA256.rotr(x, 18) ^ (x &>> 3)
                    let s1 = SHA256.rotr(y, 17) ^ SHA256.rotr(y, 19) ^ (y &>> 10)
                    w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
                }

                var a = h0, b = h1, c = h2, d = h3
                var e = h4, f = h5, g = h6, h = h7

                SHA256.roundConstants.withUnsafeBufferPointer { k in
                    for t in 0..<64 {
                        let bigS1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = h &+ bigS1 &+ ch &+ k[t] &+ w[t]
                        let bigS0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = bigS0 &+ maj
                        h = g
                        g = f
                        f = e
                        e = d &+ t1
                        d = c
                        c = b
                        b = a
                        a = t1 &+ t2
                    }
                }

                h0 = h0 &+ a
                h1 = h1 &+ b
                h2 = h2 &+ c
                h3 = h3 &+ d
                h4 = h4 &+ e
                h5 = h5 &+ f
                h6 = h6 &+ g
                h7 = h7 &+ h
            }
        }
    }

    /// The 64 round constants K0...K63.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// Rotates `x` right by `n` bits (0 < n < 32).
    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x &>> n) | (x &<< (32 &- n))
    }

    /// The running hash words.
    private var state = State()
    /// Fixed 64-byte block buffer for a partial block (eight UInt64 words, no heap storage).
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Number of bytes currently held in `buffer` (always < 64 between calls).
    private var bufferCount = 0
    /// Total number of message bytes absorbed so far.
    private var totalLength: UInt64 = 0

    /// Whether this hasher uses the CPU's SHA instructions.
    private let hardware: Bool

    /// Creates a hasher in the FIPS 180-4 initial state.
    public init() { hardware = SHA256.hardware }

    /// A hasher that never uses the CPU's SHA instructions (for tests of the portable path).
    public init(portable: Bool) { hardware = portable ? false : SHA256.hardware }

    /// Feeds bytes into the hash; may be called repeatedly with any chunking.
    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { chunk in
            absorb(UnsafeRawBufferPointer(chunk))
        }
        if handled != nil { return }

        // Slow path for non-contiguous sequences: stage bytes in a fixed stack chunk.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { staging in
            var count = 0
            for byte in bytes {
                staging[count] = byte
                count &+= 1
                if count == staging.count {
                    absorb(UnsafeRawBufferPointer(staging))
                    count = 0
                }
            }
            if count > 0 {
                absorb(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: staging[0..<count])))
            }
        }
    }

    /// Feeds raw bytes into the hash (a buffer SQLite holds, without copying it first).
    public mutating func update(raw bytes: UnsafeRawBufferPointer) {
        absorb(bytes)
    }

    /// Feeds the UTF-8 bytes of `text` into the hash.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { absorb(UnsafeRawBufferPointer($0)) }
    }

    /// Applies padding and returns the 32-byte digest.
    public consuming func finalize() -> [UInt8] {
        let bitLength = totalLength &* 8
        let padCount = bufferCount < 56 ? 56 &- bufferCount : 120 &- bufferCount
        var trailer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                       UInt64(0))
        withUnsafeMutableBytes(of: &trailer) { raw in
            raw[0] = 0x80
            raw.storeBytes(of: bitLength.bigEndian, toByteOffset: padCount, as: UInt64.self)
            absorb(UnsafeRawBufferPointer(rebasing: raw[0..<(padCount &+ 8)]))
        }

        let words = [state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7]
        var digest = [UInt8]()
        digest.reserveCapacity(32)
        for word in words {
            digest.append(UInt8(truncatingIfNeeded: word &>> 24))
            digest.append(UInt8(truncatingIfNeeded: word &>> 16))
            digest.append(UInt8(truncatingIfNeeded: word &>> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// Returns the 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Returns the lowercase hex SHA-256 digest of the UTF-8 bytes of `text`.
    public static func hex(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finalizeHex()
    }

    /// Returns the lowercase hex SHA-256 digest of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// Applies padding and returns the digest as 64 lowercase hex digits.
    public consuming func finalizeHex() -> String {
        let digest = finalize()
        return String(unsafeUninitializedCapacity: 64) { SHA256.writeHex(digest, into: $0) }
    }

    /// Applies padding and returns the digest as the UTF-8 bytes of 64 lowercase hex digits (to
    /// compare with a stored hash in place).
    public consuming func finalizeHexBytes() -> [UInt8] {
        let digest = finalize()
        return [UInt8](unsafeUninitializedCapacity: 64) { out, count in count = SHA256.writeHex(digest, into: out) }
    }

    /// Writes `digest` as lowercase hex digits into `out`; returns how many.
    private static func writeHex(_ digest: [UInt8], into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let digits: StaticString = "0123456789abcdef"
        let table = digits.utf8Start
        for (i, byte) in digest.enumerated() {
            out[2 &* i] = table[Int(byte &>> 4)]
            out[2 &* i &+ 1] = table[Int(byte & 0x0f)]
        }
        return 2 &* digest.count
    }

    /// Absorbs raw bytes: tops up the partial block, hashes whole blocks in place, buffers the rest.
    private mutating func absorb(_ input: UnsafeRawBufferPointer) {
        let count = input.count
        guard count > 0 else { return }
        totalLength &+= UInt64(count)
        var index = 0

        if bufferCount > 0 {
            let take = Swift.min(64 &- bufferCount, count)
            let start = bufferCount
            withUnsafeMutableBytes(of: &buffer) { dst in
                UnsafeMutableRawBufferPointer(rebasing: dst[start..<(start &+ take)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: input[0..<take]))
            }
            bufferCount &+= take
            index = take
            if bufferCount < 64 { return }
            let hardware = hardware
            withUnsafeBytes(of: &buffer) { state.compress(blocks: $0, hardware: hardware) }
            bufferCount = 0
        }

        let whole = (count &- index) & ~63
        if whole > 0 {
            state.compress(blocks: UnsafeRawBufferPointer(rebasing: input[index..<(index &+ whole)]), hardware: hardware)
            index &+= whole
        }

        let remaining = count &- index
        if remaining > 0 {
            withUnsafeMutableBytes(of: &buffer) { dst in
                UnsafeMutableRawBufferPointer(rebasing: dst[0..<remaining])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: input[index..<count]))
            }
            bufferCount = remaining
        }
    }
}
