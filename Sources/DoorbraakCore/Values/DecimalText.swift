/// Exact parsing of decimal text into an integer of a fixed number of decimals (no floating point).
enum DecimalText {
    /// How the digits are written.
    enum Style {
        /// `1250000.00`: digits, optional decimal point (JSON strings and comma-delimited CSV).
        case point
        /// `1.250.000,00` or `1250000,00`: decimal comma, optional dots grouping by three
        /// (semicolon-delimited CSV, the Dutch spreadsheet default).
        case dutch
    }

    /// Why a text is not a valid decimal; the caller turns it into a message naming the value.
    enum Failure: Error, Equatable {
        case blank, negative, tooManyDecimals(Int), malformed(String)
    }

    /// Parses `text` into units of 10^-`decimals`, e.g. `"12.5"` with 1 decimal → 125. A text
    /// that fails and holds a currency sign is told to leave it out (a newcomer's `€ 125.000,00`
    /// read "thousands separators must group the digits by three"); only a failure looks.
    static func parse(_ text: String, decimals: Int, style: Style) throws(Failure) -> Int64 {
        do {
            return try parseDigits(text, decimals: decimals, style: style)
        } catch {
            if text.contains("€") || text.uppercased().contains("EUR") {
                throw .malformed("write the amount without a currency sign, as in " + (style == .point ? "1250000.00" : "1.250.000,00 or 1250000,00"))
            }
            throw error
        }
    }

    private static func parseDigits(_ text: String, decimals: Int, style: Style) throws(Failure) -> Int64 {
        if text.isEmpty { throw .blank }
        var chars = Array(text.utf8)
        if chars.first == UInt8(ascii: "-") { throw .negative }
        if chars.first == UInt8(ascii: "+") { throw .malformed("a sign is not allowed") }
        let decimalMark = style == .point ? UInt8(ascii: ".") : UInt8(ascii: ",")
        let wrongMark = style == .point ? UInt8(ascii: ",") : nil
        if let wrongMark, chars.contains(wrongMark) {
            throw .malformed("a decimal comma is not allowed here; write a decimal point (a semicolon-separated file, as Dutch spreadsheets save it, takes a decimal comma)")
        }
        var fraction: [UInt8] = []
        if let mark = chars.firstIndex(of: decimalMark) {
            fraction = Array(chars[(mark + 1)...])
            chars = Array(chars[..<mark])
            if fraction.isEmpty { throw .malformed("digits must follow the decimal mark") }
            if fraction.contains(where: { !isDigit($0) }) {
                throw .malformed("only digits may follow the decimal mark")
            }
            if fraction.count > decimals {
                throw .tooManyDecimals(fraction.count)
            }
        }
        let whole = try wholeDigits(chars, style: style)
        var value: Int64 = 0
        for digit in whole + fraction + Array(repeating: UInt8(ascii: "0"), count: decimals - fraction.count) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            if o1 || o2 { throw .malformed("the number is too large") }
            value = next
        }
        return value
    }

    /// The digits before the decimal mark, with Dutch thousands dots removed and checked.
    private static func wholeDigits(_ chars: [UInt8], style: Style) throws(Failure) -> [UInt8] {
        if chars.isEmpty { throw .malformed("digits must come before the decimal mark") }
        if style == .dutch && chars.contains(UInt8(ascii: ".")) {
            let groups = chars.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                // Told apart for a newcomer, who read "group the digits by three" for `n.v.t.`
                // and for `200000.00` in a semicolon file.
                if chars.contains(where: { !isDigit($0) && $0 != UInt8(ascii: ".") }) || groups.contains(where: \.isEmpty) {
                    throw .malformed("only digits, thousands dots and one decimal comma are allowed")
                }
                if groups.count == 2, let last = groups.last, (1...2).contains(last.count) {
                    throw .malformed("a decimal point is not allowed here; write a decimal comma, as in 1250000,00 or 1.250.000,00 (a semicolon-separated file takes a decimal comma, a comma-separated one a decimal point)")
                }
                throw .malformed("thousands separators must group the digits by three, as in 1.250.000,00")
            }
            let digits = Array(groups.joined())
            if digits.contains(where: { !isDigit($0) }) { throw .malformed("only digits are allowed") }
            return digits
        }
        if chars.contains(where: { !isDigit($0) }) {
            throw .malformed(style == .point && chars.contains(UInt8(ascii: "."))
                ? "only one decimal point is allowed" : "only digits and one decimal mark are allowed")
        }
        return chars
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// Formats `value` units of 10^-`decimals` as `123.45`.
    static func format(_ value: Int64, decimals: Int) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let whole = String(magnitude / scale)
        var text = negative ? "-" + whole : whole
        if decimals > 0 {
            let fraction = String(magnitude % scale)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }
}

/// A number's decimal digits written as bytes, without a String for them: the pre-update hook
/// writes one per integer key part, the chain's hash input several per event.
public enum DecimalDigits {
    /// Appends `number` as `String(number)` writes it: the digits written backwards into a
    /// buffer on the stack, then appended at once (issue 21: a digit appended at a time and the
    /// tail reversed in place was 5% of a monitoring import's writer, `callgrind`; an event's hash
    /// input writes a length before every field).
    public static func append(_ number: Int64, to out: inout [UInt8]) {
        if number < 0 { out.append(UInt8(ascii: "-")) }
        var rest = number.magnitude
        if rest < 10 {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: rest))
            return
        }
        // UInt64.max has 20 digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
