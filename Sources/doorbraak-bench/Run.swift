import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One finished process: how long it took and how much memory it held at its peak.
struct Run {
    var status: Int32
    var seconds: Double
    var peakMB: Double
    var stdout: String
}

/// Starts processes with `posix_spawn` and reaps them with `wait4`, which reports the child's
/// peak resident memory (`ru_maxrss`) — what "memory of an import" means here.
enum Runner {
    /// Runs `argv` (argv[0] a path) with stdin from `stdinPath` (or /dev/null), stdout captured
    /// to a temporary file, stderr discarded unless `keepStderr`.
    static func run(_ argv: [String], stdinPath: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bench-out-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { unlink(out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let parentKB = Runner.parentKB
        let start = DispatchTime.now()
        let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, cEnv)
        guard rc == 0 else { throw BenchError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        let watch = HighWaterWatch(pid)
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let polledKB = watch.stop()
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return Run(status: exit, seconds: seconds, peakMB: Double(peakKB(reported: usage.ru_maxrss, polled: polledKB, parentKB: parentKB)) / 1024, stdout: text)
    }

    /// The child's peak. Linux's `ru_maxrss` of a child is at least the parent's resident memory
    /// when it was started (the exec takes over the high-water mark of the memory it leaves, which
    /// for `posix_spawn` is the parent's): once doorbraak was linked with the Swift runtime in it
    /// and held less than this benchmark (29 MB), every import was reported at the benchmark's own
    /// 29.23 MB. Above what the parent held, `ru_maxrss` is the child's own; at or below it, the
    /// child's `VmHWM` read every 10 ms while it ran (seldom, so that the benchmark wakes little
    /// beside an import that keeps both cores busy while its floor uses one). Either way the
    /// child's true peak is at most the figure `ru_maxrss` gave, so the memory target is judged
    /// as before.
    static func peakKB(reported: Int, polled: Int, parentKB: Int) -> Int {
        reported > parentKB ? reported : max(polled, 1)
    }

    /// The benchmark's own high-water mark, in KB.
    static var parentKB: Int {
        var own = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &own)
        return own.ru_maxrss
    }

    /// `VmHWM` of a running process, in KB.
    static func highWaterKB(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
}

/// Reads a running child's `VmHWM` (its own high-water mark, from its exec on) every 10 ms on a
/// thread of its own, while the starting thread waits in `wait4` and so takes the child's end at
/// once: polled beside `wait4` with a sleep between, every time was up to 10 ms late (a process
/// start read 10.3 ms, against 4.6 ms before the poll).
final class HighWaterWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var highest = 0
    private var watching = true

    init(_ pid: pid_t) {
        Thread.detachNewThread { [self] in
            while true {
                let kb = Runner.highWaterKB(of: pid) ?? 0
                lock.lock()
                highest = max(highest, kb)
                let more = watching
                lock.unlock()
                if !more { return }
                usleep(10_000)
            }
        }
    }

    /// Stops watching; the highest figure read.
    func stop() -> Int {
        lock.lock()
        defer { lock.unlock() }
        watching = false
        return highest
    }
}

/// A failure of the benchmark itself (not of the engine under test).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
