import Domain
import Foundation
import Testing

/// Issue 14: thresholds the reader cannot fill with their own answer, settings that never
/// change a period already under way.
@Suite("Well-being release rules")
struct WellbeingReleaseRulesTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T12:00:00Z")! }

    static func stats(_ n: Int, wellbeing: Double = 60) -> CheckInStats {
        var s = CheckInStats()
        for _ in 0..<n { s.add(CheckInScores(wellbeing: wellbeing, burnout: 40)) }
        return s
    }

    @Test("A reader's own answer does not count toward the minimum, and cannot be left as the hidden rest")
    func readersAnswers() {
        let withLeader = WellbeingReport(
            cells: [
                .init(school: 1, category: .teaching, period: "p", stats: Self.stats(4)),
                .init(school: 1, category: .leadership, period: "p", stats: Self.stats(1), readerAnswers: 1),
            ], schools: [1], minimumGroup: 5)
        #expect(
            withLeader.figure(.init(school: 1, category: nil), period: "p") == .suppressed(.tooFewAnswers),
            "four besides the leader: the leader could take their own answer out")

        let larger = WellbeingReport(
            cells: [
                .init(school: 1, category: .teaching, period: "p", stats: Self.stats(5)),
                .init(school: 1, category: .leadership, period: "p", stats: Self.stats(1), readerAnswers: 1),
            ], schools: [1], minimumGroup: 5)
        guard case .shown(let total) = larger.figure(.init(school: 1, category: nil), period: "p") else {
            Issue.record("five that count: the total is shown"); return
        }
        #expect(total.count == 6)
        // Shown, teaching and the total would give the leader's answer to anyone else who
        // reads them (a coordinator): a hidden rest of readers' answers only is not "none".
        #expect(larger.figure(.init(school: 1, category: .teaching), period: "p") == .suppressed(.wouldRevealByDifference))
    }

    @Test("Over random networks with readers' answers, no published combination isolates a group with fewer than the minimum that count", arguments: 0..<200)
    func property(seed: Int) {
        var rng = ReleaseRulesRandom(UInt64(seed) &+ 7)
        let schools = 2, categories = StaffCategory.allCases
        var cells: [WellbeingReport<Int>.Cell] = []
        var sizes: [Int] = [], counted: [Int] = []
        for s in 0..<schools {
            for category in categories {
                let n = Int(rng.next() % 9), r = n == 0 ? 0 : Int(rng.next() % UInt64(min(n, 2) + 1))
                sizes.append(n); counted.append(n - r)
                if n > 0 { cells.append(.init(school: s, category: category, period: "p", stats: Self.stats(n), readerAnswers: r)) }
            }
        }
        let report = WellbeingReport(cells: cells, schools: Array(0..<schools), minimumGroup: 5)
        let cellCount = schools * categories.count
        let published = (report.figures["p"] ?? [:]).compactMap { key, figure -> [Double]? in
            guard case .shown = figure else { return nil }
            return (0..<cellCount).map { i in
                (key.school == nil || key.school == i / categories.count) && (key.category == nil || key.category == categories[i % categories.count]) ? 1 : 0
            }
        }
        for mask in 1..<(1 << cellCount) {
            let members = (0..<cellCount).filter { mask & (1 << $0) != 0 }
            guard members.allSatisfy({ sizes[$0] > 0 }), members.reduce(0, { $0 + counted[$1] }) < 5 else { continue }
            let vector = (0..<cellCount).map { mask & (1 << $0) != 0 ? 1.0 : 0.0 }
            #expect(!AnonymityGuardTests.inSpan(vector, of: published), "sizes \(sizes), counted \(counted): cells \(members) recoverable")
        }
    }

    @Test("Each period is decided with the minimum group in force for it")
    func minimumPerPeriod() {
        let report = WellbeingReport(
            cells: [
                .init(school: 1, category: .teaching, period: "2026-10", stats: Self.stats(6)),
                .init(school: 1, category: .teaching, period: "2026-12", stats: Self.stats(6)),
            ], schools: [1], minimumGroup: 5, minimumGroups: ["2026-12": 8])
        #expect(report.figure(.init(school: 1, category: nil), period: "2026-10") != .suppressed(.tooFewAnswers))
        #expect(report.figure(.init(school: 1, category: nil), period: "2026-12") == .suppressed(.tooFewAnswers))
    }

    @Test("A cadence change starts at the next boundary; the period under way keeps its length; a pending change is replaced")
    func schedule() {
        let monthly = CheckInSchedule(cadence: .monthly, minimumGroup: 5)
        #expect(
            CheckInSchedule(cadence: .termly, minimumGroup: 5).period(containing: Self.date("2026-11-18")) == "2026-10",
            "without changes, terms follow the calendar as before")
        let termly = monthly.changing(cadence: .termly, minimumGroup: 8, at: Self.date("2026-11-18"))
        #expect(termly.period(containing: Self.date("2026-11-30")) == "2026-11", "November stays a month")
        #expect(termly.segment(for: "2026-11").minimumGroup == 5)
        #expect(termly.period(containing: Self.date("2026-12-05")) == "2026-12")
        #expect(termly.period(containing: Self.date("2027-02-27")) == "2026-12", "December to February")
        #expect(termly.period(containing: Self.date("2027-03-01")) == "2027-03")
        #expect(termly.segment(for: "2026-12").minimumGroup == 8)
        let again = termly.changing(cadence: .everyTwoMonths, minimumGroup: 5, at: Self.date("2026-11-25"))
        #expect(again.segments.count == 2)
        #expect(again.period(containing: Self.date("2027-01-20")) == "2026-12")
        #expect(again.period(containing: Self.date("2027-02-02")) == "2027-02")
        // Changed in the middle of a term: the term runs out first.
        let back = termly.changing(cadence: .monthly, minimumGroup: 5, at: Self.date("2027-01-10"))
        #expect(back.period(containing: Self.date("2027-02-15")) == "2026-12")
        #expect(back.period(containing: Self.date("2027-03-15")) == "2027-03")
        #expect(back.period(containing: Self.date("2027-04-15")) == "2027-04")
    }
}

/// A small repeatable generator (SplitMix64).
struct ReleaseRulesRandom: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
