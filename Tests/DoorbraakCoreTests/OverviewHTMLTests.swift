@testable import DoorbraakCore
import Foundation
import Testing

@Suite struct OverviewHTMLTests {
    let overview = Overview(
        asOf: Day(2028, 7, 1),
        ceiling: .init(ceiling: Money(euros: 600_000_000), granted: Money(euros: 500_000_000), released: Money(euros: 20_000_000),
                       pending: Money(euros: 1_000_000), paid: Money(cents: 12_345_678_90)),
        themes: [.init(theme: .ai, amount: Money(euros: 275_000_000), requested: Money(euros: 300_000_000), allocated: Money(euros: 270_000_000), committed: Money(euros: 260_000_000))],
        impacts: [.init(impact: FtePerMillion(fte: Fte(tenths: 170), amount: Money(euros: 1_000_000)), status: "granted"),
                  .init(impact: FtePerMillion(fte: Fte(tenths: 169), amount: Money(euros: 1_000_000)), status: "inadmissible"),
                  .init(impact: FtePerMillion(fte: Fte(tenths: 1000), amount: Money(euros: 1_000_000)), status: "rejected")],
        barHundredths: 1700,
        quarters: [.init(quarter: "2027-Q3", paid: Money(cents: 1_000_000_01), released: Money(euros: 5))],
        judgments: [.init(insurer: "3311", year: 2027, paid: Money(euros: 100), recovery: Money(euros: 2), findings: 3, judgment: "niet plausibel")],
        impactRealised: [.init(theme: .ai, claimed: Fte(tenths: 300), realised: Fte(tenths: 120)), .init(theme: nil, claimed: Fte(tenths: 300), realised: Fte(tenths: 120))])

    @Test func everyChartHasItsTableAndDutchAmounts() {
        let page = OverviewHTML.page(overview)
        for id in ["ceiling", "themes", "impact", "quarters", "plausibility", "realised"] {
            #expect(page.contains("<svg id=\"chart-\(id)\""), "chart \(id)")
            #expect(page.contains("<table id=\"table-\(id)\""), "table \(id)")
        }
        #expect(page.contains("€ 12.345.678,90"))
        #expect(page.contains("€ 1.000.000,01"))
        #expect(!page.contains("http"), "nothing is loaded from elsewhere")
        #expect(page.contains("niet plausibel"))
    }

    @Test func theImpactBinsCountAtTheBoundary() {
        let bins = overview.impactBins
        #expect(bins.first { $0.label == "15–20" }?.all == 2, "16.9 and 17.0 both fall in 15–20")
        #expect(bins.first { $0.label == "15–20" }?.granted == 1)
        #expect(bins.last?.all == 1, "100 fte per €mln is 60+")
        #expect(bins.map(\.all).reduce(0, +) == 3)
    }

    @Test func textIsEscaped() {
        #expect(OverviewHTML.escape("<script>alert('x')</script> & \"q\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
        var o = overview
        o.quarters = [.init(quarter: "<script>alert(1)</script>", paid: .zero, released: .zero)]
        #expect(!OverviewHTML.page(o).contains("<script>"))
        #expect(!OverviewHTML.page(OverviewPages.round).contains("<script"), "the page stays script-free")
    }

    // MARK: every period shown

    @Test func anEmptyQuarterIsShownAsZero() throws {
        var o = overview
        o.quarters = [.init(quarter: "2029-Q4", paid: Money(euros: 7), released: .zero),
                      .init(quarter: "2029-Q2", paid: Money(euros: 1_000_000), released: Money(euros: 3))]
        let page = OverviewHTML.page(o)
        #expect(page.contains("<tr><td>2029-Q3</td><td class=\"n\">€ 0,00</td><td class=\"n\">€ 0,00</td></tr>"), "the empty quarter is a row of zeros")
        let chart = try #require(SVGPage(page).svg("chart-quarters"))
        #expect(chart.texts.map(\.content).contains("2029-Q3"), "and a row of the chart")
        #expect(chart.texts.filter { $0.cssClass == "value" }.map(\.content) == ["€ 1,0 mln", "€ 3", "€ 0", "€ 0", "€ 7", "€ 0"], "labelled zero, in order")
        // The other side: without a gap nothing is added, and no claims draw no quarters.
        o.quarters = [.init(quarter: "2029-Q2", paid: Money(euros: 1), released: .zero), .init(quarter: "2029-Q3", paid: Money(euros: 2), released: .zero)]
        #expect(try #require(SVGPage(OverviewHTML.page(o)).svg("chart-quarters")).texts.filter { $0.cssClass == "value" }.count == 4)
        o.quarters = []
        let empty = OverviewHTML.page(o)
        #expect(empty.contains("Nog geen declaraties") && empty.contains("<table id=\"table-quarters\">\n<tr><th>kwartaal</th><th>uitbetaald</th><th>vrijgegeven</th></tr>\n</table>"))
    }

    @Test func everyQuarterFillsTheGapsOnly() {
        func q(_ name: String, _ euros: Int64 = 1) -> Overview.Quarter { .init(quarter: name, paid: Money(euros: euros), released: .zero) }
        #expect(Overview.everyQuarter([q("2027-Q4"), q("2028-Q2")]).map(\.quarter) == ["2027-Q4", "2028-Q1", "2028-Q2"], "across the year")
        #expect(Overview.everyQuarter([q("2028-Q2"), q("2027-Q4")]).map(\.quarter) == ["2027-Q4", "2028-Q1", "2028-Q2"], "in order")
        #expect(Overview.everyQuarter([q("2028-Q2"), q("2028-Q2", 2)]) == [q("2028-Q2", 3)], "one quarter once")
        #expect(Overview.everyQuarter([q("2027-Q1"), q("2029-Q4")]).count == 12, "the whole payout period")
        let contiguous = [q("2027-Q3"), q("2027-Q4"), q("2028-Q1")]
        #expect(Overview.everyQuarter(contiguous) == contiguous)
        #expect(Overview.everyQuarter([q("2027-Q3"), q("Q5")]) == [q("2027-Q3"), q("Q5")], "a name that is no quarter: as given")
        #expect(Overview.everyQuarter([]).isEmpty)
        #expect(Overview.QuarterName("2027-Q5") == nil && Overview.QuarterName("2027-Q0") == nil && Overview.QuarterName("2027-Q4")?.next.description == "2028-Q1")
    }

    // MARK: every text inside its drawing

    @Test(arguments: OverviewPages.all)
    func everyTextLiesInsideItsDrawing(_ page: OverviewPages.Named) throws {
        let svgs = SVGPage(OverviewHTML.page(page.overview)).svgs
        #expect(svgs.count == 8, "\(page.name): eight charts")
        for svg in svgs {
            #expect(!svg.texts.isEmpty, "\(page.name) \(svg.id) has text")
            #expect(!svg.texts.contains { $0.x.isNaN || $0.y.isNaN } && svg.width == 800 && svg.height > 0, "\(page.name) \(svg.id): every text placed, the drawing sized")
            #expect(svg.textsOutside.isEmpty, "\(page.name) \(svg.id): \(svg.textsOutside.map(\.content)) reach outside 0 0 \(svg.width) \(svg.height)")
        }
    }

    @Test func theTextCheckFlagsATextOutsideTheDrawing() throws {
        // The old legend: "richtbedrag" at x=764 of 800.
        let old = SVGPage("<svg id=\"a\" viewBox=\"0 0 800 95\"><text x=\"764\" y=\"14\">richtbedrag</text><text x=\"790\" y=\"30\" text-anchor=\"end\">richtbedrag</text></svg>")
        #expect(try #require(old.svg("a")).textsOutside.map(\.x) == [764], "starting at 764 it is cut off; ending at 790 it fits")
        let edges = SVGPage("<svg id=\"b\" viewBox=\"0 0 100 40\"><text x=\"2\" y=\"20\" text-anchor=\"middle\">ab</text><text x=\"50\" y=\"5\">a</text><text x=\"50\" y=\"37\">a</text><text x=\"50\" y=\"20\" text-anchor=\"middle\">abc</text></svg>")
        #expect(try #require(edges.svg("b")).textsOutside.map(\.content) == ["ab", "a"], "left of 0 and above the top are outside; within is not")
    }

    // MARK: one colour, one meaning

    @Test func oneColourMeansOneThing() throws {
        #expect(Set(ChartInk.allCases.map(\.colour)).count == ChartInk.allCases.count, "every meaning its own colour")
        #expect(ChartInk.recoveryPlausible != ChartInk.recoveryImplausible && ChartInk.recoveryImplausible.colour != ChartInk.norm.colour)
        let page = SVGPage(OverviewHTML.page(OverviewPages.round))
        // Across the page each series has one colour, and the same meaning the same colour.
        var colours: [String: Set<String>] = [:]
        for bar in page.svgs.flatMap(\.bars) { colours[bar.series, default: []].insert(bar.fill) }
        #expect(colours.values.allSatisfy { $0.count == 1 }, "\(colours)")
        #expect(colours["uitbetaald"] == [ChartInk.paid.colour] && colours["vrijgegeven"] == [ChartInk.released.colour])
        let ceiling = try #require(page.svg("chart-ceiling")), quarters = try #require(page.svg("chart-quarters")), parts = try #require(page.svg("chart-parts"))
        #expect(Set([ceiling, quarters, parts].flatMap { $0.bars.filter { $0.series == "uitbetaald" }.map(\.fill) }).count == 1, "paid is paid on every chart")
        // Within a chart, distinct series have distinct colours, and no bar has the norm's colour.
        for svg in page.svgs {
            let bySeries = Dictionary(grouping: svg.bars, by: \.series).mapValues { Set($0.map(\.fill)) }
            #expect(Set(bySeries.values.flatMap { $0 }).count == bySeries.count, "\(svg.id): \(bySeries)")
            #expect(!svg.bars.contains { $0.fill == ChartInk.norm.colour }, "\(svg.id): a bar in the norm's black")
        }
        let plausibility = try #require(page.svg("chart-plausibility"))
        let plausible = Set(plausibility.bars.filter { $0.series.hasSuffix("oordeel plausibel") }.map(\.fill))
        let implausible = Set(plausibility.bars.filter { $0.series.hasSuffix("niet plausibel") }.map(\.fill))
        #expect(plausible.count == 1 && implausible.count == 1 && plausible.isDisjoint(with: implausible), "plausibel ≠ niet plausibel")
        #expect(plausibility.lineStrokes.contains(ChartInk.norm.colour) && !plausibility.bars.contains { $0.fill == ChartInk.norm.colour }, "the 1% line is not the colour of a recovery")
        #expect(plausibility.texts.contains { $0.content.hasSuffix("— niet plausibel") && $0.content.hasPrefix("0,00%") }, "a zero recovery judged not plausible says so in words")
    }

    // MARK: scales that show every series

    @Test func theSmallestThemeHasAVisibleBarInItsOwnPanel() throws {
        let themes = try #require(SVGPage(OverviewHTML.page(OverviewPages.round)).svg("chart-themes"))
        let smallest = try #require(themes.bars.first { $0.panel == "medische-technologie" && $0.series.hasPrefix("toegekend") })
        let largest = try #require(themes.bars.first { $0.panel == "digitale-hybride-zorg" && $0.series == "aangevraagd" })
        #expect(smallest.width >= 20, "€ 4,7 mln in its own panel is \(smallest.width) px")
        #expect(largest.width / smallest.width < 50, "on one scale with € 1,8 mld it would be a sliver")
        #expect(themes.texts.contains { $0.content == "€ 4,7 mln" } && themes.texts.contains { $0.content == "€ 1,8 mld" }, "both labelled")
        #expect(Set(themes.bars.compactMap(\.panel)) == ["ai", "digitale-hybride-zorg", "medische-technologie"], "one panel per theme")
        for panel in ["ai", "digitale-hybride-zorg", "medische-technologie"] {
            #expect(themes.texts.contains { $0.content == panel && $0.bold }, "panel \(panel) has its title")
        }
        // The other side: nothing granted draws no bar but still reads € 0; a cent above zero
        // on a scale of a billion keeps a hairline.
        var o = OverviewPages.round
        o.themes[2].committed = .zero
        o.themes[1].committed = Money(cents: 1)
        let changed = try #require(SVGPage(OverviewHTML.page(o)).svg("chart-themes"))
        #expect(!changed.bars.contains { $0.panel == "medische-technologie" && $0.series.hasPrefix("toegekend") })
        #expect(changed.texts.contains { $0.content == "€ 0" })
        #expect(try #require(changed.bars.first { $0.panel == "digitale-hybride-zorg" && $0.series.hasPrefix("toegekend") }).width >= 1)
    }

    @Test func theCeilingShowsWhetherWhatIsPendingFitsTheRoom() throws {
        func chart(pending euros: Int64) throws -> SVGPage.Drawing {
            var o = OverviewPages.round
            o.ceiling.pending = Money(euros: euros)
            return try #require(SVGPage(OverviewHTML.page(o)).svg("chart-ceiling"))
        }
        // € 40 mln pending, € 26,1 mln room: it starts where the room starts and ends beyond the ceiling.
        let over = try chart(pending: 40_000_000)
        let room = try #require(over.bars.first { $0.series == "ruimte" })
        let pending = try #require(over.bars.first { $0.series.hasPrefix("aangevraagd") })
        let ceiling = try #require(over.normX.last)
        #expect(abs(pending.x - room.x) < 0.2 && abs(room.x + room.width - ceiling) < 0.2, "the room ends at the ceiling")
        #expect(pending.x + pending.width > ceiling + 10)
        #expect(over.texts.contains { $0.content == "€ 40,0 mln" && $0.cssClass == "value" })
        // The other side: € 10 mln fits.
        let fits = try chart(pending: 10_000_000)
        let small = try #require(fits.bars.first { $0.series.hasPrefix("aangevraagd") })
        let fitsCeiling = try #require(fits.normX.last)
        #expect(small.x + small.width < fitsCeiling)
        // Nothing pending draws no bar; the legend still says € 0.
        let none = try chart(pending: 0)
        #expect(!none.bars.contains { $0.series.hasPrefix("aangevraagd") } && none.texts.contains { $0.content.hasPrefix("aangevraagd") && $0.content.hasSuffix(": € 0") })
    }

    // MARK: axes and labels

    @Test func axesAndBarsAreLabelledInDutch() throws {
        let page = SVGPage(OverviewHTML.page(OverviewPages.round))
        for svg in page.svgs {
            #expect(svg.texts.contains { $0.cssClass == "axis" }, "\(svg.id) has an axis title")
            #expect(svg.texts.filter { $0.cssClass == "tick" }.count >= 2, "\(svg.id) has tick labels")
        }
        for id in ["chart-themes", "chart-regions", "chart-quarters", "chart-parts", "chart-plausibility", "chart-realised", "chart-impact"] {
            let svg = try #require(page.svg(id))
            #expect(svg.texts.filter { $0.cssClass == "value" }.count >= svg.bars.count, "\(id): every bar has its value")
        }
        let ticks = try #require(page.svg("chart-ceiling")).texts.filter { $0.cssClass == "tick" }.map(\.content)
        #expect(ticks == ["€ 0", "€ 100 mln", "€ 200 mln", "€ 300 mln", "€ 400 mln", "€ 500 mln", "€ 600 mln", "€ 700 mln"], "the ceiling's axis covers what is committed and pending beyond it")
        #expect(try #require(page.svg("chart-themes")).texts.contains { $0.content == "€ 1,5 mld" && $0.cssClass == "tick" })
        #expect(try #require(page.svg("chart-plausibility")).texts.contains { $0.content == "1%" && $0.cssClass == "tick" })
        #expect(try #require(page.svg("chart-realised")).texts.contains { $0.content == "7.489,2 fte" })
        #expect(try #require(page.svg("chart-impact")).texts.contains { $0.content == "1.200" && $0.cssClass == "value" })
    }

    @Test func dutchLabelsRoundHalfUpAtTheBoundaries() {
        #expect(DutchLabel.money(Money(euros: 1_803_049_000)) == "€ 1,8 mld")
        #expect(DutchLabel.money(Money(euros: 1_250_000)) == "€ 1,3 mln" && DutchLabel.money(Money(cents: 124_999_999)) == "€ 1,2 mln")
        #expect(DutchLabel.money(Money(euros: 999_950_000)) == "€ 1,0 mld" && DutchLabel.money(Money(euros: 999_949_999)) == "€ 999,9 mln")
        #expect(DutchLabel.money(Money(euros: 250_000_000), trim: true) == "€ 250 mln" && DutchLabel.money(Money(euros: 250_000_000)) == "€ 250,0 mln")
        #expect(DutchLabel.money(Money(euros: 999_999)) == "€ 999.999" && DutchLabel.money(Money(cents: 1234)) == "€ 12,34" && DutchLabel.money(.zero) == "€ 0")
        #expect(DutchLabel.money(Money(euros: -1_500_000)) == "-€ 1,5 mln")
        #expect(DutchLabel.decimal(36_406, decimals: 1, trim: false) == "3.640,6" && DutchLabel.decimal(50, decimals: 2, trim: true) == "0,5" && DutchLabel.decimal(100, decimals: 2, trim: true) == "1")
        #expect(ChartValue.basisPoints.label(121) == "1,21%" && ChartValue.fteTenths.label(5) == "0,5 fte" && ChartValue.count.label(1200) == "1.200")
        #expect(OverviewHTML.basisPoints(Money(cents: 1), of: Money(cents: 20_000)) == 1 && OverviewHTML.basisPoints(Money(cents: 1), of: Money(cents: 20_001)) == 0, "half up")
        #expect(OverviewHTML.basisPoints(Money(euros: 5), of: .zero) == 0)
    }

    @Test func theScaleIsRoundAndCoversTheLargestValue() {
        let billions = ChartScale(covering: 180_304_900_000, ticks: 6, smallestStep: 100)
        #expect(billions.step == 50_000_000_000 && billions.maximum == 200_000_000_000)
        let exact = ChartScale(covering: 60_000_000_000, ticks: 6, smallestStep: 100)
        #expect(exact.maximum == 60_000_000_000 && exact.ticks.count == 7, "a value on a tick needs no step more")
        let above = ChartScale(covering: 60_000_000_001, ticks: 6, smallestStep: 100)
        #expect(above.maximum > 60_000_000_001)
        #expect(ChartScale(covering: 3, ticks: 5).ticks == [0, 1, 2, 3] && ChartScale(covering: 0, ticks: 5, smallestStep: 100).maximum == 100)
        #expect(exact.position(30_000_000_000, length: 500) == 250 && exact.position(-5, length: 500) == 0)
    }

    @Test func normNamesAndLiftedCountsDoNotOverlap() {
        // lat 16 and B 17 are 11 px apart: two rows; C 9 and A 35 far apart: one row.
        let rows = LabelRows.place([(100, 40), (111, 40), (300, 40)], minX: 10, maxX: 790)
        #expect(rows.map(\.row) == [0, 1, 0])
        #expect(LabelRows.place([(5, 40)], minX: 10, maxX: 790).first?.left == 10 && LabelRows.place([(790, 40)], minX: 10, maxX: 790).first?.left == 750, "kept inside")
        let lifted = ValueLabelStack.place([(100, 30, 50), (120, 30, 45), (300, 30, 45)])
        #expect(lifted == [57, 45, 45], "the taller bar's count goes one line above its neighbour's; the distant one stays")
        #expect(ValueLabelStack.place([(100, 30, 50), (140, 30, 50)]) == [50, 50], "apart: both stay")
    }

    // MARK: the page as Chromium draws it

    /// Renders the pages in headless Chromium (when installed) with a probe script that measures
    /// every text's box (`getBBox`) against its drawing's viewBox and every other text.
    @Test(.enabled(if: ChromiumProbe.installed, "no Chromium at \(ChromiumProbe.path); the layout checks above still run"))
    func theRenderedPageKeepsEveryTextInsideItsDrawingAndApart() throws {
        let result = try ChromiumProbe.run(pages: OverviewPages.all.map { OverviewHTML.page($0.overview) })
        #expect(result.svgs == 8 * OverviewPages.all.count, "every chart was measured: \(result.svgs)")
        #expect(result.texts > 300, "\(result.texts) texts measured")
        #expect(result.problems.isEmpty, "\(result.problems.joined(separator: "\n"))")
        #expect(result.widest <= 1, "the layout's width estimate is conservative: '\(result.widestText)' draws \(result.widest) times its estimate")
    }
}

// MARK: - fixtures

/// Overviews to draw: the small one above, a round like the demo's (with the extremes an
/// analyst meets), and one with nothing yet.
enum OverviewPages {
    /// An overview with its name, for parameterised tests.
    struct Named: Sendable, CustomTestStringConvertible {
        var name: String
        var overview: Overview
        var testDescription: String { name }
    }

    static let all: [Named] = [.init(name: "round", overview: round), .init(name: "empty", overview: empty), .init(name: "small", overview: small)]

    /// A full round: € 1,8 mld requested in one theme, € 4,7 mln granted in another, 20 regions
    /// with long names, a quarter without payouts, 24 judgments, four-digit counts side by side.
    static let round: Overview = {
        let million: Int64 = 1_000_000
        let themes: [Overview.ThemeLine] = [
            .init(theme: .ai, amount: Money(euros: 275 * million), requested: Money(euros: 523_171_000), allocated: Money(euros: 289_994_000), committed: Money(cents: 257_819_150_00)),
            .init(theme: .digitaleHybrideZorg, amount: Money(euros: 275 * million), requested: Money(euros: 1_803_049_000), allocated: Money(euros: 294_394_000), committed: Money(cents: 269_333_810_00)),
            .init(theme: .medischeTechnologie, amount: Money(euros: 50 * million), requested: Money(euros: 60_504_000), allocated: Money(euros: 56_305_000), committed: Money(euros: 4_712_450)),
        ]
        var impacts: [Overview.Impact] = []
        func add(_ count: Int, tenths: Int64, _ status: String) {
            for _ in 0..<count { impacts.append(.init(impact: FtePerMillion(fte: Fte(tenths: tenths), amount: Money(euros: million)), status: status)) }
        }
        add(1150, tenths: 175, "granted"); add(50, tenths: 160, "rejected")
        add(85, tenths: 220, "granted"); add(137, tenths: 230, "rejected")
        add(28, tenths: 60, "inadmissible"); add(7, tenths: 300, "granted"); add(1, tenths: 310, "rejected"); add(3, tenths: 990, "rejected")
        let names = ["Gooi en Vecht", "Nijmegen", "Twente", "Groningen", "Rotterdam", "Haarlem", "Den Haag", "Drenthe", "Zeeland", "Arnhem",
                     "Limburg-Noord", "Friesland", "Tilburg", "Utrecht", "Leiden", "Amsterdam", "Flevoland", "Maastricht",
                     "Zuid-Holland Zuid en de Drechtsteden", "Rivierenland <&> Betuwe"]
        let regions = names.enumerated().map { i, name in
            Spreiding.Region(region: name, key: Spreiding.key(name), applications: 20 - i, amount: Money(euros: Int64(77 - 3 * i) * million + 44_000), fte: Fte(tenths: 15_840 - Int64(i) * 600))
        }
        var quarters: [Overview.Quarter] = []
        for (i, name) in ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4", "2028-Q1", "2028-Q2", "2028-Q4", "2029-Q1", "2029-Q2", "2029-Q4", "2030-Q1"].enumerated() {
            quarters.append(.init(quarter: name, paid: name == "2030-Q1" ? .zero : Money(cents: Int64(i + 1) * 9_876_543_21), released: Money(cents: Int64(i) * 1_234_567_89)))
        }
        var judgments: [Overview.Judgment] = []
        for year in 2027...2029 {
            for (i, insurer) in ["3311", "3334", "3336", "3343", "3358", "7029", "7095", "7119"].enumerated() {
                let paid = Money(euros: Int64(20 + i) * million)
                let recovery = Money(cents: paid.cents * Int64((i * 7 + year) % 9) * 45 / 10_000)
                let implausible = recovery.cents * 100 > paid.cents || (year == 2029 && i == 0)
                judgments.append(.init(insurer: insurer, year: year, paid: paid, recovery: year == 2029 && i == 0 ? .zero : recovery, findings: i, judgment: implausible ? "niet plausibel" : "plausibel"))
            }
        }
        return Overview(
            asOf: Day(2030, 4, 1),
            ceiling: .init(ceiling: Money(euros: 600 * million), granted: Money(euros: 640_693_000), released: Money(cents: 66_827_590_00),
                           pending: Money(euros: 40 * million), paid: Money(cents: 473_865_410_00)),
            themes: themes, impacts: impacts, barHundredths: 1600, quarters: quarters, judgments: judgments,
            impactRealised: [.init(theme: .ai, claimed: Fte(tenths: 74_892), realised: Fte(tenths: 53_124)),
                             .init(theme: .digitaleHybrideZorg, claimed: Fte(tenths: 59_388), realised: Fte(tenths: 37_998)),
                             .init(theme: .medischeTechnologie, claimed: Fte(tenths: 13_721), realised: Fte(tenths: 5)),
                             .init(theme: nil, claimed: Fte(tenths: 148_001), realised: Fte(tenths: 91_127))],
            regions: regions, parts: [.init(members: "1", milestones: 672, paid: Money(cents: 431_650_360_00)), .init(members: "2 of meer", milestones: 1, paid: Money(euros: 42_215))])
    }()

    /// Before anything happened.
    static let empty = Overview(asOf: Day(2026, 9, 1), ceiling: .init(ceiling: Money(euros: 600_000_000), granted: .zero, released: .zero, pending: .zero, paid: .zero),
                                themes: Theme.allCases.map { .init(theme: $0, amount: Money(euros: 100_000_000), requested: .zero, allocated: .zero, committed: .zero) },
                                impacts: [], barHundredths: 1700, quarters: [], judgments: [], impactRealised: [])

    /// The suite's small overview.
    static let small = OverviewHTMLTests().overview
}

// MARK: - reading the SVG back

/// The `<svg>` drawings of a page, read back with a plain scanner (independent of the writer).
struct SVGPage {
    /// One `<svg>`.
    struct Drawing {
        var id: String
        var width: Double
        var height: Double
        var texts: [Text]
        var bars: [Bar]
        var lineStrokes: [String]
        /// Where the black (norm) lines stand, in drawing order (the legend's swatch first, the chart's lines last).
        var normX: [Double]

        /// The texts whose box, estimated conservatively, reaches outside the viewBox.
        var textsOutside: [Text] { texts.filter { $0.left < 0 || $0.right > width || $0.top < 0 || $0.bottom > height } }
    }

    /// A `<text>` and its estimated box: every character 0.7 em wide and `%mwMW@+=<>~` 1 em
    /// (wider than these labels draw in a sans-serif font), the box from one em above the
    /// baseline to a quarter below.
    struct Text {
        var content: String
        var x: Double
        var y: Double
        var anchor: String
        var size: Double
        var bold: Bool
        var cssClass: String?

        var width: Double { content.reduce(0) { $0 + ("%mwMW@+=<>~".contains($1) ? 1 : 0.7) } * size }
        var left: Double { anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x }
        var right: Double { left + width }
        var top: Double { y - size }
        var bottom: Double { y + size / 4 }
    }

    /// A bar, with what its data attributes say it shows.
    struct Bar {
        var series: String
        var panel: String?
        var fill: String
        var x: Double
        var width: Double
    }

    let svgs: [Drawing]

    init(_ html: String) {
        var svgs: [Drawing] = []
        for chunk in html.components(separatedBy: "<svg ").dropFirst() {
            let tag = String(chunk.prefix { $0 != ">" })
            let body = chunk.components(separatedBy: "</svg>").first ?? ""
            let box = (Self.attribute("viewBox", in: tag) ?? "").split(separator: " ").compactMap { Double($0) }
            let texts = body.components(separatedBy: "<text ").dropFirst().map { piece -> Text in
                let attributes = String(piece.prefix { $0 != ">" })
                let content = String(piece.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
                let bold = Self.attribute("font-weight", in: attributes) == "bold"
                return Text(content: Self.unescape(content), x: Double(Self.attribute("x", in: attributes) ?? "") ?? .nan, y: Double(Self.attribute("y", in: attributes) ?? "") ?? .nan,
                            anchor: Self.attribute("text-anchor", in: attributes) ?? "start", size: Double(Self.attribute("font-size", in: attributes) ?? "") ?? 11,
                            bold: bold, cssClass: Self.attribute("class", in: attributes))
            }
            let bars = body.components(separatedBy: "<rect class=\"bar\"").dropFirst().map { piece -> Bar in
                let attributes = String(piece.prefix { $0 != ">" })
                return Bar(series: Self.unescape(Self.attribute("data-series", in: attributes) ?? ""), panel: Self.attribute("data-panel", in: attributes).map(Self.unescape),
                           fill: Self.attribute("fill", in: attributes) ?? "", x: Double(Self.attribute("x", in: attributes) ?? "") ?? .nan,
                           width: Double(Self.attribute("width", in: attributes) ?? "") ?? 0)
            }
            let lines = body.components(separatedBy: "<line ").dropFirst().map { String($0.prefix { $0 != ">" }) }
            let strokes = lines.compactMap { Self.attribute("stroke", in: $0) }
            let norms = lines.filter { Self.attribute("stroke", in: $0) == ChartInk.norm.colour }.compactMap { Self.attribute("x1", in: $0).flatMap(Double.init) }
            svgs.append(Drawing(id: Self.attribute("id", in: tag) ?? "", width: box.count == 4 ? box[2] : 0, height: box.count == 4 ? box[3] : 0,
                                texts: texts, bars: bars, lineStrokes: strokes, normX: norms))
        }
        self.svgs = svgs
    }

    /// The drawing with `id`.
    func svg(_ id: String) -> Drawing? { svgs.first { $0.id == id } }

    /// The value of ` name="…"` in a tag.
    static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = (" " + tag).range(of: " \(name)=\"") else { return nil }
        return String((" " + tag)[start.upperBound...].prefix { $0 != "\"" })
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}

// MARK: - headless Chromium

/// Runs headless Chromium on a probe page: the overview pages' own CSS and drawings, plus a
/// script (in the probe only; the overview stays script-free) that writes what it measured
/// into the DOM, which `--dump-dom` prints.
enum ChromiumProbe {
    static let path = "/usr/bin/chromium"
    static var installed: Bool { FileManager.default.isExecutableFile(atPath: path) && FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout") }

    /// What the probe measured.
    struct Result {
        var svgs: Int
        var texts: Int
        /// The largest ratio of a text's drawn width to the layout's estimate.
        var widest: Double
        /// That text.
        var widestText: String
        var problems: [String]
    }

    /// Measures in-page: every text's box inside its svg's viewBox, and no two texts of one svg
    /// overlapping by more than a pixel each way; also the widest text against the layout's
    /// estimate of its width (0.68 em a character, 0.74 in bold, 1 em for `%mwMW@+=<>~`).
    static let script = """
    <script>
    (function () {
      var problems = [], texts = 0, widest = 0, widestText = '', svgs = document.querySelectorAll('svg');
      svgs.forEach(function (svg, n) {
        var vb = svg.viewBox.baseVal, boxes = [];
        svg.querySelectorAll('text').forEach(function (t) {
          var style = getComputedStyle(t), b = t.getBBox(), size = parseFloat(style.fontSize), name = '#' + n + ' ' + svg.id + ' "' + t.textContent + '"';
          var estimate = 0;
          for (var i = 0; i < t.textContent.length; i++) estimate += '%mwMW@+=<>~'.indexOf(t.textContent[i]) >= 0 ? 1 : (parseInt(style.fontWeight, 10) >= 600 ? 0.74 : 0.68);
          estimate *= size;
          texts += 1;
          if (estimate > 0 && b.width / estimate > widest) { widest = b.width / estimate; widestText = t.textContent; }
          if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
            problems.push('outside ' + name + ' box ' + [b.x, b.y, b.width, b.height].map(Math.round).join(',') + ' viewBox ' + vb.width + 'x' + vb.height);
          boxes.forEach(function (o) {
            var w = Math.min(b.x + b.width, o.b.x + o.b.width) - Math.max(b.x, o.b.x), h = Math.min(b.y + b.height, o.b.y + o.b.height) - Math.max(b.y, o.b.y);
            if (w > 1 && h > 1) problems.push('overlap ' + name + ' and "' + o.text + '"');
          });
          boxes.push({ b: b, text: t.textContent });
        });
      });
      var out = document.createElement('pre');
      out.id = 'probe';
      out.textContent = JSON.stringify({ svgs: svgs.length, texts: texts, widest: widest, widestText: widestText, problems: problems });
      document.body.appendChild(out);
    })();
    </script>
    """

    /// Probes the drawings of `pages` in one Chromium run (the first page's head and CSS).
    static func run(pages: [String]) throws -> Result {
        guard let first = pages.first, let bodyEnd = first.range(of: "</body>") else { throw ProbeError("no page") }
        let others = pages.dropFirst().flatMap { page in
            page.components(separatedBy: "<svg ").dropFirst().map { "<svg " + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" }
        }
        let probe = first[..<bodyEnd.lowerBound] + others.joined(separator: "\n") + script + first[bodyEnd.lowerBound...]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("overview-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("probe.html")
        try probe.write(to: file, atomically: true, encoding: .utf8)

        // Under coreutils' timeout, so a hanging browser cannot hang the test run.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["90", path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--window-size=1200,3000", "--dump-dom", file.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let dom = String(decoding: data, as: UTF8.self)
        guard let start = dom.range(of: "<pre id=\"probe\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw ProbeError("Chromium printed no probe result (exit \(process.terminationStatus)): \(dom.prefix(300))")
        }
        let json = SVGPage.unescape(String(dom[start.upperBound..<end.lowerBound]))
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { throw ProbeError("not JSON: \(json.prefix(300))") }
        return Result(svgs: object["svgs"] as? Int ?? 0, texts: object["texts"] as? Int ?? 0, widest: object["widest"] as? Double ?? .infinity, widestText: object["widestText"] as? String ?? "",
                      problems: object["problems"] as? [String] ?? ["no problems list"])
    }

    struct ProbeError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
