import Domain
import Testing

@Suite("Matching: optimal assignment with capacities")
struct MatchingTests {

    /// Every way to give each mentee a mentor or none, within capacities and never a
    /// forbidden pair: the most pairs, then the least cost.
    static func bruteForce(_ costs: [[Double?]], _ capacities: [Int]) -> (count: Int, cost: Double) {
        var best = (count: -1, cost: Double.infinity)
        var left = capacities
        func visit(_ row: Int, _ count: Int, _ cost: Double) {
            if row == costs.count {
                if count > best.count || (count == best.count && cost < best.cost - 1e-9) { best = (count, cost) }
                return
            }
            visit(row + 1, count, cost)
            for (m, pair) in costs[row].enumerated() {
                guard let pair, left[m] > 0 else { continue }
                left[m] -= 1
                visit(row + 1, count + 1, cost + pair)
                left[m] += 1
            }
        }
        visit(0, 0, 0)
        return best
    }

    @Test(
        "Against brute force on 1,500 random programmes: as many pairs as possible, then the least cost; capacities and forbidden pairs respected",
        arguments: 0..<3)
    func againstBruteForce(batch: Int) throws {
        var random = SeededRandom(seed: UInt64(batch) &* 104_729 &+ 17)
        for _ in 0..<500 {
            let mentees = Int.random(in: 0...6, using: &random)
            let mentors = Int.random(in: 1...4, using: &random)
            let capacities = (0..<mentors).map { _ in Int.random(in: 0...3, using: &random) }
            let ties = Bool.random(using: &random)
            let costs: [[Double?]] = (0..<mentees).map { _ in
                (0..<mentors).map { _ -> Double? in
                    if Int.random(in: 0..<5, using: &random) == 0 { return nil }
                    return ties ? Double(Int.random(in: 0...3, using: &random)) : Double.random(in: -50...50, using: &random)
                }
            }
            let result = try Matching.solve(costs: costs, capacities: capacities)
            let best = Self.bruteForce(costs, capacities)
            #expect(result.matchedCount == best.count, "\(costs) \(capacities)")
            #expect(abs(result.totalCost - best.cost) < 1e-6, "\(costs) \(capacities): \(result.totalCost) vs \(best.cost)")
            var used = [Int](repeating: 0, count: mentors)
            var sum = 0.0
            for (row, mentor) in result.mentorOf.enumerated() {
                guard let mentor else { continue }
                let cost = try #require(costs[row][mentor], "a forbidden pair was made")
                used[mentor] += 1
                sum += cost
            }
            #expect(zip(used, capacities).allSatisfy { $0 <= $1 }, "a capacity was exceeded")
            #expect(abs(sum - result.totalCost) < 1e-9)
        }
    }

    @Test("Square matrices against every permutation, ties included")
    func squareAgainstPermutations() {
        var random = SeededRandom(seed: 99)
        func permutations(_ n: Int) -> [[Int]] {
            guard n > 0 else { return [[]] }
            return permutations(n - 1).flatMap { p in
                (0...p.count).map { i in
                    var q = p; q.insert(n - 1, at: i); return q
                }
            }
        }
        for _ in 0..<300 {
            let n = Int.random(in: 1...6, using: &random)
            let integer = Bool.random(using: &random)
            let cost = (0..<(n * n)).map { _ in integer ? Double(Int.random(in: 0...4, using: &random)) : Double.random(in: 0...100, using: &random) }
            let columns = LinearAssignment.solve(cost: cost, n: n)
            #expect(Set(columns) == Set(0..<n), "each column once")
            let total = columns.enumerated().reduce(0.0) { $0 + cost[$1.offset * n + $1.element] }
            let best = permutations(n).map { p in p.enumerated().reduce(0.0) { $0 + cost[$1.offset * n + $1.element] } }.min()!
            #expect(abs(total - best) < 1e-9, "\(cost)")
        }
    }

    @Test("Where a greedy first pick would strand someone, the optimal set matches everyone")
    func notGreedy() throws {
        // Anna's cheapest mentor is Marta, but Marta is Jānis's only possible mentor.
        let result = try Matching.solve(costs: [[1, 2], [1, nil]])
        #expect(result.mentorOf == [1, 0])
        #expect(result.totalCost == 3)
    }

    @Test("More mentees than places: the places go where they cost least overall; the rest stay unmatched")
    func morementeesThanPlaces() throws {
        let result = try Matching.solve(costs: [[5, 9], [1, 8], [7, 2]], capacities: [1, 1])
        #expect(result.matchedCount == 2)
        #expect(result.mentorOf == [nil, 0, 1])
        #expect(result.totalCost == 3)
        let capacity = try Matching.solve(costs: [[1], [2], [3]], capacities: [2])
        #expect(capacity.mentorOf == [0, 0, nil])
    }

    @Test("A malformed problem says what is wrong")
    func problems() throws {
        #expect(throws: Matching.Problem.raggedRows(row: 1, expected: 2, found: 1)) { try Matching.solve(costs: [[1, 2], [3]]) }
        #expect(throws: Matching.Problem.notFinite(row: 0, column: 1)) { try Matching.solve(costs: [[1, .infinity]]) }
        #expect(throws: Matching.Problem.capacityCount(expected: 2, found: 1)) { try Matching.solve(costs: [[1, 2]], capacities: [1]) }
        #expect(throws: Matching.Problem.negativeCapacity(column: 0)) { try Matching.solve(costs: [[1]], capacities: [-1]) }
        #expect(try Matching.solve(costs: []).mentorOf == [])
    }
}

@Suite("Cost matrix files for match-costs")
struct CostMatrixFileTests {
    /// The bytes reader and the general reader agree: same matrix, or the general reader's problem.
    static func agree(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let general = Result { try CostMatrixFile(csv: text) }
        let bytes = Result { try CostMatrixFile(bytes: Array(text.utf8)) }
        switch (general, bytes) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text.debugDescription)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a as? CostMatrixFile.Problem == b as? CostMatrixFile.Problem, "\(text.debugDescription)", sourceLocation: sourceLocation)
        default: Issue.record("\(text.debugDescription): \(general) against \(bytes)", sourceLocation: sourceLocation)
        }
    }

    @Test("Read from bytes, a file gives what the general reader gives: plain numbers, decimals, signs, empty cells, separators, line ends, names, mistakes")
    func bytesAgree() {
        for text in [
            "1,2.5\n3,\n", "1;2\r\n3;4\r\n", "\u{FEFF}7,8\n9,10", " 1 ,\t2\n3, 4 \n\n,\n", "-0,+5\n1e2,0.1\n", "1,2\n3,x\n",
            "1,2\n3,4,5\n", "\n\n", ",Marta,Ilze\nAnna,1,2\nJānis,1,\n", "\"1\",2\n3,4", "1,inf\n2,3", "1,-\n2,3", "1,1_000\n2,3",
            "1.5;2,5\n3;4", "1\r2\r", "0x1p3,1\n2,3", "1234567890123456,1\n2,3", String(repeating: "0,", count: 5) + "1\n",
        ] {
            Self.agree(text)
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<30 {
            let size = Int.random(in: 1...12, using: &generator)
            let text = (0..<size).map { _ in
                (0..<size).map { _ in
                    switch Int.random(in: 0...9, using: &generator) {
                    case 0: ""
                    case 1: String(Double(Int.random(in: -500...500, using: &generator)) / 8)
                    default: String(Int.random(in: 0...999, using: &generator))
                    }
                }.joined(separator: ",")
            }.joined(separator: "\n")
            Self.agree(text)
        }
        #expect(CostMatrixFile.plainNumbers(Array("1,2\n3,4\n".utf8)) == [[1, 2], [3, 4]], "plain numbers take the fast way")
        #expect(CostMatrixFile.plainNumbers(Array(",Marta\nAnna,1\n".utf8)) == nil, "names go the general way")
        // "Jānis" in Windows-1257: ā is 0xE2, not UTF-8.
        let windows1257: [UInt8] = Array(",Marta\nJ".utf8) + [0xE2] + Array("nis,1\n".utf8)
        #expect(throws: CostMatrixFile.Problem.csv("the file is not UTF-8 text: save it as CSV UTF-8")) { try CostMatrixFile(bytes: windows1257) }
    }

    @Test("Plain numbers; an empty cell is a forbidden pair")
    func plain() throws {
        let file = try CostMatrixFile(csv: "1,2.5\n3,\n")
        #expect(file.costs == [[1, 2.5], [3, nil]])
        #expect(file.rowLabels == nil && file.columnLabels == nil)
    }

    @Test("A row of mentor names and a column of mentee names are kept as labels")
    func labels() throws {
        let file = try CostMatrixFile(csv: ",Marta,Ilze\nAnna,1,2\nJānis;1;\n".replacingOccurrences(of: ";", with: ","))
        #expect(file.costs == [[1, 2], [1, nil]])
        #expect(file.rowLabels == ["Anna", "Jānis"])
        #expect(file.columnLabels == ["Marta", "Ilze"])
    }

    @Test("A bad cell names its line and column; ragged rows and bad capacities are refused")
    func problems() {
        #expect(throws: CostMatrixFile.Problem.notANumber(line: 2, column: 2, text: "x")) { try CostMatrixFile(csv: "1,2\n3,x\n") }
        #expect(throws: CostMatrixFile.Problem.raggedRow(line: 2, expected: 2, found: 3)) { try CostMatrixFile(csv: "1,2\n3,4,5\n") }
        #expect(throws: CostMatrixFile.Problem.empty) { try CostMatrixFile(csv: "\n\n") }
        #expect(throws: CostMatrixFile.Problem.badCapacity(position: 2, text: "-1")) { try CostMatrixFile.capacities("2\n-1\n") }
        #expect(throws: CostMatrixFile.Problem.notANumber(line: 1, column: 2, text: "inf")) { try CostMatrixFile(csv: "1,inf\n") }
    }
}

@Suite("Mentoring: pairs from profiles")
struct MentoringMatchTests {
    typealias P = MentoringMatch.Profile
    static let ilze = P(personID: "ilze", schoolID: "riga", subjects: ["maths"], levels: ["secondary"], yearsOfExperience: 25, languages: ["lv"])
    static let marta = P(
        personID: "marta", schoolID: "riga", subjects: ["maths", "physics"], levels: ["secondary"], yearsOfExperience: 12,
        languages: ["lv", "en"], goals: ["assessment", "classroom"], availability: ["tue-pm", "thu-pm"])
    static let karlis = P(
        personID: "karlis", schoolID: "valmiera", subjects: ["history"], levels: ["primary"], yearsOfExperience: 20,
        languages: ["lv"], goals: ["parents"], availability: ["mon-am"])
    static let anna = P(
        personID: "anna", schoolID: "riga", subjects: ["maths"], levels: ["secondary"], yearsOfExperience: 1,
        languages: ["lv"], goals: ["classroom"], availability: ["thu-pm"], lineManagers: ["ilze"])
    static let peter = P(
        personID: "peter", schoolID: "riga", subjects: ["physics"], levels: ["secondary"], yearsOfExperience: 2,
        languages: ["en"], goals: ["assessment"], availability: ["tue-pm"], lineManagers: ["ilze"])

    @Test("Hard rules: never one's line manager, never without a language in common, never a pair the leader excluded")
    func hardRules() {
        #expect(MentoringMatch.forbidden(mentor: Self.ilze, mentee: Self.anna) == .lineManager)
        #expect(MentoringMatch.forbidden(mentor: Self.karlis, mentee: Self.peter) == .noCommonLanguage)
        #expect(MentoringMatch.forbidden(mentor: Self.marta, mentee: Self.anna, excluded: [.init(mentor: "marta", mentee: "anna")]) == .excludedByLeader)
        #expect(MentoringMatch.forbidden(mentor: Self.marta, mentee: Self.anna) == nil)
    }

    @Test("Each criterion is scored from the profiles, and the weights make the total")
    func scores() {
        let score = MentoringMatch.score(mentor: Self.marta, mentee: Self.anna, weights: .init())
        #expect(score.criteria[.subject] == 1)
        #expect(score.criteria[.availability] == 1)
        #expect(score.criteria[.school] == 1)
        #expect(score.criteria[.experienceGap]! > 0.5)
        let other = MentoringMatch.score(mentor: Self.karlis, mentee: Self.anna, weights: .init())
        #expect(other.total < score.total)
        let onlySchool = MentoringMatch.score(
            mentor: Self.karlis, mentee: Self.anna,
            weights: .init(weight: [.school: 1], preferSameSchool: false))
        #expect(onlySchool.total == 1, "a leader who wants pairs across schools gets them")
    }

    @Test("Proposals: the best whole set within capacity; accepted pairs stay; a declined pair is not proposed again")
    func proposals() throws {
        let mentors = [Self.ilze, Self.marta, Self.karlis]
        let capacity = ["ilze": 1, "marta": 1, "karlis": 1]
        let first = try MentoringMatch.propose(mentors: mentors, mentees: [Self.anna, Self.peter], capacity: capacity, weights: .init())
        // Peter speaks only English: Marta is his only possible mentor, so Anna gets Kārlis.
        #expect(Set(first.map { "\($0.mentee)-\($0.mentor)" }) == ["peter-marta", "anna-karlis"])
        // Anna declines Kārlis; Peter has accepted Marta: Anna is matched again without
        // touching Peter's pair, and nobody is proposed to a full mentor.
        let again = try MentoringMatch.propose(
            mentors: mentors, mentees: [Self.anna, Self.peter], capacity: capacity, weights: .init(),
            accepted: [.init(mentor: "marta", mentee: "peter")],
            excluded: [.init(mentor: "karlis", mentee: "anna")])
        #expect(again.isEmpty, "Ilze is Anna's line manager and Marta is full: nobody is left for Anna")
        let roomier = try MentoringMatch.propose(
            mentors: mentors, mentees: [Self.anna, Self.peter], capacity: ["marta": 2], weights: .init(),
            accepted: [.init(mentor: "marta", mentee: "peter")],
            excluded: [.init(mentor: "karlis", mentee: "anna")])
        #expect(roomier.map { "\($0.mentee)-\($0.mentor)" } == ["anna-marta"])
        #expect(roomier.first?.score.criteria[.subject] == 1, "each proposal shows its scores per criterion")
    }
}
