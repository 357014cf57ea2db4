import Domain
import Fluent
import Foundation
import Vapor

/// A survey's report: for every question its figures overall and, when asked, broken down
/// by country, school, role or a closed question, with every figure guarded. A group's
/// figures show only when at least `SurveyThresholds.figures` people in it answered the
/// question and no hidden group could be worked out from the shown ones (the
/// `AnonymityGuard`'s complementary suppression); free text shows only from
/// `SurveyThresholds.freeText` answers, shuffled, and never broken down.
struct SurveyReport {
    struct Group: Sendable {
        var key: String
        var label: String
    }

    enum Breakdown: Equatable {
        case none, country, school, role
        case question(String)

        init(_ raw: String?) {
            switch raw ?? "" {
            case "", "none": self = .none
            case "country": self = .country
            case "school": self = .school
            case "role": self = .role
            case let v: self = .question(v)
            }
        }

        var raw: String {
            switch self {
            case .none: ""
            case .country: "country"
            case .school: "school"
            case .role: "role"
            case .question(let v): v
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

    static let unknownKey = "_unknown"

    /// The minimum groups a report applies: `SurveyThresholds`, raised by one for a reader who
    /// answered the survey themselves, so that the minimum is met without their own answer
    /// (they know it, and could take it away from a group's figures; issue 14, class 2).
    struct Thresholds: Sendable, Equatable {
        var figures = SurveyThresholds.figures
        var freeText = SurveyThresholds.freeText

        static let standard = Thresholds()

        static func forReader(answeredThemselves: Bool) -> Thresholds {
            answeredThemselves ? Thresholds(figures: SurveyThresholds.figures + 1, freeText: SurveyThresholds.freeText + 1) : .standard
        }
    }

    static func build(survey: Survey, definition: SurveyDefinition, responses: [SurveyResponse], breakdown: Breakdown,
                      schoolNames: [UUID: String], context: PageContext, thresholds: Thresholds = .standard) -> SurveyReport {
        let language = context.localizer.language.rawValue
        let answers = responses.map(\.answers)
        // The group of each response under the breakdown.
        let keys: [String] = responses.enumerated().map { index, r in
            let raw: String = switch breakdown {
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
                groups.append(Group(key: key, label: label(key, breakdown: breakdown, definition: definition, schoolNames: schoolNames, context: context,
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
                let texts = answered.compactMap { answers[$0][q.variable] }
                var generator = SeededRandom(seed: UInt64(truncatingIfNeeded: (survey.id?.hashValue ?? 1)) | 1)
                // Fewer than the minimum: neither the texts nor how many there are (the count of
                // answers to a conditional question tells how many chose what led there).
                let shown = texts.count >= thresholds.freeText
                results.append(QuestionResult(question: q, columns: [], texts: shown ? texts.shuffled(using: &generator) : [],
                                              textCount: shown ? texts.count : 0))
                continue
            }
            let columnGroups = [total] + groups
            let members: [[Int]] = columnGroups.map { g in g.key.isEmpty ? answered : answered.filter { keys[$0] == g.key } }
            // Cells are the groups; the whole is their union (or one cell without a breakdown).
            var decision: [String: AnonymityGuard.Suppression?]
            if let grouping = grouping(breakdown) {
                // Country, school and role views are decided together (see `jointDecision`).
                var cellSizes: [Cell: Int] = [:]
                for i in answered {
                    let r = responses[i]
                    cellSizes[Cell(country: r.country, school: r.$school.id?.uuidString ?? "", role: r.role), default: 0] += 1
                }
                let joint = jointDecision(cellSizes, minimum: thresholds.figures)
                decision = ["": joint[""] ?? .tooFewAnswers]
                for g in groups { decision[g.key] = joint[grouping + ":" + g.key] ?? .tooFewAnswers }
            } else {
                let sizes = groups.isEmpty ? [answered.count] : groups.map { g in answered.filter { keys[$0] == g.key }.count }
                let views = [AnonymityGuard.View(key: "", cells: Set(sizes.indices))] + groups.enumerated().map { AnonymityGuard.View(key: $0.element.key, cells: [$0.offset]) }
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
    static func build(survey: Survey, definition: SurveyDefinition, respondents: Int, counts: [String: [String: Distribution]],
                      cells: [String: [String: Int]], responses: [SurveyResponse], breakdown: Breakdown, schoolNames: [UUID: String],
                      context: PageContext, thresholds: Thresholds = .standard) -> SurveyReport {
        let language = context.localizer.language.rawValue
        var groupKeys = Set<String>()
        for byGroup in counts.values { for key in byGroup.keys where key.hasPrefix("g:") { groupKeys.insert(String(key.dropFirst(2))) } }
        var groups: [Group] = breakdown == .none ? [] : groupKeys.map {
            Group(key: $0, label: label($0, breakdown: breakdown, definition: definition, schoolNames: schoolNames, context: context, language: language))
        }
        groups.sort { ($0.key == unknownKey ? 1 : 0, $0.label) < ($1.key == unknownKey ? 1 : 0, $1.label) }
        let total = Group(key: "", label: context.t("All respondents"))
        // Number and text questions come from the responses, as before.
        var openOnly = definition
        for i in openOnly.sections.indices { openOnly.sections[i].questions.removeAll { $0.kind.isClosed } }
        let fromResponses = responses.isEmpty ? nil : build(survey: survey, definition: openOnly, responses: responses, breakdown: breakdown,
                                                            schoolNames: schoolNames, context: context, thresholds: thresholds)
        var results: [QuestionResult] = []
        for (_, q) in definition.questions {
            guard q.kind.isClosed else {
                if let result = fromResponses?.results.first(where: { $0.question.variable == q.variable }) { results.append(result) }
                else { results.append(QuestionResult(question: q, columns: [], texts: [], textCount: 0)) }
                continue
            }
            func dist(_ variable: String, _ key: String) -> Distribution { counts[variable]?[key.isEmpty ? "" : "g:" + key] ?? Distribution() }
            let first = q.kind == .matrix ? q.rows.first?.variable : (q.kind == .multipleChoice ? q.options.first.map { q.variable + "_" + String($0.value) } : q.variable)
            // Who answered, per group: every option of a multiple choice is coded, so its
            // first option counts them; for a matrix, the statement answered most.
            func answered(_ key: String) -> Int {
                if q.kind == .matrix { return q.rows.map { dist($0.variable, key).n }.max() ?? 0 }
                return first.map { dist($0, key).n } ?? 0
            }
            // Country, school and role views are decided together, over the cells' counters.
            var cellSizes: [Cell: Int] = [:]
            for (key, d) in cells[q.variable] ?? [:] { cellSizes[Cell(key: key)] = d }
            let joint = jointDecision(cellSizes, minimum: thresholds.figures)
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

    /// Where a respondent stands for the guard: the finest groups any breakdown shows.
    struct Cell: Hashable, Comparable {
        var country: String
        var school: String
        var role: String

        static func < (a: Cell, b: Cell) -> Bool { (a.country, a.school, a.role) < (b.country, b.school, b.role) }

        init(country: String, school: String, role: String) {
            self.country = country.isEmpty ? unknownKey : country
            self.school = school.isEmpty ? unknownKey : school
            self.role = role.isEmpty ? unknownKey : role
        }

        init(key: String) {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            self.init(country: parts.first ?? "", school: parts.count > 1 ? parts[1] : "", role: parts.count > 2 ? parts[2] : "")
        }

        var key: String { [country, school, role].joined(separator: "|") }
    }

    /// One decision for a question over every breakdown at once: the whole, each country,
    /// each school, each role. A country's schools are its parts, as the whole's are its
    /// countries, its schools and its roles, so no shown view minus other shown views leaves
    /// a group under the minimum (a country's figures minus its shown schools never reveal
    /// a small hidden school). Keys: "" for the whole, "country:LV", "school:<id>", "role:teacher".
    static func jointDecision(_ sizes: [Cell: Int], minimum: Int = SurveyThresholds.figures) -> [String: AnonymityGuard.Suppression?] {
        let cells = sizes.keys.sorted()
        let all = Set(cells.indices)
        var views = [AnonymityGuard.View(key: "", cells: all)]
        func indices(_ match: (Cell) -> Bool) -> Set<Int> { Set(cells.indices.filter { match(cells[$0]) }) }
        let countries = Array(Set(cells.map(\.country))).sorted()
        let schools = Array(Set(cells.map(\.school))).sorted()
        let roles = Array(Set(cells.map(\.role))).sorted()
        for c in countries { views.append(.init(key: "country:" + c, cells: indices { $0.country == c })) }
        for s in schools { views.append(.init(key: "school:" + s, cells: indices { $0.school == s })) }
        for r in roles { views.append(.init(key: "role:" + r, cells: indices { $0.role == r })) }
        var partitions: [AnonymityGuard.Partition<String>] = [
            .init(parent: "", parts: countries.map { "country:" + $0 }),
            .init(parent: "", parts: schools.map { "school:" + $0 }),
            .init(parent: "", parts: roles.map { "role:" + $0 }),
        ]
        // Within a country: its schools (respondents without a school form a part of their
        // own there, not shown but counted, since the "not known" school spans countries).
        for c in countries {
            var parts: [String] = []
            for s in Array(Set(cells.filter { $0.country == c }.map(\.school))).sorted() {
                let inCountry = indices { $0.country == c && $0.school == s }
                let whole = indices { $0.school == s }
                if inCountry == whole { parts.append("school:" + s) } else {
                    let key = "part:" + c + "|" + s
                    views.append(.init(key: key, cells: inCountry))
                    parts.append(key)
                }
            }
            partitions.append(.init(parent: "country:" + c, parts: parts))
        }
        let guardian = AnonymityGuard(minimumGroup: minimum)
        return guardian.decide(views: views, sizes: cells.map { sizes[$0] ?? 0 }, partitions: partitions)
    }

    static func grouping(_ breakdown: Breakdown) -> String? {
        switch breakdown {
        case .country: "country"
        case .school: "school"
        case .role: "role"
        case .none: ""
        case .question: nil
        }
    }

    static func label(_ key: String, breakdown: Breakdown, definition: SurveyDefinition, schoolNames: [UUID: String], context: PageContext, language: String) -> String {
        if key == unknownKey {
            return breakdown == .none ? "" : (breakdown.isQuestion ? context.t("No answer") : context.t("Not known (answered through the public link)"))
        }
        switch breakdown {
        case .none: return ""
        case .country: return Locale(identifier: language).localizedString(forRegionCode: key) ?? key
        case .school: return UUID(uuidString: key).flatMap { schoolNames[$0] } ?? key
        case .role: return SchoolRole(rawValue: key).map { RoleNames.name($0, context.localizer) } ?? key
        case .question(let v):
            return definition.question(v)?.options.first { String($0.value) == key }?.label.text(language, fallback: definition.baseLanguage) ?? key
        }
    }
}

extension SurveyReport.Breakdown {
    var isQuestion: Bool { if case .question = self { return true } else { return false } }
}

extension SurveyReport {
    /// The report as the page and the API show it: from the kept counters where the
    /// breakdown allows (none, country, school, role), from the responses for a breakdown by
    /// a question; responses are read only where something needs them.
    static func load(_ survey: Survey, definition: SurveyDefinition, breakdown: Breakdown, req: Request, context: PageContext,
                     needsResponses: Bool = false) async throws -> (SurveyReport, [SurveyResponse], [UUID: String]) {
        let surveyID = try survey.requireID()
        let thresholds = try await readerThresholds(survey, req: req)
        let hasOpen = definition.questions.contains { !$0.question.kind.isClosed }
        let readResponses = breakdown.isQuestion || hasOpen || needsResponses
        // Only released responses: none before the survey has ended (`SurveyRelease`).
        let responses = readResponses
            ? try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == surveyID).filter(\.$released == true).all() : []
        let schoolIDs: [UUID]
        if readResponses {
            schoolIDs = Array(Set(responses.compactMap { $0.$school.id }))
        } else {
            schoolIDs = try await SurveyCount.query(on: req.db).filter(\.$survey.$id == surveyID).filter(\.$grouping == "school").all()
                .compactMap { UUID(uuidString: $0.groupKey) }
        }
        let schools = try await School.query(on: req.db).filter(\.$id ~~ Array(Set(schoolIDs))).all()
        let schoolNames = Dictionary(schools.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })
        if breakdown.isQuestion {
            return (build(survey: survey, definition: definition, responses: responses, breakdown: breakdown, schoolNames: schoolNames, context: context,
                          thresholds: thresholds), responses, schoolNames)
        }
        let grouping: String = switch breakdown {
        case .country: "country"
        case .school: "school"
        case .role: "role"
        default: ""
        }
        let counts = try await SurveyCounts.load(surveyID, grouping: grouping, on: req.db)
        let cells = try await SurveyCounts.cells(surveyID, definition: definition, on: req.db)
        let respondents = readResponses
            ? responses.count : try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == surveyID).filter(\.$released == true).count()
        return (build(survey: survey, definition: definition, respondents: respondents, counts: counts, cells: cells, responses: hasOpen ? responses : [],
                      breakdown: breakdown, schoolNames: schoolNames, context: context, thresholds: thresholds), responses, schoolNames)
    }

    /// The reader's minimum groups: raised when the reader answered the survey themselves.
    static func readerThresholds(_ survey: Survey, req: Request) async throws -> Thresholds {
        guard let userID = req.currentUser?.id else { return .standard }
        let answered = try await SurveyParticipation.query(on: req.db).filter(\.$survey.$id == survey.requireID())
            .filter(\.$user.$id == userID).count() > 0
        return .forReader(answeredThemselves: answered)
    }
}
