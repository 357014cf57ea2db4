import Domain
import Fluent
import SQLKit
import Foundation
import Vapor

/// Taking a course: the catalogue, a course's page, enrolling, its steps (lessons,
/// quizzes, reflection tasks), comments on shared reflections, and the certificate.
struct CourseController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.courses.pathComponents, use: catalogue)
        routes.get(SiteURL.courseImage(.key).pathComponents, use: image)
        routes.get(SiteURL.course(.key).pathComponents, use: show)
        routes.post(SiteURL.courseEnrol(.key).pathComponents, use: enrol)
        routes.get(SiteURL.courseContinue(.key).pathComponents, use: resume)
        routes.get(SiteURL.courseStep(.key, .key).pathComponents, use: step)
        routes.post(SiteURL.courseStepDone(.key, .key).pathComponents, use: markDone)
        routes.post(SiteURL.courseQuizAttempts(.key, .key).pathComponents, use: attempt)
        routes.post(SiteURL.courseReflection(.key, .key).pathComponents, use: reflect)
        routes.post(SiteURL.courseReflectionComments(.key, .key, .key).pathComponents, use: comment)
        routes.get(SiteURL.courseCertificate(.key).pathComponents, use: certificate)
        routes.post(SiteURL.courseProgressSharing(.key).pathComponents, use: shareProgress)
    }

    struct SharingForm: Content { var shared: String?; var return_to: String? }

    /// The learner shows (or stops showing) their progress to their study groups.
    func shareProgress(req: Request) async throws -> Response {
        let (_, _, enrolment) = try await Self.learner(req)
        let form = (try? req.content.decode(SharingForm.self)) ?? SharingForm()
        enrolment.progressShared = form.shared == "yes"
        try await enrolment.save(on: req.db)
        let response = req.redirect(to: ReturnPath.safe(form.return_to), redirectType: .normal)
        response.setNotice(enrolment.progressShared ? req.t("Your study groups now see how far you have got in the course.")
                                                    : req.t("Your study groups no longer see your progress in the course."), for: req)
        return response
    }

    // MARK: the catalogue and a course

    func catalogue(req: Request) async throws -> Response {
        let principal = try await req.principal()
        let courses = try await Course.query(on: req.db).sort(\.$slug).all()
            .filter { Policy.allows(principal, .view, .course(published: $0.status == .published)) }
        let items = try await CourseCatalogue.entries(courses, userID: principal?.userID, on: req.db).map { entry -> CourseCataloguePage.Item in
            let texts = entry.course.texts
            return .init(slug: entry.course.slug, title: texts.title, summary: texts.summary, audience: texts.audience,
                         minutes: entry.minutes, modules: entry.modules, draft: entry.course.status == .draft,
                         percent: entry.enrolment.map { _ in entry.progress.percent }, completed: entry.enrolment?.completedAt != nil)
        }
        return req.render(CourseCataloguePage.view(req.pageContext(), items: items,
                                                   mayAuthor: Policy.allows(principal, .authorCourse, .course(published: false))))
    }

    /// The shipped images lessons use (SVG only; names are checked, nothing else is served).
    func image(req: Request) async throws -> Response {
        let name = req.parameters.get(SiteURL.slugKey) ?? ""
        guard name.range(of: #"^[a-z0-9-]+\.svg$"#, options: .regularExpression) != nil else { throw Abort(.notFound) }
        // Each shipped course keeps its images in `Resources/Course/<slug>/images/`.
        let root = CourseLibrary.shippedDirectory(req.application)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root))?.sorted() ?? []
        guard let data = folders.lazy.compactMap({ FileManager.default.contents(atPath: root + $0 + "/images/" + name) }).first else {
            throw Abort(.notFound)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "image/svg+xml")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    func show(req: Request) async throws -> Response {
        let outline = try await Self.outline(req)
        let principal = try await req.principal()
        var state = try await LearnerState.load(outline, userID: principal?.userID, on: req.db)
        // Everything required done, but not completed: the authors took out or made optional
        // the steps that were missing. It is complete now.
        if let enrolment = state.enrolment, enrolment.completedAt == nil, state.progress.complete, let user = req.currentUser {
            _ = try await Self.completeIfDone(enrolment, outline: outline, user: user, req: req)
            state = try await LearnerState.load(outline, userID: principal?.userID, on: req.db)
        }
        var cohort: (String, String, String, String?)?
        if let cohortID = state.enrolment?.$cohort.id, let c = try await CourseCohort.query(on: req.db).filter(\.$id == cohortID).with(\.$facilitator).first() {
            cohort = (c.name, c.startsOn, c.endsOn, c.facilitator?.fullName)
        }
        var credentialID: UUID?
        var best: [UUID: Int] = [:]
        var followed: [(UUID, String)] = []
        let courseID = try outline.course.requireID()
        if let principal {
            // Only what the page will show: a certificate once completed, scores once a quiz is passed.
            if state.enrolment?.completedAt != nil {
                credentialID = try await CourseCredential.query(on: req.db).filter(\.$course.$id == courseID)
                    .filter(\.$user.$id == principal.userID).filter(\.$revokedAt == nil).first()?.id
            }
            let passedQuiz = outline.activities.contains { $0.kind == .quiz && state.done.contains($0.id ?? UUID()) }
            if passedQuiz, let enrolmentID = state.enrolment?.id, let sql = req.db as? any SQLDatabase {
                struct Best: Decodable { var activity_id: UUID; var best: Int }
                for row in try await sql.select().column("activity_id").column(SQLFunction("max", args: SQLIdentifier("score")), as: "best")
                    .from(QuizAttempt.schema).where("enrolment_id", .equal, enrolmentID).groupBy("activity_id").all(decoding: Best.self) {
                    best[row.activity_id] = row.best
                }
            }
            followed = try await CourseCohort.query(on: req.db).filter(\.$course.$id == courseID).sort(\.$startsOn).all()
                .filter { Policy.allows(principal, .followCohort, .cohort(facilitatorID: $0.$facilitator.id, networkID: $0.$network.id)) }
                .map { ($0.id ?? UUID(), $0.name) }
        }
        let model = CoursePage.Model(
            outline: outline, state: state, cohort: cohort, credentialID: credentialID, bestScores: best,
            mayManageCohorts: Policy.allows(principal, .manageCohort, .course(published: outline.course.status == .published)),
            followedCohorts: followed)
        return req.render(CoursePage.view(req.pageContext(), model))
    }

    func enrol(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let outline = try await Self.outline(req)
        try await req.authorize(.takeCourse, .course(published: outline.course.status == .published))
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        try await learning.enrol(outline.course, userID: user.requireID())
        try await Statements.record(.registered, user: user, course: outline.course, activity: nil, on: req)
        return req.redirect(to: .course(.value(outline.course.slug)), notice: req.t("You are enrolled. Start whenever you are ready."))
    }

    func resume(req: Request) async throws -> Response {
        let (outline, state, _) = try await Self.learner(req)
        let next = state.progress.next.flatMap { id in outline.activities.first { $0.id == id } } ?? outline.activities.first
        guard let next else { return req.redirect(to: .course(.value(outline.course.slug))) }
        return req.redirect(to: .courseStep(.value(outline.course.slug), .value(next.key)))
    }

    // MARK: steps

    func step(req: Request) async throws -> Response {
        let (outline, state, enrolment) = try await Self.learner(req)
        let step = try await Self.activity(req, outline)
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        try await learning.visit(step, enrolment: enrolment)
        var model = CourseStepPage.Model(outline: outline, state: state, step: step)
        try await fill(&model, enrolment: enrolment, req: req)
        if step.kind == .quiz, let shown = req.query[Int.self, at: "attempt"] {
            model.shownAttempt = model.attempts.first { $0.number == shown }
        }
        return req.render(CourseStepPage.view(req.pageContext(), model))
    }

    /// What a quiz or reflection page shows besides the step itself.
    private func fill(_ model: inout CourseStepPage.Model, enrolment: CourseEnrolment, req: Request) async throws {
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        let principal = try await req.principal()
        switch model.step.kind {
        case .lesson: break
        case .quiz:
            try await req.authorize(.viewQuizAttempts, .quizAttempts(learnerID: enrolment.$user.id))
            model.attempts = try await learning.attempts(model.step, enrolment: enrolment)
        case .reflection:
            model.reflection = try await learning.reflection(model.step, enrolment: enrolment)
            if let own = model.reflection, let ownID = own.id {
                let comments = try await ReflectionComment.query(on: req.db).filter(\.$reflection.$id == ownID).sort(\.$createdAt).with(\.$author).all()
                model.ownComments = comments.map { ($0.author?.fullName ?? req.t("A former member"), $0.body) }
            }
            guard let cohortID = enrolment.$cohort.id, let principal else { return }
            model.inCohort = true
            let members = try await Self.cohortMembers(cohortID, on: req.db)
            let peers = try await CourseReflection.query(on: req.db)
                .join(CourseEnrolment.self, on: \CourseReflection.$enrolment.$id == \CourseEnrolment.$id)
                .filter(CourseEnrolment.self, \.$cohort.$id == cohortID)
                .filter(\.$activity.$id == model.step.requireID())
                .filter(\.$shared == true)
                .sort(\.$createdAt).all()
            let visible = try peers.filter { r in
                let author = try r.joined(CourseEnrolment.self).$user.id
                return author != principal.userID && Policy.allows(principal, .readReflection, .reflection(authorID: author, shared: r.shared, cohortMembers: members))
            }
            let authorIDs = try visible.map { try $0.joined(CourseEnrolment.self).$user.id }
            let comments = try await ReflectionComment.query(on: req.db).filter(\.$reflection.$id ~~ visible.compactMap(\.id)).sort(\.$createdAt).all()
            let people = try await User.query(on: req.db).filter(\.$id ~~ (authorIDs + comments.compactMap { $0.$author.id })).all()
            func name(_ id: UUID?) -> String { people.first { $0.id == id }?.fullName ?? req.t("A former member") }
            model.peers = try visible.map { r in
                CourseStepPage.Peer(id: r.id ?? UUID(), author: name(try r.joined(CourseEnrolment.self).$user.id), body: r.body,
                                    comments: comments.filter { $0.$reflection.id == r.id }.map { (name($0.$author.id), $0.body) })
            }
        }
    }

    func markDone(req: Request) async throws -> Response {
        let (outline, _, enrolment) = try await Self.learner(req)
        let step = try await Self.activity(req, outline)
        // Quizzes finish by passing, reflections by writing one: only a lesson is marked read.
        guard step.kind == .lesson else { throw Abort(.badRequest, reason: req.t("This step is finished by answering it.")) }
        let user = try req.requireUser()
        let issued = try await Self.finish(step, outline: outline, enrolment: enrolment, user: user, req: req)
        return Self.afterFinishing(step, outline: outline, issued: issued, req: req, notice: nil)
    }

    func attempt(req: Request) async throws -> Response {
        let (outline, state, enrolment) = try await Self.learner(req)
        let step = try await Self.activity(req, outline)
        guard step.kind == .quiz, let quiz = step.quiz else { throw Abort(.notFound) }
        try await req.authorize(.viewQuizAttempts, .quizAttempts(learnerID: enrolment.$user.id))
        let fields = req.formFields()
        var answers: [String: Set<String>] = [:]
        for q in quiz.questions { answers[q.key] = Set(fields["q_" + q.key] ?? []) }
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        let previous = try await learning.attempts(step, enrolment: enrolment)
        // The form says which attempt it was; a repeated submission shows the kept result.
        if let number = fields["attempt"]?.first.flatMap({ Int($0) }), let kept = previous.first(where: { $0.number == number }) {
            return req.redirect(to: SiteURL.courseStep(.value(outline.course.slug), .value(step.key)).path + "?attempt=\(kept.number)", redirectType: .normal)
        }
        do {
            let (attempt, new) = try await learning.attempt(step, quiz: quiz, answers: answers, enrolment: enrolment)
            let user = try req.requireUser()
            var issued: CourseCredential?
            if new {
                try await Statements.record(attempt.passed ? .passed : .failed, user: user, course: outline.course, activity: step,
                                            score: attempt.score, on: req)
                if attempt.passed { issued = try await Self.finish(step, outline: outline, enrolment: enrolment, user: user, req: req) }
            }
            let response = req.redirect(to: SiteURL.courseStep(.value(outline.course.slug), .value(step.key)).path + "?attempt=\(attempt.number)", redirectType: .normal)
            if issued != nil { response.setNotice(req.t("You have completed the course. Your certificate is ready."), for: req) }
            return response
        } catch CourseLearning.Problem.unanswered(let keys), CourseLearning.Problem.tooMany(let keys) {
            var model = CourseStepPage.Model(outline: outline, state: state, step: step)
            try await fill(&model, enrolment: enrolment, req: req)
            model.unanswered = Set(keys)
            model.chosen = answers
            return req.render(CourseStepPage.view(req.pageContext(), model), status: .unprocessableEntity)
        } catch CourseLearning.Problem.noAttemptsLeft {
            return req.redirect(to: .courseStep(.value(outline.course.slug), .value(step.key)), notice: req.t("You have no attempts left at this quiz."))
        }
    }

    struct ReflectionForm: Content { var body: String?; var shared: String? }

    func reflect(req: Request) async throws -> Response {
        let (outline, state, enrolment) = try await Self.learner(req)
        let step = try await Self.activity(req, outline)
        guard step.kind == .reflection else { throw Abort(.notFound) }
        let form = (try? req.content.decode(ReflectionForm.self)) ?? ReflectionForm()
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        let shared = form.shared == "yes" && enrolment.$cohort.id != nil
        do {
            _ = try await learning.reflect(step, body: form.body ?? "", shared: shared, enrolment: enrolment)
        } catch let problem as CourseLearning.Problem {
            var model = CourseStepPage.Model(outline: outline, state: state, step: step)
            try await fill(&model, enrolment: enrolment, req: req)
            model.draft = form.body ?? ""
            model.sharedDraft = form.shared == "yes"
            model.error = problem == .reflectionTooLong
                ? req.t("A reflection can be up to {count} characters long.", ["count": String(CourseLearning.maxReflection)])
                : req.t("Write your reflection before saving it.")
            return req.render(CourseStepPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let user = try req.requireUser()
        try await Statements.record(.answered, user: user, course: outline.course, activity: step, on: req)
        let issued = try await Self.finish(step, outline: outline, enrolment: enrolment, user: user, req: req)
        return Self.afterFinishing(step, outline: outline, issued: issued, req: req,
                                   notice: shared ? req.t("Your reflection is saved and shared with your cohort.") : req.t("Your reflection is saved. Only you can read it."))
    }

    struct CommentForm: Content { var body: String? }

    func comment(req: Request) async throws -> Response {
        let (outline, state, enrolment) = try await Self.learner(req)
        let step = try await Self.activity(req, outline)
        let principal = try await req.principal()
        guard let principal, let reflection = try await CourseReflection.query(on: req.db).filter(\.$id == req.uuidParameter(SiteURL.idKey))
            .filter(\.$activity.$id == step.requireID()).with(\.$enrolment).first() else { throw Abort(.notFound) }
        var members: Set<UUID> = []
        if let cohortID = enrolment.$cohort.id { members = try await Self.cohortMembers(cohortID, on: req.db) }
        // Only reflections of one's own cohort: another cohort's are not there to see.
        let resource = Policy.Resource.reflection(authorID: reflection.enrolment.$user.id, shared: reflection.shared,
                                                  cohortMembers: reflection.enrolment.$cohort.id == enrolment.$cohort.id ? members : [])
        guard Policy.allows(principal, .commentOnReflection, resource) else { throw Abort(Policy.denialStatus(principal, resource)) }
        let text = ((try? req.content.decode(CommentForm.self))?.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= CourseLearning.maxComment else {
            var model = CourseStepPage.Model(outline: outline, state: state, step: step)
            try await fill(&model, enrolment: enrolment, req: req)
            model.commentErrors[try reflection.requireID()] = text.isEmpty ? req.t("Write a comment before sending it.")
                : req.t("A comment can be up to {count} characters long.", ["count": String(CourseLearning.maxComment)])
            model.commentDraft[try reflection.requireID()] = text
            return req.render(CourseStepPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await ReflectionComment(reflectionID: reflection.requireID(), authorID: principal.userID, body: text).save(on: req.db)
        if reflection.enrolment.$user.id != principal.userID {
            try await Notifications.notify([reflection.enrolment.$user.id], kind: .reflectionCommented, actor: req.currentUser?.fullName ?? "",
                                           link: .courseStep(.value(outline.course.slug), .value(step.key)), on: req.db)
        }
        return req.redirect(to: .courseStep(.value(outline.course.slug), .value(step.key)), notice: req.t("Your comment is posted."))
    }

    // MARK: the certificate

    func certificate(req: Request) async throws -> Response {
        let (outline, _, enrolment) = try await Self.learner(req)
        guard let credential = try await CourseCredential.query(on: req.db).filter(\.$course.$id == outline.course.requireID())
            .filter(\.$user.$id == enrolment.$user.id).filter(\.$revokedAt == nil).first() else {
            return req.redirect(to: .course(.value(outline.course.slug)), notice: req.t("The certificate is issued when you have finished every required step."))
        }
        let texts = outline.course.texts
        let outcomes = texts.outcomes[credential.language] ?? texts.outcomes["en"] ?? []
        var evaluation: (String, Bool)?
        if let survey = try await outline.course.$evaluationSurvey.get(on: req.db), survey.status == .open {
            let answered = try await SurveyParticipation.query(on: req.db).filter(\.$survey.$id == survey.requireID())
                .filter(\.$user.$id == enrolment.$user.id).count() > 0
            evaluation = (SiteURL.answer(.value(survey.slug)).path, answered)
        }
        return req.render(CertificatePage.view(req.pageContext(), credential: credential, outcomes: outcomes,
                                               verifyURL: SiteURL.credential(.value(credential.id ?? UUID())).absolute(req.application.config),
                                               evaluation: evaluation))
    }

    // MARK: helpers

    static func outline(_ req: Request) async throws -> CourseOutline {
        let slug = req.parameters.get(SiteURL.slugKey) ?? ""
        guard let course = try await Course.query(on: req.db).filter(\.$slug == slug).first() else { throw Abort(.notFound) }
        let outline = try await CourseOutline.cached(course, on: req.db, cache: req.application.outlineCache)
        let principal = try await req.principal()
        let resource = Policy.Resource.course(published: outline.course.status == .published)
        guard Policy.allows(principal, .view, resource) else { throw Abort(Policy.denialStatus(principal, resource)) }
        return outline
    }

    /// The course, the signed-in learner's state and enrolment; not enrolled: to the course page.
    static func learner(_ req: Request) async throws -> (CourseOutline, LearnerState, CourseEnrolment) {
        let user = try req.requireUser()
        let outline = try await outline(req)
        try await req.authorize(.takeCourse, .course(published: outline.course.status == .published))
        let state = try await LearnerState.load(outline, userID: user.requireID(), on: req.db)
        guard let enrolment = state.enrolment else {
            throw Abort.redirect(to: SiteURL.course(.value(outline.course.slug)).path)
        }
        return (outline, state, enrolment)
    }

    /// The step named in the path, with its content (the outline has titles only).
    static func activity(_ req: Request, _ outline: CourseOutline) async throws -> CourseActivity {
        guard let key = req.parameters.get(SiteURL.stepKey), let step = outline.activity(key),
              let full = try await CourseActivity.find(step.id, on: req.db) else { throw Abort(.notFound) }
        return full
    }

    static func cohortMembers(_ cohortID: UUID, on db: any Database) async throws -> Set<UUID> {
        var members = Set(try await CourseEnrolment.query(on: db).filter(\.$cohort.$id == cohortID).all().map(\.$user.id))
        if let facilitator = try await CourseCohort.find(cohortID, on: db)?.$facilitator.id { members.insert(facilitator) }
        return members
    }

    static func finish(_ step: CourseActivity, outline: CourseOutline, enrolment: CourseEnrolment, user: User, req: Request) async throws -> CourseCredential? {
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        let language = req.localizer.language.rawValue
        let issued = try await learning.finish(step, enrolment: enrolment, outline: outline, user: user, language: language,
                                               criteria: req.t("Completed every required lesson, quiz and reflection task of the course."))
        if step.kind == .lesson { try await Statements.record(.completed, user: user, course: outline.course, activity: step, on: req) }
        if issued != nil { try await Statements.record(.completed, user: user, course: outline.course, activity: nil, on: req) }
        return issued
    }

    static func completeIfDone(_ enrolment: CourseEnrolment, outline: CourseOutline, user: User, req: Request) async throws -> CourseCredential? {
        let issued = try await CourseLearning(db: req.db, config: req.application.config, now: req.now)
            .completeIfDone(enrolment, outline: outline, user: user, language: req.localizer.language.rawValue,
                            criteria: req.t("Completed every required lesson, quiz and reflection task of the course."))
        if issued != nil { try await Statements.record(.completed, user: user, course: outline.course, activity: nil, on: req) }
        return issued
    }

    static func afterFinishing(_ step: CourseActivity, outline: CourseOutline, issued: CourseCredential?, req: Request, notice: String?) -> Response {
        let slug = outline.course.slug
        if issued != nil {
            return req.redirect(to: .courseCertificate(.value(slug)), notice: req.t("You have completed the course. Your certificate is ready."))
        }
        if step.kind == .lesson, let next = outline.neighbours(of: step).next {
            return req.redirect(to: .courseStep(.value(slug), .value(next.key)), notice: notice)
        }
        return req.redirect(to: step.kind == .lesson ? .course(.value(slug)) : .courseStep(.value(slug), .value(step.key)), notice: notice)
    }
}
