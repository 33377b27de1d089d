import DoorbraakCore
import DoorbraakStore

/// The report of one import (SPEC §5.3): counts and every failing row.
public struct ImportReport: Sendable {
    /// One failing row.
    public struct RowError: Sendable {
        /// The file (for a folder import) or nil.
        public var file: String?
        /// The 1-based line, nil for a folder import.
        public var line: Int?
        /// The record id when it could be read.
        public var id: String?
        /// The error.
        public var error: DoorbraakError
    }

    /// Rows stored for the first time (0 when an all-or-nothing import was rolled back).
    public var new = 0
    /// Rows already stored with the same content.
    public var unchanged = 0
    /// Rows refused.
    public var rejected = 0
    /// Of the rejected applications, those registered as inadmissible with their codes (SPEC
    /// §3.2: the register keeps every submission); nil for the other imports. Kept when the
    /// import commits, like the new rows.
    public var registeredInadmissible: Int?
    /// How many of the file's chunks were read and checked on the second thread beside the
    /// writer (`CSVAside`); nil for an import that does not do so.
    public var chunksCheckedBesideWriter: Int?
    /// The first `keptErrors` errors of refused rows (memory stays flat however many rows fail);
    /// `errorCount` counts them all.
    public var errors: [RowError] = []
    /// How many errors there were in all.
    public var errorCount = 0
    /// Whether a row was malformed (exit 65).
    private var sawBadInput = false
    /// Whether a row named a record that does not exist (exit 66, as everywhere else).
    private var sawMissing = false
    /// How many errors a report keeps for printing.
    public static let keptErrors = 1000
    /// Whether the good rows were committed.
    public var committed = false
    /// Set when an all-or-nothing import stopped at malformed rows before the rules ran (so
    /// `wouldBeNew` and `unchanged` are not known).
    public var stoppedAtMalformedRows = false
    /// Rows that would have been new, had the import been committed.
    public var wouldBeNew = 0
    /// Files skipped in a folder import (not `.json`).
    public var skipped: [String] = []
    /// Admitted rows per track, and refusals per code, for summaries.
    public var tracks: [ReviewTrack: Int] = [:]
    /// Refusals per error code.
    public var codes: [String: Int] = [:]

    /// The worst kind among the failures: bad input beats a missing record, which beats a rule
    /// refusal. A row naming an application that does not exist is `E-MISSING` with exit 66, as
    /// on the command line; the file is otherwise well formed.
    public var worstKind: FailureKind? {
        if sawBadInput { return .badInput }
        if sawMissing { return .missing }
        return errorCount == 0 ? nil : .refused
    }
}

extension DoorbraakError {
    /// Whether the error belongs to one input row (reported, the import goes on) rather than to
    /// the database or the machine (the import stops and rolls back).
    var isRowError: Bool { [.refused, .badInput, .missing].contains(code.kind) }
}

extension ImportReport {
    /// Records a failing row; `countRow: false` adds a further error of a row already counted.
    mutating func add(_ error: DoorbraakError, id: String?, countRow: Bool = true) {
        if countRow { rejected += 1 }
        for each in error.all {
            // A record's closing note stands for the errors it counts (`ErrorList`).
            let count = each.omitted > 0 ? each.omitted : 1
            codes[each.code.rawValue, default: 0] += count
            errorCount += count
            if each.code.kind == .badInput { sawBadInput = true }
            if each.code.kind == .missing { sawMissing = true }
            if errors.count < ImportReport.keptErrors {
                var kept = each
                kept.message = ImportReport.shortened(each.message, to: ImportReport.keptMessageBytes)
                errors.append(RowError(file: each.file, line: each.line, id: id.map { ImportReport.shortened($0, to: ImportReport.keptIDBytes) }, error: kept))
            }
        }
    }

    /// What a kept error holds at most of a row's id and of its message: a row of a file may hold
    /// 1 MiB, and a message quotes its values (an attacker's review: 60 claims with 1 MB ids
    /// took a claims import to 155 MB, where SPEC §6 asks under 64 MB whatever the file).
    static let keptIDBytes = 200, keptMessageBytes = 2_000

    /// `text` cut to at most `limit` bytes at a character boundary, saying how long it was.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var cut = ""
        for character in text {
            if cut.utf8.count + character.utf8.count > limit { break }
            cut.append(character)
        }
        return cut + "… (\(text.utf8.count) bytes)"
    }

    /// Commits when every row passed or `partial`, else rolls back and reports what would have been new.
    mutating func finish(db: Database, partial: Bool) throws(DoorbraakError) {
        if errorCount == 0 || partial {
            try db.execute("COMMIT")
            committed = true
        } else {
            try db.execute("ROLLBACK")
            wouldBeNew = new
            new = 0
        }
    }
}

/// Where an import reports how far it is (a progress bar on a terminal).
public protocol ImportProgress: AnyObject {
    /// `rows` done, `done` of `total` units (bytes of a file, files of a folder; total 0 when unknown).
    func update(rows: Int, done: Int, total: Int)
}
