import DoorbraakCore
import DoorbraakImport
import DoorbraakStore

/// A party file with its optional `--signature FILE` (SPEC §3.10): the file is read once into a
/// private copy, the signature checked on that copy with OpenSSH, and the copy imported, so a
/// signed file acts for its signer and nothing else. With `init --require-signatures` an unsigned
/// file is refused (`E-SIGNATURE`), naming whose key was expected.
struct SignedFile {
    /// The file as the user named it.
    let path: String
    /// `--signature FILE`, if given.
    let signature: String?
    /// Whether the round demands a signature.
    let required: Bool
    /// The registered keys, as allowed-signers lines (read only when a signature is given).
    let allowedSigners: [(party: PartyID, line: String)]
    /// The round's store (for the date the signer's key was registered).
    let store: Store
    /// The business date of the import.
    let today: Day

    /// Takes `--signature FILE` from the arguments.
    static func signatureOption(_ arguments: inout ArgumentList) throws(DoorbraakError) -> String? {
        try arguments.value("--signature")
    }

    /// The file `path` of the round in `store`, signed by `signature` (if given).
    init(_ path: String, signature: String?, store: Store, today: Day) throws(DoorbraakError) {
        self.path = path
        self.store = store
        self.today = today
        self.signature = signature
        required = try store.signaturesRequired()
        allowedSigners = signature == nil ? [] : try store.allowedSigners()
    }

    /// Whether the file must be copied before it is read (a signature is checked on the copy).
    var privateCopy: Bool { signature != nil }

    /// The party whose key signed `copy` (the private copy of `path`); nil for an unsigned file
    /// where none is required. `expected` says whose key the round expects (for the refusal).
    func signer(of copy: String, expected: String) throws(DoorbraakError) -> PartyID? {
        guard let signature else {
            guard !required else {
                throw DoorbraakError(.signature, "this round requires signed party files (init --require-signatures): sign the file with the key registered for \(expected) (`ssh-keygen -Y sign -n \(PartySignature.namespace) -f KEY \(path)`) and pass --signature \(path).sig", file: path)
            }
            return nil
        }
        let signer = try FileSignature.signer(of: copy, shownAs: path, signature: signature, allowedSigners: allowedSigners)
        try store.requireSigner(signer, checkedAgainst: allowedSigners, on: today)
        return signer
    }
}

/// `--insurer UZOVI` of an insurer's own file (`import reviews`, `import claims`).
enum InsurerOption {
    /// Takes and checks the option; nil when absent.
    static func take(_ arguments: inout ArgumentList) throws(DoorbraakError) -> String? {
        guard let text = try arguments.value("--insurer") else { return nil }
        do { return try UZOVI(parsing: text).rawValue } catch { throw DoorbraakError(.usage, "--insurer: \(error.message)") }
    }

    /// `E-INSURERS`, with the nearest registered code, when `code` is not a registered health
    /// insurer: a mistyped `--insurer` would otherwise show an empty worklist or report, or refuse
    /// every row of a file one by one.
    static func requireRegistered(_ code: String?, in store: Store) throws(DoorbraakError) {
        guard let code else { return }
        do { _ = try UZOVI(parsing: code) } catch { throw DoorbraakError(.usage, "--insurer: \(error.message)") }
        if let error = PartyRegister.checkInsurers([("--insurer", code)], registered: try store.registeredInsurers()).first { throw error }
    }
}
