import DoorbraakCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An input file as the commands read it: a regular file (for `import applications` also a
/// folder), or standard input given as `-`. A character device, FIFO or socket is refused
/// (E-IO, exit 74): it may never end (`/dev/zero`) and an import reads its file more than once
/// (a check pass before the write lock), so a FIFO could hand it other content the second time.
/// Standard input is read exactly once, into a private temporary file, and then read like a file.
public enum InputFile {
    /// The most standard input may hold (1 GiB): more is E-INPUT, so `-` fed from a device ends.
    public static let standardInputLimit = 1 << 30

    /// Runs `body` with a path that is a regular file (or an allowed folder): `path` itself, or
    /// standard input spooled when `path` is `-`; the spool is removed afterwards.
    /// With `privateCopy` a regular file is read once into a private copy too, so that what a
    /// signature was checked on is exactly what is imported, whatever happens to the file meanwhile.
    public static func reading<T>(_ path: String, allowFolder: Bool = false, privateCopy: Bool = false,
                                  _ body: (String) throws(DoorbraakError) -> T) throws(DoorbraakError) -> T {
        let spool: String
        if path == "-" {
            spool = try InputFile.spool(descriptor: 0, shownAs: "-", limit: standardInputLimit)
        } else {
            try requireRegular(path, allowFolder: allowFolder && !privateCopy)
            guard privateCopy else { return try body(path) }
            let input = open(path, O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw DoorbraakError(.io, "cannot read: \(String(cString: strerror(errno)))", file: path) }
            defer { close(input) }
            spool = try InputFile.spool(descriptor: input, shownAs: path, limit: Int.max)
        }
        defer {
            unlink(spool)
            rmdir((spool as NSString).deletingLastPathComponent)
        }
        do {
            return try body(spool)
        } catch {
            throw error.naming(spool, as: path)
        }
    }

    /// An import of `path` (or of standard input given as `-`): its row errors name `-`, not
    /// the private copy.
    public static func importing(_ path: String, allowFolder: Bool = false, privateCopy: Bool = false,
                                 _ body: (String) throws(DoorbraakError) -> ImportReport) throws(DoorbraakError) -> ImportReport {
        try importing(path, allowFolder: allowFolder, privateCopy: privateCopy, report: \.self, body)
    }

    /// Likewise for an import whose result holds its report at `report`.
    public static func importing<T>(_ path: String, allowFolder: Bool = false, privateCopy: Bool = false, report: WritableKeyPath<T, ImportReport>,
                                    _ body: (String) throws(DoorbraakError) -> T) throws(DoorbraakError) -> T {
        var spooled: String?
        var result = try reading(path, allowFolder: allowFolder, privateCopy: privateCopy) { (file: String) throws(DoorbraakError) -> T in
            if file != path { spooled = file }
            return try body(file)
        }
        if let spooled {
            for i in result[keyPath: report].errors.indices {
                if result[keyPath: report].errors[i].file == spooled { result[keyPath: report].errors[i].file = path }
                result[keyPath: report].errors[i].error = result[keyPath: report].errors[i].error.naming(spooled, as: path)
            }
        }
        return result
    }

    /// Refuses what is not a regular file (or a folder when allowed): missing E-MISSING (66),
    /// a folder, device, FIFO or socket E-IO (74).
    public static func requireRegular(_ path: String, allowFolder: Bool = false) throws(DoorbraakError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw DoorbraakError(.missing, "file not found", file: path) }
            throw DoorbraakError(.io, "cannot read: \(String(cString: strerror(errno)))", file: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR:
            if allowFolder { return }
            throw DoorbraakError(.io, "expected a file, found a folder", file: path)
        default:
            throw DoorbraakError(.io, "not a regular file (a device, pipe or socket); to read a stream, give - and pipe it into standard input", file: path)
        }
    }

    /// The bytes of one record file (`application check|submit FILE`, or `-`; a model plan of
    /// `--plans DIR`); larger than `limit` bytes is E-INPUT (one record must not blow up memory).
    /// By default the limit of one application in an import (`LineReader.maximumLineLength`,
    /// 1 MB; it was 16 MB for a file of its own, whose parse took 300 MB and more — a review).
    public static func bytes(_ path: String, limit: Int = LineReader.maximumLineLength) throws(DoorbraakError) -> [UInt8] {
        try reading(path) { (file: String) throws(DoorbraakError) -> [UInt8] in
            var info = stat()
            if stat(file, &info) == 0, Int(info.st_size) > limit {
                throw DoorbraakError(.input, "the file is \(info.st_size) bytes, more than the \(limit)-byte limit", file: path)
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DoorbraakError(.io, "cannot read the file", file: path)
            }
            return [UInt8](data)
        }
    }

    /// Copies what `descriptor` holds (standard input, or a file being signed) once into
    /// `<private folder>/input` and returns its path; errors name `shown`.
    private static func spool(descriptor: Int32, shownAs shown: String, limit: Int) throws(DoorbraakError) -> String {
        var template = Array((NSTemporaryDirectory() + "doorbraak-XXXXXX").utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return nil }
            return String(cString: result)
        }
        guard let folder = made else {
            throw DoorbraakError(.io, "cannot create a temporary folder for a private copy of the input: \(String(cString: strerror(errno)))", file: shown)
        }
        let path = folder + "/input"
        let out = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard out >= 0 else {
            rmdir(folder)
            throw DoorbraakError(.io, "cannot write the private copy of the input: \(String(cString: strerror(errno)))", file: shown)
        }
        defer { close(out) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        do throws(DoorbraakError) {
            while true {
                let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DoorbraakError(.io, "cannot read: \(String(cString: strerror(errno)))", file: shown)
                }
                if n == 0 { break }
                total += n
                if total > limit {
                    throw DoorbraakError(.input, "standard input holds more than \(standardInputLimit) bytes, the most doorbraak reads from it; give a file instead", file: "-")
                }
                let written = buffer.withUnsafeBytes { write(out, $0.baseAddress, n) }
                if written != n { throw DoorbraakError(.io, "cannot write the private copy of the input: \(String(cString: strerror(errno)))", file: shown) }
            }
        } catch {
            unlink(path)
            rmdir(folder)
            throw error
        }
        return path
    }
}

extension DoorbraakError {
    /// The same error with `file` shown as `shown` (every error of a combined one too).
    func naming(_ file: String, as shown: String) -> DoorbraakError {
        var copy = self
        if copy.file == file { copy.file = shown }
        copy.further = copy.further.map { $0.naming(file, as: shown) }
        return copy
    }
}
