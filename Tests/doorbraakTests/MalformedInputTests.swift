import DoorbraakCore
import Foundation
import Testing

/// The malformed-input suite: seeded mutations of valid files for every importer and for
/// `application check`. Never exit 70 or a signal, never a hang; an all-or-nothing import that
/// fails leaves the database byte for byte unchanged. Full (1,000 mutations each):
/// `DOORBRAAK_LONG_TESTS=1 swift test --filter MalformedInputTests`.
@Suite(.serialized) struct MalformedInputTests {
    /// One seeded mutation of `bytes`.
    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = bytes
        let hostile: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0], [0xFF, 0xFE], [0x22], [0x2C], [0x3B], [0x0D], [0x0A], Array("\u{202E}".utf8),
                                  Array("-1".utf8), Array("1e9".utf8), Array("600000000.01".utf8), Array("9999999999999999999999".utf8), Array("{}".utf8), [0xC3]]
        for _ in 0...rng.int(0...3) {
            guard !b.isEmpty else { b = hostile[0]; continue }
            let at = Int(rng.int(0...Int64(b.count - 1)))
            switch rng.int(0...7) {
            case 0: b[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: b.remove(at: at)
            case 2: b.insert(contentsOf: rng.pick(hostile), at: at)
            case 3: b.removeSubrange(at..<min(b.count, at + Int(rng.int(1...40))))
            case 4: b = Array(b[..<at])
            case 5: b.insert(contentsOf: b[at..<min(b.count, at + Int(rng.int(1...200)))], at: at)
            case 6: b.insert(contentsOf: [UInt8](repeating: UInt8(rng.int(32...126)), count: Int(rng.int(1...3000))), at: at)
            default: b[at] = b[at] ^ 0x20
            }
        }
        return b
    }

    @Test func seededMutationsNeverCrashAndAFailedImportChangesNoByte() throws {
        let round = try StagedRound(count: 8, seed: 65)
        defer { round.remove() }
        let folder = round.base.folder
        let targets: [(name: String, stage: String, file: String, arguments: [String], today: String)] = [
            ("import applications", "import applications", "apps.jsonl", ["import", "applications"], "2026-11-23"),
            ("import reviews", "import reviews", "reviews.csv", ["import", "reviews"], "2026-11-24"),
            ("import claims", "import claims", "claims.csv", ["import", "claims"], "2027-06-30"),
            ("application check", "import applications", "one.json", ["application", "check"], "2026-11-23"),
        ]
        let one = try String(contentsOfFile: folder.appendingPathComponent("apps.jsonl").path, encoding: .utf8).split(separator: "\n")[0]
        try String(one).write(to: folder.appendingPathComponent("one.json"), atomically: true, encoding: .utf8)
        var rng = SplitMix64(seed: 1_000)
        var total = 0, failed = 0, violations: [String] = []
        var perTarget: [String: Int] = [:]
        for target in targets {
            let template = try #require(round.templates[target.stage])
            let s = try copy(of: template)
            defer { s.remove() }
            let original = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(target.file).path))
            var pristine = try #require(FileManager.default.contents(atPath: s.db))
            let input = s.folder.appendingPathComponent("mutated-" + target.file).path
            for n in 1...cases(brief: 30, full: 1_000) {
                let mutated = MalformedInputTests.mutate([UInt8](original), &rng)
                try Data(mutated).write(to: URL(fileURLWithPath: input))
                let result = try runWithDeadline(["--db", s.db, "--today", target.today] + target.arguments + [input], seconds: 30)
                total += 1
                perTarget[target.name, default: 0] += 1
                let context = "\(target.name) mutation \(n)"
                if result.hung { violations.append("\(context): hung") }
                if result.signaled { violations.append("\(context): killed by signal \(result.status)") }
                if result.status == 70 { violations.append("\(context): exit 70 \(result.stderr.prefix(300))") }
                let now = try #require(FileManager.default.contents(atPath: s.db))
                if result.status != 0 {
                    failed += 1
                    if now != pristine { violations.append("\(context): exit \(result.status) but the database changed") }
                } else if now != pristine {
                    // A harmless mutation was imported: start the next case from the template again.
                    try FileManager.default.removeItem(atPath: s.db)
                    try FileManager.default.copyItem(atPath: template.db, toPath: s.db)
                    pristine = try #require(FileManager.default.contents(atPath: s.db))
                }
            }
        }
        figures("malformed", ["cases": total, "applications": perTarget["import applications"] ?? 0, "reviews": perTarget["import reviews"] ?? 0,
                              "claims": perTarget["import claims"] ?? 0, "check": perTarget["application check"] ?? 0, "refused": failed, "violations": violations.count])
        #expect(violations.isEmpty, "\(violations.prefix(5).joined(separator: "\n"))")
    }
}
