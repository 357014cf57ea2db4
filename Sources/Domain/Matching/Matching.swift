/// The best set of pairs for a whole programme: each mentee gets at most one mentor, no
/// mentor gets more mentees than their capacity, forbidden pairs are never made, as many
/// mentees as possible are matched, and among all such sets the total cost is least.
/// (An optimal assignment, not a greedy first-come pick: a greedy pick can take the one
/// mentor a later mentee could have had.)
///
/// It reduces to `LinearAssignment`: each mentor becomes as many columns as their capacity;
/// when some mentee might stay unmatched (forbidden pairs, or more mentees than places),
/// one "unmatched" column per mentee is added at a cost larger than any set of real pairs
/// could save, so a solution with more pairs always wins; forbidden pairs cost more than
/// staying unmatched; dummy rows with cost 0 square the matrix.
public enum Matching {
    public struct Result: Sendable, Equatable {
        /// For each mentee (row), the mentor (column) given, or nil.
        public var mentorOf: [Int?]
        /// The sum of the costs of the pairs made.
        public var totalCost: Double
        public var matchedCount: Int { mentorOf.compactMap { $0 }.count }
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case raggedRows(row: Int, expected: Int, found: Int)
        case notFinite(row: Int, column: Int)
        case capacityCount(expected: Int, found: Int)
        case negativeCapacity(column: Int)

        public var description: String {
            switch self {
            case .raggedRows(let row, let expected, let found):
                "row \(row + 1) has \(found) cells where the first row has \(expected)"
            case .notFinite(let row, let column):
                "the cost in row \(row + 1), column \(column + 1) is not a finite number"
            case .capacityCount(let expected, let found):
                "\(found) capacities given for \(expected) mentors (columns)"
            case .negativeCapacity(let column):
                "the capacity of column \(column + 1) is negative"
            }
        }
    }

    /// `costs[mentee][mentor]`: a cost, or nil where the pair is forbidden. `capacities`
    /// (one per mentor; default 1 each) is how many mentees each mentor can take.
    public static func solve(costs: [[Double?]], capacities: [Int]? = nil) throws -> Result {
        let rows = costs.count
        let mentors = costs.first?.count ?? capacities?.count ?? 0
        for (r, row) in costs.enumerated() {
            guard row.count == mentors else { throw Problem.raggedRows(row: r, expected: mentors, found: row.count) }
            for (m, cost) in row.enumerated() where cost.map({ !$0.isFinite }) ?? false {
                throw Problem.notFinite(row: r, column: m)
            }
        }
        let capacity = capacities ?? Array(repeating: 1, count: mentors)
        guard capacity.count == mentors else { throw Problem.capacityCount(expected: mentors, found: capacity.count) }
        if let negative = capacity.firstIndex(where: { $0 < 0 }) { throw Problem.negativeCapacity(column: negative) }
        guard rows > 0 else { return Result(mentorOf: [], totalCost: 0) }

        // A mentor never needs more places than there are mentees.
        var slotMentor: [Int] = []
        for (m, places) in capacity.enumerated() { slotMentor += Array(repeating: m, count: min(places, rows)) }
        let anyForbidden = costs.contains { $0.contains(nil) }
        let withUnmatched = anyForbidden || rows > slotMentor.count
        let columns = slotMentor.count + (withUnmatched ? rows : 0)
        let n = max(rows, columns)

        // Shift costs to start at 0, so "unmatched" and "forbidden" can be set above any
        // total of real pairs: `unmatched` exceeds the largest possible sum, and a
        // forbidden pair costs more than staying unmatched.
        let finite = costs.flatMap { $0.compactMap { $0 } }
        let low = finite.min() ?? 0, high = finite.max() ?? 0
        let spread = high - low
        let unmatched = spread * Double(rows) + 1
        let forbidden = unmatched * 2

        var matrix = [Double](repeating: 0, count: n * n)
        matrix.withUnsafeMutableBufferPointer { matrix in
            for r in 0..<rows {
                let row = costs[r], base = r * n
                for (s, m) in slotMentor.enumerated() {
                    matrix[base + s] = row[m].map { $0 - low } ?? forbidden
                }
                if withUnmatched {
                    for u in 0..<rows { matrix[base + slotMentor.count + u] = unmatched }
                }
            }
            // Rows beyond the mentees (when there are more places than mentees) cost 0.
        }
        let column = LinearAssignment.solve(cost: matrix, n: n)
        var mentorOf = [Int?](repeating: nil, count: rows)
        var total = 0.0
        for r in 0..<rows {
            let s = column[r]
            guard s < slotMentor.count, let cost = costs[r][slotMentor[s]] else { continue }
            mentorOf[r] = slotMentor[s]
            total += cost
        }
        return Result(mentorOf: mentorOf, totalCost: total)
    }
}
