import DoorbraakCore
import Foundation

/// OpenSSH file signatures (`ssh-keygen -Y sign -n doorbraak`, the mechanism git uses for signed
/// commits), verified by running `ssh-keygen -Y find-principals` and `-Y verify` against the
/// keys in the register of parties. No cryptography of our own: OpenSSH decides.
public enum FileSignature {
    /// Where `ssh-keygen` is, or nil when OpenSSH's client is not installed: the system's folders
    /// only, never `PATH` (an identity review: with `.` or a writable folder early in `PATH`, an
    /// `ssh-keygen` of anyone's making would decide who signed).
    public static let sshKeygen: String? = ["/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin"]
        .map { "\($0)/ssh-keygen" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The party whose registered key made `signature` over the file at `file` (shown to the
    /// user as `shown`), or `E-SIGNATURE`: an unreadable or foreign signature, a key that is not
    /// in the register, or a file changed after it was signed.
    /// `tool`: `ssh-keygen` (nil where OpenSSH is not installed; a test passes nil).
    public static func signer(of file: String, shownAs shown: String, signature: String, allowedSigners: [(party: PartyID, line: String)],
                              tool: String? = FileSignature.sshKeygen) throws(DoorbraakError) -> PartyID {
        guard let tool else {
            throw DoorbraakError(.signature, "checking a signature needs OpenSSH's ssh-keygen, which is not installed here (apt-get install openssh-client)", file: shown)
        }
        do {
            try InputFile.requireRegular(signature)
        } catch {
            throw DoorbraakError(error.code, "--signature: \(error.message)", file: error.file, line: error.line)
        }
        // An OpenSSH file signature is well under a kilobyte: a larger file is not read by
        // ssh-keygen (an attacker's review: a 3 GB one kept it busy for hours).
        var info = stat()
        if stat(signature, &info) == 0, info.st_size > FileSignature.signatureLimit {
            throw DoorbraakError(.signature, "\(signature) is \(info.st_size) bytes, larger than an OpenSSH file signature (at most \(FileSignature.signatureLimit)); give the .sig file `ssh-keygen -Y sign` wrote", file: shown)
        }
        guard !allowedSigners.isEmpty else {
            throw DoorbraakError(.signature, "no party in the register has a key; register the signer's public key with `doorbraak party key ROLE:ID FILE.pub`", file: shown)
        }
        let folder = try PrivateFolder("signers", for: "allowed signers")
        defer { folder.remove() }
        let allowed = try folder.write("allowed_signers", Data((allowedSigners.map(\.line).joined(separator: "\n") + "\n").utf8), as: "allowed signers")
        let found = try run(tool, ["-Y", "find-principals", "-s", signature, "-f", allowed], input: nil)
        let principals = found.output.split(whereSeparator: \.isNewline).map(String.init)
        guard found.status == 0, let principal = principals.first, let party = allowedSigners.first(where: { $0.party.description == principal })?.party else {
            throw DoorbraakError(.signature, "\(signature) is not a doorbraak signature by a key in the register of parties (`doorbraak party list` shows whose keys are registered)", file: shown)
        }
        let verified = try run(tool, ["-Y", "verify", "-f", allowed, "-I", principal, "-n", PartySignature.namespace, "-s", signature], input: file)
        guard verified.status == 0 else {
            throw DoorbraakError(.signature, "\(signature) is \(party)'s signature, but not of this file: it signs another file, or this file was changed after it was signed, or it was signed for another purpose than doorbraak", file: shown)
        }
        return party
    }

    /// The OpenSSH public key in `file` (`ssh-ed25519 AAAA…`, without its comment) and its
    /// SHA-256 fingerprint, as `ssh-keygen -l` reads it; `E-INPUT` when it is not one public key.
    /// The largest signature file read: 64 KiB.
    public static let signatureLimit = 64 << 10

    /// The SHA-256 fingerprints of `keys` (as `publicKey` returns them), in one `ssh-keygen -l`:
    /// one key, one party is held by the key itself, not its text (an attacker's review: the same
    /// RSA key written with another encoding was registered for a second party).
    public static func fingerprints(of keys: [String]) throws(DoorbraakError) -> [String] {
        guard !keys.isEmpty else { return [] }
        guard let tool = sshKeygen else {
            throw DoorbraakError(.signature, "reading a key needs OpenSSH's ssh-keygen, which is not installed here (apt-get install openssh-client)")
        }
        let folder = try PrivateFolder("keys", for: "keys")
        defer { folder.remove() }
        let list = try folder.write("keys", Data((keys.joined(separator: "\n") + "\n").utf8), as: "keys")
        let listed = try run(tool, ["-l", "-f", list], input: nil)
        let prints = listed.output.split(whereSeparator: \.isNewline).compactMap { $0.split(separator: " ").first(where: { $0.hasPrefix("SHA256:") }).map(String.init) }
        guard listed.status == 0, prints.count == keys.count else {
            throw DoorbraakError(.ledger, "ssh-keygen cannot read every registered key; run `doorbraak audit verify`")
        }
        return prints
    }

    public static func publicKey(in file: String) throws(DoorbraakError) -> (key: String, fingerprint: String) {
        guard let tool = sshKeygen else {
            throw DoorbraakError(.signature, "reading a key needs OpenSSH's ssh-keygen, which is not installed here (apt-get install openssh-client)", file: file)
        }
        var text = String(decoding: try InputFile.bytes(file, limit: 16 << 10), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        let fields = lines.first?.split(whereSeparator: { $0 == " " || $0 == "\t" }) ?? []
        guard lines.count == 1, fields.count >= 2, fields[0].hasPrefix("ssh-") || fields[0].hasPrefix("ecdsa-") || fields[0].hasPrefix("sk-"),
              fields[0].utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46 || $0 == 64 }),
              fields[1].utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 43 || $0 == 47 || $0 == 61 }) else {
            throw DoorbraakError(.input, "not one OpenSSH public key (a line like `ssh-ed25519 AAAA… name`); give the .pub file, never the private key", file: file)
        }
        // A certificate names a key signed by another: one private key would then sign for two
        // parties (an attacker's review). Only a plain public key is a party's key.
        guard !fields[0].contains("-cert-") else {
            throw DoorbraakError(.input, "an OpenSSH certificate (\(fields[0])), not a plain public key; give the party's own .pub file", file: file)
        }
        // The key as stored (type and base64, no comment) is what ssh-keygen reads for the
        // fingerprint: the bytes read once, not the file again.
        let key = "\(fields[0]) \(fields[1])"
        let folder = try PrivateFolder("key", for: "key")
        defer { folder.remove() }
        let copy = try folder.write("key.pub", Data((key + "\n").utf8), as: "key")
        let listed = try run(tool, ["-l", "-f", copy], input: nil)
        let words = listed.output.split(whereSeparator: { $0 == " " || $0.isNewline })
        guard listed.status == 0, let fingerprint = words.first(where: { $0.hasPrefix("SHA256:") }), let bits = words.first.flatMap({ Int($0) }),
              let type = words.last, type.hasPrefix("("), type.hasSuffix(")") else {
            throw DoorbraakError(.input, "ssh-keygen cannot read this public key", file: file)
        }
        do {
            try PartySignature.requireStrongKey(bits: bits, type: String(type.dropFirst().dropLast()))
        } catch {
            throw DoorbraakError(error.code, error.message, file: file)
        }
        return (key, String(fingerprint))
    }

    /// The party whose registered key made `signature` over exactly the bytes of `text` (a
    /// statement such as a withdrawal, written to a private file first), or `E-SIGNATURE`.
    public static func signer(ofText text: String, signature: String, allowedSigners: [(party: PartyID, line: String)]) throws(DoorbraakError) -> PartyID {
        let folder = try PrivateFolder("statement", for: "statement")
        defer { folder.remove() }
        let file = try folder.write("statement", Data(text.utf8), as: "statement")
        return try signer(of: file, shownAs: signature, signature: signature, allowedSigners: allowedSigners)
    }

    /// Makes an Ed25519 key pair without a passphrase at `path` (`path.pub` the public key), for
    /// the synthetic rounds of `generate --sign`; a real party makes its own and keeps it.
    public static func makeKey(at path: String, comment: String) throws(DoorbraakError) {
        guard let tool = sshKeygen else {
            throw DoorbraakError(.signature, "making keys needs OpenSSH's ssh-keygen, which is not installed here (apt-get install openssh-client)")
        }
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: path + ".pub")
        guard try run(tool, ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], input: nil).status == 0 else {
            throw DoorbraakError(.io, "ssh-keygen could not make a key", file: path)
        }
    }

    /// Signs `file` with the private key at `key` for doorbraak (`file.sig`), as a party does
    /// with `ssh-keygen -Y sign -n doorbraak -f KEY FILE`; returns the signature's path.
    @discardableResult
    public static func sign(_ file: String, key: String) throws(DoorbraakError) -> String {
        guard let tool = sshKeygen else {
            throw DoorbraakError(.signature, "signing needs OpenSSH's ssh-keygen, which is not installed here (apt-get install openssh-client)")
        }
        try? FileManager.default.removeItem(atPath: file + ".sig")
        guard try run(tool, ["-q", "-Y", "sign", "-n", PartySignature.namespace, "-f", key, file], input: nil).status == 0 else {
            throw DoorbraakError(.io, "ssh-keygen could not sign the file with \(key)", file: file)
        }
        return file + ".sig"
    }

    /// Runs `tool` with `arguments`, standard input from `input` (or nothing); its output and status.
    private static func run(_ tool: String, _ arguments: [String], input: String?) throws(DoorbraakError) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            process.standardInput = try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
            try process.run()
        } catch {
            throw DoorbraakError(.signature, "cannot run \(tool): \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A folder only this user can read, in the temporary directory, for the files handed to
/// `ssh-keygen` (a key, the allowed signers, a statement); removed after use.
struct PrivateFolder {
    let path: String

    /// A new folder named `doorbraak-PREFIX-…`; `what` names it in an error.
    init(_ prefix: String, for what: String) throws(DoorbraakError) {
        path = NSTemporaryDirectory() + "doorbraak-\(prefix)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw DoorbraakError(.io, "cannot create a temporary folder for the \(what): \(error.localizedDescription)")
        }
    }

    /// Writes `contents` to the file `name` in it (readable by this user only) and returns its path.
    func write(_ name: String, _ contents: Data, as what: String) throws(DoorbraakError) -> String {
        let file = path + "/" + name
        guard FileManager.default.createFile(atPath: file, contents: contents, attributes: [.posixPermissions: 0o600]) else {
            throw DoorbraakError(.io, "cannot write the \(what)")
        }
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
