/// Full-time equivalents in integer tenths (SPEC §2: at most one decimal).
public struct Fte: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in tenths of an fte.
    public let tenths: Int64

    /// Tenths of an fte.
    public init(tenths: Int64) { self.tenths = tenths }

    /// Parses `12.5` or `12` exactly; rejects blanks, negatives and a second decimal.
    public init(parsing text: String) throws(DoorbraakError) {
        do {
            tenths = try DecimalText.parse(text, decimals: 1, style: .point)
        } catch {
            switch error {
            case .blank: throw DoorbraakError(.input, "fte is blank")
            case .negative: throw DoorbraakError(.input, "fte \"\(text)\" is negative")
            case .tooManyDecimals: throw DoorbraakError(.input, "fte \"\(text)\" has more than one decimal")
            case .malformed(let why): throw DoorbraakError(.input, "fte \"\(text)\" is not a number: \(why)")
            }
        }
        guard tenths <= 10_000_000 else {
            throw DoorbraakError(.input, "fte \"\(text)\" is implausibly large (above 1,000,000)")
        }
    }

    /// `12.5`.
    public var description: String { DecimalText.format(tenths, decimals: 1) }

    public static func < (a: Fte, b: Fte) -> Bool { a.tenths < b.tenths }
    /// The sum.
    public static func + (a: Fte, b: Fte) -> Fte {
        let (sum, overflow) = a.tenths.addingReportingOverflow(b.tenths)
        return Fte(tenths: overflow ? (b.tenths > 0 ? .max : .min) : sum)
    }
}

/// Impact as fte saved per €1 mln requested, kept as the exact fraction fte / amount.
public struct FtePerMillion: Sendable, Comparable, CustomStringConvertible {
    /// The fte saved.
    public let fte: Fte
    /// The amount it costs.
    public let amount: Money

    /// The impact of saving `fte` for `amount`.
    public init(fte: Fte, amount: Money) {
        self.fte = fte
        self.amount = amount
    }

    /// fte per €mln = (tenths / 10) / (cents / 10^8) = tenths · 10^7 / cents; scaled numerator here.
    private var numerator: Int128 { Int128(fte.tenths) * 10_000_000 }

    /// Whether the impact is at or above `hundredths / 100` fte per €mln, compared exactly.
    public func reaches(hundredths: Int64) -> Bool {
        guard amount.cents > 0 else { return true }
        return numerator * 100 >= Int128(hundredths) * Int128(amount.cents)
    }

    /// Whether the impact is strictly above `hundredths / 100` fte per €mln, compared exactly.
    public func exceeds(hundredths: Int64) -> Bool {
        guard amount.cents > 0 else { return fte.tenths > 0 }
        return numerator * 100 > Int128(hundredths) * Int128(amount.cents)
    }

    /// Exact comparison of two fractions by cross-multiplication.
    public static func < (a: FtePerMillion, b: FtePerMillion) -> Bool {
        Int128(a.fte.tenths) * Int128(b.amount.cents) < Int128(b.fte.tenths) * Int128(a.amount.cents)
    }

    public static func == (a: FtePerMillion, b: FtePerMillion) -> Bool {
        Int128(a.fte.tenths) * Int128(b.amount.cents) == Int128(b.fte.tenths) * Int128(a.amount.cents)
    }

    /// `25.00`: two decimals, rounded half up (display only; rules compare exactly).
    public var description: String {
        guard amount.cents > 0 else { return "0.00" }
        let scaled = numerator * 100
        let rounded = (scaled * 2 + Int128(amount.cents)) / (Int128(amount.cents) * 2)
        return DecimalText.format(Int64(clamping: rounded), decimals: 2)
    }

    /// The impact rounded down to the hundredth: what a refusal for the bar shows, so that one
    /// just below it never reads as the bar itself (a board review: 17.0 fte for € 1.000.000,01
    /// read "impact 17.00 … is below the bar of 17").
    public var belowBarText: String {
        guard amount.cents > 0 else { return "0.00" }
        return DecimalText.format(Int64(clamping: numerator * 100 / Int128(amount.cents)), decimals: 2)
    }

    /// A bar held in hundredths as text: `17.00`.
    public static func hundredthsText(_ hundredths: Int64) -> String { DecimalText.format(hundredths, decimals: 2) }
}
