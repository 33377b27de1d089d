import DoorbraakCore
import DoorbraakStore

/// `doorbraak ceiling`: the room under the macro ceiling, from the kept totals.
enum CeilingCommand: Command {
    /// Said under the totals when granted exceeds the ceiling (a newcomer read it as a breach, in
    /// `ceiling` and again in `report`).
    static let grantedAboveCeiling = "(granted above the ceiling: it counts every bovengrens as granted, also room released since and granted again by a reallocation; the ceiling binds what is committed)"

    static let name = "ceiling"
    static let summary = "ceiling, granted, released, committed, pending and remaining; per theme and year"
    static let usage = ""
    static let help = """
    remaining = ceiling − committed, committed = granted − released = the sum of the current
    bovengrenzen. Granted is the sum of the bovengrenzen as granted, released what amendments
    lowered them by (missed milestones; the rest above the total paid when a beschikking became
    final), pending the proposed bovengrenzen
    of requests the NZa has not decided. Read from kept totals, so it costs the same at any size;
    a kept-total row edited outside doorbraak is refused (E-LEDGER), not shown.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        try arguments.finish()
        let store = try context.openStore(readOnly: true)
        // The round row as bound too (`checkedCeilingStatus`): its close date is shown.
        let (status, closed, stopped) = try store.db.readTransaction { () throws(DoorbraakError) in
            (try store.checkedCeilingStatus(), try store.closedOn(), try store.stoppedDecideAll())
        }
        if context.json {
            guard case .object(let members) = CeilingView.json(status) else { return ExitCode.done }
            let closedOn: JSONValue = closed.map { .string($0.description) } ?? .null
            var stoppedRun = JSONValue.null
            if let stopped { stoppedRun = .object([("event", .number(String(stopped.seq))), ("on", .string(stopped.on))]) }
            Output.json(.object(members + [("closed_on", closedOn), ("decide_all_stopped", stoppedRun)]))
        } else {
            Output.line(CeilingView.text(status))
            if let closed {
                Output.line("the period was closed on \(closed): nothing more is committed; the remaining \(status.remaining) stays unused")
            }
            // The NZa analyst's daily view says what holds the others off (a newcomer's try: after
            // a kill nothing showed it until an insurer was refused).
            if let stopped {
                Output.line("`nza decide --all` of \(stopped.on) (event \(stopped.seq)) was stopped before its end: run it again, dated \(stopped.on), to decide the pending requests; until then no new request, withdrawal of a pending request, single decision or close of the period is taken")
            }
        }
        return ExitCode.done
    }
}

/// How the ceiling status is shown.
enum CeilingView {
    static func json(_ s: CeilingStatus) -> JSONValue {
        .object([
            ("ceiling", .string(s.ceiling.description)),
            ("granted", .string(s.granted.description)),
            ("released", .string(s.released.description)),
            ("committed", .string(s.committed.description)),
            ("pending", .string(s.pending.description)),
            ("remaining", .string(s.remaining.description)),
            ("paid", .string(s.paid.description)),
            ("themes", .array(s.themes.map { t in
                .object([("theme", .string(t.theme.rawValue)), ("amount", .string(t.amount.description)),
                         ("granted", .string(t.granted.description)), ("released", .string(t.released.description)),
                         ("richtbedrag_left", .string(t.richtbedragLeft.description))])
            })),
            ("years", .array(s.years.map { .object([("year", .number(String($0.year))), ("granted", .string($0.granted.description))]) })),
        ])
    }

    static func text(_ s: CeilingStatus) -> String {
        var totals = Table([("macro ceiling", .left), ("amount", .right)])
        totals.add(["ceiling", s.ceiling.dutch])
        totals.add(["granted", s.granted.dutch])
        totals.add(["released", s.released.dutch])
        totals.add(["committed (current bovengrenzen)", s.committed.dutch])
        totals.add(["pending requests", s.pending.dutch])
        totals.add(["remaining", s.remaining.dutch])
        totals.add(["paid out", s.paid.dutch])
        var totalsText = totals.text
        if s.granted > s.ceiling { totalsText += "\n" + CeilingCommand.grantedAboveCeiling }
        var themes = Table([("theme", .left), ("richtbedrag", .right), ("granted", .right), ("released", .right), ("richtbedrag left", .right)])
        for t in s.themes {
            themes.add([t.theme.rawValue, t.amount.dutch, t.granted.dutch, t.released.dutch, t.richtbedragLeft.dutch])
        }
        var themeText = themes.text
        if s.themes.contains(where: { $0.richtbedragLeft < .zero }) {
            themeText += "\n(below zero: the theme was granted more than its richtbedrag, from other themes' unused room by --transfer; the macro ceiling binds)"
        }
        var years = Table([("year", .left), ("planned spending (granted budgets)", .right)])
        for y in s.years { years.add([String(y.year), y.granted.dutch]) }
        // A newcomer read the odd cents as a rounding bug: they are the applications' own.
        let yearsText = years.text + (s.years.isEmpty ? "" : "\n(each granted application's budget per year, as its application gives it, to the cent)")
        return [totalsText, themeText, yearsText].joined(separator: "\n\n")
    }
}
