import Domain
import Fluent
import Vapor

/// A survey's responses through the API: answers imported from elsewhere, the guarded
/// report and the row-level download.
extension SurveyAPIController {
    struct NewResponse: Content {
        var language: String?
        /// Coded answers by variable: a closed question's option code, a number, a text,
        /// a list of codes for a multiple-choice question, each matrix row by its own variable.
        var answers: [String: AnswerValue]?

        /// The language answered in (one of the survey's, else its base language) and the
        /// answers, read and checked section by section as the answering pages read them;
        /// 422 naming each variable that is not a question and each answer's problem.
        func checkedAnswers(for definition: SurveyDefinition, _ context: PageContext) throws -> (language: String, answers: SurveyAnswers) {
            let language = self.language.flatMap { definition.languages.contains($0) ? $0 : nil } ?? definition.baseLanguage
            let fields = (self.answers ?? [:]).mapValues(\.fields)
            var details: [APIErrorBody.Detail] = []
            let known = Set(definition.questions.flatMap { [$0.question.variable] + $0.question.rows.map(\.variable) })
            for name in fields.keys where !known.contains(name) { details.append(.init(field: "answers." + name, message: "is not a question of this survey")) }
            var answers: SurveyAnswers = [:]
            for index in definition.sections.indices {
                let (read, problems) = definition.read(section: index, fields: fields, previous: answers)
                answers = read
                for (variable, problem) in problems.sorted(by: { $0.key < $1.key }) {
                    details.append(.init(field: "answers." + variable, message: SurveyNames.answerProblem(problem, context)))
                }
            }
            guard details.isEmpty else { throw APIValidationError(details: details) }
            return (language, answers)
        }
    }

    /// A JSON answer: a number, a text, or a list of numbers.
    enum AnswerValue: Codable, Sendable {
        case number(Double)
        case text(String)
        case codes([Int])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Double.self) {
                self = .number(n)
            } else if let s = try? c.decode(String.self) {
                self = .text(s)
            } else {
                self = .codes(try c.decode([Int].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .number(let n): try c.encode(n)
            case .text(let s): try c.encode(s)
            case .codes(let list): try c.encode(list)
            }
        }

        var fields: [String] {
            switch self {
            case .number(let n): [n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)]
            case .text(let s): [s]
            case .codes(let list): list.map(String.init)
            }
        }
    }

    struct ResponseReceipt: Content {
        var id: UUID
        var submittedOn: String
        /// True when this key had already been stored: nothing new was saved.
        var replayed: Bool
    }

    /// Submits a whole response. The `Idempotency-Key` header (1–64 characters) makes a
    /// retry safe: the same key for the same survey is stored once.
    func submit(req: Request) async throws -> Response {
        let survey = try await Self.load(req, .answerSurvey)
        // An anonymous survey takes answers only from the people who answer it, through its
        // link: through the API a token holder submits on behalf of others, and answers of
        // their own making would count toward the minimum groups that protect the real
        // respondents (issue 14, class 2).
        guard !survey.anonymous else {
            throw Abort(.forbidden, reason: "An anonymous survey takes answers only from its respondents, through its link, not through the API.")
        }
        try req.requireJSON()
        guard let key = req.headers.first(name: "Idempotency-Key")?.trimmingCharacters(in: .whitespaces), (1...64).contains(key.count) else {
            throw APIValidationError(details: [.init(field: "Idempotency-Key", message: "send a header Idempotency-Key of 1 to 64 characters")])
        }
        if let existing = try await SurveyResponses(db: req.db, now: req.now).stored(key: key, of: survey) {
            return try await ResponseReceipt(id: try existing.requireID(), submittedOn: existing.submittedOn, replayed: true).encodeResponse(
                status: .ok, for: req)
        }
        let definition = try survey.definition
        let (language, answers) = try req.content.decode(NewResponse.self).checkedAnswers(for: definition, req.pageContext())
        let draft = SurveyDraft(
            surveyID: try survey.requireID(), tokenHash: SecretToken.hash(SecretToken.generate()), language: language,
            today: CalendarDay(req.now).description)
        try await draft.save(on: req.db)
        // Nobody's own answers: the token's owner imports answers collected elsewhere.
        let stored = try await req.submitResponse(
            .init(
                survey: survey, definition: definition, draft: draft, answers: answers,
                key: key, respondent: nil))
        // Without a respondent a replay is always of the same key, so the id is there.
        guard let id = stored.id else { throw Abort(.internalServerError) }
        return try await ResponseReceipt(id: id, submittedOn: stored.submittedOn, replayed: stored.replayed)
            .encodeResponse(status: stored.replayed ? .ok : .created, for: req)
    }

    struct ReportDTO: Content {
        struct Column: Content {
            var group: String
            var label: String
            /// Null when shown; `too_few_answers` or `would_reveal_by_difference` otherwise.
            var withheld: String?
            var n: Int?
            var counts: [String: Int]?
            var mean: Double?
            var median: Double?
            var standardDeviation: Double?
        }

        struct Question: Content {
            var variable: String
            var kind: String
            var columns: [Column]
            /// Free-text answers, shuffled, from ten answers on.
            var texts: [String]?
        }

        var responses: Int
        var breakdown: String
        var questions: [Question]
    }

    func report(req: Request) async throws -> ReportDTO {
        let survey = try await Self.load(req, .manageSurvey)
        try await Self.requireReleased(survey, req)
        let definition = try survey.definition
        let breakdown = SurveyReport.Breakdown(req.query[String.self, at: "by"])
        if case .question(let v) = breakdown, !(definition.question(v).map { $0.kind == .singleChoice || $0.kind == .likert } ?? false) {
            throw APIValidationError(details: [.init(field: "by", message: "must be country, school, role or a one-choice or scale question")])
        }
        let (report, _, _) = try await SurveyReport.load(survey, definition: definition, breakdown: breakdown, req: req, context: req.pageContext())
        return ReportDTO(
            responses: report.respondents, breakdown: breakdown.raw,
            questions: report.results.map { result in
                ReportDTO.Question(
                    variable: result.question.variable, kind: result.question.kind.rawValue,
                    columns: result.columns.map { c in
                        let shown = c.withheld == nil
                        let dist: Distribution? =
                            shown && (result.question.kind == .likert || result.question.kind == .singleChoice || result.question.kind == .multipleChoice)
                            ? c.distribution : nil
                        return ReportDTO.Column(
                            group: c.group.key, label: c.group.label,
                            withheld: c.withheld.map { $0 == .tooFewAnswers ? "too_few_answers" : "would_reveal_by_difference" },
                            n: shown ? c.n : nil,
                            counts: dist.map { Dictionary(uniqueKeysWithValues: $0.counts.map { (String($0.key), $0.value) }) }
                                ?? (shown && result.question.kind == .matrix
                                    ? Dictionary(uniqueKeysWithValues: c.rows.flatMap { row, d in d.counts.map { (row + "=" + String($0.key), $0.value) } })
                                    : nil),
                            mean: result.question.kind == .likert ? dist?.mean : c.number?.mean,
                            median: result.question.kind == .likert ? dist?.median : c.number?.median,
                            standardDeviation: result.question.kind == .likert ? dist?.standardDeviation : c.number?.standardDeviation)
                    }, texts: result.question.kind.isText ? result.texts : nil)
            })
    }

    func csv(req: Request) async throws -> Response {
        let survey = try await Self.load(req, .manageSurvey)
        try await Self.requireReleased(survey, req)
        let export = try await SurveyExport.load(survey, req: req)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: export.csv()))
    }

    /// Figures and rows exist once the survey's figures are released (`SurveyRelease`); before, 409.
    static func requireReleased(_ survey: Survey, _ req: Request) async throws {
        guard survey.isReleased else {
            throw Abort(.conflict, reason: "The survey's figures are released once it has closed; until then only the number of responses is given.")
        }
    }
}
