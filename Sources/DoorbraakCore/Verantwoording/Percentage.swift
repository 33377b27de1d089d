/// A percentage in exact basis points (hundredths of a percent), for settings such as the
/// materiality and the deviation of SPEC §3.8; compared with money by cross-multiplication.
public struct Percentage: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Hundredths of a percent: 1% is 100, 25% is 2500.
    public let basisPoints: Int64

    /// The percentage of `basisPoints` hundredths of a percent.
    public init(basisPoints: Int64) { self.basisPoints = basisPoints }

    /// Whole percent.
    public init(percent: Int64) { self.basisPoints = percent * 100 }

    /// Parses `1`, `25`, `0.5` or `12.25` (at most two decimals, 0–100).
    public init(parsing text: String) throws(DoorbraakError) {
        let points: Int64
        do {
            points = try DecimalText.parse(text, decimals: 2, style: .point)
        } catch {
            throw DoorbraakError(.usage, "percentage \"\(text)\" must be a number from 0 to 100 with at most two decimals, e.g. 1 or 0.5")
        }
        guard points <= 10_000 else {
            throw DoorbraakError(.usage, "percentage \"\(text)\" is above 100")
        }
        basisPoints = points
    }

    /// Whether `part` is at most this percentage of `whole`: part · 10000 ≤ points · whole, exactly.
    public func allows(_ part: Money, of whole: Money) -> Bool {
        Int128(part.cents) * 10_000 <= Int128(basisPoints) * Int128(whole.cents)
    }

    /// `25`, `0.5`, `12.25` (no trailing zeros; without the % sign).
    public var description: String {
        var text = DecimalText.format(basisPoints, decimals: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    public static func < (a: Percentage, b: Percentage) -> Bool { a.basisPoints < b.basisPoints }
}
