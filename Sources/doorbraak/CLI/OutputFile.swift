import DoorbraakCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files the commands write (reports, generated data), with the engine's error codes: a folder
/// where a file belongs, or a file that cannot be written, is `E-IO` (exit 74).
enum OutputFile {
    /// Writes `text` to `path`, replacing a regular file that is there with its permissions kept.
    /// What is there is replaced only when it is an ordinary file and no round's database: a
    /// folder, a link, a device or pipe, a SQLite database or its companion files (`-wal`,
    /// `-shm`, `-journal`, the decisions lock) is `E-IO` and left as it is (an attacker's review:
    /// `payouts --csv doorbraak.sqlite` replaced the round with a CSV and said it wrote it;
    /// `/dev/full` became a regular file; a file kept at 600 came back 644).
    static func write(_ text: String, to path: String) throws(DoorbraakError) {
        var mode: mode_t?
        var status = stat()
        if lstat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFDIR: throw DoorbraakError(.io, "expected a file, found a folder", file: path)
            case S_IFREG: break
            default: throw DoorbraakError(.io, "is not an ordinary file (a link, device or pipe), so it is not replaced; name a new file", file: path)
            }
            if OutputFile.isDatabase(path) {
                throw DoorbraakError(.io, "is a database (or one of its companion files), so it is not replaced; name a new file", file: path)
            }
            mode = status.st_mode & 0o7777
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: mode.map { [.posixPermissions: Int($0)] }) else {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                throw DoorbraakError(.io, "cannot write the file: the folder \(folder) does not exist", file: path)
            }
            throw DoorbraakError(.io, "cannot write the file", file: path)
        }
    }

    /// Whether `path` is a SQLite database (its first bytes) or a companion file of one beside it.
    static func isDatabase(_ path: String) -> Bool {
        func startsAsDatabase(_ file: String) -> Bool {
            guard let handle = FileHandle(forReadingAtPath: file) else { return false }
            defer { try? handle.close() }
            return (try? handle.read(upToCount: 16)).map { Array($0) == Array("SQLite format 3\0".utf8) } ?? false
        }
        if startsAsDatabase(path) { return true }
        for suffix in ["-wal", "-shm", "-journal", "-decisions", "-decisions-turn"] where path.hasSuffix(suffix) {
            if startsAsDatabase(String(path.dropLast(suffix.count))) { return true }
        }
        return false
    }

    /// Makes `folder` (and its parents) when it is not there, and returns `folder/name`.
    static func path(_ name: String, in folder: String) throws(DoorbraakError) -> String {
        let folder = folder.isEmpty ? "." : folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DoorbraakError(.io, "cannot create the folder: \(error.localizedDescription)", file: folder)
        }
        return (folder as NSString).appendingPathComponent(name)
    }
}

/// The options `generate claims` and `generate costs` share.
enum GeneratorOptions {
    /// `--seed S`, a whole number; required.
    static func seed(_ arguments: inout ArgumentList) throws(DoorbraakError) -> UInt64 {
        guard let text = try arguments.value("--seed"), let seed = UInt64(text) else {
            throw DoorbraakError(.usage, "--seed S is required, a whole number")
        }
        return seed
    }

    /// `--seed S --out DIR [--through DATE]` (default --today).
    static func take(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> (seed: UInt64, out: String, through: Day) {
        let seed = try seed(&arguments)
        guard let out = try arguments.value("--out") else { throw DoorbraakError(.usage, "--out DIR is required") }
        var through = context.today
        if let text = try arguments.value("--through") {
            do { through = try Day(parsing: text) } catch { throw DoorbraakError(.usage, "--through: \(error.message)") }
        }
        return (seed, out, through)
    }
}
