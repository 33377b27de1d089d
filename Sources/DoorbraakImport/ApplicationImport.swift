import DoorbraakCore
import DoorbraakStore
import Foundation

/// Imports applications from a JSONL file or a folder of `.json` files (SPEC §5).
public struct ApplicationImport {
    /// The intake that checks and stores each application.
    public let intake: ApplicationIntake
    /// Store the good rows even when some fail (`--partial`); default is all-or-nothing.
    public let partial: Bool
    /// Where to report progress, if anywhere.
    public var progress: ImportProgress?

    /// An import through `intake`.
    public init(intake: ApplicationIntake, partial: Bool) {
        self.intake = intake
        self.partial = partial
    }

    /// One error for a file that is not JSON lines at all (a CSV given by mistake), instead of
    /// one per line: its first non-blank line does not start with `{`.
    static func checkIsJSONLines(_ path: String) throws(DoorbraakError) {
        let reader = try LineReader(path: path)
        while let line = try reader.next() {
            guard case .text(let number, let bytes) = line else { return }
            if LineReader.isBlank(bytes) { continue }
            let first = bytes.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            if first != UInt8(ascii: "{") {
                throw DoorbraakError(.input, "this is not an applications file: it must hold one JSON object per line (JSONL), and line \(number) does not start with {", file: path, line: number)
            }
            return
        }
    }

    /// Imports `path` (a `.jsonl` file or a folder) in one write transaction.
    public func run(_ path: String) throws(DoorbraakError) -> ImportReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DoorbraakError(.missing, "file not found", file: path)
        }
        if !isDirectory.boolValue { try ApplicationImport.checkIsJSONLines(path) }
        var report = ImportReport()
        report.registeredInadmissible = 0
        // All or nothing: a file with a line that does not even parse is refused before the
        // write lock is taken (see CSVBatch.run), so it never blocks other writers while read.
        if !partial, !isDirectory.boolValue {
            let reader = try LineReader(path: path)
            while let line = try reader.next() {
                switch line {
                case .overlong(let number, let length):
                    report.add(ApplicationImport.overlong(length, file: path, line: number), id: nil)
                case .text(let number, let bytes):
                    if LineReader.isBlank(bytes) { continue }
                    do { _ = try ApplicationIntake.parse(bytes) } catch {
                        report.add(error.located(file: path, line: number), id: ApplicationImport.peekID(bytes))
                    }
                }
            }
            if report.errorCount > 0 {
                report.stoppedAtMalformedRows = true
                return report
            }
        }
        let db = intake.store.db
        try db.execute("BEGIN IMMEDIATE")
        do {
            if isDirectory.boolValue {
                try importFolder(path, into: &report)
            } else {
                try importLines(path, into: &report)
            }
            try report.finish(db: db, partial: partial)
        } catch {
            if db.inTransaction { try? db.execute("ROLLBACK") }
            throw error
        }
        return report
    }

    /// The lines are parsed, checked and hashed on a second thread (`ApplicationPipeline`) and
    /// registered here, in file order, by the one writer in this transaction.
    private func importLines(_ path: String, into report: inout ImportReport) throws(DoorbraakError) {
        let (queue, producer) = ApplicationPipeline.start(path, rules: intake.rules)
        defer { producer.stop() }
        var rows = 0
        var (done, total) = (0, 0)
        var ended = false
        while !ended {
            for item in queue.take() {
                switch item {
                case .blank:
                    continue
                case .progress(let bytes, let size):
                    (done, total) = (bytes, size)
                    continue
                case .end(let bytes, let size):
                    (done, total) = (bytes, size)
                    ended = true
                    continue
                case .failed(let error):
                    throw error
                case .overlong(let number, let length):
                    report.add(ApplicationImport.overlong(length, file: path, line: number), id: nil)
                case .malformed(let number, let error, let id):
                    report.add(error.located(file: path, line: number), id: id)
                case .parsed(let number, let prepared):
                    try take(prepared, file: path, line: number, into: &report)
                }
                rows += 1
                if rows % 1000 == 0 { progress?.update(rows: rows, done: done, total: total) }
            }
        }
        if rows == 0 { throw DoorbraakError(.input, "the file holds no applications", file: path) }
        progress?.update(rows: rows, done: done, total: total)
    }

    private func importFolder(_ path: String, into report: inout ImportReport) throws(DoorbraakError) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path).sorted() } catch {
            throw DoorbraakError(.io, "cannot list the folder: \(error.localizedDescription)", file: path)
        }
        var rows = 0
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            // Only regular files (after following a link): a FIFO named *.json would block the
            // read forever, a socket or device is no application; they are listed as skipped. A
            // link that leads nowhere stays a failing row, as an unreadable file.
            var info = stat()
            let special = stat(file, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
            guard name.hasSuffix(".json"), !special else {
                report.skipped.append(name)
                continue
            }
            do {
                try take(try InputFile.bytes(file, limit: LineReader.maximumLineLength), file: file, line: nil, into: &report)
            } catch where error.isRowError && !intake.store.db.uncoveredWrites {
                report.add(error.located(file: file, line: nil), id: nil)
            }
            rows += 1
            if rows % 100 == 0 { progress?.update(rows: rows, done: 0, total: 0) }
        }
        if rows == 0 { throw DoorbraakError(.input, "the folder holds no .json applications", file: path) }
    }

    private func take(_ bytes: [UInt8], file: String?, line: Int?, into report: inout ImportReport) throws(DoorbraakError) {
        let application: Application
        do {
            application = try ApplicationIntake.parse(bytes)
        } catch {
            report.add(error.located(file: file, line: line), id: ApplicationImport.peekID(bytes))
            return
        }
        try take(intake.rules.prepare(application), file: file, line: line, into: &report)
    }

    private func take(_ prepared: ApplicationIntake.Prepared, file: String?, line: Int?, into report: inout ImportReport) throws(DoorbraakError) {
        do {
            switch try intake.take(prepared) {
            case .stored(_, let admission, _):
                report.new += 1
                report.tracks[admission.track, default: 0] += 1
            case .unchanged(_, nil):
                report.unchanged += 1
            case .unchanged(let app, let admission?), .refused(let app, let admission):
                // Registered with its codes (kept when the import commits); reported each time.
                report.registeredInadmissible = (report.registeredInadmissible ?? 0) + 1
                for (i, error) in admission.errors.enumerated() {
                    report.add(error.located(file: file, line: line), id: app.id.rawValue, countRow: i == 0)
                }
            }
        } catch where error.code == .duplicate {
            report.add(error.located(file: file, line: line), id: prepared.application.id.rawValue)
        }
    }

    /// The error of a line over the length limit.
    static func overlong(_ length: Int, file: String, line: Int) -> DoorbraakError {
        DoorbraakError(.input, "line is \(length) bytes, longer than the \(LineReader.maximumLineLength)-byte limit for one application", file: file, line: line)
    }

    /// The `"id"` of a row that failed to parse, when it can be found, for the report.
    static func peekID(_ bytes: [UInt8]) -> String? {
        guard case .object(let members)? = try? JSONParser.parse(bytes), case .string(let id)? = members.first(where: { $0.0 == "id" })?.1 else { return nil }
        return id
    }
}
