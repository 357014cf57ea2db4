import Foundation

/// Keeps a row-level export of an anonymous survey from singling anyone out: no
/// combination of the background attributes it carries (country, school, role, language,
/// month…) may be shared by fewer than `minimum` rows. Attributes are given up whole, the
/// most specific first, until that holds (global recoding: every row loses the same ones,
/// so the codebook can say exactly what was withheld and why). With fewer than `minimum`
/// rows in all, no attribute is kept.
public enum ExportAnonymizer {
    public struct Decision: Equatable, Sendable {
        /// The attributes exported, in the order given.
        public var kept: [String]
        /// The attributes withheld, most specific first.
        public var withheld: [String]

        public init(kept: [String], withheld: [String]) {
            self.kept = kept
            self.withheld = withheld
        }
    }

    /// `records[i][attribute]` is row i's value (missing counts as its own value).
    /// `order` lists the attributes from the most general to the most specific, which is
    /// the order in which they are kept: the last is given up first.
    public static func protect(records: [[String: String]], order: [String], minimum: Int) -> Decision {
        var kept = order
        var withheld: [String] = []
        while !kept.isEmpty && !isSafe(records: records, attributes: kept, minimum: minimum) {
            withheld.append(kept.removeLast())
        }
        return Decision(kept: kept, withheld: withheld)
    }

    /// Whether every combination of `attributes` occurs at least `minimum` times.
    public static func isSafe(records: [[String: String]], attributes: [String], minimum: Int) -> Bool {
        var counts: [[String]: Int] = [:]
        for record in records { counts[attributes.map { record[$0] ?? "" }, default: 0] += 1 }
        return counts.values.allSatisfy { $0 >= minimum }
    }
}
