import DoorbraakCore
import Foundation
import Testing

/// A NIST / FIPS 180-4 example message and its expected digest.
struct SHA256Vector: Sendable, CustomTestStringConvertible {
    let name: String
    let message: String
    let digest: String

    var testDescription: String { name }
}

/// Lowercase hex of a byte array.
func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}

@Suite("SHA256")
struct SHA256Tests {
    static let nistVectors: [SHA256Vector] = [
        SHA256Vector(
            name: "empty",
            message: "",
            digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        SHA256Vector(
            name: "abc",
            message: "abc",
            digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        SHA256Vector(
            name: "448-bit",
            message: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        SHA256Vector(
            name: "896-bit",
            message: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        SHA256Vector(
            name: "one million a",
            message: String(repeating: "a", count: 1_000_000),
            digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]

    @Test("NIST test vectors", arguments: nistVectors)
    func nistVector(_ vector: SHA256Vector) {
        #expect(SHA256.hex(vector.message) == vector.digest)
        #expect(hexString(SHA256.hash(Array(vector.message.utf8))) == vector.digest)

        var hasher = SHA256()
        hasher.update(vector.message)
        let digest = hasher.finalize()
        #expect(digest.count == 32)
        #expect(hexString(digest) == vector.digest)
    }

    /// Expected digests (from Python hashlib) of n bytes of "a" around the padding boundaries.
    static let paddingBoundaries: [(Int, String)] = [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    ]

    @Test("Padding boundaries", arguments: paddingBoundaries)
    func paddingBoundary(length: Int, expected: String) {
        #expect(SHA256.hex(String(repeating: "a", count: length)) == expected)
        #expect(hexString(SHA256.hash([UInt8](repeating: 0x61, count: length))) == expected)
    }

    /// A 1000-byte message with varied byte values.
    static let chunkMessage: [UInt8] = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }

    @Test("Chunked updates match a single update", arguments: [1, 3, 63, 64, 65])
    func chunked(size: Int) {
        let message = Self.chunkMessage
        let expected = SHA256.hash(message)

        // Contiguous chunks (ArraySlice).
        var contiguous = SHA256()
        var start = 0
        while start < message.count {
            let end = min(start + size, message.count)
            contiguous.update(message[start..<end])
            start = end
        }
        #expect(contiguous.finalize() == expected)

        // Non-contiguous chunks (lazy map sequences) take the generic path.
        var generic = SHA256()
        start = 0
        while start < message.count {
            let end = min(start + size, message.count)
            generic.update((start..<end).lazy.map { message[$0] })
            start = end
        }
        #expect(generic.finalize() == expected)
    }

    @Test("Empty updates change nothing")
    func emptyUpdates() {
        var hasher = SHA256()
        hasher.update([UInt8]())
        hasher.update("ab")
        hasher.update("")
        hasher.update([UInt8]())
        hasher.update([0x63] as [UInt8])
        #expect(hexString(hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

/// The two block functions (the CPU's SHA instructions and the portable Swift one) give the same
/// digests: the FIPS vectors on each path, then random messages of every length from 0 to 300
/// bytes fed in uneven pieces, so every split of a block between calls is taken.
@Suite("SHA256 paths")
struct SHA256PathTests {
    @Test("FIPS vectors on the portable path", arguments: SHA256Tests.nistVectors)
    func portablePath(_ vector: SHA256Vector) {
        var hasher = SHA256(portable: true)
        hasher.update(vector.message)
        #expect(hexString(hasher.finalize()) == vector.digest)
    }

    @Test func bothPathsAgreeOnEveryLengthAndSplit() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...300 {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var portable = SHA256(portable: true)
            var usual = SHA256()
            var offset = 0
            while offset < length {
                let piece = min(length - offset, Int.random(in: 1...130, using: &generator))
                portable.update(message[offset..<(offset + piece)])
                usual.update(message[offset..<(offset + piece)])
                offset += piece
            }
            #expect(portable.finalize() == usual.finalize(), "length \(length)")
        }
    }

    /// Says which path this machine takes, so a run on a CPU without SHA instructions is visible.
    @Test func theHardwarePathIsTakenWhereTheCPUHasIt() throws {
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        if flags.contains(" sha_ni") { #expect(SHA256.hardware) }
    }
}
