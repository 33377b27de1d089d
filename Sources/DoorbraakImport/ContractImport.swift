import DoorbraakCore
import DoorbraakStore

/// Requests beschikkingen for a whole round from CSV `application_id,contract` (SPEC §5,
/// `nza request --all --contracts FILE`), in one transaction, all or nothing unless `partial`.
public struct ContractImport {
    /// The columns.
    public static let columns = ["application_id", "contract"]

    /// The store.
    public let store: Store
    /// The request date.
    public let today: Day
    /// The audit context.
    public let event: AuditContext
    /// Store the good rows even when some fail.
    public let partial: Bool

    /// An import into `store`.
    public init(store: Store, today: Day, event: AuditContext, partial: Bool) {
        self.store = store
        self.today = today
        self.event = event
        self.partial = partial
    }

    /// Requests every row of `path`; the report counts pending requests as new and lists refusals
    /// at request time (E-CEILING) among the errors.
    public func run(_ path: String) throws(DoorbraakError) -> ImportReport {
        let reader = try CSVReader(path: path, expected: ContractImport.columns)
        var report = ImportReport()
        let db = store.db
        try db.execute("BEGIN IMMEDIATE")
        do throws(DoorbraakError) {
            var rows = 0
            while let row = try reader.next() {
                rows += 1
                switch row {
                case .failure(let error):
                    report.add(error, id: nil)
                case .success(let record):
                    do throws(DoorbraakError) {
                        switch try store.requestBeschikking(record("application_id"), contract: record("contract"), today: today, event: event) {
                        case .pending: report.new += 1
                        case .unchanged: report.unchanged += 1
                        case .refused(let bovengrens, let remaining):
                            report.add(DoorbraakError(.ceiling, "bovengrens \(bovengrens) does not fit the \(remaining) left under the macro ceiling; refused", file: path, line: record.line), id: record("application_id"))
                        }
                    } catch where error.isRowError {
                        report.add(error.located(file: path, line: record.line), id: record("application_id"))
                    }
                }
            }
            if rows == 0 { throw DoorbraakError(.input, "the file holds a header but no contracts", file: path) }
            try report.finish(db: db, partial: partial)
        } catch {
            if db.inTransaction { try? db.execute("ROLLBACK") }
            throw error
        }
        return report
    }
}
