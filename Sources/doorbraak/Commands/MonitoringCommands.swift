import DoorbraakCore
import DoorbraakImport
import DoorbraakStore
import Foundation

/// `doorbraak import monitoring FILE`.
enum ImportMonitoringCommand: Command {
    static let name = "import monitoring"
    static let summary = "import the coalitions' realised fte and KPI values per peildatum"
    static let usage = "FILE [--partial] [--signature FILE]"
    static let help = """
    CSV with the header application_id,peildatum,kpi,value (comma with a decimal point, or
    semicolon with a decimal comma). kpi is fte — the realised fte saved, net and structural, at
    most one decimal, not negative — or a KPI id of the application's model plan: K1, K2, … in
    the order `plans show` lists its KPIs (at most four decimals, may be negative). A kpi the plan
    does not know is refused naming the nearest (E-MONITORING-KPI), a malformed row is
    E-MONITORING-INPUT (exit 65). Refused (exit 1): an application without a granted beschikking
    (E-MONITORING-APPLICATION), a peildatum after --today (E-MONITORING-DATE), and the same
    application, peildatum and kpi reported before with another value (E-MONITORING-CONFLICT; the
    same value changes nothing). One transaction: all or nothing unless --partial.
    --signature FILE: an OpenSSH signature of the file by a provider's registered key; the file
    then reports only on applications that provider leads (E-SIGNATURE otherwise).
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let partial = arguments.flag("--partial")
        let signature = try SignedFile.signatureOption(&arguments)
        let path = try arguments.requiredOperand("monitoring file")
        try arguments.finish()
        let store = try context.openStore()
        let signed = try SignedFile(path, signature: signature, store: store, today: context.today)
        let bar = ProgressBar(label: "importing measurements")
        let report = try InputFile.importing(path, privateCopy: signed.privateCopy) { (file: String) throws(DoorbraakError) in
            let signer = try signed.signer(of: file, expected: "the penvoerder")
            var importer = MonitoringImport(store: store, today: context.today, event: context.audit().signed(by: signer), partial: partial)
            importer.actingFor = try PartySignature.provider(signer: signer, file: path).map { a throws(DoorbraakError) in try PartyID(role: .provider, id: a) }
            importer.settings.checksBesideWriter = context.checksBesideWriter
            importer.progress = bar
            return try importer.run(file)
        }
        bar?.finish()
        ImportView.print(report, json: context.json)
        return ImportView.exitCode(report)
    }
}

/// `doorbraak monitoring`.
enum MonitoringCommand: Command {
    static let name = "monitoring"
    static let summary = "realised impact: claimed vs realised fte per application and theme, against the bar and the AZWA ambition"
    static let usage = "[--theme THEME] [--application ID] [--as-of DATE]"
    static let help = """
    For every application with a granted beschikking: the fte it claimed and the realised fte at
    its latest peildatum on or before --as-of (default --today), with the latest value of each plan
    KPI; per theme and in total. The realised fte per €mln paid so far is set against the round's
    impact bar and the rate of 35 fte per €mln. The AZWA ambition of ~27,600 fte belongs to
    € 800 mln including the social domain and need not come from the doorbraakmiddelen alone
    (004 lines 398, 401): it is shown as context, not as this money's target. Applications without a realised-fte measurement by --as-of are listed as
    such; they add nothing realised. Ratios are compared exactly; only their text is rounded.
    --application ID shows one application (a provider's project lead looks at its own).
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let themeText = try arguments.value("--theme")
        let asOfText = try arguments.value("--as-of")
        let applicationText = try arguments.value("--application")
        try arguments.finish()
        var application: ApplicationID?
        if let applicationText { do { application = try ApplicationID(parsing: applicationText) } catch { throw DoorbraakError(.usage, "--application: \(error.message)") } }
        var theme: Theme?
        if let themeText { do { theme = try Theme(parsing: themeText) } catch { throw DoorbraakError(.usage, "--theme: \(error.message)") } }
        var asOf = context.today
        if let asOfText { do { asOf = try Day(parsing: asOfText) } catch { throw DoorbraakError(.usage, "--as-of: \(error.message)") } }
        let store = try context.openStore()
        let input = try store.showing(.monitoring) { () throws(DoorbraakError) in try store.monitoringInput() }
        let summary = Monitoring.summarise(applications: input.applications, measurements: input.measurements, asOf: asOf, bar: input.bar, theme: theme,
                                           application: application)
        if let application, summary.rows.isEmpty {
            guard try store.registered(application) != nil else {
                throw store.suggestingApplication(DoorbraakError(.missing, "no application \"\(application)\"; `doorbraak application list` shows the register", field: "application"), for: application.rawValue)
            }
            throw DoorbraakError(.missing, "\(application) has no beschikking granted by \(asOf)\(theme.map { " in theme \($0.rawValue)" } ?? ""): monitoring follows granted applications", field: "application")
        }
        // A day before what is recorded counts nothing after it: say so (a newcomer read "nothing
        // paid yet" on a round whose payments were dated after the system date).
        if let latest = try AuditLog.latestBusinessDay(in: store.db), latest > asOf {
            Output.error("note: the figures are as of \(asOf); the round records changes up to \(latest), which count from their own dates (give --today or --as-of to look later)")
        }
        if context.json {
            Output.json(MonitoringView.json(summary))
        } else {
            Output.line(MonitoringView.text(summary, perApplication: true))
        }
        return ExitCode.done
    }
}

/// How the realised impact is shown.
enum MonitoringView {
    /// `17.00` from 1700.
    static func hundredths(_ h: Int64) -> String {
        "\(h / 100).\(h % 100 < 10 ? "0" : "")\(h % 100)"
    }

    static func totals(_ t: Monitoring.Totals) -> [(String, JSONValue)] {
        [
            ("claimed_fte", .string(t.claimed.description)), ("realised_fte", .string(t.realised.description)), ("paid", .string(t.paid.description)),
            ("paid_to_measured", .string(t.measuredPaid.description)), ("claimed_fte_of_measured", .string(t.measuredClaimed.description)),
            ("measured", .number(String(t.measured))), ("unmeasured", .number(String(t.unmeasured))),
            ("realised_fte_per_mln", t.realisedPerMillion.map { .string($0.description) } ?? .null),
        ]
    }

    static func json(_ s: Monitoring.Summary) -> JSONValue {
        .object([
            ("as_of", .string(s.asOf.description)),
            ("applications", .array(s.rows.map { r in
                .object([
                    ("id", .string(r.id.rawValue)), ("theme", .string(r.theme.rawValue)), ("claimed_fte", .string(r.claimed.description)),
                    ("realised_fte", r.realised.map { .string($0.description) } ?? .null), ("peildatum", r.peildatum.map { .string($0.description) } ?? .null),
                    ("paid", .string(r.paid.description)), ("realised_fte_per_mln", r.realisedPerMillion.map { .string($0.description) } ?? .null),
                    ("kpis", .object(r.kpis.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value.description)) })),
                    ("kpi_values", .array(r.kpis.sorted { KPIOrder.precedes($0.key, $1.key) }.map { id, value in
                        .object([("kpi", .string(id)), ("name", .string(r.kpiNames[id]?.name ?? "")), ("value", .string(value.description)),
                                 ("unit", .string(r.kpiNames[id]?.unit ?? "")), ("target", .string(r.kpiNames[id]?.target ?? ""))])
                    })),
                ])
            })),
            ("themes", .array(s.themes.map { .object([("theme", .string($0.theme.rawValue))] + totals($0.totals)) })),
            ("total", .object(totals(s.total) + [
                ("bar", .string(hundredths(s.bar.hundredths))), ("reaches_bar", s.total.reaches(s.bar).map { .bool($0) } ?? .null),
                ("ambition_fte", .string(Monitoring.ambitionFte.description)), ("ambition_percent", .string(s.total.ambitionPercent)),
                ("ambition_fte_per_mln", .string(hundredths(Monitoring.ambitionHundredthsPerMillion))),
                ("reaches_ambition_rate", s.total.reachesAmbitionRate.map { .bool($0) } ?? .null),
            ])),
            ("unmeasured", .array(s.unmeasured.map { .string($0.rawValue) })),
        ])
    }

    static func row(_ name: String, _ t: Monitoring.Totals) -> [String] {
        [name, String(t.measured + t.unmeasured), String(t.measured), t.claimed.description, t.measuredClaimed.description, t.realised.description,
         t.realisedPercentOfClaimed.map { $0 + "%" } ?? "-", t.paid.dutch, t.measuredPaid.dutch, t.realisedPerMillion?.description ?? "-"]
    }

    /// The themes and total, the verdict against bar and ambition, and (when asked) every application.
    static func text(_ s: Monitoring.Summary, perApplication: Bool) -> String {
        guard !s.rows.isEmpty else { return "no granted applications to monitor" }
        var parts: [String] = []
        if perApplication {
            var table = Table([("application", .left), ("theme", .left), ("claimed fte", .right), ("realised fte", .right), ("peildatum", .left), ("paid", .right), ("fte/€mln", .right)])
            for r in s.rows {
                table.add([r.id.rawValue, r.theme.rawValue, r.claimed.description, r.realised?.description ?? "not measured", r.peildatum?.description ?? "-",
                           r.paid.dutch, r.realisedPerMillion?.description ?? "-"])
            }
            parts += ["realised impact per application at the latest peildatum on or before \(s.asOf)", table.text]
            var kpiTable = Table([("application", .left), ("kpi", .left), ("name", .left), ("value", .right), ("unit", .left), ("target", .left)])
            for r in s.rows {
                for (id, value) in r.kpis.sorted(by: { KPIOrder.precedes($0.key, $1.key) }) {
                    let kpi = r.kpiNames[id]
                    kpiTable.add([r.id.rawValue, id, kpi?.name ?? "-", value.description, kpi?.unit ?? "", kpi?.target ?? ""])
                }
            }
            if s.rows.contains(where: { !$0.kpis.isEmpty }) { parts += ["the plan KPIs at the latest peildatum", kpiTable.text] }
        }
        // Each ratio divides the two columns before it: over the measured applications only.
        var themes = Table([("theme", .left), ("applications", .right), ("measured", .right), ("claimed fte", .right), ("of them measured", .right), ("realised fte", .right),
                            ("of claimed", .right), ("paid", .right), ("to the measured", .right), ("realised fte/€mln", .right)])
        for t in s.themes { themes.add(row(t.theme.rawValue, t.totals)) }
        themes.add(row("total", s.total))
        parts += ["per theme, measured up to \(s.asOf) (realised against what the measured applications claimed and were paid)", themes.text]
        let bar = hundredths(s.bar.hundredths)
        var verdict: [String] = []
        if let rate = s.total.realisedPerMillion {
            verdict.append("realised \(rate) fte per €mln paid, over the \(s.total.measured) measured application(s) (\(s.total.measuredPaid.dutch) paid to them): \(s.total.reaches(s.bar) == true ? "at or above" : "below") the round's bar of \(bar), "
                           + "\(s.total.reachesAmbitionRate == true ? "at or above" : "below") the AZWA rate of 35 fte per €mln")
        } else if s.total.paid > .zero {
            verdict.append("no realised fte per €mln yet: \(s.total.paid.dutch) was paid by \(s.asOf), but none of the applications paid was measured by then")
        } else {
            verdict.append("nothing paid by \(s.asOf): no realised fte per €mln")
        }
        verdict.append("context: the AZWA ambition of ~\(Monitoring.ambitionFte.description) fte belongs to € 800 mln including the social domain and need not come from the doorbraakmiddelen alone (004 lines 398, 401); the \(s.total.realised.description) fte realised here are \(s.total.ambitionPercent)% of it")
        let missing = s.unmeasured
        if !missing.isEmpty {
            let shown = missing.prefix(perApplication ? missing.count : 10).map(\.rawValue).joined(separator: ", ")
            verdict.append("not measured by \(s.asOf) (\(missing.count)): \(shown)\(missing.count > 10 && !perApplication ? ", …" : "")")
        }
        parts.append(verdict.joined(separator: "\n"))
        return parts.joined(separator: "\n\n")
    }
}

/// KPI ids (`K1`, `K2`, … `K10`) in their number order, not their text order.
enum KPIOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Int(a.dropFirst()) ?? 0, Int(b.dropFirst()) ?? 0)
        return x == y ? a < b : x < y
    }
}
