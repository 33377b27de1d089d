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

    /// Reads one row into a decision, every malformed field at once (a review: a row with a
    /// wrong insurer and a wrong version showed the insurer only); R3 needs the application's
    /// deviations.
    public static func decision(from record: CSVReader.Record, deviations: (String) throws(DoorbraakError) -> [String]) throws(DoorbraakError) -> (String, ReviewDecision) {
        let id = record("application_id")
        let insurer = record("insurer")
        var errors = ErrorList()
        if (try? UZOVI(parsing: insurer)) == nil { errors.add(DoorbraakError(.input, "insurer \"\(insurer)\" must be a 4-digit UZOVI code", field: "insurer")) }
        let keys = record("accepted_deviations").split(separator: "|").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        let note = record("note")
        var version: Int?
        if !record("version").isEmpty {
            version = ReviewDecision.versionNumber(record("version"))
            if version == nil { errors.add(DoorbraakError(.input, "version \"\(record("version"))\" must be \(ReviewDecision.versionHint)", field: "version")) }
        }
        var verdict: ReviewDecision.Verdict?
        do { verdict = try ReviewImport.verdict(of: record, keys: keys, id: id, deviations: deviations) } catch { errors.add(error) }
        if let error = errors.combined { throw error }
        guard let verdict else { throw DoorbraakError(.internal, "a decision read without a verdict or an error") }
        return (id, ReviewDecision(insurer: insurer, verdict: verdict, note: note, assessedVersion: version))
    }

    /// The row's decision and reason, with the accepted keys (and, for R3, the rejected ones).
    private static func verdict(of record: CSVReader.Record, keys: [String], id: String, deviations: (String) throws(DoorbraakError) -> [String]) throws(DoorbraakError) -> ReviewDecision.Verdict {
        switch record("decision") {
        case "approve":
            guard record("reason").isEmpty else { throw DoorbraakError(.reason, "an approval has no reason code", field: "reason") }
            return .approve(accepted: keys)
        case "reject":
            guard let reason = RejectionReason(rawValue: record("reason")) else {
                let given = record("reason"), codes = RejectionReason.allCases.map(\.rawValue)
                // Said as what is missing, not as an empty text, and a code in the wrong case with
                // the code meant (a newcomer's try); any other code is one edit from every code.
                let meant = codes.first { $0.lowercased() == given.lowercased() }.map { "; did you mean \($0)?" } ?? ""
                throw DoorbraakError(.reason, given.isEmpty ? "a rejection needs a reason: one of \(codes.joined(separator: ", "))"
                                     : "reason \"\(given)\" must be one of \(codes.joined(separator: ", "))\(meant)", field: "reason")
            }
            if reason != .R3 && !keys.isEmpty {
                throw DoorbraakError(.reason, "only an R3 rejection lists deviation keys", field: "accepted_deviations")
            }
            let rejected = reason == .R3 ? try deviations(id).filter { !keys.contains($0) } : []
            if reason == .R3 && rejected.isEmpty {
                throw DoorbraakError(.reason, "an R3 rejection must leave at least one deviation unaccepted", field: "accepted_deviations")
            }
            return .reject(reason, rejected: rejected)
        default:
            let hint = NearestName.suggestion(for: record("decision"), among: ["approve", "reject"]).map { "; did you mean \($0)?" } ?? ""
            throw DoorbraakError(.input, "decision \"\(record("decision"))\" must be approve or reject\(hint)", field: "decision")
        }
    }

    /// Imports `path` in one write transaction (all or nothing unless `partial`). Each chunk's
    /// applications, decisions and submissions are checked beside the writer (`CSVAside`,
    /// `Store.preparedReviewsAside`); a chunk that cannot be checked there is checked by the writer.
    public func run(_ path: String) throws(DoorbraakError) -> ImportReport {
        let today = self.today
        let aside = settings.checksBesideWriter ? CSVAside<PreparedReviewsAside>(prepare: { reader, records throws(DoorbraakError) in
            try reader.preparedReviewsAside(of: records.preparableApplications, today: today)
        }, adopt: { prepared throws(DoorbraakError) in
            try store.adopt(prepared)
        }) : nil
        return try CSVBatch.run(path, columns: ReviewImport.columns, optional: ReviewImport.optionalColumns, into: store, partial: partial, rowsName: "decisions", progress: progress,
                                // Without the database an R3 row cannot know the deviations: a sentinel key no row accepts.
                                check: { record throws(DoorbraakError) in _ = try ReviewImport.decision(from: record) { _ in ["\u{0}"] } },
                                // What a chunk's decisions rest on and write (the applications and their
                                // decisions), checked set-based before its rows are taken, when the
                                // chunk was not checked beside the writer.
                                prepare: { records throws(DoorbraakError) in
                                    try store.prepareReviews(of: records.preparableApplications)
                                },
                                aside: aside) { record throws(DoorbraakError) in
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
