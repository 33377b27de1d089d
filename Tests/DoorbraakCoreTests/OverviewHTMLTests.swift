import DoorbraakCore
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
    }
}
