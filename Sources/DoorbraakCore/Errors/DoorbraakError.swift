/// What kind of failure an error is; the CLI maps each kind to one exit code (SPEC §5).
public enum FailureKind: Sendable, Equatable {
    /// A rule refused the request (exit 1).
    case refused
    /// The command line was wrong (exit 64).
    case usage
    /// Input data was malformed (exit 65).
    case badInput
    /// An input file or record does not exist (exit 66).
    case missing
    /// A bug or an impossible state (exit 70).
    case `internal`
    /// Reading or writing a file failed (exit 74).
    case io
    /// The database stayed locked past the busy timeout (exit 75).
    case busy
}

/// A coded error code such as `E-BAR`; the code names the rule, the kind decides the exit code.
public struct ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The code as printed, e.g. `E-BAR`.
    public let rawValue: String
    /// How the CLI treats it.
    public let kind: FailureKind

    /// A code with its kind.
    public init(_ rawValue: String, _ kind: FailureKind) {
        self.rawValue = rawValue
        self.kind = kind
    }

    /// The printed code.
    public var description: String { rawValue }

    public static func == (a: ErrorCode, b: ErrorCode) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

extension ErrorCode {
    // Generic input and environment failures.
    /// Malformed input: syntax, type, unknown field, bad amount.
    public static let input = ErrorCode("E-INPUT", .badInput)
    /// Wrong command-line usage.
    public static let usage = ErrorCode("E-USAGE", .usage)
    /// A file, directory or record that does not exist.
    public static let missing = ErrorCode("E-MISSING", .missing)
    /// An I/O failure.
    public static let io = ErrorCode("E-IO", .io)
    /// The database is locked by another process past the busy timeout.
    public static let busy = ErrorCode("E-BUSY", .busy)
    /// A database failure that is not the user's doing.
    public static let database = ErrorCode("E-DATABASE", .internal)
    /// A state that should be impossible.
    public static let `internal` = ErrorCode("E-INTERNAL", .internal)
    /// The database has not been initialised, or is of another version.
    public static let notInitialised = ErrorCode("E-NOT-INITIALISED", .missing)
    /// `--db` names a file that is not a SQLite database (SPEC §5: exit 65).
    public static let notADatabase = ErrorCode("E-NOT-DATABASE", .badInput)
    /// A model plan file breaks the plan rules.
    public static let planFile = ErrorCode("E-PLAN-FILE", .badInput)
    /// The audit chain does not verify.
    public static let audit = ErrorCode("E-AUDIT", .refused)
    /// A state change that the current status does not allow.
    public static let state = ErrorCode("E-STATE", .refused)
}

/// The one error type of the engine: a code, a message, and where it happened.
public struct DoorbraakError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule or failure code.
    public var code: ErrorCode
    /// A sentence a user can act on.
    public var message: String
    /// The field path inside the record, e.g. `milestones[1].tariff`.
    public var field: String?
    /// The file the input came from.
    public var file: String?
    /// The 1-based line in that file.
    public var line: Int?
    /// Further errors of the same record or file, so that all of them are reported at once.
    public var further: [DoorbraakError] = []
    /// The kept row a refusal names (`E-LEDGER`: edited, added or deleted outside doorbraak), for
    /// `--json` to give table, key, column and values as `audit verify --json` does.
    public var row: RowFinding?

    /// This error and every further one, each standing alone.
    public var all: [DoorbraakError] {
        var first = self
        first.further = []
        return [first] + further.flatMap(\.all)
    }

    /// How many further errors of the same record this one stands for, not kept (`ErrorList`):
    /// non-zero only on the closing note of a record's list.
    public var omitted = 0

    /// The errors as one, kept within `ErrorList.limit`: the first carries the rest; nil when
    /// there are none.
    public static func combined(_ errors: [DoorbraakError]) -> DoorbraakError? {
        var list = ErrorList()
        for error in errors { list.add(error) }
        return list.combined
    }

    /// An error with its code and message, and optionally where it happened.
    public init(_ code: ErrorCode, _ message: String, field: String? = nil, file: String? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.file = file
        self.line = line
    }

    /// The same error, located in a file and line (keeps a location already set).
    public func located(file: String?, line: Int?) -> DoorbraakError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.line == nil { copy.line = line }
        copy.further = copy.further.map { $0.located(file: file, line: line) }
        return copy
    }

    /// The same error with the field path prefixed by `parent` (`parent.field`).
    public func nested(under parent: String) -> DoorbraakError {
        var copy = self
        copy.field = FieldPath.join(parent, copy.field)
        copy.further = copy.further.map { $0.nested(under: parent) }
        return copy
    }

    /// `<CODE>: <message> (<file>:<line>: <field>)` as SPEC §5 prints it after `error: `.
    public var description: String {
        var location: [String] = []
        switch (file, line) {
        case let (file?, line?): location.append("\(file):\(line)")
        case let (file?, nil): location.append(file)
        case let (nil, line?): location.append("line \(line)")
        case (nil, nil): break
        }
        if let field, !field.isEmpty { location.append(field) }
        let suffix = location.isEmpty ? "" : " (\(location.joined(separator: ": ")))"
        return "\(code.rawValue): \(message)\(suffix)"
    }
}

/// Field paths such as `coalition[0].agb`.
public enum FieldPath {
    /// `parent.child`, `parent[0]` or whichever side is present.
    public static func join(_ parent: String, _ child: String?) -> String {
        guard let child, !child.isEmpty else { return parent }
        if parent.isEmpty { return child }
        return child.hasPrefix("[") ? parent + child : parent + "." + child
    }
}
