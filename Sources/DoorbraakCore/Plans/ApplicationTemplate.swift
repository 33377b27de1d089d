/// A complete application that follows its plan in every normative point (`plans template`).
public struct ApplicationTemplate {
    /// The plan.
    public let plan: ModelPlan
    /// The sector applying.
    public let sector: Sector
    /// The round's bar, so the claimed impact reaches it where the plan allows.
    public let bar: ImpactBar

    /// The placeholder texts the template prints; a field that still holds one is `E-TEMPLATE`
    /// (a basiseis answer: `E-BASISEISEN`).
    public static let placeholderMarkers = ["<regio>", "<zorgaanbieder ", "<hoe deze coalitie basiseis "]
    /// The template's placeholder id: two coalitions that both kept it must not meet under one id.
    public static let placeholderID = "DBM-2026-XXXX"
    /// The placeholder UZOVI codes of the template's insurers.
    public static let placeholderInsurers: Set<String> = ["0001", "0002"]
    /// The prefix of the template's placeholder AGB codes (`00000001`, `00000002`, …).
    public static let placeholderAGBPrefix = "0000000"

    /// Whether `text` still holds a placeholder of the template.
    public static func isPlaceholder(_ text: String) -> Bool {
        // Every marker starts with "<": a byte scan settles almost every text before a substring search.
        guard text.utf8.contains(UInt8(ascii: "<")) else { return false }
        return placeholderMarkers.contains { text.contains($0) }
    }

    /// The template amount: €1,000,000.00, so whole-percent shares give exact tariffs.
    public static let requested = Money(euros: 1_000_000)

    /// A template for `plan` and `sector` under `bar`.
    public init(plan: ModelPlan, sector: Sector, bar: ImpactBar) {
        self.plan = plan
        self.sector = sector
        self.bar = bar
    }

    /// The application file (SPEC §5.1).
    public var json: JSONValue {
        let requested = ApplicationTemplate.requested
        let providers = max(plan.norms.minProviders, 2)
        let shares = ApplicationTemplate.split(requested, into: providers)
        let yearShares = ApplicationTemplate.split(requested, into: plan.norms.spendingYears.count)
        // fte for €1 mln equals the bar; round up to a tenth, but never claim above the plan's maximum.
        let barTenths = (bar.hundredths + 9) / 10
        let fte = Fte(tenths: min(barTenths, plan.norms.plausibleMaxFtePerMln.tenths))
        return .object([
            ("id", .string(ApplicationTemplate.placeholderID)),
            ("plan", .string(plan.id.rawValue)),
            ("sector", .string(sector.rawValue)),
            ("title", .string("\(plan.title) in <regio>")),
            ("region", .string("<regio>")),
            ("coalition", .array(shares.enumerated().map { i, amount in
                .object([
                    ("agb", .string(ApplicationTemplate.placeholderAGBPrefix + String(i + 1))),
                    ("name", .string("<zorgaanbieder \(i + 1)>")),
                    ("amount", .string(amount.description)),
                ])
            })),
            ("insurers", .object([("coordinating", .string("0001")), ("second", .string("0002"))])),
            ("requested", .string(requested.description)),
            ("budget", .array(zip(plan.norms.spendingYears, yearShares).map { year, amount in
                .object([("year", .number(String(year))), ("category", .string(CostCategory.personnel.rawValue)), ("amount", .string(amount.description))])
            })),
            ("milestones", .array(plan.milestones.map { m in
                .object([
                    ("code", .string(m.code.description)),
                    ("tariff", .string(Money(cents: requested.cents / 100 * Int64(m.share)).description)),
                    ("due", .string(m.latest.description)),
                ])
            })),
            ("impact", .object([
                ("fte_saved", .string(fte.description)),
                ("structural_costs_per_year", .string("50000.00")),
                ("structural_savings_per_year", .string("250000.00")),
            ])),
            ("other_funding", .array([])),
            ("basiseisen", .object((1...14).map { n in
                (String(n), .string("<hoe deze coalitie basiseis \(n) invult> Norm van het modelplan: \(plan.basiseisen[n] ?? "")"))
            })),
            ("deviations", .object([])),
        ])
    }

    /// `total` in `parts` near-equal amounts that add up exactly (the remainder goes to the first).
    static func split(_ total: Money, into parts: Int) -> [Money] {
        guard parts > 0 else { return [] }
        let each = total.cents / Int64(parts)
        let remainder = total.cents - each * Int64(parts)
        return (0..<parts).map { Money(cents: each + ($0 == 0 ? remainder : 0)) }
    }
}
