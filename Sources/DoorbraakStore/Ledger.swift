import DoorbraakCore

/// The kept totals under the macro ceiling (SPEC §3.6), read in one snapshot.
public struct CeilingStatus: Sendable, Equatable {
    /// The macro ceiling.
    public var ceiling: Money
    /// Sum of the bovengrenzen of granted beschikkingen.
    public var granted: Money
    /// Sum of the tariffs of missed milestones, returned to the room under the ceiling.
    public var released: Money
    /// Sum of the proposed bovengrenzen of requests not yet decided.
    public var pending: Money
    /// Paid out on reached milestones.
    public var paid: Money
    /// Per theme: its amount, granted and released.
    public var themes: [ThemeTotal]
    /// Per eligible year: planned spending of the granted budgets.
    public var years: [(year: Int, granted: Money)]

    /// Granted minus released: what the ceiling must hold.
    public var committed: Money { granted - released }
    /// Ceiling − granted + released.
    public var remaining: Money { ceiling - committed }

    /// One theme's line.
    public struct ThemeTotal: Sendable, Equatable {
        /// The theme.
        public var theme: Theme
        /// Its richtbedrag.
        public var amount: Money
        /// Granted within it.
        public var granted: Money
        /// Released within it.
        public var released: Money
        /// Richtbedrag − granted + released; below zero when `--transfer` granted the theme
        /// more than its richtbedrag from other themes' unused room.
        public var richtbedragLeft: Money { amount - granted + released }
    }

    public static func == (a: CeilingStatus, b: CeilingStatus) -> Bool {
        a.ceiling == b.ceiling && a.granted == b.granted && a.released == b.released && a.pending == b.pending
            && a.paid == b.paid && a.themes == b.themes && a.years.map(\.year) == b.years.map(\.year)
            && a.years.map(\.granted) == b.years.map(\.granted)
    }
}

extension Store {
    /// The kept totals as the views show them (`ceiling`, the report): first checked against
    /// the chain (SPEC §3.9, trust nothing that is kept) as before money moves, so that a ledger,
    /// theme or year row edited, deleted or added outside doorbraak is refused with E-LEDGER
    /// naming it instead of shown as the room under the ceiling. The round row too: `ceiling`
    /// shows its close date. A lookup per row: the same cost at any size.
    public func checkedCeilingStatus() throws(DoorbraakError) -> CeilingStatus {
        try db.readTransaction { () throws(DoorbraakError) -> CeilingStatus in
            try requireSettingsRowsBound { finding in Store.notShown("the kept totals are not shown: a row of them", finding) }
            return try ceilingStatus()
        }
    }

    /// The kept totals: three small reads of fixed-size tables, never a scan of beschikkingen
    /// (unchecked: `audit verify` compares them with its recount, the views use `checkedCeilingStatus`).
    public func ceilingStatus() throws(DoorbraakError) -> CeilingStatus {
        try db.readTransaction { () throws(DoorbraakError) -> CeilingStatus in
            guard let status = try db.row("SELECT ceiling_cents, granted_cents, released_cents, pending_cents, paid_cents FROM ledger WHERE id = 1", [], { r in
                CeilingStatus(ceiling: r.money(0), granted: r.money(1), released: r.money(2), pending: r.money(3), paid: r.money(4), themes: [], years: [])
            }) else {
                throw DoorbraakError.missingRow("ledger", in: db)
            }
            var result = status
            result.themes = try db.rows("SELECT theme, amount_cents, granted_cents, released_cents FROM theme", []) { r in
                (Theme(rawValue: r.text(0)), r.money(1), r.money(2), r.money(3))
            }.compactMap { t, amount, granted, released in
                t.map { CeilingStatus.ThemeTotal(theme: $0, amount: amount, granted: granted, released: released) }
            }.sorted { $0.theme < $1.theme }
            result.years = try db.rows("SELECT year, granted_cents FROM ledger_year ORDER BY year", []) { r in (year: r.int(0), granted: r.money(1)) }
            return result
        }
    }
}

