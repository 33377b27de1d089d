import DoorbraakCore
import DoorbraakStore

/// What one CSV row did.
enum RowOutcome {
    /// Stored for the first time.
    case new
    /// Already stored with the same content.
    case unchanged
    /// Set aside to be tried again after the file's other rows (see `CSVBatch.run`'s `retry`).
    case deferred
}

/// What trying the deferred rows again did: how many were stored, and the rows that still fail.
struct RetryOutcome {
    var new = 0
    var failed: [(line: Int, id: String, error: DoorbraakError)] = []
}

/// The one way a CSV file is imported: one write transaction, every row taken by `take`, failing
/// rows reported with line and id, committed when all pass or `partial`, else rolled back.
enum CSVBatch {
    /// The rows read ahead and prepared together (`prepare`).
    static let chunkSize = 250
    /// A chunk ends early once its fields hold this many bytes, so that a file of long rows (a
    /// row may hold 1 MiB) keeps few in memory (SPEC §6: under 64 MB whatever the file; an
    /// attacker's review held 250 rows of 1 MB each per chunk).
    static let chunkBytes = 4 << 20

    /// Reads the next chunk of `reader` into `chunk` (emptied first): up to `chunkSize` rows and
    /// about `chunkBytes`; false when the file has ended.
    static func readChunk(_ reader: CSVReader, into chunk: inout [Result<CSVReader.Record, DoorbraakError>]) throws(DoorbraakError) -> Bool {
        chunk.removeAll(keepingCapacity: true)
        var bytes = 0
        while chunk.count < chunkSize && bytes < chunkBytes {
            guard let row = try reader.next() else { return false }
            if case .success(let record) = row { bytes += record.fields.values.reduce(0) { $0 + $1.utf8.count } }
            chunk.append(row)
        }
        return true
    }

    /// `check` is the row's syntax check without the database. An all-or-nothing import runs it
    /// over the whole file first, outside any transaction: a file with a malformed row is
    /// refused without ever taking the write lock, so a file whose every row is malformed does
    /// not block other writers while it is read (seen in trials: ~20 s). Rows that only the
    /// rules can refuse (an unknown application, a milestone paid before) are found in the
    /// write transaction, which then rolls back. A row `take` defers is settled by `retry`, in
    /// the same transaction, once every other row has been taken. `prepare` gets each chunk of
    /// well-formed rows before they are taken, to read and check what they rest on at once.
    static func run(_ path: String, columns: [String], optional: [String] = [], into store: Store, partial: Bool, rowsName: String, progress: ImportProgress? = nil,
                    check: ((CSVReader.Record) throws(DoorbraakError) -> Void)? = nil,
                    begin: (() throws(DoorbraakError) -> Void)? = nil,
                    prepare: (([CSVReader.Record]) throws(DoorbraakError) -> Void)? = nil,
                    retry: (() throws(DoorbraakError) -> RetryOutcome)? = nil,
                    _ take: (CSVReader.Record) throws(DoorbraakError) -> RowOutcome) throws(DoorbraakError) -> ImportReport {
        try run(path, columns: columns, optional: optional, into: store, partial: partial, rowsName: rowsName, progress: progress, check: check, begin: begin,
                prepare: prepare, aside: CSVAside<Never>?.none, retry: retry, take)
    }

    /// `run`, with `aside` reading the file and preparing its chunks on a second thread beside
    /// the writer (`CSVAside`) when the database is a file in WAL mode; `prepare` then prepares
    /// only a chunk the reader left to the writer. (The reviews and claims imports rewrite rows
    /// their chunks rest on: their writers expect each such row to hold the bytes checked beside,
    /// `RowCapture.expectBeforeRewrite`.)
    static func run<Prepared: Sendable>(_ path: String, columns: [String], optional: [String] = [], into store: Store, partial: Bool, rowsName: String,
                                        progress: ImportProgress? = nil,
                                        check: ((CSVReader.Record) throws(DoorbraakError) -> Void)? = nil,
                                        begin: (() throws(DoorbraakError) -> Void)? = nil,
                                        prepare: (([CSVReader.Record]) throws(DoorbraakError) -> Void)? = nil,
                                        aside: CSVAside<Prepared>?,
                                        retry: (() throws(DoorbraakError) -> RetryOutcome)? = nil,
                                        _ take: (CSVReader.Record) throws(DoorbraakError) -> RowOutcome) throws(DoorbraakError) -> ImportReport {
        if !partial, let check {
            let reader = try CSVReader(path: path, expected: columns, optional: optional)
            var report = ImportReport()
            try CSVBatch.eachChunk(of: reader, readBeside: aside != nil) { chunk throws(DoorbraakError) in
                for row in chunk {
                    switch row {
                    case .failure(let error):
                        report.add(error, id: nil)
                    case .success(let record):
                        do throws(DoorbraakError) { try check(record) } catch where error.isRowError {
                            report.add(error.located(file: path, line: record.line), id: record(columns[0]))
                        }
                    }
                }
            }
            if report.errorCount > 0 {
                report.stoppedAtMalformedRows = true
                // Said by every import that can check beside the writer, also when no chunk was
                // taken (a newcomer read its absence as a contradiction of the README).
                if Prepared.self != Never.self { report.chunksCheckedBesideWriter = 0 }
                return report
            }
        }
        let reader = try CSVReader(path: path, expected: columns, optional: optional)
        var report = ImportReport()
        // Said by every import that can check beside the writer, also when it did not.
        if Prepared.self != Never.self { report.chunksCheckedBesideWriter = 0 }
        let db = store.db
        try db.execute("BEGIN IMMEDIATE")
        do throws(DoorbraakError) {
            // What holds for the whole file (the kept totals before money moves) is checked once,
            // under the write lock: a failure stops the import, not every row.
            try begin?()
            var rows = 0
            var chunk: [Result<CSVReader.Record, DoorbraakError>] = []
            chunk.reserveCapacity(CSVBatch.chunkSize)
            var read = reader.progress
            // Started under the write lock, after `begin`: see `CSVAside`.
            var beside: (BoundedQueue<CSVAside<Prepared>.Item>, CSVAsideHandle)?
            if let aside, try CSVBatch.besideWriter(db) {
                try store.beginBesideWriter()
                beside = aside.start(reader, database: db.path, writer: (db.openedFiles, try store.chainHeadText()))
            }
            defer { beside?.1.stop() }
            var more = true
            while more {
                let prepared: Prepared?
                (more, prepared, read) = try CSVBatch.nextChunk(of: reader, beside: beside?.0, into: &chunk)
                if let prepared, let aside {
                    try aside.adopt(prepared)
                    report.chunksCheckedBesideWriter? += 1
                } else if let prepare, !chunk.isEmpty {
                    try prepare(chunk.compactMap { if case .success(let record) = $0 { record } else { nil } })
                }
                for row in chunk {
                    rows += 1
                    if rows % 1000 == 0, let progress { progress.update(rows: rows, done: read.bytes, total: read.total) }
                    switch row {
                    case .failure(let error):
                        report.add(error, id: nil)
                    case .success(let record):
                        let id = record(columns[0])
                        do throws(DoorbraakError) {
                            switch try take(record) {
                            case .new: report.new += 1
                            case .unchanged: report.unchanged += 1
                            case .deferred: break
                            }
                        } catch where error.isRowError && !db.uncoveredWrites {
                            report.add(error.located(file: path, line: record.line), id: id)
                        }
                    }
                }
            }
            progress?.update(rows: rows, done: read.bytes, total: read.total)
            if let retry {
                let outcome = try retry()
                report.new += outcome.new
                for failure in outcome.failed { report.add(failure.error.located(file: path, line: failure.line), id: failure.id) }
            }
            if rows == 0 { throw DoorbraakError(.input, "the file holds a header but no \(rowsName)", file: path) }
            try report.finish(db: db, partial: partial)
        } catch {
            if db.inTransaction { try? db.execute("ROLLBACK") }
            throw error
        }
        return report
    }
}

extension CSVBatch {
    /// Calls `body` with each chunk of `reader`'s rows, in file order. With `readBeside` the file
    /// is read and parsed on a second thread while `body` checks the chunk before (the syntax
    /// pass of an all-or-nothing import, before it takes the write lock; issue 21: a sixth of a
    /// claims import was this pass on one thread); the same chunks either way.
    static func eachChunk(of reader: CSVReader, readBeside: Bool, _ body: ([Result<CSVReader.Record, DoorbraakError>]) throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        let beside = readBeside ? CSVAside<Never>.readingOnly.start(reader, database: nil, writer: ([], "")) : nil
        defer { beside?.1.stop() }
        var chunk: [Result<CSVReader.Record, DoorbraakError>] = []
        var more = true
        while more {
            more = try nextChunk(of: reader, beside: beside?.0, into: &chunk).more
            try body(chunk)
        }
    }

    /// The next chunk of `reader`'s rows into `chunk`: taken from the thread beside (`CSVAside`),
    /// with what it prepared and how far it had read, or read here; `more` false once the file ended.
    static func nextChunk<Prepared: Sendable>(of reader: CSVReader, beside queue: BoundedQueue<CSVAside<Prepared>.Item>?,
                                              into chunk: inout [Result<CSVReader.Record, DoorbraakError>])
        throws(DoorbraakError) -> (more: Bool, prepared: Prepared?, read: (bytes: Int, total: Int)) {
        guard let queue else {
            let more = try readChunk(reader, into: &chunk)
            return (more, nil, reader.progress)
        }
        switch queue.take() {
        case .failed(let error): throw error
        case .chunk(let rows, let prepared, let last, let done, let total):
            chunk = rows
            return (!last, prepared, (done, total))
        }
    }

    /// Whether a chunk may be prepared beside the writer: a database file in WAL mode, where a
    /// reader neither waits for the writer nor makes it wait.
    static func besideWriter(_ db: Database) throws(DoorbraakError) -> Bool {
        guard !db.path.isEmpty, db.path != ":memory:" else { return false }
        return try db.row("PRAGMA journal_mode", [], { r in r.text(0) }) == "wal"
    }
}

extension CSVReader.Record {
    /// The row's `application_id` when it is well-formed, for a chunk's `prepare`: a malformed
    /// one is left to its row's own refusal, so what a chunk binds stays small (found by an
    /// attacker's review: 250 ids of 200 KB each took 540 MB in the prepared statements).
    var preparableApplication: String? { (try? ApplicationID(parsing: self("application_id")))?.rawValue }
}

extension [CSVReader.Record] {
    /// The well-formed applications of a chunk, each once, in order (`preparableApplication`).
    var preparableApplications: [String] { Set(compactMap(\.preparableApplication)).sorted() }
}

/// What every CSV import is given: the store, the business date, who acts, all-or-nothing or
/// `--partial`, and where progress goes.
public struct CSVImportSettings {
    /// The store.
    public let store: Store
    /// Today, the business date of the import.
    public let today: Day
    /// Who acts (each row may act for its insurer, provider or coalition).
    public let event: AuditContext
    /// Store the good rows even when some fail.
    public let partial: Bool
    /// Where to report progress, if anywhere.
    public var progress: ImportProgress?
    /// The party the file acts for (`--insurer U`, or the signer of a signed file): every row
    /// must be that party's (SPEC §3.10); nil when the file may hold any party's rows.
    public var actingFor: PartyID?
    /// Whether the file is read and each chunk's checks made on a second thread beside the
    /// writer (`CSVAside`); off, the writer does it all (the tests compare the two).
    public var checksBesideWriter = true

    /// The settings of one import.
    public init(store: Store, today: Day, event: AuditContext, partial: Bool) {
        self.store = store
        self.today = today
        self.event = event
        self.partial = partial
    }
}

/// A CSV import: its settings, read through these names in its body.
public protocol CSVImport {
    /// The settings it was made with.
    var settings: CSVImportSettings { get set }
}

extension CSVImport {
    /// The store.
    public var store: Store { settings.store }
    /// Today, the business date.
    public var today: Day { settings.today }
    /// Who acts.
    public var event: AuditContext { settings.event }
    /// Whether the good rows are kept when some fail.
    public var partial: Bool { settings.partial }
    /// The party the file acts for, if any.
    public var actingFor: PartyID? {
        get { settings.actingFor }
        set { settings.actingFor = newValue }
    }
    /// Where progress goes.
    public var progress: ImportProgress? {
        get { settings.progress }
        set { settings.progress = newValue }
    }
}
