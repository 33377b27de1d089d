/// An insurer's judgment that a stored cost line is not plausible, in whole or above a plausible
/// part (004 lines 272 and 2868: "aan de zorgverzekeraars wordt gevraagd om de kosten te toetsen
/// op plausibiliteit"): finding P8, the rejected part not eligible. SPEC §3.8 has the engine's own
/// findings (P2–P6) only; this is the insurers' test that SPEC §2 step 8 names. It is also the way
/// a wrong line is corrected: a stored line is never replaced (P7), so its insurer sets the part
/// of it that is plausible (`plausible`: € 450.100,00 of a € 500.100,00 line).
///
/// Only an insurer that paid the line's provider for the application rejects (`E-REVIEWER`), and
/// the rejection counts once every insurer that paid the provider rejected the line
/// (`Plausibility.lineStates`): the recovery it causes is attributed to all of them, so one alone
/// must not turn another's judgment (two attacker's reviews: one that paid nothing, then one that
/// paid 14%). Each insurer rejects once. A line that is not
/// eligible already (P2, P3, P4, P6) is not rejected (`E-STATE`). The note says why. A rejection
/// is final: the same one again changes nothing, another is `E-DECIDED`; and the rejected cost is
/// not reported again under another id, whatever its description (`E-COST-REPEAT`).
public struct CostRejection: Sendable, Equatable {
    /// The longest note kept, in Unicode scalars (as a cost line's description).
    public static let maximumNoteLength = CostLine.maximumDescriptionLength

    /// The cost line.
    public var lineID: String
    /// The insurer that judged it not plausible.
    public var insurer: UZOVI
    /// The part of the line's amount that is plausible (zero: none of it); always below the amount.
    public var plausible: Money
    /// Why, for the provider and the NZa.
    public var note: String
    /// The business date of the judgment.
    public var on: Day

    /// A rejection from known-valid values.
    public init(lineID: String, insurer: UZOVI, plausible: Money = .zero, note: String, on: Day) {
        self.lineID = lineID
        self.insurer = insurer
        self.plausible = plausible
        self.note = note
        self.on = on
    }

    /// The columns of a file of rejections (`doorbraak import rejections`), in order.
    public static let columns = ["line_id", "insurer", "plausible", "note"]

    /// Parses one row of a file of rejections (column name → text), dated `on`, whose plausible
    /// part is written in `notation` (empty: none of the line is plausible); every malformed field
    /// of the row at once, each `E-INPUT` with its column name.
    public init(fields: [String: String], notation: Money.Notation, on day: Day) throws(FieldErrors) {
        var row = RowParser(fields, code: .input)
        let lineID = row.field("line_id", CostLine.parseLineID)
        let insurer = row.field("insurer", UZOVI.init(parsing:))
        let plausible = row.field("plausible") { text throws(DoorbraakError) in text.isEmpty ? Money.zero : try Money(parsing: text, notation: notation) }
        let note = row.field("note", CostRejection.parseNote)
        guard let lineID, let insurer, let plausible, let note else { throw FieldErrors(row.errors) }
        self.init(lineID: lineID, insurer: insurer, plausible: plausible, note: note, on: day)
    }

    /// The note as given, when it says something — at least one letter or digit — on one line of
    /// at most `maximumNoteLength` Unicode scalars, every one of them printable and visible (it is
    /// printed in the findings and the audit trail). An attacker's review passed a note of Hangul
    /// fillers, one of 60,000 combining accents counted as one character, and bytes that were no
    /// UTF-8 kept as U+FFFD.
    public static func parseNote(_ text: String) throws(DoorbraakError) -> String {
        if let bad = text.unicodeScalars.first(where: \.isUnkeptInRecords) {
            let named = bad == "\n" || bad == "\r" ? "a line break" : bad.codePoint + (bad == "\u{FFFD}" ? " (bytes that are no UTF-8)" : "")
            throw DoorbraakError(.input, "the note must be one line of visible text; it contains \(named)", field: "note")
        }
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw DoorbraakError(.input, "a rejection says why the cost is not plausible: give a note", field: "note")
        }
        let length = text.unicodeScalars.count
        guard length <= maximumNoteLength else {
            throw DoorbraakError(.input, "the note has \(length) characters; at most \(maximumNoteLength) are allowed", field: "note")
        }
        return text
    }

    /// `E-INPUT` unless `plausible` lies below the line's amount: a line plausible in full is not rejected.
    public static func requirePart(_ plausible: Money, of line: CostLine) throws(DoorbraakError) {
        guard plausible < line.amount else {
            throw DoorbraakError(.input, "the plausible part \(plausible.dutch) is not below the line's amount \(line.amount.dutch): a line plausible in full is not rejected", field: "plausible")
        }
    }

    /// `E-REVIEWER` unless `insurer` is the coordinating or the second insurer of the line's
    /// application and paid the line's provider for it (`payers`: the insurers that did).
    public static func requireInsurer(_ insurer: UZOVI, of line: CostLine, coordinating: String, second: String, payers: [String]) throws(DoorbraakError) {
        guard insurer.rawValue == coordinating || insurer.rawValue == second else {
            throw DoorbraakError(.reviewer, "insurer \(insurer) is not an insurer of \(line.application) (coordinating \(coordinating), second \(second)); only they test the costs of cost line \(line.lineID)", field: "insurer")
        }
        guard payers.contains(insurer.rawValue) else {
            let paid = payers.isEmpty ? "no insurer has paid it yet" : "paid by \(payers.joined(separator: ", "))"
            throw DoorbraakError(.reviewer, "insurer \(insurer) paid provider \(line.provider) nothing for \(line.application) (\(paid)): a rejection moves the recovery of what was paid, so the insurers that paid it test its costs", field: "insurer")
        }
    }

    /// `E-STATE` when the line is not eligible already (`findings`: its P2, P3, P4, P6): a
    /// rejection would change nothing but count the line twice among the findings.
    public static func requireEligible(_ line: CostLine, findings: [ErrorCode]) throws(DoorbraakError) {
        guard !findings.isEmpty else { return }
        throw DoorbraakError(.state, "cost line \(line.lineID) is not eligible already (\(findings.map(\.rawValue).joined(separator: ", "))): a rejection changes nothing", field: "line_id")
    }

    /// A line this insurer rejected before: the same part and note again is unchanged (true);
    /// another is `E-DECIDED`, naming the rejection that stands.
    public static func isUnchanged(stored: CostRejection, again: CostRejection) throws(DoorbraakError) -> Bool {
        if stored.insurer == again.insurer, stored.plausible == again.plausible, stored.note == again.note { return true }
        // The same day: maybe a row earlier in the same file, which an all-or-nothing import then
        // did not keep (a newcomer read "was rejected" of a file that stored nothing).
        let when = stored.on == again.on ? "on \(stored.on) (earlier in this file, or in a command of that day)" : "on \(stored.on)"
        throw DoorbraakError(.decided, "cost line \(stored.lineID) was rejected by insurer \(stored.insurer) \(when)\(stored.plausible == .zero ? "" : " above a plausible \(stored.plausible.dutch)") (\"\(stored.note)\"); a rejection is final")
    }

    /// The statement an insurer signs (`cost reject … --signature SIG`): every field it decides,
    /// one per line, so a signature stands for this line, insurer, part and note only (an
    /// attacker's review: a statement of the line alone let whoever held it write any note under
    /// the insurer's name). The note is one line, so the statement reads one way only.
    public var statement: String {
        "doorbraak cost reject \(lineID)\ninsurer \(insurer)\nplausible \(plausible.description)\nnote \(note)\n"
    }

    /// The insurers of `payers` (those that paid the line's provider for the application) that
    /// have not rejected it among `given`, in code order: while there are any, the rejections do
    /// not count (the recovery they cause falls on every insurer that paid).
    public static func awaiting(_ given: [CostRejection], payers: Set<UZOVI>) -> [UZOVI] {
        payers.subtracting(given.map(\.insurer)).sorted()
    }

    /// What of a line stays eligible once `given` count (`awaiting` is empty and someone paid):
    /// the largest plausible part any of them gave; nil while they do not count.
    public static func kept(by given: [CostRejection], payers: Set<UZOVI>) -> Money? {
        guard !given.isEmpty, !payers.isEmpty, awaiting(given, payers: payers).isEmpty else { return nil }
        return given.map(\.plausible).max() ?? .zero
    }

    /// The finding P8 of `line` rejected by every insurer that paid its provider (`by`), keeping
    /// `kept` eligible: the amount above it, with who judged it, when and why.
    static func finding(of line: CostLine, by rejections: [CostRejection], keeping kept: Money) -> Plausibility.Finding {
        let who = rejections.map { "insurer \($0.insurer) on \($0.on)\($0.plausible == .zero ? "" : " (plausible \($0.plausible))"): \($0.note)" }.joined(separator: "; ")
        var finding = Plausibility.Finding(code: .costRejected, application: line.application, provider: line.provider, year: line.year, amount: line.amount - kept,
                                           lineID: line.lineID,
                                           message: "\(line.amount - kept) of cost line \(line.lineID) (\(line.amount)) judged not plausible by \(who); not eligible")
        finding.rejections = rejections
        return finding
    }
}

extension Unicode.Scalar {
    /// Not kept in a note or a cost line's description: a control, format or separator character,
    /// one that is ignorable and so shows nothing (a Hangul filler, a variation selector), or the
    /// replacement character that stands for bytes that were no UTF-8.
    var isUnkeptInRecords: Bool {
        isUnprintable || properties.isDefaultIgnorableCodePoint || self == "\u{FFFD}"
    }
}
