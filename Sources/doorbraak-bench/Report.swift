import DoorbraakCore
import Foundation

/// The benchmark's table for people and its `--json` for tools, with each target of SPEC §6
/// marked as met or not.
struct BenchReport {
    let results: [SizeResult]
    let startMS: Double
    /// How far apart the same run's process starts were (largest minus smallest of five): the
    /// noise below which a command's work cannot be told from none.
    let startSpreadMS: Double
    let cpus: Int
    let sqliteVersion: String

    static let imports = ["applications", "reviews", "claims", "costs", "monitoring"]
    static let ratioTarget = 0.5
    /// Issue 21: each CSV import at ≥ 0.5× its writes-only floor, the applications import at ≥ 1.0×.
    static func floorTarget(_ key: String) -> Double { key == "applications" ? 1.0 : 0.5 }
    /// The sizes the import ratios are set for (SPEC §6: "at 10,000 and 100,000 rows").
    static let importTargetSizes: Set<Int> = [10_000, 100_000]
    static let decideAllTargetS = 10.0
    static let decideAllTargetSize = 100_000
    static let verifyTargetPerS = 100_000.0
    static let memoryTargetMB = 64.0
    static let flatFactor = 3.0
    static let workTargetMS = 20.0

    func fmt(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

    /// Every target with whether it holds in this run: nil when this run did not measure it (a
    /// target for 100,000 rows in a smaller run; "flat" with one size only).
    var targets: [(name: String, met: Bool?)] {
        var out: [(String, Bool?)] = []
        for key in BenchReport.imports {
            guard results.contains(where: { $0.floorShare(key) != nil }) else { continue }
            // SPEC §6 and issue 21 set the ratio at 10,000 and 100,000 rows; a smaller size is
            // shown in the table (where the process start weighs) but not judged.
            let shares = results.filter { BenchReport.importTargetSizes.contains($0.size) }.compactMap { $0.floorShare(key) }
            out.append(("\(key) import ≥ \(fmt(BenchReport.floorTarget(key), 1))× its writes-only floor at 10,000 and 100,000 rows\(shares.isEmpty ? " (not run at those sizes)" : "")",
                        shares.isEmpty ? nil : shares.allSatisfy { $0 >= BenchReport.floorTarget(key) }))
        }
        if let largest = results.max(by: { $0.size < $1.size }) {
            let measured = largest.size >= BenchReport.decideAllTargetSize
            out.append(("nza decide --all over \(largest.size - 1) requests in < \(Int(BenchReport.decideAllTargetS)) s (its writes-only floor: \(fmt(largest.decideAllFloorMS / 1000, 1)) s)\(measured ? "" : " (the target is for 100,000; not run at that size)")",
                        measured ? largest.decideAllMS / 1000 < BenchReport.decideAllTargetS : nil))
            out.append(("audit verify ≥ \(Int(BenchReport.verifyTargetPerS)) events/s on the \(largest.size)-application round\(measured ? "" : " (the target is for 100,000; not run at that size)")",
                        measured ? largest.verifyEventsPerSecond >= BenchReport.verifyTargetPerS : nil))
        }
        let peak = (results.flatMap { $0.peakMB.values } + results.map(\.verifyPeakMB)).max() ?? 0
        out.append(("peak memory of every import and of audit verify < \(Int(BenchReport.memoryTargetMB)) MB", peak < BenchReport.memoryTargetMB))
        for (name, values) in [("ceiling", results.map(\.ceilingMS)), ("one nza decide", results.map(\.decideMS))] {
            let net = values.map { max(0.1, $0 - startMS) }
            // "The same … within noise" (SPEC §6): a smallest work below the start's own spread is
            // taken at that spread, so that a command near zero work at one size is not judged
            // against a fraction of a millisecond of noise.
            let flat = (net.max() ?? 0) <= BenchReport.flatFactor * max(net.min() ?? 0, startSpreadMS)
            out.append(("\(name) flat (largest ≤ \(Int(BenchReport.flatFactor))× smallest, net of start, the smallest at least the start's spread of \(fmt(startSpreadMS, 1)) ms)\(values.count < 2 ? " (needs two sizes)" : "")", values.count < 2 ? nil : flat))
            out.append(("\(name) under \(Int(BenchReport.workTargetMS)) ms of work beyond process start", net.allSatisfy { $0 < BenchReport.workTargetMS }))
        }
        return out
    }

    func print(json: Bool) {
        if json { Swift.print(jsonValue.pretty) } else { Swift.print(text) }
    }

    var text: String {
        var lines = ["doorbraak-bench — \(cpus) cores, sqlite3 \(sqliteVersion), process start \(fmt(startMS, 1)) ms (`doorbraak --help`, median of 5; spread \(fmt(startSpreadMS, 1)) ms)", ""]
        var header = "import          size        rows    doorbraak rows/s    sqlite3 rows/s   ratio   writes-only rows/s  ratio   of writes-only   peak MB"
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for r in results {
            for key in BenchReport.imports {
                guard let rows = r.rows[key], let o = r.ours[key] else { continue }
                let s = r.sqlite[key] ?? 0
                lines.append(pad(key, 13) + lpad(String(r.size), 7) + lpad(String(rows), 12) + lpad(fmt(Double(rows) / o, 0), 20)
                             + lpad(s > 0 ? fmt(Double(rows) / s, 0) : "-", 18) + lpad(r.ratio(key).map { fmt($0) + "×" } ?? "-", 8)
                             + lpad(r.floor[key].map { fmt(Double(rows) / $0, 0) } ?? "-", 21) + lpad(r.floorRatio(key).map { fmt($0) + "×" } ?? "-", 8)
                             + lpad(r.floor[key].map { fmt($0 / o * 100, 0) + "%" } ?? "-", 17)
                             + lpad(fmt(r.peakMB[key] ?? 0, 1), 10))
            }
            if let failing = r.peakMB["applications, every row failing"] {
                lines.append(pad("all failing", 13) + lpad(String(r.size), 7) + lpad(String(r.size), 12) + lpad("", 20) + lpad("", 18) + lpad("", 8) + lpad("", 21) + lpad("", 8) + lpad("", 17) + lpad(fmt(failing, 1), 10))
            }
        }
        lines.append("")
        header = "size  beschikkingen   ceiling ms   one decide ms   decide --all ms   its writes-only ms   its peak MB   round report ms   audit verify ms     events   events/s   peak MB"
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for r in results {
            lines.append(lpad(String(r.size), 4 + 2) + lpad(String(r.beschikkingen), 15) + lpad(fmt(r.ceilingMS, 1), 13) + lpad(fmt(r.decideMS, 1), 16)
                         + lpad(fmt(r.decideAllMS, 0), 18) + lpad(fmt(r.decideAllFloorMS, 0), 21) + lpad(fmt(r.decideAllPeakMB, 1), 14) + lpad(fmt(r.reportMS, 1), 18) + lpad(fmt(r.verifyMS, 0), 18)
                         + lpad(String(r.verifyEvents), 11) + lpad(fmt(r.verifyEventsPerSecond, 0), 11) + lpad(fmt(r.verifyPeakMB, 1), 10))
        }
        lines.append("")
        lines.append("targets (issue 21, restating SPEC §6 against the writes-only floor)")
        for t in targets { lines.append("  \(t.met.map { $0 ? "met         " : "NOT MET     " } ?? "not measured") \(t.name)") }
        lines.append("")
        lines.append("writes-only: sqlite3 making the same writes as the import (rows, indexes, constraints, one audit event")
        lines.append("per change, one row binding per row written), set-based in one transaction, with no rule checked and")
        lines.append("random blobs for the hashes and row images.")
        lines.append("Its ratio is the most any import that stores what SPEC §3 asks could reach against the bare load;")
        lines.append("\"of writes-only\" is doorbraak's speed as a share of it (`floor_ratio` in --json): the target of issue 21.")
        lines.append("The floor writes every row binding and audit event the import writes; `doorbraak-bench --check-floor` compares")
        lines.append("its row count per table with the import's.")
        lines.append("decide --all's writes-only: sqlite3 granting every pending request (beschikking, application, prestaties,")
        lines.append("kept totals, one event per decision, a binding per row) in one transaction with decide --all's 64 MB cache.")
        return lines.joined(separator: "\n")
    }

    var jsonValue: JSONValue {
        func number(_ x: Double, _ digits: Int = 2) -> JSONValue { .number(fmt(x, digits)) }
        func bySize(_ f: (SizeResult) -> Double?) -> JSONValue {
            .object(results.compactMap { r in f(r).map { (String(r.size), number($0)) } })
        }
        var ratios: [(String, JSONValue)] = []
        var rates: [(String, JSONValue)] = []
        var floorRatios: [(String, JSONValue)] = []
        for key in BenchReport.imports where results.contains(where: { $0.ratio(key) != nil }) {
            ratios.append((key, bySize { $0.ratio(key) }))
            floorRatios.append((key, bySize { $0.floorRatio(key) }))
            rates.append((key, .object([
                ("doorbraak", bySize { r in r.ours[key].flatMap { o in r.rows[key].map { Double($0) / o } } }),
                ("sqlite3", bySize { r in r.sqlite[key].flatMap { s in r.rows[key].map { Double($0) / s } } }),
                ("writes_only", bySize { r in r.floor[key].flatMap { f in r.rows[key].map { Double($0) / f } } }),
            ])))
        }
        let memoryKeys = Set(results.flatMap { $0.peakMB.keys }).sorted()
        return .object([
            ("cpus", .number(String(cpus))),
            ("sqlite3", .string(sqliteVersion)),
            ("process_start_ms", number(startMS, 1)),
            ("process_start_spread_ms", number(startSpreadMS, 1)),
            ("ratios", .object(ratios)),
            ("writes_only_ratios", .object(floorRatios)),
            ("floor_ratio", .object(BenchReport.imports.filter { key in results.contains { $0.floorShare(key) != nil } }.map { key in (key, bySize { $0.floorShare(key) }) })),
            ("rows_per_second", .object(rates)),
            ("peak_memory_mb", .object(memoryKeys.map { k in (k, bySize { $0.peakMB[k] }) })),
            ("ceiling_ms", bySize { $0.ceilingMS }),
            ("decide_ms", bySize { $0.decideMS }),
            ("decide_all_ms", bySize { $0.decideAllMS }),
            ("decide_all_s", bySize { $0.decideAllMS / 1000 }),
            ("decide_all_floor_s", bySize { $0.decideAllFloorMS / 1000 }),
            ("decide_all_peak_mb", bySize { $0.decideAllPeakMB }),
            ("report_ms", bySize { $0.reportMS }),
            ("verify_ms", bySize { $0.verifyMS }),
            ("verify_events", bySize { Double($0.verifyEvents) }),
            ("verify_events_per_s", bySize { $0.verifyEventsPerSecond }),
            ("verify_peak_mb", bySize { $0.verifyPeakMB }),
            ("targets", .array(targets.map { .object([("target", .string($0.name)), ("met", $0.met.map { .bool($0) } ?? .null)]) })),
        ])
    }

    private func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    private func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
}
