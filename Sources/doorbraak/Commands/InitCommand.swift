import DoorbraakCore
import DoorbraakImport
import DoorbraakStore
import Foundation

/// `doorbraak init`: creates the round's database with its settings and model plans.
enum InitCommand: Command {
    static let name = "init"
    static let summary = "create the database, load the model plans and set the round"
    static let usage = "[--plans DIR] [--bar A|B|C|N] [--deadline DATE] [--ceiling EUR] [--theme-amount THEME=EUR]… [--require-signatures]"
    static let help = """
    options:
      --plans DIR                 folder of model plan files (default: the 16 plans built into doorbraak)
      --bar A|B|C|N               impact bar in fte per €mln: A = 35, B = 17 (default), C = 9, or a number
      --deadline DATE             the single submission moment (default 2026-12-01)
      --ceiling EUR               macro ceiling (default 600000000.00)
      --theme-amount THEME=EUR    a theme's richtbedrag; repeatable (defaults ai=275000000.00,
                                  digitale-hybride-zorg=275000000.00, medische-technologie=50000000.00)
      --require-signatures        party files (application submit, the imports) must carry an
                                  OpenSSH signature by the sending party's registered key

    init registers the Dutch health insurers by UZOVI code (`doorbraak party list`).

    Refuses to overwrite an existing database. Nothing is created when any plan or option is bad.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let plansPath = try arguments.value("--plans")
        let requireSignatures = arguments.flag("--require-signatures")
        let settings = try settings(from: &arguments)
        try arguments.finish()
        let plans = try PlanDirectory.load(plansPath)
        let store = try Store.create(at: context.databasePath, settings: settings, plans: plans, requireSignatures: requireSignatures, event: context.audit())
        try report(store: store, plans: plans, settings: settings, context: context)
        return ExitCode.done
    }

    /// The round settings from the `init` options, defaults per SPEC §3.1.
    static func settings(from arguments: inout ArgumentList) throws(DoorbraakError) -> RoundSettings {
        var settings = RoundSettings.standard
        if let bar = try arguments.value("--bar") { settings.bar = try ImpactBar(parsing: bar) }
        if let deadline = try arguments.value("--deadline") {
            do { settings.deadline = try Day(parsing: deadline) } catch { throw DoorbraakError(.usage, "--deadline: \(error.message)") }
        }
        if let ceiling = try arguments.value("--ceiling") {
            settings.ceiling = try euros(ceiling, option: "--ceiling")
            if settings.ceiling.cents == 0 { throw DoorbraakError(.usage, "--ceiling must be above zero") }
        }
        for assignment in try arguments.values("--theme-amount") {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw DoorbraakError(.usage, "--theme-amount takes THEME=EUR, e.g. ai=275000000.00") }
            let theme: Theme
            do { theme = try Theme(parsing: parts[0]) } catch { throw DoorbraakError(.usage, "--theme-amount: \(error.message)") }
            settings.themeAmounts[theme] = try euros(parts[1], option: "--theme-amount \(theme.rawValue)")
        }
        return settings
    }

    private static func euros(_ text: String, option: String) throws(DoorbraakError) -> Money {
        do { return try Money(parsing: text, notation: .json) } catch { throw DoorbraakError(.usage, "\(option): \(error.message)") }
    }

    static func report(store: Store, plans: [ModelPlan], settings: RoundSettings, context: Context) throws(DoorbraakError) {
        for warning in settings.warnings { Output.error("warning: \(warning)") }
        if context.json {
            Output.json(.object([
                ("database", .string(context.databasePath)),
                ("plans", .number(String(plans.count))),
                ("settings", SettingsView.json(settings)),
                ("insurers", .number(String(try store.registeredInsurers().count))),
                ("require_signatures", .bool(try store.signaturesRequired())),
            ]))
        } else {
            Output.line("initialised \(context.databasePath) with \(plans.count) model plans")
            Output.line(SettingsView.text(settings))
            Output.line("\(try store.registeredInsurers().count) health insurers registered by UZOVI code (`doorbraak party list`)"
                        + (try store.signaturesRequired() ? "; party files must be signed (--signature)" : ""))
        }
    }
}

/// How the round settings are shown.
enum SettingsView {
    static func text(_ s: RoundSettings) -> String {
        var table = Table([("setting", .left), ("value", .right)])
        table.add(["macro ceiling", s.ceiling.dutch])
        for theme in Theme.allCases { table.add(["richtbedrag \(theme.rawValue)", s.amount(of: theme).dutch]) }
        table.add(["impact bar", s.bar.description])
        table.add(["submission deadline", s.deadline.description])
        table.add(["spending years", "\(RoundSettings.eligibleYears.lowerBound)–\(RoundSettings.eligibleYears.upperBound)"])
        return table.text
    }

    static func json(_ s: RoundSettings) -> JSONValue {
        .object([
            ("ceiling", .string(s.ceiling.description)),
            ("themes", .array(Theme.allCases.map { .object([("theme", .string($0.rawValue)), ("amount", .string(s.amount(of: $0).description))]) })),
            ("bar", .string(s.bar.number)),
            ("bar_scenario", s.bar.scenario.map { .string($0.rawValue) } ?? .null),
            ("deadline", .string(s.deadline.description)),
            ("spending_years", .array(RoundSettings.eligibleYears.map { .number(String($0)) })),
        ])
    }
}
