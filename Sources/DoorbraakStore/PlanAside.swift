import DoorbraakCore
import Foundation

/// The second core's part of `nza decide --all`'s plan (issue 21): on a read-only connection of
/// its own, a thread checks the tables a grant rests on but takes no value from (`tables`) against
/// the chain, then reads the requests' documents — each one's SHA-256 and its spending per year,
/// from the very text hashed — while the plan's own connection checks the other tables.
///
/// Nothing here is taken on trust. The connection must be on the plan's own database file and
/// read its newest event (`Store.readsTheChain(of:)`), or its tables are checked by the plan
/// after all. Its snapshot is taken after the plan's began; the plan's batches then grant on
/// what was checked only while `PRAGMA data_version` shows that no other connection committed
/// since the plan's snapshot — so both read the same one — and else check everything again. A
/// document counts only when its SHA-256 is the one the plan's own checked `submission` row
/// holds; any other the plan reads itself.
final class PlanAside: @unchecked Sendable {
    /// The tables checked beside: rows a grant rests on but takes no value from.
    static let tables = ["allocation", "review", "application_provider"]

    /// How the check of `tables` went.
    enum TablesCheck {
        case checked
        /// The first finding, in the words the plan would use.
        case refused(DoorbraakError)
        /// The connection could not show that it reads the plan's file and chain: the plan checks them.
        case notTheSame
    }

    /// What was read of one document: its SHA-256 (hex) and its budget lines.
    struct Read {
        var sha256: String
        var budget: [(year: Int64, amount: String)]
    }

    private let tablesDone = DispatchSemaphore(value: 0)
    private let listGiven = DispatchSemaphore(value: 0)
    private let documentsDone = DispatchSemaphore(value: 0)
    private var tablesCheck = TablesCheck.notTheSame
    private var submissions: [Int64] = []
    private var read: [Int64: Read] = [:]
    private var listHanded = false

    /// Starts the thread on the database at `path`; `plan`: the plan connection's files and newest event.
    static func start(path: String, plan: (files: Set<FileIdentity>, head: String)) -> PlanAside {
        let aside = PlanAside()
        let thread = Thread { aside.run(path: path, plan: plan) }
        thread.stackSize = 8 << 20
        thread.start()
        return aside
    }

    /// Hands the thread the submissions whose documents to read (once; an empty list reads none).
    func readDocuments(of submissions: [Int64]) {
        guard !listHanded else { return }
        listHanded = true
        self.submissions = submissions
        listGiven.signal()
    }

    /// The check of `tables`, once it is done.
    func checkedTables() -> TablesCheck {
        tablesDone.wait()
        tablesDone.signal()
        return tablesCheck
    }

    /// The documents read, once the thread is done (empty when it could not read them).
    func documents() -> [Int64: Read] {
        readDocuments(of: [])
        documentsDone.wait()
        documentsDone.signal()
        return read
    }

    /// Lets the thread end and waits for it (the plan returns or throws only after it).
    func finish() { _ = documents() }

    /// For a test: changes what the thread read (as if it had read other bytes), with the
    /// database's path.
    nonisolated(unsafe) static var afterReading: ((String, inout [Int64: Read]) -> Void)?

    /// For a test: runs on the thread after it handed over what it read (as a busy machine may
    /// leave that thread for a while before it ends).
    nonisolated(unsafe) static var afterItsEnd: (() -> Void)?

    private func run(path: String, plan: (files: Set<FileIdentity>, head: String)) {
        var store: Store? = try? Store.open(at: path, readOnly: true, beside: plan.files)
        if let opened = store, (try? opened.db.execute("BEGIN")) == nil || !opened.readsTheChain(of: plan) {
            try? opened.db.execute("ROLLBACK")
            store = nil
        }
        if let store {
            do throws(DoorbraakError) {
                for table in Self.tables { try store.requireBoundTable(table) }
                tablesCheck = .checked
            } catch {
                tablesCheck = .refused(error)
            }
        }
        tablesDone.signal()
        listGiven.wait()
        if let store, !submissions.isEmpty { read = (try? Self.documents(submissions, in: store.db)) ?? [:] }
        if let store {
            try? store.db.execute("ROLLBACK")
            // Closed before the plan may close its own connection (`Database.close`).
            store.db.close()
        }
        Self.afterReading?(path, &read)
        documentsDone.signal()
        Self.afterItsEnd?()
    }

    private static func documents(_ submissions: [Int64], in db: Database) throws(DoorbraakError) -> [Int64: Read] {
        var read: [Int64: Read] = [:]
        read.reserveCapacity(submissions.count)
        try Store.eachDocument(of: submissions, in: db) { seq, document throws(DoorbraakError) in
            read[seq] = Read(sha256: SHA256.hex(document), budget: try Store.budget(of: document, in: db))
        }
        return read
    }
}
