/// An amount of money in integer euro cents (SPEC §2: never floating point).
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in cents.
    public let cents: Int64

    /// The largest amount any single value may hold: the macro ceiling of €600 mln
    /// (004 line 253: "gemaximeerd op €600 miljoen").
    public static let maximum = Money(cents: 600_000_000_00)
    /// No money.
    public static let zero = Money(cents: 0)

    /// An amount of `cents`.
    public init(cents: Int64) { self.cents = cents }

    /// An amount of whole euros.
    public init(euros: Int64) { self.cents = euros * 100 }

    /// How a text amount is written: the CSV delimiter decides the decimal mark.
    public enum Notation: Sendable {
        /// A JSON string `"1250000.00"`.
        case json
        /// A comma-delimited CSV field `1250000.00`.
        case commaCSV
        /// A semicolon-delimited CSV field `1.250.000,00` (decimal comma, optional thousands dots).
        case semicolonCSV
    }

    /// Parses an amount exactly; rejects blanks, negatives, more than two decimals, the wrong
    /// decimal mark and values above €600,000,000.00.
    public init(parsing text: String, notation: Notation) throws(DoorbraakError) {
        let style: DecimalText.Style = notation == .semicolonCSV ? .dutch : .point
        let cents: Int64
        do {
            cents = try DecimalText.parse(text, decimals: 2, style: style)
        } catch {
            throw DoorbraakError(.input, Money.message(for: error, text: text))
        }
        guard cents <= Money.maximum.cents else {
            throw DoorbraakError(.input, "amount \"\(text)\" is above the € 600.000.000,00 macro ceiling")
        }
        self.cents = cents
    }

    private static func message(for failure: DecimalText.Failure, text: String) -> String {
        switch failure {
        case .blank: return "amount is blank"
        case .negative: return "amount \"\(text)\" is negative"
        case .tooManyDecimals(let n): return "amount \"\(text)\" has \(n) decimals; at most 2 are allowed"
        case .malformed(let why): return "amount \"\(text)\" is not a valid amount: \(why)"
        }
    }

    /// `+€ 1.250,00` / `-€ 1.250,00`: a difference (over or under an amount), always signed.
    public var signedDutch: String { cents >= 0 ? "+" + dutch : dutch }

    /// `1250000.00`: the machine form used in JSON and comma CSV.
    public var description: String { DecimalText.format(cents, decimals: 2) }

    /// `€ 1.250.000,00`: the Dutch form for people; a negative amount reads `-€ 1.250,00`.
    public var dutch: String { (cents < 0 ? "-€ " : "€ ") + Money.dutchNumber(cents.magnitude) }

    /// `1.250.000,00`: `magnitude` cents as a Dutch number without sign or euro sign, written
    /// byte by byte (every audit seal and message formats amounts; this keeps it cheap).
    static func dutchNumber(_ magnitude: UInt64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var index = buffer.count
            var rest = magnitude
            func put(_ byte: UInt8) {
                index -= 1
                buffer[index] = byte
            }
            for _ in 0..<2 {
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            }
            put(UInt8(ascii: ","))
            var digits = 0
            repeat {
                if digits > 0 && digits % 3 == 0 { put(UInt8(ascii: ".")) }
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
                digits += 1
            } while rest > 0
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[index...]), as: UTF8.self)
        }
    }

    /// `12.5` (mln, one decimal, rounded half up) for tables about large sums.
    public var millions: String {
        let tenthsOfMillion = (Int128(cents) + 5_000_000) / 10_000_000
        return DecimalText.format(Int64(tenthsOfMillion), decimals: 1)
    }

    /// This amount as a percentage of `total` with one decimal, rounded half up, for display
    /// (`24.0%`); "-" when the total is zero.
    public func percent(of total: Money) -> String {
        guard total.cents > 0 else { return "-" }
        let tenths = (Int128(cents) * 2000 + Int128(total.cents)) / (2 * Int128(total.cents))
        return DecimalText.format(Int64(clamping: tenths), decimals: 1) + "%"
    }

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }
    /// The sum. Amounts the engine writes stay far below Int64's range; a value read from a
    /// hostile database may not, so the sum saturates at the ends of the range instead of
    /// trapping: the result is then absurd on its face, and the edited row is what `audit verify`
    /// names and what every money command refuses (its binding to the chain no longer holds).
    public static func + (a: Money, b: Money) -> Money {
        let (sum, overflow) = a.cents.addingReportingOverflow(b.cents)
        return Money(cents: overflow ? (b.cents > 0 ? .max : .min) : sum)
    }
    /// The difference, saturating like `+`.
    public static func - (a: Money, b: Money) -> Money {
        let (difference, overflow) = a.cents.subtractingReportingOverflow(b.cents)
        return Money(cents: overflow ? (b.cents < 0 ? .max : .min) : difference)
    }
    /// Adds in place.
    public static func += (a: inout Money, b: Money) { a = a + b }
    /// Subtracts in place.
    public static func -= (a: inout Money, b: Money) { a = a - b }
}

extension DefaultStringInterpolation {
    /// An amount in a message is for people: Dutch notation (`€ 1.250.000,00`). JSON and CSV
    /// writers use `description` (`1250000.00`) explicitly.
    public mutating func appendInterpolation(_ money: Money) {
        appendLiteral(money.dutch)
    }
}

extension Sequence where Element == Money {
    /// The total of the amounts.
    public func sum() -> Money { reduce(.zero, +) }
}

extension Money {
    /// Splits `amount` over `weights`, pro rata, to the cent by the largest remainder: each part
    /// rounded down, then the cents left one each to the parts that lost the most in rounding
    /// (the larger weight, then the lowest key, on a tie), so the parts add up exactly and —
    /// while `amount` is at most the weights' sum — no part exceeds its weight: a part rounded up
    /// is at most its exact share rounded up. Sorted by key. (A recovery over the insurers and
    /// years that paid; a reallocation's debt of borrowing themes over the lending ones.)
    public static func apportion<K: Comparable>(_ amount: Money, among weights: [K: Money]) -> [(key: K, part: Money)] {
        let keyed = weights.sorted { $0.key < $1.key }
        let total = Int128(keyed.map(\.value).sum().cents)
        guard total > 0 else { return keyed.map { ($0.key, .zero) } }
        let exact = keyed.map { Int128(amount.cents) * Int128($0.value.cents) }
        var parts = zip(keyed, exact).map { (key: $0.key, part: Money(cents: Int64($1 / total))) }
        var rest = (amount - parts.map(\.part).sum()).cents
        // The remainders are below `total` each and add up to `rest × total`: fewer cents are left
        // than there are parts with a remainder, so one pass hands out every cent.
        let order = keyed.indices.sorted { a, b in
            let (ra, rb) = (exact[a] % total, exact[b] % total)
            if ra != rb { return ra > rb }
            if keyed[a].value != keyed[b].value { return keyed[a].value > keyed[b].value }
            return keyed[a].key < keyed[b].key
        }
        // (A negative amount rounds toward zero: its parts give the cents back in the same order.)
        let step: Int64 = rest < 0 ? -1 : 1
        for i in order where rest != 0 {
            parts[i].part += Money(cents: step)
            rest -= step
        }
        return parts
    }
}
