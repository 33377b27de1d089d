import DoorbraakCore
import Foundation

/// The registered documents a `decide --all` grants on, read on the second core while the plan's
/// check scans the tables on the first: each document's SHA-256 and its spending per year, read
/// from the very text hashed. Nothing here is trusted as read: the plan takes a budget only when
/// the SHA-256 computed here is the one its own checked `submission` row holds, so a document
/// read from another file, another snapshot or edited bytes is never granted on; for any other
/// the plan reads the document itself as before (`checkedBudgets`), and meets its refusal.
final class DocumentsAside: @unchecked Sendable {
    /// What was read of one document: its SHA-256 (hex) and its budget lines.
    struct Read {
        var sha256: String
        var budget: [(year: Int64, amount: String)]
    }

    private let done = DispatchSemaphore(value: 0)
    private var read: [Int64: Read] = [:]

    /// Starts reading the documents of `submissions` from the database at `path` on a thread of
    /// its own, on a read-only connection of its own.
    static func start(path: String, submissions: [Int64]) -> DocumentsAside {
        let aside = DocumentsAside()
        let thread = Thread {
            aside.read = (try? DocumentsAside.read(path: path, submissions: submissions)) ?? [:]
            DocumentsAside.afterReading?(path, &aside.read)
            aside.done.signal()
        }
        thread.start()
        return aside
    }

    /// For a test: changes what the thread read (as if it had read other bytes), with the
    /// database's path.
    nonisolated(unsafe) static var afterReading: ((String, inout [Int64: Read]) -> Void)?

    /// What was read, once the thread is done (empty when it could not read).
    func wait() -> [Int64: Read] {
        done.wait()
        return read
    }

    private static func read(path: String, submissions: [Int64]) throws(DoorbraakError) -> [Int64: Read] {
        let db = try Database(path: path, create: false, readOnly: true)
        var read: [Int64: Read] = [:]
        read.reserveCapacity(submissions.count)
        try db.readTransaction { () throws(DoorbraakError) in
            let budgetLines = try db.cached("SELECT json_extract(l.value, '$.year'), json_extract(l.value, '$.amount') FROM json_each(?1, '$.budget') l")
            try db.cached("SELECT seq, document FROM submission WHERE seq IN (SELECT value FROM json_each(?1))")
                .each([.text(SQLValue.jsonArray(submissions.map { .integer($0) }))]) { r throws(DoorbraakError) in
                    let document = r.text(1)
                    read[r.int64(0)] = Read(sha256: SHA256.hex(document), budget: try budgetLines.rowsValue([.text(document)]) { l in (year: l.int64(0), amount: l.text(1)) })
                }
        }
        return read
    }
}
