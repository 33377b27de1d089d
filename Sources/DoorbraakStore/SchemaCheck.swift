import DoorbraakCore

/// The stored schema against the schema its version must have (SPEC §3.9): every table, index
/// and trigger, with its text. A dropped CHECK, index or trigger, or one added, is named.
public enum SchemaCheck {
    /// One schema object as `sqlite_schema` holds it.
    struct Object: Sendable, Equatable {
        var type: String
        var name: String
        var table: String
        var sql: String
    }

    /// The digest of the schema the migrations build (for the test that keeps `Schema.digest` true).
    public static var migrationsDigest: String {
        get throws(DoorbraakError) { digest(try reference(version: Schema.migrations.count)) }
    }

    /// The objects of `db`'s main schema, by type and name (the statistics tables of ANALYZE aside).
    static func objects(in db: Database) throws(DoorbraakError) -> [Object] {
        try db.rows("SELECT type, name, tbl_name, coalesce(sql, '') FROM main.sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name", []) { r in
            Object(type: r.text(0), name: r.text(1), table: r.text(2), sql: r.text(3))
        }
    }

    /// The schema of `version`, built in memory from the migrations.
    static func reference(version: Int) throws(DoorbraakError) -> [Object] {
        let memory = try Database(path: ":memory:", create: false)
        for n in 0..<version { try memory.execute(Schema.migrations[n]) }
        return try objects(in: memory)
    }

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

    /// SHA-256 over the objects, each field length-prefixed.
    static func digest(_ objects: [Object]) -> String {
        var hasher = SHA256()
        for o in objects {
            for field in [o.type, o.name, o.table, o.sql] {
                hasher.update(String(field.utf8.count) + ":")
                hasher.update(field)
            }
        }
        return hasher.finalizeHex()
    }

    /// Refuses a database whose schema is not the one of its version (E-SCHEMA, exit 65). The
    /// current schema is compared by its digest (`Schema.digest`, kept equal to the migrations by
    /// a test), so a command pays one read of `sqlite_schema`; the differences are worked out
    /// only when there are some.
    static func require(_ db: Database, version: Int) throws(DoorbraakError) {
        if version == Schema.migrations.count, digest(try objects(in: db)) == Schema.digest { return }
        let found = try differences(in: db, version: version)
        guard !found.isEmpty else { return }
        throw DoorbraakError(.schema, "the database schema is not doorbraak's schema version \(version), so it is not trusted: "
                             + found.prefix(5).joined(separator: "; ") + (found.count > 5 ? "; and \(found.count - 5) more" : ""), file: db.path)
    }
}
