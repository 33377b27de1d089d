import DoorbraakCore
import DoorbraakImport
import Foundation

/// The files of a synthetic round split per party, each signed with that party's generated key
/// (`generate --sign`, `generate claims|costs --sign KEYS`): what every party would send.
enum PartyFiles {
    /// The key file of `party` in `keys` (`keys/insurer:3311`, its public key beside it as `.pub`).
    static func key(of party: PartyID, in keys: String) -> String { keys + "/" + party.description }

    /// Splits CSV `text` (a header line, then rows) by the party each row belongs to, writes
    /// `prefix-ID.csv` per party in `folder` and, when `keys` is given, signs each with that
    /// party's key. Returns the paths written, by party.
    static func split(_ text: String, in folder: String, prefix: String, keys: String?, party: (Substring) -> PartyID?) throws(DoorbraakError) -> [PartyID: String] {
        if let keys {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: keys, isDirectory: &isFolder), isFolder.boolValue else {
                throw DoorbraakError(.io, "--sign: \(keys) is not a folder of keys (the keys folder `doorbraak generate --sign` wrote)", file: keys)
            }
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return [:] }
        let header = lines.removeFirst()
        var parts: [PartyID: String] = [:]
        var order: [PartyID] = []
        for line in lines {
            guard let owner = party(line) else { continue }
            if parts[owner] == nil { order.append(owner); parts[owner] = header + "\n" }
            parts[owner, default: ""] += line + "\n"
        }
        var paths: [PartyID: String] = [:]
        for owner in order {
            let path = try OutputFile.path("\(prefix)-\(owner.id).csv", in: folder)
            try OutputFile.write(parts[owner] ?? "", to: path)
            if let keys { try sign(path, as: owner, keys: keys) }
            paths[owner] = path
        }
        return paths
    }

    /// How the split files were signed, for the message: ", each signed", or which parties had
    /// no key in `keys` (a newcomer was told "each signed" of files that had no signature).
    static func signedNote(_ paths: [PartyID: String], keys: String?) -> String {
        guard let keys else { return "" }
        let unsigned = paths.filter { !FileManager.default.fileExists(atPath: $0.value + ".sig") }.keys.sorted()
        if unsigned.isEmpty { return ", each signed" }
        return ", \(paths.count - unsigned.count) of them signed (no key in \(keys) for \(unsigned.map(\.description).joined(separator: ", ")))"
    }

    /// Signs `path` with `party`'s key in `keys`, when that key exists (a party the round made no key for signs nothing).
    static func sign(_ path: String, as party: PartyID, keys: String) throws(DoorbraakError) {
        let key = key(of: party, in: keys)
        guard FileManager.default.fileExists(atPath: key) else { return }
        try FileSignature.sign(path, key: key)
    }

    /// The value of CSV column `index` of a generated row (whose first columns hold no commas or quotes).
    static func column(_ index: Int, of line: Substring) -> String? {
        let fields = line.split(separator: ",", maxSplits: index + 1, omittingEmptySubsequences: false)
        return fields.count > index ? String(fields[index]) : nil
    }
}
