import DoorbraakCore
#if canImport(Glibc)
import Glibc
#endif

/// The NZa's hold on the pending requests and the room under the ceiling while `nza decide --all`
/// runs (issue 21). `decide --all` writes its planned grants by application id, not by rank, in
/// batches; a request, a withdrawal, a single decision or a release committed between two batches
/// would meet grants that are some of the plan's but not the ranking's first, and change who is
/// granted (an attacker's review of this landing: a withdrawal between batches left a request
/// ranked third granted and the one ranked second refused). So `decide --all` holds this lock
/// exclusively from before its plan to its last commit, and every command that changes the
/// pending requests or the room holds it shared for its writes: each waits for the other, up
/// to the busy timeout (then `E-BUSY`, exit 75, as for SQLite's own lock).
/// It is `flock(2)` on a file beside the database (`<db>-decisions`, with a turnstile
/// `<db>-decisions-turn`), never on the database
/// itself (closing another descriptor of that file would drop SQLite's own locks): the kernel
/// releases it when the process ends, also on `kill -9`, so nothing stale is left to clear.
final class DecisionLock {
    /// Who holds it.
    enum Mode {
        /// `nza decide --all`: alone.
        case deciding
        /// A command that changes the pending requests or the room: beside others like it.
        case changing
    }

    /// The lock's descriptor, and (for `decide --all`) the turnstile's.
    private let descriptors: [Int32]

    /// The lock file of the database at `path`: beside the file itself, whatever link `--db`
    /// named it by (an attacker's review: a link to the database locked another file, and a
    /// single decision came between two batches).
    static func path(ofDatabase path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path + "-decisions" }
        defer { free(resolved) }
        return String(cString: resolved) + "-decisions"
    }

    /// Takes the lock of the database at `path` in `mode`, waiting up to `timeoutMilliseconds`
    /// for each of its two files. First the turnstile (`<db>-decisions-turn`): `decide --all`
    /// holds it exclusively from before it waits for the lock to its end, and every other
    /// command passes it shared on its way to the lock. So a `decide --all` waiting for the lock
    /// stops new shared holders at the turnstile, and those that hold the lock end: commands
    /// overlapping one another can no longer keep it out for good (a third review: four loops
    /// sending a contracts file again held it off past its busy timeout).
    init(database path: String, mode: Mode, timeoutMilliseconds: Int32) throws(DoorbraakError) {
        let file = DecisionLock.path(ofDatabase: path)
        let exclusive = mode == .deciding
        let turnstile = try DecisionLock.lock(file + "-turn", exclusive: exclusive, mode: mode, timeoutMilliseconds: timeoutMilliseconds)
        let lock: Int32
        do {
            lock = try DecisionLock.lock(file, exclusive: exclusive, mode: mode, timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            close(turnstile)
            throw error
        }
        if exclusive {
            descriptors = [lock, turnstile]
        } else {
            close(turnstile)
            descriptors = [lock]
        }
    }

    deinit { for fd in descriptors { close(fd) } }

    /// `file` opened and locked (`flock`), its descriptor; `E-BUSY` after `timeoutMilliseconds`.
    private static func lock(_ file: String, exclusive: Bool, mode: Mode, timeoutMilliseconds: Int32) throws(DoorbraakError) -> Int32 {
        // Not through a link someone put in its place, and only a regular file (a FIFO or a
        // device there is not a lock of ours).
        let fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw DoorbraakError(.io, "cannot open the lock file of `nza decide --all`: \(String(cString: strerror(errno)))", file: file)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw DoorbraakError(.io, "the lock file of `nza decide --all` is not a regular file; remove it", file: file)
        }
        let operation = (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB
        var waited: Int32 = 0
        while flock(fd, operation) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw DoorbraakError(.io, "cannot lock the lock file of `nza decide --all`: \(reason)", file: file)
            }
            guard waited < timeoutMilliseconds else {
                close(fd)
                throw DoorbraakError(.busy, mode == .deciding
                    ? "the decisions are busy: other commands are changing the pending requests or the room under the ceiling, or sending their files (or another `nza decide --all` runs); try again when they are done"
                    : "the decisions are busy: the NZa's `nza decide --all` is deciding every pending request; requests, withdrawals, single decisions, claims and the close of the period wait until it is done: try again in a moment")
            }
            usleep(20_000)
            waited += 20
        }
        return fd
    }

    /// Whether a `decide --all` holds the lock of the database at `path` now (a try, let go at
    /// once; no lock file: none ever ran). For a view, to tell a run going on from one stopped.
    static func isDeciding(database path: String) -> Bool {
        let fd = open(DecisionLock.path(ofDatabase: path), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }
}

extension Store {
    /// Holds the decisions lock shared for the rest of this store's life (see `DecisionLock`):
    /// a command about to change the pending requests or the room under the ceiling. Taken before
    /// its write transaction, it waits up to the busy timeout; inside one (a caller that did not
    /// take it first) it does not wait, since `decide --all` may be waiting for this very
    /// transaction's write lock: `E-BUSY` at once while a run holds it.
    public func holdAgainstDecideAll() throws(DoorbraakError) {
        guard decisionLock == nil else { return }
        decisionLock = try DecisionLock(database: db.path, mode: .changing, timeoutMilliseconds: db.inTransaction ? 0 : db.busyTimeoutMilliseconds)
    }
}
