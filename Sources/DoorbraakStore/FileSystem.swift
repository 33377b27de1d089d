import DoorbraakCore
#if canImport(Glibc)
import Glibc
#endif

/// The few POSIX file operations the store needs, with errors in the engine's terms.
enum FileSystem {
    static var processID: Int32 { getpid() }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Whether `path` is a folder (following links).
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The regular files open on `descriptors`, by device and inode.
    static func identities(of descriptors: Set<Int32>) -> Set<FileIdentity> {
        var found = Set<FileIdentity>()
        for fd in descriptors {
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { found.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))) }
        }
        return found
    }

    /// The regular file at `path` now, by device and inode (nil: none).
    static func identity(ofPath path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Removes a database file and its WAL companions, ignoring absence.
    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// Removes the leftovers `<path>.creating-<pid>` (with their -wal, -shm, -journal) of an
    /// `init` that was killed: those whose process no longer runs. A running `init` keeps its own.
    static func removeStaleCreations(of path: String) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let prefix = (slash.map { String(path[path.index(after: $0)...]) } ?? path) + ".creating-"
        guard let dir = opendir(folder.isEmpty ? "/" : folder) else { return }
        defer { closedir(dir) }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix) else { continue }
            let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = Int32(digits), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { stale.append(name) }
        }
        for name in stale { unlink((folder.isEmpty ? "" : folder + "/") + name) }
    }

    /// Moves `source` to `target` only if `target` does not exist (no clobbering a database
    /// that another process created meanwhile): hard-link, then unlink the source.
    static func moveNew(_ source: String, to target: String) throws(DoorbraakError) {
        if link(source, target) != 0 {
            let reason = String(cString: strerror(errno))
            if errno == EEXIST {
                throw DoorbraakError(.exists, "a database already exists here; remove it or choose another --db", file: target)
            }
            throw DoorbraakError(.io, "cannot create the database: \(reason)", file: target)
        }
        removeDatabase(source)
    }
}

/// The wall clock in UTC: the time an audit event records (`at`), whatever `--today` says.
public enum Clock {
    /// Now, ISO 8601 UTC to the millisecond (`2026-11-30T21:15:04.123Z`), from the C library:
    /// Foundation's ISO8601DateFormatter loads ICU's calendars first, some 5 ms of every command
    /// (issue 21: a quarter of one `nza decide`'s own work at 100,000 beschikkingen).
    public static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
        let millis = Int(now.tv_nsec / 1_000_000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self) + ".\(fraction)Z"
    }

    /// Today's date in UTC.
    public static var today: Day {
        (try? Day(parsing: String(timestamp().prefix(10)))) ?? Day(2026, 1, 1)
    }
}

/// A file as the kernel knows it: its device and inode, whatever name it has now.
public struct FileIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64
}
