/// A national model plan (*modelplan*, 004 line 2575): one per application area, the norm every
/// application is compared with (SPEC §4).
public struct ModelPlan: Sendable, Equatable {
    /// Kebab-case id, e.g. `spraakgestuurd-rapporteren`.
    public var id: PlanID
    /// Short code used in prestatie codes, e.g. `AI-SGR`.
    public var code: String
    /// Version of the plan text.
    public var version: String
    /// Title.
    public var title: String
    /// The theme whose amount it draws on.
    public var theme: Theme
    /// Sectors that may apply with it.
    public var sectors: [Sector]
    /// Problem statement.
    public var problem: String
    /// Goal.
    public var goal: String
    /// What is in and out of scope.
    public var scope: String
    /// The milestones, in order; their shares sum to 100.
    public var milestones: [Milestone]
    /// Key performance indicators.
    public var kpis: [KPI]
    /// The normative limits that decide deviations.
    public var norms: Norms
    /// Cost categories that may not be budgeted.
    public var excludedCategories: [CostCategory]
    /// Normative text per basiseis 1…14.
    public var basiseisen: [Int: String]
    /// Which figures come from the fact base and which are assumptions.
    public var source: String

    /// One milestone of a plan: a *prestatie* of the beschikking (004 line 238).
    public struct Milestone: Sendable, Equatable {
        /// `M1` … `M9`.
        public var code: MilestoneCode
        /// What is achieved.
        public var title: String
        /// *inspanning* (effort) or *resultaat* (result).
        public var obligation: Obligation
        /// Whole percent of the requested amount.
        public var share: Int
        /// Latest due date.
        public var latest: Day
        /// The evidence that proves it was reached.
        public var evidence: String
    }

    /// Kind of obligation a milestone carries.
    public enum Obligation: String, Sendable, CaseIterable {
        /// Inspanningsverplichting.
        case inspanning
        /// Resultaatverplichting.
        case resultaat
    }

    /// A KPI with its unit and target.
    public struct KPI: Sendable, Equatable {
        /// Name.
        public var name: String
        /// Unit of measure.
        public var unit: String
        /// Target value.
        public var target: String
    }

    /// The normative limits of a plan.
    public struct Norms: Sendable, Equatable {
        /// Minimum number of distinct providers (basiseis 12, 004 line 2644).
        public var minProviders: Int
        /// Maximum share of one provider.
        public var maxAmountPerProvider: Money
        /// The years money may be spent (basiseis 4, 004 line 2632).
        public var spendingYears: [Int]
        /// Highest plausible claimed impact.
        public var plausibleMaxFtePerMln: Fte
    }

    /// The prestatie code of a milestone, `<plan-code>-<milestone>` (SPEC §2).
    public func prestatieCode(_ milestone: MilestoneCode) -> String { "\(code)-\(milestone)" }
}

/// Budget and cost categories (SPEC §3.8).
public enum CostCategory: String, Sendable, CaseIterable, Comparable {
    /// Staff costs.
    case personnel
    /// Material costs.
    case material
    /// Buying aids; the Wmg does not cover it (004 lines 2805–2810).
    case hulpmiddelAanschaf = "hulpmiddel-aanschaf"
    /// Other costs.
    case other

    /// Parses a category id.
    public init(parsing text: String) throws(DoorbraakError) {
        guard let c = CostCategory(rawValue: text) else {
            let names = CostCategory.allCases.map(\.rawValue)
            throw DoorbraakError(.input, "unknown cost category \"\(text)\"; \(NearestName.hint(for: text, among: names))use one of \(names.joined(separator: ", "))")
        }
        self = c
    }

    public static func < (a: CostCategory, b: CostCategory) -> Bool { a.rawValue < b.rawValue }
}
