/// An exact measured value with at most four decimals, possibly negative (a KPI may fall).
public struct MeasuredValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value in ten-thousandths.
    public let units: Int64

    /// A value of `units` ten-thousandths.
    public init(units: Int64) { self.units = units }

    /// `12.5`, `-3`, `0.0125` (no trailing zeros): the fraction's zeros dropped as digits, not
    /// as characters taken off a text (issue 21: 4% of a monitoring import's writer, which says
    /// each value in its event).
    public var description: String {
        let whole = String(units.magnitude / 10_000)
        let sign = units < 0 ? "-" : ""
        var fraction = units.magnitude % 10_000, digits = 4
        if fraction == 0 { return sign + whole }
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let shown = String(fraction)
        return sign + whole + "." + String(repeating: "0", count: digits - shown.count) + shown
    }

    public static func < (a: MeasuredValue, b: MeasuredValue) -> Bool { a.units < b.units }
}

/// One monitoring row: the realised fte or a plan KPI of an application at a *peildatum*
/// (SPEC §3.8 Monitoring; basiseis 1, 004 line 2629: impact on labour).
public struct Measurement: Sendable, Equatable {
    /// The CSV columns, in the SPEC's order (SPEC §5, `import monitoring`).
    public static let columns = ["application_id", "peildatum", "kpi", "value"]
    /// The KPI id of the realised fte (net, structural), allowed for every application.
    public static let fte = "fte"

    /// The application measured.
    public var application: ApplicationID
    /// The reference date of the measurement.
    public var peildatum: Day
    /// `fte` or a KPI id of the application's plan (`K1`, `K2`, … by position).
    public var kpi: String
    /// The value; for `fte` at most one decimal and not negative.
    public var value: MeasuredValue

    /// A measurement from known-valid values.
    public init(application: ApplicationID, peildatum: Day, kpi: String, value: MeasuredValue) {
        self.application = application
        self.peildatum = peildatum
        self.kpi = kpi
        self.value = value
    }

    /// A realised-fte measurement.
    public init(application: ApplicationID, peildatum: Day, fte: Fte) {
        self.init(application: application, peildatum: peildatum, kpi: Measurement.fte, value: MeasuredValue(units: fte.tenths * 1000))
    }

    /// The realised fte, for an `fte` row.
    public var realisedFte: Fte? { kpi == Measurement.fte ? Fte(tenths: value.units / 1000) : nil }

    /// The idempotency key of a row: the same key with another value is a conflict.
    public var key: String { "\(application)\u{1F}\(peildatum)\u{1F}\(kpi)" }

    /// Parses one CSV row (column name → text); `allowedKPIs` are the KPI ids of the
    /// application's plan (`fte` is always allowed), the value is written in `notation` (a decimal
    /// comma in a semicolon file). Reports every malformed field at once: `E-MONITORING-INPUT`,
    /// and `E-MONITORING-KPI` naming the nearest known id for a KPI the plan does not have.
    public init(fields: [String: String], notation: Money.Notation, allowedKPIs: [String]) throws(FieldErrors) {
        var row = RowParser(fields, code: .monitoringInput)
        let application = row.field("application_id", ApplicationID.init(parsing:))
        let peildatum = row.field("peildatum", Day.init(parsing:))
        let kpiText = row.text("kpi")
        var kpi: String? = kpiText
        let known = [Measurement.fte] + allowedKPIs
        if kpiText.isEmpty {
            row.fail("kpi", "kpi is blank; use fte or one of the plan's KPI ids")
            kpi = nil
        } else if !known.contains(kpiText) {
            let hint = NearestName.closest(to: kpiText, among: known).map { "; the nearest is \"\($0)\"" } ?? ""
            let name = application.map { " of application \($0)" } ?? ""
            row.fail("kpi", "kpi \"\(kpiText)\" is not fte or a KPI id of the plan\(name) (\(known.joined(separator: ", ")))\(hint)", code: .monitoringKPI)
            kpi = nil
        }
        let decimals = kpiText == Measurement.fte ? 1 : 4
        let value = row.field("value") { text throws(DoorbraakError) in
            try Measurement.parseValue(text, decimals: decimals, notation: notation, signed: kpiText != Measurement.fte)
        }
        guard let application, let peildatum, let kpi, let value else { throw FieldErrors(row.errors) }
        self.init(application: application, peildatum: peildatum, kpi: kpi, value: value)
    }

    /// Exact decimal text with at most `decimals` decimals; a leading `-` only when `signed`.
    static func parseValue(_ text: String, decimals: Int, notation: Money.Notation, signed: Bool) throws(DoorbraakError) -> MeasuredValue {
        let negative = signed && text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let style: DecimalText.Style = notation == .semicolonCSV ? .dutch : .point
        let scaled: Int64
        do {
            scaled = try DecimalText.parse(digits, decimals: decimals, style: style)
        } catch {
            let why: String
            switch error {
            case .blank: why = "is blank"
            case .negative: why = "may not be negative for fte"
            case .tooManyDecimals(let n): why = "has \(n) decimals; at most \(decimals) \(decimals == 1 ? "is" : "are") allowed"
            case .malformed(let reason): why = "is not a number: \(reason)"
            }
            throw DoorbraakError(.input, "value \"\(text)\" \(why)")
        }
        guard scaled <= 100_000_000_000 else { throw DoorbraakError(.input, "value \"\(text)\" is implausibly large") }
        var units = scaled
        for _ in decimals..<4 { units *= 10 }
        return MeasuredValue(units: negative ? -units : units)
    }
}

extension ModelPlan {
    /// The KPI ids a monitoring row may name: `K1`, `K2`, … by position in the plan.
    public var kpiIDs: [String] { kpis.indices.map { "K\($0 + 1)" } }
}
