import Domain
import Fluent
import Vapor

/// `/api/v1/surveys`: the surveys a person runs, making one from a definition, publishing
/// it, submitting a response (once per `Idempotency-Key`), its report and its CSV, by the
/// same `Policy` and the same checks as the pages.
struct SurveyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let surveys = routes.grouped("surveys")
        surveys.get(use: list)
        surveys.post(use: create)
        surveys.post(":\(SiteURL.idKey)", "publish", use: publish)
        surveys.post(":\(SiteURL.idKey)", "close", use: close)
        surveys.post(":\(SiteURL.idKey)", "responses", use: submit)
        surveys.get(":\(SiteURL.idKey)", "report", use: report)
        surveys.get(":\(SiteURL.idKey)", "responses.csv", use: csv)
    }

    struct SurveyDTO: Content {
        var id: UUID
        var title: String
        var status: String
        var anonymous: Bool
        var opensOn: String
        var closesOn: String
        var responses: Int
        /// The link respondents answer through.
        var link: String
        var definition: SurveyDefinition
    }

    func dto(_ survey: Survey, req: Request, responses: Int? = nil) async throws -> SurveyDTO {
        let count: Int
        if let responses { count = responses } else { count = try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == survey.requireID()).count() }
        return SurveyDTO(id: try survey.requireID(), title: survey.title, status: survey.status.rawValue, anonymous: survey.anonymous,
                         opensOn: survey.opensOn, closesOn: survey.closesOn, responses: count,
                         link: SiteURL.answer(.value(survey.slug)).absolute(req.application.config), definition: try survey.definition)
    }

    func list(req: Request) async throws -> [SurveyDTO] {
        _ = try req.requireAPIUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let service = Surveys(db: req.db)
        let surveys = try await service.manageable(for: principal, today: Surveys.today(req.now))
        let counts = try await service.responseCounts(surveys.compactMap(\.id))
        var result: [SurveyDTO] = []
        for survey in surveys { result.append(try await dto(survey, req: req, responses: counts[survey.id ?? UUID()] ?? 0)) }
        return result
    }

    struct NewSurvey: Content {
        var schoolId: UUID?
        var networkId: UUID?
        var definition: SurveyDefinition?
    }

    static func requireJSON(_ req: Request) throws {
        guard req.headers.contentType == .json else { throw Abort(.unsupportedMediaType, reason: "Send application/json.") }
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireAPIUser()
        try Self.requireJSON(req)
        let body = try req.content.decode(NewSurvey.self)
        var details: [APIErrorBody.Detail] = []
        if (body.schoolId == nil) == (body.networkId == nil) { details.append(.init(field: "schoolId", message: "give either schoolId or networkId")) }
        guard let definition = body.definition else {
            throw APIValidationError(details: details + [.init(field: "definition", message: "is required")])
        }
        let context = req.pageContext()
        details += definition.problems(supportedLanguages: Surveys.supportedLanguages).map {
            .init(field: "definition" + ($0.question.map { "." + $0 } ?? ""), message: SurveyNames.problem($0, context))
        }
        guard details.isEmpty else { throw APIValidationError(details: details) }
        let resource: Policy.Resource
        if let schoolID = body.schoolId {
            guard let school = try await School.find(schoolID, on: req.db) else { throw Abort(.notFound) }
            resource = school.policyResource
        } else {
            resource = .network(id: body.networkId ?? UUID())
        }
        try await req.authorize(.createSurvey, resource)
        let survey = try Survey(definition: definition, schoolID: body.schoolId, networkID: body.networkId, createdByID: try user.requireID(),
                                slug: Surveys.newSlug())
        try await survey.save(on: req.db)
        return try await dto(survey, req: req).encodeResponse(status: .created, for: req)
    }

    static func load(_ req: Request, _ action: Policy.Action) async throws -> Survey {
        _ = try req.requireAPIUser()
        guard let survey = try await Survey.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        var resource = try await Surveys(db: req.db).resource(survey, today: Surveys.today(req.now))
        // Answering goes by the link's rule (open, anyone); a draft is nobody's to answer.
        if action == .answerSurvey {
            guard survey.status != .draft else { throw Abort(.notFound) }
            // A survey answered through single-use links takes API submissions from those who
            // run it only (an import of answers collected elsewhere).
            if survey.requiresToken, Policy.allows(try await req.principal(), .manageSurvey, resource) {
                resource = try await Surveys(db: req.db).resource(survey, today: Surveys.today(req.now), hasToken: true)
            }
            guard Policy.allows(try await req.principal(), .answerSurvey, resource) else {
                throw Abort(.gone, reason: "The survey takes no answers now.")
            }
            return survey
        }
        try await req.authorize(action, resource)
        return survey
    }

    struct Publish: Content {
        var opensOn: String?
        var closesOn: String?
        var anonymous: Bool?
        /// Shown on the home page of these roles (`teacher`, `leader`…)…
        var roles: [String]?
        /// …in these schools (a network survey; a school's survey is its own school's).
        var schoolIds: [UUID]?
    }

    func publish(req: Request) async throws -> SurveyDTO {
        let survey = try await Self.load(req, .manageSurvey)
        try Self.requireJSON(req)
        let body = try req.content.decode(Publish.self)
        if survey.isReleased {
            throw Abort(.conflict, reason: "The survey has closed and its figures are released: it does not open again.")
        }
        var details: [APIErrorBody.Detail] = []
        let opens = body.opensOn ?? "", closes = body.closesOn ?? ""
        for (field, value) in [("opensOn", opens), ("closesOn", closes)]
        where !value.isEmpty && Meetings.instant(date: value, time: "12:00", zone: "UTC") == nil {
            details.append(.init(field: field, message: "must be a date, YYYY-MM-DD"))
        }
        if !opens.isEmpty && !closes.isEmpty && closes < opens { details.append(.init(field: "closesOn", message: "must not be before opensOn")) }
        let anonymous = body.anonymous ?? survey.anonymous
        // Fixed at the first publication: respondents were told on the first page.
        if survey.anonymityFixed && anonymous != survey.anonymous {
            details.append(.init(field: "anonymous", message: "was fixed when the survey was first published: respondents were told so"))
        }
        if survey.status == .draft {
            let context = req.pageContext()
            details += try survey.definition.problems(supportedLanguages: Surveys.supportedLanguages).map {
                .init(field: "definition" + ($0.question.map { "." + $0 } ?? ""), message: SurveyNames.problem($0, context))
            }
        }
        let roles = Set((body.roles ?? []).compactMap(SchoolRole.init(rawValue:)))
        if roles.count != (body.roles ?? []).count { details.append(.init(field: "roles", message: "must be school roles: " + SchoolRole.allCases.map(\.rawValue).joined(separator: ", "))) }
        let offered = Set(try await Surveys(db: req.db).audienceSchools(of: survey).compactMap(\.id))
        let schools = survey.$school.id.map { Set([$0]) } ?? Set(body.schoolIds ?? [])
        if !schools.isSubset(of: offered) { details.append(.init(field: "schoolIds", message: "must be schools of the survey's network")) }
        if !roles.isEmpty && schools.isEmpty { details.append(.init(field: "schoolIds", message: "choose the schools whose staff should see it")) }
        guard details.isEmpty else { throw APIValidationError(details: details) }
        if body.roles != nil {
            survey.audienceRoles = SchoolRole.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ",")
            survey.audienceSchools = roles.isEmpty ? "" : schools.map(\.uuidString).sorted().joined(separator: ",")
        }
        survey.opensOn = opens
        survey.closesOn = closes
        survey.anonymous = anonymous
        survey.anonymityFixed = true
        survey.status = .open
        try await survey.save(on: req.db)
        try await SurveyPublication.record(survey, at: req.now, on: req.db)
        return try await dto(survey, req: req)
    }

    /// Closes an open survey and releases its figures, as the page's button does.
    func close(req: Request) async throws -> SurveyDTO {
        let survey = try await Self.load(req, .manageSurvey)
        guard survey.status == .open else {
            throw Abort(.conflict, reason: "Only an open survey can be closed; once closed, its figures are released and it does not open again.")
        }
        try await SurveyRelease.close(survey, on: req.db)
        return try await dto(survey, req: req)
    }

    struct NewResponse: Content {
        var language: String?
        /// Coded answers by variable: a closed question's option code, a number, a text,
        /// a list of codes for a multiple-choice question, each matrix row by its own variable.
        var answers: [String: AnswerValue]?
    }

    /// A JSON answer: a number, a text, or a list of numbers.
    enum AnswerValue: Codable, Sendable {
        case number(Double)
        case text(String)
        case codes([Int])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Double.self) { self = .number(n) }
            else if let s = try? c.decode(String.self) { self = .text(s) }
            else { self = .codes(try c.decode([Int].self)) }
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
        try Self.requireJSON(req)
        guard let key = req.headers.first(name: "Idempotency-Key")?.trimmingCharacters(in: .whitespaces), (1...64).contains(key.count) else {
            throw APIValidationError(details: [.init(field: "Idempotency-Key", message: "send a header Idempotency-Key of 1 to 64 characters")])
        }
        let surveyID = try survey.requireID()
        if let existing = try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == surveyID).filter(\.$idempotencyKey == key).first() {
            return try await ResponseReceipt(id: try existing.requireID(), submittedOn: existing.submittedOn, replayed: true).encodeResponse(status: .ok, for: req)
        }
        let definition = try survey.definition
        let body = try req.content.decode(NewResponse.self)
        let language = body.language.flatMap { definition.languages.contains($0) ? $0 : nil } ?? definition.baseLanguage
        let fields = (body.answers ?? [:]).mapValues(\.fields)
        var details: [APIErrorBody.Detail] = []
        let known = Set(definition.questions.flatMap { [$0.question.variable] + $0.question.rows.map(\.variable) })
        for name in fields.keys where !known.contains(name) { details.append(.init(field: "answers." + name, message: "is not a question of this survey")) }
        var answers: SurveyAnswers = [:]
        let context = req.pageContext()
        for index in definition.sections.indices {
            let (read, problems) = definition.read(section: index, fields: fields, previous: answers)
            answers = read
            for (variable, problem) in problems.sorted(by: { $0.key < $1.key }) {
                details.append(.init(field: "answers." + variable, message: SurveyNames.answerProblem(problem, context)))
            }
        }
        guard details.isEmpty else { throw APIValidationError(details: details) }
        let draft = SurveyDraft(surveyID: surveyID, tokenHash: SecretToken.hash(SecretToken.generate()), language: language, today: Surveys.today(req.now))
        try await draft.save(on: req.db)
        let outcome = try await AnswerController.store(survey, definition: definition, draft: draft, answers: answers, key: key, req: req, asRespondent: false)
        guard let stored = try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == surveyID).filter(\.$idempotencyKey == key).first() else {
            throw Abort(.internalServerError)
        }
        return try await ResponseReceipt(id: try stored.requireID(), submittedOn: stored.submittedOn, replayed: outcome.replayed)
            .encodeResponse(status: outcome.replayed ? .ok : .created, for: req)
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
        return ReportDTO(responses: report.respondents, breakdown: breakdown.raw, questions: report.results.map { result in
            ReportDTO.Question(variable: result.question.variable, kind: result.question.kind.rawValue, columns: result.columns.map { c in
                let shown = c.withheld == nil
                let dist: Distribution? = shown && (result.question.kind == .likert || result.question.kind == .singleChoice || result.question.kind == .multipleChoice)
                    ? c.distribution : nil
                return ReportDTO.Column(group: c.group.key, label: c.group.label,
                                        withheld: c.withheld.map { $0 == .tooFewAnswers ? "too_few_answers" : "would_reveal_by_difference" },
                                        n: shown ? c.n : nil,
                                        counts: dist.map { Dictionary(uniqueKeysWithValues: $0.counts.map { (String($0.key), $0.value) }) }
                                            ?? (shown && result.question.kind == .matrix
                                                ? Dictionary(uniqueKeysWithValues: c.rows.flatMap { row, d in d.counts.map { (row + "=" + String($0.key), $0.value) } }) : nil),
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
