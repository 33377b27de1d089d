extension ErrorCode {
    /// A party that is not in the register, or a register entry that is malformed.
    public static let party = ErrorCode("E-PARTY", .refused)
    /// A replacement or withdrawal by someone other than the application's penvoerder (SPEC §3.2).
    public static let owner = ErrorCode("E-OWNER", .refused)
}

/// The role a party plays in the cycle (SPEC §3.10).
public enum PartyRole: String, Sendable, CaseIterable, Comparable {
    /// A health insurer, by UZOVI code: assesses, contracts and pays.
    case insurer
    /// A care provider, by AGB code: applies in a coalition and accounts for its costs.
    case provider
    /// The Nederlandse Zorgautoriteit: grants the beschikkingen.
    case nza
    /// The BO IZA/AZWA: steers the round.
    case board

    /// Parses a role name; names the roles when it is none of them.
    public init(parsing text: String) throws(DoorbraakError) {
        guard let role = PartyRole(rawValue: text) else {
            throw DoorbraakError(.usage, "unknown role \"\(text)\"; the roles are \(PartyRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = role
    }

    public static func < (a: PartyRole, b: PartyRole) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// A party as `ROLE:ID`, the principal of its OpenSSH signing key (`insurer:3311`).
public struct PartyID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The role.
    public let role: PartyRole
    /// UZOVI for an insurer, AGB for a provider, a short name for the NZa and the board.
    public let id: String

    /// A party id, checked for its role: 4 digits for an insurer, 8 for a provider, a short
    /// lower-case name (`nza`, `bo-iza-azwa`) for the others.
    public init(role: PartyRole, id: String) throws(DoorbraakError) {
        switch role {
        case .insurer:
            do { _ = try UZOVI(parsing: id) } catch { throw DoorbraakError(.usage, "an insurer is registered by its UZOVI code: \(error.message)") }
        case .provider:
            do { _ = try AGB(parsing: id) } catch { throw DoorbraakError(.usage, "a provider is registered by its AGB code: \(error.message)") }
        case .nza, .board:
            guard (1...32).contains(id.utf8.count), id.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }) else {
                throw DoorbraakError(.usage, "a \(role.rawValue) id is 1 to 32 lower-case letters, digits or '-', not \"\(id)\"")
            }
        }
        self.role = role
        self.id = id
    }

    /// Parses `ROLE:ID`.
    public init(parsing text: String) throws(DoorbraakError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw DoorbraakError(.usage, "a party is written ROLE:ID, e.g. insurer:3311 or provider:12345678, not \"\(text)\"")
        }
        try self.init(role: try PartyRole(parsing: String(text[..<colon])), id: String(text[text.index(after: colon)...]))
    }

    /// `insurer:3311`.
    public var description: String { "\(role.rawValue):\(id)" }

    public static func < (a: PartyID, b: PartyID) -> Bool { (a.role, a.id) < (b.role, b.id) }
}

/// One entry of the register of parties.
public struct Party: Sendable, Equatable {
    /// Role and id.
    public var party: PartyID
    /// The name as registered.
    public var name: String
    /// The OpenSSH public key (`ssh-ed25519 AAAA…`) its signed files are checked against, if any.
    public var publicKey: String?

    /// An entry; the name is 1 to 120 printable characters.
    public init(_ party: PartyID, name: String, publicKey: String? = nil) throws(DoorbraakError) {
        let clean = name.trimmingWhitespace
        guard !clean.isEmpty, clean.count <= 120, clean.utf8.count <= 480, !clean.hasControlOrFormatCharacter else {
            throw DoorbraakError(.usage, "a party's name is 1 to 120 printable characters (at most 480 bytes)")
        }
        self.party = party
        self.name = clean
        self.publicKey = publicKey
    }
}

/// The register's rules that need no database: the insurers `init` registers, and the nearest
/// registered code for a mistyped one.
public enum PartyRegister {
    /// The Dutch health insurers `init` registers by UZOVI code. The names of 3311, 3313, 3334,
    /// 3343, 3351, 3358, 3361, 7095, 0101, 0699 and 0736 follow a published list of UZOVI codes;
    /// 7029, 7119 and 3336 are codes earlier rounds and the generator use, registered without a
    /// name we could confirm (an assumption: check them against Vektis' UZOVI register and
    /// correct them with `party add insurer CODE NAME`).
    public static let dutchInsurers: [(uzovi: String, name: String)] = [
        ("0101", "Univé Zorg"),
        ("0699", "IZA Zorgverzekeraar"),
        ("0736", "Zorgverzekeraar UMC"),
        ("3311", "Zilveren Kruis Zorgverzekeringen"),
        ("3313", "Interpolis Zorgverzekeringen"),
        ("3334", "IZA-VNG"),
        ("3336", "zorgverzekeraar 3336 (name to be confirmed)"),
        ("3343", "ONVZ Ziektekostenverzekeraar"),
        ("3351", "FBTO Zorgverzekeringen"),
        ("3358", "De Friesland Zorgverzekeraar"),
        ("3361", "ZEKUR"),
        ("7029", "zorgverzekeraar 7029 (name to be confirmed)"),
        ("7095", "VGZ Zorgverzekeraar"),
        ("7119", "zorgverzekeraar 7119 (name to be confirmed)"),
    ]

    /// The UZOVI codes of `dutchInsurers`.
    public static var dutchInsurerCodes: Set<String> { Set(dutchInsurers.map(\.uzovi)) }

    /// The registered code nearest to a mistyped `code`: the fewest edits, where swapping two
    /// neighbouring digits is one edit and, between equally near codes, one with the same digits
    /// (a swap) wins; nil when none is within one edit (two edits of a four-digit code are half
    /// of it: a newcomer was asked whether 9999 meant 0699).
    public static func nearest(_ code: String, among registered: [String]) -> String? {
        let digits = code.sorted()
        let scored = registered.map { ($0, distance(Array(code), Array($0)), $0.sorted() == digits ? 0 : 1) }.filter { $0.1 == 1 }
        return scored.min { ($0.1, $0.2, $0.0) < ($1.1, $1.2, $1.0) }?.0
    }

    /// Edit distance with transpositions of neighbours (optimal string alignment).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// `E-INSURERS` for each named insurer that is not registered, with the nearest registered code.
    public static func checkInsurers(_ named: [(field: String, code: String)], registered: Set<String>) -> [DoorbraakError] {
        var errors: [DoorbraakError] = []
        for (field, code) in named where (try? UZOVI(parsing: code)) != nil && !registered.contains(code) {
            let hint = nearest(code, among: registered.sorted()).map { "; did you mean \($0)?" } ?? "; `doorbraak party list --role insurer` shows the registered insurers"
            errors.append(DoorbraakError(.insurers, "insurer \(code) is not a registered health insurer\(hint)", field: field))
        }
        return errors
    }
}
