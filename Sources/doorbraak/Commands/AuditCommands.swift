import DoorbraakCore
import DoorbraakStore

/// `doorbraak audit verify`.
enum AuditVerifyCommand: Command {
    static let name = "audit verify"
    static let summary = "check the audit chain, recount every kept total and check the invariants"
    static let usage = "[--head N:HASH]"
    static let help = """
    Walks the hash chain and names the first edited, deleted or reordered event, with the rows
    each event bound; compares every row of every table with the row the chain last bound for
    its key and names each row added, deleted or changed outside doorbraak (table, key, column,
    expected and found), every register document against its SHA-256, and the stored schema
    against doorbraak's (a dropped CHECK, index or trigger is named); recounts every
    kept total (granted, released, pending, paid, committed, per theme and year, per beschikking)
    from the rows, and names each that differs;
    checks the invariants (committed ≤ ceiling ≤ € 600.000.000,00, paid + released ≤ bovengrens,
    tariffs ≤ bovengrens, milestone parts add up within their tariffs, statuses consistent). With --head, the string
    `audit head` printed earlier (kept outside the database) proves the chain up to that event
    unchanged, so a cut-off tail or a rewrite with recomputed hashes is caught too.
    Exit 0 when everything holds; exit 1 with E-AUDIT otherwise; a schema that is not
    doorbraak's is E-SCHEMA (exit 65), naming what differs.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let anchor = try arguments.value("--head").map { text throws(DoorbraakError) in try ChainAnchor(parsing: text) }
        try arguments.finish()
        let result = try context.openStore(readOnly: true).verifyEverything(anchor: anchor)
        let chain = result.chain
        if context.json {
            Output.json(.object([
                ("events", .number(String(chain.events))),
                ("ok", .bool(result.ok)),
                ("chain_ok", .bool(chain.ok)),
                ("first_bad", chain.firstBad.map { .number(String($0)) } ?? .null),
                ("reason", chain.reason.map { .string($0) } ?? .null),
                ("anchor", anchor.map { .string($0.description) } ?? .null),
                ("totals_ok", .bool(result.totalsOK)),
                ("differences", .array(result.differences.map { d in
                    .object([("total", .string(d.total)), ("kept", .string(d.kept.description)), ("recounted", .string(d.recounted.description)), ("source", .string(d.source))])
                })),
                ("rows_ok", .bool(result.rowsOK)),
                ("rows_checked", .number(String(result.rows.rows))),
                ("row_findings", .number(String(result.rows.count))),
                ("rows", .array(result.rows.findings.map(ErrorView.row))),
                ("schema_ok", .bool(result.schema.isEmpty)),
                ("schema", .array(result.schema.map { .string($0) })),
                ("invariants_ok", .bool(result.invariantsOK)),
                ("violations", .array(result.findings.map { f in
                    .object([("rule", .string(f.rule)), ("subject", .string(f.subject)), ("message", .string(f.message))])
                })),
            ]))
        } else {
            if chain.ok {
                Output.line("audit chain ok: \(chain.events) event\(chain.events == 1 ? "" : "s")" + (anchor.map { ", unchanged up to the anchor \($0.events):\($0.hash.prefix(12))…" } ?? " (no --head anchor given: a rewrite of the whole chain would not show)"))
            } else {
                // An anchor beyond the last event names no event of this chain: say where it ends.
                Output.line("audit chain BROKEN \(chain.endsEarly ? "after its last event \(chain.events)" : "at event \(chain.firstBad ?? 0)"): \(chain.reason ?? "")")
            }
            if result.schema.isEmpty {
                Output.line("schema ok: every table, index and trigger as doorbraak made it, every index holding what its table holds")
            } else {
                Output.line("schema DIFFERS:")
                for d in result.schema { Output.line("  \(d)") }
            }
            if result.rowsOK {
                Output.line("rows ok: \(result.rows.rows) rows, each as the audit chain bound it")
            } else {
                Output.line("rows DIFFER from what the audit chain bound (\(result.rows.count) difference\(result.rows.count == 1 ? "" : "s")):")
                for f in result.rows.findings.prefix(50) { Output.line("  \(f)") }
                if result.rows.count > 50 { Output.line("  … and \(result.rows.count - 50) more (all of the first \(RowCheck.listed) in --json)") }
            }
            if result.totalsOK {
                Output.line("kept totals ok: equal to the recount from the rows")
            } else {
                Output.line("kept totals DIFFER:")
                for d in result.differences { Output.line("  \(d)") }
            }
            if result.invariantsOK {
                Output.line("invariants ok: committed ≤ ceiling ≤ \(Money.maximum), paid + released ≤ bovengrens, tariffs ≤ bovengrens, milestone parts add up within their tariffs, statuses consistent")
            } else {
                Output.line("invariants BROKEN:")
                for f in result.findings { Output.line("  \(f)") }
            }
        }
        if !result.ok {
            var parts: [String] = []
            if !chain.ok {
                parts.append("the audit chain does not verify; " + (chain.endsEarly ? "it ends after event \(chain.events)" : "first bad event \(chain.firstBad ?? 0)"))
            }
            if !result.totalsOK {
                var named: [String] = []
                for d in result.differences where !named.contains(d.total) { named.append(d.total) }
                parts.append("kept totals differ: " + named.joined(separator: ", "))
            }
            if !result.schema.isEmpty { parts.append("the schema differs: " + result.schema.prefix(3).joined(separator: "; ")) }
            if !result.rowsOK {
                var named: [String] = []
                for f in result.rows.findings where !named.contains("\(f.table) \(f.key)") && named.count < 5 { named.append("\(f.table) \(f.key)") }
                parts.append("rows differ from the chain (\(result.rows.count) difference\(result.rows.count == 1 ? "" : "s")): " + named.joined(separator: ", ") + (result.rows.count > named.count ? ", …" : ""))
            }
            if !result.invariantsOK { parts.append("invariants broken: " + result.findings.map { "\($0.rule) \($0.subject)" }.joined(separator: ", ")) }
            Output.error("error: \(ErrorCode.audit): " + parts.joined(separator: "; "))
        }
        return result.ok ? ExitCode.done : ExitCode.refused
    }
}

/// `doorbraak audit head`.
enum AuditHeadCommand: Command {
    static let name = "audit head"
    static let summary = "the head of the audit chain (events and hash), to keep outside the database"
    static let usage = ""
    static let help = """
    Prints `<events>:<hash>`. Keep it outside the database (a mail to the board, a printed
    minute, another machine): later, `audit verify --head <it>` proves that the first <events>
    events are unchanged. Without such an anchor, someone with write access could cut off or
    rewrite the whole chain and recompute every hash.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        try arguments.finish()
        let head = try AuditLog.head(in: context.openStore(readOnly: true).db)
        if context.json {
            Output.json(.object([("events", .number(String(head.events))), ("head", .string(head.description))]))
        } else {
            Output.line(head.description)
            Output.line("Keep this line outside the database; `doorbraak audit verify --head \(head.description)` proves the first \(head.events) events unchanged.")
        }
        return ExitCode.done
    }
}

/// `doorbraak audit log [ID]`.
enum AuditLogCommand: Command {
    static let name = "audit log"
    static let summary = "the audit events: all, of one subject, or narrowed by actor, action and business date"
    static let usage = "[SUBJECT] [--event N] [--actor TEXT] [--action ACTION] [--from DATE] [--to DATE]"
    static let help = """
    SUBJECT is an application id, `round`, a party (`insurer:3311`) or another subject shown in
    the log. --event N shows event N: the event an `E-LEDGER` or `audit verify` message names for a
    row is the last event of the command that wrote it, which binds every row that command wrote
    (in an import, often another application's). --actor keeps the events whose actor contains
    TEXT (case-blind, e.g. an insurer's code or a person's name), --action one action (submit,
    review, revise, payout, release, final, close, nza-decide, …), --from and --to the business
    dates (`on`) in between, inclusive. Each event shows its business date (`on`) and its
    wall-clock time (`at`); one not as it was chained is marked `!` and the command exits 1.
    """

    /// `--actor` of this command, renamed before the global options are read (`main`).
    static let actorFilter = "--actor-filter"

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let actor = try arguments.value(actorFilter)
        let action = try arguments.value("--action")
        func day(_ option: String) throws(DoorbraakError) -> Day? {
            guard let text = try arguments.value(option) else { return nil }
            do { return try Day(parsing: text) } catch { throw DoorbraakError(.usage, "\(option): \(error.message)") }
        }
        let from = try day("--from"), to = try day("--to")
        var seq: Int64?
        if let text = try arguments.value("--event") {
            guard let n = Int64(text), n > 0 else { throw DoorbraakError(.usage, "--event takes an event number, e.g. --event 12") }
            seq = n
        }
        if let from, let to, to < from { throw DoorbraakError(.usage, "--to \(to) is before --from \(from); give the earlier date with --from") }
        let subject = arguments.operand()
        try arguments.finish()
        let store = try context.openStore(readOnly: true)
        let db = store.db
        if let action {
            let known = Set(try AuditLog.actions(in: db)).union(AuditLog.writtenActions).sorted()
            if !known.contains(action) {
                let hint = NearestName.hint(for: action, among: known)
                throw DoorbraakError(.usage, "--action \(action) is not an action of this log; \(hint)the log holds \(known.joined(separator: ", "))")
            }
        }
        // The events as they stand, those not as they were chained marked (the log is where an
        // auditor looks at a broken chain, so it shows them rather than refusing).
        let (events, unchained) = try db.readTransaction { () throws(DoorbraakError) in
            let events = try AuditLog.events(in: db, subject: subject, actor: actor, action: action, from: from, to: to, seq: seq)
            return (events, Set(try AuditLog.unchained(events, in: db)))
        }
        if let seq, events.isEmpty, try AuditLog.events(in: db, seq: seq).isEmpty {
            let last = try AuditLog.latestSeq(in: db)
            throw DoorbraakError(.missing, "no audit event \(seq); the log holds events 1 to \(last)")
        }
        if let subject, events.isEmpty, try AuditLog.events(in: db, subject: subject).isEmpty {
            // A claim's events are its application's (a newcomer looked a refused claim up by its id).
            if let application = try store.applicationOfClaim(subject) {
                throw DoorbraakError(.missing, "no audit events under the claim id \"\(subject)\": a claim's events are its application's; see `doorbraak audit log \(application)` or `doorbraak application show \(application)`")
            }
            throw DoorbraakError(.missing, "no audit events for \"\(subject)\"; an application id, `round` or another subject of `doorbraak audit log`")
        }
        if context.json {
            Output.json(.object([("events", .array(events.map { AuditView.json($0, chained: !unchained.contains($0.seq)) })),
                                 ("unchained", .array(unchained.sorted().map { .number(String($0)) }))]))
        } else {
            Output.line(AuditView.table(events, unchained: unchained))
            if let seq, !events.isEmpty {
                Output.line("\"(event \(seq))\" in an E-LEDGER or audit verify message: the row was written by the command (or the part of a large import) that ended with this event, which may have written rows of other subjects too")
            }
        }
        guard unchained.isEmpty else {
            let listed = unchained.sorted().prefix(10).map(String.init).joined(separator: ", ")
            let shownSeqs = Set(events.map(\.seq))
            let marks = unchained.allSatisfy(shownSeqs.contains) ? "marked !" : "marked ! where shown; the others are missing or moved to another subject, so not shown"
            Output.error("error: E-AUDIT: \(unchained.count) event\(unchained.count == 1 ? " is" : "s are") not what was chained (\(marks)): event \(listed)\(unchained.count > 10 ? ", …" : ""); run `doorbraak audit verify`")
            return ExitCode.refused
        }
        return ExitCode.done
    }
}

/// How audit events are shown.
enum AuditView {
    /// An event; `chained` false when it is not as it was chained (`AuditLog.unchained`).
    static func json(_ e: AuditEvent, chained: Bool = true) -> JSONValue {
        .object([
            ("seq", .number(String(e.seq))), ("at", .string(e.at)), ("on", e.on.map { .string($0) } ?? .null), ("actor", .string(e.actor)),
            ("action", .string(e.action)), ("subject", .string(e.subject)),
            ("before", .string(e.before)), ("after", .string(e.after)), ("hash", .string(e.hash)), ("chained", .bool(chained)),
        ])
    }

    /// The events as a table, those in `unchained` marked `!` before their number.
    static func table(_ events: [AuditEvent], unchained: Set<Int64> = []) -> String {
        var table = Table([("seq", .right), ("on", .left), ("at", .left), ("actor", .left), ("action", .left), ("subject", .left), ("change", .left)])
        for e in events {
            table.add([(unchained.contains(e.seq) ? "!" : "") + String(e.seq), e.on ?? "-", e.at, e.actor, e.action, e.subject, "\(e.before) → \(e.after)"])
        }
        return table.text + "\n\(events.count) event\(events.count == 1 ? "" : "s")"
    }
}
