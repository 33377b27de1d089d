import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress counter on stderr, only when stderr is a terminal.
final class ProgressBar {
    private let label: String
    private var last = Date.distantPast

    /// A bar, or nil when stderr is not a terminal (pipes and CI get no escape codes).
    init?(label: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
    }

    func update(_ rows: Int) {
        let now = Date()
        guard now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        Output.errorRaw("\r\(label): \(rows) rows")
    }

    /// Rows done and bytes read out of `total` bytes: a percentage of the file.
    func update(_ rows: Int, bytes: Int, total: Int) {
        let now = Date()
        guard now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        let percent = total > 0 ? min(100, bytes * 100 / total) : 0
        Output.errorRaw("\r\(label): \(rows) rows, \(percent)% of \(total) bytes")
    }

    func finish() { Output.errorRaw("\r\u{1B}[K") }
}
