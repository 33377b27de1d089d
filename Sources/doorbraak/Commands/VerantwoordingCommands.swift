import DoorbraakCore
import DoorbraakImport
import DoorbraakStore
import Foundation

/// `doorbraak import costs FILE`.
enum ImportCostsCommand: Command {
    static let name = "import costs"
    static let summary = "import the providers' actual costs (verantwoording) per application, provider and year"
    static let usage = "FILE [--partial] [--signature FILE]"
    static let help = """
    CSV with the header line_id,application_id,provider,year,category,kind,amount,description:
    comma-delimited with a decimal point (1250000.00) or semicolon-delimited with a decimal comma
    (1.250.000,00), taken from the header. category is personnel, material, hulpmiddel-aanschaf or
    other; kind incidental or structural. Only actual costs are reimbursed: the providers account
    for them and the insurers test them for plausibility (`doorbraak plausibility`).

    A malformed row is E-COST-INPUT, naming every failing field (exit 65). A line of an
    application without a granted beschikking is refused (E-COST-APPLICATION), and so is a
    line id reported before with other content (P7; exit 1). The same line id with the same
    content changes nothing (a comma and a semicolon file with the same amounts are the same).
    A line that is not eligible — a year outside 2027–2029 (P2), a structural cost (P3), buying
    hulpmiddelen (P4), a provider outside the coalition (P6) — is stored all the same: it is a
    finding of the plausibility test, not an input error; the import counts these per code.
    One transaction: all or nothing unless --partial; one audit event per stored line.
    --signature FILE: an OpenSSH signature of the file by a provider's registered key; the file
    then holds only that provider's own cost lines (E-SIGNATURE otherwise).
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let partial = arguments.flag("--partial")
        let signature = try SignedFile.signatureOption(&arguments)
        let path = try arguments.requiredOperand("costs file")
        try arguments.finish()
        let store = try context.openStore()
        let signed = try SignedFile(path, signature: signature, store: store, today: context.today)
        let bar = ProgressBar(label: "importing costs")
        let result = try InputFile.importing(path, privateCopy: signed.privateCopy, report: \.report) { (file: String) throws(DoorbraakError) in
            let signer = try signed.signer(of: file, expected: "the provider whose costs they are")
            var importer = CostImport(store: store, today: context.today, event: context.audit().signed(by: signer), partial: partial)
            importer.actingFor = try PartySignature.provider(signer: signer, file: path).map { a throws(DoorbraakError) in try PartyID(role: .provider, id: a) }
            importer.settings.checksBesideWriter = context.checksBesideWriter
            importer.progress = bar
            return try importer.run(file)
        }
        bar?.finish()
        let findings = result.findings.sorted { $0.key < $1.key }
        let above: JSONValue = .array(result.aboveShare.map { a in
            .object([("line", .number(String(a.line))), ("id", .string(a.cost.lineID)), ("provider", .string(a.cost.provider.rawValue)),
                     ("amount", .string(a.cost.amount.description)), ("coalition_amount", .string(a.share.description))])
        })
        ImportView.print(result.report, json: context.json, extra: [("findings", .object(findings.map { ($0.key, .number(String($0.value))) })), ("above_share", above),
                                                                     ("above_share_count", .number(String(result.aboveShareCount))),
                                                                     ("on_final", .number(String(result.onFinal))),
                                                                     ("after_rejection", .object(result.afterRejection.sorted { $0.key < $1.key }.map { ($0.key, .number(String($0.value))) }))])
        if !context.json, !findings.isEmpty {
            Output.line("stored with a finding (not eligible; see `doorbraak plausibility`): " + findings.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if !context.json, result.onFinal > 0 {
            Output.error("note: \(result.onFinal) eligible stored line\(result.onFinal == 1 ? " is" : "s are") on a beschikking that is final: its recovery and the NZa's judgments it counts in are recomputed with \(result.onFinal == 1 ? "it" : "them") and may change (`doorbraak plausibility`)")
        }
        if !context.json, !result.afterRejection.isEmpty {
            // A rejected cost is refused again only when it is the same; a new line of that provider is said (its insurers test it).
            let count = result.afterRejection.values.reduce(0, +)
            Output.error("note: \(count) stored line\(count == 1 ? " is" : "s are") of a provider with a line an insurer rejected on the same application; its insurers test \(count == 1 ? "it" : "them") (" + result.afterRejection.sorted { $0.key < $1.key }.prefix(5).map { "`doorbraak cost list --application \($0.key)`" }.joined(separator: ", ") + (result.afterRejection.count > 5 ? ", …" : "") + ")")
        }
        if !context.json, !result.aboveShare.isEmpty {
            // Said, not refused: the costs may be real; but a stored line is not replaced (P7).
            Output.error("note: \(result.aboveShareCount) stored line\(result.aboveShareCount == 1 ? " is alone" : "s are each alone") above the provider's whole coalition amount; check the amount (a stored line cannot be replaced, P7: its insurer rejects a wrong one with `doorbraak cost reject`, and the right cost is reported under a new line id):")
            for a in result.aboveShare.prefix(10) {
                Output.error("  \(path):\(a.line): \(a.cost.lineID) \(a.cost.amount.dutch) for provider \(a.cost.provider) on \(a.cost.application), whose coalition amount is \(a.share.dutch)")
            }
            if result.aboveShareCount > 10 { Output.error("  … and \(result.aboveShareCount - 10) more (`--json` lists the first \(CostImport.aboveShareKept))") }
        }
        return ImportView.exitCode(result.report)
    }
}

/// `doorbraak cost list [--application ID] [--insurer U]`.
enum CostListCommand: Command {
    static let name = "cost list"
    static let summary = "the stored cost lines with what is eligible of each and why not: the insurer's list to test"
    static let usage = "[--application ID] [--provider AGB] [--insurer UZOVI]"
    static let help = """
    Every stored cost line (`import costs`), by line id: application, provider, year, category,
    kind, amount, the part that is eligible, its findings (P2, P3, P4, P6 of its own; P8 when an
    insurer rejected it, with who, when and why) and its description, and their totals (accounted
    and eligible; in --json `count`, `accounted`, `eligible`). --application ID narrows to one
    application; --provider AGB to one provider's lines; --insurer U to the lines of the providers
    U paid for an application: the lines U may test and reject (`doorbraak cost reject`).
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let application = try arguments.value("--application")
        let provider = try arguments.value("--provider").map { text throws(DoorbraakError) in
            do throws(DoorbraakError) { return try AGB(parsing: text) } catch { throw DoorbraakError(.usage, "--provider: \(error.message)") }
        }
        let insurer = try InsurerOption.take(&arguments)
        try arguments.finish()
        let store = try context.openStore(readOnly: true)
        try InsurerOption.requireRegistered(insurer, in: store)
        let input = try store.showing(.costs) { () throws(DoorbraakError) in try store.plausibilityInput() }
        if let application, !input.applications.contains(where: { $0.id.rawValue == application }) {
            throw store.suggestingApplication(DoorbraakError(.missing, "no application \"\(application)\" with a beschikking or cost lines"), for: application)
        }
        let (all, payers) = input.lineStates()
        let paidBy = { (s: Plausibility.LineState) -> [UZOVI] in (payers[s.line.application]?[s.line.provider] ?? []).sorted() }
        let states = all
            .filter { s in
                (application == nil || s.line.application.rawValue == application) && (provider == nil || s.line.provider == provider)
                    && (insurer == nil || paidBy(s).contains { $0.rawValue == insurer })
            }
            .map { s in
                // Each finding names the insurers that paid the line's provider for the application.
                var s = s
                for i in s.findings.indices { s.findings[i].insurers = paidBy(s) }
                return s
            }
        if context.json {
            Output.json(.object([("count", .number(String(states.count))), ("accounted", .string(states.map(\.line.amount).sum().description)),
                                 ("eligible", .string(states.map(\.eligible).sum().description)),
                                 ("lines", .array(states.map { CostListCommand.json($0, importedOn: input.importedOn[$0.line.lineID]) }))]))
            return ExitCode.done
        }
        guard !states.isEmpty else {
            Output.line("no cost lines" + (application.map { " of \($0)" } ?? "") + (provider.map { " of provider \($0)" } ?? "")
                        + (insurer.map { " of providers insurer \($0) paid" } ?? ""))
            return ExitCode.done
        }
        var table = Table([("line", .left), ("application", .left), ("provider", .left), ("year", .left), ("category", .left), ("kind", .left),
                           ("amount", .right), ("eligible", .right), ("imported", .left), ("findings", .left), ("description", .left)])
        for s in states {
            table.add([s.line.lineID, s.line.application.rawValue, s.line.provider.rawValue, String(s.line.year), s.line.category.rawValue, s.line.kind.rawValue,
                       s.line.amount.dutch, s.eligible.dutch, input.importedOn[s.line.lineID]?.description ?? "", CostListCommand.findingsText(s), s.line.description])
        }
        Output.line(table.text)
        Output.line("\(states.count) line\(states.count == 1 ? "" : "s"): \(states.map(\.line.amount).sum().dutch) accounted, \(states.map(\.eligible).sum().dutch) eligible")
        return ExitCode.done
    }

    /// A line's findings in words: the codes, a P8 with who, when and why, a pending rejection with who still has to judge.
    static func findingsText(_ s: Plausibility.LineState) -> String {
        let rejections = { (list: [CostRejection]) in list.map { "\($0.insurer) (\($0.on)): \($0.note)" }.joined(separator: "; ") }
        var parts = s.findings.map { f in f.code == .costRejected ? "P8 by " + rejections(f.rejections) : f.code.rawValue }
        if !s.pending.isEmpty {
            parts.append("rejected by \(rejections(s.pending)); counts once \(s.awaiting.map(\.rawValue).joined(separator: ", ")) rejects it too")
        }
        return parts.joined(separator: ", ")
    }

    /// One line as `cost list --json` gives it.
    static func json(_ s: Plausibility.LineState, importedOn: Day?) -> JSONValue {
        .object([("line", .string(s.line.lineID)), ("application", .string(s.line.application.rawValue)), ("provider", .string(s.line.provider.rawValue)),
                 ("year", .number(String(s.line.year))), ("category", .string(s.line.category.rawValue)), ("kind", .string(s.line.kind.rawValue)),
                 ("amount", .string(s.line.amount.description)), ("eligible", .string(s.eligible.description)),
                 ("imported_on", importedOn.map { .string($0.description) } ?? .null),
                 ("findings", .array(s.findings.map(PlausibilityView.finding))),
                 ("pending_rejections", .array(s.pending.map(PlausibilityView.rejection))), ("awaiting", .array(s.awaiting.map { .string($0.rawValue) })),
                 ("description", .string(s.line.description))])
    }
}

/// `doorbraak cost reject LINE --insurer U --note TEXT [--plausible AMOUNT]`.
enum CostRejectCommand: Command {
    static let name = "cost reject"
    static let summary = "an insurer that paid a provider judges its cost line not plausible (P8), in whole or above a plausible part"
    static let usage = "LINE --insurer UZOVI --note TEXT [--plausible AMOUNT] [--statement | --signature SIG]"
    static let help = """
    The insurers test the providers' costs for plausibility (004: "aan de zorgverzekeraars wordt
    gevraagd om de kosten te toetsen op plausibiliteit"). An insurer of the line's application
    that paid the line's provider for it (anyone else gets E-REVIEWER) rejects a stored cost line
    (`doorbraak cost list --insurer U` lists them); --note says why in one line. Once every insurer
    that paid the provider for the application rejected the line — the recovery it causes falls
    on all of them, so one alone does not decide it for another — the line is not eligible above
    the largest --plausible AMOUNT they gave (default 0.00: none of it; below the line's amount):
    finding P8 in `doorbraak plausibility`, with who, when and why, and what was paid above the
    provider's eligible costs is recovered (P1).
    It is also how a wrong line is corrected: a stored line is never replaced (P7), so its
    insurer sets the part that is right (`--plausible 450100.00` for a line of 500100.00).
    A line that is not eligible already (P2, P3, P4, P6) is not rejected (E-STATE). A rejection is
    final: the same one again changes nothing, another is E-DECIDED; the rejected cost reported
    again under another line id is E-COST-REPEAT, whatever its description.
    Recorded in the audit trail (`cost-reject`) with the actor, on the application.
    --statement checks the rejection as if to store it, then prints the statement the insurer
    signs (line, insurer, part and note, one per line) and stores nothing; `--signature SIG` then
    takes the insurer's OpenSSH signature of it (`doorbraak
    cost reject … --statement > r.txt; ssh-keygen -Y sign -n doorbraak -f KEY r.txt` gives
    r.txt.sig), required when the round requires signed files.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        guard let insurerText = try arguments.value("--insurer") else {
            throw DoorbraakError(.usage, "cost reject needs --insurer UZOVI: an insurer that paid the line's provider for the application")
        }
        let insurer: UZOVI
        do { insurer = try UZOVI(parsing: insurerText) } catch { throw DoorbraakError(.usage, "--insurer: \(error.message)") }
        guard let noteText = try arguments.value("--note") else {
            throw DoorbraakError(.usage, "cost reject needs --note TEXT: why the cost is not plausible, for the provider and the NZa")
        }
        let note: String
        do { note = try CostRejection.parseNote(noteText) } catch { throw DoorbraakError(.usage, "--note: \(error.message)") }
        var plausible = Money.zero
        if let text = try arguments.value("--plausible") {
            do { plausible = try Money(parsing: text, notation: .json) } catch { throw DoorbraakError(.usage, "--plausible: \(error.message) (write the amount with a decimal point and no thousands separators, as 450100.00)") }
        }
        let printStatement = arguments.flag("--statement")
        let signature = try SignedFile.signatureOption(&arguments)
        let operand = try arguments.requiredOperand("cost line id")
        try arguments.finish()
        let lineID: String
        do { lineID = try CostLine.parseLineID(operand) } catch { throw DoorbraakError(.usage, "the cost line id: \(error.message)") }
        if printStatement && signature != nil { throw DoorbraakError(.usage, "--statement prints what to sign; give --signature on the next run, with the same options") }
        if printStatement && context.json { throw DoorbraakError(.usage, "--statement prints the statement to sign as it is, not as JSON") }
        let rejection = CostRejection(lineID: lineID, insurer: insurer, plausible: plausible, note: note, on: context.today)
        let store = try context.openStore()
        try InsurerOption.requireRegistered(insurer.rawValue, in: store)
        var signer: PartyID?
        if let signature {
            let allowed = try store.allowedSigners()
            signer = try FileSignature.signer(ofText: rejection.statement, signature: signature, allowedSigners: allowed)
            _ = try PartySignature.insurer(signer: signer, option: insurer.rawValue, file: signature)
            try store.requireSigner(signer, checkedAgainst: allowed, on: context.today)
        } else if !printStatement, try store.signaturesRequired() {
            throw DoorbraakError(.signature, "this round requires signed party files: the insurer signs the statement of this rejection (run the same command with --statement instead of storing: `… --statement > r.txt; ssh-keygen -Y sign -n doorbraak -f KEY r.txt`) and passes --signature r.txt.sig")
        }
        let outcome: Store.CostRejectionOutcome
        do {
            outcome = try store.rejectCost(rejection, event: context.audit().signed(by: signer), checkOnly: printStatement)
        } catch {
            // On the command line the line is the operand and the part an option.
            var located = error
            if located.field == "line_id" { located.field = nil }
            if located.field == "plausible" { located = DoorbraakError(.usage, located.message, field: "--plausible") }
            if located.field == "insurer" { located.field = "--insurer" }
            if located.code == .missing { located = store.suggestingCostLine(located, for: lineID) }
            throw located
        }
        let fields: [(String, JSONValue)] = [("line", .string(lineID)), ("insurer", .string(insurer.rawValue)), ("plausible", .string(plausible.description)),
                                             ("note", .string(note))]
        switch outcome {
        case .checked:
            // The statement of a rejection that every check lets through, for the insurer to sign.
            print(rejection.statement, terminator: "")
        case .rejected(let line, let onFinal, let awaiting, let notEligible):
            if context.json {
                Output.json(.object(fields + [("on", .string(context.today.description)), ("application", .string(line.application.rawValue)),
                                              ("amount", .string(line.amount.description)), ("outcome", .string("rejected")),
                                              ("counts", .bool(notEligible != nil)), ("not_eligible", notEligible.map { .string($0.description) } ?? .null),
                                              ("awaiting", .array(awaiting.map { .string($0) })), ("on_final", .bool(onFinal))]))
            } else {
                let part = plausible == .zero ? "" : " above a plausible \(plausible.dutch)"
                let about = "cost line \(lineID) (\(line.amount.dutch), provider \(line.provider), \(line.year), \(line.application)) rejected by insurer \(insurer)\(part)"
                if let notEligible {
                    Output.line("\(about): P8, \(notEligible.dutch) not eligible — \(note)")
                    Output.line("its effect on the recovery: `doorbraak plausibility --application \(line.application)`")
                    if onFinal {
                        Output.error("note: the beschikking of \(line.application) is final: its recovery and the NZa's judgments it counts in change with this rejection")
                    }
                } else {
                    Output.line("\(about) — \(note)")
                    Output.line("recorded; it counts (P8) once insurer \(awaiting.joined(separator: " and ")), which also paid provider \(line.provider) for \(line.application), rejects it too: the recovery falls on every insurer that paid (`doorbraak cost list --application \(line.application)` shows it awaiting)")
                }
            }
        case .unchanged(let line, let on):
            if context.json {
                Output.json(.object(fields + [("on", .string(on.description)), ("application", .string(line.application.rawValue)), ("outcome", .string("unchanged"))]))
            } else {
                Output.line("cost line \(lineID): insurer \(insurer) rejected it on \(on) in the same words; nothing changed")
            }
        }
        return ExitCode.done
    }
}

/// The options the plausibility test and the verevening report share.
enum PlausibilityOptions {
    static func settings(_ arguments: inout ArgumentList) throws(DoorbraakError) -> Plausibility.Settings {
        var settings = Plausibility.Settings.standard
        if let text = try arguments.value("--materiality") {
            do { settings.materiality = try Percentage(parsing: text) } catch { throw DoorbraakError(.usage, "--materiality: \(error.message)") }
        }
        if let text = try arguments.value("--deviation") {
            do { settings.deviation = try Percentage(parsing: text) } catch { throw DoorbraakError(.usage, "--deviation: \(error.message)") }
        }
        return settings
    }

    static func year(_ text: String?, required: Bool) throws(DoorbraakError) -> Int? {
        guard let text else {
            if required { throw DoorbraakError(.usage, "--year YEAR is required: 2027, 2028 or 2029") }
            return nil
        }
        guard let y = Int(text), RoundSettings.eligibleYears.contains(y) else { throw DoorbraakError(.usage, "--year must be 2027, 2028 or 2029") }
        return y
    }

    /// Runs the test on everything stored.
    static func report(_ store: Store, _ settings: Plausibility.Settings, view: ShownView = .plausibility) throws(DoorbraakError) -> Plausibility.Report {
        let input = try store.showing(view) { () throws(DoorbraakError) in try store.plausibilityInput() }
        return try Plausibility.run(payouts: input.payouts, costs: input.costs, rejections: input.rejections, applications: input.applications, settings: settings)
    }
}

/// `doorbraak plausibility`.
enum PlausibilityCommand: Command {
    static let name = "plausibility"
    static let summary = "test the actual costs: eligible, findings P1–P6 and P8, recovery, the NZa's judgment per insurer and year"
    static let usage = "[--year YEAR] [--insurer UZOVI] [--application ID] [--materiality PCT] [--deviation PCT] [--csv FILE]"
    static let help = """
    Sets what the insurers paid (reached claims; a payout's year is its claim date's year) against
    the providers' actual costs (`import costs`). Eligible actual cost is the sum of the lines
    without a finding; not eligible are lines outside 2027–2029 (P2), structural costs (P3),
    bought hulpmiddelen (P4), lines of a provider outside the coalition (P6) and lines an
    insurer of the application judged not plausible (P8, `doorbraak cost reject`). Recovery
    (terugvordering, P1) is per application and provider over the whole beschikking: paid over
    all years above eligible cost over all years (a payment in 2028 for costs of 2027 recovers
    nothing). While the beschikking runs it is provisional (shown, not counted); once it is
    final (every milestone settled, or the period closed) it is recovered. Once final, a provider
    whose eligible cost over all years differs more than --deviation (default 25%) from its
    coalition amount needs an explanation (P5; no recovery).

    Per paying insurer and year: paid, paid − recovery (`eligible` in --json), recovery, findings, and the
    NZa's judgment (bestuurlijk rechtsoordeel): plausibel when the recovery is at most
    --materiality (default 1%) of what the insurer paid, else niet plausibel. A final recovery is
    split over the insurers and years that paid the provider for the application, pro rata to
    what each paid in each year, to the cent by the largest remainder (each part rounded down,
    the cents left one each to the parts rounded down the most), so the parts add up exactly and
    no judgment holds more than was paid in it. Each finding names the insurers that paid that provider for
    the application (when none did, those that paid the application) and is in their judgment of
    its year: a cost line's year, and for P5 the year the beschikking became final (2029 for a
    period closed on 2030-01-01). --year Y lists year Y's findings only; --insurer U those U paid;
    --application ID one application's recovery and findings (a project lead's own outcome), with
    the judgments they count in. They narrow what is shown, not what is computed. A report: exit 0
    whatever the judgment. --csv FILE writes the judgments per insurer and year for a Dutch
    spreadsheet instead (as `nza register --csv`; `lopend` counts the beschikkingen still running,
    whose recovery is provisional).
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let year = try PlausibilityOptions.year(try arguments.value("--year"), required: false)
        let insurerText = try arguments.value("--insurer")
        let applicationText = try arguments.value("--application")
        let settings = try PlausibilityOptions.settings(&arguments)
        let csv = try arguments.value("--csv")
        try arguments.finish()
        var insurer: UZOVI?
        if let insurerText { do { insurer = try UZOVI(parsing: insurerText) } catch { throw DoorbraakError(.usage, "--insurer: \(error.message)") } }
        var application: ApplicationID?
        if let applicationText { do { application = try ApplicationID(parsing: applicationText) } catch { throw DoorbraakError(.usage, "--application: \(error.message)") } }
        let store = try context.openStore(readOnly: true)
        try InsurerOption.requireRegistered(insurerText, in: store)
        var registered: RegisteredVersion?
        if let application {
            registered = try store.registered(application)
            if registered == nil {
                throw store.suggestingApplication(DoorbraakError(.missing, "no application \"\(application)\"", field: "--application"), for: application.rawValue)
            }
        }
        let report = try PlausibilityOptions.report(store, settings)
        let view = PlausibilityView(report: report, year: year, insurer: insurer, application: application)
        if let csv {
            try OutputFile.write(SemicolonCSV.file(header: ["verzekeraar", "jaar", "uitbetaald", "uitbetaald min terugvordering", "terugvordering", "bevindingen", "oordeel", "lopend"],
                                                   rows: view.judgments.map { j in
                [j.insurer.rawValue, String(j.year), j.paid.decimalComma, j.eligible.decimalComma, j.recovery.decimalComma, String(j.findings.count), j.judgment, String(j.running)]
            }), to: csv)
            if !context.json {
                Output.line("wrote \(view.judgments.count) judgment(s) per insurer and year to \(csv): \(view.judgments.filter(\.isPlausible).count) plausibel, recovery \(view.judgments.map(\.recovery).sum().dutch)")
                return ExitCode.done
            }
        }
        // An application never granted has nothing to account for (a newcomer read "no recovery
        // and no findings" for one not allocated).
        if let application, let registered, report.coalitions[application] == nil, !context.json {
            Output.line("\(application) has no beschikking (it is \(registered.status)): nothing was paid on it and nothing is accounted for")
            return ExitCode.done
        }
        if context.json {
            Output.json(view.json)
        } else {
            Output.line(view.text)
        }
        return ExitCode.done
    }
}

/// The plausibility report, narrowed to a year and an insurer.
struct PlausibilityView {
    let report: Plausibility.Report
    let judgments: [Plausibility.Judgment]
    let findings: [Plausibility.Finding]
    let recoveries: [Plausibility.Recovery]

    /// The application shown alone (`--application`), if any.
    let application: ApplicationID?
    /// `--year` and `--insurer`, which narrow what is shown.
    let year: Int?
    let insurer: UZOVI?

    init(report: Plausibility.Report, year: Int?, insurer: UZOVI?, application: ApplicationID? = nil) {
        self.report = report
        self.application = application
        self.year = year
        self.insurer = insurer
        let ofApplication = { (id: ApplicationID) in application == nil || id == application }
        recoveries = report.recoveries.filter { r in
            ofApplication(r.application) && r.parts.contains { (year == nil || $0.year == year) && (insurer == nil || $0.insurer == insurer) }
        }
        // With --application, the judgments its findings or recovery parts count in.
        let counted = Set(recoveries.flatMap { r in r.parts.map { "\($0.insurer)|\($0.year)" } })
        judgments = report.judgments.filter { j in
            (year == nil || j.year == year) && (insurer == nil || j.insurer == insurer)
                && (application == nil || counted.contains("\(j.insurer)|\(j.year)") || j.findings.contains { $0.application == application })
        }
        // Every finding once: with --year only that year's (P5 in the year its beschikking became
        // final; P1 when a part of its recovery was paid in it), with --insurer only those it paid.
        let recoveryYears = Dictionary(report.recoveries.map { ("\($0.application)|\($0.provider)", Set($0.parts.map(\.year))) }, uniquingKeysWith: { a, _ in a })
        findings = report.findings.filter { f in
            let inYear = year.map { y in
                f.code == .costRecovery ? recoveryYears["\(f.application)|\(f.provider)"]?.contains(y) ?? false : f.year == y
            } ?? true
            return inYear && (insurer.map { f.insurers.contains($0) } ?? true) && ofApplication(f.application)
        }
    }

    static func finding(_ f: Plausibility.Finding) -> JSONValue {
        .object([
            ("code", .string(f.code.rawValue)), ("application", .string(f.application.rawValue)), ("provider", .string(f.provider.rawValue)),
            ("amount", .string(f.amount.description)), ("year", f.year.map { .number(String($0)) } ?? .null),
            ("line", f.lineID.map { .string($0) } ?? .null), ("message", .string(f.message)),
            ("provisional", .bool(f.provisional)), ("insurers", .array(f.insurers.map { .string($0.rawValue) })),
            // P8: who rejected the line, when, the part kept as plausible and why (the insurers above are those that paid).
            ("rejections", .array(f.rejections.map(PlausibilityView.rejection))),
        ])
    }

    static func rejection(_ r: CostRejection) -> JSONValue {
        .object([("insurer", .string(r.insurer.rawValue)), ("on", .string(r.on.description)), ("plausible", .string(r.plausible.description)), ("note", .string(r.note))])
    }

    var json: JSONValue {
        .object([
            ("judgments", .array(judgments.map { j in
                .object([
                    ("insurer", .string(j.insurer.rawValue)), ("year", .number(String(j.year))),
                    ("paid", .string(j.paid.description)), ("eligible", .string(j.eligible.description)), ("recovery", .string(j.recovery.description)),
                    ("findings", .array(j.findings.map(PlausibilityView.finding))), ("judgment", .string(j.judgment)),
                    ("running", .number(String(j.running))),
                ])
            })),
            ("recoveries", .array(recoveries.map { r in
                .object([
                    ("application", .string(r.application.rawValue)), ("provider", .string(r.provider.rawValue)),
                    ("paid", .string(r.paid.description)), ("eligible", .string(r.eligible.description)), ("recovery", .string(r.amount.description)),
                    ("final", .bool(r.isFinal)),
                    ("insurers", .array(r.parts.map { .object([("insurer", .string($0.insurer.rawValue)), ("amount", .string($0.part.description)), ("year", .number(String($0.year)))]) })),
                ])
            })),
            ("findings", .array(findings.map(PlausibilityView.finding))),
            ("providers", application.map { id in .array(report.standing(of: id).map { p in
                .object([
                    ("provider", .string(p.provider.rawValue)), ("coalition_amount", p.coalitionAmount.map { .string($0.description) } ?? .null),
                    ("paid", .string(p.paid.description)), ("accounted", .string(p.accounted.description)), ("eligible", .string(p.eligible.description)),
                    ("recovery", .string(p.recovery.description)), ("recovered", .bool(p.recovered)),
                ])
            }) } ?? .null),
            ("settings", .object([("materiality", .string(report.settings.materiality.description)), ("deviation", .string(report.settings.deviation.description))])),
        ])
    }

    var judgmentTable: String {
        // "paid − recovery", not "eligible": the recovery table's "eligible costs" are the actual
        // costs, another amount (a newcomer's try read the two as one).
        var table = Table([("insurer", .left), ("year", .left), ("paid", .right), ("paid − recovery", .right), ("recovery", .right), ("findings", .right), ("NZa judgment", .left)])
        for j in judgments {
            table.add([j.insurer.rawValue, String(j.year), j.paid.dutch, j.eligible.dutch, j.recovery.dutch, String(j.findings.count), j.judgmentText])
        }
        table.add(["total", "", judgments.map(\.paid).sum().dutch, judgments.map(\.eligible).sum().dutch, judgments.map(\.recovery).sum().dutch, "",
                   "\(judgments.filter(\.isPlausible).count) of \(judgments.count) plausibel"])
        return table.text
    }

    /// With `--application`: every provider of it over the whole beschikking.
    var standingTable: String? {
        guard let application else { return nil }
        let standing = report.standing(of: application)
        guard !standing.isEmpty else { return nil }
        var table = Table([("provider", .left), ("coalition amount", .right), ("paid", .right), ("accounted", .right), ("eligible", .right), ("paid above eligible", .right), ("state", .left)])
        for p in standing {
            let state = p.recovery == .zero ? (p.paid == .zero ? "nothing paid" : "covered") : p.recovered ? "recovered" : "to account for (else recovered when final)"
            table.add([p.provider.rawValue, p.coalitionAmount?.dutch ?? "outside", p.paid.dutch, p.accounted.dutch, p.eligible.dutch, p.recovery.dutch, state])
        }
        return "every provider of \(application) over the whole beschikking: paid against its eligible actual costs (accounted minus the lines with a finding)\n" + table.text
    }

    var text: String {
        if let application, recoveries.isEmpty, findings.isEmpty {
            // Narrowed, say so: the recovery of another year or insurer is not "no recovery" (a
            // newcomer read that line above a provider marked recovered).
            let scope = [year.map { "in \($0)" }, insurer.map { "for insurer \($0)" }].compactMap { $0 }.joined(separator: " ")
            let narrowed = scope.isEmpty ? "" : " \(scope) (without --year and --insurer: `doorbraak plausibility --application \(application)`)"
            return "\(application): no recovery and no findings\(narrowed)" + (standingTable.map { "\n\n" + $0 } ?? "")
                + (judgments.isEmpty ? "" : "\n\nthe judgments of its insurers' years, over every application they paid\n" + judgmentTable)
        }
        guard !judgments.isEmpty || !findings.isEmpty else { return "no payouts and no cost lines to judge" }
        // With --application the judgments are the insurers' over every application they paid in
        // that year (a newcomer read an insurer-year's 16 findings as the application's own).
        let scope = application.map { "; each over every application the insurer paid that year — the findings and recovery of \($0) are listed below" } ?? ""
        var parts = (standingTable.map { [$0] } ?? []) + ["NZa judgment per insurer and year (plausibel when the recovery is at most \(report.settings.materiality)% of paid\(scope))", judgmentTable]
        if !recoveries.isEmpty {
            var table = Table([("application", .left), ("provider", .left), ("paid", .right), ("eligible costs", .right), ("recovery", .right), ("state", .left), ("per insurer and year", .left)])
            for r in recoveries {
                table.add([r.application.rawValue, r.provider.rawValue, r.paid.dutch, r.eligible.dutch, r.amount.dutch, r.isFinal ? "recovered" : "provisional",
                           r.parts.map { "\($0.insurer) \($0.part) (\($0.year))" }.joined(separator: "; ")])
            }
            parts += ["recovery (terugvordering) per application and provider over the whole beschikking: paid over all years − eligible actual costs over all years; "
                      + "final once the beschikking is final, and then split over the judgments of each paying insurer and year, pro rata to what it paid the provider in that year", table.text]
        }
        if !findings.isEmpty {
            var table = Table([("code", .left), ("application", .left), ("provider", .left), ("year", .left), ("line", .left), ("amount", .right),
                               ("paid by", .left), ("finding", .left)])
            for f in findings {
                table.add([f.code.rawValue, f.application.rawValue, f.provider.rawValue, f.year.map(String.init) ?? "all", f.lineID ?? "", f.amount.dutch,
                           f.insurers.isEmpty ? "nobody" : f.insurers.map(\.rawValue).joined(separator: ", "), f.message])
            }
            parts += ["findings, each with the insurers that paid what it is about (listed in their judgment of the finding's year when they paid in it; "
                      + "P5 over all years, in the year the beschikking became final (2029 when later); deviation \(report.settings.deviation)%)", table.text]
        }
        return parts.joined(separator: "\n\n")
    }
}

/// `doorbraak report verevening --year Y`.
enum ReportVereveningCommand: Command {
    static let name = "report verevening"
    static let summary = "the insurers' doorbraak costs of a year as fixed costs in the risicoverevening (CSV)"
    static let usage = "--year YEAR [--out FILE] [--materiality PCT]"
    static let help = """
    Per insurer: what it paid for doorbraak milestones in the year, the recovery attributed to it
    and the fixed costs (vaste kosten) that enter the risicoverevening. Only judged-plausible costs
    count: fixed costs = paid − recovery when the NZa's judgment of that insurer and year is
    plausibel (`doorbraak plausibility`, --materiality default 1%), and 0,00 when it is niet
    plausibel — the insurer stays listed so that nothing disappears. The Zorginstituut settles
    the fixed costs in full: the insurers bear no risk on them.

    Writes CSV for a Dutch spreadsheet to stdout or --out FILE: UTF-8 with a byte order mark,
    semicolon-delimited, decimal comma (1250000,00), a header row, a total row and a closing row
    that says what counts. --json prints the same figures as JSON (with --out the file is still
    written).
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        guard let year = try PlausibilityOptions.year(try arguments.value("--year"), required: true) else { return ExitCode.usage }
        let out = try arguments.value("--out")
        let settings = try PlausibilityOptions.settings(&arguments)
        try arguments.finish()
        let report = try PlausibilityOptions.report(try context.openStore(), settings, view: .verevening)
        let lines = Verevening.fixedCosts(report.judgments, year: year)
        let csv = Verevening.csv(lines, year: year)
        if let out { try OutputFile.write(csv, to: out) }
        if context.json {
            func amounts(_ paid: Money, _ recovery: Money, _ fixed: Money) -> [(String, JSONValue)] {
                [("paid", .string(paid.description)), ("recovery", .string(recovery.description)), ("fixed_costs", .string(fixed.description))]
            }
            Output.json(.object([
                ("year", .number(String(year))),
                ("insurers", .array(lines.map { l in
                    .object([("insurer", .string(l.insurer.rawValue)), ("year", .number(String(l.year)))] + amounts(l.paid, l.recovery, l.fixedCosts)
                            + [("judgment", .string(l.isPlausible ? "plausibel" : "niet plausibel"))])
                })),
                ("total", .object(amounts(lines.map(\.paid).sum(), lines.map(\.recovery).sum(), lines.map(\.fixedCosts).sum()))),
                ("note", .string(Verevening.note)),
            ] + (out.map { [("file", JSONValue.string($0))] } ?? [])))
        } else if let out {
            Output.line("wrote the verevening \(year) of \(lines.count) insurer\(lines.count == 1 ? "" : "s") to \(out): fixed costs \(lines.map(\.fixedCosts).sum()) of \(lines.map(\.paid).sum()) paid")
        } else {
            FileHandle.standardOutput.write(Data(csv.utf8))
        }
        return ExitCode.done
    }
}

/// `doorbraak import rejections FILE`.
enum ImportRejectionsCommand: Command {
    static let name = "import rejections"
    static let summary = "an insurer's rejections of cost lines (P8) from a file: `cost reject` for many lines at once"
    static let usage = "FILE [--partial] [--insurer UZOVI] [--signature FILE]"
    static let help = """
    CSV with the header line_id,insurer,plausible,note: comma-delimited with a decimal point
    (450100.00) or semicolon-delimited with a decimal comma (450.100,00), taken from the header;
    plausible empty is none of the line. Each row is what `doorbraak cost reject LINE --insurer U
    --plausible AMOUNT --note NOTE` does, dated --today, with the same checks: only an insurer that
    paid the line's provider for the application (E-REVIEWER), a line still eligible (E-STATE),
    each insurer's rejection final (the same again changes nothing, another is E-DECIDED), not
    before the application's latest event (E-DATE); an unknown line is E-MISSING. A malformed row
    is E-INPUT, naming every failing field (exit 65). One transaction: all or nothing unless
    --partial; one audit event (`cost-reject`) per stored rejection.
    --insurer UZOVI: the file is that insurer's; a row of another insurer is refused (E-REVIEWER).
    --signature FILE: an OpenSSH signature of the file by an insurer's registered key; the file
    then acts for that insurer only, as with --insurer. Required when the round requires signed files.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let partial = arguments.flag("--partial")
        let insurer = try InsurerOption.take(&arguments)
        let signature = try SignedFile.signatureOption(&arguments)
        let path = try arguments.requiredOperand("rejections file")
        try arguments.finish()
        let store = try context.openStore()
        try InsurerOption.requireRegistered(insurer, in: store)
        let signed = try SignedFile(path, signature: signature, store: store, today: context.today)
        let registered = try store.registeredInsurers()
        let result = try InputFile.importing(path, privateCopy: signed.privateCopy, report: \.report) { (file: String) throws(DoorbraakError) in
            let signer = try signed.signer(of: file, expected: insurer.map { "insurer:\($0)" } ?? "the insurer whose rejections they are")
            var importer = RejectionImport(store: store, today: context.today, event: context.audit().signed(by: signer), partial: partial)
            importer.actingFor = try PartySignature.insurer(signer: signer, option: insurer, file: path).map { u throws(DoorbraakError) in try PartyID(role: .insurer, id: u) }
            return try importer.run(file, registered: registered)
        }
        ImportView.print(result.report, json: context.json, extra: [("counted", .number(String(result.counted))), ("awaiting", .number(String(result.awaiting))),
                                                                     ("not_eligible", .string(result.notEligible.description)), ("on_final", .number(String(result.onFinal)))])
        if !context.json, result.counted + result.awaiting > 0 {
            Output.line("P8: \(result.counted) counted (\(result.notEligible.dutch) not eligible), \(result.awaiting) awaiting another insurer that paid the provider (`doorbraak cost list`; the recovery: `doorbraak plausibility`)")
        }
        if !context.json, result.onFinal > 0 {
            Output.error("note: \(result.onFinal) rejection\(result.onFinal == 1 ? " is" : "s are") of a line on a beschikking that is final: its recovery and the NZa's judgments it counts in change with \(result.onFinal == 1 ? "it" : "them")")
        }
        return ImportView.exitCode(result.report)
    }
}
