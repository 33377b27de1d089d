import DoorbraakCore
import DoorbraakStore

/// Imports the providers' actual costs from CSV `line_id,application_id,provider,year,category,kind,amount,description`
/// (SPEC §5, §3.8): a comma file with a decimal point or a semicolon file with a decimal comma,
/// taken from the header. All rows in one `BEGIN IMMEDIATE` transaction, all or nothing unless
/// `partial`. A malformed row is E-COST-INPUT with every failing field (exit 65); a line of an
/// application that is not granted is E-COST-APPLICATION, the same line id with other content P7
/// (refusals, exit 1). A line with a finding P2, P3, P4 or P6 is stored and counted in `findings`:
/// it is not an input error but a fact the plausibility test judges (not eligible).
public struct CostImport: CSVImport {
    /// The columns, in the SPEC's order.
    public static let columns = CostLine.columns
    /// How many lines above their provider's share a result lists (`Result.aboveShare`).
    public static let aboveShareKept = 100

    /// What an import did.
    public struct Result: Sendable {
        /// The usual import report.
        public var report: ImportReport
        /// The stored new lines that carry a finding, per code (zero when nothing was committed).
        public var findings: [String: Int]
        /// The first `aboveShareKept` stored new lines whose amount alone is above their
        /// provider's whole coalition amount (`CostLine.isAboveShare`), in file order (none when
        /// nothing was committed); bounded, so a hostile file keeps no more than these.
        public var aboveShare: [(line: Int, cost: CostLine, share: Money)] = []
        /// How many there were in all.
        public var aboveShareCount = 0
        /// How many stored new lines are on a beschikking that is final: its recovery and the
        /// judgments it counts in change with them (a newcomer's try: a line after the judgment
        /// turned a final recovery into "covered" without a word).
        public var onFinal = 0
        /// The stored new lines of a provider with a line an insurer rejected on the same
        /// application, per application (their insurers test them: `cost list`).
        public var afterRejection: [String: Int] = [:]
    }

    /// Where, on which date, by whom, and whether the good rows are kept when some fail.
    public var settings: CSVImportSettings

    /// An import into `store`.
    public init(store: Store, today: Day, event: AuditContext, partial: Bool) {
        settings = CSVImportSettings(store: store, today: today, event: event, partial: partial)
    }

    /// Reads one row into a cost line; every malformed field at once (E-COST-INPUT).
    public static func line(from record: CSVReader.Record) throws(DoorbraakError) -> CostLine {
        do {
            return try CostLine(fields: record.fields, notation: record.notation)
        } catch {
            throw DoorbraakError.combined(error.errors) ?? DoorbraakError(.costInput, "the row is malformed")
        }
    }

    /// The well-formed line ids of a chunk.
    static func lineIDs(of records: [CSVReader.Record]) -> [String] {
        records.compactMap { try? CostLine.parseLineID($0("line_id")) }
    }

    /// What a chunk of cost lines rests on and its rows read, beside the writer.
    struct PreparedCosts: Sendable {
        let found: PreparedVerantwoording
        let lines: [Int: Swift.Result<CostLine, DoorbraakError>]
    }

    /// Imports `path`.
    public func run(_ path: String) throws(DoorbraakError) -> Result {
        var findings: [String: Int] = [:]
        var aboveShare: [(line: Int, cost: CostLine, share: Money)] = []
        var aboveShareCount = 0
        var onFinal = 0
        var afterRejection: [String: Int] = [:]
        // The lines of the chunk being taken, read beside the writer, by line number.
        var parsed: [Int: Swift.Result<CostLine, DoorbraakError>] = [:]
        let store = self.store, today = self.today
        let aside = settings.checksBesideWriter ? CSVAside<PreparedCosts>(prepare: { reader, records throws(DoorbraakError) in
            var lines: [Int: Swift.Result<CostLine, DoorbraakError>] = [:]
            for record in records { lines[record.line] = Swift.Result { () throws(DoorbraakError) in try CostImport.line(from: record) } }
            let found = try reader.preparedAside(of: records.preparableApplications, .costs, lines: lines.values.compactMap { try? $0.get() }, today: today)
            return PreparedCosts(found: found, lines: lines)
        }, adopt: { prepared throws(DoorbraakError) in
            try store.adopt(prepared.found)
            parsed = prepared.lines
        }) : nil
        let report = try CSVBatch.run(path, columns: CostImport.columns, into: store, partial: partial, rowsName: "cost lines", progress: progress,
                                      prepare: { records throws(DoorbraakError) in
                                          try store.prepareCosts(of: records.preparableApplications, lineIDs: CostImport.lineIDs(of: records), today: today)
                                      }, aside: aside) { record throws(DoorbraakError) in
            let line: CostLine
            if let read = parsed.removeValue(forKey: record.line) { line = try read.get() } else { line = try CostImport.line(from: record) }
            let signer = actingFor?.role == .provider ? actingFor?.id : nil
            try PartySignature.requireOwnLine(provider: line.provider.rawValue, signer: signer)
            if signer != nil { try PartySignature.requireMember(signer: signer, of: line.application.rawValue, coalition: try store.costCoalition(of: line.application)) }
            switch try store.storeCost(line, today: today, event: event) {
            case .stored(let codes, let share, let final, let rejected):
                for code in codes { findings[code.rawValue, default: 0] += 1 }
                if final { onFinal += 1 }
                if rejected { afterRejection[line.application.rawValue, default: 0] += 1 }
                if let share {
                    aboveShareCount += 1
                    if aboveShare.count < CostImport.aboveShareKept { aboveShare.append((record.line, line, share)) }
                }
                return .new
            case .unchanged:
                return .unchanged
            }
        }
        return Result(report: report, findings: report.committed ? findings : [:], aboveShare: report.committed ? aboveShare : [], aboveShareCount: report.committed ? aboveShareCount : 0,
                      onFinal: report.committed ? onFinal : 0, afterRejection: report.committed ? afterRejection : [:])
    }
}

/// Imports the coalitions' monitoring from CSV `application_id,peildatum,kpi,value` (SPEC §5,
/// §3.8 Monitoring): `kpi` is `fte` (the realised fte, net and structural, one decimal) or a KPI
/// id of the application's plan (`K1`, `K2`, … in the plan's order); an unknown one is refused
/// naming the nearest (E-MONITORING-KPI). The same application, peildatum and kpi again with the
/// same value changes nothing; with another value it is refused (E-MONITORING-CONFLICT).
public struct MonitoringImport: CSVImport {
    /// The columns, in the SPEC's order.
    public static let columns = Measurement.columns

    /// Where, on which date, by whom, and whether the good rows are kept when some fail.
    public var settings: CSVImportSettings

    /// An import into `store`.
    public init(store: Store, today: Day, event: AuditContext, partial: Bool) {
        settings = CSVImportSettings(store: store, today: today, event: event, partial: partial)
    }

    /// The keys of a chunk's measurements whose application and peildatum are well-formed, for
    /// its preparation (`Store.prepareMeasurementKeys`).
    static func keys(of records: [CSVReader.Record]) -> [MeasurementKey] {
        records.compactMap { r in
            guard let application = r.preparableApplication, let day = try? Day(parsing: r("peildatum")) else { return nil }
            return MeasurementKey(application: application, peildatum: day.description, kpi: r("kpi"))
        }
    }

    /// Imports `path`.
    public func run(_ path: String) throws(DoorbraakError) -> ImportReport {
        var kpis: [String: [String]] = [:]
        let store = self.store, today = self.today
        let aside = settings.checksBesideWriter ? CSVAside<PreparedVerantwoording>(prepare: { reader, records throws(DoorbraakError) in
            try reader.preparedAside(of: records.preparableApplications, .monitoring, measurements: MonitoringImport.keys(of: records), today: today)
        }, adopt: { prepared throws(DoorbraakError) in
            try store.adopt(prepared)
        }) : nil
        return try CSVBatch.run(path, columns: MonitoringImport.columns, into: store, partial: partial, rowsName: "measurements", progress: progress,
                                prepare: { records throws(DoorbraakError) in
                                    try store.prepareVerantwoording(of: records.preparableApplications, .monitoring, today: today)
                                    try store.prepareMeasurementKeys(MonitoringImport.keys(of: records))
                                }, aside: aside) { record throws(DoorbraakError) in
            let id = record("application_id")
            // Checked once per application and transaction by the store (`verantwoordingSubject`).
            let known = try store.planOf(id)
            var allowed: [String] = []
            if let plan = known.plan {
                if kpis[plan] == nil { kpis[plan] = try store.checkedKPIs(ofPlan: plan) ?? [] }
                allowed = kpis[plan] ?? []
            } else if !known.exists {
                // An unknown application has no plan to check the kpi against; that refusal is enough.
                allowed = [record("kpi")]
            }
            let measurement: Measurement
            do throws(FieldErrors) {
                measurement = try Measurement(fields: record.fields, notation: record.notation, allowedKPIs: allowed)
            } catch {
                throw DoorbraakError.combined(error.errors) ?? DoorbraakError(.monitoringInput, "the row is malformed")
            }
            if let signer = actingFor, signer.role == .provider {
                try PartySignature.requireLead(try store.penvoerder(of: id), of: id, signer: signer.id)
            }
            switch try store.storeMeasurement(measurement, today: today, event: event) {
            case .stored: return .new
            case .unchanged: return .unchanged
            }
        }
    }
}
