/// A linear scale from zero to a round maximum, with round ticks: steps of 1, 2 or 5 times a
/// power of ten (in the chart's own integer unit), as few as fit. Pure integers; only the pixel
/// position is a Double.
struct ChartScale: Equatable {
    /// The top of the scale: a whole number of steps, at least the largest value.
    let maximum: Int64
    /// The distance between two ticks.
    let step: Int64

    /// A scale that covers `largest` with at most `ticks` steps, none smaller than `smallestStep`.
    init(covering largest: Int64, ticks: Int, smallestStep: Int64 = 1) {
        let target = Int64(max(1, ticks))
        let top = max(largest, smallestStep)
        var power: Int64 = 1
        while power < smallestStep { power *= 10 }
        while true {
            for multiple: Int64 in [1, 2, 5] {
                let (candidate, overflow) = power.multipliedReportingOverflow(by: multiple)
                guard !overflow else { break }
                if candidate >= smallestStep, (top + candidate - 1) / candidate <= target {
                    step = candidate
                    maximum = (top + candidate - 1) / candidate * candidate
                    return
                }
            }
            let (next, overflow) = power.multipliedReportingOverflow(by: 10)
            if overflow {
                step = top
                maximum = top
                return
            }
            power = next
        }
    }

    /// Zero, one step, … up to the maximum.
    var ticks: [Int64] {
        var out: [Int64] = [0]
        while let last = out.last, last < maximum { out.append(last + step) }
        return out
    }

    /// Where `value` falls along `length` px (negative values at zero, beyond the top at the end).
    func position(_ value: Int64, length: Double) -> Double {
        guard maximum > 0 else { return 0 }
        return length * Double(min(max(value, 0), maximum)) / Double(maximum)
    }
}

/// Places labels along a line in rows so that none overlaps another: each label goes to the
/// first row where it clears the label before it (used for the norm lines' names).
struct LabelRows {
    /// A label centred at `x`, `width` px wide, and the row it was given.
    struct Placed {
        /// The label's index in the input.
        var index: Int
        /// Its left edge after clamping into the drawing.
        var left: Double
        /// Its width.
        var width: Double
        /// 0 for the first row.
        var row: Int
    }

    /// The labels (centre x, width) kept within `minX...maxX`, in rows.
    static func place(_ labels: [(x: Double, width: Double)], minX: Double, maxX: Double, gap: Double = 6) -> [Placed] {
        var rowEnds: [Double] = []
        var placed: [Placed] = []
        for (index, label) in labels.enumerated().sorted(by: { $0.element.x < $1.element.x }) {
            let left = min(max(label.x - label.width / 2, minX), maxX - label.width)
            var row = 0
            while row < rowEnds.count, rowEnds[row] + gap > left { row += 1 }
            if row == rowEnds.count { rowEnds.append(left + label.width) } else { rowEnds[row] = left + label.width }
            placed.append(Placed(index: index, left: left, width: label.width, row: row))
        }
        return placed.sorted { $0.index < $1.index }
    }

    /// How many rows `placed` uses.
    static func count(_ placed: [Placed]) -> Int { (placed.map(\.row).max() ?? -1) + 1 }
}
