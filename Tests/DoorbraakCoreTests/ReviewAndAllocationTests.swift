@testable import DoorbraakCore
import Testing

func subject(status: ApplicationStatus = .submitted, deviations: [String] = ["milestones.M2.due", "impact.fte_norm"], decidedBy: [String] = []) -> ReviewSubject {
    ReviewSubject(id: "APP-1", status: status, coordinating: "3311", second: "7029", deviations: deviations, decidedBy: decidedBy)
}

func code<Outcome: CustomStringConvertible>(_ body: () throws -> Outcome) -> String {
    do { return "ok:" + (try body()).description } catch { return (error as? DoorbraakError)?.code.rawValue ?? "\(error)" }
}

@Suite struct ReviewRulesTests {
    @Test func approvalsAndRejectionsSetTheStatus() {
        let all = ["impact.fte_norm", "milestones.M2.due"]
        #expect(code { try ReviewRules.apply(.init(insurer: "3311", verdict: .approve(accepted: all), note: ""), to: subject()) } == "ok:in-review")
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .approve(accepted: all), note: ""), to: subject(status: .inReview, decidedBy: ["3311"])) } == "ok:approved")
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .reject(.R2, rejected: []), note: ""), to: subject()) } == "ok:rejected")
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .reject(.R2, rejected: []), note: ""), to: subject(status: .inReview, decidedBy: ["3311"])) } == "ok:rejected")
        #expect(code { try ReviewRules.apply(.init(insurer: "3311", verdict: .approve(accepted: []), note: ""), to: subject(deviations: [])) } == "ok:in-review")
    }

    static let refusals: [(String, ReviewDecision, ReviewSubject, String)] = [
        ("an insurer that is not named", .init(insurer: "3343", verdict: .approve(accepted: []), note: ""), subject(deviations: []), "E-REVIEWER"),
        ("a second decision by the same insurer", .init(insurer: "3311", verdict: .reject(.R1, rejected: []), note: ""), subject(status: .inReview, decidedBy: ["3311"]), "E-DECIDED"),
        ("an approval leaving one deviation unaccepted", .init(insurer: "3311", verdict: .approve(accepted: ["impact.fte_norm"]), note: ""), subject(), "E-CONTRADICTORY"),
        ("an approval accepting an unknown key", .init(insurer: "3311", verdict: .approve(accepted: ["impact.fte_norm", "milestones.M2.due", "spending_years"]), note: ""), subject(), "E-DEVIATION-KEY"),
        ("an R3 rejection naming no key", .init(insurer: "3311", verdict: .reject(.R3, rejected: []), note: ""), subject(), "E-REASON"),
        ("an R3 rejection naming an unknown key", .init(insurer: "3311", verdict: .reject(.R3, rejected: ["milestones.M1.due"]), note: ""), subject(), "E-DEVIATION-KEY"),
        ("an R2 rejection naming keys", .init(insurer: "3311", verdict: .reject(.R2, rejected: ["impact.fte_norm"]), note: ""), subject(), "E-REASON"),
        ("an R9 rejection without a note", .init(insurer: "3311", verdict: .reject(.R9, rejected: []), note: " "), subject(), "E-REASON"),
        ("a decision on an allocated application", .init(insurer: "7029", verdict: .approve(accepted: []), note: ""), subject(status: .allocated, deviations: []), "E-STATE"),
    ]

    @Test(arguments: refusals.indices)
    func refusalTable(index: Int) {
        let (name, decision, subject, expected) = Self.refusals[index]
        #expect(code { try ReviewRules.apply(decision, to: subject) } == expected, "\(name)")
    }

    @Test func theOtherInsurerStillDecidesAfterARejectionAndItStaysRejected() {
        let rejected = subject(status: .rejected, deviations: [], decidedBy: ["3311"])
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .approve(accepted: []), note: ""), to: rejected) } == "ok:rejected")
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .reject(.R4, rejected: []), note: ""), to: rejected) } == "ok:rejected")
        #expect(code { try ReviewRules.apply(.init(insurer: "3311", verdict: .reject(.R4, rejected: []), note: ""), to: rejected) } == "E-DECIDED")
    }

    @Test func anR3RejectionNamingItsKeysAndAnR9WithANoteAreAccepted() {
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .reject(.R3, rejected: ["impact.fte_norm"]), note: ""), to: subject()) } == "ok:rejected")
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .reject(.R9, rejected: []), note: "overlap"), to: subject()) } == "ok:rejected")
    }
}

func candidate(_ id: String, _ theme: Theme, euros: Int64, fteTenths: Int64) -> AllocationCandidate {
    AllocationCandidate(id: try! ApplicationID(parsing: id), theme: theme, requested: Money(euros: euros), fte: Fte(tenths: fteTenths))
}

@Suite struct AllocatorTests {
    let amounts: [Theme: Money] = [.ai: Money(euros: 1_000_000), .digitaleHybrideZorg: Money(euros: 500_000), .medischeTechnologie: Money(euros: 0)]

    func allocated(_ outcomes: [AllocationOutcome]) -> [String] { outcomes.filter(\.allocated).map(\.id.rawValue).sorted() }

    @Test func ranksByImpactThenMoreFteNeverByArrival() {
        let cs = [candidate("B-2", .ai, euros: 100_000, fteTenths: 20),   // 20 fte/€mln
                  candidate("C-3", .ai, euros: 200_000, fteTenths: 40),   // 20 fte/€mln, more fte: ahead of B-2
                  candidate("A-1", .ai, euros: 100_000, fteTenths: 10)]   // 10 fte/€mln
        #expect(Allocator.ranked(cs, seed: "x").map(\.id.rawValue) == ["C-3", "B-2", "A-1"])
        #expect(Allocator.ranked(cs.reversed(), seed: "x").map(\.id.rawValue) == ["C-3", "B-2", "A-1"])
        let outcomes = Allocator.allocate(cs, themeAmounts: amounts, transfer: false, seed: "x")
        #expect(outcomes.map(\.rank) == [1, 2, 3])
    }

    @Test func fullTiesGoToTheSeededLotteryNotToTheId() {
        let tied = (1...6).map { candidate("T-\($0)", .ai, euros: 100_000, fteTenths: 20) }
        let byID = tied.map(\.id.rawValue)
        var orders = Set<[String]>()
        for seed in ["2026", "bord", "seed-3", "x", "y", "z"] {
            let order = Allocator.ranked(tied, seed: seed).map(\.id.rawValue)
            #expect(Allocator.ranked(tied.reversed(), seed: seed).map(\.id.rawValue) == order, "the same seed gives the same draw, whatever the arrival")
            orders.insert(order)
        }
        #expect(orders.count > 1, "another seed draws another order")
        #expect(orders.contains { $0 != byID }, "the id does not decide")
        // Before the lottery: the smaller amount wins a tie in impact and fte? Impossible (same ratio), so
        // the next key is only reached with equal fte and amount; a different amount at equal impact means more fte first.
        let unequal = [candidate("Z-9", .ai, euros: 100_000, fteTenths: 20), candidate("A-0", .ai, euros: 50_000, fteTenths: 10)]
        #expect(Allocator.ranked(unequal, seed: "any").map(\.id.rawValue) == ["Z-9", "A-0"])
    }

    @Test func anApplicationExactlyFillingTheThemeFitsAndOneCentOverDoesNot() {
        let exact = [candidate("A-1", .ai, euros: 600_000, fteTenths: 200), candidate("A-2", .ai, euros: 400_000, fteTenths: 100)]
        #expect(allocated(Allocator.allocate(exact, themeAmounts: amounts, transfer: false, seed: "s")) == ["A-1", "A-2"])
        var over = exact
        over[1].requested = Money(cents: 40_000_001)
        let outcomes = Allocator.allocate(over, themeAmounts: amounts, transfer: false, seed: "s")
        #expect(allocated(outcomes) == ["A-1"])
        let refused = outcomes.first { $0.id.rawValue == "A-2" }
        #expect(refused?.roomBefore == Money(euros: 400_000))
        #expect(refused?.reason.contains("needs € 400.000,01 but only € 400.000,00 was left") == true)
    }

    @Test func oneThatDoesNotFitIsSkippedAndTheNextIsTried() {
        let cs = [candidate("A-1", .ai, euros: 700_000, fteTenths: 300), candidate("A-2", .ai, euros: 500_000, fteTenths: 200),
                  candidate("A-3", .ai, euros: 300_000, fteTenths: 100)]
        #expect(allocated(Allocator.allocate(cs, themeAmounts: amounts, transfer: false, seed: "s")) == ["A-1", "A-3"])
    }

    @Test func transferHandsUnusedRoomToTheBestRemainingOfAnyTheme() {
        // AI uses 600k of 1,000k (400k left); DHZ has 500k and two applications of 300k.
        let cs = [candidate("A-1", .ai, euros: 600_000, fteTenths: 100),
                  candidate("D-1", .digitaleHybrideZorg, euros: 300_000, fteTenths: 90),
                  candidate("D-2", .digitaleHybrideZorg, euros: 300_000, fteTenths: 60),
                  candidate("M-1", .medischeTechnologie, euros: 300_000, fteTenths: 150)]
        #expect(allocated(Allocator.allocate(cs, themeAmounts: amounts, transfer: false, seed: "s")) == ["A-1", "D-1"])
        let outcomes = Allocator.allocate(cs, themeAmounts: amounts, transfer: true, seed: "s")
        // Pool = 400k (AI) + 200k (DHZ) = 600k: M-1 (50 fte/€mln) first, then D-2 (20) fits too.
        #expect(allocated(outcomes) == ["A-1", "D-1", "D-2", "M-1"])
        #expect(outcomes.first { $0.id.rawValue == "M-1" }?.pass == .transfer)
        #expect(outcomes.first { $0.id.rawValue == "M-1" }?.roomBefore == Money(euros: 600_000))
        #expect(outcomes.first { $0.id.rawValue == "D-2" }?.roomBefore == Money(euros: 300_000))
    }

    @Test func transferPoolIsExhaustedToTheCent() {
        let cs = [candidate("A-1", .ai, euros: 999_999, fteTenths: 100),
                  candidate("D-1", .digitaleHybrideZorg, euros: 500_000, fteTenths: 100),
                  candidate("M-1", .medischeTechnologie, euros: 1, fteTenths: 1),
                  candidate("M-2", .medischeTechnologie, euros: 1, fteTenths: 0)]
        let outcomes = Allocator.allocate(cs, themeAmounts: amounts, transfer: true, seed: "s")
        #expect(allocated(outcomes) == ["A-1", "D-1", "M-1"])
    }
}

/// A decision holds for the version the insurer assessed (`ReviewRules.requireAssessed`).
@Suite struct AssessedVersionTests {
    func decision(_ version: Int?) -> ReviewDecision {
        ReviewDecision(insurer: "3311", verdict: .approve(accepted: []), note: "", assessedVersion: version)
    }

    @Test func theRegisteredVersionPassesTheOneBeforeAndAfterAreRefused() throws {
        try ReviewRules.requireAssessed(decision(2), registered: 2, of: "A-1", signed: true)
        let before = try #require(throws: DoorbraakError.self) { try ReviewRules.requireAssessed(decision(1), registered: 2, of: "A-1", signed: false) }
        #expect(before.code == .version && before.field == "version" && before.message.contains("version 1 of A-1, but version 2 is registered (the provider replaced it)"))
        let after = try #require(throws: DoorbraakError.self) { try ReviewRules.requireAssessed(decision(3), registered: 2, of: "A-1", signed: false) }
        #expect(after.code == .version && after.message.contains("version 3 of A-1, but only versions up to 2 are registered"))
    }

    @Test func aSignedDecisionMustNameItsVersionAnUnsignedOneMayNot() throws {
        try ReviewRules.requireAssessed(decision(nil), registered: 1, of: "A-1", signed: false)
        let error = try #require(throws: DoorbraakError.self) { try ReviewRules.requireAssessed(decision(nil), registered: 1, of: "A-1", signed: true) }
        #expect(error.code == .version && error.message.contains("in the column version"))
    }
}

/// The actor's name holds no brackets and never "signed by" (`ActorName`).
@Suite struct ActorNameTests {
    @Test(arguments: ["A. Jansen", "BO IZA/AZWA secretariaat", "NZa, team zorgmarkten", "Zoë van der Berg-Ölmez", "D’Hondt & Co", "ops_2",
                      "Łukasz Wąsik", "Çelik Şahin", "signed bij de penvoerder", "Jose\u{0301} Garci\u{0301}a"])
    func aPersonsNameIsTaken(name: String) throws {
        #expect(try ActorName.parse(name) == name)
    }

    @Test(arguments: ["x (file signed by provider:1)", "x [y]", "x: y", "signed by", "Signed  By", "a\u{00A0}b", "a\tb", String(repeating: "a", count: 81), "",
                      // Look-alike letters (a review: a Cyrillic ѕ passed), each letter once, and an accent.
                      "clerk \u{0455}igned by provider 40504425", "s\u{0456}gned by x", "si\u{0261}ned by x", "sig\u{043F}ed by x", "sign\u{0435}d by x",
                      "signe\u{0501} by x", "signed \u{042C}y x", "signed b\u{0443} x", "s\u{00ED}gned by x", "si\u{0300}gned by x", "ЅІGNЕD ВУ provider 1",
                      // A tamper review: precomposed, fullwidth, mathematical and small-capital letters, and a separator.
                      "clerk \u{1E61}igned by provider 40504425", "clerk signe\u{1E0B} by provider", "clerk ｓｉｇｎｅｄ ｂｙ provider 40504425",
                      "clerk \u{1D5CC}igned by provider", "clerk sig\u{0274}ed by provider", "clerk signed_by provider", "clerk signed-by provider",
                      "clerk \u{017F}igned by x", "clerk sign\u{00E9}\u{0111} \u{00FE}\u{00FD} x", "Иван Петров", "Σοφία Παππά", "x\u{00D7}y", "\u{0661}\u{0662}"])
    func anythingElseIsRefused(name: String) {
        #expect(throws: DoorbraakError.self) { try ActorName.parse(name) }
    }

    @Test func spacesAreCollapsedAndTheLimitIsEighty() throws {
        #expect(try ActorName.parse("A.   Jansen") == "A. Jansen")
        #expect(try ActorName.parse(String(repeating: "a", count: 80)).count == 80)
    }
}

/// A party's key is strong enough to stand for it (`PartySignature.requireStrongKey`).
@Suite struct PartyKeyStrengthTests {
    @Test func rsaFrom2048BitsEd25519AndEcdsaAreTakenDsaAndSmallerRsaAreNot() throws {
        try PartySignature.requireStrongKey(bits: 2048, type: "RSA")
        try PartySignature.requireStrongKey(bits: 256, type: "ED25519")
        try PartySignature.requireStrongKey(bits: 256, type: "ECDSA")
        #expect(throws: DoorbraakError.self) { try PartySignature.requireStrongKey(bits: 2047, type: "RSA") }
        #expect(throws: DoorbraakError.self) { try PartySignature.requireStrongKey(bits: 1024, type: "DSA") }
    }
}

/// Nothing is registered or decided on once the round is allocated (`SubmissionRules.checkBeforeAllocation`).
@Suite struct BeforeAllocationTests {
    @Test func beforeTheAllocationPassesAfterItIsRefused() throws {
        try SubmissionRules.checkBeforeAllocation("A-1", allocatedOn: nil, doing: "decided on")
        let error = try #require(throws: DoorbraakError.self) { try SubmissionRules.checkBeforeAllocation("A-1", allocatedOn: Day(2026, 12, 2), doing: "decided on") }
        #expect(error.code == .state && error.message.contains("the round was allocated on 2026-12-02: A-1 is not decided on after it"))
    }
}
