import Domain
import Foundation
import Testing

@Suite("Anonymity guard")
struct AnonymityGuardTests {
    /// Whether `target` is a linear combination of `rows` (Gaussian elimination).
    static func inSpan(_ target: [Double], of rows: [[Double]]) -> Bool {
        func rank(_ matrix: [[Double]]) -> Int {
            var m = matrix
            var rank = 0
            let columns = m.first?.count ?? 0
            for column in 0..<columns {
                guard let pivot = (rank..<m.count).first(where: { abs(m[$0][column]) > 1e-9 }) else { continue }
                m.swapAt(rank, pivot)
                for row in 0..<m.count where row != rank && abs(m[row][column]) > 1e-9 {
                    let factor = m[row][column] / m[rank][column]
                    for c in 0..<columns { m[row][c] -= factor * m[rank][c] }
                }
                rank += 1
            }
            return rank
        }
        return rank(rows + [target]) == rank(rows)
    }

    /// Every group of answers smaller than the minimum that some combination of the
    /// published figures would isolate (by adding and subtracting their counts and sums).
    static func recoverableSmallGroups(_ report: WellbeingReport<Int>, schools: Int, sizes: [Int], period: String, minimum: Int) -> [[Int]] {
        let categories = StaffCategory.allCases
        let cellCount = schools * categories.count
        func cells(_ key: WellbeingReport<Int>.Key) -> Set<Int> {
            var result = Set<Int>()
            for s in 0..<schools where key.school == nil || key.school == s {
                for (c, category) in categories.enumerated() where key.category == nil || key.category == category {
                    result.insert(s * categories.count + c)
                }
            }
            return result
        }
        let published = (report.figures[period] ?? [:]).compactMap { key, figure -> [Double]? in
            guard case .shown = figure else { return nil }
            let set = cells(key)
            return (0..<cellCount).map { set.contains($0) ? 1 : 0 }
        }
        var found: [[Int]] = []
        for mask in 1..<(1 << cellCount) {
            let members = (0..<cellCount).filter { mask & (1 << $0) != 0 }
            let total = members.reduce(0) { $0 + sizes[$1] }
            guard total > 0, total < minimum else { continue }
            let vector = (0..<cellCount).map { mask & (1 << $0) != 0 ? 1.0 : 0.0 }
            // Cells with no answers add nothing: the group is the same with or without them.
            if members.allSatisfy({ sizes[$0] > 0 }), inSpan(vector, of: published) { found.append(members) }
        }
        return found
    }

    @Test("Over many random networks no published combination isolates fewer than the minimum", arguments: 0..<600)
    func noSmallGroupRecoverable(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) &* 7919)
        let schools = Int.random(in: 1...4, using: &random)
        let minimum = [5, 5, 6, 8].randomElement(using: &random)!
        let sizes = (0..<(schools * 3)).map { _ in
            Bool.random(using: &random) ? Int.random(in: 0...4, using: &random) : Int.random(in: 0...14, using: &random)
        }
        var cells: [WellbeingReport<Int>.Cell] = []
        for (i, size) in sizes.enumerated() where size > 0 {
            var stats = CheckInStats()
            for _ in 0..<size {
                stats.add(
                    CheckInScores(
                        wellbeing: Double(Int.random(in: 0...25, using: &random) * 4),
                        burnout: Double(Int.random(in: 0...4, using: &random) * 25)))
            }
            cells.append(.init(school: i / 3, category: StaffCategory.allCases[i % 3], period: "2026-11", stats: stats))
        }
        let report = WellbeingReport(cells: cells, schools: Array(0..<schools), minimumGroup: minimum)
        let leaks = Self.recoverableSmallGroups(report, schools: schools, sizes: sizes, period: "2026-11", minimum: minimum)
        #expect(leaks.isEmpty, "seed \(seed): sizes \(sizes), minimum \(minimum), isolated cell groups \(leaks)")
    }

    @Test("One group alone: shown from the minimum on; the product's minimums are five for figures and ten for words")
    func singleGroup() {
        let figures = AnonymityGuard(minimumGroup: PrivacyThresholds.figures)
        #expect(!figures.allows(4) && figures.allows(5))
        let words = AnonymityGuard(minimumGroup: PrivacyThresholds.freeText)
        #expect(!words.allows(9) && words.allows(10))
        #expect(!AnonymityGuard(minimumGroup: 0).allows(1), "no minimum below two, whatever a caller asks")
        let reader = PrivacyThresholds.forReader(answeredThemselves: true)
        #expect(reader.figures == 6 && reader.freeText == 11, "a reader who answered needs one more besides themselves")
    }

    @Test("A group below the minimum is suppressed with its reason; the school total stays when it is safe")
    func suppression() {
        var big = CheckInStats()
        for _ in 0..<12 { big.add(CheckInScores(wellbeing: 60, burnout: 40)) }
        var small = CheckInStats()
        for _ in 0..<2 { small.add(CheckInScores(wellbeing: 20, burnout: 80)) }
        var other = CheckInStats()
        for _ in 0..<6 { other.add(CheckInScores(wellbeing: 70, burnout: 30)) }
        let report = WellbeingReport(
            cells: [
                .init(school: 1, category: .teaching, period: "p", stats: big),
                .init(school: 1, category: .leadership, period: "p", stats: small),
                .init(school: 1, category: .support, period: "p", stats: other),
            ], schools: [1], minimumGroup: 5)
        #expect(report.figure(.init(school: 1, category: .leadership), period: "p") == .suppressed(.tooFewAnswers))
        // Shown, support (6) and the total (20) would give away the two leaders' figures,
        // so the next-smallest part is withheld too.
        #expect(report.figure(.init(school: 1, category: .support), period: "p") == .suppressed(.wouldRevealByDifference))
        guard case .shown(let total) = report.figure(.init(school: 1, category: nil), period: "p") else {
            Issue.record("the school total should be shown"); return
        }
        #expect(total.count == 20)
        guard case .shown(let teaching) = report.figure(.init(school: 1, category: .teaching), period: "p") else {
            Issue.record("teaching (12) differs from the total by 8 and should be shown"); return
        }
        #expect(teaching.count == 12)
    }

    @Test("A small school in a network costs the network total, not the large school's figures")
    func smallSchoolInNetwork() {
        func stats(_ n: Int) -> CheckInStats {
            var s = CheckInStats()
            for _ in 0..<n { s.add(CheckInScores(wellbeing: 60, burnout: 40)) }
            return s
        }
        let report = WellbeingReport(
            cells: [
                .init(school: 1, category: .teaching, period: "p", stats: stats(15)),
                .init(school: 2, category: .teaching, period: "p", stats: stats(3)),
            ], schools: [1, 2, 3], minimumGroup: 5)
        #expect(report.figure(.init(school: nil, category: nil), period: "p") == .suppressed(.wouldRevealByDifference))
        #expect(report.figure(.init(school: 2, category: nil), period: "p") == .suppressed(.tooFewAnswers))
        guard case .shown(let large) = report.figure(.init(school: 1, category: nil), period: "p") else {
            Issue.record("the large school's total should be shown"); return
        }
        #expect(large.count == 15)
    }

    @Test("Fewer than the minimum in the whole school: nothing is shown")
    func tooFew() {
        var stats = CheckInStats()
        for _ in 0..<4 { stats.add(CheckInScores(wellbeing: 40, burnout: 60)) }
        let report = WellbeingReport(cells: [.init(school: 1, category: .teaching, period: "p", stats: stats)], schools: [1], minimumGroup: 5)
        #expect(report.figure(.init(school: 1, category: nil), period: "p") == .suppressed(.tooFewAnswers))
    }
}

@Suite("Well-being instruments")
struct InstrumentTests {
    @Test("WHO-5: raw 0–25 times four; bands at 28 and 50")
    func who5() {
        var answers = Dictionary(uniqueKeysWithValues: Instrument.who5.items.map { ($0.key, 3) })
        #expect(Instrument.who5.score(answers) == 60)
        answers["who5_1"] = 0
        #expect(Instrument.who5.score(answers) == 48)
        #expect(WellbeingBand.who5(48) == .middle)
        #expect(WellbeingBand.who5(24) == .low)
        answers["who5_2"] = 9
        #expect(Instrument.who5.score(answers) == nil, "an answer off the scale is refused")
    }

    @Test("CBI work-related: mean of 0–100 items, item 7 reversed")
    func cbi() {
        var answers = Dictionary(uniqueKeysWithValues: Instrument.cbiWork.items.map { ($0.key, 50) })
        #expect(Instrument.cbiWork.score(answers) == 50)
        answers["cbi_7"] = 100  // plenty of energy for family and friends: less burnout
        #expect(Instrument.cbiWork.score(answers)! < 50)
        answers["cbi_3"] = nil
        #expect(Instrument.cbiWork.score(answers) == nil)
    }

    @Test("Low well-being or high burnout points to support")
    func support() {
        #expect(CheckInScores(wellbeing: 40, burnout: 20).suggestsSupport)
        #expect(CheckInScores(wellbeing: 80, burnout: 80).suggestsSupport)
        #expect(!CheckInScores(wellbeing: 80, burnout: 30).suggestsSupport)
        // Moderate burnout (50–74) with good well-being is not "doing well" (issue 18).
        #expect(CheckInScores(wellbeing: 80, burnout: 54).suggestsSupport)
        #expect(CheckInScores(wellbeing: 80, burnout: 54).concern == .some)
        #expect(CheckInScores(wellbeing: 80, burnout: 49.9).concern == .none)
        #expect(CheckInScores(wellbeing: 27, burnout: 20).concern == .serious)
        #expect(CheckInScores(wellbeing: 60, burnout: 75).concern == .serious)
        #expect(CheckInScores(wellbeing: 40, burnout: 60).concern == .some)
    }

    /// Found by the mutation round of issue 15: a guard made with a minimum of 1 (the
    /// settings accept 5 to 50, so only code could ask for it) must still never show one
    /// answer alone.
    @Test("A minimum below two is taken as two, whether given to the guard or to one decision")
    func minimumIsAtLeastTwo() {
        #expect(AnonymityGuard(minimumGroup: 1).minimumGroup == 2)
        #expect(AnonymityGuard(minimumGroup: 0).minimumGroup == 2)
        #expect(AnonymityGuard(minimumGroup: -3).minimumGroup == 2)
        let plan = AnonymityGuard(minimumGroup: 1).prepare(
            views: [AnonymityGuard.View(key: "one school", cells: [0])],
            partitions: [AnonymityGuard.Partition<String>]())
        #expect(plan.decide(sizes: [1]) == [.tooFewAnswers])
        #expect(plan.decide(sizes: [1], minimum: 1) == [.tooFewAnswers])
        #expect(plan.decide(sizes: [1], minimum: 0) == [.tooFewAnswers])
        #expect(plan.decide(sizes: [2], minimum: 1) == [nil])
    }
}
