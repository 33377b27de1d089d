/// The outcome of all admission checks on one application (SPEC §3.2).
public struct Admission: Sendable, Equatable {
    /// Every failed check, all at once, in code order.
    public var errors: [DoorbraakError]
    /// The deviation keys found by comparing with the plan.
    public var deviations: [String]
    /// The impact claimed.
    public var impact: FtePerMillion
    /// The theme of the plan, when the plan exists.
    public var theme: Theme?

    /// Admissible when no check failed.
    public var isAdmissible: Bool { errors.isEmpty }
    /// How many checks failed, those only counted included (`ErrorList`).
    public var failedCount: Int { errors.reduce(0) { $0 + ($1.omitted > 0 ? $1.omitted : 1) } }
    /// Limited without deviations, extended with any.
    public var track: ReviewTrack { deviations.isEmpty ? .limited : .extended }
}

/// The admission checks of SPEC §3.2 as pure functions of values.
public enum AdmissionCheck {
    /// Runs every check on `application` received on `received`, against `plan` (nil when the
    /// plan id is unknown), the round `settings` and the insurers in the register of parties.
    /// All failures are reported, not only the first.
    public static func run(_ application: Application, plan: ModelPlan?, settings: RoundSettings, received: Day, insurers registered: Set<String>) -> Admission {
        let plan = plan?.id.rawValue == application.plan ? plan : nil
        // At most `ErrorList.limit` kept, the rest counted (a tamper review: 84,000 unknown
        // deviation keys in one application kept 84,000 errors, 1.2 GB over an import of 20).
        var errors = ErrorList()
        func fail(_ code: ErrorCode, _ message: String, _ field: String?) {
            errors.add(DoorbraakError(code, message, field: field))
        }

        // E-PLAN: the plan exists and the sector is one of its sectors.
        if let plan {
            if !plan.sectors.map(\.rawValue).contains(application.sector) {
                fail(.plan, "plan \(plan.id) is for sector \(plan.sectors.map(\.rawValue).joined(separator: ", ")), not \"\(application.sector)\"", "sector")
            }
        } else {
            fail(.plan, "unknown model plan \"\(application.plan)\"", "plan")
        }

        // E-LATE: one submission moment, no first-come-first-served (004 line 212).
        if received > settings.deadline {
            fail(.late, "received \(received), after the submission deadline \(settings.deadline)", nil)
        }

        // E-BAR: basiseis 1, impact on labour (004 line 2629), against the impactlat (004 lines 393–398).
        let impact = application.impactPerMillion
        if !impact.reaches(hundredths: settings.bar.hundredths) {
            fail(.bar, "impact \(impact.belowBarText) fte per €mln is below the bar of \(settings.bar.number) (\(application.impact.fteSaved) fte for \(application.requested.dutch))", "impact.fte_saved")
        }

        // E-BUSINESSCASE: basiseisen 2 and 9, savings at least the structural costs (004 lines 2630, 2637).
        if application.impact.structuralSavingsPerYear < application.impact.structuralCostsPerYear {
            fail(.businessCase, "structural savings \(application.impact.structuralSavingsPerYear.dutch) per year are below the structural costs \(application.impact.structuralCostsPerYear.dutch)", "impact.structural_savings_per_year")
        }

        // E-YEARS: basiseis 4, timely spending (004 line 2632), kasritme 2027–2029 (004 line 2900).
        let years = RoundSettings.eligibleYears
        for (i, line) in application.budget.enumerated() where !years.contains(line.year) {
            fail(.years, "budget year \(line.year) lies outside \(years.lowerBound)–\(years.upperBound)", "budget[\(i)].year")
        }
        for (i, m) in application.milestones.enumerated() where !years.contains(m.due.year) {
            fail(.years, "milestone \(m.code) is due \(m.due), outside \(years.lowerBound)–\(years.upperBound)", "milestones[\(i)].due")
        }

        // E-SUMS: budget, provider shares and tariffs each add up to requested, to the cent.
        if application.requested.cents == 0 {
            fail(.sums, "the requested amount must be above zero", "requested")
        }
        for (name, field, total) in [
            ("budget lines", "budget", application.budget.map(\.amount).sum()),
            ("provider amounts", "coalition", application.coalition.map(\.amount).sum()),
            ("milestone tariffs", "milestones", application.milestones.map(\.tariff).sum()),
        ] where total != application.requested {
            fail(.sums, "\(name) add up to \(total), not the requested \(application.requested)", field)
        }

        // E-COALITION: each provider once, so that no name or share is lost in a merge.
        for (i, p) in application.coalition.enumerated() {
            if let first = application.coalition[..<i].firstIndex(where: { $0.agb == p.agb }) {
                fail(.coalition, "AGB \(p.agb) is listed twice (also at coalition[\(first)]); list each provider once with its whole share", "coalition[\(i)].agb")
            }
        }

        // A prestatie without a tariff could never be settled (paid above € 0,00 is over its tariff,
        // a release of € 0,00 lowers nothing), and would hold the beschikking open forever.
        for (i, m) in application.milestones.enumerated() where m.tariff.cents == 0 {
            fail(.sums, "milestone \(m.code) has a tariff of € 0,00; every prestatie has a tariff above zero", "milestones[\(i)].tariff")
        }

        // E-JOINT: basiseis 12, joint applications (004 line 2644): cooperating parties, not a
        // budget each — a partner with a share of € 0,00 may take part, but only members with a
        // share above € 0,00 count towards the plan's minimum.
        let distinct = Set(application.coalition.filter { $0.amount.cents > 0 }.map(\.agb)).count
        let minimum = plan?.norms.minProviders ?? 2
        if distinct < minimum {
            fail(.joint, "\(distinct) distinct provider\(distinct == 1 ? "" : "s") with a share above € 0,00; the plan asks at least \(minimum)", "coalition")
        }

        // E-INSURERS: a coordinating and a second insurer, never the same (004 line 217).
        let coordinating = try? UZOVI(parsing: application.coordinatingInsurer)
        let second = try? UZOVI(parsing: application.secondInsurer)
        if coordinating == nil { fail(.insurers, "coordinating insurer \"\(application.coordinatingInsurer)\" is not a 4-digit UZOVI code", "insurers.coordinating") }
        if second == nil { fail(.insurers, "second insurer \"\(application.secondInsurer)\" is not a 4-digit UZOVI code", "insurers.second") }
        if let coordinating, coordinating == second {
            fail(.insurers, "the coordinating and the second insurer are both \(coordinating); they must differ", "insurers.second")
        }
        // Only a registered health insurer can assess: a mistyped code would hold the round (SPEC §3.10).
        for error in PartyRegister.checkInsurers([("insurers.coordinating", application.coordinatingInsurer), ("insurers.second", application.secondInsurer)]
            .filter { !ApplicationTemplate.placeholderInsurers.contains($0.1) }, registered: registered) { errors.add(error) }

        // The penvoerder is a member of the coalition (SPEC §3.2: the owner of the application).
        if let lead = application.lead, !application.coalition.contains(where: { $0.agb == lead }) {
            fail(.coalition, "lead \(lead) is not a member of the coalition; the penvoerder is one of its providers", "lead")
        }

        // E-EXCLUDED: the Wmg does not cover buying aids, in any plan (004 lines 2805–2810); a plan
        // may exclude more; the money is a one-off impulse, so no structural cost lines.
        for (i, line) in application.budget.enumerated() {
            if line.category == .hulpmiddelAanschaf {
                fail(.excluded, "buying hulpmiddelen (hulpmiddel-aanschaf) is not covered by the Wmg and cannot be funded", "budget[\(i)].category")
            } else if let plan, plan.excludedCategories.contains(line.category) {
                fail(.excluded, "plan \(plan.id) excludes budget category \(line.category.rawValue)", "budget[\(i)].category")
            }
            if line.kind == .structural {
                fail(.excluded, "a structural cost line cannot be funded: the doorbraakmiddelen are a one-off impulse; structural costs belong in the business case", "budget[\(i)].kind")
            }
        }

        // E-DOUBLE: no earlier funding of the same scope (004 line 2699).
        for (i, f) in application.otherFunding.enumerated() where f.sameScope {
            fail(.double, "earlier funding \(f.source) \(f.reference) covered the same scope (double funding)", "other_funding[\(i)].same_scope")
        }

        // E-BASISEISEN: an answer to each of the 14 basiseisen (004 lines 2626–2646).
        for n in 1...14 {
            let answer = application.basiseisen[String(n)] ?? ""
            if answer.allSatisfy(\.isWhitespace) {
                fail(.basiseisen, "basiseis \(n) has no answer", "basiseisen.\(n)")
            } else if !answer.isPrintableProse {
                fail(.basiseisen, "the answer contains control, bidirectional or line-separator characters (line feeds are allowed)", "basiseisen.\(n)")
            } else if ApplicationTemplate.isPlaceholder(answer) {
                fail(.basiseisen, "basiseis \(n) still holds the template's placeholder; describe how this coalition meets it", "basiseisen.\(n)")
            }
        }

        // E-TEMPLATE: a field that still holds what `plans template` printed.
        if application.id.rawValue == ApplicationTemplate.placeholderID {
            fail(.template, "the id \(application.id) is the template's placeholder, so the application is not registered; give it an id of your own (e.g. your AGB code and a number)", "id")
        }
        for (field, text) in [("title", application.title), ("region", application.region)] where ApplicationTemplate.isPlaceholder(text) {
            fail(.template, "still holds the template's placeholder \"\(text)\"", field)
        }
        for (i, p) in application.coalition.enumerated() {
            if p.agb.rawValue.hasPrefix(ApplicationTemplate.placeholderAGBPrefix) {
                fail(.template, "AGB \(p.agb) is the template's placeholder; fill in the provider's AGB code", "coalition[\(i)].agb")
            }
            if ApplicationTemplate.isPlaceholder(p.name) {
                fail(.template, "still holds the template's placeholder \"\(p.name)\"", "coalition[\(i)].name")
            }
        }
        for (field, code) in [("insurers.coordinating", application.coordinatingInsurer), ("insurers.second", application.secondInsurer)]
        where ApplicationTemplate.placeholderInsurers.contains(code) {
            fail(.template, "UZOVI \(code) is the template's placeholder; fill in the insurer's UZOVI code", field)
        }
        for key in application.basiseisen.keys.sorted() where Int(key).map({ !(1...14).contains($0) || String($0) != key }) ?? true {
            fail(.basiseisen, "there is no basiseis \"\(key)\"; they are numbered 1 to 14", "basiseisen.\(key)")
        }

        // E-DEVIATION: every deviation explained, and no explanation of something that is not one.
        var deviations: [String] = []
        let regional = application.deviations.keys.filter(DeviationFinder.isRegionalKey).count
        if regional > DeviationFinder.maximumRegional {
            fail(.deviation, "\(regional) regional adaptations declared; at most \(DeviationFinder.maximumRegional), each explained, so both insurers can judge them", "deviations")
        }
        // An explanation is prose (line breaks allowed) printed for the reviewers: no other
        // control or bidirectional characters that could disguise what they read.
        for key in application.deviations.keys.sorted() where !(application.deviations[key] ?? "").isPrintableProse {
            fail(.deviation, "the explanation contains control, bidirectional or line-separator characters (line feeds are allowed)", "deviations.\(key)")
        }
        if let plan {
            deviations = DeviationFinder.deviations(of: application, from: plan)
            for key in deviations where (application.deviations[key] ?? "").allSatisfy(\.isWhitespace) {
                fail(.deviation, "the application deviates from the plan at \(key) but does not explain it", "deviations.\(key)")
            }
            for key in application.deviations.keys.sorted() where !deviations.contains(key) && !(regional > DeviationFinder.maximumRegional && DeviationFinder.isRegionalKey(key)) {
                fail(.deviation, DeviationFinder.isWellFormedKey(key)
                     ? "\(key) is explained but the application does not deviate there; remove it so reviewers are not misled"
                     : "\"\(key)\" is not a deviation key; the keys are \(DeviationFinder.keyFormats.joined(separator: ", ")) (a regional or local adaptation: regional.<name>, e.g. regional.scope)", "deviations.\(key)")
            }
        }
        return Admission(errors: errors.combined?.all ?? [], deviations: deviations, impact: impact, theme: plan?.theme)
    }
}
