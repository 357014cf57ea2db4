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
        return SurveyDTO(
            id: try survey.requireID(), title: survey.title, status: survey.status.rawValue, anonymous: survey.anonymous,
            opensOn: survey.opensOn, closesOn: survey.closesOn, responses: count,
            link: SiteURL.answer(.value(survey.slug)).absolute(req.application.config), definition: try survey.definition)
    }

    func list(req: Request) async throws -> [SurveyDTO] {
        _ = try req.requireAPIUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let service = Surveys(db: req.db)
        let surveys = try await service.manageable(for: principal, today: CalendarDay(req.now).description)
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

    func create(req: Request) async throws -> Response {
        let user = try req.requireAPIUser()
        try req.requireJSON()
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
        let survey = try Survey(
            definition: definition, schoolID: body.schoolId, networkID: body.networkId, createdByID: try user.requireID(),
            slug: Surveys.newSlug())
        try await survey.save(on: req.db)
        return try await dto(survey, req: req).encodeResponse(status: .created, for: req)
    }

    static func load(_ req: Request, _ action: Policy.Action) async throws -> Survey {
        _ = try req.requireAPIUser()
        guard let survey = try await Survey.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        var resource = try await Surveys(db: req.db).resource(survey, today: CalendarDay(req.now).description)
        // Answering goes by the link's rule (open, anyone); a draft is nobody's to answer.
        if action == .answerSurvey {
            guard survey.status != .draft else { throw Abort(.notFound) }
            // A survey answered through single-use links takes API submissions from those who
            // run it only (an import of answers collected elsewhere).
            if survey.requiresToken, Policy.allows(try await req.principal(), .manageSurvey, resource) {
                resource = try await Surveys(db: req.db).resource(survey, today: CalendarDay(req.now).description, hasToken: true)
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
        try req.requireJSON()
        let body = try req.content.decode(Publish.self)
        if survey.isReleased {
            throw Abort(.conflict, reason: "The survey has closed and its figures are released: it does not open again.")
        }
        var details: [APIErrorBody.Detail] = []
        let roles = Set((body.roles ?? []).compactMap(SchoolRole.init(rawValue:)))
        if roles.count != (body.roles ?? []).count {
            details.append(.init(field: "roles", message: "must be school roles: " + SchoolRole.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let asked = SurveyPublishing.Publication(
            opensOn: body.opensOn ?? "", closesOn: body.closesOn ?? "", anonymous: body.anonymous,
            requiresToken: nil, audience: body.roles.map { _ in (roles: roles, schools: Set(body.schoolIds ?? [])) },
            namedSchools: body.roles == nil ? Set(body.schoolIds ?? []) : [])
        let problems: [SurveyPublishing.Problem]
        do {
            // Nothing is saved unless the whole request is good: the roles are checked first.
            problems = details.isEmpty ? try await SurveyPublishing(db: req.db, now: req.now).publish(survey, asked) : []
        } catch is SurveyPublishing.Released {
            throw Abort(.conflict, reason: "The survey has closed and its figures are released: it does not open again.")
        }
        let context = req.pageContext()
        details += problems.map { problem -> APIErrorBody.Detail in
            switch problem {
            case .notADay(let field): .init(field: field.rawValue, message: "must be a date, YYYY-MM-DD")
            case .closesBeforeOpens: .init(field: "closesOn", message: "must not be before opensOn")
            case .anonymityFixed: .init(field: "anonymous", message: "was fixed when the survey was first published: respondents were told so")
            case .design(let design): .init(field: "definition" + (design.question.map { "." + $0 } ?? ""), message: SurveyNames.problem(design, context))
            case .schoolsOutsideAudience: .init(field: "schoolIds", message: "must be schools of the survey's network")
            case .rolesWithoutSchools: .init(field: "schoolIds", message: "choose the schools whose staff should see it")
            }
        }
        guard details.isEmpty else { throw APIValidationError(details: details) }
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
}
