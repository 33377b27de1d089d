import DoorbraakCore
import DoorbraakStore
import Foundation
import Testing

@Suite struct StoreTests {
    @Test func createsAPrivateDatabaseWithTheRoundAndPlans() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var settings = RoundSettings.standard
        settings.bar = try ImpactBar(parsing: "12.5")
        settings.deadline = Day(2026, 12, 15)
        settings.themeAmounts[.ai] = Money(cents: 1)
        let store = try freshStore(in: folder, settings: settings)
        let path = folder.appendingPathComponent("round.sqlite").path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try store.settings() == settings)
        #expect(try store.plans().count == 16)
        #expect(try store.plan("zorgpad-copd") == (try sourcePlans()).first { $0.id.rawValue == "zorgpad-copd" })
        #expect(try store.plan("no-such-plan") == nil)
        #expect(try store.db.integer("PRAGMA user_version") == Int64(Schema.migrations.count))
        #expect(try store.db.row("PRAGMA journal_mode", [], { $0.text(0) }) == "wal")
        #expect(try store.db.integer("PRAGMA foreign_keys") == 1)
        // Reopening finds the same state.
        #expect(try Store.open(at: path).settings() == settings)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("creating") }.isEmpty)
    }

    @Test func refusesToOverwriteAnExistingDatabase() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try freshStore(in: folder)
        let before = try AuditLog.events(in: store.db).count
        #expect {
            try freshStore(in: folder)
        } throws: { ($0 as? DoorbraakError)?.code == .exists }
        #expect(try AuditLog.events(in: store.db).count == before)
    }

    @Test func openingAMissingOrEmptyFileSaysToInit() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect { try Store.open(at: folder.appendingPathComponent("none.sqlite").path) } throws: { ($0 as? DoorbraakError)?.code == .notInitialised }
        let empty = folder.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect { try Store.open(at: empty) } throws: { ($0 as? DoorbraakError)?.code == .notInitialised }
    }

    @Test func theSchemaFileIsTheMigrations() throws {
        let file = packageRoot.appendingPathComponent("Schemas/schema.sql")
        if ProcessInfo.processInfo.environment["DOORBRAAK_WRITE_SCHEMA"] == "1" {
            try Schema.fileText.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == Schema.fileText,
                "Schemas/schema.sql differs from Schema.migrations; regenerate with DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations")
        #expect(Schema.fileText.contains("STRICT"))
        // The digest every command compares the stored schema with.
        let digestFile = packageRoot.appendingPathComponent("Sources/DoorbraakStore/SchemaDigest.swift")
        let digest = try SchemaCheck.migrationsDigest
        if ProcessInfo.processInfo.environment["DOORBRAAK_WRITE_SCHEMA"] == "1" {
            try """
            // Generated: DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations
            extension Schema {
                /// SHA-256 of the schema the migrations build (`SchemaCheck.digest`).
                public static let digest = "\(digest)"
            }

            """.write(to: digestFile, atomically: true, encoding: .utf8)
        }
        #expect(Schema.digest == digest, "Schema.digest differs from the migrations; regenerate with DOORBRAAK_WRITE_SCHEMA=1 swift test --filter theSchemaFileIsTheMigrations")
    }

    /// Migration 10: no CHECK lists three or more values (SQLite built a temporary b-tree for
    /// such a list on every write of the column); an older database upgrades to the very same
    /// schema as a fresh one, and the constraints still refuse what they refused.
    @Test func migrationTenLeavesNoCheckListAndUpgradesAnOlderDatabaseToTheSameSchema() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("old.sqlite").path
        do {
            let db = try Database(path: old, create: true)
            for n in 0..<9 { try db.execute(Schema.migrations[n]) }
            try db.execute("PRAGMA user_version = 9")
        }
        let upgraded = try Store.open(at: old)
        let fresh = try freshStore(in: folder)
        func schema(_ store: Store) throws -> [String] {
            try store.db.rows("SELECT name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name", []) { $0.text(0) }
        }
        #expect(try schema(upgraded) == schema(fresh))
        for store in [upgraded, fresh] {
            let tables = try schema(store).joined(separator: "\n")
            #expect(tables.range(of: #"IN \([^)]*,[^)]*,"#, options: .regularExpression) == nil)
            #expect(tables.contains("status = 'withdrawn'"))
            #expect(try store.db.integer("PRAGMA user_version") == Int64(Schema.migrations.count))
            #expect(try store.db.row("PRAGMA integrity_check", [], { $0.text(0) }) == "ok")
            let plan = try store.db.rows("EXPLAIN UPDATE application SET status = 'approved' WHERE id = 'x'", []) { $0.text(1) }
            #expect(!plan.contains("OpenEphemeral"))
        }
        // The constraint still refuses a value outside its list, and takes each of its values.
        #expect(throws: DoorbraakError.self) { try fresh.db.execute("UPDATE round SET bar_scenario = 'D'") }
        try fresh.db.execute("UPDATE round SET bar_scenario = 'C'")
        try fresh.db.execute("UPDATE round SET bar_scenario = NULL")
    }

    @Test func aThrowingTransactionLeavesNothing() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try freshStore(in: folder)
        #expect(throws: DoorbraakError.self) {
            try store.db.writeTransaction { () throws(DoorbraakError) in
                try AuditLog.append(in: store.db, testEvent, action: "x", subject: "s", before: "a", after: "b")
                throw DoorbraakError(.internal, "boom")
            }
        }
        #expect(try AuditLog.events(in: store.db).count == 1)
        #expect(!store.db.inTransaction)
        #expect(try AuditLog.verify(in: store.db).ok)
    }

    @Test func aWriterLockedOutPastTheTimeoutGetsBusy() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try freshStore(in: folder)
        let path = folder.appendingPathComponent("round.sqlite").path
        let holder = try Database(path: path, create: false)
        try holder.execute("BEGIN IMMEDIATE")
        let waiter = try Database(path: path, create: false, busyTimeoutMilliseconds: 50)
        #expect {
            try waiter.writeTransaction { () throws(DoorbraakError) in }
        } throws: { ($0 as? DoorbraakError)?.code == .busy }
        try holder.execute("ROLLBACK")
        try waiter.writeTransaction { () throws(DoorbraakError) in }
    }

    @Test func ceilingStatusStartsEmpty() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let status = try freshStore(in: folder).ceilingStatus()
        #expect(status.ceiling == Money(euros: 600_000_000))
        #expect(status.remaining == status.ceiling)
        #expect(status.themes.map(\.theme) == Theme.allCases)
        #expect(status.years.map(\.year) == [2027, 2028, 2029])
    }

    /// A cached statement bound again with fewer values than it has parameters leaves none of
    /// the last call's values behind (bindings are cleared only then, issue 21).
    @Test func aParameterNotGivenAgainIsNull() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try freshStore(in: folder)
        let statement = try store.db.cached("SELECT ?1, ?2 IS NULL")
        #expect(try statement.rowValue([.integer(1), .integer(2)]) { ($0.int(0), $0.int(1)) }.map { [$0.0, $0.1] } == [1, 0])
        #expect(try statement.rowValue([.integer(3)]) { ($0.int(0), $0.int(1)) }.map { [$0.0, $0.1] } == [3, 1])
        #expect(try statement.rowValue([.integer(4), .integer(5)]) { ($0.int(0), $0.int(1)) }.map { [$0.0, $0.1] } == [4, 0])
    }
}

@Suite struct PendingSweepPlanTests {
    /// The sweep that refuses pending requests which no longer fit is a range read on the
    /// partial index, in its order: no scan of the beschikkingen, no sort.
    /// The recount of the committed amount before money moves reads the partial index of the
    /// granted beschikkingen whole and alone (migration 15): no table, no range on status.
    @Test func theCommittedRecountScansThePartialIndexAlone() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try freshStore(in: folder)
        let plan = try store.db.rows("EXPLAIN QUERY PLAN " + Store.committedRecount, []) { $0.text(3) }.joined(separator: "\n")
        #expect(plan == "SCAN beschikking USING COVERING INDEX beschikking_granted", "\(plan)")
    }

    @Test func theSweepUsesThePartialIndex() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try freshStore(in: folder)
        let plan = try store.db.rows("EXPLAIN QUERY PLAN " + Store.pendingSweep, [.integer(0)]) { $0.text(3) }.joined(separator: "\n")
        #expect(plan.contains("beschikking_pending_size"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "no sort: \(plan)")
        #expect(!plan.contains("SCAN beschikking"), "no scan: \(plan)")
    }
}

/// The wall-clock time an audit event records, written without Foundation's date formatter
/// (issue 21): ISO 8601 in UTC to the millisecond, the instant it was taken.
@Suite struct ClockTests {
    @Test func theTimestampIsISO8601UTCToTheMillisecondAndNow() throws {
        let before = Date()
        let stamp = Clock.timestamp()
        let after = Date()
        let bytes = Array(stamp.utf8)
        #expect(bytes.count == 24, "\(stamp)")
        let shape = "dddd-dd-ddTdd:dd:dd.dddZ"
        for (b, s) in zip(bytes, shape.utf8) {
            if s == UInt8(ascii: "d") { #expect((0x30...0x39).contains(b), "\(stamp)") } else { #expect(b == s, "\(stamp)") }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(formatter.date(from: stamp))
        #expect(parsed.timeIntervalSince(before) >= -0.001 && after.timeIntervalSince(parsed) >= -0.001, "\(stamp) not between \(before) and \(after)")
        #expect(Clock.today.description == String(stamp.prefix(10)) || Clock.today.description > String(stamp.prefix(10)))
    }
}
