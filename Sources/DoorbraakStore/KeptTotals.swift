import DoorbraakCore

extension Store {
    /// The ledger row's totals; in the caller's transaction.
    func keptTotals() throws(DoorbraakError) -> LedgerTotals {
        guard let totals = try db.cached("SELECT ceiling_cents, granted_cents, released_cents, pending_cents, paid_cents FROM ledger WHERE id = 1").rowValue([], { r in
            LedgerTotals(ceiling: r.money(0), granted: r.money(1), released: r.money(2), pending: r.money(3), paid: r.money(4))
        }) else { throw DoorbraakError.missingRow("ledger", in: db) }
        return totals
    }

    /// The current bovengrenzen of the granted beschikkingen, summed: one scan of the partial
    /// index `beschikking_granted` alone (a test checks the query plan).
    public static let committedRecount = "SELECT coalesce(sum(bovengrens_cents - released_cents), 0) FROM beschikking WHERE status = 'granted'"

    /// The committed (current bovengrenzen of granted beschikkingen) and pending amounts
    /// recounted from the rows: a scan of the granted ones' partial index, and the pending ones
    /// through theirs.
    func recountedCommitments() throws(DoorbraakError) -> (committed: Money, pending: Money) {
        let committed = try db.cached(Store.committedRecount).rowValue([]) { r in r.money(0) } ?? .zero
        let pending = try db.cached("SELECT coalesce(sum(bovengrens_cents), 0) FROM beschikking WHERE status = 'pending'").rowValue([]) { r in r.money(0) } ?? .zero
        return (committed, pending)
    }

    /// The rows of the kept totals — the ledger, the themes' and the spending years' — each as
    /// the audit chain last bound it (a row this transaction wrote passes): before money moves
    /// (`checkKeptTotals`), and before the views show them (`checkedCeilingStatus`, worded by
    /// `refusal`). The spending years too: a grant writes them, and writing a row binds it anew.
    /// A row added beside the known themes and years (which `ceiling` would list, and a
    /// `CHECK` switched off lets in) is refused too: one indexed read each (an attacker's review).
    func requireKeptTotalRowsBound(refusal: (RowFinding) -> DoorbraakError = Store.refusal) throws(DoorbraakError) {
        try requireBound("ledger", [.integer(1)], refusal: refusal)
        for theme in Theme.allCases { try requireBound("theme", [.text(theme.rawValue)], refusal: refusal) }
        for year in RoundSettings.eligibleYears { try requireBound("ledger_year", [.int(year)], refusal: refusal) }
        let themes = Theme.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        if let added = try db.cached("SELECT coalesce(CAST(theme AS TEXT), 'NULL') FROM theme WHERE theme IS NULL OR theme NOT IN (\(themes)) LIMIT 1").rowValue([], { r in r.text(0) }) {
            throw refusal(RowFinding(table: "theme", key: added, change: .inserted))
        }
        let years = RoundSettings.eligibleYears.map(String.init).joined(separator: ", ")
        if let added = try db.cached("SELECT CAST(year AS TEXT) FROM ledger_year WHERE year NOT IN (\(years)) LIMIT 1").rowValue([], { r in r.text(0) }) {
            throw refusal(RowFinding(table: "ledger_year", key: added, change: .inserted))
        }
    }

    /// The kept-total rows (`requireKeptTotalRowsBound`) and the round row, each looked up by its
    /// key: the settings a decision, a payout or a view of the round rests on (`settings()`: the
    /// bar and deadline, the ceiling, the theme budgets; the round's close date stops every payout,
    /// SPEC §3.7).
    func requireSettingsRowsBound(refusal: (RowFinding) -> DoorbraakError = Store.refusal) throws(DoorbraakError) {
        try requireKeptTotalRowsBound(refusal: refusal)
        try requireBound("round", [.integer(1)], refusal: refusal)
    }

    /// The check before money moves (SPEC §3.6, §3.9): the ceiling setting within €600 mln; the
    /// ledger, round and theme rows exactly as the audit chain last bound them; committed and pending
    /// equal to their recount from the beschikkingen; the theme totals adding up to the ledger.
    /// Runs inside the caller's transaction, once per transaction (the checked scopes of
    /// `requireBound`): after it passed, the only changes are this transaction's own, made by the rules.
    public func checkKeptTotals() throws(DoorbraakError) {
        let scope = "kept totals"
        guard try needsCheck(scope) else { return }
        try requireSettingsRowsBound()
        let kept = try keptTotals()
        let recounted = try recountedCommitments()
        guard let (themeGranted, themeReleased) = try db.cached("SELECT coalesce(sum(granted_cents), 0), coalesce(sum(released_cents), 0) FROM theme")
            .rowValue([], { r in (r.money(0), r.money(1)) }) else { throw DoorbraakError(.internal, "no theme totals") }
        do throws(DoorbraakError) {
            try KeptTotalsGuard.check(kept: kept, recountedCommitted: recounted.committed, recountedPending: recounted.pending,
                                      themeGranted: themeGranted, themeReleased: themeReleased)
        } catch where error.code == .ledger {
            // A total that disagrees with the rows it is recounted from: name the row edited, when
            // one is, rather than the total it skews (a newcomer's try: `nza decide ID` after
            // another beschikking's bovengrens was edited said only that the totals disagree).
            // The ledger, round, theme and year rows were checked above; the beschikkingen are
            // checked here, on this path only.
            try requireBoundTable("beschikking")
            throw error
        }
        verifiedScopes.passed.insert(ExactText(scope))
    }
}
