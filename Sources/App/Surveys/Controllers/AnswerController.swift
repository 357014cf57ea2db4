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
            if let token { hasToken = try await service.unusedToken(token, survey: survey) != nil }
            else if let draft = try await draft(survey, req), let id = draft.surveyTokenID {
                hasToken = try await SurveyToken.query(on: req.db).filter(\.$id == id).filter(\.$usedOn == nil).count() > 0
            }
        }
        let resource = try await service.resource(survey, today: Surveys.today(req.now), hasToken: hasToken)
        guard Policy.allows(try await req.principal(), .answerSurvey, resource) else {
            if survey.requiresToken && survey.acceptsAnswers(today: Surveys.today(req.now)) {
                return (survey, definition, req.render(AnswerPages.tokenNeeded(req.pageContext(), survey, definition), status: .forbidden))
            }
            return (survey, definition, req.render(AnswerPages.closed(req.pageContext(), survey, definition), status: .gone))
        }
        if let user = req.currentUser,
           try await SurveyParticipation.query(on: req.db).filter(\.$survey.$id == survey.requireID()).filter(\.$user.$id == user.requireID()).count() > 0 {
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
        return req.render(AnswerPages.intro(req.pageContext(), survey, definition, language: Self.language(definition, req),
                                            resumeAt: draft.map { $0.section + 1 }, token: token))
    }

    struct StartForm: Content { var t: String? }

    func start(req: Request) async throws -> Response {
        let token = (try? req.content.decode(StartForm.self))?.t.flatMap { $0.isEmpty ? nil : $0 }
        if let existing = try await Self.existingDraft(req) { return existing }
        let (survey, definition, closed) = try await Self.open(req, token: token)
        if let closed { return closed }
        let secret = SecretToken.generate()
        let draft = SurveyDraft(surveyID: try survey.requireID(), tokenHash: SecretToken.hash(secret), language: Self.language(definition, req),
                                today: Surveys.today(req.now))
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
              let draft = try await draft(survey, req) else { return nil }
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
        let page = AnswerPages.Section(survey: survey, definition: definition, number: n, language: Self.language(definition, req),
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
        guard let draft = try await Self.draft(survey, req) else {
            // Sent twice: the first has been stored and the draft is gone.
            if action == "send", try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == survey.requireID())
                .filter(\.$idempotencyKey == submission).count() > 0 {
                return req.redirect(to: .answerThanks(.value(survey.slug)))
            }
            return req.redirect(to: .answer(.value(survey.slug)))
        }
        let (answers, problems) = definition.read(section: n - 1, fields: fields, previous: draft.answers)
        draft.answers = answers
        draft.section = max(draft.section, action == "back" ? n - 2 : n - 1)
        draft.updatedOn = Surveys.today(req.now)
        draft.language = Self.language(definition, req)
        try await draft.save(on: req.db)
        if action == "back" {
            return req.redirect(to: .answerSection(.value(survey.slug), .value(max(1, n - 1))))
        }
        guard problems.isEmpty else {
            let page = AnswerPages.Section(survey: survey, definition: definition, number: n, language: draft.language,
                                           answers: answers, submission: submission, problems: problems, fields: fields)
            return req.render(AnswerPages.section(req.pageContext(), page), status: .unprocessableEntity)
        }
        if n < definition.sections.count {
            draft.section = max(draft.section, n)
            try await draft.save(on: req.db)
            return req.redirect(to: .answerSection(.value(survey.slug), .value(n + 1)))
        }
        // Sending: every required question shown must be answered, wherever it is.
        let missing = definition.unanswered(answers)
        if let first = missing.first, let index = definition.sections.firstIndex(where: { $0.questions.contains { $0.variable == first } }) {
            return req.redirect(to: .answerSection(.value(survey.slug), .value(index + 1)),
                                notice: req.t("Some questions on this page still need an answer."))
        }
        let counted = try await Self.store(survey, definition: definition, draft: draft, answers: answers, key: submission, req: req).counted
        let response = counted ? req.redirect(to: .answerThanks(.value(survey.slug)))
            : req.redirect(to: .answerThanks(.value(survey.slug)),
                           notice: req.t("Thank you. You joined your school or took your role after this survey began, so your answers are kept but not counted in its figures: they count only colleagues who were there from the start, so that nobody can be singled out."))
        response.cookies[Self.cookieName(survey, req)] = req.cookiePolicy.expired()
        return response
    }

    /// Stores the response once: the draft goes, "has answered" is recorded apart from the
    /// answers, and the survey's anonymity is fixed from its first response on.
    /// `asRespondent`: the signed-in person is the respondent (the pages); through the API
    /// the token's owner submits for others, so nothing of theirs is recorded.
    /// Returns whether the answers count in the figures and whether they were stored already.
    @discardableResult
    static func store(_ survey: Survey, definition: SurveyDefinition, draft: SurveyDraft, answers: SurveyAnswers, key: String, req: Request,
                      asRespondent: Bool = true) async throws -> Stored {
        let surveyID = try survey.requireID()
        var place: (school: UUID?, country: String, role: String) = (nil, "", "")
        var inFigures = true
        let respondent = asRespondent ? req.currentUser : nil
        if let user = respondent {
            // Where the survey reached the person through their school: its school, country
            // and the person's role there, the groups a report is broken down by.
            let memberships = try await Membership.query(on: req.db).filter(\.$user.$id == user.requireID()).with(\.$school).all()
            let match = memberships.first { m in
                survey.$school.id.map { $0 == m.$school.id } ?? (survey.$network.id != nil && m.school.$network.id == survey.$network.id)
            }
            // Only someone who held that place before the survey was published is counted in
            // it: accounts made or re-roled afterwards could be the reader's own, filling a
            // small group to single a colleague out (issue 14, class 2).
            if let match {
                let published = try await SurveyPublication.date(of: survey, on: req.db)
                if Self.heldBefore(match, published: published) { place = (match.$school.id, match.school.country, match.role.rawValue) } else { inFigures = false }
            }
        }
        let found = place, counted = inFigures
        // The public link's rate limit, for answers nobody signed in for (a signed-in person
        // answers once; a single-use link once).
        let limited = asRespondent && respondent == nil && draft.surveyTokenID == nil
        if limited { try await SurveyLinkLimit.reserve(survey, req: req) }
        // A response begun under the promise of anonymity never records who gave it.
        let identified = !survey.anonymous && draft.promisedAnonymous != true
        let token = draft.surveyTokenID
        do {
            try await req.db.transaction { db in
                // A single-use link is spent with the response, in the same transaction.
                if let token, let sql = db as? any SQLDatabase {
                    let spent = try await sql.update(SurveyToken.schema).set("used_on", to: Surveys.today(req.now))
                        .where("id", .equal, token).where("used_on", .is, SQLLiteral.null).returning("id").all()
                    guard !spent.isEmpty else { throw Abort(.conflict, reason: req.t("This personal link has already been used.")) }
                }
                let response = try SurveyResponse(surveyID: surveyID, submittedOn: Surveys.today(req.now), language: draft.language,
                                                  country: found.country, role: found.role, schoolID: found.school,
                                                  userID: identified ? respondent?.id : nil, answers: answers, idempotencyKey: key)
                response.inFigures = counted
                try await response.save(on: db)
                if let user = respondent { try await SurveyParticipation(surveyID: surveyID, userID: try user.requireID()).save(on: db) }
                try await draft.delete(on: db)
                // Still open for answers, checked where the release checks it: this UPDATE
                // waits for a release in progress (a row lock on PostgreSQL, the one writer on
                // SQLite) and finds it done, so no answer slips in after the figures were
                // released and then sits outside them unseen.
                guard let sql = db as? any SQLDatabase else { return }
                let open = try await sql.update(Survey.schema).set("anonymity_fixed", to: true).where("id", .equal, surveyID)
                    .where("status", .equal, Survey.Status.open.rawValue).returning("id").all()
                guard !open.isEmpty else { throw Abort(.gone, reason: req.t("This survey has closed: it takes no more answers.")) }
            }
        } catch {
            // The same submission twice (a double click, a retry): it is stored already. Or
            // the person answered meanwhile in another tab: their first answers count.
            guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
            let sameKey = try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == surveyID).filter(\.$idempotencyKey == key).count() > 0
            var answeredBefore = false
            if let user = respondent {
                answeredBefore = try await SurveyParticipation.query(on: req.db).filter(\.$survey.$id == surveyID)
                    .filter(\.$user.$id == user.requireID()).count() > 0
            }
            guard sameKey || answeredBefore else { throw error }
            try? await draft.delete(on: req.db)
            return Stored(counted: counted, replayed: true)
        }
        return Stored(counted: counted, replayed: false)
    }

    /// What storing a submission came to.
    struct Stored {
        /// False when the answers are kept out of the figures (a newcomer's).
        var counted: Bool
        /// True when nothing new was saved: the same key was stored first by a copy sent at
        /// the same time (a double click, a retry), which the lookup before could not see yet
        /// (issue 15: the API told each such copy it had created the response).
        var replayed: Bool
    }

    /// Whether a membership had its school and role before the survey was first published.
    static func heldBefore(_ membership: Membership, published: Date?) -> Bool {
        guard let published else { return true }
        if let since = membership.roleSince { return since <= published }
        return true
    }

    func thanks(req: Request) async throws -> Response {
        guard let slug = req.parameters.get(SiteURL.slugKey), let survey = try await Survey.query(on: req.db).filter(\.$slug == slug).first()
        else { throw Abort(.notFound) }
        return req.render(AnswerPages.thanks(req.pageContext(), survey, try survey.definition))
    }
}
