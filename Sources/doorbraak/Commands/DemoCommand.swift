import DoorbraakCore
import DoorbraakImport
import DoorbraakStore
import Foundation

/// `doorbraak demo`: the whole cycle, as far as it is built, on a fresh database.
enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "run the cycle on generated data in a fresh database, with a summary"
    static let usage = "[--applications N] [--plans DIR]"
    static let help = """
    Creates a fresh database (in a new temporary folder unless --db is given), loads the model
    plans (./ModelPlans, or the ModelPlans folder of the source tree) and prints the round
    settings, the plans per theme and the ceiling. Later stages are added as they are built.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let plansPath = try arguments.value("--plans") ?? PlanLocator.defaultFolder()
        _ = try arguments.value("--applications")
        try arguments.finish()
        var context = context
        if !arguments.tokens.contains("--db"), ProcessInfo.processInfo.environment["DOORBRAAK_DB"] == nil, context.databasePath == "./doorbraak.sqlite" {
            context.databasePath = try PlanLocator.temporaryFolder() + "/doorbraak.sqlite"
        }
        let plans = try PlanDirectory.load(plansPath)
        let settings = RoundSettings.standard
        let store = try Store.create(at: context.databasePath, settings: settings, plans: plans, event: context.audit(as: "demo"))

        Output.line("== doorbraak demo — \(context.databasePath)")
        Output.line("\n== 1. round settings (SPEC §3.1)")
        Output.line(SettingsView.text(try store.settings()))
        Output.line("\n== 2. model plans per theme (SPEC §4)")
        Output.line(PlansView.table(try store.plans()))
        Output.line("\n== 3. the macro ceiling (SPEC §3.6)")
        Output.line(CeilingView.text(try store.ceilingStatus()))
        let audit = try AuditLog.verify(in: store.db)
        Output.line("\n== audit chain: \(audit.events) events, \(audit.ok ? "verified" : "BROKEN")")
        return audit.ok ? ExitCode.done : ExitCode.internal
    }
}

/// Finds the model plans and a scratch folder for the demo.
enum PlanLocator {
    /// `./ModelPlans` when present, else the `ModelPlans` folder above the executable (the source
    /// tree of a `swift run`), else `./ModelPlans` so that the error names it.
    static func defaultFolder() -> String {
        let local = "./ModelPlans"
        if FileManager.default.fileExists(atPath: local) { return local }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent("ModelPlans").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
        return local
    }

    /// A new empty folder under the system's temporary directory.
    static func temporaryFolder() throws(DoorbraakError) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("doorbraak-demo-\(UUID().uuidString.prefix(8))").path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DoorbraakError(.io, "cannot create a temporary folder: \(error.localizedDescription)", file: path)
        }
        return path
    }
}
