import DoorbraakCore

extension Store {
    /// The figures of the overview report, read in one snapshot. The verantwoording and
    /// monitoring parts are passed in by the caller, which computes them with their own rules.
    public func overview(asOf: Day, judgments: [Overview.Judgment] = [], realised: [Overview.Realised] = []) throws(DoorbraakError) -> Overview {
        try db.readTransaction { () throws(DoorbraakError) -> Overview in
            let status = try checkedCeilingStatus()
            let settings = try self.settings()
            let ceiling = Overview.Ceiling(ceiling: status.ceiling, granted: status.granted, released: status.released, pending: status.pending, paid: status.paid)
            var requested: [String: Money] = [:]
            for (theme, cents) in try db.rows("SELECT theme, sum(requested_cents) FROM application NOT INDEXED WHERE status NOT IN ('inadmissible', 'withdrawn') GROUP BY theme", [], { r in (r.text(0), r.money(1)) }) {
                requested[theme] = cents
            }
            var allocated: [String: Money] = [:]
            for (theme, cents) in try db.rows("SELECT a.theme, sum(a.requested_cents) FROM allocation l NOT INDEXED JOIN application a ON a.id = l.application_id WHERE l.allocated = 1 GROUP BY a.theme", [], { r in (r.text(0), r.money(1)) }) {
                allocated[theme] = cents
            }
            let themes = status.themes.map { t in
                Overview.ThemeLine(theme: t.theme, amount: t.amount, requested: requested[t.theme.rawValue] ?? .zero,
                                   allocated: allocated[t.theme.rawValue] ?? .zero, committed: t.granted - t.released)
            }
            let impacts = try db.rows("SELECT fte_tenths, requested_cents, status FROM application NOT INDEXED WHERE status <> 'withdrawn' AND requested_cents > 0", []) { r in
                Overview.Impact(impact: FtePerMillion(fte: Fte(tenths: r.int64(0)), amount: r.money(1)), status: r.text(2))
            }
            // Every quarter from the first to the last, zero where empty (`Overview.everyQuarter`).
            var quarters: [String: (paid: Money, released: Money)] = [:]
            let quarter = "substr(c.claim_date, 1, 4) || '-Q' || ((CAST(substr(c.claim_date, 6, 2) AS INTEGER) + 2) / 3)"
            for (q, cents) in try db.rows("SELECT \(quarter), sum(c.amount_cents) FROM claim c NOT INDEXED WHERE c.status = 'reached' GROUP BY 1", [], { r in (r.text(0), r.money(1)) }) {
                quarters[q, default: (.zero, .zero)].paid += cents
            }
            for (q, cents) in try db.rows("SELECT \(Store.releaseQuarter), sum(r.amount_cents) FROM bovengrens_release r NOT INDEXED LEFT JOIN claim c ON c.claim_id = r.claim_id GROUP BY 1", [], { r in (r.text(0), r.money(1)) }) {
                quarters[q, default: (.zero, .zero)].released += cents
            }
            let granted = try db.rows("""
                SELECT a.theme, a.sector, coalesce(a.region, ''), b.bovengrens_cents - b.released_cents, a.fte_tenths FROM beschikking b NOT INDEXED JOIN application a ON a.id = b.application_id WHERE b.status = 'granted'
                """, []) { r throws(DoorbraakError) in
                RoundRow(theme: try Theme(parsing: r.text(0)), sector: r.text(1), region: r.text(2), status: .granted, requested: r.money(3), fte: Fte(tenths: r.int64(4)))
            }
            let parts = try paidParts()
            return Overview(asOf: asOf, ceiling: ceiling, themes: themes, impacts: impacts, barHundredths: settings.bar.hundredths,
                            quarters: Overview.everyQuarter(quarters.keys.sorted().map { Overview.Quarter(quarter: $0, paid: quarters[$0]?.paid ?? .zero, released: quarters[$0]?.released ?? .zero) }),
                            judgments: judgments, impactRealised: realised, regions: Spreiding.byRegion(granted), parts: parts)
        }
    }

    /// The milestones paid, by whether one or more coalition members were paid for them (the
    /// overview's table, the demo's count): one query for both (the demo counted a member paid
    /// two parts as two, and a newcomer found 48 there and 47 in the report).
    public func paidParts() throws(DoorbraakError) -> [Overview.Parts] {
        try db.rows("""
            SELECT CASE WHEN members > 1 THEN '2 of meer' ELSE '1' END, count(*), sum(paid) FROM
                (SELECT count(DISTINCT provider) AS members, sum(amount_cents) AS paid FROM claim NOT INDEXED WHERE status = 'reached' GROUP BY application_id, milestone)
            GROUP BY 1 ORDER BY 1
            """, []) { r in Overview.Parts(members: r.text(0), milestones: r.int(1), paid: r.money(2)) }
    }
}
