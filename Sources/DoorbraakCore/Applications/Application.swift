/// An application (*aanvraag*): a filled-in model plan from a coalition of providers (SPEC §5.1).
/// Fields whose validity is an admission rule (plan, sector, insurers, years, basiseisen) are kept
/// as written, so that the checks can report them with their own codes.
public struct Application: Sendable, Equatable {
    /// The application id.
    public var id: ApplicationID
    /// The model plan it fills in (checked by `E-PLAN`).
    public var plan: String
    /// The sector applying (checked by `E-PLAN`).
    public var sector: String
    /// Title.
    public var title: String
    /// Region.
    public var region: String
    /// The providers and their shares of `requested`.
    public var coalition: [Provider]
    /// Coordinating insurer as written (checked by `E-INSURERS`).
    public var coordinatingInsurer: String
    /// Second insurer as written (checked by `E-INSURERS`).
    public var secondInsurer: String
    /// The total amount asked for; the proposed bovengrens.
    public var requested: Money
    /// Budget lines per year and category.
    public var budget: [BudgetLine]
    /// The milestones with their tariffs and due dates.
    public var milestones: [MilestoneLine]
    /// The claimed impact and business case.
    public var impact: Impact
    /// Declared other funding.
    public var otherFunding: [OtherFunding]
    /// Answers to basiseisen, by number as written ("1" … "14").
    public var basiseisen: [String: String]
    /// Explanations of deviations, by deviation key.
    public var deviations: [String: String]
    /// The penvoerder as written (`lead`), if the file names one; see `penvoerder`.
    public var lead: AGB? = nil

    /// The coalition member that owns the application (SPEC §3.2): `lead`, else the first member.
    public var penvoerder: AGB? { lead ?? coalition.first?.agb }

    /// A provider in the coalition.
    public struct Provider: Sendable, Equatable {
        /// AGB code.
        public var agb: AGB
        /// Name.
        public var name: String
        /// Its share of the requested amount.
        public var amount: Money
    }

    /// One budget line.
    public struct BudgetLine: Sendable, Equatable {
        /// Year of spending (checked by `E-YEARS`).
        public var year: Int
        /// Category.
        public var category: CostCategory
        /// Amount.
        public var amount: Money
        /// Incidental (the default) or structural.
        public var kind: CostKind = .incidental
    }

    /// One milestone of the application.
    public struct MilestoneLine: Sendable, Equatable {
        /// Milestone code.
        public var code: MilestoneCode
        /// Its tariff: the price of the prestatie.
        public var tariff: Money
        /// Due date.
        public var due: Day
    }

    /// Impact and business case (basiseisen 1, 2, 9).
    public struct Impact: Sendable, Equatable {
        /// fte saved.
        public var fteSaved: Fte
        /// Structural costs per year after the project.
        public var structuralCostsPerYear: Money
        /// Structural savings per year after the project.
        public var structuralSavingsPerYear: Money
    }

    /// Other funding the coalition declares.
    public struct OtherFunding: Sendable, Equatable {
        /// Source, e.g. `iza-transformatiemiddelen`.
        public var source: String
        /// Its reference.
        public var reference: String
        /// Whether it funded the same scope (double funding).
        public var sameScope: Bool
    }

    /// fte saved per €mln requested, as an exact fraction.
    public var impactPerMillion: FtePerMillion { FtePerMillion(fte: impact.fteSaved, amount: requested) }
}
