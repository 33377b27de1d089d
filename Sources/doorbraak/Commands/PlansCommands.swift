import DoorbraakImport
import Foundation
import DoorbraakCore
import DoorbraakStore

/// `doorbraak plans list`.
enum PlansListCommand: Command {
    static let name = "plans list"
    static let summary = "the model plans per theme"
    static let usage = ""
    static let help = "Lists every model plan loaded at init: id, code, version, theme and sectors."

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        try arguments.finish()
        let plans = try PlansView.catalogue(context).plans
        if context.json {
            Output.json(.object([("plans", .array(plans.map { p in
                .object([
                    ("id", .string(p.id.rawValue)), ("code", .string(p.code)), ("version", .string(p.version)),
                    ("theme", .string(p.theme.rawValue)), ("sectors", .array(p.sectors.map { .string($0.rawValue) })),
                ])
            }))]))
        } else {
            Output.line(PlansView.table(plans))
        }
        return ExitCode.done
    }
}

/// `doorbraak plans show ID`.
enum PlansShowCommand: Command {
    static let name = "plans show"
    static let summary = "one model plan in full"
    static let usage = "ID"
    static let help = "Shows the plan's problem, scope, milestones with shares and due dates, norms, KPIs and basiseisen."

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let id = try arguments.requiredOperand("plan id")
        try arguments.finish()
        let plan = try PlansView.find(id, in: PlansView.catalogue(context).plans)
        if context.json {
            Output.json(plan.json)
        } else {
            Output.line(PlansView.detail(plan))
        }
        return ExitCode.done
    }
}

/// `doorbraak plans template ID --sector S`.
enum PlansTemplateCommand: Command {
    static let name = "plans template"
    static let summary = "a conforming application skeleton for a plan and sector"
    static let usage = "ID --sector SECTOR"
    static let help = """
    Prints an application file that follows the plan in every normative point: all milestones
    with tariffs at the plan's shares of € 1.000.000,00 and due on the plan's
    dates, the plan's spending years, the minimum number of providers, and an answer for each
    basiseis. Replace the placeholders (id, AGB and UZOVI codes, names, amounts, answers).
    Optional: "lead", the AGB code of the penvoerder (default the first coalition member).

    Deviations (pas toe of leg uit): where the application departs from the plan, `application
    check` names the key and "deviations" must explain it. The keys: milestones.set,
    milestones.<code>.share, milestones.<code>.due, spending_years, providers.max_amount,
    impact.fte_norm; and regional.<name> (e.g. regional.scope) for a regional or local adaptation
    the applicant declares itself (004 line 217). Every deviation puts the application on the
    extended track, where both insurers judge it. Written as one flat object, e.g.
      "deviations": {"milestones.M5.due": "why", "regional.scope": "what differs here, and why"}
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let id = try arguments.requiredOperand("plan id")
        let sectorOption = try arguments.value("--sector")
        try arguments.finish()
        let catalogue = try PlansView.catalogue(context)
        let plan = try PlansView.find(id, in: catalogue.plans)
        guard let sectorText = sectorOption else {
            throw DoorbraakError(.usage, "--sector is required: plan \(plan.id) covers \(plan.sectors.map(\.rawValue).joined(separator: ", "))")
        }
        let sector: Sector
        do { sector = try Sector(parsing: sectorText) } catch { throw DoorbraakError(.usage, "--sector: \(error.message)") }
        guard plan.sectors.contains(sector) else {
            throw DoorbraakError(.plan, "plan \(plan.id) is not for sector \(sector.rawValue); it covers \(plan.sectors.map(\.rawValue).joined(separator: ", "))")
        }
        Output.line(ApplicationTemplate(plan: plan, sector: sector, bar: catalogue.bar).json.pretty)
        Output.error("note: \"deviations\" is one flat object of key → explanation; the keys are \(DeviationFinder.keyFormats.joined(separator: ", ")) (see `doorbraak plans template --help`)")
        return ExitCode.done
    }
}

/// How plans are shown.
enum PlansView {
    /// The round's plans and bar; before any `init` (no database here and none named), the plans
    /// built into doorbraak with the standard bar, so a provider can start from a template at once.
    static func catalogue(_ context: Context) throws(DoorbraakError) -> (plans: [ModelPlan], bar: ImpactBar) {
        if !context.databaseNamed, !FileManager.default.fileExists(atPath: context.databasePath) {
            return (try PlanDirectory.builtIn(), RoundSettings.standard.bar)
        }
        let store = try context.openStore(readOnly: true)
        return try store.showing(.plans) { () throws(DoorbraakError) in (try store.plans(), try store.settings().bar) }
    }

    static func find(_ id: String, in plans: [ModelPlan]) throws(DoorbraakError) -> ModelPlan {
        guard let plan = plans.first(where: { $0.id.rawValue == id }) else {
            // A plan's code (`DHZ-COPD`, shown beside its id in `plans list`) names its id
            // (a newcomer typed the code).
            let byCode = plans.first { $0.code.lowercased() == id.lowercased() }.map { "\"\(id)\" is the code of plan \"\($0.id.rawValue)\": use the id. " }
            let hint = byCode ?? NearestName.suggestion(for: id, among: plans.map(\.id.rawValue)).map { "did you mean \"\($0)\"? " } ?? ""
            throw DoorbraakError(.missing, "no model plan \"\(id)\"; \(hint)`doorbraak plans list` shows the ids")
        }
        return plan
    }

    static func table(_ plans: [ModelPlan]) -> String {
        var table = Table([("theme", .left), ("plan", .left), ("code", .left), ("sectors", .left), ("years", .left), ("max fte/€mln", .right)])
        for p in plans {
            table.add([p.theme.rawValue, p.id.rawValue, p.code, p.sectors.map(\.rawValue).joined(separator: ","),
                       p.norms.spendingYears.map(String.init).joined(separator: ","), p.norms.plausibleMaxFtePerMln.description])
        }
        return table.text + "\n\(plans.count) plans"
    }

    static func detail(_ p: ModelPlan) -> String {
        var milestones = Table([("code", .left), ("prestatie", .left), ("share", .right), ("latest", .left), ("obligation", .left), ("title", .left)])
        for m in p.milestones {
            milestones.add([m.code.description, p.prestatieCode(m.code), "\(m.share)%", m.latest.description, m.obligation.rawValue, m.title])
        }
        // Each KPI with the id a monitoring file names it by (`import monitoring`: K1, K2, …).
        let kpis = zip(p.kpiIDs, p.kpis).map { id, kpi in "  - \(id) \(kpi.name): \(kpi.target) (\(kpi.unit))" }.joined(separator: "\n")
        let basiseisen = (1...14).map { "  \($0 < 10 ? " " : "")\($0). \(p.basiseisen[$0] ?? "")" }.joined(separator: "\n")
        return """
        \(p.title) (\(p.id), \(p.code), version \(p.version))
        theme      \(p.theme.rawValue)
        sectors    \(p.sectors.map(\.rawValue).joined(separator: ", "))

        problem    \(p.problem)
        goal       \(p.goal)
        scope      \(p.scope)

        milestones
        \(milestones.text)

        norms
          minimum providers          \(p.norms.minProviders)
          maximum per provider       \(p.norms.maxAmountPerProvider.dutch)
          spending years             \(p.norms.spendingYears.map(String.init).joined(separator: ", "))
          plausible maximum impact   \(p.norms.plausibleMaxFtePerMln) fte per €mln
          excluded cost categories   \(p.excludedCategories.isEmpty ? "none" : p.excludedCategories.map(\.rawValue).joined(separator: ", "))

        KPIs (their ids for `import monitoring`)
        \(kpis)

        basiseisen
        \(basiseisen)

        source     \(p.source)
        """
    }
}
