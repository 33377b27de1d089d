import DoorbraakCore
import Testing

/// A granted beschikking with three milestones of €100, €200 and €300 (bovengrens €600),
/// coalition 11111111 and 22222222, insurers 3311 and 7029.
func payoutSubject(statuses: [MilestoneStatus] = [.expected, .expected, .expected], paid: [Int64] = [0, 0, 0], released: Int64 = 0,
                   status: ApplicationStatus = .granted, final: Bool = false, grantedOn: Day? = Day(2027, 1, 10)) -> PayoutSubject {
    let tariffs: [Int64] = [100_00, 200_00, 300_00]
    let milestones = (0..<3).map { i in
        PayoutSubject.Milestone(code: "M\(i + 1)", tariff: Money(cents: tariffs[i]), status: statuses[i], paid: Money(cents: paid[i]))
    }
    return PayoutSubject(status: status, isFinal: final, coordinating: "3311", second: "7029", coalition: ["11111111", "22222222"],
                         milestones: milestones, bovengrensGranted: Money(euros: 600), released: Money(cents: released), grantedOn: grantedOn)
}

func claim(_ milestone: String = "M1", cents: Int64 = 100_00, date: Day = Day(2027, 6, 30), status: ClaimStatus = .reached,
           provider: String = "11111111", insurer: String = "3311", evidence: String = "rapport.pdf") -> Claim {
    Claim(id: "C1", application: "A-1", milestone: milestone, provider: provider, insurer: insurer,
          amount: Money(cents: cents), date: date, status: status, evidence: evidence)
}

func code(_ body: () throws(DoorbraakError) -> Void) -> String? {
    do { try body(); return nil } catch { return error.code.rawValue }
}

@Suite struct PayoutRulesTests {
    /// A mistyped status is told the status it is near; one near neither is told both.
    @Test(arguments: [("reched", "did you mean reached?"), ("Missed", "did you mean missed?"), ("paid", nil)] as [(String, String?)])
    func aMistypedClaimStatusGetsADidYouMean(text: String, hint: String?) {
        #expect { try ClaimStatus(parsing: text) } throws: { error in
            guard let e = error as? DoorbraakError, e.code == .claimStatus, e.message.contains("must be reached or missed") else { return false }
            return hint.map { e.message.contains($0) } ?? !e.message.contains("did you mean")
        }
    }

    @Test(arguments: [(Int64(100_00), nil), (100_01, "E-CLAIM-TARIFF"), (1, nil), (0, nil)] as [(Int64, String?)])
    func tariffExactlyPassesOneCentMoreIsRefused(cents: Int64, expected: String?) {
        let milestone = PayoutSubject.Milestone(code: "M1", tariff: Money(cents: 100_00), status: .expected, paid: .zero)
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkTariff(Money(cents: cents), of: milestone) } == expected)
    }

    /// A part: at most what is left of the tariff after the parts paid (004 lines 286, 2700).
    @Test(arguments: [(Int64(40_00), nil), (40_01, "E-CLAIM-TARIFF")] as [(Int64, String?)])
    func aPartExactlyWhatIsLeftPassesOneCentMoreIsRefused(cents: Int64, expected: String?) throws {
        let subject = payoutSubject(statuses: [.reached, .expected, .expected], paid: [60_00, 0, 0])
        let part = claim("M1", cents: cents, provider: "22222222")
        if let expected {
            let error = try #require(throws: DoorbraakError.self) { try PayoutRules.decide(part, on: subject, today: Day(2027, 6, 30)) }
            #expect(error.code.rawValue == expected && error.message.contains("€ 40,00 left"), "names what is left: \(error.message)")
        } else {
            let d = try PayoutRules.decide(part, on: subject, today: Day(2027, 6, 30))
            #expect(d.effect == .pay(Money(euros: 40)) && d.milestoneStatus == .paid, "the parts reach the tariff: paid")
        }
    }

    /// Who pays and who is paid come before the milestone's state (a newcomer's try: an unknown
    /// insurer's claims on a milestone paid meanwhile were kept as refused for E-CLAIM-MILESTONE).
    @Test(arguments: [("9999", "11111111", "E-CLAIM-INSURER"), ("3311", "99999999", "E-CLAIM-PROVIDER"), ("7029", "22222222", "E-CLAIM-MILESTONE")])
    func anOutsiderIsRefusedAsSuchOnASettledMilestone(insurer: String, provider: String, expected: String) throws {
        let subject = payoutSubject(statuses: [.paid, .expected, .expected], paid: [100_00, 0, 0])
        let error = try #require(throws: DoorbraakError.self) {
            try PayoutRules.decide(claim("M1", cents: 1_00, provider: provider, insurer: insurer), on: subject, today: Day(2027, 6, 30))
        }
        #expect(error.code.rawValue == expected, "\(error.message)")
    }

    @Test func aFirstPartMakesTheMilestoneReachedAndALaterOneMayFollow() throws {
        let d = try PayoutRules.decide(claim("M1", cents: 60_00), on: payoutSubject(), today: Day(2027, 6, 30))
        #expect(d.milestoneStatus == .reached && d.effect == .pay(Money(euros: 60)) && d.finalRelease == nil)
        // M2 may be claimed once M1 is reached (one part paid), before M1 is paid in full.
        let m2 = try PayoutRules.decide(claim("M2", cents: 200_00), on: payoutSubject(statuses: [.reached, .expected, .expected], paid: [60_00, 0, 0]), today: Day(2027, 6, 30))
        #expect(m2.milestoneStatus == .paid)
    }

    /// A part is paid once: the same provider, insurer, amount, date and evidence under another
    /// claim id is E-CLAIM-REPEAT; any one of them different is another part.
    @Test(arguments: [
        ("C2", "11111111", "3311", Int64(30_00), Day(2027, 6, 30), "rapport.pdf", "E-CLAIM-REPEAT"),
        ("C2", "22222222", "3311", 30_00, Day(2027, 6, 30), "rapport.pdf", nil),
        ("C2", "11111111", "7029", 30_00, Day(2027, 6, 30), "rapport.pdf", nil),
        ("C2", "11111111", "3311", 30_01, Day(2027, 6, 30), "rapport.pdf", nil),
        ("C2", "11111111", "3311", 30_00, Day(2027, 7, 1), "rapport.pdf", nil),
        ("C2", "11111111", "3311", 30_00, Day(2027, 6, 30), "rapport-2.pdf", nil),
    ] as [(String, String, String, Int64, Day, String, String?)])
    func aPartIsPaidOnceUnderOneClaimID(id: String, provider: String, insurer: String, cents: Int64, date: Day, evidence: String, expected: String?) {
        var subject = payoutSubject(statuses: [.reached, .expected, .expected], paid: [30_00, 0, 0])
        subject.milestones[0].parts = [ClaimPart(id: "C1", provider: "11111111", insurer: "3311", amount: Money(cents: 30_00), date: Day(2027, 6, 30), evidence: "rapport.pdf")]
        var part = claim("M1", cents: cents, date: date, provider: provider, insurer: insurer, evidence: evidence)
        part.id = id
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(part, on: subject, today: Day(2027, 12, 31)) } == expected)
    }

    @Test func aMissedClaimReleasesWhatIsUnpaidOfAMilestonePaidInPart() throws {
        let d = try PayoutRules.decide(claim("M1", cents: 0, status: .missed, evidence: ""), on: payoutSubject(statuses: [.reached, .expected, .expected], paid: [60_00, 0, 0]), today: Day(2027, 6, 30))
        #expect(d.effect == .release(Money(euros: 40)) && d.milestoneStatus == .released)
        #expect(d.bovengrensAfter == Money(euros: 560))
    }

    @Test func aPartnerWithoutBudgetIsPaidNothing() {
        var subject = payoutSubject()
        subject.unfunded = ["22222222"]
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkProvider("22222222", of: subject) } == "E-CLAIM-PROVIDER")
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkProvider("11111111", of: subject) } == nil)
    }

    @Test func afterTheCloseAClaimIsRefusedForThePeriodNotAsFinal() {
        var subject = payoutSubject(final: true)
        subject.closedOn = Day(2030, 1, 1)
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkGranted(subject) } == "E-PERIOD")
    }

    @Test(arguments: [(Day(2030, 1, 1), "E-PERIOD")] as [(Day, String)])
    func nothingIsPaidAfterThePeriodIsClosed(closed: Day, expected: String) {
        var subject = payoutSubject()
        subject.closedOn = closed
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim(), on: subject, today: Day(2029, 12, 31)) } == expected)
    }

    @Test(arguments: [(Day(2029, 12, 31), Day(2029, 12, 31), nil), (Day(2030, 1, 1), Day(2030, 6, 1), "E-CLAIM-DATE"),
                      (Day(2027, 1, 1), Day(2027, 1, 1), nil), (Day(2026, 12, 31), Day(2027, 6, 1), "E-CLAIM-DATE"),
                      (Day(2028, 3, 31), Day(2028, 3, 31), nil), (Day(2028, 4, 1), Day(2028, 3, 31), "E-CLAIM-DATE")] as [(Day, Day, String?)])
    func dateInThePeriodAndNotAfterToday(date: Day, today: Day, expected: String?) {
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkDate(date, today: today) } == expected)
    }

    @Test(arguments: [(Int64(500_00), Int64(100_00), nil), (500_00, 100_01, "E-CLAIM-BOVENGRENS"), (0, 600_00, nil), (0, 600_01, "E-CLAIM-BOVENGRENS")] as [(Int64, Int64, String?)])
    func cumulativePaidAtTheBovengrensPassesOneCentMoreIsRefused(paid: Int64, amount: Int64, expected: String?) {
        #expect(code { () throws(DoorbraakError) in
            try PayoutRules.checkBovengrens(paid: Money(cents: paid), amount: Money(cents: amount), bovengrens: Money(euros: 600))
        } == expected)
    }

    @Test(arguments: [
        (.granted, false, nil), (.allocated, false, "E-CLAIM-STATE"), (.requested, false, "E-CLAIM-STATE"), (.granted, true, "E-CLAIM-STATE"),
    ] as [(ApplicationStatus, Bool, String?)])
    func onlyAGrantedBeschikkingThatIsNotFinalIsPaidOn(status: ApplicationStatus, final: Bool, expected: String?) {
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkGranted(payoutSubject(status: status, final: final)) } == expected)
    }

    /// An application marked granted without a granted beschikking (no grant date) is not paid on.
    @Test func aGrantedApplicationWithoutAGrantIsNotPaidOn() {
        do {
            try PayoutRules.checkGranted(payoutSubject(grantedOn: nil))
            Issue.record("paid without a grant")
        } catch {
            #expect(error.code == .claimState && error.message.contains("granted without a beschikking"), "\(error.message)")
        }
    }

    @Test(arguments: [
        ("M1", [.expected, .expected, .expected], nil), ("M4", [.expected, .expected, .expected], "E-CLAIM-MILESTONE"),
        ("M1", [.paid, .expected, .expected], "E-CLAIM-MILESTONE"), ("M1", [.released, .expected, .expected], "E-CLAIM-MILESTONE"),
        ("M1", [.reached, .expected, .expected], nil),
    ] as [(String, [MilestoneStatus], String?)])
    func aMilestoneIsOneOfTheApplicationsAndSettledOnce(milestone: String, statuses: [MilestoneStatus], expected: String?) {
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.checkMilestone(milestone, of: payoutSubject(statuses: statuses)) } == expected)
    }

    @Test(arguments: [
        ("M2", [.expected, .expected, .expected], "E-CLAIM-ORDER"), ("M2", [.paid, .expected, .expected], nil),
        ("M3", [.released, .expected, .expected], "E-CLAIM-ORDER"), ("M3", [.released, .paid, .expected], nil), ("M1", [.expected, .expected, .expected], nil),
        ("M2", [.reached, .expected, .expected], nil), ("M3", [.reached, .reached, .expected], nil),
    ] as [(String, [MilestoneStatus], String?)])
    func earlierMilestonesAreReachedFirst(milestone: String, statuses: [MilestoneStatus], expected: String?) {
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkOrder(milestone, of: payoutSubject(statuses: statuses)) } == expected)
    }

    @Test(arguments: [("11111111", nil), ("22222222", nil), ("33333333", "E-CLAIM-PROVIDER")] as [(String, String?)])
    func theProviderBelongsToTheCoalition(agb: String, expected: String?) {
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkProvider(agb, of: payoutSubject()) } == expected)
    }

    @Test(arguments: [("3311", nil), ("7029", nil), ("3343", "E-CLAIM-INSURER")] as [(String, String?)])
    func thePayerIsOneOfTheTwoInsurers(uzovi: String, expected: String?) {
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkInsurer(uzovi, of: payoutSubject()) } == expected)
    }

    @Test(arguments: [("rapport.pdf", ClaimStatus.reached, nil), ("", .reached, "E-CLAIM-EVIDENCE"), ("", .missed, nil)] as [(String, ClaimStatus, String?)])
    func aReachedClaimNamesItsEvidence(evidence: String, status: ClaimStatus, expected: String?) {
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkEvidence(evidence, status: status) } == expected)
    }

    @Test(arguments: [(Int64(0), ClaimStatus.missed, nil), (1, .missed, "E-CLAIM-STATUS"), (0, .reached, "E-CLAIM-STATUS"), (1, .reached, nil)] as [(Int64, ClaimStatus, String?)])
    func theAmountGoesWithTheStatus(cents: Int64, status: ClaimStatus, expected: String?) {
        #expect(code { () throws(DoorbraakError) in try PayoutRules.checkAmount(Money(cents: cents), status: status) } == expected)
    }

    @Test func statusMustBeReachedOrMissed() {
        #expect(code { () throws(DoorbraakError) in _ = try ClaimStatus(parsing: "done") } == "E-CLAIM-STATUS")
        #expect(code { () throws(DoorbraakError) in _ = try ClaimStatus(parsing: "missed") } == nil)
    }

    @Test func aMissedMilestoneLowersTheBovengrensByItsTariff() throws {
        let d = try PayoutRules.decide(claim("M2", cents: 0, status: .missed, evidence: ""), on: payoutSubject(statuses: [.paid, .expected, .expected], paid: [100_00, 0, 0]), today: Day(2028, 1, 1))
        #expect(d.effect == .release(Money(euros: 200)))
        #expect(d.bovengrensBefore == Money(euros: 600))
        #expect(d.bovengrensAfter == Money(euros: 400))
        #expect(d.finalRelease == nil)
    }

    @Test func theLastMilestoneMakesItFinal() throws {
        // M1 paid €90 of €100 and then missed (€10 released), M2 released (€200): bovengrens €390.
        // M3 paid €250 of €300 is only reached: not final. Its missed rest (€50) makes it final.
        let subject = payoutSubject(statuses: [.released, .released, .expected], paid: [90_00, 0, 0], released: 210_00)
        let d = try PayoutRules.decide(claim("M3", cents: 250_00), on: subject, today: Day(2028, 1, 1))
        #expect(d.effect == .pay(Money(euros: 250)) && d.milestoneStatus == .reached && d.finalRelease == nil)
        let rest = try PayoutRules.decide(claim("M3", cents: 0, status: .missed, evidence: ""),
                                          on: payoutSubject(statuses: [.released, .released, .reached], paid: [90_00, 0, 250_00], released: 210_00), today: Day(2028, 1, 1))
        #expect(rest.effect == .release(Money(euros: 50)) && rest.finalRelease == .zero)
        #expect(rest.bovengrensAfter == Money(euros: 340))
        // Paid in full: final with nothing more to release.
        let full = try PayoutRules.decide(claim("M3", cents: 300_00), on: payoutSubject(statuses: [.paid, .paid, .expected], paid: [100_00, 200_00, 0]), today: Day(2028, 1, 1))
        #expect(full.finalRelease == .zero)
        #expect(full.bovengrensAfter == Money(euros: 600))
    }

    @Test func decideReportsTheFirstFailingRule() {
        let subject = payoutSubject()
        // Who is paid before how much: an outsider's claim is refused as such.
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim(cents: 100_01, provider: "99999999"), on: subject, today: Day(2028, 1, 1)) } == "E-CLAIM-PROVIDER")
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim(cents: 100_01), on: subject, today: Day(2028, 1, 1)) } == "E-CLAIM-TARIFF")
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim(insurer: "3343"), on: subject, today: Day(2028, 1, 1)) } == "E-CLAIM-INSURER")
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim(), on: subject, today: Day(2027, 6, 29)) } == "E-CLAIM-DATE")
    }

    @Test func reallocationFillsTheThemeFirstThenAcrossThemesWithinTheTotal() throws {
        func c(_ id: String, _ theme: Theme, _ euros: Int64, _ fte: Int64) throws -> AllocationCandidate {
            AllocationCandidate(id: try ApplicationID(parsing: id), theme: theme, requested: Money(euros: euros), fte: Fte(tenths: fte))
        }
        let waiting = [try c("AI-1", .ai, 50, 100), try c("AI-2", .ai, 40, 10), try c("MT-1", .medischeTechnologie, 30, 300), try c("MT-2", .medischeTechnologie, 80, 900)]
        let room = ReallocationRoom(total: Money(euros: 100), themes: [.ai: Money(euros: 60), .medischeTechnologie: Money(euros: 0)])
        let bar = try ImpactBar(parsing: "0.01")
        var rooms = room
        rooms.themes[.digitaleHybrideZorg] = Money(euros: 40)
        let given = Reallocator.reallocate(waiting, room: rooms, bar: bar, transfer: true, seed: "s")
        // AI-1 fits its theme (60 → 10); AI-2 (40) no longer does; MT has no theme room. Across themes
        // the themes have 50 left (10 + 40), the ceiling 50: MT-2 (best ranked, 80) does not fit,
        // MT-1 (30) does, then AI-2 (40) not in 20.
        #expect(given.map(\.id.rawValue) == ["AI-1", "MT-1"])
        #expect(given.map(\.pass) == [.theme, .transfer])
        // Without --transfer at the allocation, room stays in its theme.
        #expect(Reallocator.reallocate(waiting, room: rooms, bar: bar, transfer: false, seed: "s").map(\.id.rawValue) == ["AI-1"])
        // Across themes, only what the themes have left: with AI's 10 alone, MT-1 (30) does not fit
        // though the ceiling has 50 left (a money review: room no release freed went across themes).
        #expect(Reallocator.reallocate(waiting, room: room, bar: bar, transfer: true, seed: "s").map(\.id.rawValue) == ["AI-1"])
        rooms.themes[.digitaleHybrideZorg] = Money(euros: 19)
        #expect(Reallocator.reallocate(waiting, room: rooms, bar: bar, transfer: true, seed: "s").map(\.id.rawValue) == ["AI-1"])
        rooms.themes[.digitaleHybrideZorg] = Money(euros: 20)
        #expect(Reallocator.reallocate(waiting, room: rooms, bar: bar, transfer: true, seed: "s").map(\.id.rawValue) == ["AI-1", "MT-1"])
        // A theme's room: richtbedrag − committed − pending − promised, never below zero.
        let alone = ReallocationRoom.themeRooms([.ai: .init(amount: Money(euros: 100), granted: Money(euros: 30), released: Money(euros: 5), pending: Money(euros: 10), promised: Money(euros: 20))])
        #expect(alone == [.ai: Money(euros: 45)])
    }

    /// A board review: with `--transfer`, MT was granted 2.3 mln of a 2.0 mln richtbedrag from
    /// AI's unused 0.5 mln; then DHZ released 1.0 mln and AI 0.225 mln. AI's room counted the
    /// 0.3 mln it had lent again (0.725 mln), and AI, served first, took DHZ's released room.
    /// The debt comes off what the lender lent, never off a release: AI 0.425 mln, DHZ 1.0 mln, MT
    /// nothing — together the 1.425 mln the ceiling has left.
    @Test func aBorrowedRoomIsChargedToTheLendersNotCountedAgain() {
        let k = { (thousands: Int64) in Money(cents: thousands * 100_000) }
        let lentByAI = ReallocationRoom.lent(received: [.medischeTechnologie: k(300)], leftover: [.ai: k(500), .digitaleHybrideZorg: .zero, .medischeTechnologie: .zero])
        #expect(lentByAI == [.ai: k(300)])
        let figures: [Theme: ReallocationRoom.ThemeFigures] = [
            .ai: .init(amount: k(3_000), granted: k(2_500), released: k(225), pending: .zero, promised: .zero, lent: k(300)),
            .digitaleHybrideZorg: .init(amount: k(3_000), granted: k(3_000), released: k(1_000), pending: .zero, promised: .zero),
            .medischeTechnologie: .init(amount: k(2_000), granted: k(2_300), released: .zero, pending: .zero, promised: .zero),
        ]
        let rooms = ReallocationRoom.themeRooms(figures)
        #expect(rooms == [.ai: k(425), .digitaleHybrideZorg: k(1_000), .medischeTechnologie: .zero])
        // DHZ's own waiting application (1.0 mln) gets DHZ's released room; AI's (0.6 mln) does not fit AI's.
        let waiting = [AllocationCandidate(id: try! ApplicationID(parsing: "AI-W"), theme: .ai, requested: k(600), fte: Fte(tenths: 200)),
                       AllocationCandidate(id: try! ApplicationID(parsing: "DHZ-W"), theme: .digitaleHybrideZorg, requested: k(1_000), fte: Fte(tenths: 170))]
        let given = Reallocator.reallocate(waiting, room: ReallocationRoom(total: k(1_425), themes: rooms), bar: try! ImpactBar(parsing: "9"), transfer: true, seed: "s")
        #expect(given.map(\.id.rawValue) == ["DHZ-W"] && given.map(\.pass) == [.theme])
        // Its own releases repay a borrower first: MT releasing 0.2 mln still owes 0.1 mln, charged to AI.
        var repaid = figures
        repaid[.medischeTechnologie]?.released = k(200)
        #expect(ReallocationRoom.themeRooms(repaid) == [.ai: k(625), .digitaleHybrideZorg: k(1_000), .medischeTechnologie: .zero])
        // Two lenders share the debt by what each left unused at the allocation (largest remainder).
        let shared = ReallocationRoom.lent(received: [.medischeTechnologie: k(200)], leftover: [.ai: k(300), .digitaleHybrideZorg: k(100), .medischeTechnologie: .zero])
        #expect(shared == [.ai: k(150), .digitaleHybrideZorg: k(50)])
    }

    /// A second review: a lender that reused its own release for its own waiting application was
    /// no longer charged (its unused room below zero), and took the next theme's release. What it
    /// lent at the allocation is fixed: AI lent 250k and DHZ 164k to MT's 414k; AI released 425k
    /// and reused 312k of it, DHZ released 337k. AI has 113k of its own left, DHZ 337k: the 450k
    /// under the ceiling.
    @Test func aLenderThatReusedItsReleaseIsStillCharged() {
        let k = { (thousands: Int64) in Money(cents: thousands * 100_000) }
        let lent = ReallocationRoom.lent(received: [.medischeTechnologie: k(414)], leftover: [.ai: k(250), .digitaleHybrideZorg: k(164), .medischeTechnologie: .zero])
        #expect(lent == [.ai: k(250), .digitaleHybrideZorg: k(164)])
        // A third review: a theme given room by the transfer pass first uses what it left unused
        // itself; only the rest was borrowed (DHZ left 150k, was given 281k: it borrowed 131k of
        // AI's 150k — not 140.5k from AI and 140.5k from itself).
        #expect(ReallocationRoom.lent(received: [.digitaleHybrideZorg: k(281)], leftover: [.ai: k(150), .digitaleHybrideZorg: k(150), .medischeTechnologie: .zero]) == [.ai: k(131)])
        let rooms = ReallocationRoom.themeRooms([
            .ai: .init(amount: k(675), granted: k(737), released: k(425), pending: .zero, promised: .zero, lent: k(250)),
            .digitaleHybrideZorg: .init(amount: k(501), granted: k(337), released: k(337), pending: .zero, promised: .zero, lent: k(164)),
            .medischeTechnologie: .init(amount: k(637), granted: k(1_051), released: .zero, pending: .zero, promised: .zero),
        ])
        #expect(rooms == [.ai: k(113), .digitaleHybrideZorg: k(337), .medischeTechnologie: .zero] && rooms.values.sum() == k(450))
        // In the round's ranking: DHZ's 281k (18.86) is given its theme's room before AI's 339k (18.58).
        let waiting = [AllocationCandidate(id: try! ApplicationID(parsing: "AI-119"), theme: .ai, requested: k(339), fte: Fte(tenths: 63)),
                       AllocationCandidate(id: try! ApplicationID(parsing: "DHZ-135"), theme: .digitaleHybrideZorg, requested: k(281), fte: Fte(tenths: 53))]
        let given = Reallocator.reallocate(waiting, room: ReallocationRoom(total: k(450), themes: rooms), bar: try! ImpactBar(parsing: "9"), transfer: true, seed: "s")
        #expect(given.map(\.id.rawValue) == ["DHZ-135"], "\(given.map(\.reason))")
    }

    /// Without `--transfer`, when the themes' rooms together exceed the room under the ceiling
    /// (richtbedragen above it), the best-ranked waiting application gets it, whatever theme the
    /// code lists first (a second review: AI, listed first, took DHZ's release).
    @Test func theThemePassFollowsTheRankingAcrossThemes() {
        let k = { (thousands: Int64) in Money(cents: thousands * 100_000) }
        let waiting = [AllocationCandidate(id: try! ApplicationID(parsing: "AI-119"), theme: .ai, requested: k(339), fte: Fte(tenths: 63)),
                       AllocationCandidate(id: try! ApplicationID(parsing: "DHZ-135"), theme: .digitaleHybrideZorg, requested: k(281), fte: Fte(tenths: 53))]
        let room = ReallocationRoom(total: k(347), themes: [.ai: k(937), .digitaleHybrideZorg: k(337), .medischeTechnologie: .zero])
        #expect(Reallocator.reallocate(waiting, room: room, bar: try! ImpactBar(parsing: "9"), transfer: false, seed: "s").map(\.id.rawValue) == ["DHZ-135"])
    }
}

/// The bar the board set holds for the reallocation as it held for the allocation (a money
/// review of the twelfth landing: an application the board excluded was given released room and granted).
@Suite struct ReallocationBarTests {
    @Test func anApplicationBelowTheBarGetsNoRoomAtTheBarItGetsRoom() throws {
        // 1.7 fte for € 100.000,00 is 17.00 fte per €mln: at a bar of 17 it passes, at 17.01 not.
        let c = AllocationCandidate(id: try ApplicationID(parsing: "AI-1"), theme: .ai, requested: Money(euros: 100_000), fte: Fte(tenths: 17))
        let room = ReallocationRoom(total: Money(euros: 200_000), themes: [.ai: Money(euros: 200_000)])
        #expect(Reallocator.reallocate([c], room: room, bar: try ImpactBar(parsing: "17"), transfer: true, seed: "s").map(\.id) == [c.id])
        #expect(Reallocator.reallocate([c], room: room, bar: try ImpactBar(parsing: "17.01"), transfer: true, seed: "s").isEmpty)
        #expect(Reallocator.belowBar([c], bar: try ImpactBar(parsing: "17.01")) == [c.id])
        #expect(Reallocator.belowBar([c], bar: try ImpactBar(parsing: "17")).isEmpty)
    }
}

/// Which refusals are only "early" and so not kept: the milestone before is open, or the date is
/// in the period but after today — on both sides of each boundary.
@Suite struct EarlyRefusalTests {
    @Test(arguments: [
        (Day(2027, 7, 1), Day(2027, 6, 30), true),     // one day after today, in the period
        (Day(2029, 12, 31), Day(2029, 12, 30), true),  // the period's last day, after today
        (Day(2030, 1, 1), Day(2029, 12, 31), false),   // after today but outside the period: kept
        (Day(2026, 12, 31), Day(2026, 12, 30), false), // before the period: kept
    ])
    func aDateAfterTodayInThePeriodIsEarly(date: Day, today: Day, early: Bool) throws {
        let c = claim(date: date)
        let error = try #require(throws: DoorbraakError.self) { try PayoutRules.checkDate(date, today: today) }
        #expect(error.code == .claimDate)
        #expect(PayoutRules.refusedAsEarly(error, claim: c, today: today) == early)
    }

    @Test func anOpenMilestoneBeforeIsEarlyAndOtherRulesAreNot() {
        let c = claim("M2")
        #expect(PayoutRules.refusedAsEarly(DoorbraakError(.claimOrder, "x"), claim: c, today: Day(2027, 6, 30)))
        for code in [ErrorCode.claimTariff, .claimMilestone, .claimProvider, .claimEvidence, .claimInsurer, .claimBovengrens, .claimState] {
            #expect(!PayoutRules.refusedAsEarly(DoorbraakError(code, "x"), claim: c, today: Day(2027, 6, 30)), "\(code)")
        }
    }
}

@Suite struct PayableFromTests {
    /// Due before the grant: payable from the grant; due on or after it: from the due date.
    @Test func aMilestoneIsPayableFromItsDueDateButNeverBeforeTheGrant() {
        #expect(PayoutRules.payableFrom(due: Day(2027, 6, 30), grantedOn: Day(2027, 10, 8)) == Day(2027, 10, 8))
        #expect(PayoutRules.payableFrom(due: Day(2027, 10, 7), grantedOn: Day(2027, 10, 8)) == Day(2027, 10, 8))
        #expect(PayoutRules.payableFrom(due: Day(2027, 10, 8), grantedOn: Day(2027, 10, 8)) == Day(2027, 10, 8))
        #expect(PayoutRules.payableFrom(due: Day(2027, 10, 9), grantedOn: Day(2027, 10, 8)) == Day(2027, 10, 9))
    }
}

/// A claim reads forward in business time within its beschikking (`PayoutRules.checkClaimDates`;
/// a business-date review: M5 was paid dated years before M1 was reached).
@Suite struct ClaimDateOrderTests {
    /// M1 reached by parts on 2027-06-01 and 2027-06-20; M2 claimed on the day M1 was first reached
    /// passes, the day before is E-DATE.
    @Test func aClaimIsNotDatedBeforeAMilestoneItFollowsWasFirstReached() throws {
        var subject = payoutSubject(statuses: [.reached, .expected, .expected], paid: [50_00, 0, 0])
        subject.milestones[0].claimed = ClaimDates(first: Day(2027, 6, 1), last: Day(2027, 6, 20))
        _ = try PayoutRules.decide(claim("M2", cents: 200_00, date: Day(2027, 6, 1)), on: subject, today: Day(2028, 1, 1))
        let early = try #require(throws: DoorbraakError.self) { try PayoutRules.decide(claim("M2", cents: 200_00, date: Day(2027, 5, 31)), on: subject, today: Day(2028, 1, 1)) }
        #expect(early.code == .date && early.field == "date" && early.message.contains("cannot precede M1 reached or released (its first claim) on 2027-06-01"))
        // M3 after a released M2 dated 2027-09-30: not before that either.
        subject.milestones[1].status = .released
        subject.milestones[1].claimed = ClaimDates(first: Day(2027, 9, 30), last: Day(2027, 9, 30))
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim("M3", cents: 300_00, date: Day(2027, 9, 29)), on: subject, today: Day(2028, 1, 1)) } == "E-DATE")
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim("M3", cents: 300_00, date: Day(2027, 9, 30)), on: subject, today: Day(2028, 1, 1)) } == nil)
    }

    /// A release is not dated before a part paid on its own milestone; another part may be.
    @Test func aReleaseIsNotDatedBeforeAPartPaidOnItsMilestone() throws {
        var subject = payoutSubject(statuses: [.reached, .expected, .expected], paid: [50_00, 0, 0])
        subject.milestones[0].claimed = ClaimDates(first: Day(2027, 6, 30), last: Day(2027, 6, 30))
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim("M1", cents: 0, date: Day(2027, 6, 29), status: .missed, evidence: ""), on: subject, today: Day(2028, 1, 1)) } == "E-DATE")
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim("M1", cents: 0, date: Day(2027, 6, 30), status: .missed, evidence: ""), on: subject, today: Day(2028, 1, 1)) } == nil)
        #expect(code { () throws(DoorbraakError) in _ = try PayoutRules.decide(claim("M1", cents: 50_00, date: Day(2027, 6, 1)), on: subject, today: Day(2028, 1, 1)) } == nil)
        // The decision carries the dates forward for the next claim in the same transaction.
        let d = try PayoutRules.decide(claim("M1", cents: 50_00, date: Day(2027, 7, 15)), on: subject, today: Day(2028, 1, 1))
        #expect(d.effect == .pay(Money(euros: 50)))
    }
}
