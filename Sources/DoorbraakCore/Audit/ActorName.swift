/// The name `--actor` (or `DOORBRAAK_ACTOR`) records as the person behind a change (SPEC §5).
///
/// doorbraak adds to it, in parentheses, the role the person acts in and the party whose key
/// signed the file (`A. Jansen (insurer 3311, file signed by insurer:3311)`). So that what is in
/// parentheses is always doorbraak's, a name holds letters (any script), digits, single spaces
/// and `. , ' ’ - / & @ _` only — no brackets of any kind, no colon — and never "signed by": an
/// identity review of the twelfth landing wrote "clerk (file signed by provider:…)" as the actor,
/// then the same with a no-break space, a double space or a Cyrillic letter, and the audit trail
/// named a signer that never signed.
public enum ActorName {
    /// The most characters a name has.
    public static let limit = 80

    /// The name as recorded (spaces collapsed), or `E-USAGE` naming what is wrong.
    public static func parse(_ text: String) throws(DoorbraakError) -> String {
        let name = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard !name.isEmpty, name.count <= limit else {
            throw DoorbraakError(.usage, "--actor needs a name of 1 to \(limit) characters")
        }
        if let bad = name.unicodeScalars.first(where: { !allowed($0) }) {
            throw DoorbraakError(.usage, "--actor (or DOORBRAAK_ACTOR) names the person at the keyboard with letters, digits, spaces and . , ' - / & @ _; \"\(bad.escaped(asASCII: true))\" is not one of them (doorbraak adds the role and the signer in parentheses itself)")
        }
        guard !ActorName.skeleton(name).contains("signed by") else {
            throw DoorbraakError(.usage, "--actor (or DOORBRAAK_ACTOR) names the person at the keyboard; \"signed by\" is not part of it: doorbraak records who signed a file from its signature")
        }
        return name
    }

    /// The name as it reads: lowercased, accents dropped, and the Cyrillic, Greek and accented
    /// letters that look like those of "signed by" read as them (a review of the fifteenth
    /// landing: "clerk ѕigned by provider 40504425", with a Cyrillic ѕ, passed the check and the
    /// trail read as signed). A name in another script keeps its letters.
    static func skeleton(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let plain = lookalikes[scalar] { out.append(plain); continue }
            out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return String(out)
    }

    /// Letters that read as one of `s i g n e d b y`.
    private static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = {
        let table: [(Unicode.Scalar, String)] = [
            ("s", "ѕЅśŝşšșꜱŚŜŞŠȘ"), ("i", "іІıíìîïĩīĭįɩιΙӀӏÍÌÎÏĨĪĬĮİ"), ("g", "ɡğĝġģǧցĞĜĠĢǦ"),
            ("n", "ոñńņňŉηпÑŃŅŇΝ"), ("e", "еЕéèêëēĕėęěεҽÉÈÊËĒĔĖĘĚΕ"), ("d", "ԁďđɗĎĐ"),
            ("b", "ЬьƄƅβΒВ"), ("y", "уУýÿŷγүҮÝŸŶΥ"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (plain, looks) in table { for scalar in looks.unicodeScalars { map[scalar] = plain } }
        return map
    }()

    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " || ".,'’-/&@_".unicodeScalars.contains(scalar) { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }
}
