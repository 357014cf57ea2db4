import Domain
import Fluent
import SQLKit
import Vapor

/// Answering a survey through its link: one section per page in the respondent's
/// language, saved as they go (a draft found again by a secret cookie, so closing the
/// browser loses nothing), explained problems next to each question, and a submission
/// stored once however often it is sent (its idempotency key is unique per survey).
struct AnswerController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.answer(.key).pathComponents, use: intro)
        routes.post(SiteURL.answerStart(.key).pathComponents, use: start)
        routes.get(SiteURL.answerSection(.key, .key).pathComponents, use: section)
        routes.post(SiteURL.answerSection(.key, .key).pathComponents, use: save)
        routes.get(SiteURL.answerThanks(.key).pathComponents, use: thanks)
    }

    /// A draft lives two months after its last change.
    static let draftLifetime = 60 * 86_400

    static func cookieName(_ survey: Survey, _ req: Request) -> String {
        req.cookiePolicy.name("collegium_survey_" + String((survey.id?.uuidString ?? "").prefix(8)).lowercased())
    }

    /// The survey of the link, if it takes answers; otherwise the page saying why.
    /// `token`: the single-use link's secret, where the survey requires one (from the link
    /// on the first page, from the draft afterwards).
    static func open(_ req: Request, token: String? = nil) async throws -> (Survey, SurveyDefinition, Response?) {
        guard let slug = req.parameters.get(SiteURL.slugKey),
            let survey = try await Survey.query(on: req.db).filter(\.$slug == slug).first(), survey.status != .draft
        else { throw Abort(.notFound) }
        let definition = try survey.definition
        let service = Surveys(db: req.db)
        var hasToken = false
        if survey.requiresToken {
            if let token {
                hasToken = try await service.unusedToken(token, survey: survey) != nil
            } else if let draft = try await draft(survey, req), let id = draft.surveyTokenID {
                hasToken = try await SurveyToken.query(on: req.db).filter(\.$id == id).filter(\.$usedOn == nil).count() > 0
            }
        }
        let resource = try await service.resource(survey, today: CalendarDay(req.now).description, hasToken: hasToken)
        guard Policy.allows(try await req.principal(), .answerSurvey, resource) else {
            if survey.requiresToken && survey.acceptsAnswers(today: CalendarDay(req.now).description) {
                return (survey, definition, req.render(AnswerPages.tokenNeeded(req.pageContext(), survey, definition), status: .forbidden))
            }
            return (survey, definition, req.render(AnswerPages.closed(req.pageContext(), survey, definition), status: .gone))
        }
        if let user = req.currentUser,
            try await SurveyParticipation.query(on: req.db).filter(\.$survey.$id == survey.requireID()).filter(\.$user.$id == user.requireID()).count() > 0
        {
            return (survey, definition, req.redirect(to: .answerThanks(.value(survey.slug))))
        }
        return (survey, definition, nil)
    }

    static func draft(_ survey: Survey, _ req: Request) async throws -> SurveyDraft? {
        guard let secret = req.cookies[cookieName(survey, req)]?.string, SecretToken.looksValid(secret) else { return nil }
        return try await SurveyDraft.query(on: req.db).filter(\.$tokenHash == SecretToken.hash(secret))
            .filter(\.$survey.$id == survey.requireID()).first()
    }

    static func language(_ definition: SurveyDefinition, _ req: Request) -> String {
        let wanted = req.localizer.language.rawValue
        return definition.languages.contains(wanted) ? wanted : definition.baseLanguage
    }

    func intro(req: Request) async throws -> Response {
        let token: String? = req.query[String.self, at: "t"]
        let (survey, definition, closed) = try await Self.open(req, token: token)
        if let closed { return closed }
        let draft = try await Self.draft(survey, req)
        return req.render(
            AnswerPages.intro(
                req.pageContext(), survey, definition, language: Self.language(definition, req),
                resumeAt: draft.map { $0.section + 1 }, token: token))
    }

    struct StartForm: Content { var t: String? }

    func start(req: Request) async throws -> Response {
        let token = (try? req.content.decode(StartForm.self))?.t.flatMap { $0.isEmpty ? nil : $0 }
        if let existing = try await Self.existingDraft(req) { return existing }
        let (survey, definition, closed) = try await Self.open(req, token: token)
        if let closed { return closed }
        let secret = SecretToken.generate()
        let draft = SurveyDraft(
            surveyID: try survey.requireID(), tokenHash: SecretToken.hash(secret), language: Self.language(definition, req),
            today: CalendarDay(req.now).description)
        draft.promisedAnonymous = survey.anonymous
        if survey.requiresToken { draft.surveyTokenID = try await Surveys(db: req.db).unusedToken(token, survey: survey)?.id }
        try await draft.save(on: req.db)
        let response = req.redirect(to: .answerSection(.value(survey.slug), .value(1)))
        response.cookies[Self.cookieName(survey, req)] = req.cookiePolicy.cookie(secret, maxAge: Self.draftLifetime)
        return response
    }

    /// A draft already under way in this browser continues where it was.
    static func existingDraft(_ req: Request) async throws -> Response? {
        guard let slug = req.parameters.get(SiteURL.slugKey),
            let survey = try await Survey.query(on: req.db).filter(\.$slug == slug).first(),
            let draft = try await draft(survey, req)
        else { return nil }
        let (_, _, closed) = try await open(req)
        return closed ?? req.redirect(to: .answerSection(.value(survey.slug), .value(draft.section + 1)))
    }

    static func number(_ req: Request, _ definition: SurveyDefinition) throws -> Int {
        guard let n = req.parameters.get(SiteURL.numberKey).flatMap(Int.init), (1...definition.sections.count).contains(n) else { throw Abort(.notFound) }
        return n
    }

    func section(req: Request) async throws -> Response {
        let (survey, definition, closed) = try await Self.open(req)
        if let closed { return closed }
        let n = try Self.number(req, definition)
        guard let draft = try await Self.draft(survey, req) else { return req.redirect(to: .answer(.value(survey.slug))) }
        let page = AnswerPages.Section(
            survey: survey, definition: definition, number: n, language: Self.language(definition, req),
            answers: draft.answers, submission: UUID().uuidString)
        return req.render(AnswerPages.section(req.pageContext(), page))
    }

    func save(req: Request) async throws -> Response {
        let (survey, definition, closed) = try await Self.open(req)
        if let closed { return closed }
        let n = try Self.number(req, definition)
        let fields = req.formFields()
        let action = fields["action"]?.first ?? "next"
        let submission = fields["submission"]?.first.flatMap { $0.count <= 64 ? $0 : nil } ?? UUID().uuidString
        let responses = SurveyResponses(db: req.db, now: req.now)
        guard let draft = try await Self.draft(survey, req) else {
            // Sent twice: the first has been stored and the draft is gone.
            if action == "send", try await responses.stored(key: submission, of: survey) != nil {
                return req.redirect(to: .answerThanks(.value(survey.slug)))
            }
            return req.redirect(to: .answer(.value(survey.slug)))
        }
        let (answers, problems) = definition.read(section: n - 1, fields: fields, previous: draft.answers)
        try await responses.keep(answers, in: draft, reached: action == "back" ? n - 2 : n - 1, language: Self.language(definition, req))
        if action == "back" {
            return req.redirect(to: .answerSection(.value(survey.slug), .value(max(1, n - 1))))
        }
        guard problems.isEmpty else {
            let page = AnswerPages.Section(
                survey: survey, definition: definition, number: n, language: draft.language,
                answers: answers, submission: submission, problems: problems, fields: fields)
            return req.render(AnswerPages.section(req.pageContext(), page), status: .unprocessableEntity)
        }
        if n < definition.sections.count {
            draft.section = max(draft.section, n)
            try await draft.save(on: req.db)
            return req.redirect(to: .answerSection(.value(survey.slug), .value(n + 1)))
        }
        return try await Self.send(answers, in: draft, of: survey, definition, key: submission, req: req)
    }

    /// Sends the answers of the last page: once every required question shown is answered,
    /// wherever it is, the response is stored once and the draft's cookie goes.
    static func send(
        _ answers: SurveyAnswers, in draft: SurveyDraft, of survey: Survey, _ definition: SurveyDefinition, key: String,
        req: Request
    ) async throws -> Response {
        let missing = definition.unanswered(answers)
        if let first = missing.first, let index = definition.sections.firstIndex(where: { $0.questions.contains { $0.variable == first } }) {
            return req.redirect(
                to: .answerSection(.value(survey.slug), .value(index + 1)),
                notice: req.t("Some questions on this page still need an answer."))
        }
        // The public link's rate limit, for answers nobody signed in for (a signed-in person
        // answers once; a single-use link once).
        if req.currentUser == nil && draft.surveyTokenID == nil { try await SurveyLinkLimit.reserve(survey, req: req) }
        let counted = try await req.submitResponse(
            .init(
                survey: survey, definition: definition, draft: draft, answers: answers,
                key: key, respondent: req.currentUser)
        ).counted
        let response =
            counted
            ? req.redirect(to: .answerThanks(.value(survey.slug)))
            : req.redirect(
                to: .answerThanks(.value(survey.slug)),
                notice: req.t(
                    "Thank you. You joined your school or took your role after this survey began, so your answers are kept but not counted in its figures: they count only colleagues who were there from the start, so that nobody can be singled out."
                ))
        response.cookies[Self.cookieName(survey, req)] = req.cookiePolicy.expired()
        return response
    }

    func thanks(req: Request) async throws -> Response {
        guard let slug = req.parameters.get(SiteURL.slugKey), let survey = try await Survey.query(on: req.db).filter(\.$slug == slug).first()
        else { throw Abort(.notFound) }
        return req.render(AnswerPages.thanks(req.pageContext(), survey, try survey.definition))
    }
}
