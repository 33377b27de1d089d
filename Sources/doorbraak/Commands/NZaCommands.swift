import DoorbraakCore
import DoorbraakImport
import DoorbraakStore

/// `doorbraak nza request`.
enum NZaRequestCommand: Command {
    static let name = "nza request"
    static let summary = "the two-sided request for a beschikking, with the proposed bovengrens"
    static let usage = "ID --contract REF | --all --contracts FILE [--partial]"
    static let help = """
    Providers and the coordinating insurer ask the NZa for a beschikking (tweezijdige aanvraag,
    004 §3). The proposed bovengrens is the allocated amount. Refused unless the application is
    allocated (E-REQUEST), a contract reference is given (E-CONTRACT) and both insurers approved
    every deviation (E-DECLARATION). A request that does not fit the room left under the macro
    ceiling stays pending until `nza decide` refuses it with E-CEILING. --all --contracts FILE takes a CSV
    application_id,contract for a whole round, all or nothing unless --partial.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let all = arguments.flag("--all")
        let contractsFile = try arguments.value("--contracts")
        let contract = try arguments.value("--contract")
        let partial = arguments.flag("--partial")
        let id = arguments.operand()
        try arguments.finish()
        let store = try context.openStore()
        if all {
            guard let file = contractsFile, id == nil, contract == nil else { throw DoorbraakError(.usage, "--all takes --contracts FILE and no ID") }
            let contracts = ContractImport(store: store, today: context.today, event: context.audit(for: "coalition and coordinating insurer"), partial: partial)
            let report = try InputFile.importing(file) { (path: String) throws(DoorbraakError) in try contracts.run(path) }
            ImportView.print(report, json: context.json)
            return ImportView.exitCode(report)
        }
        guard let id else { throw DoorbraakError(.usage, "give an application ID with --contract REF, or --all --contracts FILE") }
        guard let contract else { throw DoorbraakError(.usage, "--contract REF is required: the beschikking needs the contract between insurer and providers (contractvereiste)") }
        if contractsFile != nil || partial { throw DoorbraakError(.usage, "--contracts and --partial go with --all") }
        let outcome = try store.db.writeTransaction { () throws(DoorbraakError) in
            try store.requestBeschikking(id, contract: contract, today: context.today, event: context.audit(for: "coalition and coordinating insurer"))
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
    Each decision is one BEGIN IMMEDIATE transaction that re-reads the kept totals: granted when
    granted − released + bovengrens ≤ ceiling, else refused with E-CEILING; then every other
    pending request that no longer fits is refused too (lopende aanvragen afwijzen). A granted
    beschikking records the bovengrens, the date and one prestatie per milestone
    (<plan-code>-<milestone>, with its tariff). --all decides in the allocation ranking (fte per
    €mln, highest first, ties by id), never by arrival. Safe with any number of processes at once.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let all = arguments.flag("--all")
        let id = arguments.operand()
        try arguments.finish()
        guard all != (id != nil) else { throw DoorbraakError(.usage, "give either an application ID or --all") }
        let store = try context.openStore()
        let event = context.audit(for: "NZa")
        let decisions = all ? try store.decideAll(today: context.today, event: event) : try store.decideBeschikking(id ?? "", today: context.today, event: event)
        let granted = decisions.compactMap { d -> (String, Money)? in if case .granted(let id, let b) = d { return (id, b) } else { return nil } }
        let refused = decisions.compactMap { d -> (String, ErrorCode, String)? in if case .refused(let id, let c, let r) = d { return (id, c, r) } else { return nil } }
        if context.json {
            Output.json(.object([
                ("granted", .array(granted.map { .string($0.0) })),
                ("refused", .array(refused.map { .object([("id", .string($0.0)), ("code", .string($0.1.rawValue))]) })),
            ]))
        } else {
            for (id, bovengrens) in granted { Output.line("granted  \(id)  bovengrens \(bovengrens.dutch)") }
            for (id, code, reason) in refused { Output.line("refused  \(id)  \(code): \(reason)") }
            let status = try store.ceilingStatus()
            Output.line("\(granted.count) granted, \(refused.count) refused; remaining under the ceiling \(status.remaining.dutch)")
        }
        if !all, let id, let own = refused.first(where: { $0.0 == id }) {
            Output.error("error: \(own.1): \(id) refused: \(own.2)")
            return ExitCode.refused
        }
        return ExitCode.done
    }
}
