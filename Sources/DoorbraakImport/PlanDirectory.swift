import DoorbraakCore
import Foundation

/// Reads the model plans of a folder (`ModelPlans/*.json`), checking each file and the set.
public enum PlanDirectory {
    /// All plans in `path`, sorted by id. Every file must be a valid plan named `<id>.json`;
    /// ids and codes must be unique. Errors name the file.
    public static func load(_ path: String) throws(DoorbraakError) -> [ModelPlan] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DoorbraakError(.missing, "model plan folder not found; pass --plans DIR", file: path)
        }
        guard isDirectory.boolValue else {
            throw DoorbraakError(.io, "--plans must name a folder of plan files, not a file", file: path)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw DoorbraakError(.io, "cannot list the folder: \(error.localizedDescription)", file: path)
        }
        if names.isEmpty { throw DoorbraakError(.missing, "no .json model plans in this folder", file: path) }
        var files: [(name: String, bytes: [UInt8])] = []
        for name in names {
            files.append((name, try InputFile.bytes((path as NSString).appendingPathComponent(name))))
        }
        return try plans(from: files, folder: path)
    }

    /// The plans of `folder`, or the built-in plans when it is nil (`--plans` not given).
    public static func load(_ folder: String?) throws(DoorbraakError) -> [ModelPlan] {
        guard let folder else { return try builtIn() }
        return try load(folder)
    }

    /// The 16 model plans built into the executable (`EmbeddedPlans`, generated from
    /// `ModelPlans/`), so that `doorbraak init` works outside the source tree.
    public static func builtIn() throws(DoorbraakError) -> [ModelPlan] {
        try plans(from: EmbeddedPlans.files.map { ($0.name, Array($0.text.utf8)) }, folder: "(built-in plans)")
    }

    /// The most errors reported of one plan file when a folder is read.
    static let errorsPerFile = 10

    /// The plans of a set of named files, each checked, ids and codes unique; every file's errors
    /// at once (a review: three broken plan files were named one per run).
    static func plans(from files: [(name: String, bytes: [UInt8])], folder path: String) throws(DoorbraakError) -> [ModelPlan] {
        var plans: [ModelPlan] = []
        var codes: [String: String] = [:]
        var errors = ErrorList()
        for (name, bytes) in files {
            let file = (path as NSString).appendingPathComponent(name)
            let plan: ModelPlan
            do {
                plan = try ModelPlan(json: try JSONParser.parse(bytes))
            } catch {
                // A few of each file's, so that every broken file is named (a tamper review: three
                // files' 360 errors filled the list with the first file's).
                var own = ErrorList(limit: PlanDirectory.errorsPerFile)
                own.add(error.located(file: file, line: nil))
                if let each = own.combined { errors.add(each) }
                continue
            }
            guard name == plan.id.rawValue + ".json" else {
                errors.add(DoorbraakError(.planFile, "the file of plan \"\(plan.id)\" must be named \(plan.id).json", field: "id", file: file))
                continue
            }
            if let other = codes[plan.code] {
                errors.add(DoorbraakError(.planFile, "plan code \(plan.code) is also used by \(other)", field: "code", file: file))
                continue
            }
            codes[plan.code] = file
            plans.append(plan)
        }
        if let error = errors.combined { throw error }
        return plans
    }
}

/// The model plan files compiled into the executable, and how that source file is written.
extension EmbeddedPlans {
    /// `Sources/DoorbraakImport/EmbeddedPlans.swift` for these files (a test keeps it equal to
    /// `ModelPlans/`; regenerate with `DOORBRAAK_WRITE_PLANS=1 swift test --filter theBuiltInPlansAreTheFolder`).
    public static func sourceText(_ files: [(name: String, text: String)]) -> String {
        var out = "// Generated from ModelPlans/ by `DOORBRAAK_WRITE_PLANS=1 swift test --filter theBuiltInPlansAreTheFolder`;\n"
        out += "// a test keeps it identical to the folder. Do not edit by hand.\n\n"
        out += "/// The model plans built into the executable, so that `doorbraak init` works anywhere.\n"
        out += "public enum EmbeddedPlans {\n"
        out += "    /// Each plan file's name and text, in name order.\n"
        out += "    public static let files: [(name: String, text: String)] = [\n"
        for file in files {
            out += "        (\"\(file.name)\", #\"\"\"\n\(file.text.hasSuffix("\n") ? file.text : file.text + "\n")\"\"\"#),\n"
        }
        out += "    ]\n}\n"
        return out
    }
}
