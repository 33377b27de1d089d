import DoorbraakCore
import DoorbraakImport
import DoorbraakStore

/// `doorbraak application check FILE`.
enum ApplicationCheckCommand: Command {
    static let name = "application check"
    static let summary = "run every admission check and find the deviations; writes nothing"
    static let usage = "FILE"
    static let help = """
    Reads one application file, reports every failed admission check at once and the
    deviations from its model plan with the review track. The receipt date is --today.
    Exit 0 admissible, 1 not admissible, 65 the file is malformed, 66 the file is missing.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let file = try arguments.requiredOperand("application file")
        try arguments.finish()
        let store = try context.openStore(readOnly: true)
        let application = try ApplicationFile.read(file)
        let intake = try ApplicationIntake(store: store, received: context.today, event: context.audit())
        let admission = intake.check(application)
        if context.json {
            Output.json(ApplicationView.checkJSON(admission))
        } else {
            Output.line(ApplicationView.checkText(application, admission))
        }
        if !context.json {
            for error in admission.errors { Output.error("error: \(error.located(file: file, line: nil))") }
        }
        return admission.isAdmissible ? ExitCode.done : ExitCode.refused
    }
}

/// `doorbraak application submit FILE`.
enum ApplicationSubmitCommand: Command {
    static let name = "application submit"
    static let summary = "check and register one application; prints its id, track or why it is refused"
    static let usage = "FILE [--replace] [--received DATE] [--signature FILE]"
    static let help = """
    Runs every admission check and registers the submission, admissible or not: an admissible
    application gets status `submitted`, a refused one `inadmissible` with every failed code, so
    the coordinating insurer can tell the provider why. The receipt date is --today, or
    --received DATE for a submission received earlier and entered late (shown as a late entry;
    the deadline is judged on the receipt date).
    Submitting the same file again changes nothing. The same id with other content is refused with
    E-DUPLICATE, unless --replace: until the deadline and until an insurer has decided, the
    penvoerder (`lead`, default the first coalition member) may put in a new version (the last
    version counts; earlier ones stay in the audit trail); anyone else gets E-OWNER.
    --signature FILE: an OpenSSH signature of the file (ssh-keygen -Y sign -n doorbraak) by the
    penvoerder's registered key; required when the round was set up with --require-signatures.
    Exit 0 registered as admissible or unchanged, 1 refused, 65 the file is malformed.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let replace = arguments.flag("--replace")
        let receivedText = try arguments.value("--received")
        let signature = try SignedFile.signatureOption(&arguments)
        let file = try arguments.requiredOperand("application file")
        try arguments.finish()
        var received = context.today
        if let receivedText {
            do { received = try Day(parsing: receivedText) } catch { throw DoorbraakError(.usage, "--received: \(error.message)") }
        }
        let store = try context.openStore()
        let signed = try SignedFile(file, signature: signature, store: store, today: context.today)
        // The signature is checked before the file is read: a changed file is E-SIGNATURE, whatever it now holds.
        let (application, signer) = try InputFile.reading(file, privateCopy: signed.privateCopy) { (copy: String) throws(DoorbraakError) -> (Application, PartyID?) in
            if signed.signature != nil {
                let signer = try signed.signer(of: copy, expected: "the penvoerder")
                return (try ApplicationFile.read(copy), signer)
            }
            let application = try ApplicationFile.read(copy)
            return (application, try signed.signer(of: copy, expected: application.penvoerder.map { "provider:\($0)" } ?? "the penvoerder"))
        }
        let intake = try ApplicationIntake(store: store, received: received, event: context.audit(for: "coalition").signed(by: signer))
        let outcome: ApplicationIntake.Outcome
        do throws(DoorbraakError) {
            outcome = try store.db.writeTransaction { () throws(DoorbraakError) in try intake.take(application, replace: replace) }
        } catch where error.file == nil && error.field != nil {
            throw error.located(file: file, line: nil)   // E-DUPLICATE, E-STATE, E-LATE of a replacement: name the file
        }
        let id = application.id.rawValue
        for (agb, registered) in try store.registeredNames(differingFrom: application.coalition.map { ($0.agb.rawValue, $0.name) }).sorted(by: { $0.key < $1.key }) {
            let named = application.coalition.first { $0.agb.rawValue == agb }?.name ?? ""
            Output.error("note: coalition member \(agb) is registered as \"\(registered)\"; the application names it \"\(named)\" (`application show` shows both)")
        }
        if receivedText == nil, let now = Context.wallClockDay, context.today <= intake.settings.deadline, now > intake.settings.deadline {
            // Registered as received on time (--today) although entered after the deadline: allowed
            // for a submission that arrived on time by post, and shown to the assessor.
            Output.error("warning: entered on \(now), after the deadline \(intake.settings.deadline), with the receipt date \(context.today) given by --today; `application show` flags it for the assessor")
        }
        switch outcome {
        case .stored(_, let admission, let replaced):
            let version = try store.registered(application.id)?.version ?? 1
            if context.json {
                Output.json(.object([("id", .string(id)), ("outcome", .string(replaced ? "replaced" : "new")), ("version", .number(String(version))),
                                     ("status", .string("submitted")), ("track", .string(admission.track.rawValue)),
                                     ("deviations", .array(admission.deviations.map { .string($0) }))]))
            } else {
                Output.line("\(replaced ? "replaced" : "submitted") \(id) (version \(version)): track \(admission.track.rawValue)\(admission.deviations.isEmpty ? "" : " (deviations: \(admission.deviations.joined(separator: ", ")))"), received \(received)\(received < context.today ? " (late entry on \(context.today))" : "")\(signer.map { ", signed by \($0)" } ?? "")")
            }
            return ExitCode.done
        case .unchanged(_, let admission):
            // The status as registered: a withdrawn one is said to be withdrawn (a newcomer read
            // "nothing changed" as a resubmission taken).
            let registered = try store.registered(application.id)
            let status = registered?.status ?? (admission == nil ? .submitted : .inadmissible)
            if context.json {
                Output.json(.object([("id", .string(id)), ("outcome", .string("unchanged")), ("status", .string(status.rawValue))]))
            } else {
                Output.line("\(id) was already submitted with the same content: nothing changed (it is \(status)"
                            + (status == .withdrawn ? "; a withdrawn application is not taken again: submit a new one under a new id" : "") + ")")
            }
            if let admission { printRefusal(admission, id: id, file: file, before: true, received: received, deadline: intake.settings.deadline) }
            if receivedText != nil, let registered, registered.received != received {
                Output.error("note: \(id) is registered as received on \(registered.received); a registered receipt date is not changed. A receipt entered wrongly is corrected by withdrawing the application (`doorbraak application withdraw`) and submitting it under a new id with --received")
            }
            return admission == nil ? ExitCode.done : ExitCode.refused
        case .refused(_, let admission):
            if context.json {
                Output.json(.object([("id", .string(id)), ("outcome", .string("inadmissible")), ("status", .string("inadmissible")),
                                     ("check", ApplicationView.checkJSON(admission))]))
            }
            printRefusal(admission, id: id, file: file, before: false, received: received, deadline: intake.settings.deadline)
            return ExitCode.refused
        }
    }

    /// The refusal's checks and what to do; `before`: the same content was registered as
    /// inadmissible earlier, and nothing is registered now (a newcomer read "registered" twice).
    /// Received after the deadline, a replacement is no longer taken (the receipt date, not the
    /// day of entry: `--received` takes a receipt in time entered later); in time, the hint names
    /// the last day a replacement is received (a newcomer entering after the deadline a receipt
    /// dated before it read "before the deadline" without knowing which day that was).
    private static func printRefusal(_ admission: Admission, id: String, file: String, before: Bool, received: Day, deadline: Day) {
        let pastDeadline = received > deadline
        for error in admission.errors { Output.error("error: \(error.located(file: file, line: nil))") }
        let count = "\(admission.failedCount) admission check\(admission.failedCount == 1 ? "" : "s") failed"
        let registered = before ? "\(id) stays registered as inadmissible, as it was before" : "registered \(id) as inadmissible"
        if admission.errors.contains(where: { $0.code == .late }) {
            Output.error("\(registered): \(count); it was received after the deadline, so the round cannot take it")
        } else if pastDeadline {
            Output.error("\(registered): \(count); the deadline has passed, so a corrected version is no longer taken")
        } else {
            Output.error("\(registered): \(count); fix \(admission.failedCount == 1 ? "it" : "them") and submit again with --replace, received by the deadline of \(deadline)")
        }
    }
}

/// `doorbraak application withdraw ID`.
enum ApplicationWithdrawCommand: Command {
    static let name = "application withdraw"
    static let summary = "withdraw an application before its beschikking is decided"
    static let usage = "ID --lead AGB [--signature SIG]"
    static let help = """
    Possible from any status until the NZa has decided on the beschikking, by the application's
    penvoerder only: --lead names its AGB code (anyone else gets E-OWNER). A pending request for a
    beschikking is taken back in the same transaction. Recorded in the audit trail with the actor.
    --signature SIG: the penvoerder's OpenSSH signature of the statement "doorbraak withdraw ID"
    and a newline (`printf 'doorbraak withdraw ID\\n' > w.txt; ssh-keygen -Y sign -n doorbraak -f KEY
    w.txt` gives w.txt.sig); required when the round requires signed files.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        guard let lead = try arguments.value("--lead") else {
            throw DoorbraakError(.usage, "application withdraw needs --lead AGB: the penvoerder's AGB code (only the penvoerder may withdraw)")
        }
        do { _ = try AGB(parsing: lead) } catch { throw DoorbraakError(.usage, "--lead: \(error.message)") }
        let signature = try SignedFile.signatureOption(&arguments)
        let id = try arguments.requiredOperand("application id")
        try arguments.finish()
        let store = try context.openStore()
        var signer: PartyID?
        if let signature {
            let allowed = try store.allowedSigners()
            signer = try FileSignature.signer(ofText: PartySignature.withdrawalStatement(id), signature: signature, allowedSigners: allowed)
            // The signer acts for the --lead it names; whether that is the penvoerder is E-OWNER below.
            if let provider = try PartySignature.provider(signer: signer, file: signature), provider != lead {
                throw DoorbraakError(.signature, "the statement is signed by provider:\(provider), but --lead names \(lead); the penvoerder signs with its own key and gives its own AGB code", field: "--lead")
            }
            try store.requireSigner(signer, checkedAgainst: allowed, on: context.today)
        } else if try store.signaturesRequired() {
            throw DoorbraakError(.signature, "this round requires signed party files: sign the statement with the penvoerder's key (`printf 'doorbraak withdraw \(id)\\n' > w.txt; ssh-keygen -Y sign -n doorbraak -f KEY w.txt`) and pass --signature w.txt.sig")
        }
        let before: String
        do { before = try store.withdraw(id, lead: lead, event: context.audit(for: "coalition \(lead)").signed(by: signer)) } catch { throw store.suggestingApplication(error, for: id) }
        if context.json {
            Output.json(.object([("id", .string(id)), ("status", .string("withdrawn")), ("before", .string(before))]))
        } else {
            Output.line("\(id) withdrawn (it was \(before))")
        }
        return ExitCode.done
    }
}

/// `doorbraak application list`.
enum ApplicationListCommand: Command {
    static let name = "application list"
    static let summary = "the submission register: the assessor's worklist, by status and track"
    static let usage = "[--status S] [--track limited|extended] [--insurer UZOVI [--waiting]]"
    static let help = """
    Every registered application, admissible or not, with status, track, plan, insurers, amount,
    fte and, for a refused one, its codes. --insurer lists those where UZOVI is the coordinating
    or the second insurer; with --waiting only those on which UZOVI still has to decide (submitted
    or in review, no decision of UZOVI yet), the oldest received first: the assessor's worklist.
    --status takes any status (inadmissible, submitted, in-review, approved, rejected, allocated,
    not-allocated, requested, granted, refused, withdrawn) or final (a granted beschikking with
    every milestone settled).
    """

    static let statuses = ["inadmissible", "submitted", "in-review", "approved", "rejected", "allocated", "not-allocated",
                           "requested", "granted", "refused", "withdrawn", "final"]

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let status = try arguments.value("--status")
        let track = try arguments.value("--track")
        let insurer = try arguments.value("--insurer")
        let waiting = arguments.flag("--waiting")
        try arguments.finish()
        if let status, !statuses.contains(status) {
            let hint = NearestName.hint(for: status, among: statuses)
            throw DoorbraakError(.usage, "--status \(status) is not a status; \(hint)use one of \(statuses.joined(separator: ", "))")
        }
        if waiting && insurer == nil { throw DoorbraakError(.usage, "--waiting lists what one insurer still has to decide: give --insurer UZOVI") }
        if let track, ReviewTrack(rawValue: track) == nil { throw DoorbraakError(.usage, "--track takes limited or extended") }
        let store = try context.openStore(readOnly: true)
        try InsurerOption.requireRegistered(insurer, in: store)
        let entries = try store.showing(.applications) { () throws(DoorbraakError) in
            try store.registerEntries(status: status, track: track, waitingFor: waiting ? insurer : nil)
        }
            .filter { insurer == nil || $0.insurers.coordinating == insurer || $0.insurers.second == insurer }
        if context.json {
            Output.json(.object([("applications", .array(entries.map { e in
                .object([("id", .string(e.id)), ("status", .string(e.status)), ("track", e.status == "inadmissible" ? .null : .string(e.track)),
                         ("plan", .string(e.plan)), ("coordinating", .string(e.insurers.coordinating)), ("second", .string(e.insurers.second)),
                         ("requested", .string(e.requested.description)), ("fte_saved", .string(e.fte.description)),
                         ("codes", .array(e.codes.split(separator: " ").map { .string(String($0)) })),
                         ("rejections", .array(e.rejections.map { .string($0) })), ("final", .bool(e.isFinal)), ("received", .string(e.received)),
                         ("version", .number(String(e.version)))])
            }))]))
            return ExitCode.done
        }
        var table = Table([("id", .left), ("status", .left), ("track", .left), ("plan", .left), ("insurers", .left), ("requested", .right), ("fte", .right), ("received", .left), ("codes", .left)])
        for e in entries {
            table.add([e.id, e.isFinal ? "\(e.status) (final)" : e.status, e.status == "inadmissible" ? "-" : e.track, e.plan, "\(e.insurers.coordinating)/\(e.insurers.second)",
                       e.requested.dutch, e.fte.description, e.received, e.rejections.isEmpty ? e.codes : e.rejections.joined(separator: " ")])
        }
        Output.line(table.text)
        Output.line("\(entries.count) application\(entries.count == 1 ? "" : "s")" + (waiting ? " waiting for a decision of insurer \(insurer ?? "")" : ""))
        return ExitCode.done
    }
}

/// `doorbraak application show ID`.
enum ApplicationShowCommand: Command {
    static let name = "application show"
    static let summary = "everything known about one application, in the order of its model plan, with its audit trail"
    static let usage = "ID"
    static let help = """
    Title, region, plan, coalition (AGB codes and shares), budget lines, milestones with tariffs and
    due dates against the plan's norms, impact and business case, the answers to the 14 basiseisen,
    every deviation with the applicant's explanation, the insurers' decisions, the allocation, the
    beschikking, every version received and every audit event.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let id = try arguments.requiredOperand("application id")
        try arguments.finish()
        let store = try context.openStore(readOnly: true)
        let shown = try store.showing(application: id) { () throws(DoorbraakError) -> ApplicationView.Shown in
            guard let record = try store.application(id) else {
                throw store.suggestingApplication(DoorbraakError(.missing, "no application \"\(id)\"; `doorbraak application list` shows the register"), for: id)
            }
            let application = try? ApplicationIntake.parse(Array(record.document.utf8))
            var shown = ApplicationView.Shown(
                record: record, application: application, plan: try store.plan(record.plan),
                audit: try AuditLog.checkedEvents(in: store.db, subject: id), reviews: try store.reviews(of: id), allocation: try store.allocation(of: id),
                beschikking: try store.beschikking(of: id), refusedClaims: try store.refusedClaims(of: id), versions: try store.versions(of: id), settings: try store.settings(),
                insurers: try store.registeredInsurers())
            shown.registeredNames = try store.registeredNames(differingFrom: (application?.coalition ?? []).map { ($0.agb.rawValue, $0.name) })
            return shown
        }
        Output.line(context.json ? ApplicationView.showJSON(shown).pretty : ApplicationView.showText(shown))
        return ExitCode.done
    }
}

/// `doorbraak import applications FILE|DIR`.
enum ImportApplicationsCommand: Command {
    static let name = "import applications"
    static let summary = "import a JSONL file or a folder of .json applications"
    static let usage = "FILE|DIR [--partial] [--signature FILE]"
    static let help = """
    One application per line (JSONL; blank lines are skipped, CRLF and a BOM are accepted, a line
    over 1 MiB is refused) or one per .json file in a folder (other files are skipped and listed).
    All or nothing by default: when any row fails nothing is stored and every failing row is
    reported with its line, id and code. --partial stores the good rows. Re-importing the same
    data changes nothing ("0 new, N unchanged"). Exit 0 when every row is new or unchanged,
    1 when a row was refused by a rule, 65 when a row was malformed (with or without --partial).
    --signature FILE: an OpenSSH signature of the (JSONL) file by a provider's registered key; the
    file then holds only applications that provider leads (E-SIGNATURE otherwise).
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let partial = arguments.flag("--partial")
        let signature = try SignedFile.signatureOption(&arguments)
        let path = try arguments.requiredOperand("file or folder")
        try arguments.finish()
        let store = try context.openStore()
        let signed = try SignedFile(path, signature: signature, store: store, today: context.today)
        let bar = ProgressBar(label: "importing applications")
        let report = try InputFile.importing(path, allowFolder: true, privateCopy: signed.privateCopy) { (file: String) throws(DoorbraakError) in
            let signer = try signed.signer(of: file, expected: "the penvoerder (a provider)")
            let intake = try ApplicationIntake(store: store, received: context.today, event: context.audit().signed(by: signer))
            var importer = ApplicationImport(intake: intake, partial: partial)
            importer.progress = bar
            return try importer.run(file)
        }
        bar?.finish()
        ImportView.print(report, json: context.json)
        return ImportView.exitCode(report)
    }
}

/// Reading one application file for `check` and `submit`.
enum ApplicationFile {
    static func read(_ path: String) throws(DoorbraakError) -> Application {
        do {
            return try ApplicationIntake.parse(try InputFile.bytes(path))
        } catch {
            throw error.located(file: path, line: nil)
        }
    }
}
