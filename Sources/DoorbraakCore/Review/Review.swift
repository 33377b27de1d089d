/// The reason codes an insurer gives with a rejection (SPEC §3.4).
public enum RejectionReason: String, Sendable, CaseIterable, Comparable {
    /// Incomplete.
    case R1
    /// Impact not substantiated.
    case R2
    /// A deviation not accepted.
    case R3
    /// No execution power (basiseis 3).
    case R4
    /// Double funding.
    case R5
    /// Other; needs a note.
    case R9

    /// What the code means, for people.
    public var meaning: String {
        switch self {
        case .R1: return "incomplete"
        case .R2: return "impact not substantiated"
        case .R3: return "deviation not accepted"
        case .R4: return "no execution power"
        case .R5: return "double funding"
        case .R9: return "other"
        }
    }

    public static func < (a: RejectionReason, b: RejectionReason) -> Bool { a.rawValue < b.rawValue }
}

/// One insurer's decision on one application.
public struct ReviewDecision: Sendable, Equatable {
    /// Approve or reject.
    public enum Verdict: Sendable, Equatable {
        /// Approve, accepting these deviation keys.
        case approve(accepted: [String])
        /// Reject for a reason; with R3, the deviation keys rejected.
        case reject(RejectionReason, rejected: [String])
    }

    /// The insurer deciding, as given.
    public var insurer: String
    /// The verdict.
    public var verdict: Verdict
    /// A free note (required with R9).
    public var note: String
    /// The version of the application the insurer assessed, when the decision names it (a
    /// reviews file's `version` column; required in a signed file): the decision holds for
    /// that version only (`ReviewRules.requireAssessed`).
    public var assessedVersion: Int?

    /// `text` as a version number (a reviews file's `version`, `review --version`), or nil.
    public static func versionNumber(_ text: String) -> Int? {
        guard text.allSatisfy(\.isASCII), let v = Int(text), v > 0 else { return nil }
        return v
    }

    /// What a version number is, for the refusal of one that is not.
    public static let versionHint = "the application's version number, such as 1 or 2 (as `doorbraak application show` names it)"

    /// A decision.
    public init(insurer: String, verdict: Verdict, note: String, assessedVersion: Int? = nil) {
        self.insurer = insurer
        self.verdict = verdict
        self.note = note
        self.assessedVersion = assessedVersion
    }

    /// `approve` or `reject`.
    public var decisionName: String {
        if case .approve = verdict { return "approve" }
        return "reject"
    }
}

/// What the review rules need to know of an application.
public struct ReviewSubject: Sendable {
    /// The id.
    public var id: String
    /// Current status.
    public var status: ApplicationStatus
    /// The coordinating insurer.
    public var coordinating: String
    /// The second insurer.
    public var second: String
    /// The deviation keys the engine found.
    public var deviations: [String]
    /// Insurers that decided already.
    public var decidedBy: [String]

    /// A subject.
    public init(id: String, status: ApplicationStatus, coordinating: String, second: String, deviations: [String], decidedBy: [String]) {
        self.id = id
        self.status = status
        self.coordinating = coordinating
        self.second = second
        self.deviations = deviations
        self.decidedBy = decidedBy
    }
}

extension ErrorCode {
    /// The insurer is not one of the application's two insurers.
    public static let reviewer = ErrorCode("E-REVIEWER", .refused)
    /// The insurer decided before.
    public static let decided = ErrorCode("E-DECIDED", .refused)
    /// An approval that leaves a deviation unaccepted.
    public static let contradictory = ErrorCode("E-CONTRADICTORY", .refused)
    /// A deviation key the application does not have.
    public static let deviationKey = ErrorCode("E-DEVIATION-KEY", .refused)
    /// A missing or misplaced reason or note.
    public static let reason = ErrorCode("E-REASON", .refused)
    /// A decision on another version than the one registered, or a signed decision naming none.
    public static let version = ErrorCode("E-VERSION", .refused)
}

/// The review rules of SPEC §3.4: pas toe of leg uit, two insurers (004 line 217).
public enum ReviewRules {
    /// A decision holds for the version the insurer assessed. A provider may replace its
    /// application until an insurer has decided — until the decision is recorded, not until it
    /// was made: an identity review of the twelfth landing had a penvoerder swap a coalition
    /// member in after both insurers signed their files, and the approval counted for the new
    /// version, which was granted and paid. A decision naming the version it assessed is refused
    /// for any other (`E-VERSION`); a signed decision must name it (`signed`), since the signature
    /// is what makes it the insurer's act on that content.
    public static func requireAssessed(_ decision: ReviewDecision, registered: Int, of id: String, signed: Bool) throws(DoorbraakError) {
        guard let assessed = decision.assessedVersion else {
            guard !signed else {
                throw DoorbraakError(.version, "a signed decision names the version of \(id) it assessed in the column version (the version `doorbraak application show \(id)` names, now \(registered))", field: "version")
            }
            return
        }
        guard assessed <= registered else {
            throw DoorbraakError(.version, "the decision is on version \(assessed) of \(id), but only versions up to \(registered) are registered; name the version `doorbraak application show \(id)` shows", field: "version")
        }
        guard assessed == registered else {
            throw DoorbraakError(.version, "the decision is on version \(assessed) of \(id), but version \(registered) is registered (the provider replaced it); assess version \(registered) and decide on it", field: "version")
        }
    }

    /// The status after `decision`, or the coded reason it is refused.
    public static func apply(_ decision: ReviewDecision, to subject: ReviewSubject) throws(DoorbraakError) -> ApplicationStatus {
        guard decision.insurer == subject.coordinating || decision.insurer == subject.second else {
            throw DoorbraakError(.reviewer, "insurer \(decision.insurer) is not named on \(subject.id); only \(subject.coordinating) (coordinating) and \(subject.second) (second) decide", field: "insurer")
        }
        if subject.decidedBy.contains(decision.insurer) {
            throw DoorbraakError(.decided, "insurer \(decision.insurer) already decided on \(subject.id); to change it before the allocation, use review --revise with a --note that says why", field: "insurer")
        }
        // After one rejection the other insurer may still record its decision; the status stays rejected.
        guard subject.status.takesDecisions else {
            throw DoorbraakError(.state, "\(subject.id) is \(subject.status); decisions are taken while it is submitted, in review or rejected")
        }
        try validate(decision, on: subject)
        switch decision.verdict {
        case .approve:
            if subject.status == .rejected { return .rejected }
            return subject.status == .inReview ? .approved : .inReview
        case .reject:
            return .rejected
        }
    }

    /// The status after `decision` replaces the insurer's earlier one (`review --revise`, SPEC
    /// §3.4), given the other insurer's decision (nil when it has not decided): allowed until the
    /// round is allocated, with a note that says why.
    public static func revise(_ decision: ReviewDecision, to subject: ReviewSubject, other: ReviewDecision.Verdict?, allocated: Bool) throws(DoorbraakError) -> ApplicationStatus {
        guard decision.insurer == subject.coordinating || decision.insurer == subject.second else {
            throw DoorbraakError(.reviewer, "insurer \(decision.insurer) is not named on \(subject.id); only \(subject.coordinating) (coordinating) and \(subject.second) (second) decide", field: "insurer")
        }
        guard subject.decidedBy.contains(decision.insurer) else {
            throw DoorbraakError(.state, "insurer \(decision.insurer) has not decided on \(subject.id) yet; record its decision without --revise", field: "insurer")
        }
        guard !allocated else {
            throw DoorbraakError(.state, "the round was allocated; a decision is revised only before the allocation")
        }
        guard subject.status.takesRevisions else {
            throw DoorbraakError(.state, "\(subject.id) is \(subject.status); a decision is revised while it is in review, approved or rejected")
        }
        guard !decision.note.allSatisfy(\.isWhitespace) else {
            throw DoorbraakError(.reason, "a revised decision says why in --note (the first stays in the audit trail)", field: "note")
        }
        try validate(decision, on: subject)
        switch (decision.verdict, other) {
        case (.reject, _), (_, .reject?): return .rejected
        case (.approve, .approve?): return .approved
        case (.approve, nil): return .inReview
        }
    }

    /// The checks every decision passes: a note on one line without control or bidirectional
    /// characters (it is printed in the audit trail and `application show`: an attacker's review
    /// typed `--note` with a line break and forged a line of the trail; a reviews file's note was
    /// refused by the CSV reader already), deviation keys known, an approval accepting them all,
    /// a rejection's reason and keys consistent.
    static func validate(_ decision: ReviewDecision, on subject: ReviewSubject) throws(DoorbraakError) {
        if decision.note.hasControlOrFormatCharacter {
            throw DoorbraakError(.input, "the note must be one line without control, bidirectional or line-break characters", field: "note")
        }
        let known = Set(subject.deviations)
        switch decision.verdict {
        case .approve(let accepted):
            if let unknown = accepted.first(where: { !known.contains($0) }) {
                throw DoorbraakError(.deviationKey, "\(subject.id) has no deviation \"\(unknown)\"; its deviations are \(subject.deviations.isEmpty ? "none" : subject.deviations.joined(separator: ", "))", field: "accepted_deviations")
            }
            let missing = subject.deviations.filter { !accepted.contains($0) }
            if !missing.isEmpty {
                throw DoorbraakError(.contradictory, "an approval must accept every deviation; not accepted: \(missing.joined(separator: ", ")) (reject with R3 instead)", field: "accepted_deviations")
            }
        case .reject(let reason, let rejected):
            if let unknown = rejected.first(where: { !known.contains($0) }) {
                throw DoorbraakError(.deviationKey, "\(subject.id) has no deviation \"\(unknown)\"; its deviations are \(subject.deviations.isEmpty ? "none" : subject.deviations.joined(separator: ", "))", field: "rejected_deviations")
            }
            if reason == .R3 && rejected.isEmpty {
                throw DoorbraakError(.reason, "a rejection with R3 names the deviation keys it rejects", field: "reason")
            }
            if reason != .R3 && !rejected.isEmpty {
                throw DoorbraakError(.reason, "only an R3 rejection names deviation keys; \(reason.rawValue) is \(reason.meaning)", field: "reason")
            }
            if reason == .R9 && decision.note.allSatisfy(\.isWhitespace) {
                throw DoorbraakError(.reason, "a rejection with R9 (other) needs a note", field: "note")
            }
        }
    }
}
