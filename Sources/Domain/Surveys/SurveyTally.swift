import Foundation

/// A survey report's counts kept as responses arrive: for every closed question and every
/// value of every grouping (country, role…), how many respondents gave each code. Adding a
/// response touches one counter per question and grouping; a report then reads counters
/// instead of responses, so its cost depends on the questions and groups, never on how
/// many people answered.
public struct SurveyTally: Sendable {
    public let questions: Int
    /// Codes run from 1 to `codes`; 0 means not answered.
    public let codes: Int
    /// How many values each grouping has (e.g. 4 countries, 5 roles).
    public let groupings: [Int]
    /// Flat counters: grouping offset + (value × questions + question) × (codes + 1) + code.
    private var counts: [Int32]
    private let offsets: [Int]
    public private(set) var responses = 0

    public init(questions: Int, codes: Int, groupings: [Int]) {
        self.questions = questions
        self.codes = codes
        self.groupings = groupings
        var offsets: [Int] = []
        var size = 0
        for values in groupings {
            offsets.append(size)
            size += values * questions * (codes + 1)
        }
        self.offsets = offsets
        counts = Array(repeating: 0, count: size)
    }

    /// Counts one response: `answers[q]` is question q's code (0 when not answered),
    /// `groups[g]` the response's value of grouping g.
    public mutating func add(answers: some Collection<UInt8>, groups: [Int]) {
        responses += 1
        let stride = codes + 1
        counts.withUnsafeMutableBufferPointer { buffer in
            for (g, value) in groups.enumerated() {
                var index = offsets[g] + value * questions * stride
                for code in answers {
                    buffer[index + Int(code)] &+= 1
                    index += stride
                }
            }
        }
    }

    /// The distribution of question `q` in value `value` of grouping `g`.
    public func distribution(question q: Int, grouping g: Int, value: Int) -> Distribution {
        let base = offsets[g] + (value * questions + q) * (codes + 1)
        var result: [Int: Int] = [:]
        for code in 1...codes where counts[base + code] > 0 { result[code] = Int(counts[base + code]) }
        return Distribution(counts: result)
    }

    /// One group's figures for one question, or why they are withheld.
    public struct Figure: Sendable, Equatable {
        public var n: Int
        public var mean: Double?
        public var median: Double?
        public var standardDeviation: Double?
        public var counts: [Int: Int]
        public var withheld: AnonymityGuard.Suppression?
    }

    /// The full report: for each question, each grouping, each of its values, with the
    /// guard's complementary suppression among the values of a grouping.
    public func report(guard guardian: AnonymityGuard) -> [[[Figure]]] {
        var plans: [AnonymityGuard.Plan] = []
        for values in groupings {
            let views = [AnonymityGuard.View(key: -1, cells: Set(0..<values))] + (0..<values).map { AnonymityGuard.View(key: $0, cells: [$0]) }
            plans.append(guardian.prepare(views: views, partitions: [.init(parent: -1, parts: Array(0..<values))]))
        }
        return (0..<questions).map { q in
            groupings.enumerated().map { g, values in
                let distributions = (0..<values).map { distribution(question: q, grouping: g, value: $0) }
                let decision = plans[g].decide(sizes: distributions.map(\.n))
                return distributions.enumerated().map { v, d in
                    // A withheld group carries nothing, so no caller can show it by mistake.
                    guard let reason = decision[v + 1] else {
                        return Figure(n: d.n, mean: d.mean, median: d.median, standardDeviation: d.standardDeviation, counts: d.counts, withheld: nil)
                    }
                    return Figure(n: 0, mean: nil, median: nil, standardDeviation: nil, counts: [:], withheld: reason)
                }
            }
        }
    }
}
