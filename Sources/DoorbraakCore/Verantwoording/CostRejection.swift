/// An insurer's judgment that a stored cost line is not plausible (004 lines 272 and 2868: "aan
/// de zorgverzekeraars wordt gevraagd om de kosten te toetsen op plausibiliteit"): finding P8,
/// the line not eligible. SPEC §3.8 has the engine's own findings (P2–P6) only; this is the
/// insurers' test that SPEC §2 step 8 names. It is also the way a wrong line is corrected: a
/// stored line is never replaced (P7), so the insurer rejects it, saying why, and the provider
/// reports the right cost under a new line id.
///
/// Only the application's coordinating or second insurer rejects (`E-REVIEWER`), with a note
/// that says why. A rejection is final: the same one again changes nothing, another is
/// `E-DECIDED`. A rejection taken back by a signed statement could be put back by replaying
/// the first signature; so a line rejected in error is reported again under a new id, its
/// description saying so (an alike description is `E-COST-REPEAT`).
public struct CostRejection: Sendable, Equatable {
    /// The longest note kept (as a cost line's description).
    public static let maximumNoteLength = CostLine.maximumDescriptionLength

    /// The cost line.
    public var lineID: String
    /// The insurer that judged it not plausible.
    public var insurer: UZOVI
    /// Why, for the provider and the NZa.
    public var note: String
    /// The business date of the judgment.
    public var on: Day

    /// A rejection from known-valid values.
    public init(lineID: String, insurer: UZOVI, note: String, on: Day) {
        self.lineID = lineID
        self.insurer = insurer
        self.note = note
        self.on = on
    }

    /// The note as given, when it says something on one printable line of at most
    /// `maximumNoteLength` characters (it is printed in the findings and the audit trail).
    public static func parseNote(_ text: String) throws(DoorbraakError) -> String {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw DoorbraakError(.input, "a rejection says why the cost is not plausible: give a note", field: "note")
        }
        guard text.count <= maximumNoteLength else {
            throw DoorbraakError(.input, "the note has \(text.count) characters; at most \(maximumNoteLength) are allowed", field: "note")
        }
        if let bad = text.unicodeScalars.first(where: \.isUnprintable) {
            throw DoorbraakError(.input, "the note must be one line; it contains the unprintable character U+\(String(bad.value, radix: 16, uppercase: true))", field: "note")
        }
        return text
    }

    /// `E-REVIEWER` unless `insurer` is the coordinating or the second insurer of the line's
    /// application: they pay it, so they test its costs.
    public static func requireInsurer(_ insurer: UZOVI, of application: String, coordinating: String, second: String, line: String) throws(DoorbraakError) {
        guard insurer.rawValue != coordinating, insurer.rawValue != second else { return }
        throw DoorbraakError(.reviewer, "insurer \(insurer) is not an insurer of \(application) (coordinating \(coordinating), second \(second)); only they test the costs of cost line \(line)", field: "--insurer")
    }

    /// A line rejected before: the same insurer and note again is unchanged (true); anything else
    /// is `E-DECIDED`, naming the rejection that stands.
    public static func isUnchanged(stored: CostRejection, again: CostRejection) throws(DoorbraakError) -> Bool {
        if stored.insurer == again.insurer, stored.note == again.note { return true }
        throw DoorbraakError(.decided, "cost line \(stored.lineID) was rejected by insurer \(stored.insurer) on \(stored.on) (\"\(stored.note)\"); a rejection is final: a cost rejected in error is reported again under a new line id", field: "line_id")
    }

    /// The finding P8 this rejection makes of `line`.
    func finding(of line: CostLine) -> Plausibility.Finding {
        Plausibility.Finding(code: .costRejected, application: line.application, provider: line.provider, year: line.year, amount: line.amount, lineID: line.lineID,
                             message: "cost line \(line.lineID) of \(line.amount) is not plausible to insurer \(insurer) (\(on)): \(note); not eligible")
    }
}
