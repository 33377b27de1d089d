/// The reference of the contract between insurer and providers (*contractvereiste*, 004 line 249).
/// It is printed in decisions and audit events, so it is plain: 3–64 characters of ASCII
/// letters, digits, space and `-/._`, starting with a letter or digit — no control or
/// bidirectional characters that could make a printed decision read otherwise than it is.
public struct ContractReference: Sendable, Equatable, CustomStringConvertible {
    /// The reference as given.
    public let rawValue: String

    /// The shortest and longest reference.
    public static let lengths = 3...64

    /// Parses a reference; surrounding spaces are dropped, anything else that breaks the rule is `E-CONTRACT`.
    public init(parsing text: String) throws(DoorbraakError) {
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty {
            throw DoorbraakError(.contract, "a contract reference is required (contractvereiste)", field: "contract")
        }
        guard ContractReference.lengths.contains(trimmed.unicodeScalars.count) else {
            throw DoorbraakError(.contract, "a contract reference has 3 to 64 characters; this one has \(trimmed.unicodeScalars.count)", field: "contract")
        }
        if let bad = trimmed.unicodeScalars.first(where: { !ContractReference.allowed($0) }) {
            throw DoorbraakError(.contract, "a contract reference may hold only letters, digits, space and -/._; it contains \(bad.codePoint)", field: "contract")
        }
        guard let first = trimmed.unicodeScalars.first, ContractReference.alphanumeric(first) else {
            throw DoorbraakError(.contract, "a contract reference starts with a letter or digit", field: "contract")
        }
        rawValue = trimmed
    }

    private static func alphanumeric(_ s: Unicode.Scalar) -> Bool {
        (s >= "A" && s <= "Z") || (s >= "a" && s <= "z") || (s >= "0" && s <= "9")
    }

    private static func allowed(_ s: Unicode.Scalar) -> Bool {
        alphanumeric(s) || s == " " || s == "-" || s == "/" || s == "." || s == "_"
    }

    /// The reference.
    public var description: String { rawValue }
}
