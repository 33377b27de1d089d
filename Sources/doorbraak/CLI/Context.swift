import DoorbraakCore
import DoorbraakStore
import Foundation

/// What every command gets: the global options, resolved once (SPEC §5).
struct Context {
    /// `--db`, else `DOORBRAAK_DB`, else `./doorbraak.sqlite`.
    var databasePath: String
    /// Whether `--db` or `DOORBRAAK_DB` named the database (else it is the default path).
    var databaseNamed: Bool
    /// `--today`, else `DOORBRAAK_TODAY`, else the system date.
    var today: Day
    /// `--json`: machine output on stdout.
    var json: Bool
    /// Who makes the changes: `--actor`, else `DOORBRAAK_ACTOR`, else the login name (SPEC §5).
    var actor: String
    /// Whether a CSV import reads its file and checks its chunks on a second thread beside the
    /// writer (`CSVImportSettings.checksBesideWriter`), and `nza decide --all` plans on two threads
    /// (`Store.decideAll`'s `secondThread`);
    /// `DOORBRAAK_CHECKS_BESIDE_WRITER=0` turns both off, for the tests and the bench that compare
    /// the two (README, Performance).
    var checksBesideWriter = true

    /// Takes the global options out of `arguments`.
    static func take(from arguments: inout ArgumentList, environment: [String: String]) throws(DoorbraakError) -> Context {
        let named = try arguments.value("--db") ?? environment["DOORBRAAK_DB"]
        let db = named ?? "./doorbraak.sqlite"
        if db.isEmpty { throw DoorbraakError(.usage, "--db needs a path") }
        let today: Day
        if let text = try arguments.value("--today") {
            do { today = try Day(parsing: text) } catch { throw DoorbraakError(.usage, "--today: \(error.message)") }
            try DateOrder.requireBusinessDate(today, source: "--today")
        } else if let text = environment["DOORBRAAK_TODAY"], !text.isEmpty {
            do { today = try Day(parsing: text) } catch { throw DoorbraakError(.usage, "DOORBRAAK_TODAY: \(error.message)") }
            try DateOrder.requireBusinessDate(today, source: "DOORBRAAK_TODAY")
        } else {
            let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
            today = Day(parts.year ?? 2026, parts.month ?? 1, parts.day ?? 1)
        }
        let given = try arguments.value("--actor") ?? environment["DOORBRAAK_ACTOR"]
        // A login name is taken as it is where it reads as a name, else as "operator".
        let cleanActor = try given.map { n throws(DoorbraakError) in try ActorName.parse(n.trimmingWhitespace) }
            ?? ((try? ActorName.parse(Context.loginName(environment))) ?? "operator")
        return Context(databasePath: db, databaseNamed: named != nil, today: today, json: arguments.flag("--json"), actor: cleanActor,
                       checksBesideWriter: environment["DOORBRAAK_CHECKS_BESIDE_WRITER"] != "0")
    }

    /// Opens the round's database.
    /// `readOnly` for commands that only read: SQLite opens the file read-only. A database
    /// that group or others may read is reported on stderr (it holds personal and financial data).
    func openStore(readOnly: Bool = false) throws(DoorbraakError) -> Store {
        if !FileManager.default.fileExists(atPath: databasePath) {
            throw DoorbraakError(.notInitialised, "no database here: to work on a round, run doorbraak in the round's folder or pass --db FILE (or set DOORBRAAK_DB); `doorbraak init` starts a new, empty round", file: databasePath)
        }
        let store = try Store.open(at: databasePath, readOnly: readOnly, upgrade: audit())
        // An upgrade is recorded in the chain; say so, so that nobody meets its event unawares.
        if let upgrade = store.upgrade {
            Output.error("note: \(databasePath) upgraded from schema version \(upgrade.from) to \(upgrade.to): "
                         + (upgrade.rowsBound.map { "\($0) rows as they stand bound to the chain" } ?? "indexes and new tables only, every row stays as the chain bound it")
                         + "; recorded as a `bind` event (`doorbraak audit log --action bind`)")
        }
        if let mode = store.db.loosePermissions {
            Output.error("warning: \(databasePath) has permissions \(String(mode, radix: 8)): \(Context.exposure(Int(mode))); run `chmod 600 \(databasePath)`")
        }
        return store
    }

    /// What `mode` lets others than the owner do, in words: "group and others can read it",
    /// "others can read and change it", …; empty when nobody else can read or change it.
    static func exposure(_ mode: Int) -> String {
        func can(_ shift: Int) -> String? {
            let (read, write) = (mode >> shift & 0o4 != 0, mode >> shift & 0o2 != 0)
            return read && write ? "read and change" : read ? "read" : write ? "change" : nil
        }
        let group = can(3), others = can(0)
        if let group, let others, group == others { return "group and others can \(group) it" }
        return [group.map { "group can \($0) it" }, others.map { "others can \($0) it" }].compactMap { $0 }.joined(separator: ", ")
    }

    /// The audit context of a change made by `actor` now.
    func audit(as actor: String) -> AuditContext {
        AuditContext(actor: actor, at: Clock.timestamp(), today: today)
    }

    /// The audit context of a change made by the actor, on behalf of `role` when one applies
    /// (`"insurer 3311"`, `"NZa"`): recorded as `actor (role)`.
    func audit(for role: String? = nil) -> AuditContext {
        audit(as: role.map { "\(actor) (\($0))" } ?? actor)
    }

    /// The login name of the user running the command.
    static func loginName(_ environment: [String: String]) -> String {
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }

    /// The wall-clock date in UTC, as audit events record it (whatever `--today` says).
    static var wallClockDay: Day? { Clock.today }
}
