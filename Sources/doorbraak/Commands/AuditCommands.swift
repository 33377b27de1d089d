import DoorbraakCore
import DoorbraakStore

/// `doorbraak audit verify`.
enum AuditVerifyCommand: Command {
    static let name = "audit verify"
    static let summary = "check the audit chain; names the first edited, deleted or reordered event"
    static let usage = ""
    static let help = "Exit 0 when every event carries its own hash and follows its predecessor; exit 1 otherwise."

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        try arguments.finish()
        let result = try AuditLog.verify(in: context.openStore().db)
        if context.json {
            Output.json(.object([
                ("events", .number(String(result.events))),
                ("ok", .bool(result.ok)),
                ("first_bad", result.firstBad.map { .number(String($0)) } ?? .null),
            ]))
        } else if result.ok {
            Output.line("audit chain ok: \(result.events) events")
        } else {
            Output.line("audit chain BROKEN at event \(result.firstBad ?? 0): \(result.reason ?? "")")
        }
        if !result.ok, !context.json {
            Output.error("error: \(ErrorCode.audit): the audit chain does not verify; first bad event \(result.firstBad ?? 0)")
        }
        return result.ok ? ExitCode.done : ExitCode.refused
    }
}

/// `doorbraak audit log [ID]`.
enum AuditLogCommand: Command {
    static let name = "audit log"
    static let summary = "the audit events, all or of one subject"
    static let usage = "[SUBJECT]"
    static let help = "SUBJECT is an application id, `round` or another subject shown in the log."

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let subject = arguments.operand()
        try arguments.finish()
        let events = try AuditLog.events(in: context.openStore().db, subject: subject)
        if context.json {
            Output.json(.object([("events", .array(events.map(AuditView.json)))]))
        } else {
            Output.line(AuditView.table(events))
        }
        return ExitCode.done
    }
}

/// How audit events are shown.
enum AuditView {
    static func json(_ e: AuditEvent) -> JSONValue {
        .object([
            ("seq", .number(String(e.seq))), ("at", .string(e.at)), ("actor", .string(e.actor)),
            ("action", .string(e.action)), ("subject", .string(e.subject)),
            ("before", .string(e.before)), ("after", .string(e.after)), ("hash", .string(e.hash)),
        ])
    }

    static func table(_ events: [AuditEvent]) -> String {
        var table = Table([("seq", .right), ("at", .left), ("actor", .left), ("action", .left), ("subject", .left), ("change", .left)])
        for e in events {
            table.add([String(e.seq), e.at, e.actor, e.action, e.subject, "\(e.before) → \(e.after)"])
        }
        return table.text + "\n\(events.count) events"
    }
}
