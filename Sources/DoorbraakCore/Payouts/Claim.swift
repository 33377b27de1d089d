/// What a claim says happened to a milestone (SPEC §3.7).
public enum ClaimStatus: String, Sendable, CaseIterable {
    /// The milestone was reached: the insurer pays the amount (*per bereikte mijlpaal*, 004 line 238).
    case reached
    /// The milestone was missed: its tariff is released and the bovengrens lowered.
    case missed

    /// Parses `reached` or `missed`.
    public init(parsing text: String) throws(DoorbraakError) {
        guard let status = ClaimStatus(rawValue: text) else {
            let hint = NearestName.suggestion(for: text, among: ClaimStatus.allCases.map(\.rawValue)).map { "; did you mean \($0)?" } ?? ""
            throw DoorbraakError(.claimStatus, "status \"\(text)\" must be reached or missed\(hint)", field: "status")
        }
        self = status
    }
}

/// One milestone claim as an insurer files it: `claim_id,application_id,milestone,provider,insurer,amount,date,status,evidence`.
public struct Claim: Sendable, Equatable {
    /// The claim's own id (idempotency key).
    public var id: String
    /// The application.
    public var application: String
    /// The milestone code as written (`M2`).
    public var milestone: String
    /// The provider that reached it (AGB).
    public var provider: String
    /// The paying insurer (UZOVI).
    public var insurer: String
    /// The amount; zero for a missed milestone.
    public var amount: Money
    /// The date it was reached or missed.
    public var date: Day
    /// reached or missed.
    public var status: ClaimStatus
    /// The evidence the claim names (a document reference).
    public var evidence: String

    /// A claim.
    public init(id: String, application: String, milestone: String, provider: String, insurer: String,
                amount: Money, date: Day, status: ClaimStatus, evidence: String) {
        self.id = id
        self.application = application
        self.milestone = milestone
        self.provider = provider
        self.insurer = insurer
        self.amount = amount
        self.date = date
        self.status = status
        self.evidence = evidence
    }

    /// The content compared for idempotency: the same claim id must come with exactly this again
    /// (amounts as cents, so a comma and a semicolon file of the same claim agree).
    public var contentKey: String {
        [application, milestone, provider, insurer, String(amount.cents), date.description, status.rawValue, evidence].joined(separator: "\u{1F}")
    }

    /// Checks a claim id: 1–64 characters of letters, digits and `-_./`, starting with a letter or digit.
    public static func checkID(_ text: String) throws(DoorbraakError) {
        let bytes = Array(text.utf8)
        func allowed(_ c: UInt8) -> Bool {
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
        }
        guard (1...64).contains(bytes.count), let first = bytes.first, allowed(first), first != UInt8(ascii: "-"), first != UInt8(ascii: "_"),
              first != UInt8(ascii: "."), first != UInt8(ascii: "/"), bytes.allSatisfy(allowed) else {
            throw DoorbraakError(.input, "claim id \"\(text)\" must be 1–64 letters, digits and -_./, starting with a letter or digit", field: "claim_id")
        }
    }
}

extension ErrorCode {
    /// The application of a claim is not granted (or its beschikking is final).
    public static let claimState = ErrorCode("E-CLAIM-STATE", .refused)
    /// The milestone is not one of the application's, or was paid or released before.
    public static let claimMilestone = ErrorCode("E-CLAIM-MILESTONE", .refused)
    /// An earlier milestone is not yet settled.
    public static let claimOrder = ErrorCode("E-CLAIM-ORDER", .refused)
    /// The amount is above the milestone's tariff.
    public static let claimTariff = ErrorCode("E-CLAIM-TARIFF", .refused)
    /// Paying would bring the total paid above the current bovengrens.
    public static let claimBovengrens = ErrorCode("E-CLAIM-BOVENGRENS", .refused)
    /// The date lies outside 2027-01-01…2029-12-31 or after today.
    public static let claimDate = ErrorCode("E-CLAIM-DATE", .refused)
    /// The provider is not in the coalition.
    public static let claimProvider = ErrorCode("E-CLAIM-PROVIDER", .refused)
    /// The paying insurer is not one of the application's two insurers.
    public static let claimInsurer = ErrorCode("E-CLAIM-INSURER", .refused)
    /// A reached claim names no evidence.
    public static let claimEvidence = ErrorCode("E-CLAIM-EVIDENCE", .refused)
    /// The status is not reached/missed, or the amount does not go with it (malformed).
    public static let claimStatus = ErrorCode("E-CLAIM-STATUS", .badInput)
    /// The same claim id came before with other content.
    public static let claimDuplicate = ErrorCode("E-CLAIM-DUPLICATE", .refused)
    /// A part alike in everything but its claim id to one paid before on the milestone.
    public static let claimRepeat = ErrorCode("E-CLAIM-REPEAT", .refused)
}
