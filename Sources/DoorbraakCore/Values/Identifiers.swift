/// The three themes of the doorbraakmiddelen (004 §4.1).
public enum Theme: String, CaseIterable, Sendable, Codable, Comparable {
    /// AI, richtbedrag €275 mln (004 line 2817).
    case ai
    /// Digitale en hybride zorg, richtbedrag €275 mln (004 line 2823).
    case digitaleHybrideZorg = "digitale-hybride-zorg"
    /// Medische technologie, richtbedrag €50 mln (004 line 2831).
    case medischeTechnologie = "medische-technologie"

    /// Parses a theme id, naming the valid ones when it is not one.
    public init(parsing text: String) throws(DoorbraakError) {
        guard let theme = Theme(rawValue: text) else {
            let names = Theme.allCases.map(\.rawValue)
            throw DoorbraakError(.input, "unknown theme \"\(text)\"; \(NearestName.hint(for: text, among: names))use one of \(names.joined(separator: ", "))")
        }
        self = theme
    }

    public static func < (a: Theme, b: Theme) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// The care sectors that may apply.
public enum Sector: String, CaseIterable, Sendable, Comparable {
    /// Medisch-specialistische zorg.
    case msz
    /// Verpleging, verzorging en thuiszorg.
    case vvt
    /// Geestelijke gezondheidszorg.
    case ggz
    /// Huisartsenzorg.
    case huisartsenzorg

    /// Parses a sector id, naming the valid ones when it is not one.
    public init(parsing text: String) throws(DoorbraakError) {
        guard let sector = Sector(rawValue: text) else {
            throw DoorbraakError(.input, "unknown sector \"\(text)\"; use one of \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = sector
    }

    public static func < (a: Sector, b: Sector) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// Shared checks for identifiers written as fixed patterns.
enum Pattern {
    static func isDigits(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func isUpperAlnum(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 48 && c <= 57) }
    static func isLowerAlnum(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
}

/// A care provider's AGB code: 8 digits.
public struct AGB: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 8 digits.
    public let rawValue: String

    /// Parses an AGB code.
    public init(parsing text: String) throws(DoorbraakError) {
        guard Pattern.isDigits(text, count: 8) else {
            throw DoorbraakError(.input, "AGB code \"\(text)\" must be 8 digits")
        }
        rawValue = text
    }

    public var description: String { rawValue }
    public static func < (a: AGB, b: AGB) -> Bool { a.rawValue < b.rawValue }
}

/// A health insurer's UZOVI code: 4 digits.
public struct UZOVI: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 4 digits.
    public let rawValue: String

    /// Parses a UZOVI code.
    public init(parsing text: String) throws(DoorbraakError) {
        guard Pattern.isDigits(text, count: 4) else {
            throw DoorbraakError(.input, "UZOVI code \"\(text)\" must be 4 digits")
        }
        rawValue = text
    }

    public var description: String { rawValue }
    public static func < (a: UZOVI, b: UZOVI) -> Bool { a.rawValue < b.rawValue }
}

/// An application id: `^[A-Z0-9][A-Z0-9-]{2,39}$`.
public struct ApplicationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id as written.
    public let rawValue: String

    /// Parses an application id.
    public init(parsing text: String) throws(DoorbraakError) {
        let bytes = Array(text.utf8)
        guard (3...40).contains(bytes.count), let first = bytes.first, Pattern.isUpperAlnum(first),
              bytes.dropFirst().allSatisfy({ Pattern.isUpperAlnum($0) || $0 == UInt8(ascii: "-") }) else {
            throw DoorbraakError(.input, "application id \"\(text)\" must be 3–40 characters A–Z, 0–9 and '-', not starting with '-'")
        }
        rawValue = text
    }

    public var description: String { rawValue }
    public static func < (a: ApplicationID, b: ApplicationID) -> Bool { a.rawValue < b.rawValue }
}

/// A model plan id: kebab-case, e.g. `spraakgestuurd-rapporteren`.
public struct PlanID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id as written.
    public let rawValue: String

    /// Parses a plan id.
    public init(parsing text: String) throws(DoorbraakError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard !text.isEmpty, text.utf8.count <= 64,
              parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Pattern.isLowerAlnum) }) else {
            throw DoorbraakError(.input, "plan id \"\(text)\" must be kebab-case (a–z, 0–9, single '-')")
        }
        rawValue = text
    }

    public var description: String { rawValue }
    public static func < (a: PlanID, b: PlanID) -> Bool { a.rawValue < b.rawValue }
}

/// A milestone code within a plan: `M1` … `M9`.
public struct MilestoneCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position 1…9.
    public let number: Int

    /// Parses `M1` … `M9`.
    public init(parsing text: String) throws(DoorbraakError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 2, bytes[0] == UInt8(ascii: "M"), bytes[1] >= 49, bytes[1] <= 57 else {
            let upper = text.uppercased()
            let hint = upper != text && (try? MilestoneCode(parsing: upper)) != nil ? "; did you mean \(upper)?" : ""
            throw DoorbraakError(.input, "milestone code \"\(text)\" must be M1 … M9\(hint)")
        }
        number = Int(bytes[1] - 48)
    }

    public var description: String { "M\(number)" }
    public static func < (a: MilestoneCode, b: MilestoneCode) -> Bool { a.number < b.number }

    /// Whether milestone `a` comes before `b` in a plan (by number; codes as stored).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        guard let x = try? MilestoneCode(parsing: a), let y = try? MilestoneCode(parsing: b) else { return a < b }
        return x < y
    }
}
