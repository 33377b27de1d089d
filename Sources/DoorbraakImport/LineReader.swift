import DoorbraakCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file line by line in fixed-size chunks, so memory stays flat whatever the file size.
/// Strips a UTF-8 byte order mark on the first line and the `\r` of CRLF line ends. A line
/// longer than `maximumLineLength` is not buffered: it is reported as overlong and skipped.
public final class LineReader {
    /// One line, or the news that a line was too long.
    public enum Line {
        /// The bytes of line `number` (1-based), without the line end.
        case text(number: Int, bytes: [UInt8])
        /// Line `number` exceeded the maximum length and was skipped.
        case overlong(number: Int, length: Int)
    }

    /// Whether a line holds only spaces and tabs (skipped, not counted).
    public static func isBlank(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    /// Lines longer than this (1 MiB) are refused; an application is a few kilobytes.
    public static let maximumLineLength = 1 << 20

    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private var number = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    /// Opens `path`; missing is E-MISSING, unreadable E-IO.
    public init(path: String) throws(DoorbraakError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { throw DoorbraakError(.missing, "file not found", file: path) }
            throw DoorbraakError(.io, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw DoorbraakError(.io, "expected a file, found a folder", file: path)
        }
        // A device, FIFO or socket may never end, and an import reads its file twice (see InputFile).
        if (info.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            throw DoorbraakError(.io, "not a regular file (a device, pipe or socket); to read a stream, give - and pipe it into standard input", file: path)
        }
        totalBytes = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
    }

    deinit { close(fd) }

    /// The size of the file when it is a regular file (0 for a pipe), for progress.
    public let totalBytes: Int

    /// Bytes read so far, for progress.
    public private(set) var bytesRead = 0

    /// The next line, or nil at the end of the file.
    public func next() throws(DoorbraakError) -> Line? {
        var overlongLength = 0
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                compact()
                number += 1
                // The limit is exact: counted without the line end, 1,048,576 bytes pass and one more does not.
                if overlongLength > 0 || contentLength(line) > LineReader.maximumLineLength { return .overlong(number: number, length: overlongLength + line.count) }
                return .text(number: number, bytes: try clean(line))
            }
            if buffer.count - start > LineReader.maximumLineLength + 4 {
                // Drop what we have of this line and keep reading to its end.
                overlongLength += buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            if finished {
                guard start < buffer.count || overlongLength > 0 else { return nil }
                let line = Array(buffer[start...])
                buffer.removeAll()
                start = 0
                number += 1
                if overlongLength > 0 || contentLength(line) > LineReader.maximumLineLength { return .overlong(number: number, length: overlongLength + line.count) }
                return .text(number: number, bytes: try clean(line))
            }
            try fill()
        }
    }

    /// The length of a line as the limit counts it: without a byte order mark and a CR.
    private func contentLength(_ line: [UInt8]) -> Int {
        line.count - (number == 1 && line.starts(with: LineReader.byteOrderMark) ? 3 : 0) - (line.last == 0x0D ? 1 : 0)
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private func clean(_ line: [UInt8]) throws(DoorbraakError) -> [UInt8] {
        var bytes = line
        if number == 1, bytes.starts(with: LineReader.byteOrderMark) {
            bytes.removeFirst(3)
            // One mark says "UTF-8"; a second is a file glued or converted twice: refused, not guessed at.
            if bytes.starts(with: LineReader.byteOrderMark) {
                throw DoorbraakError(.input, "the file starts with two byte order marks; save it once as UTF-8", file: path, line: 1)
            }
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        return bytes
    }

    private func compact() {
        if start > 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
    }

    private func fill() throws(DoorbraakError) {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { throw DoorbraakError(.io, "read failed: \(String(cString: strerror(errno)))", file: path) }
        if n == 0 { finished = true; return }
        bytesRead += n
        buffer.append(contentsOf: chunk[0..<n])
    }
}
