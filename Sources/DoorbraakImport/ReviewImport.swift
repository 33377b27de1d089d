import DoorbraakCore
import DoorbraakStore

/// Imports insurer decisions from CSV: `application_id,insurer,decision,reason,accepted_deviations,note`
/// (SPEC §5), with an optional `version` column (required in a signed file). Deviation keys are
/// separated by `|`. For a `reject` row with `R3`, the rejected keys are the application's
/// deviations that the row does not list as accepted.
public struct ReviewImport: CSVImport {
    /// The columns, in the SPEC's order.
    public static let columns = ["application_id", "insurer", "decision", "reason", "accepted_deviations", "note"]
    /// The column a file may add: the version of the application each decision assessed
    /// (`ReviewRules.requireAssessed`); a signed file must have it.
    public static let optionalColumns = ["version"]

    /// Whether the file is signed: each decision then names the version it assessed.
    public var signed = false

    /// Where, on which date, by whom, and whether the good rows are kept when some fail.
    public var settings: CSVImportSettings

    /// An import into `store`.
    public init(store: Store, today: Day, event: AuditContext, partial: Bool) {
        settings = CSVImportSettings(store: store, today: today, event: event, partial: partial)
    }

    /// Reads one row into a decision; R3 needs the application's deviations.
    public static func decision(from record: CSVReader.Record, deviations: (String) throws(DoorbraakError) -> [String]) throws(DoorbraakError) -> (String, ReviewDecision) {
        let id = record("application_id")
        let insurer = record("insurer")
        guard (try? UZOVI(parsing: insurer)) != nil else { throw DoorbraakError(.input, "insurer \"\(insurer)\" must be a 4-digit UZOVI code", field: "insurer") }
        let keys = record("accepted_deviations").split(separator: "|").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        let note = record("note")
        var version: Int?
        if !record("version").isEmpty {
            guard let v = ReviewDecision.versionNumber(record("version")) else {
                throw DoorbraakError(.input, "version \"\(record("version"))\" must be \(ReviewDecision.versionHint)", field: "version")
            }
            version = v
        }
        switch record("decision") {
        case "approve":
            guard record("reason").isEmpty else { throw DoorbraakError(.reason, "an approval has no reason code", field: "reason") }
            return (id, ReviewDecision(insurer: insurer, verdict: .approve(accepted: keys), note: note, assessedVersion: version))
        case "reject":
            guard let reason = RejectionReason(rawValue: record("reason")) else {
                throw DoorbraakError(.reason, "reason \"\(record("reason"))\" must be one of R1, R2, R3, R4, R5, R9", field: "reason")
            }
            let rejected = reason == .R3 ? try deviations(id).filter { !keys.contains($0) } : []
            if reason != .R3 && !keys.isEmpty {
                throw DoorbraakError(.reason, "only an R3 rejection lists deviation keys", field: "accepted_deviations")
            }
            if reason == .R3 && rejected.isEmpty {
                throw DoorbraakError(.reason, "an R3 rejection must leave at least one deviation unaccepted", field: "accepted_deviations")
            }
            return (id, ReviewDecision(insurer: insurer, verdict: .reject(reason, rejected: rejected), note: note, assessedVersion: version))
        default:
            throw DoorbraakError(.input, "decision \"\(record("decision"))\" must be approve or reject", field: "decision")
        }
    }

    /// Imports `path` in one write transaction (all or nothing unless `partial`).
    public func run(_ path: String) throws(DoorbraakError) -> ImportReport {
        try CSVBatch.run(path, columns: ReviewImport.columns, optional: ReviewImport.optionalColumns, into: store, partial: partial, rowsName: "decisions", progress: progress,
                         // Without the database an R3 row cannot know the deviations: a sentinel key no row accepts.
                         check: { record throws(DoorbraakError) in _ = try ReviewImport.decision(from: record) { _ in ["\u{0}"] } },
                         // What a chunk's decisions rest on and write (the applications and their
                         // decisions), checked set-based before its rows are taken.
                         prepare: { records throws(DoorbraakError) in
                             try store.prepareReviews(of: Array(Set(records.compactMap(\.preparableApplication))).sorted())
                         }) { record throws(DoorbraakError) in
            let (id, decision) = try ReviewImport.decision(from: record) { id throws(DoorbraakError) in
                guard let deviations = try store.deviations(of: id) else { throw DoorbraakError(.missing, "no application \"\(id)\"", field: "application_id") }
                return deviations
            }
            try PartySignature.requireOwnRow(insurer: decision.insurer, actingFor: actingFor, code: .reviewer)
            switch try store.record(decision, on: id, today: today, event: event, signed: signed) {
            case .recorded: return .new
            case .unchanged: return .unchanged
            }
        }
    }
}
