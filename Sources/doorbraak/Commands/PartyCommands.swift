import DoorbraakCore
import DoorbraakImport
import DoorbraakStore

/// `doorbraak party list [--role R]`.
enum PartyListCommand: Command {
    static let name = "party list"
    static let summary = "the register of parties: insurers, providers, the NZa and the board, with their keys"
    static let usage = "[--role insurer|provider|nza|board]"
    static let help = """
    Every registered party with its role, id (UZOVI for an insurer, AGB for a provider), name and
    whether a public key for signed files is registered. `init` registers the Dutch health
    insurers; an application naming an insurer that is not registered is refused (E-INSURERS).
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let role = try arguments.value("--role").map { r throws(DoorbraakError) in try PartyRole(parsing: r) }
        try arguments.finish()
        let store = try context.openStore(readOnly: true)
        let parties = try store.showing(.parties) { () throws(DoorbraakError) in try store.parties(role: role) }
        if context.json {
            Output.json(.object([("parties", .array(parties.map { p in
                .object([("role", .string(p.party.role.rawValue)), ("id", .string(p.party.id)), ("name", .string(p.name)),
                         ("key", p.publicKey.map { .string($0) } ?? .null)])
            }))]))
            return ExitCode.done
        }
        var table = Table([("party", .left), ("name", .left), ("key", .left)])
        for p in parties { table.add([p.party.description, p.name, p.publicKey.map { String($0.prefix(24)) + "…" } ?? "-"]) }
        Output.line(table.text + "\n\(parties.count) part\(parties.count == 1 ? "y" : "ies")")
        return ExitCode.done
    }
}

/// `doorbraak party add ROLE ID NAME`.
enum PartyAddCommand: Command {
    static let name = "party add"
    static let summary = "register a party (or, with --rename, correct its name); audited"
    static let usage = "ROLE ID NAME [--rename]"
    static let help = """
    ROLE is insurer (ID a 4-digit UZOVI code), provider (an 8-digit AGB code), nza or board (a
    short lower-case name, e.g. nza, bo-iza-azwa). NAME in quotes when it has spaces. A registered
    party keeps its name (E-PARTY) unless --rename is given; every change is an audit event.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let role = try PartyRole(parsing: try arguments.requiredOperand("role"))
        let id = try arguments.requiredOperand("id")
        let name = try arguments.requiredOperand("name")
        let rename = arguments.flag("--rename")
        try arguments.finish()
        let party = try Party(try PartyID(role: role, id: id), name: name)
        let change = try context.openStore().addParty(party, rename: rename, event: context.audit())
        let said: String
        switch change {
        case .added: said = "registered \(party.party): \(party.name)"
        case .changed(let before): said = "renamed \(party.party): \(before) → \(party.name)"
        case .unchanged: said = "\(party.party) is already registered with this name; nothing changed"
        }
        if context.json {
            Output.json(.object([("party", .string(party.party.description)), ("name", .string(party.name)), ("outcome", .string(String(describing: change).prefix(while: { $0 != "(" }).description))]))
        } else {
            Output.line(said)
        }
        return ExitCode.done
    }
}

/// `doorbraak party key ROLE:ID PUBKEY-FILE`.
enum PartyKeyCommand: Command {
    static let name = "party key"
    static let summary = "register the OpenSSH public key a party signs its files with; audited"
    static let usage = "ROLE:ID PUBKEY-FILE"
    static let help = """
    The party's public key (the .pub file of `ssh-keygen -t ed25519`), against which its signed
    files are checked (`--signature FILE` on application submit and the imports; the party signs
    with `ssh-keygen -Y sign -n doorbraak -f KEY FILE`). Replacing a key is an audit event with the
    new key's fingerprint. Never give the private key.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let party = try PartyID(parsing: try arguments.requiredOperand("ROLE:ID"))
        let file = try arguments.requiredOperand("public key file")
        try arguments.finish()
        let (key, fingerprint) = try FileSignature.publicKey(in: file)
        let change = try context.openStore().setKey(of: party, publicKey: key, fingerprint: fingerprint,
                                                    fingerprints: { (keys: [String]) throws(DoorbraakError) -> [String] in try FileSignature.fingerprints(of: keys) }, event: context.audit())
        if context.json {
            Output.json(.object([("party", .string(party.description)), ("fingerprint", .string(fingerprint)), ("changed", .bool(change != .unchanged))]))
        } else {
            Output.line(change == .unchanged ? "\(party) has this key already; nothing changed" : "\(party): key \(fingerprint) registered")
        }
        return ExitCode.done
    }
}
