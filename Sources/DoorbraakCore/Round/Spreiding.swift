/// One application as the round's reports count it.
public struct RoundRow: Sendable, Equatable {
    /// Its theme.
    public var theme: Theme
    /// Its sector.
    public var sector: String
    /// Its region, as the application names it.
    public var region: String
    /// Its status (SPEC §5.2).
    public var status: ApplicationStatus
    /// The amount requested.
    public var requested: Money
    /// The fte it claims to save.
    public var fte: Fte

    /// Whether its fte per €mln reaches `bar`, compared exactly.
    public func reaches(_ bar: ImpactBar) -> Bool { FtePerMillion(fte: fte, amount: requested).reaches(hundredths: bar.hundredths) }

    /// A row.
    public init(theme: Theme, sector: String, region: String, status: ApplicationStatus, requested: Money, fte: Fte) {
        self.theme = theme
        self.sector = sector
        self.region = region
        self.status = status
        self.requested = requested
        self.fte = fte
    }
}

/// Where in the country the money goes (*spreiding*, 004 line 219: the board steers on "kwaliteit,
/// spreiding en maatschappelijke impact"): applications, amount and fte per region.
public enum Spreiding {
    /// The totals of one region.
    public struct Region: Sendable, Equatable {
        /// The region, in the spelling that sorts first of those written.
        public var region: String
        /// The region as compared: trimmed, in lower case (one region however it is capitalised).
        public var key: String
        /// How many applications.
        public var applications: Int
        /// Their amount.
        public var amount: Money
        /// Their fte.
        public var fte: Fte
    }

    /// The rows per region, largest amount first (then by name). Regions are written by the
    /// applicants: the same name in other capitals or with spaces around it is one region, shown
    /// in the spelling that sorts first of those counted; two lists of regions match by `key`
    /// (a board review: "Utrecht" approved and "utrecht" allocated showed the allocation as
    /// nothing, and the what-if split the region in two).
    public static func byRegion(_ rows: [RoundRow]) -> [Region] {
        var totals: [String: Region] = [:]
        for row in rows {
            let name = Spreiding.name(row.region)
            let key = name.lowercased()
            var r = totals[key] ?? Region(region: name, key: key, applications: 0, amount: .zero, fte: Fte(tenths: 0))
            r.region = min(r.region, name)
            r.applications += 1
            r.amount += row.requested
            r.fte = r.fte + row.fte
            totals[key] = r
        }
        return totals.values.sorted { ($1.amount, $0.region) < ($0.amount, $1.region) }
    }

    /// A region as written, trimmed (a placeholder when none is given).
    static func name(_ region: String) -> String {
        let written = region.trimmingWhitespace
        return written.isEmpty ? "(no region given)" : written
    }

    /// How a region is compared: its name in lower case.
    public static func key(_ region: String) -> String { name(region).lowercased() }
}
