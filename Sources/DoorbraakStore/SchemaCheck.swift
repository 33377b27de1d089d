import DoorbraakCore

/// The stored schema against the schema its version must have (SPEC §3.9): every table, index
/// and trigger, with its text. A dropped CHECK, index or trigger, or one added, is named.
enum SchemaCheck {
    /// One schema object as `sqlite_schema` holds it.
    struct Object: Sendable, Equatable {
        var type: String
        var name: String
        var table: String
        var sql: String
    }

    /// The objects of `db`'s main schema, by type and name (the statistics tables of ANALYZE aside).
    static func objects(in db: Database) throws(DoorbraakError) -> [Object] {
        try db.rows("SELECT type, name, tbl_name, coalesce(sql, '') FROM main.sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name", []) { r in
            Object(type: r.text(0), name: r.text(1), table: r.text(2), sql: r.text(3))
        }
    }

    /// The schema of `version`, built in memory from the migrations.
    static func reference(version: Int) throws(DoorbraakError) -> [Object] {
        if version == Schema.migrations.count, let current { return current }
        let memory = try Database(path: ":memory:", create: false)
        for n in 0..<version { try memory.execute(Schema.migrations[n]) }
        return try objects(in: memory)
    }

    /// The current schema, built once per process.
    private static let current: [Object]? = {
        guard let memory = try? Database(path: ":memory:", create: false) else { return nil }
        for migration in Schema.migrations { guard (try? memory.execute(migration)) != nil else { return nil } }
        return try? objects(in: memory)
    }()

    /// What differs between the stored schema and the one of `version`, for people.
    static func differences(in db: Database, version: Int) throws(DoorbraakError) -> [String] {
        let expected = try reference(version: version), found = try objects(in: db)
        let foundByName = Dictionary(found.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let expectedNames = Set(expected.map(\.name))
        var out: [String] = []
        for e in expected {
            guard let f = foundByName[e.name] else {
                out.append("\(e.type) \(e.name) is missing")
                continue
            }
            if f != e { out.append("\(e.type) \(e.name) differs from schema version \(version): \(f.sql.isEmpty ? "(no text)" : String(f.sql.prefix(120)))") }
        }
        for f in found where !expectedNames.contains(f.name) {
            out.append("\(f.type) \(f.name) is not part of schema version \(version)")
        }
        return out
    }

    /// Refuses a database whose schema is not the one of its version (E-SCHEMA, exit 65).
    static func require(_ db: Database, version: Int) throws(DoorbraakError) {
        let found = try differences(in: db, version: version)
        guard !found.isEmpty else { return }
        throw DoorbraakError(.schema, "the database schema is not doorbraak's schema version \(version), so it is not trusted: "
                             + found.prefix(5).joined(separator: "; ") + (found.count > 5 ? "; and \(found.count - 5) more" : ""), file: db.path)
    }
}
