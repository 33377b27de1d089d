/// What the integers of a chart count, and how they read in Dutch on an axis and on a bar. The
/// values stay integers (cents, tenths of an fte, basis points, counts); only the labels round.
public enum ChartValue: Sendable {
    /// Integer euro cents: `€ 1,2 mln`, `€ 1,8 mld`, `€ 417.240`.
    case cents
    /// A count: `1.250`.
    case count
    /// Tenths of an fte: `3.640,6 fte`.
    case fteTenths
    /// Hundredths of a percent: `2,35%`.
    case basisPoints

    /// The label on a bar.
    public func label(_ value: Int64) -> String {
        switch self {
        case .cents: return DutchLabel.money(Money(cents: value), trim: false)
        case .count: return DutchLabel.grouped(value)
        case .fteTenths: return DutchLabel.decimal(value, decimals: 1, trim: false) + " fte"
        case .basisPoints: return DutchLabel.decimal(value, decimals: 2, trim: false) + "%"
        }
    }

    /// The label of a tick on the axis (round values, trailing zero decimals left off).
    public func tick(_ value: Int64) -> String {
        switch self {
        case .cents: return DutchLabel.money(Money(cents: value), trim: true)
        case .count: return DutchLabel.grouped(value)
        case .fteTenths: return DutchLabel.decimal(value, decimals: 1, trim: true)
        case .basisPoints: return DutchLabel.decimal(value, decimals: 2, trim: true) + "%"
        }
    }

    /// The smallest step between two ticks: one euro, one, a tenth of an fte, a hundredth of a percent.
    var smallestStep: Int64 { self == .cents ? 100 : 1 }
}

/// Dutch numbers for chart labels: thousands dots, decimal comma.
public enum DutchLabel {
    /// `€ 1,2 mln` and `€ 1,8 mld` (one decimal, rounded half up; `trim` leaves off `,0`, for
    /// ticks) from one million euros; below that the exact amount, `€ 417.240` when whole,
    /// `€ 12,34` otherwise.
    public static func money(_ amount: Money, trim: Bool = false) -> String {
        let sign = amount.cents < 0 ? "-" : ""
        let cents = amount.cents.magnitude
        let million: UInt64 = 100_000_000
        if cents >= million {
            let tenthsOfMillion = cents / (million / 10) + (cents % (million / 10) >= million / 20 ? 1 : 0)
            if tenthsOfMillion >= 10_000 {
                let billion = million * 1_000
                let tenthsOfBillion = cents / (billion / 10) + (cents % (billion / 10) >= billion / 20 ? 1 : 0)
                return sign + "€ " + decimal(Int64(tenthsOfBillion), decimals: 1, trim: trim) + " mld"
            }
            return sign + "€ " + decimal(Int64(tenthsOfMillion), decimals: 1, trim: trim) + " mln"
        }
        if cents % 100 == 0 { return sign + "€ " + grouped(Int64(cents / 100)) }
        return amount.dutch
    }

    /// `1.250.000`: an integer with thousands dots.
    public static func grouped(_ value: Int64) -> String {
        var digits = String(value.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (value < 0 ? "-" : "") + groups.joined(separator: ".")
    }

    /// `3.640,6`: `value` in units of 10^-`decimals`, with a decimal comma; `trim` leaves off
    /// trailing zero decimals (`0,5`, `1`).
    public static func decimal(_ value: Int64, decimals: Int, trim: Bool) -> String {
        var unit: Int64 = 1
        for _ in 0..<decimals { unit *= 10 }
        let magnitude = value == .min ? Int64.max : abs(value)
        let whole = grouped(magnitude / unit)
        var fraction = decimals == 0 ? "" : String(magnitude % unit)
        while fraction.count < decimals { fraction = "0" + fraction }
        if trim { while fraction.last == "0" { fraction.removeLast() } }
        return (value < 0 ? "-" : "") + whole + (fraction.isEmpty ? "" : "," + fraction)
    }
}
