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
        /// How many of the answers come from people who may read these figures themselves
        /// (leaders, coordinators, admins): they do not count toward the minimum group.
        public var readerAnswers: Int
        public init(school: School, category: StaffCategory, period: String, stats: CheckInStats, readerAnswers: Int = 0) {
            self.school = school
            self.category = category
            self.period = period
            self.stats = stats
            self.readerAnswers = readerAnswers
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

    /// The periods with answers, sorted.
    public private(set) var periods: [String]
    /// Every figure the report holds, by view (`keys[i]`) and period. Stored by index
    /// rather than in a dictionary per period: the network report of 100 schools over 24
    /// periods holds about 10,000 figures, and hashing a key for each was most of the cost.
    public let keys: [Key]
    private let keyIndex: [Key: Int]
    private let decided: [String: [Figure]]

    /// period → key → figure (for tests and tools; pages use `figure(_:period:)`).
    public var figures: [String: [Key: Figure]] {
        decided.mapValues { list in Dictionary(uniqueKeysWithValues: zip(keys, list)) }
    }

    /// `minimumGroups` gives the minimum in force for a period where it differs from
    /// `minimumGroup` (settings changed later apply to later periods only).
    public init(cells: [Cell], schools: [School], minimumGroup: Int, minimumGroups: [String: Int] = [:]) {
        let guardian = AnonymityGuard(minimumGroup: minimumGroup)
        let schools = schools.sorted()
        let categories = StaffCategory.allCases
        var schoolIndex: [School: Int] = [:]
        for (i, school) in schools.enumerated() where schoolIndex[school] == nil { schoolIndex[school] = i }
        // Cell index: school × category.
        func index(_ school: School, _ category: StaffCategory) -> Int? {
            guard let s = schoolIndex[school], let c = categories.firstIndex(of: category) else { return nil }
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

        // The nesting of the views is the same for every period: work it out once.
        let plan = guardian.prepare(views: views, partitions: partitions)
        let cellCount = schools.count * categories.count
        var periodIndex: [String: Int] = [:]
        var byPeriod: [[CheckInStats?]] = []
        var readers: [[Int]] = []
        // Cells usually arrive grouped by school: look a school up once per run of cells.
        var lastSchool: School?
        var lastSchoolIndex: Int?
        for cell in cells {
            if cell.school != lastSchool {
                lastSchool = cell.school
                lastSchoolIndex = schoolIndex[cell.school]
            }
            guard let s = lastSchoolIndex, let c = categories.firstIndex(of: cell.category) else { continue }
            let i = s * categories.count + c
            let p: Int
            if let known = periodIndex[cell.period] {
                p = known
            } else {
                p = byPeriod.count
                periodIndex[cell.period] = p
                byPeriod.append(Array(repeating: nil, count: cellCount))
                readers.append(Array(repeating: 0, count: cellCount))
            }
            readers[p][i] += cell.readerAnswers
            if byPeriod[p][i] == nil { byPeriod[p][i] = cell.stats } else { byPeriod[p][i]!.merge(cell.stats) }
        }
        periods = periodIndex.keys.sorted()
        keys = views.map(\.key)
        var keyIndex: [Key: Int] = [:]
        for (i, key) in keys.enumerated() where keyIndex[key] == nil { keyIndex[key] = i }
        self.keyIndex = keyIndex
        let viewCells = views.map { $0.cells.sorted() }
        var decided: [String: [Figure]] = [:]
        for (period, p) in periodIndex {
            let stats = byPeriod[p]
            let sizes = stats.map { $0?.count ?? 0 }
            let counted = zip(sizes, readers[p]).map { max(0, $0 - $1) }
            let decision = plan.decide(sizes: sizes, counted: counted, minimum: minimumGroups[period])
            decided[period] = viewCells.indices.map { v in
                if let reason = decision[v] { return .suppressed(reason) }
                var merged = CheckInStats()
                for cell in viewCells[v] { if let s = stats[cell] { merged.merge(s) } }
                return .shown(merged)
            }
        }
        self.decided = decided
    }

    public func figure(_ key: Key, period: String) -> Figure? {
        guard let index = keyIndex[key] else { return nil }
        return decided[period]?[index]
    }
}
