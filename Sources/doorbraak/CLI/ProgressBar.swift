import DoorbraakImport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on stderr, only when stderr is a terminal: rows done and the share
/// of the file (or folder) read, with its total.
final class ProgressBar: ImportProgress {
    private let label: String
    private var last = Date.distantPast

    /// A bar, or nil when stderr is not a terminal (pipes and CI get no escape codes).
    init?(label: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
    }

    func update(rows: Int, done: Int, total: Int) {
        let now = Date()
        guard now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        guard total > 0 else { return Output.errorRaw("\r\(label): \(rows) rows") }
        let percent = min(100, done * 100 / total)
        let filled = percent / 5
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
        Output.errorRaw("\r\(label): [\(bar)] \(percent)% of \(ProgressBar.size(total)), \(rows) rows")
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : bytes >= 1 << 10 ? "\(bytes >> 10) kB" : "\(bytes) B"
    }

    func finish() { Output.errorRaw("\r\u{1B}[K") }
}
