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

    /// Reads one row into a claim; malformed values are E-INPUT or E-CLAIM-STATUS, every one of
    /// the row at once (a review: a row with six wrong fields took six runs to correct).
    public static func claim(from record: CSVReader.Record) throws(DoorbraakError) -> Claim {
        let id = record("claim_id")
        var errors = ErrorList()
        do { try Claim.checkID(id) } catch { errors.add(error) }
        let status = errors.attempt { () throws(DoorbraakError) in try ClaimStatus(parsing: record("status")) }
        let amountText = record("amount")
        var amount: Money?
        if amountText.isEmpty && status == .missed {
            amount = .zero
        } else {
            do { amount = try Money(parsing: amountText, notation: record.notation) } catch { errors.add(error.nested(under: "amount")) }
        }
        var date: Day?
        do { date = try Day(parsing: record("date")) } catch { errors.add(error.nested(under: "date")) }
        let milestone = record("milestone")
        do { _ = try MilestoneCode(parsing: milestone) } catch { errors.add(error.nested(under: "milestone")) }
        do { _ = try AGB(parsing: record("provider")) } catch { errors.add(error.nested(under: "provider")) }
        do { _ = try UZOVI(parsing: record("insurer")) } catch { errors.add(error.nested(under: "insurer")) }
        let evidence = record("evidence")
        if evidence.hasControlOrFormatCharacter {
            errors.add(DoorbraakError(.input, "evidence contains control or bidirectional characters", field: "evidence"))
        }
        if let error = errors.combined { throw error }
        guard let status, let amount, let date else { throw DoorbraakError(.internal, "a claim read without its status, amount or date, or an error") }
        return Claim(id: id, application: record("application_id"), milestone: milestone, provider: record("provider"), insurer: record("insurer"),
                     amount: amount, date: date, status: status, evidence: evidence)
    }

    /// A payout rule's refusal of a well-formed claim (not a conflict of ids, not a check of the
    /// kept totals): kept, so that it stays refused. A replayed refusal is already kept. A claim
    /// refused only for coming early is not kept (`PayoutRules.refusedAsEarly`): each insurer
    /// imports its own file, so an application's M2 may arrive with one insurer's file before its
    /// M1 with the other's, and a claim dated after the business date may be imported again then.
    static func isKeptRefusal(_ error: DoorbraakError, of claim: Claim, today: Day) -> Bool {
        error.code.kind == .refused && error.code.rawValue.hasPrefix("E-CLAIM-") && error.code != .claimDuplicate
            && !PayoutRules.refusedAsEarly(error, claim: claim, today: today)
    }

    /// Claims of this file that came before a milestone they follow: tried again after the
    /// file's other rows, so that the order of rows within one file does not matter.
    private final class Waiting {
        /// Each with the `E-CLAIM-ORDER` refusal of its latest try.
        var claims: [(claim: Claim, line: Int, error: DoorbraakError)] = []
        /// Beyond this many, an early claim is refused at once (memory stays flat).
        static let limit = 10_000
    }

    /// Imports `path`; the report counts claims settled for the first time as new. A claim
    /// that comes before a milestone it follows waits until the file's other rows are settled,
    /// then is tried again (repeatedly, while that settles more).
    public func run(_ path: String) throws(DoorbraakError) -> ImportReport {
        // A claim of status released frees room under the ceiling.
        try store.holdAgainstDecideAll()
        let waiting = Waiting()
        let today = self.today
        let aside = settings.checksBesideWriter ? CSVAside<PreparedClaimsAside>(prepare: { reader, records throws(DoorbraakError) in
            try reader.preparedClaimsAside(ClaimImport.preparable(records), today: today)
        }, adopt: { prepared throws(DoorbraakError) in
            try store.adopt(prepared)
        }) : nil
        return try CSVBatch.run(path, columns: ClaimImport.columns, into: store, partial: partial, rowsName: "claims", progress: progress,
                                check: { record throws(DoorbraakError) in _ = try ClaimImport.claim(from: record) },
                                begin: { () throws(DoorbraakError) in try store.checkKeptTotals() },
                                prepare: { records throws(DoorbraakError) in try store.prepareClaims(ClaimImport.preparable(records), today: today) },
                                aside: aside,
                                retry: { () throws(DoorbraakError) in try settleWaiting(waiting) }) { record throws(DoorbraakError) in
            let claim = try ClaimImport.claim(from: record)
            // Another insurer's claim is refused, not kept as refused: it is that insurer's to import.
            try PartySignature.requireOwnRow(insurer: claim.insurer, actingFor: actingFor, code: .claimInsurer)
            do throws(DoorbraakError) {
                if case .settled = try settle(claim) { return .new }
                return .unchanged
            } catch where error.code == .claimOrder && waiting.claims.count < Waiting.limit {
                waiting.claims.append((claim, record.line, error))
                return .deferred
            }
        }
    }

    /// The well-formed claims of a chunk with their applications, for its preparation: a
    /// malformed id is left to its row's own refusal.
    static func preparable(_ records: [CSVReader.Record]) -> [(id: String, application: String)] {
        records.compactMap { r in
            guard let application = r.preparableApplication, (try? Claim.checkID(r("claim_id"))) != nil else { return nil }
            return (id: r("claim_id"), application: application)
        }
    }

    /// Settles one claim; a kept refusal is recorded before it is reported.
    private func settle(_ claim: Claim) throws(DoorbraakError) -> ClaimOutcome {
        do throws(DoorbraakError) {
            return try store.settle(claim, today: today, event: event)
        } catch where ClaimImport.isKeptRefusal(error, of: claim, today: today) {
            // Kept only from an insurer of the application: a kept refusal holds its claim id, and
            // an outsider's refused claim would take that id from the application's own insurer
            // (an attacker's review of the tenth session).
            if try store.isInsurer(claim.insurer, of: claim.application) { try store.recordRefusal(claim, error, today: today, event: event) }
            throw error
        }
    }

    /// Tries the waiting claims again until a pass settles none; the rest are refused, not kept.
    private func settleWaiting(_ waiting: Waiting) throws(DoorbraakError) -> RetryOutcome {
        var outcome = RetryOutcome()
        try store.prepareClaims([], today: today)
        var settledOne = true
        while settledOne && !waiting.claims.isEmpty {
            settledOne = false
            var still: [(claim: Claim, line: Int, error: DoorbraakError)] = []
            for (claim, line, _) in waiting.claims {
                do throws(DoorbraakError) {
                    if case .settled = try settle(claim) { outcome.new += 1 }
                    settledOne = true
                } catch where error.code == .claimOrder {
                    still.append((claim, line, error))
                } catch where error.isRowError && !store.db.uncoveredWrites {
                    outcome.failed.append((line, claim.id, error))
                    settledOne = true
                }
            }
            waiting.claims = still
        }
        outcome.failed += waiting.claims.map { ($0.line, $0.claim.id, $0.error) }
        return outcome
    }
}
