import DoorbraakCore
import DoorbraakStore

/// Imports milestone claims from CSV `claim_id,application_id,milestone,provider,insurer,amount,date,status,evidence`
/// (SPEC §5): a comma file with a decimal point or a semicolon file with a decimal comma, taken
/// from the header. All rows in one `BEGIN IMMEDIATE` transaction, so two processes importing
/// overlapping files are serialised and a milestone is settled once; all or nothing unless `partial`.
public struct ClaimImport: CSVImport {
    /// The columns, in the SPEC's order.
    public static let columns = ["claim_id", "application_id", "milestone", "provider", "insurer", "amount", "date", "status", "evidence"]

    /// Where, on which date, by whom, and whether the good rows are kept when some fail.
    public var settings: CSVImportSettings

    /// An import into `store`.
    public init(store: Store, today: Day, event: AuditContext, partial: Bool) {
        settings = CSVImportSettings(store: store, today: today, event: event, partial: partial)
    }

    /// Reads one row into a claim; malformed values are E-INPUT or E-CLAIM-STATUS.
    public static func claim(from record: CSVReader.Record) throws(DoorbraakError) -> Claim {
        let id = record("claim_id")
        try Claim.checkID(id)
        let status = try ClaimStatus(parsing: record("status"))
        let amountText = record("amount")
        let amount: Money
        if amountText.isEmpty && status == .missed {
            amount = .zero
        } else {
            do { amount = try Money(parsing: amountText, notation: record.notation) } catch { throw error.nested(under: "amount") }
        }
        let date: Day
        do { date = try Day(parsing: record("date")) } catch { throw error.nested(under: "date") }
        let milestone = record("milestone")
        do { _ = try MilestoneCode(parsing: milestone) } catch { throw error.nested(under: "milestone") }
        do { _ = try AGB(parsing: record("provider")) } catch { throw error.nested(under: "provider") }
        do { _ = try UZOVI(parsing: record("insurer")) } catch { throw error.nested(under: "insurer") }
        let evidence = record("evidence")
        if evidence.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            throw DoorbraakError(.input, "evidence contains control or bidirectional characters", field: "evidence")
        }
        return Claim(id: id, application: record("application_id"), milestone: milestone, provider: record("provider"), insurer: record("insurer"),
                     amount: amount, date: date, status: status, evidence: evidence)
    }

    /// A payout rule's refusal of a well-formed claim (not a conflict of ids, not a check of the
    /// kept totals): kept, so that it stays refused. A replayed refusal is already kept.
    static func isKeptRefusal(_ error: DoorbraakError) -> Bool {
        error.code.kind == .refused && error.code.rawValue.hasPrefix("E-CLAIM-") && error.code != .claimDuplicate
    }

    /// Imports `path`; the report counts claims settled for the first time as new.
    public func run(_ path: String) throws(DoorbraakError) -> ImportReport {
        try CSVBatch.run(path, columns: ClaimImport.columns, into: store, partial: partial, rowsName: "claims", progress: progress,
                         check: { record throws(DoorbraakError) in _ = try ClaimImport.claim(from: record) }) { record throws(DoorbraakError) in
            let claim = try ClaimImport.claim(from: record)
            do throws(DoorbraakError) {
                switch try store.settle(claim, today: today, event: event) {
                case .settled: return .new
                case .unchanged: return .unchanged
                }
            } catch where ClaimImport.isKeptRefusal(error) {
                try store.recordRefusal(claim, error, today: today, event: event)
                throw error
            }
        }
    }
}
