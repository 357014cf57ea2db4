import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// A course's steps: reading a lesson and marking it done, a quiz and its attempts, a
/// reflection task, and comments on the reflections a cohort shares.
struct CourseStepController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.courseStep(.key, .key).pathComponents, use: step)
        routes.post(SiteURL.courseStepDone(.key, .key).pathComponents, use: markDone)
        routes.post(SiteURL.courseQuizAttempts(.key, .key).pathComponents, use: attempt)
        routes.post(SiteURL.courseQuizMoreAttempts(.key, .key).pathComponents, use: askForAttempt)
        routes.post(SiteURL.courseReflection(.key, .key).pathComponents, use: reflect)
        routes.post(SiteURL.courseReflectionComments(.key, .key, .key).pathComponents, use: comment)
    }

    func step(req: Request) async throws -> Response {
        let (outline, state, enrolment) = try await req.learnerInPath()
        let step = try await req.stepInPath(of: outline)
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
            model.extraAttempts = try await learning.extraAttempts(model.step, enrolment: enrolment)
            model.openRequest = try await learning.openRequest(model.step, enrolment: enrolment)?.requestedAt
            if let cohortID = enrolment.$cohort.id, let cohort = try await CourseCohort.query(on: req.db).filter(\.$id == cohortID).with(\.$facilitator).first()
            {
                model.facilitator = cohort.facilitator?.fullName
                model.mayAsk = !(try await CourseLearning.attemptGivers(cohort, on: req.db).filter { $0 != enrolment.$user.id }).isEmpty
            }
        case .reflection:
            model.reflection = try await learning.reflection(model.step, enrolment: enrolment)
            if let own = model.reflection, let ownID = own.id {
                let comments = try await ReflectionComment.query(on: req.db).filter(\.$reflection.$id == ownID).sort(\.$createdAt).with(\.$author).all()
                model.ownComments = comments.map { ($0.author?.fullName ?? req.t("A former member"), $0.body) }
            }
            guard let cohortID = enrolment.$cohort.id, let principal else { return }
            model.inCohort = true
            let members = try await CourseLearning.cohortMembers(cohortID, on: req.db)
            let peers = try await CourseReflection.query(on: req.db)
                .join(CourseEnrolment.self, on: \CourseReflection.$enrolment.$id == \CourseEnrolment.$id)
                .filter(CourseEnrolment.self, \.$cohort.$id == cohortID)
                .filter(\.$activity.$id == model.step.requireID())
                .filter(\.$shared == true)
                .sort(\.$createdAt).all()
            let visible = try peers.filter { r in
                let author = try r.joined(CourseEnrolment.self).$user.id
                return author != principal.userID
                    && Policy.allows(principal, .readReflection, .reflection(authorID: author, shared: r.shared, cohortMembers: members))
            }
            let authorIDs = try visible.map { try $0.joined(CourseEnrolment.self).$user.id }
            let comments = try await ReflectionComment.query(on: req.db).filter(\.$reflection.$id ~~ visible.compactMap(\.id)).sort(\.$createdAt).all()
            let people = try await User.query(on: req.db).filter(\.$id ~~ (authorIDs + comments.compactMap { $0.$author.id })).all()
            func name(_ id: UUID?) -> String { people.first { $0.id == id }?.fullName ?? req.t("A former member") }
            model.peers = try visible.map { r in
                CourseStepPage.Peer(
                    id: r.id ?? UUID(), author: name(try r.joined(CourseEnrolment.self).$user.id), body: r.body,
                    comments: comments.filter { $0.$reflection.id == r.id }.map { (name($0.$author.id), $0.body) })
            }
        }
    }

    func markDone(req: Request) async throws -> Response {
        let (outline, _, enrolment) = try await req.learnerInPath()
        let step = try await req.stepInPath(of: outline)
        // Quizzes finish by passing, reflections by writing one: only a lesson is marked read.
        guard step.kind == .lesson else { throw Abort(.badRequest, reason: req.t("This step is finished by answering it.")) }
        let user = try req.requireUser()
        let issued = try await req.finishStep(step, outline: outline, enrolment: enrolment, user: user)
        return Self.afterFinishing(step, outline: outline, issued: issued, req: req, notice: nil)
    }

    func attempt(req: Request) async throws -> Response {
        let (outline, state, enrolment) = try await req.learnerInPath()
        let step = try await req.stepInPath(of: outline)
        guard step.kind == .quiz, let quiz = step.quiz else { throw Abort(.notFound) }
        try await req.authorize(.viewQuizAttempts, .quizAttempts(learnerID: enrolment.$user.id))
        let fields = req.formFields()
        var answers: [String: Set<String>] = [:]
        for q in quiz.questions { answers[q.key] = Set(fields["q_" + q.key] ?? []) }
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        let previous = try await learning.attempts(step, enrolment: enrolment)
        // The form says which attempt it was; a repeated submission shows the kept result.
        if let number = fields["attempt"]?.first.flatMap({ Int($0) }), let kept = previous.first(where: { $0.number == number }) {
            return req.redirect(
                to: SiteURL.courseStep(.value(outline.course.slug), .value(step.key)).path(["attempt": String(kept.number)]), redirectType: .normal)
        }
        do {
            let user = try req.requireUser()
            let (attempt, issued) = try await req.attemptQuiz(step, quiz: quiz, answers: answers, outline: outline, enrolment: enrolment, user: user)
            let response = req.redirect(
                to: SiteURL.courseStep(.value(outline.course.slug), .value(step.key)).path(["attempt": String(attempt.number)]), redirectType: .normal)
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

    /// A learner out of attempts asks the cohort's facilitator for one more.
    func askForAttempt(req: Request) async throws -> Response {
        let (outline, _, enrolment) = try await req.learnerInPath()
        let step = try await req.stepInPath(of: outline)
        guard step.kind == .quiz, let quiz = step.quiz else { throw Abort(.notFound) }
        try await req.authorize(.viewQuizAttempts, .quizAttempts(learnerID: enrolment.$user.id))
        let here = SiteURL.courseStep(.value(outline.course.slug), .value(step.key))
        do {
            try await CourseLearning(db: req.db, config: req.application.config, now: req.now).requestAttempt(
                step, quiz: quiz, enrolment: enrolment, learnerName: req.currentUser?.fullName ?? "",
                link: .cohort(.value(enrolment.$cohort.id ?? UUID())))
        } catch CourseLearning.Problem.mayNotAsk {
            return req.redirect(to: here, notice: req.t("There is nothing to ask for: you have attempts left, or you have passed."))
        } catch CourseLearning.Problem.nobodyToAsk {
            throw Abort(.conflict, reason: req.t("Only a learner in a cohort can ask for another attempt, and this one has nobody who can give it."))
        }
        return req.redirect(to: here, notice: req.t("Your request is sent. You will be told here and in your notifications when you can try again."))
    }

    func reflect(req: Request) async throws -> Response {
        let (outline, state, enrolment) = try await req.learnerInPath()
        let step = try await req.stepInPath(of: outline)
        guard step.kind == .reflection else { throw Abort(.notFound) }
        let form = (try? req.content.decode(CourseForms.Reflection.self)) ?? CourseForms.Reflection()
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        let shared = form.shared == "yes" && enrolment.$cohort.id != nil
        do {
            _ = try await learning.reflect(step, body: form.body ?? "", shared: shared, enrolment: enrolment)
        } catch let problem as CourseLearning.Problem {
            var model = CourseStepPage.Model(outline: outline, state: state, step: step)
            try await fill(&model, enrolment: enrolment, req: req)
            model.draft = form.body ?? ""
            model.sharedDraft = form.shared == "yes"
            model.error =
                problem == .reflectionTooLong
                ? req.t("A reflection can be up to {count} characters long.", ["count": String(CourseLearning.maxReflection)])
                : req.t("Write your reflection before saving it.")
            return req.render(CourseStepPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let user = try req.requireUser()
        try await Statements.record(.answered, user: user, course: outline.course, activity: step, on: req)
        let issued = try await req.finishStep(step, outline: outline, enrolment: enrolment, user: user)
        return Self.afterFinishing(
            step, outline: outline, issued: issued, req: req,
            notice: shared ? req.t("Your reflection is saved and shared with your cohort.") : req.t("Your reflection is saved. Only you can read it."))
    }

    func comment(req: Request) async throws -> Response {
        let (outline, state, enrolment) = try await req.learnerInPath()
        let step = try await req.stepInPath(of: outline)
        let principal = try await req.principal()
        guard let principal,
            let reflection = try await CourseReflection.query(on: req.db).filter(\.$id == req.uuidParameter(SiteURL.idKey))
                .filter(\.$activity.$id == step.requireID()).with(\.$enrolment).first()
        else { throw Abort(.notFound) }
        var members: Set<UUID> = []
        if let cohortID = enrolment.$cohort.id { members = try await CourseLearning.cohortMembers(cohortID, on: req.db) }
        // Only reflections of one's own cohort: another cohort's are not there to see.
        let resource = Policy.Resource.reflection(
            authorID: reflection.enrolment.$user.id, shared: reflection.shared,
            cohortMembers: reflection.enrolment.$cohort.id == enrolment.$cohort.id ? members : [])
        guard Policy.allows(principal, .commentOnReflection, resource) else { throw Abort(Policy.denialStatus(principal, resource)) }
        let text = ((try? req.content.decode(CourseForms.Comment.self))?.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= CourseLearning.maxComment else {
            var model = CourseStepPage.Model(outline: outline, state: state, step: step)
            try await fill(&model, enrolment: enrolment, req: req)
            model.commentErrors[try reflection.requireID()] =
                text.isEmpty
                ? req.t("Write a comment before sending it.")
                : req.t("A comment can be up to {count} characters long.", ["count": String(CourseLearning.maxComment)])
            model.commentDraft[try reflection.requireID()] = text
            return req.render(CourseStepPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await CourseLearning(db: req.db, config: req.application.config, now: req.now).comment(
            text, on: reflection, by: principal.userID, actor: req.currentUser?.fullName ?? "",
            link: .courseStep(.value(outline.course.slug), .value(step.key)))
        return req.redirect(to: .courseStep(.value(outline.course.slug), .value(step.key)), notice: req.t("Your comment is posted."))
    }

    // MARK: the certificate

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
