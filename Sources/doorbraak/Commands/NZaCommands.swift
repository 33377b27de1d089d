import DoorbraakCore
import DoorbraakImport
import DoorbraakStore

/// `doorbraak nza request`.
enum NZaRequestCommand: Command {
    static let name = "nza request"
    static let summary = "the two-sided request for a beschikking, with the proposed bovengrens"
    static let usage = "ID --contract REF | --all --contracts FILE [--partial] [--signature FILE]"
    static let help = """
    Providers and the coordinating insurer ask the NZa for a beschikking (tweezijdige aanvraag,
    004 §3). The proposed bovengrens is the allocated amount. Refused unless the application is
    allocated (E-REQUEST), a contract reference is given (E-CONTRACT) and both insurers approved
    every deviation (E-DECLARATION). A request that does not fit the room left under the macro
    ceiling stays pending until `nza decide` refuses it with E-CEILING. --all --contracts FILE takes a CSV
    application_id,contract for a whole round, all or nothing unless --partial.
    --signature FILE: an OpenSSH signature of the contracts file by the coordinating insurer's
    registered key; the file then holds only the applications that insurer coordinates. A round
    that requires signatures takes a request only so (the providers' side of the two-sided request
    is their signed application); a typed `nza request ID` is refused there.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let all = arguments.flag("--all")
        let contractsFile = try arguments.value("--contracts")
        let contract = try arguments.value("--contract")
        let partial = arguments.flag("--partial")
        let signature = try SignedFile.signatureOption(&arguments)
        let id = arguments.operand()
        try arguments.finish()
        let store = try context.openStore()
        if all {
            guard let file = contractsFile, id == nil, contract == nil else { throw DoorbraakError(.usage, "--all takes --contracts FILE and no ID") }
            let signed = try SignedFile(file, signature: signature, store: store, today: context.today)
            let report = try InputFile.importing(file, privateCopy: signed.privateCopy) { (path: String) throws(DoorbraakError) in
                let signer = try signed.signer(of: path, expected: "the coordinating insurer")
                // Signed, the request is the coordinating insurer's act: recorded as such, once.
                let event = signer.map { context.audit().signed(by: $0).acting(for: "coordinating insurer \($0.id)") } ?? context.audit(for: "coalition and coordinating insurer")
                var contracts = ContractImport(store: store, today: context.today, event: event, partial: partial)
                contracts.actingFor = try PartySignature.insurer(signer: signer, option: nil, file: file).map { u throws(DoorbraakError) in try PartyID(role: .insurer, id: u) }
                return try contracts.run(path)
            }
            ImportView.print(report, json: context.json)
            return ImportView.exitCode(report)
        }
        if signature != nil { throw DoorbraakError(.usage, "--signature goes with --all --contracts FILE: the coordinating insurer signs the contracts file") }
        try PartySignature.requireSent(required: try store.signaturesRequired(), PartySignature.requestSent)
        guard let id else { throw DoorbraakError(.usage, "give an application ID with --contract REF, or --all --contracts FILE") }
        guard let contract else { throw DoorbraakError(.usage, "--contract REF is required: the beschikking needs the contract between insurer and providers (contractvereiste)") }
        if contractsFile != nil || partial { throw DoorbraakError(.usage, "--contracts and --partial go with --all") }
        try store.holdAgainstDecideAll()
        let outcome: RequestOutcome
        do {
            outcome = try store.db.writeTransaction { () throws(DoorbraakError) in
                try store.requestBeschikking(id, contract: contract, today: context.today, event: context.audit(for: "coalition and coordinating insurer"))
            }
        } catch {
            throw store.suggestingApplication(error, for: id)
        }
        switch outcome {
        case .pending(let bovengrens):
            if context.json {
                Output.json(.object([("id", .string(id)), ("status", .string("requested")), ("bovengrens", .string(bovengrens.description))]))
            } else {
                Output.line("\(id): requested, proposed bovengrens \(bovengrens.dutch); awaiting the NZa's decision")
            }
            return ExitCode.done
        case .unchanged:
            if context.json {
                Output.json(.object([("id", .string(id)), ("outcome", .string("unchanged"))]))
            } else {
                Output.line("\(id) was requested before with this contract; nothing changed")
            }
            return ExitCode.done
        }
    }
}

/// `doorbraak nza decide`.
enum NZaDecideCommand: Command {
    static let name = "nza decide"
    static let summary = "grant or refuse pending requests under the macro ceiling"
    static let usage = "ID | --all"
    static let help = """
    A decision re-reads the kept totals: granted when granted − released + bovengrens ≤ ceiling,
    else refused with E-CEILING; then every other pending request that no longer fits is refused
    too (lopende aanvragen afwijzen). Decided one at a time, requests take the room in the order
    they are decided: a single decision notes when the requests still pending ask more than the
    room left. A granted beschikking records the bovengrens, the date and
    one prestatie per milestone (<plan-code>-<milestone>, with its tariff). One decision is one
    BEGIN IMMEDIATE transaction. --all decides in the allocation ranking (fte per €mln, highest
    first; ties to more fte, then the smaller amount, then the board's lottery of `round
    allocate --seed`), never by arrival: it first plans every decision in that order, then writes
    the grants, then the refusals, each in the order of the application ids, 5,000 decisions per
    transaction (DOORBRAAK_DECIDE_BATCH, clamped to 1–100,000): the ceiling holds at every
    commit, and after a kill a second run decides the rest. Before it decides anything it checks
    every row a grant rests on against the audit chain (E-LEDGER names an edited row). While it
    runs, requests, withdrawals, single decisions, claims imports and `round close` wait for it
    (E-BUSY, exit 75, after the busy timeout); a run of more than one transaction that was stopped
    or killed holds off requests, withdrawals of pending requests, single decisions and `round
    close` (E-STATE) until `nza decide --all` is run again to its end, dated the day it began.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let all = arguments.flag("--all")
        let id = arguments.operand()
        try arguments.finish()
        guard all != (id != nil) else { throw DoorbraakError(.usage, "give either an application ID or --all") }
        if all { try Store.requireDecisionBatchSetting() }
        let store = try context.openStore()
        let event = context.audit(for: "NZa")
        // The text lists each batch's decisions as it is committed, so that a run a later batch
        // stops still shows what was decided (a newcomer's try: the decisions were one line of
        // the error on stderr).
        var shown = (granted: 0, refused: 0)
        let show = { (decisions: [BeschikkingDecision]) in
            guard !context.json else { return }
            for case .granted(let id, let bovengrens) in decisions { Output.line("granted  \(id)  bovengrens \(bovengrens.dutch)"); shown.granted += 1 }
            for case .refused(let id, let code, let reason) in decisions { Output.line("refused  \(id)  \(code): \(reason)"); shown.refused += 1 }
        }
        let decisions: [BeschikkingDecision]
        do {
            decisions = all ? try store.decideAll(today: context.today, event: event, secondThread: context.checksBesideWriter, committed: show)
                : try store.decideBeschikking(id ?? "", today: context.today, event: event)
        } catch {
            if !context.json, shown.granted + shown.refused > 0 {
                Output.line("\(shown.granted) granted, \(shown.refused) refused before it stopped; remaining under the ceiling \((try? store.ceilingStatus())?.remaining.dutch ?? "unknown")")
            }
            throw store.suggestingApplication(error, for: id ?? "")
        }
        if !all { show(decisions) }
        let granted = decisions.compactMap { d -> (String, Money)? in if case .granted(let id, let b) = d { return (id, b) } else { return nil } }
        let refused = decisions.compactMap { d -> (String, ErrorCode, String)? in if case .refused(let id, let c, let r) = d { return (id, c, r) } else { return nil } }
        if context.json {
            Output.json(.object([
                ("granted", .array(granted.map { .string($0.0) })),
                ("refused", .array(refused.map { .object([("id", .string($0.0)), ("code", .string($0.1.rawValue))]) })),
            ]))
        } else {
            let status = try store.ceilingStatus()
            if all && decisions.isEmpty { Output.line("no pending requests to decide") }
            Output.line("\(granted.count) granted, \(refused.count) refused; remaining under the ceiling \(status.remaining.dutch)")
            if !all, let note = CeilingDecision.rankingNote(pending: status.pending, remaining: status.remaining) { Output.error(note) }
        }
        if !all, let id, let own = refused.first(where: { $0.0 == id }) {
            Output.error("error: \(own.1): \(id) refused: \(own.2)")
            return ExitCode.refused
        }
        return ExitCode.done
    }
}

/// `doorbraak nza register [--status open|final] [--csv FILE]`.
enum NZaRegisterCommand: Command {
    static let name = "nza register"
    static let summary = "every beschikking granted: penvoerder, bovengrens as granted and as it stands, paid, released, dates"
    static let usage = "[--status open|final] [--csv FILE]"
    static let help = """
    The NZa's register of beschikkingen: per granted beschikking its application, penvoerder,
    insurers, region, contract, the bovengrens as granted and as it stands (lowered by releases),
    paid, released, status (open while milestones run, final once every one is settled or the
    period closed), and the dates it was granted and became final. --status narrows to open or
    final ones. --csv FILE writes it for a Dutch spreadsheet instead of the table: UTF-8 with a
    byte order mark, semicolons, decimal commas and Dutch headers and statuses (lopend,
    definitief), as `report verevening`.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let status = try arguments.value("--status")
        let csv = try arguments.value("--csv")
        try arguments.finish()
        if let status, status != "open", status != "final" {
            let hint = NearestName.hint(for: status, among: ["open", "final"])
            throw DoorbraakError(.usage, "--status \(status) is not a register status; \(hint)use open or final")
        }
        let store = try context.openStore(readOnly: true)
        let lines = try store.showing(.register) { () throws(DoorbraakError) in try store.register(final: status.map { $0 == "final" }) }
        if let csv {
            let text = SemicolonCSV.file(header: ["aanvraag", "penvoerder", "coordinerend", "tweede", "regio", "contract", "bovengrens verleend",
                                                  "bovengrens huidig", "uitbetaald", "vrijgegeven", "status", "verleend op", "definitief op"], rows: lines.map { l in
                [l.application, l.penvoerder, l.coordinating, l.second, l.region, l.contract, l.granted.decimalComma,
                 l.current.decimalComma, l.paid.decimalComma, l.released.decimalComma, l.finalOn == nil ? "lopend" : "definitief", l.decidedOn, l.finalOn ?? ""]
            })
            try OutputFile.write(text, to: csv)
            if !context.json {
                // The file is the output, as `report verevening --out` (a newcomer got the table on screen as well).
                Output.line("wrote the register of \(lines.count) beschikking\(lines.count == 1 ? "" : "en") to \(csv) (status lopend or definitief)")
                return ExitCode.done
            }
        }
        if context.json {
            Output.json(.object([("beschikkingen", .array(lines.map { l in
                .object([("application", .string(l.application)), ("penvoerder", .string(l.penvoerder)), ("coordinating", .string(l.coordinating)),
                         ("second", .string(l.second)), ("region", .string(l.region)), ("contract", .string(l.contract)),
                         ("bovengrens_granted", .string(l.granted.description)), ("bovengrens", .string(l.current.description)),
                         ("paid", .string(l.paid.description)), ("released", .string(l.released.description)),
                         ("status", .string(l.finalOn == nil ? "open" : "final")), ("decided_on", .string(l.decidedOn)),
                         ("final_on", l.finalOn.map { .string($0) } ?? .null)])
            }))]))
            return ExitCode.done
        }
        var table = Table([("application", .left), ("penvoerder", .left), ("insurers", .left), ("granted", .right), ("bovengrens now", .right),
                           ("paid", .right), ("released", .right), ("status", .left), ("decided", .left), ("final", .left)])
        for l in lines {
            table.add([l.application, l.penvoerder, "\(l.coordinating)/\(l.second)", l.granted.dutch, l.current.dutch, l.paid.dutch, l.released.dutch,
                       l.finalOn == nil ? "open" : "final", l.decidedOn, l.finalOn ?? "-"])
        }
        table.add(["total", "", "", lines.map(\.granted).sum().dutch, lines.map(\.current).sum().dutch, lines.map(\.paid).sum().dutch,
                   lines.map(\.released).sum().dutch, "", "", ""])
        Output.line(table.text + "\n\(lines.count) beschikking\(lines.count == 1 ? "" : "en")")
        return ExitCode.done
    }
}
