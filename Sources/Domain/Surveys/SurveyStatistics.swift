import Foundation

/// The distribution of a closed question's codes in a group, and what a report shows of
/// it: counts, shares, and for scales the mean, median and standard deviation.
public struct Distribution: Sendable, Equatable {
    /// How many respondents gave each code.
    public var counts: [Int: Int]

    public init(counts: [Int: Int] = [:]) { self.counts = counts }

    public init(_ codes: some Sequence<Int>) {
        var counts: [Int: Int] = [:]
        for code in codes { counts[code, default: 0] += 1 }
        self.counts = counts
    }

    public var n: Int { counts.values.reduce(0, +) }

    /// The share of `code` among all answers, 0…1.
    public func share(_ code: Int) -> Double { n == 0 ? 0 : Double(counts[code] ?? 0) / Double(n) }

    public var mean: Double? {
        guard n > 0 else { return nil }
        return Double(counts.reduce(0) { $0 + $1.key * $1.value }) / Double(n)
    }

    /// The median: the middle code, or the mean of the two middle codes.
    public var median: Double? {
        guard n > 0 else { return nil }
        let sorted = counts.keys.sorted()
        func code(at rank: Int) -> Int {
            var seen = 0
            for key in sorted {
                seen += counts[key] ?? 0
                if seen > rank { return key }
            }
            return sorted.last ?? 0
        }
        return n % 2 == 1 ? Double(code(at: n / 2)) : Double(code(at: n / 2 - 1) + code(at: n / 2)) / 2
    }

    /// The sample standard deviation (n − 1), as SPSS and R report it; nil below two answers.
    public var standardDeviation: Double? {
        guard n > 1, let mean else { return nil }
        let squares = counts.reduce(0.0) { $0 + Double($1.value) * pow(Double($1.key) - mean, 2) }
        return (squares / Double(n - 1)).squareRoot()
    }

    public static func + (lhs: Distribution, rhs: Distribution) -> Distribution {
        Distribution(counts: lhs.counts.merging(rhs.counts, uniquingKeysWith: +))
    }
}

/// What a report shows of a number question: how many answered, mean, median and standard
/// deviation. No minimum or maximum: a single extreme answer could point at its author.
public struct NumberSummary: Sendable, Equatable {
    public var n: Int
    public var mean: Double?
    public var median: Double?
    public var standardDeviation: Double?

    public init(_ values: [Double]) {
        n = values.count
        guard !values.isEmpty else { return }
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        let sorted = values.sorted()
        median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        if values.count > 1 {
            standardDeviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
        }
    }
}
