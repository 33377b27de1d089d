import DoorbraakCore

/// The stored result of the round allocation for one application.
public struct AllocationRecord: Sendable, Equatable {
    /// Allocated or not.
    public var allocated: Bool
    /// Rank within its theme.
    public var rank: Int
    /// Which pass decided.
    public var pass: String
    /// Room left when its turn came.
    public var roomBefore: Money
    /// Why.
    public var reason: String
}

extension ErrorCode {
    /// Allocation before the deadline, or a second time.
    public static let allocation = ErrorCode("E-ALLOCATION", .refused)
    /// Allocation while admissible applications still wait for an insurer's decision.
    public static let undecided = ErrorCode("E-UNDECIDED", .refused)
}

extension Store {
    /// Runs the round allocation once, after the deadline, in one transaction: ranks the approved
    /// applications, stores every outcome with the settings used, sets the statuses, audits each.
    public func allocate(today: Day, transfer: Bool, seed: String, event: AuditContext) throws(DoorbraakError) -> [AllocationOutcome] {
        try db.writeTransaction { () throws(DoorbraakError) -> [AllocationOutcome] in
            // The allocation decides on the whole round once: every row it reads as the chain bound it.
            try requireBound("round", [.integer(1)])
            for table in ["theme", "application", "review", "allocation_run", "allocation"] { try requireBoundTable(table) }
            // The settings it decides on (the bar, the deadline, the themes' budgets, the ceiling)
            // are bound again to its event as read.
            try bindAsRead(["round", "theme", "ledger"])
            let settings = try self.settings()
            guard today > settings.deadline else {
                throw DoorbraakError(.allocation, "the round is allocated after the submission deadline \(settings.deadline); today is \(today)")
            }
            if let (runOn, wasTransfer) = try db.row("SELECT run_on, transfer FROM allocation_run WHERE id = 1", [], { r in (r.text(0), r.int(1) == 1) }) {
                throw DoorbraakError(.allocation, "the round was already allocated on \(runOn)\(wasTransfer ? " with --transfer" : ""); it runs once")
            }
            try AuditLog.requireAfterEverything(in: db, on: today, "the allocation")
            // Every admissible application that passes the bar must have its final decision: one
            // allocated without it could never take part afterwards (the round runs once). One
            // below the bar the board set cannot be allocated whatever the insurers decide.
            let undecided = try db.rows("SELECT id, status, fte_tenths, requested_cents FROM application WHERE status IN ('submitted', 'in-review') ORDER BY id", []) { r in
                (text: "\(r.text(0)) (\(r.text(1)))", impact: FtePerMillion(fte: Fte(tenths: r.int64(2)), amount: r.money(3)))
            }.filter { $0.impact.reaches(hundredths: settings.bar.hundredths) }.map(\.text)
            if !undecided.isEmpty {
                let shown = undecided.prefix(20).joined(separator: ", ") + (undecided.count > 20 ? ", … \(undecided.count - 20) more" : "")
                throw DoorbraakError(.undecided, "\(undecided.count) admissible application\(undecided.count == 1 ? " has" : "s have") no final decision of both insurers yet: \(shown); the round is allocated once all are decided (or withdrawn)")
            }
            let candidates = try db.rows("SELECT id, theme, requested_cents, fte_tenths FROM application WHERE status = 'approved'", []) { r throws(DoorbraakError) in
                AllocationCandidate(id: try ApplicationID(parsing: r.text(0)), theme: try Theme(parsing: r.text(1)), requested: r.money(2), fte: Fte(tenths: r.int64(3)))
            }
            let outcomes = Allocator.allocate(candidates, themeAmounts: settings.themeAmounts, transfer: transfer, seed: seed, bar: settings.bar)
            let used = "bar \(settings.bar.number), " + Theme.allCases.map { "\($0.rawValue) \(settings.amount(of: $0))" }.joined(separator: ", ")
                + (transfer ? ", transfer" : "") + ", lottery seed \"\(seed)\""
            try db.run("INSERT INTO allocation_run (id, run_on, transfer, settings, seed) VALUES (1, ?, ?, ?, ?)", [.text(today.description), .int(transfer ? 1 : 0), .text(used), .text(seed)])
            let insert = try db.prepare("INSERT INTO allocation (application_id, allocated, theme_rank, pass, room_before_cents, reason) VALUES (?, ?, ?, ?, ?, ?)")
            let update = try db.prepare("UPDATE application SET status = ? WHERE id = ?")
            for o in outcomes {
                let status = o.allocated ? "allocated" : "not-allocated"
                try insert.run([.text(o.id.rawValue), .int(o.allocated ? 1 : 0), .int(o.rank), .text(o.pass.rawValue), .money(o.roomBefore), .text(o.reason)])
                try update.run([.text(status), .text(o.id.rawValue)])
                try AuditLog.append(in: db, event, action: "allocate", subject: o.id.rawValue, before: "approved", after: "\(status): \(o.reason)")
            }
            let requested = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0.requested) })
            let allocated = outcomes.filter(\.allocated)
            let total = allocated.map { requested[$0.id] ?? .zero }.sum()
            try AuditLog.append(in: db, event, action: "allocate", subject: "round", before: "-",
                                after: "\(allocated.count) allocated (\(total)), \(outcomes.count - allocated.count) not allocated; \(used)")
            return outcomes
        }
    }

    /// Why an application was or was not allocated, when the round ran.
    public func allocation(of id: String) throws(DoorbraakError) -> AllocationRecord? {
        try db.row("SELECT allocated, theme_rank, pass, room_before_cents, reason FROM allocation WHERE application_id = ?", [.text(id)]) { r in
            AllocationRecord(allocated: r.int(0) == 1, rank: r.int(1), pass: r.text(2), roomBefore: r.money(3), reason: r.text(4))
        }
    }

    /// The day the round was allocated, or nil before it ran: the row, or its absence, as the
    /// chain bound it.
    public func allocatedOn() throws(DoorbraakError) -> Day? {
        guard let text = try db.cached("SELECT run_on FROM allocation_run WHERE id = 1").rowValue([], { $0.text(0) }) else {
            try requireBound("allocation_run", [.integer(1)], absent: true)
            return nil
        }
        try requireBound("allocation_run", [.integer(1)])
        return try Day(parsing: text)
    }

    /// The board's lottery seed of the allocation, or nil before it ran.
    public func allocationSeed() throws(DoorbraakError) -> String? {
        try db.row("SELECT seed FROM allocation_run WHERE id = 1", []) { r in r.text(0) }
    }

    /// One row per admitted, not withdrawn application for round reports: theme, sector, status,
    /// requested, fte. With `barRefusals`, also the registered refusals whose only code is `E-BAR`
    /// (status `inadmissible`), so that a what-if with a lower bar shows what it would admit.
    public func roundRows(barRefusals: Bool = false) throws(DoorbraakError) -> [RoundRow] {
        let refusals = barRefusals ? " OR (status = 'inadmissible' AND codes = 'E-BAR')" : ""
        return try db.rows("SELECT theme, sector, coalesce(region, ''), status, requested_cents, fte_tenths, id FROM application NOT INDEXED WHERE status NOT IN ('inadmissible', 'withdrawn')\(refusals)", []) { r throws(DoorbraakError) in
            RoundRow(theme: try Theme(parsing: r.text(0)), sector: r.text(1), region: r.text(2), status: try ApplicationStatus(kept: r.text(3), of: r.text(6)), requested: r.money(4), fte: Fte(tenths: r.int64(5)))
        }
    }

    /// Rejections per reason code (an application rejected by both insurers counts for each reason).
    public func rejectionsByReason() throws(DoorbraakError) -> [(reason: String, count: Int)] {
        try db.rows("SELECT reason, count(*) FROM review NOT INDEXED WHERE decision = 'reject' GROUP BY reason ORDER BY reason", []) { r in (reason: r.text(0), count: r.int(1)) }
    }
}
