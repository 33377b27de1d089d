import DoorbraakCore

/// What `party add` or `party key` did.
public enum PartyChange: Sendable, Equatable {
    /// A new entry.
    case added
    /// The name or key changed.
    case changed(before: String)
    /// Already registered so: nothing changed.
    case unchanged
}

extension Store {
    /// The first schema version with the register of parties.
    static let partiesVersion = 12

    /// What the admission checks read — the round's settings (the deadline, the bar), the model
    /// plans and the registered insurers — from rows as the chain bound them, in one snapshot
    /// (an attacker's review: `application check` said "admissible" after the deadline was moved
    /// or an insurer added with `sqlite3`; an import judged on a plan deleted with it).
    public func admissionInputs() throws(DoorbraakError) -> (settings: RoundSettings, plans: [ModelPlan], insurers: Set<String>) {
        let refusal = { (finding: RowFinding) in Store.notShown("the admission check is not made: a row it rests on", finding) }
        return try db.readTransaction { () throws(DoorbraakError) -> (settings: RoundSettings, plans: [ModelPlan], insurers: Set<String>) in
            try requireSettingsRowsBound(refusal: refusal)
            try requireBoundTable("plan", refusal: refusal)
            try requireBoundTable("party", refusal: refusal)
            return (try settings(), try plans(), try registeredInsurers())
        }
    }

    /// The registered name of each coalition member whose AGB is in the register under another
    /// name than the application gives it (a review: a signed application named a registered
    /// provider "Totaal Andere Naam BV", and the assessor saw that name as fact). A member not in
    /// the register is not named here: the register does not know every provider. Each member's
    /// row, or its absence, as the chain bound it (a name edited with `sqlite3` is not shown).
    public func registeredNames(differingFrom coalition: [(agb: String, name: String)]) throws(DoorbraakError) -> [String: String] {
        let refusal = { (finding: RowFinding) in Store.notShown("the register's name of a coalition member is not shown: its row", finding) }
        var differing: [String: String] = [:]
        for member in coalition {
            try requireBound("party", [.text(PartyRole.provider.rawValue), .text(member.agb)], refusal: refusal)
            if let registered = try db.cached("SELECT name FROM party WHERE role = 'provider' AND id = ?").rowValue([.text(member.agb)], { $0.text(0) }),
               registered != member.name {
                differing[member.agb] = registered
            }
        }
        return differing
    }

    /// The UZOVI codes of the registered insurers (the admission check's `E-INSURERS`); on a
    /// writing connection the register is first checked against the chain (an insurer inserted
    /// with `sqlite3` must not assess or be paid).
    public func registeredInsurers() throws(DoorbraakError) -> Set<String> {
        if db.rowCapture != nil { try requireBoundTable("party") }
        return Set(try db.cached("SELECT id FROM party WHERE role = 'insurer'").rowsValue([]) { $0.text(0) })
    }

    /// The signer of a file (or statement) this command acts on, as its signature was checked
    /// (`allowed`: the allowed-signers lines it was checked against): `E-DATE` when `day` precedes
    /// the registration of its key (its newest event); and every write transaction of this
    /// command then checks, under its write lock, that the key registered for it is still the
    /// one the signature was checked with (`AuditLog.append`; a key replaced between the check
    /// and the import's write lock was honoured for the whole import: a review of the identity
    /// rules).
    public func requireSigner(_ signer: PartyID?, checkedAgainst allowed: [(party: PartyID, line: String)], on day: Day) throws(DoorbraakError) {
        guard let signer else { return }
        if let text = try AuditLog.latestBusinessDate(of: signer.description, in: db), let registered = try? Day(parsing: text) {
            try DateOrder.require(day, notBefore: registered, "a file signed by \(signer)", follows: "the registration of that key")
        }
        guard let line = allowed.first(where: { $0.party == signer })?.line else {
            throw DoorbraakError(.internal, "\(signer) signed, but its key was not among those checked")
        }
        db.signer = (signer, line)
    }

    /// The register, optionally of one role, by role and id.
    public func parties(role: PartyRole? = nil) throws(DoorbraakError) -> [Party] {
        let rows = try db.rows("SELECT role, id, name, public_key FROM party" + (role == nil ? "" : " WHERE role = ?") + " ORDER BY role, id",
                               role.map { [.text($0.rawValue)] } ?? []) { r in (r.text(0), r.text(1), r.text(2), r.optionalText(3)) }
        var parties: [Party] = []
        for (role, id, name, key) in rows {
            parties.append(try Party(try PartyID(role: try PartyRole(parsing: role), id: id), name: name, publicKey: key))
        }
        return parties.sorted { $0.party < $1.party }
    }

    /// One entry, or nil.
    public func party(_ id: PartyID) throws(DoorbraakError) -> Party? {
        guard let (name, key) = try db.cached("SELECT name, public_key FROM party WHERE role = ? AND id = ?")
            .rowValue([.text(id.role.rawValue), .text(id.id)], { r in (r.text(0), r.optionalText(1)) }) else { return nil }
        return try Party(id, name: name, publicKey: key)
    }

    /// Registers `party` or renames it (its key stays); audited.
    /// Registers `party`; a registered one is renamed only with `rename` (a newcomer renamed an
    /// insurer by typing `party add` with a code that was taken).
    public func addParty(_ party: Party, rename: Bool = false, event: AuditContext) throws(DoorbraakError) -> PartyChange {
        try db.writeTransaction { () throws(DoorbraakError) -> PartyChange in
            let id = party.party
            if let existing = try self.party(id) {
                try requireBound("party", [.text(id.role.rawValue), .text(id.id)])
                if existing.name == party.name { return .unchanged }
                guard rename else {
                    let code = id.role == .insurer ? "UZOVI code" : id.role == .provider ? "AGB code" : "id"
                    throw DoorbraakError(.party, "\(id) is registered as \"\(existing.name)\"; to rename it add --rename (an audit event), otherwise check the \(code)", field: "name")
                }
                try db.run("UPDATE party SET name = ? WHERE role = ? AND id = ?", [.text(party.name), .text(id.role.rawValue), .text(id.id)])
                try AuditLog.append(in: db, event, action: "party", subject: id.description, before: existing.name, after: party.name)
                return .changed(before: existing.name)
            }
            // No row, and none the chain holds: a party deleted with sqlite3 is not registered
            // anew under another name (an attacker's review: that hid the deletion and renamed it).
            try requireBound("party", [.text(id.role.rawValue), .text(id.id)], absent: true)
            try insertParty(party)
            try AuditLog.append(in: db, event, action: "party", subject: id.description, before: "-", after: "registered: \(party.name)")
            return .added
        }
    }

    /// Sets the OpenSSH public key that `id`'s signed files are checked against; audited with its fingerprint.
    /// `fingerprints` gives the SHA-256 fingerprints of keys (`FileSignature.fingerprints`): one
    /// key is one party by its fingerprint, whatever the text it is written in.
    public func setKey(of id: PartyID, publicKey: String, fingerprint: String, fingerprints: ([String]) throws(DoorbraakError) -> [String],
                       event: AuditContext) throws(DoorbraakError) -> PartyChange {
        try db.writeTransaction { () throws(DoorbraakError) -> PartyChange in
            guard let existing = try self.party(id) else {
                throw DoorbraakError(.party, "\(id) is not in the register; `doorbraak party add \(id.role.rawValue) \(id.id) NAME` first")
            }
            try requireBound("party", [.text(id.role.rawValue), .text(id.id)])
            if existing.publicKey == publicKey { return .unchanged }
            // One key, one party: the signer of a file is found by its key. Compared by the key's
            // fingerprint, as the rows were bound (an attacker's review: the same RSA key in
            // another encoding was registered for a second party, and signed for it).
            let others = try keyedParties().filter { $0.party != id }
            if let other = zip(others, try fingerprints(others.map(\.key))).first(where: { $0.0.key == publicKey || $0.1 == fingerprint })?.0 {
                throw DoorbraakError(.party, "this key is registered for \(other.party) already; every party signs with a key of its own")
            }
            try db.run("UPDATE party SET public_key = ? WHERE role = ? AND id = ?", [.text(publicKey), .text(id.role.rawValue), .text(id.id)])
            try AuditLog.append(in: db, event, action: "party-key", subject: id.description, before: existing.publicKey == nil ? "no key" : "a key",
                                after: "key \(fingerprint)")
            return existing.publicKey == nil ? .added : .changed(before: "a key")
        }
    }

    /// The keys of every party that has one, as `ssh-keygen`'s allowed-signers lines
    /// (`insurer:3311 namespaces="doorbraak" ssh-ed25519 AAAA…`), each checked against the chain.
    public func allowedSigners() throws(DoorbraakError) -> [(party: PartyID, line: String)] {
        try keyedParties().map { ($0.party, PartySignature.allowedSignerLine($0.party, key: $0.key)) }
    }

    /// Every party that has a key, with its key, after the whole register was checked against
    /// the chain (an attacker's review: a party whose key was set to NULL with `sqlite3` was
    /// passed over, and its key registered for another party).
    func keyedParties() throws(DoorbraakError) -> [(party: PartyID, key: String)] {
        try requireBoundTable("party")
        return try parties().compactMap { party in party.publicKey.map { (party.party, $0) } }
    }

    /// Whether the round demands signed party files (`init --require-signatures`), as bound.
    /// A file is not taken on an edited round row ("no money moves" read wrong for a submission).
    public func signaturesRequired() throws(DoorbraakError) -> Bool {
        try requireBound("round", [.integer(1)]) { Store.notShown("the file is not taken: the round row (whether files must be signed)", $0) }
        return try db.cached("SELECT require_signatures FROM round WHERE id = 1").rowValue([]) { $0.int(0) == 1 } ?? false
    }

    func insertParty(_ party: Party) throws(DoorbraakError) {
        try db.cached("INSERT INTO party (role, id, name, public_key) VALUES (?, ?, ?, ?)")
            .run([.text(party.party.role.rawValue), .text(party.party.id), .text(party.name), .optionalText(party.publicKey)])
    }

    /// Registers the Dutch health insurers not yet registered (at `init`, and when a database
    /// from before the register is upgraded).
    func registerDutchInsurers() throws(DoorbraakError) {
        for (uzovi, name) in PartyRegister.dutchInsurers {
            let id = try PartyID(role: .insurer, id: uzovi)
            if try party(id) == nil { try insertParty(try Party(id, name: name)) }
        }
    }
}
