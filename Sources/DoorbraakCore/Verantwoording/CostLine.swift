/// Whether a cost is a one-off (`incidental`) or recurring (`structural`). The doorbraakmiddelen
/// are a one-off impulse: a structural budget line is E-EXCLUDED (SPEC §3.2), a structural cost P3.
public enum CostKind: String, Sendable, CaseIterable, Comparable {
    /// A one-off cost of the transformation itself.
    case incidental
    /// A recurring cost; the doorbraakmiddelen pay for the change, not for running it.
    case structural

    /// Parses a kind, naming the valid ones when it is not one.
    public init(parsing text: String) throws(DoorbraakError) {
        guard let kind = CostKind(rawValue: text) else {
            let names = CostKind.allCases.map(\.rawValue)
            throw DoorbraakError(.input, "unknown cost kind \"\(text)\"; \(NearestName.hint(for: text, among: names))use one of \(names.joined(separator: ", "))")
        }
        self = kind
    }

    public static func < (a: CostKind, b: CostKind) -> Bool { a.rawValue < b.rawValue }
}

/// One line of actual cost a provider accounts for (SPEC §3.8; 004 line 267: only actual costs
/// are reimbursed; 004 line 272: providers account under the NZa's verantwoordingskader).
public struct CostLine: Sendable, Equatable {
    /// The CSV columns, in the SPEC's order (SPEC §5, `import costs`).
    public static let columns = ["line_id", "application_id", "provider", "year", "category", "kind", "amount", "description"]
    /// The years a cost line may name at all; whether it is eligible is a finding (P2), not a parse error.
    public static let acceptedYears = 2000...2100
    /// The longest description kept.
    public static let maximumDescriptionLength = 500

    /// The provider's own id of the line: the key that makes the import idempotent.
    public var lineID: String
    /// The application the cost belongs to.
    public var application: ApplicationID
    /// The provider that made the cost.
    public var provider: AGB
    /// The calendar year the cost was made.
    public var year: Int
    /// What the money was spent on.
    public var category: CostCategory
    /// Incidental or structural.
    public var kind: CostKind
    /// The actual cost.
    public var amount: Money
    /// What the cost was, for people (may be empty).
    public var description: String

    /// A cost line from known-valid values.
    public init(lineID: String, application: ApplicationID, provider: AGB, year: Int, category: CostCategory, kind: CostKind, amount: Money, description: String = "") {
        self.lineID = lineID
        self.application = application
        self.provider = provider
        self.year = year
        self.category = category
        self.kind = kind
        self.amount = amount
        self.description = description
    }

    /// Parses one CSV row (column name → text) whose amount is written in `notation`; reports
    /// every malformed field of the row at once, each as `E-COST-INPUT` with its column name.
    public init(fields: [String: String], notation: Money.Notation) throws(FieldErrors) {
        var row = RowParser(fields, code: .costInput)
        let lineID = row.field("line_id", CostLine.parseLineID)
        let application = row.field("application_id", ApplicationID.init(parsing:))
        let provider = row.field("provider", AGB.init(parsing:))
        let year = row.field("year", CostLine.parseYear)
        let category = row.field("category", CostCategory.init(parsing:))
        let kind = row.field("kind", CostKind.init(parsing:))
        let amount = row.field("amount") { text throws(DoorbraakError) in try Money(parsing: text, notation: notation) }
        let description = row.field("description", CostLine.parseDescription)
        guard let lineID, let application, let provider, let year, let category, let kind, let amount, let description else {
            throw FieldErrors(row.errors)
        }
        self.init(lineID: lineID, application: application, provider: provider, year: year, category: category, kind: kind, amount: amount, description: description)
    }

    /// Everything but the line id, in one canonical text: the amount in its machine form, so that
    /// `1.250,00` in a semicolon file and `1250.00` in a comma file are the same content. Two
    /// lines with the same id and a different canonical content are a conflict (P7).
    public var canonicalContent: String {
        [application.rawValue, provider.rawValue, String(year), category.rawValue, kind.rawValue, amount.description, description]
            .joined(separator: "\u{1F}")
    }

    /// Checks a re-reported line against the stored one with the same id: unchanged (true),
    /// new content (P7, refused: 004 line 267 reimburses actual costs once).
    public static func isUnchanged(_ stored: CostLine, _ reported: CostLine) throws(DoorbraakError) -> Bool {
        guard stored.lineID == reported.lineID else { return false }
        guard stored.canonicalContent == reported.canonicalContent else {
            let changed = CostLine.differences(stored, reported).map { "\($0.field) \($0.stored), now \($0.reported)" }.joined(separator: "; ")
            throw DoorbraakError(.costConflict, "cost line \(reported.lineID) was reported before — earlier in this file or in an earlier import — with other content (\(changed)); a line is reimbursed once: another cost needs its own line id", field: "line_id")
        }
        return true
    }

    /// The fields in which two lines differ, in column order, with both values as a reader sees
    /// them (a P7 that showed only amount and year read "€ 50.000,00 in 2029, now € 50.000,00 in
    /// 2029" when the provider differed — a newcomer's try).
    static func differences(_ stored: CostLine, _ reported: CostLine) -> [(field: String, stored: String, reported: String)] {
        let fields: [(String, (CostLine) -> String)] = [
            ("application_id", { $0.application.rawValue }), ("provider", { $0.provider.rawValue }), ("year", { String($0.year) }),
            ("category", { $0.category.rawValue }), ("kind", { $0.kind.rawValue }), ("amount", { $0.amount.dutch }), ("description", { "\"\($0.description)\"" }),
        ]
        return fields.compactMap { field, value in value(stored) == value(reported) ? nil : (field, value(stored), value(reported)) }
    }

    /// Whether the line's amount alone is above its provider's whole coalition amount (`share`;
    /// nil for a provider outside the coalition, which is P6): stored — the costs may be real —
    /// but said at the import, since a stored line is not replaced (P7) and a misplaced decimal
    /// would cancel a recovery (a newcomer's try: € 12.500.000,00 typed for € 125.000,00 was
    /// stored without a word). At the share itself nothing is said.
    public static func isAboveShare(_ line: CostLine, share: Money?) -> Bool {
        guard let share else { return false }
        return line.amount > share
    }

    /// Whether two descriptions say the same, as a reader reads them: compared without regard to
    /// letter case, runs of white space (a no-break space among them) or Unicode's canonical
    /// forms (Swift compares "café" composed and decomposed as equal) — an attacker's review
    /// repeated a cost as "Inzet", with a double space or in another normal form.
    public static func sameDescription(_ a: String, _ b: String) -> Bool {
        func folded(_ text: String) -> String {
            text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return folded(a) == folded(b)
    }

    /// The fields that make two lines alike for `requireNotRepeat` but for the description (a
    /// key for a set: one text).
    public var alikeKey: String {
        CostLine.alikeKey(application: application.rawValue, provider: provider.rawValue, year: year, category: category.rawValue, kind: kind.rawValue, cents: amount.cents)
    }

    /// `alikeKey` of a stored line's fields as kept.
    public static func alikeKey(application: String, provider: String, year: Int, category: String, kind: String, cents: Int64) -> String {
        "\(application)\u{1F}\(provider)\u{1F}\(year)\u{1F}\(category)\u{1F}\(kind)\u{1F}\(cents)"
    }

    /// A stored line under another id that `requireNotRepeat` refuses a new line for.
    public struct Alike: Sendable, Equatable {
        /// Its id.
        public var lineID: String
        /// The insurer that rejected it (then alike in every field but the description), if any.
        public var rejectedBy: String?

        /// A stored line alike to a new one.
        public init(lineID: String, rejectedBy: String?) {
            self.lineID = lineID
            self.rejectedBy = rejectedBy
        }
    }

    /// `E-COST-REPEAT` when `alike`, a stored line under another id, holds the same application,
    /// provider, year, category, kind, amount and description (`sameDescription`): a cost is
    /// reimbursed once (004 line 267: actual costs), and a second line alike in every field is
    /// the same cost counted twice — an attacker's review had a recovery wiped out by one cost
    /// declared under `ZZ-1` and `zz-1`. Two costs that are alike in amount differ in their
    /// description — unless the stored one was rejected by an insurer (`CostRejection`): then the
    /// same cost in other words is refused too, or a rejection would be undone by a new id.
    public static func requireNotRepeat(_ line: CostLine, alike: Alike?) throws(DoorbraakError) {
        guard let alike, alike.lineID != line.lineID else { return }
        let letters = alike.lineID.lowercased() == line.lineID.lowercased() ? " (their ids differ only in letter case)" : ""
        if let insurer = alike.rejectedBy {
            throw DoorbraakError(.costRepeat, "cost line \(line.lineID) repeats the cost of line \(alike.lineID)\(letters), which insurer \(insurer) rejected as not plausible (P8): the same application, provider, year, category, kind and amount; a rejected cost is not reported again (ask that insurer: it sets the part that is plausible with `doorbraak cost reject --plausible`)", field: "line_id")
        }
        throw DoorbraakError(.costRepeat, "cost line \(line.lineID) repeats cost line \(alike.lineID)\(letters): the same application, provider, year, category, kind, amount and description; a cost is reimbursed once (another cost of the same amount says what it is in its description)", field: "line_id")
    }

    /// 1–64 characters of letters, digits and `-_./`, starting with a letter or digit.
    public static func parseLineID(_ text: String) throws(DoorbraakError) -> String {
        let bytes = Array(text.utf8)
        func allowed(_ c: UInt8) -> Bool {
            Pattern.isUpperAlnum(c) || Pattern.isLowerAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
        }
        guard let first = bytes.first else { throw DoorbraakError(.input, "line id is blank") }
        guard bytes.count <= 64, Pattern.isUpperAlnum(first) || Pattern.isLowerAlnum(first), bytes.allSatisfy(allowed) else {
            // The id is quoted only when it is printable ASCII: an escape sequence in it must not reach a terminal.
            let shown = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? "\"\(text)\" " : ""
            throw DoorbraakError(.input, "line id \(shown)must be 1–64 letters, digits and '-_./', starting with a letter or digit")
        }
        return text
    }

    /// A four-digit year in `acceptedYears`.
    static func parseYear(_ text: String) throws(DoorbraakError) -> Int {
        guard Pattern.isDigits(text, count: 4), let year = Int(text), acceptedYears.contains(year) else {
            throw DoorbraakError(.input, "year \"\(text)\" must be a four-digit year between \(acceptedYears.lowerBound) and \(acceptedYears.upperBound)")
        }
        return year
    }

    /// Free text without control or bidirectional characters (it is printed in reports).
    static func parseDescription(_ text: String) throws(DoorbraakError) -> String {
        // Counted in Unicode scalars: 60,000 combining accents on one letter are one Character
        // (an attacker's review of the seventeenth landing).
        let length = text.unicodeScalars.count
        guard length <= maximumDescriptionLength else {
            throw DoorbraakError(.input, "description has \(length) characters; at most \(maximumDescriptionLength) are allowed")
        }
        // No control, format or separator character (an attacker's review repeated a cost under
        // another id with a zero-width space in its description), nothing that shows nothing (a
        // Hangul filler) and no U+FFFD standing for bytes that were no UTF-8.
        if let bad = text.unicodeScalars.first(where: \.isUnkeptInRecords) {
            throw DoorbraakError(.input, "description contains the unprintable character \(bad.codePoint)")
        }
        return text
    }
}
