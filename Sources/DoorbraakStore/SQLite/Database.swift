import CSQLite
import DoorbraakCore
#if canImport(Glibc)
import Glibc
#endif

/// One SQLite connection, owned by one value for the life of a short CLI process.
/// WAL mode, a busy timeout and foreign keys are always on; statements bind parameters only.
public final class Database {
    /// Process-wide settings made once, before SQLite's first use: no memory statistics
    /// (`csqlite_disable_memory_statistics`).
    private static let configureSQLite: Void = { _ = csqlite_disable_memory_statistics() }()

    private var handle: OpaquePointer?
    /// The file this connection is open on.
    public let path: String
    /// The files SQLite has open for this connection now: the database file and, in WAL mode once
    /// it has read, its -wal, by device and inode (the descriptors SQLite holds for this very
    /// connection, `csqlite_descriptor`), whatever is at `path` by now. A second connection is
    /// known to be on the first one's files by these (`Store.open(…beside:)`; an attacker's
    /// review renamed a copy over the path for the moment a second connection opened). Empty
    /// where it cannot be told.
    public var openedFiles: Set<FileIdentity> {
        FileSystem.identities(of: Set([csqlite_descriptor(handle, 0), csqlite_descriptor(handle, 1)].filter { $0 >= 0 }))
    }
    /// Statements prepared once and reused (see `cached(_:)`); finalized before the connection closes.
    var statementCache: [String: Statement] = [:]
    /// Counts the transactions begun on this connection, so a check can be made once per transaction.
    public private(set) var transactionNumber = 0
    /// The audit chain head of the open write transaction (see `AuditChainHead`).
    var chainHead: AuditChainHead?
    /// The last audit event of the open write transaction, held until COMMIT so that it can bind
    /// every row the transaction wrote (see `AuditLog.append`), with its transaction number.
    var pendingEvent: (transaction: Int, event: AuditEvent)?
    /// The capture of written rows; nil on a connection that does not write.
    var rowCapture: RowCapture?
    /// Subjects whose trail this write transaction found in order for one business day (see
    /// `AuditLog.requireInOrder`).
    var subjectsInOrder = SubjectsInOrder()
    /// How long this connection waits for another process's lock.
    public private(set) var busyTimeoutMilliseconds: Int32 = Database.defaultBusyTimeoutMilliseconds
    /// The transaction whose business date was last held against the round's opening.
    var openedCheckedIn = -1
    /// The party whose signed file this command acts on, with the allowed-signers line its
    /// signature was checked against (see `Store.requireSigner`).
    var signer: (party: PartyID, line: String)?
    /// The transaction that last found `signer`'s key still registered.
    var signerCheckedIn = -1

    /// How long a writer waits for another process's lock before giving up with exit 75.
    public static var defaultBusyTimeoutMilliseconds: Int32 {
        if let text = getenv("DOORBRAAK_BUSY_TIMEOUT_MS").map({ String(cString: $0) }), let ms = Int32(text), ms >= 0 {
            return ms
        }
        return 10_000
    }

    /// The permission bits of an existing database file that let group or others read or
    /// write it (nil when it is private), for a warning: the register holds personal and financial data.
    public private(set) var loosePermissions: UInt32?
    /// Whether this connection was opened read-only.
    public let readOnly: Bool

    /// Opens (and with `create`, creates with mode 0600) the database at `path`; `readOnly`
    /// opens it for reading only (commands that only read). A path that exists but is not a
    /// regular file (`/dev/null`, a FIFO, a folder) is refused before SQLite touches it, so
    /// no `-journal`, `-wal` or `-shm` file is created beside it.
    /// `beside`: the files another connection of this process opened (`openedFiles`) when this
    /// one is a second connection to the same database (`Store.open(at:readOnly:beside:)`).
    public init(path: String, create: Bool, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = Database.defaultBusyTimeoutMilliseconds,
                beside first: Set<FileIdentity>? = nil) throws(DoorbraakError) {
        self.path = path
        self.readOnly = readOnly && !create
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw DoorbraakError(.io, "not a regular file; a database must be a regular file", file: path)
            }
            let loose = UInt32(info.st_mode) & 0o077
            loosePermissions = loose == 0 ? nil : UInt32(info.st_mode) & 0o777
        }
        // SQLite's files beside the database must be files too (an attacker's review: a folder or
        // a FIFO named like them made every command end in an internal error, exit 70).
        for (suffix, what) in [("-wal", "write-ahead log"), ("-shm", "shared-memory index"), ("-journal", "rollback journal")] {
            var side = stat()
            if lstat(path + suffix, &side) == 0, (side.st_mode & S_IFMT) != S_IFREG {
                throw DoorbraakError(.io, "not a regular file where SQLite keeps the database's \(what); remove it (or ask whoever made it) before doorbraak opens the database", file: path + suffix)
            }
        }
        if create {
            // Create the file ourselves so that it is never readable by others, even briefly.
            let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
            if fd < 0 {
                throw DoorbraakError(.io, "cannot create database file: \(String(cString: strerror(errno)))", file: path)
            }
            Glibc.close(fd)
        }
        // A reader still opens the file read-write when it may (and then sets query_only): in WAL
        // mode every reader needs the -shm index, and only a read-write connection, the last to
        // close, checkpoints and removes -wal and -shm again. A connection opened
        // SQLITE_OPEN_READONLY leaves both files behind; it is used only when the file is not
        // writable for us.
        let writable = access(path, W_OK) == 0
        Database.configureSQLite
        let flags = (self.readOnly && !writable ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        handle = db
        guard rc == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            handle = nil
            if rc == SQLITE_CANTOPEN {
                throw DoorbraakError(.notInitialised, "no database here (\(message)): to work on a round, run doorbraak in the round's folder or pass --db FILE (or set DOORBRAAK_DB); `doorbraak init` starts a new, empty round", file: path)
            }
            throw DoorbraakError(.database, "cannot open database: \(message)", file: path)
        }
        // A second connection must be on the first one's file before SQLite opens -wal and -shm
        // by name (at the first read): on another file renamed over the path, SQLite would take
        // the first connection's -wal and -shm for that file's, and closing it — the last
        // connection of that file — checkpoint the first one's WAL into it and delete both (an
        // attacker's review: `decide --all`'s committed grants were lost, and an edit made during
        // the run never seen). Nor does it ever checkpoint or delete them when it closes.
        if let first {
            _ = csqlite_no_checkpoint_on_close(handle)
            try Database.requireBeside(first, handle: handle, wal: false, path: path) { sqlite3_close_v2(handle); handle = nil }
            // And the -wal its first read will open by name is the first one's (a second review: a
            // -wal of the attacker's there, with the shared -shm's header zeroed, had that read
            // rebuild the -shm from it, and the first connection lost the commits still in its
            // own -wal; `audit verify` then passed). Checked again once it is open (below); a
            // rename between this check and SQLite's open is the one window left (README).
            if first.count > 1, FileSystem.identity(ofPath: path + "-wal").map(first.contains) != true {
                sqlite3_close_v2(handle)
                handle = nil
                throw Database.notBeside(path)
            }
        }
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        do {
            // A reader leaves the journal mode as the file records it (WAL for every doorbraak database).
            try execute(self.readOnly ? "PRAGMA query_only = ON; PRAGMA schema_version" : "PRAGMA journal_mode = WAL")
        } catch where error.code == .notADatabase {
            throw DoorbraakError(.notADatabase, "this file is not a doorbraak database", file: path)
        }
        // SQLite opens the -wal and -shm by the first read: the -wal must be the first one's too.
        if let first { try Database.requireBeside(first, handle: handle, wal: true, path: path) {} }
        try execute("PRAGMA foreign_keys = ON")
        // FULL: in WAL mode, NORMAL may lose the last commits on a power loss (not on a crash of
        // the process). A grant or a payout that the NZa was told about and that then vanishes is
        // a real failure, so every commit is synced; it costs one fsync of the WAL per
        // transaction (imports are one transaction, so the cost is per command, not per row).
        try execute("PRAGMA synchronous = FULL")
    }

    /// `E-BUSY` (after `close`) unless the file SQLite opened for this connection's database —
    /// with `wal`, its -wal too, when it has one open — is one of `first`'s: a second connection
    /// that cannot show it is on the first one's files. The descriptors are SQLite's own for this
    /// connection (`csqlite_descriptor`), not a difference of the process's: another thread may
    /// open files meanwhile. (The -shm needs no check: SQLite shares one per database file among
    /// the connections of a process, so on the first one's file it is the first one's.)
    private static func requireBeside(_ first: Set<FileIdentity>, handle: OpaquePointer?, wal: Bool, path: String,
                                      close: () -> Void) throws(DoorbraakError) {
        let database = csqlite_descriptor(handle, 0)
        let log = wal ? csqlite_descriptor(handle, 1) : -1
        let files = FileSystem.identities(of: Set([database, log].filter { $0 >= 0 }))
        if database >= 0, files.count == (log >= 0 ? 2 : 1), files.isSubset(of: first) { return }
        close()
        throw notBeside(path)
    }

    /// A second connection not on the first one's files: it is not used.
    private static func notBeside(_ path: String) -> DoorbraakError {
        DoorbraakError(.busy, "the file at this path, or its -wal, is not the one doorbraak opened a moment ago (it was replaced meanwhile); it was not used; run the command again", file: path)
    }

    /// The raw connection, for the row capture's hook.
    var sqliteHandle: OpaquePointer? { handle }

    /// Closes the connection now, on the calling thread (once; `deinit` closes it otherwise).
    /// A second connection beside the first is closed this way before the first closes: the
    /// first, closing last, checkpoints and removes -wal and -shm, which a second connection never
    /// does (`csqlite_no_checkpoint_on_close`). Left to `deinit` on the thread that used it, it
    /// could still be open when the first closed, and both files stayed behind (CI: `audit verify`
    /// on a busy machine).
    public func close() {
        guard handle != nil else { return }
        if rowCapture != nil { sqlite3_preupdate_hook(handle, nil, nil) }
        rowCapture = nil
        statementCache.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    deinit { close() }

    /// Runs SQL without parameters and results (pragmas, DDL).
    public func execute(_ sql: String) throws(DoorbraakError) {
        if sql.hasPrefix("BEGIN") {
            transactionNumber &+= 1
            chainHead = nil
            pendingEvent = nil
            rowCapture?.reset()
            rowCapture?.clearExpectations()
        } else if sql.hasPrefix("COMMIT") || sql.hasPrefix("END") {
            try requireRewrittenAsChecked()
            try AuditLog.seal(in: self)
            try flushChainHead()
            rowCapture?.reset()
            rowCapture?.clearExpectations()
        } else if sql.hasPrefix("ROLLBACK") {
            chainHead = nil
            pendingEvent = nil
            rowCapture?.reset()
            rowCapture?.clearExpectations()
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            rowCapture?.statementFailed()
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteFailure.error(code: rc, message: message, sql: sql)
        }
        if rowCapture != nil, sql.hasPrefix("BEGIN IMMEDIATE") {
            // Before anything is written: the chain head kept in the ledger must be the last event.
            do {
                try refreshRowCapture()
                _ = try AuditLog.head(ofTransactionIn: self)
            } catch {
                try? execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Prepares a statement; parameters are bound by the caller, never interpolated.
    public func prepare(_ sql: String) throws(DoorbraakError) -> Statement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw SQLiteFailure.error(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        return Statement(stmt, sql: sql, owner: self)
    }

    /// Runs one statement with `parameters` and no result rows.
    public func run(_ sql: String, _ parameters: [SQLValue] = []) throws(DoorbraakError) {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        while try statement.step() {}
    }

    /// All rows of a query, each read by `read`.
    public func rows<T>(_ sql: String, _ parameters: [SQLValue] = [], _ read: (Row) throws(DoorbraakError) -> T) throws(DoorbraakError) -> [T] {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        var out: [T] = []
        while try statement.step() { out.append(try read(Row(statement: statement))) }
        return out
    }

    /// Calls `body` with each row of a query in turn, without collecting them (flat memory).
    public func each(_ sql: String, _ parameters: [SQLValue] = [], _ body: (Row) throws(DoorbraakError) -> Void) throws(DoorbraakError) {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        while try statement.step() { try body(Row(statement: statement)) }
    }

    /// The first row of a query, or nil.
    public func row<T>(_ sql: String, _ parameters: [SQLValue] = [], _ read: (Row) throws(DoorbraakError) -> T) throws(DoorbraakError) -> T? {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        guard try statement.step() else { return nil }
        return try read(Row(statement: statement))
    }

    /// A single integer (e.g. `SELECT count(*)`); 0 when there is no row or NULL.
    public func integer(_ sql: String, _ parameters: [SQLValue] = []) throws(DoorbraakError) -> Int64 {
        try row(sql, parameters) { r throws(DoorbraakError) in r.int64(0) } ?? 0
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Whether a transaction is open.
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: the write lock is taken first, so what
    /// `body` reads cannot change before it commits. Any thrown error rolls everything back.
    @discardableResult
    public func writeTransaction<T>(_ body: () throws(DoorbraakError) -> T) throws(DoorbraakError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if inTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` in a read transaction, so that it sees one consistent snapshot.
    /// Inside an open transaction it simply runs `body` there.
    public func readTransaction<T>(_ body: () throws(DoorbraakError) -> T) throws(DoorbraakError) -> T {
        if inTransaction { return try body() }
        try execute("BEGIN DEFERRED")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if inTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }
}

/// Turns SQLite result codes into engine errors that carry the code, message and SQL.
enum SQLiteFailure {
    static func error(code: Int32, message: String, sql: String) -> DoorbraakError {
        let primary = code & 0xFF
        if primary == SQLITE_NOTADB {
            return DoorbraakError(.notADatabase, "the file is not a doorbraak database [SQLite \(code): \(message)]")
        }
        if primary == SQLITE_CORRUPT {
            // Pages rewritten in the file itself: not a bug of doorbraak, and nothing moves on it.
            return DoorbraakError(.audit, "the database file is damaged or was edited outside doorbraak (its pages disagree); nothing is written — run `doorbraak audit verify` [SQLite \(code): \(message)]")
        }
        if message.contains("integer overflow") {
            // SQLite's sum() over stored amounts: only values no doorbraak command writes get there.
            return DoorbraakError(.audit, "a sum of stored amounts overflows: the database holds values no doorbraak command writes; run `doorbraak audit verify` [SQLite \(code): \(message)]")
        }
        if primary == SQLITE_BUSY || primary == SQLITE_LOCKED {
            return DoorbraakError(.busy, "the database is busy (another doorbraak process holds the lock); try again later [SQLite \(code): \(message)]")
        }
        return DoorbraakError(.database, "SQLite error \(code): \(message) [in: \(sql.prefix(200))]")
    }
}

extension Database {
    /// `E-LEDGER` when this transaction rewrote a row whose bytes were not the ones checked beside
    /// the writer (`RowCapture.expectBeforeRewrite`), or not the ones it wrote itself before
    /// (`RowCapture.checkAsWritten`): the database file changed under the writer.
    /// Thrown by the statement that rewrote it, with its writes not yet described by an event, so
    /// the import stops and rolls back whole (`uncoveredWrites`); and again before COMMIT.
    func requireRewrittenAsChecked() throws(DoorbraakError) {
        guard let (table, key) = rowCapture?.rewrittenUnchecked else { return }
        let finding = RowFinding(table: table, key: key, change: .changed)
        throw DoorbraakError.ledger("\(table) \(key) was changed in the database file after this command checked or wrote it and before it rewrote it; nothing is stored; the database was changed outside doorbraak, not by your file: its administrator finds every such row with `doorbraak audit verify`", row: finding)
    }
}
