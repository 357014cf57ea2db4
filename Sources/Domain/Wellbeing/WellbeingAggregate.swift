import Foundation

/// Staff categories that reports may break figures down by.
public enum StaffCategory: String, CaseIterable, Sendable, Codable {
    case teaching, support, leadership

    public init(role: SchoolRole) {
        switch role {
        case .teacher: self = .teaching
        case .counsellor, .psychologist, .pedagogicalAdviser: self = .support
        case .leader: self = .leadership
        }
    }
}

/// Running sums of the check-ins in one group: enough for count, mean, standard
/// deviation and the distribution over bands, and nothing that names a person.
public struct CheckInStats: Sendable, Equatable, Codable {
    public var count = 0
    public var wellbeingSum = 0.0
    public var wellbeingSquares = 0.0
    public var burnoutSum = 0.0
    public var burnoutSquares = 0.0
    /// Answers per band, in the order of `WellbeingBand.allCases`.
    public var wellbeingBands = [0, 0, 0]
    public var burnoutBands = [0, 0, 0]

    public init() {}

    public mutating func add(_ scores: CheckInScores) {
        count += 1
        wellbeingSum += scores.wellbeing
        wellbeingSquares += scores.wellbeing * scores.wellbeing
        burnoutSum += scores.burnout
        burnoutSquares += scores.burnout * scores.burnout
        wellbeingBands[WellbeingBand.allCases.firstIndex(of: .who5(scores.wellbeing))!] += 1
        burnoutBands[WellbeingBand.allCases.firstIndex(of: .burnout(scores.burnout))!] += 1
    }

    public mutating func merge(_ other: CheckInStats) {
        count += other.count
        wellbeingSum += other.wellbeingSum
        wellbeingSquares += other.wellbeingSquares
        burnoutSum += other.burnoutSum
        burnoutSquares += other.burnoutSquares
        for i in 0..<3 {
            wellbeingBands[i] += other.wellbeingBands[i]
            burnoutBands[i] += other.burnoutBands[i]
        }
    }

    public var wellbeingMean: Double { count == 0 ? 0 : wellbeingSum / Double(count) }
    public var burnoutMean: Double { count == 0 ? 0 : burnoutSum / Double(count) }
    public var wellbeingSD: Double { Self.sd(count, wellbeingSum, wellbeingSquares) }
    public var burnoutSD: Double { Self.sd(count, burnoutSum, burnoutSquares) }

    static func sd(_ n: Int, _ sum: Double, _ squares: Double) -> Double {
        guard n > 1 else { return 0 }
        let mean = sum / Double(n)
        return max(0, (squares - Double(n) * mean * mean) / Double(n - 1)).squareRoot()
    }
}

/// The guarded report of one network (or one school without a network), period by period.
/// Build it from the finest cells; then each person reads the part they may see.
public struct WellbeingReport<School: Hashable & Comparable & Sendable>: Sendable {
    public struct Cell: Sendable {
        public var school: School
        public var category: StaffCategory
        public var period: String
        public var stats: CheckInStats
        public init(school: School, category: StaffCategory, period: String, stats: CheckInStats) {
            self.school = school
            self.category = category
            self.period = period
            self.stats = stats
        }
    }

    /// One figure: a school (nil = all schools) and a category (nil = all staff).
    public struct Key: Hashable, Sendable {
        public var school: School?
        public var category: StaffCategory?
        public init(school: School?, category: StaffCategory?) {
            self.school = school
            self.category = category
        }
    }

    public enum Figure: Sendable, Equatable {
        case shown(CheckInStats)
        case suppressed(AnonymityGuard.Suppression)
    }

    /// period → key → figure; periods sorted.
    public private(set) var periods: [String]
    public private(set) var figures: [String: [Key: Figure]]

    public init(cells: [Cell], schools: [School], minimumGroup: Int) {
        let guardian = AnonymityGuard(minimumGroup: minimumGroup)
        let schools = schools.sorted()
        let categories = StaffCategory.allCases
        // Cell index: school × category.
        func index(_ school: School, _ category: StaffCategory) -> Int? {
            guard let s = schools.firstIndex(of: school), let c = categories.firstIndex(of: category) else { return nil }
            return s * categories.count + c
        }
        var views: [AnonymityGuard.View<Key>] = []
        var partitions: [AnonymityGuard.Partition<Key>] = []
        for school in schools {
            let parts = categories.map { Key(school: school, category: $0) }
            for category in categories {
                views.append(.init(key: Key(school: school, category: category), cells: [index(school, category)!]))
            }
            views.append(.init(key: Key(school: school, category: nil), cells: Set(categories.map { index(school, $0)! })))
            partitions.append(.init(parent: Key(school: school, category: nil), parts: parts))
        }
        // The views nest (network ⊃ school ⊃ school × category) and never cross: with
        // nested views, what can be worked out is exactly each shown view minus the shown
        // views inside it, and the guard keeps every such rest at zero or at least the
        // minimum. A network-wide figure per category would cut across the schools, and
        // with both, small groups could be isolated by combining rows and columns (the
        // property test found such cases), so the network is broken down by school only.
        if schools.count > 1 {
            let all = Key(school: nil, category: nil)
            views.append(.init(key: all, cells: Set(0..<(schools.count * categories.count))))
            partitions.append(.init(parent: all, parts: schools.map { Key(school: $0, category: nil) }, preferWithholdingParent: true))
        }

        var byPeriod: [String: [Int: CheckInStats]] = [:]
        for cell in cells {
            guard let i = index(cell.school, cell.category) else { continue }
            byPeriod[cell.period, default: [:]][i, default: CheckInStats()].merge(cell.stats)
        }
        periods = byPeriod.keys.sorted()
        figures = [:]
        for (period, stats) in byPeriod {
            let sizes = (0..<(schools.count * categories.count)).map { stats[$0]?.count ?? 0 }
            let decision = guardian.decide(views: views, sizes: sizes, partitions: partitions)
            var result: [Key: Figure] = [:]
            for view in views {
                if let reason = decision[view.key] ?? nil {
                    result[view.key] = .suppressed(reason)
                } else {
                    var merged = CheckInStats()
                    for cell in view.cells { if let s = stats[cell] { merged.merge(s) } }
                    result[view.key] = .shown(merged)
                }
            }
            figures[period] = result
        }
    }

    public func figure(_ key: Key, period: String) -> Figure? { figures[period]?[key] }
}
