import DoorbraakCore
import DoorbraakImport
import DoorbraakStore
import Foundation

/// `doorbraak generate costs`: the providers' verantwoording and monitoring for a database.
enum GenerateCostsCommand: Command {
    static let name = "generate costs"
    static let summary = "write deterministic cost lines (costs.csv) and measurements (monitoring.csv) for the granted applications"
    static let usage = "--seed S --out DIR [--through DATE] [--sign KEYS]"
    static let help = """
    Reads the granted beschikkingen and the reached claims of --db and writes DIR/costs.csv and
    DIR/monitoring.csv. Cost lines cover what each provider was paid per year (personnel and
    material, a little more than paid) and, once every milestone is settled, come to about each
    provider's coalition amount; about one application in four carries one finding — P1 (costs
    below what was paid), P2 (a cost in 2026), P3 (a structural licence), P4 (hulpmiddelen
    bought), P5 (a settled provider far above its coalition amount), P6 (a provider outside the
    coalition) — and the file holds one P7 conflict (a line id again with another amount). The
    monitoring holds the realised fte on the last two half-yearly peildata up to --through
    (default --today) and each plan KPI on the last; about one in eight applications is not yet
    measured, and one row names the misspelt kpi `ftee`. The same database and seed give the same bytes.
    With --sign KEYS (the keys folder of `generate --sign`) the files are also split per party and
    signed: DIR/costs-AGB.csv per provider and DIR/monitoring-AGB.csv per penvoerder, .sig beside each.
    """

    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32 {
        let (seed, out, through) = try GeneratorOptions.take(&arguments, context)
        let keys = try arguments.value("--sign")
        try arguments.finish()
        let store = try context.openStore()
        let files = try write(store: store, seed: seed, through: through, to: out)
        if let keys {
            let costs = String(decoding: try InputFile.bytes(files.costs, limit: 1 << 30), as: UTF8.self)
            _ = try PartyFiles.split(costs, in: out, prefix: "costs", keys: keys) { line in
                PartyFiles.column(2, of: line).flatMap { try? PartyID(role: .provider, id: $0) }
            }
            var leads: [String: PartyID] = [:]
            let monitoring = String(decoding: try InputFile.bytes(files.monitoring, limit: 1 << 30), as: UTF8.self)
            var failure: DoorbraakError?
            _ = try PartyFiles.split(monitoring, in: out, prefix: "monitoring", keys: keys) { line in
                guard let id = PartyFiles.column(0, of: line) else { return nil }
                if leads[id] == nil {
                    do throws(DoorbraakError) {
                        leads[id] = try store.penvoerder(of: id).flatMap { try? PartyID(role: .provider, id: $0) }
                    } catch { failure = error }
                }
                return leads[id]
            }
            if let failure { throw failure }
        }
        if context.json {
            Output.json(.object([("costs", .string(files.costs)), ("cost_lines", .number(String(files.costLines))),
                                 ("monitoring", .string(files.monitoring)), ("measurements", .number(String(files.measurements)))]))
        } else {
            Output.line("wrote \(files.costLines) cost lines to \(files.costs) and \(files.measurements) measurements up to \(through) to \(files.monitoring)")
        }
        return ExitCode.done
    }

    /// Writes `costs.csv` and `monitoring.csv` in `folder`.
    static func write(store: Store, seed: UInt64, through: Day, to folder: String) throws(DoorbraakError) -> (costs: String, costLines: Int, monitoring: String, measurements: Int) {
        let costs = try OutputFile.path("costs.csv", in: folder)
        let monitoring = try OutputFile.path("monitoring.csv", in: folder)
        let generator = CostGenerator(seed: seed, through: through)
        var costText = CostGenerator.header + "\n", monitoringText = CostGenerator.monitoringHeader + "\n"
        var (costLines, measurements) = (0, 0)
        var conflictWritten = false, typoWritten = false
        for (i, app) in try store.grantedForCosts().enumerated() {
            let lines = generator.costLines(for: app, index: i, conflict: !conflictWritten && !app.paid.isEmpty)
            if !lines.isEmpty { conflictWritten = true }
            for line in lines { costText += line + "\n" }
            costLines += lines.count
            let rows = generator.monitoringLines(for: app, index: i, typo: !typoWritten)
            if !rows.isEmpty { typoWritten = true }
            for row in rows { monitoringText += row + "\n" }
            measurements += rows.count
        }
        try OutputFile.write(costText, to: costs)
        try OutputFile.write(monitoringText, to: monitoring)
        return (costs, costLines, monitoring, measurements)
    }
}
