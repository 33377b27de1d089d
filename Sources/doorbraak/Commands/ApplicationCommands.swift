import DoorbraakCore
import DoorbraakImport
import DoorbraakStore

/// `doorbraak application check FILE`.
enum ApplicationCheckCommand: Command {
    static let name = "application check"
    static let summary = "run every admission check and find the deviations; writes nothing"
    static let usage = "FILE"
    static let help = """
    Reads one application file (SPEC §5.1), reports every failed admission check at once and the
    deviations from its model plan with the review track. The receipt date is --today.
    Exit 0 admissible, 1 not admissible, 65 the file is malformed, 66 the file is missing.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let file = try arguments.requiredOperand("application file")
        try arguments.finish()
        let store = try context.openStore()
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
    static let summary = "check and store one application; prints its id and track"
    static let usage = "FILE"
    static let help = """
    Runs every admission check; an admissible application is stored with status `submitted`,
    received on --today. Submitting the same file again changes nothing; the same id with other
    content is refused with E-DUPLICATE. Exit 0 stored or unchanged, 1 refused, 65 malformed.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let file = try arguments.requiredOperand("application file")
        try arguments.finish()
        let store = try context.openStore()
        let application = try ApplicationFile.read(file)
        let intake = try ApplicationIntake(store: store, received: context.today, event: context.audit(for: "coalition"))
        let outcome = try store.db.writeTransaction { () throws(DoorbraakError) in try intake.take(application) }
        switch outcome {
        case .stored(let app, let admission):
            if context.json {
                Output.json(.object([("id", .string(app.id.rawValue)), ("outcome", .string("new")), ("track", .string(admission.track.rawValue)),
                                     ("deviations", .array(admission.deviations.map { .string($0) }))]))
            } else {
                Output.line("submitted \(app.id): track \(admission.track.rawValue)\(admission.deviations.isEmpty ? "" : " (deviations: \(admission.deviations.joined(separator: ", ")))"), received \(context.today)")
            }
            return ExitCode.done
        case .unchanged(let app):
            if context.json {
                Output.json(.object([("id", .string(app.id.rawValue)), ("outcome", .string("unchanged"))]))
            } else {
                Output.line("\(app.id) was already submitted with the same content: nothing changed")
            }
            return ExitCode.done
        case .refused(_, let admission):
            if context.json { Output.json(ApplicationView.checkJSON(admission)) }
            for error in admission.errors { Output.error("error: \(error.located(file: file, line: nil))") }
            Output.error("not submitted: \(admission.errors.count) admission check\(admission.errors.count == 1 ? "" : "s") failed")
            return ExitCode.refused
        }
    }
}

/// `doorbraak application show ID`.
enum ApplicationShowCommand: Command {
    static let name = "application show"
    static let summary = "everything known about one application, with its audit trail"
    static let usage = "ID"
    static let help = "Status, track, amounts, impact, deviations, milestones with payment status, and every audit event."

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let id = try arguments.requiredOperand("application id")
        try arguments.finish()
        let store = try context.openStore()
        guard let record = try store.application(id) else {
            throw DoorbraakError(.missing, "no application \"\(id)\"")
        }
        let audit = try AuditLog.events(in: store.db, subject: id)
        let reviews = try store.reviews(of: id)
        let allocation = try store.allocation(of: id)
        let beschikking = try store.beschikking(of: id)
        if context.json {
            Output.json(ApplicationView.showJSON(record, audit: audit, reviews: reviews, allocation: allocation, beschikking: beschikking))
        } else {
            Output.line(ApplicationView.showText(record, audit: audit, reviews: reviews, allocation: allocation, beschikking: beschikking))
        }
        return ExitCode.done
    }
}

/// `doorbraak import applications FILE|DIR`.
enum ImportApplicationsCommand: Command {
    static let name = "import applications"
    static let summary = "import a JSONL file or a folder of .json applications"
    static let usage = "FILE|DIR [--partial]"
    static let help = """
    One application per line (JSONL; blank lines are skipped, CRLF and a BOM are accepted, a line
    over 1 MiB is refused) or one per .json file in a folder (other files are skipped and listed).
    All or nothing by default: when any row fails nothing is stored and every failing row is
    reported with its line, id and code. --partial stores the good rows. Re-importing the same
    data changes nothing ("0 new, N unchanged"). Exit 0 when every row is new or unchanged,
    1 when a row was refused by a rule, 65 when a row was malformed (with or without --partial).
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let partial = arguments.flag("--partial")
        let path = try arguments.requiredOperand("file or folder")
        try arguments.finish()
        let store = try context.openStore()
        let intake = try ApplicationIntake(store: store, received: context.today, event: context.audit())
        var importer = ApplicationImport(intake: intake, partial: partial)
        let bar = ProgressBar(label: "importing applications")
        importer.progress = bar.map { bar in { rows, _ in bar.update(rows) } }
        let report = try importer.run(path)
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
