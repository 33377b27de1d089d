/// The name `--actor` (or `DOORBRAAK_ACTOR`) records as the person behind a change (SPEC §5).
///
/// doorbraak adds to it, in parentheses, the role the person acts in and the party whose key
/// signed the file (`A. Jansen (insurer 3311, file signed by insurer:3311)`). So that what is in
/// parentheses is always doorbraak's, a name holds the letters of the Latin alphabet with their
/// accents (Latin-1 and Latin Extended-A, as Dutch names and those of its neighbours need),
/// digits, single spaces and `. , ' ’ - / & @ _` only — no brackets of any kind, no colon — and
/// never reads "signed by": an identity review of the twelfth landing wrote "clerk (file signed
/// by provider:…)" as the actor, then the same with a no-break space, a double space or a
/// Cyrillic letter, and the audit trail named a signer that never signed; a tamper review of the
/// fifteenth landing did so with accented, fullwidth, mathematical and small-capital letters and
/// with "signed_by". Within this closed alphabet every letter that looks like one of "signed by"
/// is read as it (`skeleton`). Other scripts are refused: a name is transliterated.
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
            throw DoorbraakError(.usage, "--actor (or DOORBRAAK_ACTOR) names the person at the keyboard with Latin letters (accents allowed), digits, spaces and . , ' ’ - / & @ _; \"\(bad.escaped(asASCII: true))\" is not one of them (doorbraak adds the role and the signer in parentheses itself)")
        }
        guard !ActorName.skeleton(name).contains("signed by") else {
            throw DoorbraakError(.usage, "--actor (or DOORBRAAK_ACTOR) names the person at the keyboard; \"signed by\" is not part of it: doorbraak records who signed a file from its signature")
        }
        return name
    }

    /// The name as it reads: lowercased, accents dropped, separators read as spaces, and the
    /// accented letters that look like those of "signed by" read as them.
    static func skeleton(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            if let plain = lookalikes[scalar] { out.append(plain); continue }
            if "_-./'’,&@".unicodeScalars.contains(scalar) { out.append(" "); continue }
            out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return String(out).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The letters of the allowed alphabet that read as one of `s i g n e d b y`.
    private static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = {
        let table: [(Unicode.Scalar, String)] = [
            ("s", "śŝşšſŚŜŞŠ"), ("i", "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ"), ("g", "ĝğġģĜĞĠĢ"), ("n", "ñńņňŉŋÑŃŅŇŊ"),
            ("e", "èéêëēĕėęěÈÉÊËĒĔĖĘĚ"), ("d", "ďđðĎĐÐ"), ("b", "þÞ"), ("y", "ýÿŷÝŸŶ"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (plain, looks) in table { for scalar in looks.unicodeScalars { map[scalar] = plain } }
        return map
    }()

    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " || ".,'’-/&@_".unicodeScalars.contains(scalar) { return true }
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true     // digits, A–Z, a–z
        case 0xD7, 0xF7: return false                                // × ÷
        case 0xC0...0xFF, 0x100...0x17F: return true                 // Latin-1 letters, Latin Extended-A
        case 0x300...0x36F: return true                              // combining accents
        default: return false
        }
    }
}
