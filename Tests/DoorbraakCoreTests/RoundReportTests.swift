@testable import DoorbraakCore
import Testing

/// A row of the round: `euros` requested, `tenths` fte saved.
private func row(_ theme: Theme, _ status: ApplicationStatus, euros: Int64, tenths: Int64, region: String = "Twente", sector: String = "msz") -> RoundRow {
    RoundRow(theme: theme, sector: sector, region: region, status: status, requested: Money(euros: euros), fte: Fte(tenths: tenths))
}

@Suite struct ApplicationStatusTests {
    @Test func everyStatusIsApprovedAllocatedReplaceableOrFinalAsTheCycleSays() {
        let approved = ApplicationStatus.allCases.filter(\.isApproved).map(\.rawValue)
        #expect(approved == ["approved", "allocated", "not-allocated", "requested", "granted", "refused"])
        #expect(ApplicationStatus.allCases.filter(\.isAllocated).map(\.rawValue) == ["allocated", "requested", "granted", "refused"])
        #expect(ApplicationStatus.allCases.filter(\.isReplaceable).map(\.rawValue) == ["inadmissible", "submitted"])
        #expect(ApplicationStatus.allCases.filter(\.isFinal).map(\.rawValue) == ["granted", "refused", "withdrawn"])
        #expect(ApplicationStatus.allCases.filter(\.takesDecisions).map(\.rawValue) == ["submitted", "in-review", "rejected"])
        #expect(ApplicationStatus.allCases.filter(\.takesRevisions).map(\.rawValue) == ["in-review", "approved", "rejected"])
    }

    @Test func aKeptStatusDoorbraakNeverWritesIsALedgerErrorNamingTheApplication() throws {
        #expect(try ApplicationStatus(kept: "not-allocated", of: "DBM-1") == .notAllocated)
        #expect(throws: DoorbraakError.self) { try ApplicationStatus(kept: "Granted", of: "DBM-1") }
        do {
            _ = try ApplicationStatus(kept: "paid", of: "DBM-1")
        } catch {
            #expect(error.code == .ledger)
            #expect(error.message.contains("DBM-1") && error.message.contains("\"paid\""))
        }
    }
}

@Suite struct RoundReportTests {
    /// Bar 17: € 1.000.000,00 with 17.0 fte is exactly at it, with 16.9 fte below it.
    @Test func anApprovedApplicationAtTheBarCountsAndOneTenthOfAnFteBelowItDoesNot() {
        var settings = RoundSettings.standard
        settings.bar = .scenario(.B)
        let rows = [row(.ai, .approved, euros: 1_000_000, tenths: 170), row(.ai, .allocated, euros: 1_000_000, tenths: 169),
                    row(.ai, .rejected, euros: 2_000_000, tenths: 90), row(.ai, .submitted, euros: 500_000, tenths: 50)]
        let report = RoundReport(rows: rows, settings: settings)
        let ai = report.themes[0]
        #expect(ai.theme == .ai)
        #expect(ai.line.applications == 4)
        #expect(ai.line.requested == Money(euros: 4_500_000))
        #expect(ai.line.approved == 1)
        #expect(ai.line.approvedAmount == Money(euros: 1_000_000))
        #expect(ai.line.belowBar == 1)
        #expect(report.belowBar == 1)
        #expect(ai.over == Money(euros: 1_000_000) - Money(euros: 275_000_000))
        // The spreiding counts as the theme lines do: the approved at or above the bar (a board
        // review: it counted those below it); the allocated holding room, not one the NZa refused.
        #expect(report.approved.count == 1 && report.allocated.count == 1)
        let refused = RoundReport(rows: rows + [row(.ai, .refused, euros: 1_000_000, tenths: 200)], settings: settings)
        #expect(refused.approved.count == 2 && refused.allocated.count == 1)
        #expect(report.themes.map(\.theme) == Theme.allCases)
        #expect(report.sectors.first { $0.sector == .msz }?.line.applications == 4)
    }

    @Test func theWhatIfSetsEachThemeAgainstItsAmountAndTheTotalAgainstTheCeiling() throws {
        let settings = RoundSettings.standard
        // € 275.000.000,00 at exactly 17 fte per €mln (4675.0 fte), and one cent more at the same fte (just below 17).
        let atBar = RoundRow(theme: .ai, sector: "msz", region: "Twente", status: .approved, requested: Money(euros: 275_000_000), fte: Fte(tenths: 46_750))
        let centOver = RoundRow(theme: .medischeTechnologie, sector: "ggz", region: "twente ", status: .inadmissible,
                                requested: Money(euros: 50_000_000) + Money(cents: 1), fte: Fte(tenths: 8_500))
        let seventeen = WhatIf(bar: try ImpactBar(parsing: "17"), rows: [atBar, centOver], settings: settings)
        #expect(seventeen.passing == 1)
        #expect(seventeen.themes[0].over == .zero)
        #expect(seventeen.themes[2].passing == 0)
        #expect(seventeen.over == Money(euros: 275_000_000) - Money(euros: 600_000_000))
        let sixteen = WhatIf(bar: try ImpactBar(parsing: "16"), rows: [atBar, centOver], settings: settings)
        #expect(sixteen.passing == 2)
        #expect(sixteen.themes[2].over == Money(cents: 1))
        #expect(sixteen.amount == Money(euros: 325_000_000) + Money(cents: 1))
        #expect(sixteen.ceiling == Money(euros: 600_000_000))
        #expect(sixteen.regions.count == 1 && sixteen.regions[0].applications == 2)
        // Of those passing, the approved: what the board decides on (the E-BAR refusal is not).
        #expect(sixteen.approved == 1 && sixteen.approvedAmount == Money(euros: 275_000_000) && seventeen.approved == 1)
        // The ceiling reached exactly and one cent over.
        let full = RoundRow(theme: .digitaleHybrideZorg, sector: "vvt", region: "Twente", status: .approved, requested: Money(euros: 325_000_000) - Money(cents: 1), fte: Fte(tenths: 90_000))
        #expect(WhatIf(bar: try ImpactBar(parsing: "16"), rows: [atBar, centOver, full], settings: settings).over == Money(euros: 50_000_000))
        let exact = RoundRow(theme: .digitaleHybrideZorg, sector: "vvt", region: "Twente", status: .approved, requested: Money(euros: 275_000_000) - Money(cents: 1), fte: Fte(tenths: 90_000))
        #expect(WhatIf(bar: try ImpactBar(parsing: "16"), rows: [atBar, centOver, exact], settings: settings).over == .zero)
        #expect(WhatIf(bar: try ImpactBar(parsing: "16"), rows: [atBar, centOver, exact, centOver], settings: settings).over > .zero)
    }
}

/// `init` warns of richtbedragen the ceiling cannot hold (SPEC §3.1): one above the ceiling,
/// and their sum above it — at the ceiling, nothing; one cent over, a warning.
@Suite struct RoundSettingsWarningTests {
    @Test func theDefaultsAddUpToTheCeilingAndWarnOfNothing() {
        #expect(RoundSettings.standard.warnings.isEmpty)
    }

    @Test(arguments: [(Int64(0), 0), (1, 1)])
    func aSumOneCentAboveTheCeilingIsSaid(extraCents: Int64, warnings: Int) {
        var settings = RoundSettings.standard
        settings.themeAmounts[.medischeTechnologie] = settings.amount(of: .medischeTechnologie) + Money(cents: extraCents)
        #expect(settings.warnings.count == warnings && settings.warnings.allSatisfy { $0.contains("more than the macro ceiling") })
    }

    @Test func aThemeAboveTheCeilingIsSaid() {
        var settings = RoundSettings.standard
        settings.ceiling = Money(euros: 6_000_000)
        settings.themeAmounts = [.ai: Money(euros: 6_000_000), .digitaleHybrideZorg: .zero, .medischeTechnologie: .zero]
        #expect(settings.warnings.isEmpty, "at the ceiling")
        settings.themeAmounts[.ai] = Money(cents: 6_000_000_01)
        #expect(settings.warnings.count == 2 && settings.warnings[0].contains("the richtbedrag of ai (€ 6.000.000,01) is above the macro ceiling"))
    }
}

/// A region written in other capitals is one region in every list, named alike (a board review:
/// "Utrecht" approved and "utrecht" allocated showed the allocation as nothing).
@Suite struct SpreidingTests {
    @Test func aRegionInOtherCapitalsIsOneRegionAndListsMatchByKey() {
        let approved = [row(.ai, .approved, euros: 1_000_000, tenths: 200, region: "utrecht"), row(.ai, .allocated, euros: 1_000_000, tenths: 200, region: " Utrecht ")]
        let regions = Spreiding.byRegion(approved)
        #expect(regions.count == 1 && regions[0].region == "Utrecht" && regions[0].key == "utrecht" && regions[0].applications == 2)
        let allocated = Spreiding.byRegion([approved[0]])
        #expect(allocated[0].key == regions[0].key && allocated[0].region == "utrecht")
        #expect(Spreiding.byRegion([row(.ai, .approved, euros: 1, tenths: 1, region: "  ")])[0].region == "(no region given)")
    }
}
