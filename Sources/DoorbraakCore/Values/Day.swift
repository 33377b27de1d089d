/// A calendar date without time or zone, `YYYY-MM-DD` (SPEC §2: "today" is injectable).
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1…9999.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// A date known to be valid; traps on an invalid one (for constants and tests).
    public init(_ year: Int, _ month: Int, _ day: Int) {
        precondition(Day.isValid(year, month, day), "invalid date \(year)-\(month)-\(day)")
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` and checks the calendar (leap years included).
    public init(parsing text: String) throws(DoorbraakError) {
        let b = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              Day.isValid(y, m, d) else {
            throw DoorbraakError(.input, "date \"\(text)\" is not a valid YYYY-MM-DD date")
        }
        year = y
        month = m
        day = d
    }

    static func isValid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1...9999).contains(y), (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= lengths[m - 1]
    }

    /// `2026-12-01`.
    /// Ten ASCII digits and dashes, written in place: every stored date and every audit event
    /// formats one (issue 21: a String per part was a twentieth of an import's work).
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            func digits(_ n: Int, _ width: Int, at start: Int) {
                var n = n
                for i in stride(from: start + width - 1, through: start, by: -1) {
                    buffer[i] = UInt8(ascii: "0") + UInt8(n % 10)
                    n /= 10
                }
            }
            digits(year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            digits(month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            digits(day, 2, at: 8)
            return 10
        }
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
