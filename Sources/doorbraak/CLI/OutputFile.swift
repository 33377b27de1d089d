import DoorbraakCore
import Foundation

/// Files the commands write (reports, generated data), with the engine's error codes: a folder
/// where a file belongs, or a file that cannot be written, is `E-IO` (exit 74).
enum OutputFile {
    /// Writes `text` to `path`, replacing a file that is there.
    static func write(_ text: String, to path: String) throws(DoorbraakError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DoorbraakError(.io, "expected a file, found a folder", file: path)
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                throw DoorbraakError(.io, "cannot write the file: the folder \(folder) does not exist", file: path)
            }
            throw DoorbraakError(.io, "cannot write the file", file: path)
        }
    }

    /// Makes `folder` (and its parents) when it is not there, and returns `folder/name`.
    static func path(_ name: String, in folder: String) throws(DoorbraakError) -> String {
        let folder = folder.isEmpty ? "." : folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DoorbraakError(.io, "cannot create the folder: \(error.localizedDescription)", file: folder)
        }
        return (folder as NSString).appendingPathComponent(name)
    }
}

/// The options `generate claims` and `generate costs` share.
enum GeneratorOptions {
    /// `--seed S`, a whole number; required.
    static func seed(_ arguments: inout ArgumentList) throws(DoorbraakError) -> UInt64 {
        guard let text = try arguments.value("--seed"), let seed = UInt64(text) else {
            throw DoorbraakError(.usage, "--seed S is required, a whole number")
        }
        return seed
    }

    /// `--seed S --out DIR [--through DATE]` (default --today).
    static func take(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> (seed: UInt64, out: String, through: Day) {
        let seed = try seed(&arguments)
        guard let out = try arguments.value("--out") else { throw DoorbraakError(.usage, "--out DIR is required") }
        var through = context.today
        if let text = try arguments.value("--through") {
            do { through = try Day(parsing: text) } catch { throw DoorbraakError(.usage, "--through: \(error.message)") }
        }
        return (seed, out, through)
    }
}
