import Domain
import Foundation
import Testing

@Suite("Survey definitions, answers and statistics")
struct SurveyTests {
    static let scale: [SurveyDefinition.Option] = (1...5).map { .init(value: $0, label: ["en": "Label \($0)", "lv": "Vērtība \($0)"]) }

    static func definition() -> SurveyDefinition {
        SurveyDefinition(
            baseLanguage: "en", languages: ["en", "lv"], title: ["en": "Needs", "lv": "Vajadzības"],
            sections: [
                .init(
                    title: ["en": "Experience", "lv": "Pieredze"],
                    questions: [
                        .init(
                            variable: "used_mentoring", kind: .singleChoice, text: ["en": "Has your school used mentoring?", "lv": "Vai?"], required: true,
                            options: [.init(value: 1, label: ["en": "Yes", "lv": "Jā"]), .init(value: 2, label: ["en": "No", "lv": "Nē"])]),
                        .init(
                            variable: "mentoring_useful", kind: .likert, text: ["en": "It was useful", "lv": "Noderīgi"], required: true,
                            options: scale, condition: .init(variable: "used_mentoring", values: [1])),
                        .init(
                            variable: "forms", kind: .multipleChoice, text: ["en": "Forms you know", "lv": "Formas"],
                            options: [
                                .init(value: 1, label: ["en": "Coaching", "lv": "Koučings"]),
                                .init(value: 2, label: ["en": "Intervision", "lv": "Intervīzija"]),
                            ]),
                    ]),
                .init(
                    title: ["en": "You", "lv": "Jūs"],
                    questions: [
                        .init(variable: "years", kind: .number, text: ["en": "Years as a leader", "lv": "Gadi"], minimum: 0, maximum: 50),
                        .init(
                            variable: "climate", kind: .matrix, text: ["en": "In our staff room…", "lv": "Skolotāju istabā…"], required: true, options: scale,
                            rows: [
                                .init(variable: "climate_trust", text: ["en": "we trust each other", "lv": "uzticamies"]),
                                .init(variable: "climate_ask", text: ["en": "asking for help is normal", "lv": "lūgt palīdzību ir normāli"]),
                            ]),
                        .init(variable: "wish", kind: .longText, text: ["en": "What would help you?", "lv": "Kas palīdzētu?"]),
                    ]),
            ])
    }

    @Test("A good definition has no problems; its export variables are one per value kept")
    func good() {
        let d = Self.definition()
        #expect(d.problems(supportedLanguages: ["en", "lv"]).isEmpty)
        #expect(d.exportVariables == ["used_mentoring", "mentoring_useful", "forms_1", "forms_2", "years", "climate_trust", "climate_ask", "wish"])
        #expect(d.missingTranslations("lv").isEmpty)
    }

    @Test("Every problem of a bad definition is listed, with where it is")
    func bad() {
        var d = Self.definition()
        d.languages = ["en", "xx"]
        d.sections[0].questions[0].variable = "Used mentoring"
        d.sections[0].questions[1].condition = .init(variable: "years", values: [1])
        d.sections[0].questions[2].options = [d.sections[0].questions[2].options[0]]
        d.sections[1].questions[0].minimum = 60
        d.sections[1].questions[1].rows[1].variable = "wish"
        d.sections[1].questions[2].text = ["lv": "Tikai latviski"]
        let kinds = d.problems(supportedLanguages: ["en", "lv"]).map(\.kind)
        #expect(kinds.contains(.unsupportedLanguage("xx")))
        #expect(kinds.contains(.badVariable("Used mentoring")))
        #expect(kinds.contains(.conditionNotClosed("years")))
        #expect(kinds.contains(.tooFewOptions))
        #expect(kinds.contains(.badRange))
        #expect(kinds.contains(.duplicateVariable("wish")))
        #expect(kinds.contains(.missingText))
        let missing = d.problems(supportedLanguages: ["en", "lv"]).first { $0.kind == .missingText }
        #expect(missing?.section == 2 && missing?.question == "wish")
        // A condition on a question asked later is refused too.
        var later = Self.definition()
        later.sections[0].questions.swapAt(0, 1)
        #expect(later.problems(supportedLanguages: ["en", "lv"]).map(\.kind).contains(.conditionNotEarlier("used_mentoring")))
    }

    @Test("A conditional question is asked only when the earlier answer matches, and its answer goes when that changes")
    func conditions() {
        let d = Self.definition()
        var (answers, problems) = d.read(section: 0, fields: ["used_mentoring": ["1"], "mentoring_useful": ["4"], "forms": ["2"]], previous: [:])
        #expect(problems.isEmpty)
        #expect(answers == ["used_mentoring": "1", "mentoring_useful": "4", "forms_1": "0", "forms_2": "1"])
        (answers, problems) = d.read(section: 0, fields: ["used_mentoring": ["2"], "mentoring_useful": ["4"]], previous: answers)
        #expect(problems.isEmpty, "a hidden required question is not required")
        #expect(answers == ["used_mentoring": "2"])
        (_, problems) = d.read(section: 0, fields: ["used_mentoring": ["1"]], previous: [:])
        #expect(problems == ["mentoring_useful": .required])
    }

    @Test("Bad answers are explained per question and nothing else of the section is lost")
    func badAnswers() {
        let d = Self.definition()
        let previous: SurveyAnswers = ["used_mentoring": "2"]
        let (answers, problems) = d.read(
            section: 1, fields: ["years": ["sixty"], "climate_trust": ["9"], "climate_ask": ["2"], "wish": ["More time"]], previous: previous)
        #expect(problems["years"] == .notANumber)
        #expect(problems["climate"] == .notAnOption)
        #expect(answers["used_mentoring"] == "2", "other sections' answers stay")
        #expect(answers["wish"] == "More time")
        #expect(
            d.read(section: 1, fields: ["years": ["51"], "climate_trust": ["1"], "climate_ask": ["1"]], previous: [:]).problems["years"]
                == .outOfRange(minimum: 0, maximum: 50))
        #expect(d.read(section: 1, fields: ["years": ["7,5"], "climate_trust": ["1"]], previous: [:]).problems["climate"] == .rowsMissing)
        #expect(d.read(section: 1, fields: ["years": ["7,5"], "climate_trust": ["1"], "climate_ask": ["3"]], previous: [:]).answers["years"] == "7.5")
        #expect(d.read(section: 0, fields: ["used_mentoring": ["1'; DROP TABLE"]], previous: [:]).problems["used_mentoring"] == .notAnOption)
        #expect(d.unanswered(["used_mentoring": "1"]) == ["mentoring_useful", "climate"])
    }

    @Test("Mean, median and standard deviation agree with a direct computation", arguments: 0..<50)
    func statistics(seed: Int) {
        var generator = SeededRandom(seed: UInt64(seed + 1))
        let codes = (0..<Int.random(in: 1...60, using: &generator)).map { _ in Int.random(in: 1...5, using: &generator) }
        let d = Distribution(codes)
        let n = Double(codes.count)
        let mean = Double(codes.reduce(0, +)) / n
        let sorted = codes.sorted()
        let median = codes.count % 2 == 1 ? Double(sorted[codes.count / 2]) : Double(sorted[codes.count / 2 - 1] + sorted[codes.count / 2]) / 2
        #expect(d.n == codes.count)
        #expect(abs(d.mean! - mean) < 1e-9)
        #expect(d.median == median)
        if codes.count > 1 {
            let sd = (codes.reduce(0.0) { $0 + pow(Double($1) - mean, 2) } / (n - 1)).squareRoot()
            #expect(abs(d.standardDeviation! - sd) < 1e-9)
        } else {
            #expect(d.standardDeviation == nil)
        }
        #expect(abs((1...5).reduce(0.0) { $0 + d.share($1) } - 1) < 1e-9)
    }

    @Test("A definition survives JSON both ways; a file without optional fields reads")
    func json() throws {
        let d = Self.definition()
        let data = try JSONEncoder().encode(d)
        #expect(try JSONDecoder().decode(SurveyDefinition.self, from: data) == d)
        let minimal =
            #"{"baseLanguage":"en","languages":["en"],"title":{"en":"T"},"introduction":{},"sections":[{"title":{"en":"S"},"questions":[{"variable":"q1","kind":"short_text","text":{"en":"Name a book"}}]}]}"#
        let read = try JSONDecoder().decode(SurveyDefinition.self, from: Data(minimal.utf8))
        #expect(read.sections[0].questions[0].required == false)
        #expect(read.problems(supportedLanguages: ["en"]).isEmpty)
    }
}

@Suite("Row-level exports of anonymous surveys")
struct ExportAnonymizerTests {
    static let order = ["country", "role", "language", "month", "school"]

    @Test("No combination of the exported attributes is shared by fewer than five rows, and nothing is given up that did not need to be", arguments: 0..<200)
    func property(seed: Int) {
        var generator = SeededRandom(seed: UInt64(seed) &+ 7)
        let n = Int.random(in: 0...80, using: &generator)
        let records: [[String: String]] = (0..<n).map { _ in
            var r: [String: String] = [:]
            r["country"] = ["LV", "CZ", "IT", "GE"].randomElement(using: &generator)
            r["role"] = ["teacher", "leader", "counsellor"].randomElement(using: &generator)
            r["language"] = ["en", "lv"].randomElement(using: &generator)
            r["month"] = ["2026-10", "2026-11"].randomElement(using: &generator)
            // Some rows come through the public link, without a school.
            if Bool.random(using: &generator) { r["school"] = ["A", "B", "C", "D", "E", "F"].randomElement(using: &generator) }
            return r
        }
        let decision = ExportAnonymizer.protect(records: records, order: Self.order, minimum: 5)
        #expect(decision.kept + decision.withheld.reversed() == Self.order)
        // Brute force: count every combination of what is kept.
        var counts: [String: Int] = [:]
        for r in records { counts[decision.kept.map { r[$0] ?? "-" }.joined(separator: "|"), default: 0] += 1 }
        // Below five rows in all no attribute helps (and no row is exported at all).
        if n >= 5 { #expect(counts.values.allSatisfy { $0 >= 5 }, "\(decision.kept) leaves a group under five") }
        // The last attribute given up was needed: keeping it would break the rule.
        if let last = decision.withheld.last {
            #expect(!ExportAnonymizer.isSafe(records: records, attributes: decision.kept + [last], minimum: 5))
        }
        if (1..<5).contains(n) { #expect(decision.kept.isEmpty) }
    }

    @Test("Enough rows in every group: everything is kept")
    func keepsAll() {
        let records = Array(repeating: ["country": "LV", "role": "teacher", "language": "lv", "month": "2026-11", "school": "A"], count: 6)
        #expect(ExportAnonymizer.protect(records: records, order: Self.order, minimum: 5).withheld.isEmpty)
    }
}

@Suite("Survey counts kept as responses arrive")
struct SurveyTallyTests {
    @Test("Kept counts equal a recount of the responses; withheld groups carry nothing", arguments: 0..<30)
    func tally(seed: Int) {
        var generator = SeededRandom(seed: UInt64(seed) &+ 99)
        let n = Int.random(in: 0...60, using: &generator)
        var tally = SurveyTally(questions: 3, codes: 5, groupings: [2, 3])
        var rows: [([UInt8], [Int])] = []
        for _ in 0..<n {
            let answers = (0..<3).map { _ in UInt8(Int.random(in: 0...5, using: &generator)) }
            let groups = [Int.random(in: 0..<2, using: &generator), Int.random(in: 0..<3, using: &generator)]
            tally.add(answers: answers, groups: groups)
            rows.append((answers, groups))
        }
        let report = tally.report(guard: AnonymityGuard(minimumGroup: 5))
        for q in 0..<3 {
            for g in 0..<2 {
                for value in 0..<[2, 3][g] {
                    let codes = rows.filter { $0.1[g] == value }.map { Int($0.0[q]) }.filter { $0 > 0 }
                    #expect(tally.distribution(question: q, grouping: g, value: value) == Distribution(codes))
                    let figure = report[q][g][value]
                    if figure.withheld == nil {
                        #expect(figure.n == codes.count && figure.n >= 5)
                    } else {
                        #expect(figure.counts.isEmpty && figure.mean == nil)
                    }
                }
            }
        }
        #expect(tally.responses == n)
    }
}

@Suite("Recommendations from the leaders' questionnaire")
struct SupportRecommendationTests {
    static func leader(trust: Int, visit: Int, supportNow: Int = 1, mentoring: Bool = true, obstacles: [Int] = []) -> SurveyAnswers {
        var a: SurveyAnswers = [
            "support_now": String(supportNow), "culture_trust": String(trust), "culture_visit": String(visit),
            "culture_worth": "4", "culture_start": "3",
        ]
        if supportNow < 3 { a["forms_used_1"] = mentoring ? "1" : "0"; a["forms_used_6"] = "0" }
        for o in 1...6 { a["obstacles_\(o)"] = obstacles.contains(o) ? "1" : "0" }
        return a
    }

    @Test("Low trust starts with asking a colleague; open classrooms lead to peer observation; a missing mentoring programme is named")
    func rules() {
        let wary = Array(repeating: Self.leader(trust: 2, visit: 2, obstacles: [2]), count: 6)
        let first = SupportRecommendations.recommend(wary)
        #expect(first.first?.form == .consultation)
        #expect(first.contains { $0.form == .supervision })
        #expect(!first.contains { $0.form == .peerObservation }, "never open classrooms where trust is low")
        let open = Array(repeating: Self.leader(trust: 4, visit: 5, mentoring: false), count: 6)
        let second = SupportRecommendations.recommend(open)
        #expect(second.map(\.form).contains(.peerObservation))
        #expect(second.map(\.form).contains(.mentoring))
        #expect(SupportRecommendations.recommend([]).isEmpty)
        #expect(SupportRecommendations.recommend([Self.leader(trust: 3, visit: 3)]).count >= 1, "always something to start with")
        #expect(SupportRecommendations.recommend(open).count <= 3)
    }
}
