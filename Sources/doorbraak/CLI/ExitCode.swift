import DoorbraakCore

/// The exit codes of SPEC §5, in one place.
enum ExitCode {
    static let done: Int32 = 0
    static let refused: Int32 = 1
    static let usage: Int32 = 64
    static let badInput: Int32 = 65
    static let missing: Int32 = 66
    static let `internal`: Int32 = 70
    static let io: Int32 = 74
    static let busy: Int32 = 75

    /// The exit code for an error.
    static func of(_ error: DoorbraakError) -> Int32 {
        switch error.code.kind {
        case .refused: return refused
        case .usage: return usage
        case .badInput: return badInput
        case .missing: return missing
        case .internal: return `internal`
        case .io: return io
        case .busy: return busy
        }
    }
}
