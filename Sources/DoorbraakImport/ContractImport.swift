import DoorbraakCore
import DoorbraakStore

/// Requests beschikkingen for a whole round from CSV `application_id,contract` (SPEC §5,
/// `nza request --all --contracts FILE`), in one transaction, all or nothing unless `partial`.
/// A signed file acts for its signer, the coordinating insurer of every row (`actingFor`).
public struct ContractImport: CSVImport {
    /// The columns.
    public static let columns = ["application_id", "contract"]

    /// Where, on which date, by whom, and whether the good rows are kept when some fail.
    public var settings: CSVImportSettings

    /// An import into `store`.
    public init(store: Store, today: Day, event: AuditContext, partial: Bool) {
        settings = CSVImportSettings(store: store, today: today, event: event, partial: partial)
    }

    /// Requests every row of `path`; the report counts new pending requests.
    public func run(_ path: String) throws(DoorbraakError) -> ImportReport {
        try store.holdAgainstDecideAll()
        return try CSVBatch.run(path, columns: ContractImport.columns, into: store, partial: partial, rowsName: "contracts",
                         begin: { () throws(DoorbraakError) in try store.checkKeptTotals() }) { record throws(DoorbraakError) in
            switch try store.requestBeschikking(record("application_id"), contract: record("contract"), today: today, event: event, requester: actingFor) {
            case .pending: return .new
            case .unchanged: return .unchanged
            }
        }
    }
}
