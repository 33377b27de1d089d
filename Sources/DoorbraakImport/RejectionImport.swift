import DoorbraakCore
import DoorbraakStore

/// Imports an insurer's rejections of stored cost lines from CSV `line_id,insurer,plausible,note`
/// (P8, `CostRejection`): what `doorbraak cost reject` does for one line, for a file of them, all
/// dated the import's business date. A comma file with a decimal point or a semicolon file with a
/// decimal comma, taken from the header; `plausible` empty is none of the line. Each row is
/// checked and stored as one rejection is (`Store.storeRejection`: only an insurer that paid the
/// line's provider, a line still eligible, once per insurer, in business-date order), in one
/// transaction: all or nothing unless `partial`. A malformed row is E-INPUT with every failing
/// field (exit 65). With `actingFor` (a file signed by an insurer) every row is that insurer's.
public struct RejectionImport: CSVImport {
    /// The columns, in order.
    public static let columns = CostRejection.columns

    /// What an import did.
    public struct Result: Sendable {
        /// The usual import report.
        public var report: ImportReport
        /// Stored rejections that count now (P8: every insurer that paid the provider rejected the line).
        public var counted = 0
        /// Stored rejections that await another paying insurer's.
        public var awaiting = 0
        /// Counted rejections of a line on a beschikking that is final.
        public var onFinal = 0
        /// What the counted rejections made not eligible.
        public var notEligible = Money.zero
    }

    /// Where, on which date, by whom, and whether the good rows are kept when some fail.
    public var settings: CSVImportSettings

    /// An import into `store`.
    public init(store: Store, today: Day, event: AuditContext, partial: Bool) {
        settings = CSVImportSettings(store: store, today: today, event: event, partial: partial)
    }

    /// Reads one row into a rejection dated `today`; every malformed field at once (E-INPUT).
    public static func rejection(from record: CSVReader.Record, on today: Day) throws(DoorbraakError) -> CostRejection {
        do {
            return try CostRejection(fields: record.fields, notation: record.notation, on: today)
        } catch {
            throw DoorbraakError.combined(error.errors) ?? DoorbraakError(.input, "the row is malformed")
        }
    }

    /// Imports `path`; `registered` are the insurers of the register (a row of another is E-INSURERS).
    public func run(_ path: String, registered: Set<String>) throws(DoorbraakError) -> Result {
        var result = Result(report: ImportReport())
        let report = try CSVBatch.run(path, columns: RejectionImport.columns, into: store, partial: partial, rowsName: "rejections", progress: progress,
                                      check: { record throws(DoorbraakError) in _ = try RejectionImport.rejection(from: record, on: today) }) { record throws(DoorbraakError) in
            let rejection = try RejectionImport.rejection(from: record, on: today)
            if let error = PartyRegister.checkInsurers([("insurer", rejection.insurer.rawValue)], registered: registered).first { throw error }
            try PartySignature.requireOwnRow(insurer: rejection.insurer.rawValue, actingFor: actingFor, code: .reviewer)
            switch try store.storeRejection(rejection, event: event) {
            case .rejected(_, let final, _, let notEligible):
                if let notEligible {
                    result.counted += 1
                    result.notEligible = result.notEligible + notEligible
                    // Only a rejection that counts changes the recovery of a final beschikking.
                    if final { result.onFinal += 1 }
                } else {
                    result.awaiting += 1
                }
                return .new
            case .unchanged:
                return .unchanged
            case .checked:
                return .unchanged
            }
        }
        if !report.committed { result = Result(report: report) }
        result.report = report
        return result
    }
}
