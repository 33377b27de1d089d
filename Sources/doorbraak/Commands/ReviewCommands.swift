import DoorbraakCore
import DoorbraakImport
import DoorbraakStore

/// `doorbraak review ID --insurer U (--approve … | --reject …)`.
enum ReviewCommand: Command {
    static let name = "review"
    static let summary = "record one insurer's decision on an application"
    static let usage = "ID --insurer UZOVI (--approve [--accept KEY…] | --reject CODE [--reject-deviation KEY…]) [--note TEXT] [--version N] [--revise]"
    static let help = """
    Only the application's coordinating and second insurer decide, each once. An approval must
    accept every deviation key of the application (--accept KEY…, see `application show`); one
    that leaves a key unaccepted is refused as contradictory. A rejection gives a reason:
    R1 incomplete, R2 impact not substantiated, R3 deviation not accepted (name the keys with
    --reject-deviation), R4 no execution power, R5 double funding, R9 other (needs --note).
    Both approvals make it `approved`; one rejection makes it `rejected`. Repeating exactly the
    same decision, with the same --note (the note is part of it), changes nothing. A decision is final, except that until the round is allocated
    the insurer may revise it with --revise and a --note that says why (E-STATE after the
    allocation); the first decision stays in the audit trail.
    --version N: the version of the application assessed (as `application show` names it); the
    decision is refused (E-VERSION) when the provider has replaced it since.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        guard let insurer = try arguments.value("--insurer") else { throw DoorbraakError(.usage, "--insurer UZOVI is required") }
        let approve = arguments.flag("--approve")
        let reject = try arguments.value("--reject")
        let accepted = try arguments.list("--accept")
        let rejectedKeys = try arguments.list("--reject-deviation")
        let note = try arguments.value("--note") ?? ""
        let revise = arguments.flag("--revise")
        let versionText = try arguments.value("--version")
        let id = try arguments.requiredOperand("application id")
        try arguments.finish()
        do { _ = try UZOVI(parsing: insurer) } catch { throw DoorbraakError(.usage, "--insurer: \(error.message)") }
        let verdict: ReviewDecision.Verdict
        switch (approve, reject) {
        case (true, nil):
            if !rejectedKeys.isEmpty { throw DoorbraakError(.usage, "--reject-deviation belongs with --reject R3") }
            verdict = .approve(accepted: accepted)
        case (false, let code?):
            guard let reason = RejectionReason(rawValue: code) else { throw DoorbraakError(.usage, "--reject takes R1, R2, R3, R4, R5 or R9") }
            if !accepted.isEmpty { throw DoorbraakError(.usage, "--accept belongs with --approve") }
            verdict = .reject(reason, rejected: rejectedKeys)
        default:
            throw DoorbraakError(.usage, "give either --approve or --reject CODE")
        }
        let store = try context.openStore()
        try PartySignature.requireSent(required: try store.signaturesRequired(), PartySignature.decisionSent)
        var version: Int?
        if let versionText {
            guard let v = ReviewDecision.versionNumber(versionText) else { throw DoorbraakError(.usage, "--version takes \(ReviewDecision.versionHint)") }
            version = v
        }
        let decision = ReviewDecision(insurer: insurer, verdict: verdict, note: note, assessedVersion: version)
        let outcome: ReviewOutcome
        do {
            outcome = try store.db.writeTransaction { () throws(DoorbraakError) in
                revise ? try store.revise(decision, on: id, today: context.today, event: context.audit())
                    : try store.record(decision, on: id, today: context.today, event: context.audit())
            }
        } catch {
            // The rules name the CSV column; on the command line it is the option.
            var located = store.suggestingApplication(error, for: id)
            if located.field == "accepted_deviations" { located.field = approve ? "--accept" : "--reject-deviation" }
            if located.field == "version" { located.field = "--version" }
            throw located
        }
        switch outcome {
        case .recorded(let status):
            if context.json {
                Output.json(.object([("id", .string(id)), ("insurer", .string(insurer)), ("decision", .string(decision.decisionName)), ("status", .string(status.rawValue))]))
            } else {
                Output.line("\(id): \(decision.decisionName) by \(insurer) \(revise ? "revised" : "recorded"); status \(status)")
            }
        case .unchanged:
            if context.json {
                Output.json(.object([("id", .string(id)), ("insurer", .string(insurer)), ("outcome", .string("unchanged"))]))
            } else {
                Output.line("\(id): \(insurer) recorded this decision before; nothing changed")
            }
        }
        return ExitCode.done
    }
}

/// `doorbraak import reviews FILE`.
enum ImportReviewsCommand: Command {
    static let name = "import reviews"
    static let summary = "import insurer decisions from CSV"
    static let usage = "FILE [--insurer UZOVI] [--partial] [--signature FILE]"
    static let help = """
    CSV with the header application_id,insurer,decision,reason,accepted_deviations,note, comma- or
    semicolon-delimited (taken from the header), fields optionally "quoted". decision is approve or
    reject; reason R1–R5/R9 with reject, empty with approve; accepted_deviations lists keys
    separated by |. For reject R3 the rejected keys are the application's deviations not listed.
    An optional column version names the version of the application each decision assessed (as
    `application show` names it): a decision on another version than the one registered — the
    provider replaced it since — is refused (E-VERSION). A signed file must have it.
    All or nothing unless --partial; the same file again changes nothing.
    --insurer UZOVI: the file is that insurer's; a row of another insurer is refused (E-REVIEWER).
    --signature FILE: an OpenSSH signature of the file by an insurer's registered key; the file
    then acts for that insurer only, as with --insurer.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let partial = arguments.flag("--partial")
        let insurer = try InsurerOption.take(&arguments)
        let signature = try SignedFile.signatureOption(&arguments)
        let path = try arguments.requiredOperand("reviews file")
        try arguments.finish()
        let store = try context.openStore()
        try InsurerOption.requireRegistered(insurer, in: store)
        let signed = try SignedFile(path, signature: signature, store: store, today: context.today)
        let bar = ProgressBar(label: "importing decisions")
        let report = try InputFile.importing(path, privateCopy: signed.privateCopy) { (file: String) throws(DoorbraakError) in
            let signer = try signed.signer(of: file, expected: insurer.map { "insurer:\($0)" } ?? "the insurer")
            var importer = ReviewImport(store: store, today: context.today, event: context.audit().signed(by: signer), partial: partial)
            importer.actingFor = try PartySignature.insurer(signer: signer, option: insurer, file: path).map { u throws(DoorbraakError) in try PartyID(role: .insurer, id: u) }
            importer.signed = signer != nil
            importer.settings.checksBesideWriter = context.checksBesideWriter
            importer.progress = bar
            return try importer.run(file)
        }
        bar?.finish()
        ImportView.print(report, json: context.json)
        return ImportView.exitCode(report)
    }
}
