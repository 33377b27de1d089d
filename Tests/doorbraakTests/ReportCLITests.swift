import Foundation
import Testing

/// `doorbraak report --html`: every chart present, every table number equal to the `--json` figures.
@Suite struct ReportCLITests {
    /// `1250000.00` as people read it: `€ 1.250.000,00` (written independently of the engine).
    func dutch(_ machine: String) -> String {
        let parts = machine.split(separator: ".")
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 { groups.insert(String(whole.suffix(3)), at: 0); whole = String(whole.dropLast(3)) }
        groups.insert(whole, at: 0)
        return "€ " + groups.joined(separator: ".") + "," + (parts.count > 1 ? String(parts[1]) : "00")
    }

    /// The cells of each row of the table with `id`.
    func table(_ id: String, in page: String) throws -> [[String]] {
        let start = try #require(page.range(of: "<table id=\"\(id)\">"), "table \(id)")
        let end = try #require(page.range(of: "</table>", range: start.upperBound..<page.endIndex))
        let body = String(page[start.upperBound..<end.lowerBound])
        return body.components(separatedBy: "</tr>").dropFirst().compactMap { row in
            let cells = row.components(separatedBy: "<td").dropFirst().map { cell -> String in
                let text = cell.drop { $0 != ">" }.dropFirst()
                return String(text.prefix { $0 != "<" })
            }
            return cells.isEmpty ? nil : cells
        }
    }

    @Test func theHTMLReportShowsTheSameFiguresAsTheJSON() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let demo = try runDoorbraak(["--db", sandbox.db, "demo", "--applications", "200"], directory: sandbox.folder)
        try #require(demo.status == 0, "\(demo.stderr)")
        let html = sandbox.folder.appendingPathComponent("overview.html").path
        let r = try sandbox.run(["report", "--html", html, "--json"], today: "2028-07-01")
        #expect(r.status == 0, "\(r.stderr)")
        let figures = try json(r.stdout)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        for id in ["ceiling", "themes", "impact", "quarters", "plausibility", "realised"] {
            #expect(page.contains("<svg id=\"chart-\(id)\""), "chart \(id) is missing")
        }
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http"), "self-contained")

        let ceiling = try #require(figures["ceiling"] as? [String: String])
        let ceilingRows = try table("table-ceiling", in: page).map { $0[1] }
        for key in ["ceiling", "granted", "released", "committed", "pending", "paid", "remaining"] {
            #expect(ceilingRows.contains(dutch(try #require(ceiling[key]))), "ceiling \(key)")
        }
        let themes = try #require(figures["themes"] as? [[String: String]])
        let themeRows = try table("table-themes", in: page)
        #expect(themeRows.count == themes.count)
        for (row, theme) in zip(themeRows, themes) {
            #expect(row == [theme["theme"]!, dutch(theme["amount"]!), dutch(theme["requested"]!), dutch(theme["allocated"]!), dutch(theme["committed"]!)])
        }
        let quarters = try #require(figures["quarters"] as? [[String: String]])
        #expect(!quarters.isEmpty, "the demo pays claims")
        #expect(try table("table-quarters", in: page) == quarters.map { [$0["quarter"]!, dutch($0["paid"]!), dutch($0["released"]!)] })
        let bins = try #require(figures["impact_bins"] as? [[String: Any]])
        #expect(try table("table-impact", in: page) == bins.map { ["\($0["bin"]!)", "\($0["applications"]!)", "\($0["granted"]!)"] })
        let human = try sandbox.run(["report", "--html", html], today: "2028-07-01")
        #expect(human.stdout.contains("wrote the overview with charts to \(html)"))
        // The text has what the page and --json have: the bar, spreiding and the parts.
        #expect(human.stdout.contains("the bar: \(try #require(figures["bar"] as? String)) fte per €mln"), "\(human.stdout)")
        let regions = try #require(figures["regions"] as? [[String: Any]])
        let parts = try #require(figures["parts"] as? [[String: Any]])
        #expect(!regions.isEmpty && !parts.isEmpty, "the demo grants and pays")
        for r in regions {
            let row = "\(r["region"]!)  .*  \(r["applications"]!)  .*\(dutch(r["amount"] as! String))"
            #expect(human.stdout.range(of: row, options: .regularExpression) != nil, "region row \(row): \(human.stdout)")
        }
        for p in parts {
            let label = p["members"] as? String == "1" ? "1 member" : "2 or more members"
            #expect(human.stdout.range(of: "\(label) .* \(p["milestones"]!) .*\(dutch(p["paid"] as! String))", options: .regularExpression) != nil, "parts \(p)")
        }
        #expect(human.stdout.contains("spreiding: region") && human.stdout.contains("paid to coalition members"))
        // Granted above the ceiling is explained where it shows (a newcomer read it as a breach).
        let cents = { (key: String) in Int(ceiling[key]!.replacingOccurrences(of: ".", with: ""))! }
        #expect(human.stdout.contains("(granted above the ceiling:") == (cents("granted") > cents("ceiling")), "\(ceiling)")
        #expect(try sandbox.run(["report", "--html", sandbox.folder.path]).status == 74)
    }
}
