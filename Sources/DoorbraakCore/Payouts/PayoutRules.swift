/// What the store knows about a granted beschikking when a claim arrives: the input of the
/// payout rules (SPEC §3.7), read inside the claim's write transaction.
public struct PayoutSubject: Sendable, Equatable {
    /// One milestone (prestatie) and how far it is settled.
    public struct Milestone: Sendable, Equatable {
        /// `M1` … `M9`.
        public var code: String
        /// The prestatie's free tariff (004 line 288).
        public var tariff: Money
        /// `expected`, `reached` (a part paid), `paid` (the parts reach the tariff) or `released`.
        public var status: MilestoneStatus
        /// Paid on it: the sum of its parts.
        public var paid: Money
        /// The dates of the claims settled on it (parts paid, or its release); nil while none is
        /// (`checkClaimDates`).
        public var claimed: ClaimDates?
        /// The parts paid on it so far (`checkRepeat`).
        public var parts: [ClaimPart] = []

        /// A milestone.
        public init(code: String, tariff: Money, status: MilestoneStatus, paid: Money, claimed: ClaimDates? = nil) {
            self.code = code
            self.tariff = tariff
            self.status = status
            self.paid = paid
            self.claimed = claimed
        }

        /// Whether it was paid in full or released: no part is paid on it any more.
        public var isSettled: Bool { status.isSettled }
        /// Whether a later milestone may be claimed: this one is reached (a part paid), paid or released.
        public var isReached: Bool { status != .expected }
        /// What is left of the tariff to pay in parts.
        public var unpaid: Money { tariff - paid }
    }

    /// The application's status (SPEC §5.2).
    public var status: ApplicationStatus
    /// Whether the beschikking is final (every milestone settled).
    public var isFinal: Bool
    /// Coordinating insurer.
    public var coordinating: String
    /// Second insurer.
    public var second: String
    /// AGB codes of the coalition.
    public var coalition: Set<String>
    /// The milestones in order.
    public var milestones: [Milestone]
    /// The bovengrens as the NZa granted it.
    public var bovengrensGranted: Money
    /// What amendments lowered it by so far.
    public var released: Money
    /// The day the NZa granted the beschikking (nil when it is not granted).
    public var grantedOn: Day?
    /// The day the period was closed (`round close`), after which nothing is paid.
    public var closedOn: Day?
    /// Coalition members that take part without budget (a share of € 0,00): they are paid nothing.
    public var unfunded: Set<String> = []

    /// A subject.
    public init(status: ApplicationStatus, isFinal: Bool, coordinating: String, second: String, coalition: Set<String>,
                milestones: [Milestone], bovengrensGranted: Money, released: Money, grantedOn: Day?, closedOn: Day? = nil) {
        self.grantedOn = grantedOn
        self.closedOn = closedOn
        self.status = status
        self.isFinal = isFinal
        self.coordinating = coordinating
        self.second = second
        self.coalition = coalition
        self.milestones = milestones.sorted { $0.code < $1.code }
        self.bovengrensGranted = bovengrensGranted
        self.released = released
    }

    /// The bovengrens as it stands now: as granted, lowered by every release.
    public var bovengrens: Money { bovengrensGranted - released }
    /// Paid so far on all milestones.
    public var paid: Money { milestones.map(\.paid).sum() }
}

/// What an accepted claim does.
public struct PayoutDecision: Sendable, Equatable {
    /// Pay a part on a reached milestone, or release what is unpaid of it when missed.
    public enum Effect: Sendable, Equatable {
        /// The insurer pays this part.
        case pay(Money)
        /// What is unpaid of the tariff is released: the bovengrens is lowered by it.
        case release(Money)
    }

    /// The milestone claimed.
    public var milestone: String
    /// Its status after the claim: `reached`, `paid` or `released`.
    public var milestoneStatus: MilestoneStatus
    /// Pay or release.
    public var effect: Effect
    /// When this claim settles the last milestone: what the final amendment releases on top
    /// (the bovengrens above the total paid), possibly zero. Nil while milestones remain.
    public var finalRelease: Money?
    /// The bovengrens before and after this claim (both amendments included).
    public var bovengrensBefore: Money
    /// The bovengrens after.
    public var bovengrensAfter: Money
}

/// The payout rules of SPEC §3.7, each a small function with one code, and `decide` that applies
/// them in a fixed order (the first failing rule is reported).
public enum PayoutRules {
    /// The eligible period: the kasritme 2027 up to and including 2029 (004 line 253).
    public static let firstDay = Day(2027, 1, 1)
    /// The last eligible day.
    public static let lastDay = Day(2029, 12, 31)

    /// The day a milestone can be claimed from: its due date, but never before its beschikking
    /// was granted (a claim dated before the grant is `E-DATE`). A beschikking granted after its
    /// first due dates — after a reallocation, say — has those milestones due on the day of the
    /// grant, not overdue from it (a newcomer saw them overdue the day they were granted).
    public static func payableFrom(due: Day, grantedOn: Day) -> Day { max(due, grantedOn) }

    /// Only a granted beschikking is paid out on; a final one takes no more claims.
    public static func checkGranted(_ subject: PayoutSubject) throws(DoorbraakError) {
        // Payment rests on the NZa's prestatiebeschrijving with a bovengrens (004 line 251).
        guard subject.status == .granted, subject.grantedOn != nil else {
            let status = subject.status == .granted ? "granted without a beschikking" : subject.status.rawValue
            throw DoorbraakError(.claimState, "the application is \(status); claims are paid only on a granted beschikking", field: "application_id")
        }
        if let closed = subject.closedOn {
            throw DoorbraakError(.period, "the period was closed on \(closed) (`round close`): no claim is paid any more", field: "application_id")
        }
        guard !subject.isFinal else {
            throw DoorbraakError(.claimState, "the beschikking is final: every milestone was settled", field: "application_id")
        }
    }

    /// The milestone is one of the application's and not yet paid in full or released.
    public static func checkMilestone(_ code: String, of subject: PayoutSubject) throws(DoorbraakError) -> PayoutSubject.Milestone {
        // The prestaties are the milestones (004 line 238), paid per milestone reached; its tariff
        // may be paid in parts to the coalition's members (004 lines 286, 2700), never more than once in all.
        guard let milestone = subject.milestones.first(where: { $0.code == code }) else {
            throw DoorbraakError(.claimMilestone, "milestone \(code) is not one of the application's (\(subject.milestones.map(\.code).joined(separator: ", ")))", field: "milestone")
        }
        guard !milestone.isSettled else {
            let how = milestone.status == .paid ? "paid in full (\(milestone.paid))" : "released"
            throw DoorbraakError(.claimMilestone, "milestone \(code) was already \(how); nothing is left to claim on it", field: "milestone")
        }
        return milestone
    }

    /// Every milestone before this one is reached (a part paid), paid or released.
    public static func checkOrder(_ code: String, of subject: PayoutSubject) throws(DoorbraakError) {
        let open = subject.milestones.filter { MilestoneCode.precedes($0.code, code) && !$0.isReached }.map(\.code)
        guard open.isEmpty else {
            throw DoorbraakError(.claimOrder, "milestone \(code) comes after \(open.joined(separator: ", ")), not yet reached; this claim is not kept as refused: import it again once \(open.count == 1 ? "that one is" : "they are") reached or released", field: "milestone")
        }
    }

    /// A claim reads forward in business time within its beschikking (a business-date review of
    /// the twelfth landing: M5 was paid dated 2027-01-11 while M1 was reached on 2029-06-30, and a
    /// milestone's release was dated before a part paid on it): not dated before a milestone it
    /// follows was first reached or released, and a release not before a part paid on its own
    /// milestone. `E-DATE`, not kept as refused: the insurer corrects the date.
    public static func checkClaimDates(_ claim: Claim, of subject: PayoutSubject) throws(DoorbraakError) {
        for m in subject.milestones where MilestoneCode.precedes(m.code, claim.milestone) {
            if let first = m.claimed?.first {
                try DateOrder.require(claim.date, notBefore: first, "a claim on \(claim.milestone)", follows: "\(m.code) reached or released (its first claim)", field: "date")
            }
        }
        if claim.status == .missed, let last = subject.milestones.first(where: { $0.code == claim.milestone })?.claimed?.last {
            try DateOrder.require(claim.date, notBefore: last, "the release of \(claim.milestone)", follows: "a part paid on it", field: "date")
        }
    }

    /// A reached claim names an amount above zero; a missed claim none (0 or empty).
    public static func checkAmount(_ amount: Money, status: ClaimStatus) throws(DoorbraakError) {
        switch status {
        case .reached where amount == .zero:
            throw DoorbraakError(.claimStatus, "a reached milestone is claimed with an amount above € 0,00", field: "amount")
        case .missed where amount != .zero:
            throw DoorbraakError(.claimStatus, "a missed milestone has amount 0 or empty, not \(amount)", field: "amount")
        default:
            break
        }
    }

    /// The part is at most what is left of the milestone's tariff, to the cent.
    public static func checkTariff(_ amount: Money, of milestone: PayoutSubject.Milestone) throws(DoorbraakError) {
        // Prestaties with a free tariff (004 line 288): the tariff in the beschikking is the price,
        // paid once in all, whatever the number of parts.
        guard amount <= milestone.unpaid else {
            let left = milestone.paid == .zero ? "the tariff \(milestone.tariff)" : "the \(milestone.unpaid) left of the tariff \(milestone.tariff) (\(milestone.paid) paid in parts)"
            throw DoorbraakError(.claimTariff, "amount \(amount) is above \(left)", field: "amount")
        }
    }

    /// The total paid, this claim included, stays at or below the current bovengrens.
    public static func checkBovengrens(paid: Money, amount: Money, bovengrens: Money) throws(DoorbraakError) {
        // One bovengrens for the sum of the tariffs of a transformation (004 line 286, line 288).
        guard paid + amount <= bovengrens else {
            throw DoorbraakError(.claimBovengrens, "paying \(amount) brings the total paid to \(paid + amount), above the bovengrens \(bovengrens)", field: "amount")
        }
    }

    /// The date lies in 2027-01-01…2029-12-31 and not after today.
    public static func checkDate(_ date: Day, today: Day) throws(DoorbraakError) {
        // The means are for the period 2027 up to and including 2029 (004 line 253).
        guard date >= firstDay, date <= lastDay else {
            throw DoorbraakError(.claimDate, "date \(date) lies outside 2027-01-01 … 2029-12-31", field: "date")
        }
        guard date <= today else {
            throw DoorbraakError(.claimDate, "date \(date) is after today (\(today)); this claim is not kept as refused: import it again from that day", field: "date")
        }
    }

    /// Whether `error` refused `claim` only for coming early — a milestone before it not yet
    /// settled, or a date in the period but after today — so that the same claim may be paid
    /// when imported again later. Such a refusal is not kept; every other refusal is.
    public static func refusedAsEarly(_ error: DoorbraakError, claim: Claim, today: Day) -> Bool {
        switch error.code {
        case .claimOrder: return true
        case .claimDate: return claim.date > today && claim.date >= firstDay && claim.date <= lastDay
        default: return false
        }
    }

    /// The provider belongs to the coalition.
    public static func checkProvider(_ agb: String, of subject: PayoutSubject) throws(DoorbraakError) {
        // One bovengrens for all providers involved in the transformation (004 line 286).
        guard subject.coalition.contains(agb) else {
            throw DoorbraakError(.claimProvider, "provider \(agb) is not in the coalition", field: "provider")
        }
        // A partner without budget cooperates (004 line 2644) but has no money allotted (004 line 2700).
        guard !subject.unfunded.contains(agb) else {
            throw DoorbraakError(.claimProvider, "provider \(agb) takes part without budget (a share of € 0,00); parts are paid to the members with a share", field: "provider")
        }
    }

    /// The paying insurer is the coordinating or the second insurer.
    public static func checkInsurer(_ uzovi: String, of subject: PayoutSubject) throws(DoorbraakError) {
        // Insurers pay under their contracts with the providers (004 line 2862).
        guard uzovi == subject.coordinating || uzovi == subject.second else {
            throw DoorbraakError(.claimInsurer, "insurer \(uzovi) is neither the coordinating (\(subject.coordinating)) nor the second insurer (\(subject.second))", field: "insurer")
        }
    }

    /// A part is paid once: a reached claim alike in provider, insurer, amount, date and evidence
    /// to a part already paid on its milestone under another claim id is `E-CLAIM-REPEAT`, kept
    /// as refused. A review paid one provider the whole tariff in three alike parts under three
    /// ids (the third by the other insurer would have been refused as such, but the second
    /// insurer's alike part was not), and the other members' own parts were then refused as
    /// over the tariff. SPEC §3.7 has every part under its own claim id; a second real part of
    /// the same provider on the same day differs in its evidence.
    public static func checkRepeat(_ claim: Claim, of milestone: PayoutSubject.Milestone) throws(DoorbraakError) {
        guard claim.status == .reached, let earlier = milestone.parts.first(where: { $0.repeats(claim) }) else { return }
        throw DoorbraakError(.claimRepeat, "claim \(claim.id) repeats claim \(earlier.id) paid on \(claim.milestone): the same provider, insurer, amount, date and evidence; a part is paid once (a second part names its own evidence)", field: "claim_id")
    }

    /// A reached claim names its evidence.
    public static func checkEvidence(_ evidence: String, status: ClaimStatus) throws(DoorbraakError) {
        // Paid per milestone reached (004 line 238): reaching it must be shown.
        guard status == .missed || !evidence.isEmpty else {
            throw DoorbraakError(.claimEvidence, "a reached milestone names its evidence", field: "evidence")
        }
    }

    /// Applies every rule to `claim`; returns what it does, or throws the first failing rule. Who
    /// pays and who is paid come first: a claim of an insurer or provider outside the
    /// beschikking is refused as such, also when its milestone was settled meanwhile (found by a
    /// newcomer's try: an unknown insurer's claims were kept as refused for a milestone paid in full).
    public static func decide(_ claim: Claim, on subject: PayoutSubject, today: Day) throws(DoorbraakError) -> PayoutDecision {
        try checkGranted(subject)
        try checkInsurer(claim.insurer, of: subject)
        try checkProvider(claim.provider, of: subject)
        let milestone = try checkMilestone(claim.milestone, of: subject)
        try checkOrder(claim.milestone, of: subject)
        try checkRepeat(claim, of: milestone)
        try checkAmount(claim.amount, status: claim.status)
        try checkTariff(claim.amount, of: milestone)
        try checkBovengrens(paid: subject.paid, amount: claim.amount, bovengrens: subject.bovengrens)
        try checkDate(claim.date, today: today)
        if let granted = subject.grantedOn { try DateOrder.claim(dated: claim.date, granted: granted) }
        try checkClaimDates(claim, of: subject)
        try checkEvidence(claim.evidence, status: claim.status)

        var after = subject
        let effect: PayoutDecision.Effect
        guard let i = after.milestones.firstIndex(where: { $0.code == claim.milestone }) else {
            throw DoorbraakError(.internal, "milestone \(claim.milestone) vanished")
        }
        after.milestones[i].claimed = ClaimDates.adding(claim.date, to: after.milestones[i].claimed)
        switch claim.status {
        case .reached:
            after.milestones[i].paid += claim.amount
            after.milestones[i].parts.append(ClaimPart(claim))
            after.milestones[i].status = after.milestones[i].paid == milestone.tariff ? .paid : .reached
            effect = .pay(claim.amount)
        case .missed:
            // Missed: what is unpaid of it is released (the parts paid stay paid).
            after.milestones[i].status = .released
            after.released += milestone.unpaid
            effect = .release(milestone.unpaid)
        }
        let finalRelease = finalRelease(after)
        if let finalRelease { after.released += finalRelease }
        return PayoutDecision(milestone: claim.milestone, milestoneStatus: after.milestones[i].status, effect: effect, finalRelease: finalRelease,
                              bovengrensBefore: subject.bovengrens, bovengrensAfter: after.bovengrens)
    }

    /// Once every milestone is settled the beschikking is final: a bovengrens above the total paid
    /// is lowered to it, releasing the rest (SPEC §3.7). Nil while a milestone is still expected.
    public static func finalRelease(_ subject: PayoutSubject) -> Money? {
        guard subject.milestones.allSatisfy(\.isSettled) else { return nil }
        let rest = subject.bovengrens - subject.paid
        return rest > .zero ? rest : .zero
    }
}

/// A part paid on a milestone, as `checkRepeat` compares a new claim with it.
public struct ClaimPart: Sendable, Equatable {
    /// Its claim id.
    public var id: String
    /// The provider paid (AGB).
    public var provider: String
    /// The paying insurer (UZOVI).
    public var insurer: String
    /// The part.
    public var amount: Money
    /// The date it was reached.
    public var date: Day
    /// The evidence it named.
    public var evidence: String

    /// A part.
    public init(id: String, provider: String, insurer: String, amount: Money, date: Day, evidence: String) {
        self.id = id
        self.provider = provider
        self.insurer = insurer
        self.amount = amount
        self.date = date
        self.evidence = evidence
    }

    /// The part `claim` pays.
    public init(_ claim: Claim) {
        self.init(id: claim.id, provider: claim.provider, insurer: claim.insurer, amount: claim.amount, date: claim.date, evidence: claim.evidence)
    }

    /// Whether `claim` is this part again under another id.
    func repeats(_ claim: Claim) -> Bool {
        claim.id != id && claim.provider == provider && claim.insurer == insurer && claim.amount == amount && claim.date == date && claim.evidence == evidence
    }
}

/// The earliest and latest date of the claims settled on one milestone.
public struct ClaimDates: Sendable, Equatable {
    /// The first claim's date: the day the milestone was first reached or released.
    public var first: Day
    /// The last claim's date.
    public var last: Day

    /// The dates `first` … `last`.
    public init(first: Day, last: Day) {
        self.first = first
        self.last = last
    }

    /// The dates of `existing` (nil: none yet) with a claim dated `day` added.
    public static func adding(_ day: Day, to existing: ClaimDates?) -> ClaimDates {
        ClaimDates(first: min(existing?.first ?? day, day), last: max(existing?.last ?? day, day))
    }
}
