extension ErrorCode {
    /// A party file whose signature is missing, does not verify, or is another party's (SPEC §3.10).
    public static let signature = ErrorCode("E-SIGNATURE", .refused)
}

/// What a signed file proves and allows (SPEC §3.10): the file comes from the party whose
/// registered key signed it, and it acts for that party only.
public enum PartySignature {
    /// The OpenSSH signature namespace of doorbraak's files (`ssh-keygen -Y sign -n doorbraak`).
    public static let namespace = "doorbraak"

    /// The allowed-signers line of `party`'s `key` (`insurer:3311 namespaces="doorbraak" ssh-ed25519 AAAA…`):
    /// what `ssh-keygen -Y verify` checks a signature against.
    public static func allowedSignerLine(_ party: PartyID, key: String) -> String {
        "\(party) namespaces=\"\(namespace)\" \(key)"
    }

    /// `E-SIGNATURE` when the key registered for `party` now (`registered`; nil: none) is not the
    /// one its file's signature was checked with (`verified`, an allowed-signers line): a key
    /// replaced after the check — a leaked key the party replaced meanwhile — signs nothing more.
    public static func requireStillRegistered(_ party: PartyID, key registered: String?, verified: String) throws(DoorbraakError) {
        guard registered.map({ allowedSignerLine(party, key: $0) }) != verified else { return }
        throw DoorbraakError(.signature, "the key of \(party) was \(registered == nil ? "removed" : "replaced") after the signature was checked with it; nothing signed with it is stored: sign again with the key registered now")
    }

    /// The insurer a file of reviews or claims acts for: the signer when signed (and `--insurer`,
    /// when also given, must be that insurer), else `--insurer`, else nobody in particular.
    public static func insurer(signer: PartyID?, option: String?, file: String) throws(DoorbraakError) -> String? {
        guard let signer else { return option }
        guard signer.role == .insurer else {
            throw DoorbraakError(.signature, "\(file) is signed by \(signer); reviews, claims, requests for a beschikking and rejections of cost lines come from an insurer", file: file)
        }
        if let option, option != signer.id {
            throw DoorbraakError(.signature, "\(file) is signed by \(signer), not by insurer \(option) named by --insurer", file: file)
        }
        return signer.id
    }

    /// The provider a file of applications or cost lines acts for: the signer, which must be a provider.
    public static func provider(signer: PartyID?, file: String) throws(DoorbraakError) -> String? {
        guard let signer else { return nil }
        guard signer.role == .provider else {
            throw DoorbraakError(.signature, "\(file) is signed by \(signer); applications, cost lines and measurements come from a provider", file: file)
        }
        return signer.id
    }

    /// The least size of an RSA key a party registers (NIST SP 800-57: 2048 bits through 2030).
    public static let minimumRSABits = 2048

    /// A party's key is strong enough to stand for it: not DSA (OpenSSH dropped it), and RSA of
    /// at least `minimumRSABits` (an identity review of the twelfth landing registered a
    /// 1024-bit RSA key). `bits` and `type` as `ssh-keygen -l` names them ("1024", "RSA").
    public static func requireStrongKey(bits: Int, type: String) throws(DoorbraakError) {
        if type == "DSA" {
            throw DoorbraakError(.input, "a DSA key is too weak to stand for a party; make one with `ssh-keygen -t ed25519`")
        }
        if type == "RSA", bits < minimumRSABits {
            throw DoorbraakError(.input, "an RSA key of \(bits) bits is too weak to stand for a party (at least \(minimumRSABits)); make one with `ssh-keygen -t ed25519`")
        }
    }

    /// A request is the coordinating insurer's (with the coalition whose signed application it
    /// rests on): a contracts file signed by an insurer holds only the applications it coordinates.
    public static func requireRequester(coordinating: String, actingFor: PartyID?, of id: String) throws(DoorbraakError) {
        guard let actingFor else { return }
        guard actingFor.role == .insurer, actingFor.id == coordinating else {
            throw DoorbraakError(.signature, "the request for \(id) is its coordinating insurer \(coordinating)'s; this file is signed by \(actingFor)", field: "application_id")
        }
    }

    /// `E-SIGNATURE` for a party's act typed on the command line in a round that requires signed
    /// files: `comesAs` says how it is sent instead — a decision as a reviews file signed by the
    /// insurer, the two-sided request (004 line 286) as a contracts file signed by the
    /// coordinating insurer (the providers' side being their signed application).
    public static func requireSent(required: Bool, _ comesAs: String) throws(DoorbraakError) {
        guard required else { return }
        throw DoorbraakError(.signature, "this round requires signed party files (init --require-signatures): \(comesAs), not as a typed command")
    }

    /// How an insurer's decision is sent in a signed round.
    public static let decisionSent = "an insurer's decision comes as a reviews file signed with its key (`doorbraak import reviews FILE --signature FILE.sig`)"
    /// How a request for a beschikking is sent in a signed round.
    public static let requestSent = "a request for a beschikking comes as a contracts file signed by the coordinating insurer (`doorbraak nza request --all --contracts FILE --signature FILE.sig`)"

    /// The statement a penvoerder signs to withdraw an application (`application withdraw ID
    /// --signature SIG`): these exact bytes, so a signature withdraws that application only.
    public static func withdrawalStatement(_ id: String) -> String { "doorbraak withdraw \(id)\n" }

    /// `E-SIGNATURE` when a provider file acts for an application another provider leads.
    public static func requireLead(_ lead: String?, of application: String, signer: String?) throws(DoorbraakError) {
        guard let signer, lead != signer else { return }
        throw DoorbraakError(.signature, "signed by provider:\(signer), but \(application) is led by \(lead.map { "provider:\($0)" } ?? "no penvoerder"); a provider acts only for applications it leads", field: "application_id")
    }

    /// `E-SIGNATURE` when a signed provider file carries a cost line of another provider.
    public static func requireOwnLine(provider: String, signer: String?) throws(DoorbraakError) {
        guard let signer, provider != signer else { return }
        throw DoorbraakError(.signature, "signed by provider:\(signer), but the line is provider \(provider)'s; a provider accounts only for its own costs", field: "provider")
    }

    /// `E-SIGNATURE` when a signed provider file carries a cost line of an application whose
    /// coalition the provider is not in: a provider accounts for the applications it takes part
    /// in (an attacker's review: an outsider's signed line took a member's line id, P7 refusing
    /// the member's own line after it).
    public static func requireMember(signer: String?, of application: String, coalition: Set<AGB>) throws(DoorbraakError) {
        guard let signer, !coalition.contains(where: { $0.rawValue == signer }) else { return }
        throw DoorbraakError(.signature, "signed by provider:\(signer), which is not in the coalition of \(application); a provider accounts only for the applications it takes part in", field: "application_id")
    }

    /// `code` when a row names another insurer than the one the file acts for (`--insurer U` or
    /// the signer): one insurer's file holds that insurer's reviews or claims only.
    public static func requireOwnRow(insurer: String, actingFor: PartyID?, code: ErrorCode) throws(DoorbraakError) {
        guard let actingFor, actingFor.role == .insurer, insurer != actingFor.id else { return }
        throw DoorbraakError(code, "the row is insurer \(insurer)'s, but this file acts for insurer \(actingFor.id); each insurer imports its own rows", field: "insurer")
    }
}
