import Domain
import Fluent
import Foundation
import Vapor

/// A survey's report: for every question its figures overall and, when asked, broken down
/// by country, school, role or a closed question, with every figure guarded. A group's
/// figures show only when at least `PrivacyThresholds.figures` people in it answered the
/// question and no hidden group could be worked out from the shown ones (the
/// `AnonymityGuard`'s complementary suppression); free text shows only from
/// `PrivacyThresholds.freeText` answers, shuffled, and never broken down.
struct SurveyReport {
    struct Group: Sendable {
        var key: String
        var label: String
    }

    enum Breakdown: Equatable {
        case none, country, school, role
        case question(String)

        /// A question named like a background breakdown (the leaders' questionnaire asks
        /// "role") is written `q:role`; any other by its variable, as links have always had it.
        static let questionPrefix = "q:"

        init(_ raw: String?) {
            switch raw ?? "" {
            case "", "none": self = .none
            case "country": self = .country
            case "school": self = .school
            case "role": self = .role
            case let v where v.hasPrefix(Self.questionPrefix): self = .question(String(v.dropFirst(Self.questionPrefix.count)))
            case let v: self = .question(v)
            }
        }

        var raw: String {
            switch self {
            case .none: ""
            case .country: "country"
            case .school: "school"
            case .role: "role"
            case .question(let v): Breakdown(v) == .question(v) ? v : Self.questionPrefix + v
            }
        }
    }

    /// One column of a question's figures: the whole survey or one group.
    struct Column {
        var group: Group
        /// Nil when shown; why not, otherwise.
        var withheld: AnonymityGuard.Suppression?
        var n: Int
        var distribution = Distribution()
        var rows: [String: Distribution] = [:]
        var number: NumberSummary?
    }

    struct QuestionResult {
        var question: SurveyDefinition.Question
        var columns: [Column]
        /// Free-text answers, shuffled; empty when too few to show.
        var texts: [String] = []
        var textCount = 0
    }

    var respondents: Int
    var groups: [Group]
    var results: [QuestionResult]

    static let unknownKey = SurveyReportDecision.unknownKey

    /// The minimum groups a report applies: `PrivacyThresholds`, raised by one for a reader who
    /// answered the survey themselves, so that the minimum is met without their own answer
    /// (they know it, and could take it away from a group's figures; issue 14, class 2).
    struct Thresholds: Sendable, Equatable {
        var figures = PrivacyThresholds.figures
        var freeText = PrivacyThresholds.freeText

        static let standard = Thresholds()

        static func forReader(answeredThemselves: Bool) -> Thresholds {
            let t = PrivacyThresholds.forReader(answeredThemselves: answeredThemselves)
            return Thresholds(figures: t.figures, freeText: t.freeText)
        }
    }

    static func build(
        survey: Survey, definition: SurveyDefinition, responses: [SurveyResponse], breakdown: Breakdown,
        schoolNames: [UUID: String], context: PageContext, thresholds: Thresholds = .standard
    ) -> SurveyReport {
        let language = context.localizer.language.rawValue
        let answers = responses.map(\.answers)
        // The group of each response under the breakdown.
        let keys: [String] = responses.enumerated().map { index, r in
            let raw: String =
                switch breakdown {
                case .none: ""
                case .country: r.country
                case .school: r.$school.id?.uuidString ?? ""
                case .role: r.role
                case .question(let v): answers[index][v] ?? ""
                }
            return raw.isEmpty ? unknownKey : raw
        }
        var groups: [Group] = []
        if breakdown != .none {
            var seen = Set<String>()
            for key in keys where seen.insert(key).inserted {
                groups.append(
                    Group(
                        key: key,
                        label: label(
                            key, breakdown: breakdown, definition: definition, schoolNames: schoolNames, context: context,
                            language: language)))
            }
            if case .question(let v) = breakdown, let q = definition.question(v) {
                let order = q.options.map { String($0.value) }
                groups.sort { (order.firstIndex(of: $0.key) ?? Int.max, $0.label) < (order.firstIndex(of: $1.key) ?? Int.max, $1.label) }
            } else {
                groups.sort { ($0.key == unknownKey ? 1 : 0, $0.label) < ($1.key == unknownKey ? 1 : 0, $1.label) }
            }
        }
        let guardian = AnonymityGuard(minimumGroup: thresholds.figures)
        let total = Group(key: "", label: context.t("All respondents"))
        var results: [QuestionResult] = []
        for (_, q) in definition.questions {
            // Who answered this question, per group.
            let answered: [Int] = answers.indices.filter { i in
                switch q.kind {
                case .matrix: q.rows.contains { answers[i][$0.variable] != nil }
                case .multipleChoice: q.options.contains { answers[i][q.variable + "_" + String($0.value)] != nil }
                default: answers[i][q.variable] != nil
                }
            }
            if q.kind.isText {
                // In an order that depends on each text alone (a hash of the question and the
                // text): never the order the answers were stored in, so the answer in a place of
                // one question and the same place of another are not the same person's; and the
                // same on every read and every server.
                let texts = answered.compactMap { answers[$0][q.variable] }
                    .map { (key: SecretToken.hash(q.variable + "\u{1}" + $0), text: $0) }
                    .sorted { $0.key < $1.key }.map(\.text)
                // Fewer than the minimum: neither the texts nor how many there are (the count of
                // answers to a conditional question tells how many chose what led there).
                let shown = texts.count >= thresholds.freeText
                results.append(
                    QuestionResult(
                        question: q, columns: [], texts: shown ? texts : [],
                        textCount: shown ? texts.count : 0))
                continue
            }
            let columnGroups = [total] + groups
            let members: [[Int]] = columnGroups.map { g in g.key.isEmpty ? answered : answered.filter { keys[$0] == g.key } }
            // Cells are the groups; the whole is their union (or one cell without a breakdown).
            var decision: [String: AnonymityGuard.Suppression?]
            if let grouping = grouping(breakdown) {
                // Country, school and role views are decided together (see `SurveyReportDecision.joint`).
                var cellSizes: [Cell: Int] = [:]
                for i in answered {
                    let r = responses[i]
                    cellSizes[Cell(country: r.country, school: r.$school.id?.uuidString ?? "", role: r.role), default: 0] += 1
                }
                let joint = SurveyReportDecision.joint(cellSizes, minimum: thresholds.figures)
                decision = ["": joint[""] ?? .tooFewAnswers]
                for g in groups { decision[g.key] = joint[grouping + ":" + g.key] ?? .tooFewAnswers }
            } else {
                let sizes = groups.isEmpty ? [answered.count] : groups.map { g in answered.filter { keys[$0] == g.key }.count }
                let views =
                    [AnonymityGuard.View(key: "", cells: Set(sizes.indices))]
                    + groups.enumerated().map { AnonymityGuard.View(key: $0.element.key, cells: [$0.offset]) }
                decision = guardian.decide(views: views, sizes: sizes, partitions: groups.isEmpty ? [] : [.init(parent: "", parts: groups.map(\.key))])
            }
            var columns: [Column] = []
            for (g, people) in zip(columnGroups, members) {
                let withheld = decision[g.key] ?? .tooFewAnswers
                // A withheld group's n is withheld too: it would tell how many chose what.
                var column = Column(group: g, withheld: withheld, n: withheld == nil ? people.count : 0)
                if column.withheld == nil {
                    switch q.kind {
                    case .likert, .singleChoice:
                        column.distribution = Distribution(people.compactMap { answers[$0][q.variable].flatMap(Int.init) })
                    case .multipleChoice:
                        var counts: [Int: Int] = [:]
                        for i in people { for o in q.options where answers[i][q.variable + "_" + String(o.value)] == "1" { counts[o.value, default: 0] += 1 } }
                        column.distribution = Distribution(counts: counts)
                    case .matrix:
                        for row in q.rows { column.rows[row.variable] = Distribution(people.compactMap { answers[$0][row.variable].flatMap(Int.init) }) }
                    case .number:
                        column.number = NumberSummary(people.compactMap { answers[$0][q.variable].flatMap(Double.init) })
                    case .shortText, .longText:
                        break
                    }
                }
                columns.append(column)
            }
            results.append(QuestionResult(question: q, columns: columns))
        }
        return SurveyReport(respondents: responses.count, groups: groups, results: results)
    }

    /// The same report from the kept counters (`SurveyCounts`) for a breakdown by country,
    /// school or role: closed questions read counters, never responses. `responses` are
    /// needed only for number and text questions (pass none when there are none).
    /// `cells[question variable][cell key]`: how many answered it in each cell (see `Cell`).
    static func build(
        survey: Survey, definition: SurveyDefinition, respondents: Int, counts: [String: [String: Distribution]],
        cells: [String: [String: Int]], responses: [SurveyResponse], breakdown: Breakdown, schoolNames: [UUID: String],
        context: PageContext, thresholds: Thresholds = .standard
    ) -> SurveyReport {
        let language = context.localizer.language.rawValue
        var groupKeys = Set<String>()
        for byGroup in counts.values { for key in byGroup.keys where key.hasPrefix("g:") { groupKeys.insert(String(key.dropFirst(2))) } }
        var groups: [Group] =
            breakdown == .none
            ? []
            : groupKeys.map {
                Group(key: $0, label: label($0, breakdown: breakdown, definition: definition, schoolNames: schoolNames, context: context, language: language))
            }
        groups.sort { ($0.key == unknownKey ? 1 : 0, $0.label) < ($1.key == unknownKey ? 1 : 0, $1.label) }
        let total = Group(key: "", label: context.t("All respondents"))
        // Number and text questions come from the responses, as before.
        var openOnly = definition
        for i in openOnly.sections.indices { openOnly.sections[i].questions.removeAll { $0.kind.isClosed } }
        let fromResponses =
            responses.isEmpty
            ? nil
            : build(
                survey: survey, definition: openOnly, responses: responses, breakdown: breakdown,
                schoolNames: schoolNames, context: context, thresholds: thresholds)
        var results: [QuestionResult] = []
        for (_, q) in definition.questions {
            guard q.kind.isClosed else {
                if let result = fromResponses?.results.first(where: { $0.question.variable == q.variable }) {
                    results.append(result)
                } else {
                    results.append(QuestionResult(question: q, columns: [], texts: [], textCount: 0))
                }
                continue
            }
            func dist(_ variable: String, _ key: String) -> Distribution { counts[variable]?[key.isEmpty ? "" : "g:" + key] ?? Distribution() }
            let first =
                q.kind == .matrix
                ? q.rows.first?.variable : (q.kind == .multipleChoice ? q.options.first.map { q.variable + "_" + String($0.value) } : q.variable)
            // Who answered, per group: every option of a multiple choice is coded, so its
            // first option counts them; for a matrix, the statement answered most.
            func answered(_ key: String) -> Int {
                if q.kind == .matrix { return q.rows.map { dist($0.variable, key).n }.max() ?? 0 }
                return first.map { dist($0, key).n } ?? 0
            }
            // Country, school and role views are decided together, over the cells' counters.
            var cellSizes: [Cell: Int] = [:]
            for (key, d) in cells[q.variable] ?? [:] { cellSizes[Cell(key: key)] = d }
            let joint = SurveyReportDecision.joint(cellSizes, minimum: thresholds.figures)
            let grouping = grouping(breakdown) ?? ""
            var decision: [String: AnonymityGuard.Suppression?] = ["": joint[""] ?? .tooFewAnswers]
            for g in groups { decision[g.key] = joint[grouping + ":" + g.key] ?? .tooFewAnswers }
            var columns: [Column] = []
            for g in [total] + groups {
                let withheld = decision[g.key] ?? .tooFewAnswers
                var column = Column(group: g, withheld: withheld, n: withheld == nil ? answered(g.key) : 0)
                if column.withheld == nil {
                    switch q.kind {
                    case .likert, .singleChoice: column.distribution = dist(q.variable, g.key)
                    case .multipleChoice:
                        var chosen: [Int: Int] = [:]
                        for o in q.options { chosen[o.value] = dist(q.variable + "_" + String(o.value), g.key).counts[1] ?? 0 }
                        column.distribution = Distribution(counts: chosen.filter { $0.value > 0 })
                    case .matrix:
                        for row in q.rows { column.rows[row.variable] = dist(row.variable, g.key) }
                    default: break
                    }
                }
                columns.append(column)
            }
            results.append(QuestionResult(question: q, columns: columns))
        }
        return SurveyReport(respondents: respondents, groups: groups, results: results)
    }

}

extension SurveyReport.Breakdown {
    var isQuestion: Bool { if case .question = self { return true } else { return false } }
}
