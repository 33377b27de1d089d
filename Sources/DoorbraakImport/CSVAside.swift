import DoorbraakCore
import DoorbraakStore
import Foundation

/// The part of a CSV import that reads only what was committed before it — the file itself and
/// each chunk's checks of the rows it rests on — run on a second thread with a read-only
/// connection beside the single writer (issue 21; SPEC §6 asks the same of the applications
/// import: parse, check and hash beside the writer).
///
/// Why the reader sees what the writer would: the thread opens its read transaction after the
/// writer took the write lock (`BEGIN IMMEDIATE`), so no other connection can commit in between
/// and its snapshot is the writer's own view before its first write. The rows a costs or
/// monitoring import rests on (applications, beschikkingen, coalitions, rejections, events of
/// other days) are rows it never writes. The reviews and claims imports rewrite rows their
/// chunks rest on (an application's status; a milestone's and a beschikking's paid totals): their
/// writers take what was prepared only for an application they have not written since, decide on
/// the values read from the bytes checked, and expect each such row to hold those bytes when they
/// rewrite it, under its key (`RowCapture.expectBeforeRewrite`, `Store.rewriting`).
/// Whatever the reader cannot prepare (a row not as bound,
/// an error of its own) it leaves out, and the writer prepares that chunk itself, as it would
/// without the reader: a refusal is met on the writer, in file order, with the same words.
struct CSVAside<Prepared: Sendable> {
    /// Finds what a chunk of well-formed rows rests on, on the read-only store.
    let prepare: @Sendable (Store, [CSVReader.Record]) throws(DoorbraakError) -> Prepared
    /// Hands it to the writer's store before the chunk's rows are taken.
    let adopt: (Prepared) throws(DoorbraakError) -> Void

    /// One chunk of the file as the writer receives it.
    enum Item: Sendable {
        /// The rows, in file order; what the reader prepared (nil: the writer prepares them);
        /// whether the file ended with them; bytes read so far and the file's size.
        case chunk(rows: [Result<CSVReader.Record, DoorbraakError>], prepared: Prepared?, last: Bool, done: Int, total: Int)
        /// Reading the file failed; the import stops with this error.
        case failed(DoorbraakError)
    }

    /// One that only reads and parses the file beside the writer (started without a database):
    /// for the imports whose chunks the writer checks itself, and an all-or-nothing import's
    /// syntax pass.
    static var readingOnly: CSVAside<Prepared> {
        CSVAside(prepare: { _, _ throws(DoorbraakError) in throw DoorbraakError(.internal, "a chunk prepared by a reader that only reads") }, adopt: { _ in })
    }

    /// How many chunks may wait for the writer (one more is being read, one taken).
    static var capacity: Int { 1 }

    /// Starts the reader thread on `reader`'s file and the database at `database` (the writer
    /// holds its write lock already); the writer takes chunks until the last or `.failed`, and
    /// calls `stop` on the handle before it returns.
    /// `writer`: the writer's database files and chain head; a second connection that does not
    /// find both (another file renamed over the path, the chain of another copy) prepares nothing.
    /// Without `database` it only reads the file (the syntax pass of an all-or-nothing import,
    /// `CSVBatch.eachChunk`), preparing nothing.
    func start(_ reader: CSVReader, database: String?, writer: (files: Set<FileIdentity>, head: String)) -> (BoundedQueue<Item>, CSVAsideHandle) {
        let queue = BoundedQueue<Item>(capacity: Self.capacity)
        let done = DispatchSemaphore(value: 0)
        let handoff = Handoff(reader)
        let prepare = self.prepare
        let thread = Thread {
            Self.produce(handoff.take(), database: database, writer: writer, prepare: prepare, into: queue)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return (queue, CSVAsideHandle(cancel: { queue.cancel() }, done: done))
    }

    private static func produce(_ reader: CSVReader, database: String?, writer: (files: Set<FileIdentity>, head: String),
                                prepare: (Store, [CSVReader.Record]) throws(DoorbraakError) -> Prepared, into queue: BoundedQueue<Item>) {
        // No store, no preparation: the writer prepares every chunk itself.
        var store: Store? = database.flatMap { try? Store.open(at: $0, readOnly: true, beside: writer.files) }
        if let opened = store, (try? opened.db.execute("BEGIN")) == nil || !opened.readsTheChain(of: writer) {
            try? opened.db.execute("ROLLBACK")
            store = nil
        }
        defer {
            if let store {
                try? store.db.execute("ROLLBACK")
                // Closed before the writer may close its own (`Database.close`).
                store.db.close()
            }
        }
        var rows: [Result<CSVReader.Record, DoorbraakError>] = []
        rows.reserveCapacity(CSVBatch.chunkSize)
        var more = true
        while more {
            do throws(DoorbraakError) {
                more = try CSVBatch.readChunk(reader, into: &rows)
            } catch {
                _ = queue.put(.failed(error))
                return
            }
            let records = rows.compactMap { if case .success(let record) = $0 { record } else { nil } }
            var prepared: Prepared?
            if let store, !records.isEmpty {
                prepared = try? prepare(store, records)
                if prepared != nil { CSVAsideHook.afterPreparing?(store.db.path) }
            }
            guard queue.put(.chunk(rows: rows, prepared: prepared, last: !more, done: reader.progress.bytes, total: reader.progress.total)) else { return }
        }
    }
}

/// Stops the reader thread of a `CSVAside` and waits for it (a writer that stops early does not hang).
struct CSVAsideHandle {
    let cancel: @Sendable () -> Void
    let done: DispatchSemaphore

    func stop() {
        cancel()
        done.wait()
    }
}

/// Hands one value to the thread that is started with it; only that thread uses it afterwards.
private final class Handoff<Value>: @unchecked Sendable {
    private var value: Value?
    init(_ value: Value) { self.value = value }
    func take() -> Value {
        guard let taken = value else { preconditionFailure("a handed-off value taken twice") }
        value = nil
        return taken
    }
}

/// For tests only: called on the thread beside the writer after each chunk it prepared, with
/// the database's path (a test edits the file's bytes there, as an attacker did).
enum CSVAsideHook {
    nonisolated(unsafe) static var afterPreparing: ((String) -> Void)?
}
