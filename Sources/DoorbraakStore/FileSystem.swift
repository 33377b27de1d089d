import DoorbraakCore
#if canImport(Glibc)
import Glibc
#endif

/// The few POSIX file operations the store needs, with errors in the engine's terms.
enum FileSystem {
    static var processID: Int32 { getpid() }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Removes a database file and its WAL companions, ignoring absence.
    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
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
