/// Finds where an application departs from its model plan (*pas toe of leg uit*, SPEC §3.3;
/// 004 line 217: only regional adaptations get the deeper review). The engine finds them; the
/// applicant only explains them.
public enum DeviationFinder {
    /// The deviation keys of `application` against `plan`, sorted.
    public static func deviations(of application: Application, from plan: ModelPlan) -> [String] {
        var keys: Set<String> = []
        let planCodes = Set(plan.milestones.map(\.code))
        let appCodes = Set(application.milestones.map(\.code))
        if planCodes != appCodes { keys.insert("milestones.set") }
        let requested = Int128(application.requested.cents)
        for line in application.milestones {
            guard let norm = plan.milestones.first(where: { $0.code == line.code }) else { continue }
            // |tariff / requested · 100 − share| > 0.5  ⇔  |200 · tariff − 2 · share · requested| > requested
            let difference = 200 * Int128(line.tariff.cents) - 2 * Int128(norm.share) * requested
            if (difference < 0 ? -difference : difference) > requested { keys.insert("milestones.\(line.code).share") }
            if line.due > norm.latest { keys.insert("milestones.\(line.code).due") }
        }
        // A year outside 2027–2029 is E-YEARS, not a deviation the insurers could accept.
        if application.budget.contains(where: { RoundSettings.eligibleYears.contains($0.year) && !plan.norms.spendingYears.contains($0.year) }) {
            keys.insert("spending_years")
        }
        // Per distinct provider: a provider listed twice is one provider (as E-JOINT counts them).
        var perProvider: [AGB: Money] = [:]
        for p in application.coalition { perProvider[p.agb, default: .zero] += p.amount }
        if perProvider.values.contains(where: { $0 > plan.norms.maxAmountPerProvider }) {
            keys.insert("providers.max_amount")
        }
        if application.requested.cents > 0, application.impactPerMillion.exceeds(hundredths: plan.norms.plausibleMaxFtePerMln.tenths * 10) {
            keys.insert("impact.fte_norm")
        }
        // Regional or local adaptations (004 line 217: "regionale of lokale aanpassingen") are
        // declared by the applicant, not found: each is a deviation both insurers judge.
        let regional = application.deviations.keys.filter(isRegionalKey)
        if regional.count <= maximumRegional { keys.formUnion(regional) }
        return keys.sorted()
    }

    /// The most regional or local adaptations one application declares (more is E-DEVIATION):
    /// every one is judged by two insurers, so the file stays reviewable.
    public static let maximumRegional = 20

    /// Every kind of deviation key, as `plans template` and the errors show them.
    public static let keyFormats = ["milestones.set", "milestones.<code>.share", "milestones.<code>.due", "spending_years",
                                    "providers.max_amount", "impact.fte_norm", "regional.<name>"]

    /// Whether `key` declares a regional or local adaptation: `regional.` and a name of 1 to 40
    /// lower-case letters, digits or '-' (e.g. `regional.scope`).
    public static func isRegionalKey(_ key: String) -> Bool {
        guard key.hasPrefix("regional.") else { return false }
        let name = key.utf8.dropFirst("regional.".utf8.count)
        return (1...40).contains(name.count) && name.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// Whether `key` has the shape of a deviation key at all.
    public static func isWellFormedKey(_ key: String) -> Bool {
        if isRegionalKey(key) { return true }
        if ["milestones.set", "spending_years", "providers.max_amount", "impact.fte_norm"].contains(key) { return true }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "milestones" && (try? MilestoneCode(parsing: String(parts[1]))) != nil
            && (parts[2] == "share" || parts[2] == "due")
    }
}

/// The review track: limited when the application follows its plan, extended otherwise.
public enum ReviewTrack: String, Sendable, Equatable {
    /// No deviation: limited review.
    case limited
    /// Any deviation: both insurers judge each one.
    case extended
}
