@testable import DoorbraakCore
import Testing

func subject(status: String = "submitted", deviations: [String] = ["milestones.M2.due", "impact.fte_norm"], decidedBy: [String] = []) -> ReviewSubject {
    ReviewSubject(id: "APP-1", status: status, coordinating: "3311", second: "7029", deviations: deviations, decidedBy: decidedBy)
}

func code(_ body: () throws -> String) -> String {
    do { return "ok:" + (try body()) } catch { return (error as? DoorbraakError)?.code.rawValue ?? "\(error)" }
}

@Suite struct ReviewRulesTests {
    @Test func approvalsAndRejectionsSetTheStatus() {
        let all = ["impact.fte_norm", "milestones.M2.due"]
        #expect(code { try ReviewRules.apply(.init(insurer: "3311", verdict: .approve(accepted: all), note: ""), to: subject()) } == "ok:in-review")
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .approve(accepted: all), note: ""), to: subject(status: "in-review", decidedBy: ["3311"])) } == "ok:approved")
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .reject(.R2, rejected: []), note: ""), to: subject()) } == "ok:rejected")
        #expect(code { try ReviewRules.apply(.init(insurer: "7029", verdict: .reject(.R2, rejected: []), note: ""), to: subject(status: "in-review", decidedBy: ["3311"])) } == "ok:rejected")
        #expect(code { try ReviewRules.apply(.init(insurer: "3311", verdict: .approve(accepted: []), note: ""), to: subject(deviations: [])) } == "ok:in-review")
    }

    static let refusals: [(String, ReviewDecision, ReviewSubject, String)] = [
        ("an insurer that is not named", .init(insurer: "3343", verdict: .approve(accepted: []), note: ""), subject(deviations: []), "E-REVIEWER"),
        ("a second decision by the same insurer", .init(insurer: "3311", verdict: .reject(.R1, rejected: []), note: ""), subject(status: "in-review", decidedBy: ["3311"]), "E-DECIDED"),
        ("an approval leaving one deviation unaccepted", .init(insurer: "3311", verdict: .approve(accepted: ["impact.fte_norm"]), note: ""), subject(), "E-CONTRADICTORY"),
        ("an approval accepting an unknown key", .init(insurer: "3311", verdict: .approve(accepted: ["impact.fte_norm", "milestones.M2.due", "spending_years"]), note: ""), subject(), "E-DEVIATION-KEY"),
        ("an R3 rejection naming no key", .init(insurer: "3311", verdict: .reject(.R3, rejected: []), note: ""), subject(), "E-REASON"),
        ("an R3 rejection naming an unknown key", .init(insurer: "3311", verdict: .reject(.R3, rejected: ["milestones.M1.due"]), note: ""), subject(), "E-DEVIATION-KEY"),
        ("an R2 rejection naming keys", .init(insurer: "3311", verdict: .reject(.R2, rejected: ["impact.fte_norm"]), note: ""), subject(), "E-REASON"),
        ("an R9 rejection without a note", .init(insurer: "3311", verdict: .reject(.R9, rejected: []), note: " "), subject(), "E-REASON"),
        ("a decision on an allocated application", .init(insurer: "7029", verdict: .approve(accepted: []), note: ""), subject(status: "allocated", deviations: []), "E-STATE"),
    ]

    @Test(arguments: refusals.indices)
    func refusalTable(index: Int) {
        let (name, decision, subject, expected) = Self.refusals[index]
        #expect(code { try ReviewRules.apply(decision, to: subject) } == expected, "\(name)")
    }

    @Test func theOtherInsurerStillDecidesAfterARejectionAndItStaysRejected() {
        let rejected = subject(status: "rejected", deviations: [], decidedBy: ["3311"])
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

    @Test func ranksByImpactThenIdNeverByArrival() {
        let cs = [candidate("C-3", .ai, euros: 100_000, fteTenths: 20),   // 20 fte/€mln
                  candidate("B-2", .ai, euros: 200_000, fteTenths: 40),   // 20 fte/€mln, tie with C-3
                  candidate("A-1", .ai, euros: 100_000, fteTenths: 10)]   // 10 fte/€mln
        #expect(Allocator.ranked(cs).map(\.id.rawValue) == ["B-2", "C-3", "A-1"])
        #expect(Allocator.ranked(cs.reversed()).map(\.id.rawValue) == ["B-2", "C-3", "A-1"])
        let outcomes = Allocator.allocate(cs, themeAmounts: amounts, transfer: false)
        #expect(outcomes.map(\.rank) == [1, 2, 3])
    }

    @Test func anApplicationExactlyFillingTheThemeFitsAndOneCentOverDoesNot() {
        let exact = [candidate("A-1", .ai, euros: 600_000, fteTenths: 200), candidate("A-2", .ai, euros: 400_000, fteTenths: 100)]
        #expect(allocated(Allocator.allocate(exact, themeAmounts: amounts, transfer: false)) == ["A-1", "A-2"])
        var over = exact
        over[1].requested = Money(cents: 40_000_001)
        let outcomes = Allocator.allocate(over, themeAmounts: amounts, transfer: false)
        #expect(allocated(outcomes) == ["A-1"])
        let refused = outcomes.first { $0.id.rawValue == "A-2" }
        #expect(refused?.roomBefore == Money(euros: 400_000))
        #expect(refused?.reason.contains("needs € 400.000,01 but only € 400.000,00 was left") == true)
    }

    @Test func oneThatDoesNotFitIsSkippedAndTheNextIsTried() {
        let cs = [candidate("A-1", .ai, euros: 700_000, fteTenths: 300), candidate("A-2", .ai, euros: 500_000, fteTenths: 200),
                  candidate("A-3", .ai, euros: 300_000, fteTenths: 100)]
        #expect(allocated(Allocator.allocate(cs, themeAmounts: amounts, transfer: false)) == ["A-1", "A-3"])
    }

    @Test func transferHandsUnusedRoomToTheBestRemainingOfAnyTheme() {
        // AI uses 600k of 1,000k (400k left); DHZ has 500k and two applications of 300k.
        let cs = [candidate("A-1", .ai, euros: 600_000, fteTenths: 100),
                  candidate("D-1", .digitaleHybrideZorg, euros: 300_000, fteTenths: 90),
                  candidate("D-2", .digitaleHybrideZorg, euros: 300_000, fteTenths: 60),
                  candidate("M-1", .medischeTechnologie, euros: 300_000, fteTenths: 150)]
        #expect(allocated(Allocator.allocate(cs, themeAmounts: amounts, transfer: false)) == ["A-1", "D-1"])
        let outcomes = Allocator.allocate(cs, themeAmounts: amounts, transfer: true)
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
        let outcomes = Allocator.allocate(cs, themeAmounts: amounts, transfer: true)
        #expect(allocated(outcomes) == ["A-1", "D-1", "M-1"])
    }
}
