import Domain
import Fluent
import Foundation
import Vapor

/// `/api/v1/courses`: the catalogue, a course with the caller's progress, enrolling,
/// finishing a lesson, attempting a quiz, the certificate and (for authors) the xAPI
/// statements, by the same `Policy` and rules as the pages. Texts come in every language
/// the course has; right answers are never sent before an attempt.
struct CourseAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let courses = routes.grouped("courses")
        courses.get(use: list)
        courses.get(":\(SiteURL.slugKey)", use: show)
        courses.post(":\(SiteURL.slugKey)", "enrolment", use: enrol)
        courses.post(":\(SiteURL.slugKey)", "steps", ":\(SiteURL.stepKey)", "completion", use: complete)
        courses.post(":\(SiteURL.slugKey)", "steps", ":\(SiteURL.stepKey)", "attempts", use: attempt)
        courses.get(":\(SiteURL.slugKey)", "certificate", use: certificate)
        courses.get(":\(SiteURL.slugKey)", "statements", use: statements)
    }

    struct Summary: Content {
        var slug: String
        var status: String
        var title: LocalizedText
        var summary: LocalizedText
        var audience: LocalizedText
        var minutes: Int
        var modules: Int
        var enrolment: Progress?
    }

    struct Progress: Content {
        var done: Int
        var total: Int
        var percent: Int
        var completed: Bool
        /// The step "Continue" leads to.
        var next: String?
    }

    struct Option: Content { var key: String; var text: LocalizedText }
    struct Question: Content { var key: String; var kind: String; var text: LocalizedText; var options: [Option] }
    struct QuizInfo: Content {
        var passPercent: Int
        var attempts: Int
        var attemptsUsed: Int
        var bestScore: Int?
        var questions: [Question]
    }
    struct Step: Content {
        var key: String
        var kind: String
        var title: LocalizedText
        var minutes: Int
        var required: Bool
        var done: Bool
        /// Markdown of a lesson or a reflection task; only for enrolled learners.
        var body: LocalizedText?
        var quiz: QuizInfo?
    }
    struct Module: Content { var key: String; var title: LocalizedText; var summary: LocalizedText; var steps: [Step] }
    struct Detail: Content {
        var slug: String
        var status: String
        var title: LocalizedText
        var summary: LocalizedText
        var audience: LocalizedText
        var outcomes: [String: [String]]
        var minutes: Int
        var modules: [Module]
        var enrolment: Progress?
    }

    func list(req: Request) async throws -> [Summary] {
        _ = try req.requireAPIUser()
        let principal = try await req.principal()
        let courses = try await Course.query(on: req.db).sort(\.$slug).all()
            .filter { Policy.allows(principal, .view, .course(published: $0.status == .published)) }
        return try await CourseCatalogue.entries(courses, userID: principal?.userID, on: req.db).map { entry in
            let texts = entry.course.texts
            let p = entry.progress
            return Summary(
                slug: entry.course.slug, status: entry.course.status.rawValue, title: texts.title, summary: texts.summary, audience: texts.audience,
                minutes: entry.minutes, modules: entry.modules,
                enrolment: entry.enrolment.map { e in
                    Progress(done: p.done, total: p.total, percent: p.percent, completed: e.completedAt != nil, next: p.next.flatMap { entry.keys[$0] })
                })
        }
    }

    func progress(_ state: LearnerState, _ outline: CourseOutline) -> Progress? {
        guard let enrolment = state.enrolment else { return nil }
        let p = state.progress
        return Progress(
            done: p.done, total: p.total, percent: p.percent, completed: enrolment.completedAt != nil,
            next: p.next.flatMap { id in outline.activities.first { $0.id == id }?.key })
    }

    func load(_ req: Request) async throws -> (User, CourseOutline, LearnerState) {
        let user = try req.requireAPIUser()
        let slug = req.parameters.get(SiteURL.slugKey) ?? ""
        guard let outline = try await CourseOutline.load(slug: slug, on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(.view, .course(published: outline.course.status == .published))
        return (user, outline, try await LearnerState.load(outline, userID: user.requireID(), on: req.db))
    }

    func detail(_ light: CourseOutline, _ state: LearnerState, req: Request) async throws -> Detail {
        // Enrolled learners get the texts and questions too.
        let outline = state.enrolment == nil ? light : try await CourseOutline.load(light.course, content: true, on: req.db)
        var attempts: [UUID: [QuizAttempt]] = [:]
        // Attempts a facilitator gave on top of each quiz's own.
        var extra: [UUID: Int] = [:]
        if let id = state.enrolment?.id {
            for a in try await QuizAttempt.query(on: req.db).filter(\.$enrolment.$id == id).all() { attempts[a.$activity.id, default: []].append(a) }
            for r in try await QuizAttemptRequest.query(on: req.db).filter(\.$enrolment.$id == id).filter(\.$grantedAt != nil).all() {
                extra[r.$activity.id, default: 0] += 1
            }
        }
        let enrolled = state.enrolment != nil
        let texts = outline.course.texts
        return Detail(
            slug: outline.course.slug, status: outline.course.status.rawValue, title: texts.title, summary: texts.summary, audience: texts.audience,
            outcomes: texts.outcomes, minutes: outline.minutes,
            modules: outline.sections.map { section in
                Module(
                    key: section.key, title: section.texts.title, summary: section.texts.summary,
                    steps: outline.activities(in: section).map { a in
                        let mine = attempts[a.id ?? UUID()] ?? []
                        return Step(
                            key: a.key, kind: a.kind.rawValue, title: a.titles, minutes: a.minutes, required: a.required,
                            done: state.done.contains(a.id ?? UUID()), body: enrolled && a.kind != .quiz ? a.bodies : nil,
                            quiz: enrolled
                                ? a.quiz.map { q in
                                    QuizInfo(
                                        passPercent: q.passPercent, attempts: q.attempts + (extra[a.id ?? UUID()] ?? 0), attemptsUsed: mine.count,
                                        bestScore: mine.map(\.score).max(),
                                        questions: q.questions.map {
                                            Question(
                                                key: $0.key, kind: $0.kind.rawValue, text: $0.text,
                                                options: $0.options.map { Option(key: $0.key, text: $0.text) })
                                        })
                                } : nil)
                    })
            },
            enrolment: progress(state, outline))
    }

    func show(req: Request) async throws -> Detail {
        let (_, outline, state) = try await load(req)
        return try await detail(outline, state, req: req)
    }

    func enrol(req: Request) async throws -> Response {
        let (user, outline, state) = try await load(req)
        try await req.authorize(.takeCourse, .course(published: outline.course.status == .published))
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        try await learning.enrol(outline.course, userID: user.requireID())
        if state.enrolment == nil { try await Statements.record(.registered, user: user, course: outline.course, activity: nil, on: req) }
        let after = try await LearnerState.load(outline, userID: user.requireID(), on: req.db)
        let response = Response(status: state.enrolment == nil ? .created : .ok)
        try response.content.encode(try await detail(outline, after, req: req), as: .json)
        return response
    }

    func enrolment(_ state: LearnerState) throws -> CourseEnrolment {
        guard let enrolment = state.enrolment else { throw Abort(.conflict, reason: "Enrol in the course first (POST …/enrolment).") }
        return enrolment
    }

    func step(_ req: Request, _ outline: CourseOutline) async throws -> CourseActivity {
        try await req.stepInPath(of: outline)
    }

    func complete(req: Request) async throws -> Progress {
        let (user, outline, state) = try await load(req)
        let enrolment = try enrolment(state)
        let step = try await step(req, outline)
        guard step.kind == .lesson else {
            throw APIValidationError(details: [
                .init(field: "step", message: "a quiz is finished by passing it and a reflection by writing it; only a lesson is marked as read")
            ])
        }
        _ = try await req.finishStep(step, outline: outline, enrolment: enrolment, user: user)
        let after = try await LearnerState.load(outline, userID: user.requireID(), on: req.db)
        guard let progress = progress(after, outline) else { throw Abort(.conflict) }
        return progress
    }

    struct AttemptBody: Content {
        var answers: [String: [String]]?

        /// The answers by question; 422 naming each question, or each option of the first
        /// question, that the quiz does not have.
        func checkedAnswers(for quiz: QuizDefinition) throws -> [String: Set<String>] {
            let answers = (self.answers ?? [:]).mapValues { Set($0) }
            let unknown = Set(answers.keys).subtracting(quiz.questions.map(\.key))
            guard unknown.isEmpty else {
                throw APIValidationError(details: unknown.sorted().map { .init(field: "answers." + $0, message: "no such question") })
            }
            for q in quiz.questions {
                let unknown = Set(answers[q.key] ?? []).subtracting(q.options.map(\.key))
                guard unknown.isEmpty else {
                    throw APIValidationError(details: unknown.sorted().map { .init(field: "answers." + q.key, message: "no option \($0)") })
                }
            }
            return answers
        }
    }
    struct Feedback: Content { var option: String; var feedback: LocalizedText }
    struct Outcome: Content { var question: String; var correct: Bool; var chosen: [Feedback] }
    struct AttemptResult: Content {
        var number: Int
        var score: Int
        var passed: Bool
        var attemptsLeft: Int
        var outcomes: [Outcome]
        var enrolment: Progress?
    }

    func attempt(req: Request) async throws -> Response {
        let (user, outline, state) = try await load(req)
        try req.requireJSON()
        let enrolment = try enrolment(state)
        let step = try await step(req, outline)
        guard step.kind == .quiz, let quiz = step.quiz else { throw Abort(.notFound) }
        let answers = try req.content.decode(AttemptBody.self).checkedAnswers(for: quiz)
        let kept: QuizAttempt
        do {
            kept = try await req.attemptQuiz(step, quiz: quiz, answers: answers, outline: outline, enrolment: enrolment, user: user).attempt
        } catch CourseLearning.Problem.unanswered(let keys) {
            throw APIValidationError(details: keys.map { .init(field: "answers." + $0, message: "needs an answer") })
        } catch CourseLearning.Problem.tooMany(let keys) {
            throw APIValidationError(details: keys.map { .init(field: "answers." + $0, message: "a single-choice question takes one answer") })
        } catch CourseLearning.Problem.noAttemptsLeft {
            throw Abort(.conflict, reason: "No attempts left at this quiz.")
        }
        let after = try await LearnerState.load(outline, userID: user.requireID(), on: req.db)
        let response = Response(status: .created)
        let extra = try await CourseLearning(db: req.db, config: req.application.config, now: req.now).extraAttempts(step, enrolment: enrolment)
        try response.content.encode(AttemptResult(kept, quiz: quiz, extra: extra, enrolment: progress(after, outline)), as: .json)
        return response
    }

    struct Certificate: Content {
        var id: String
        var issuedAt: Date
        var verifyUrl: String
        /// The Open Badges 3.0 credential as a VC-JWT.
        var credential: String
    }

    func certificate(req: Request) async throws -> Certificate {
        let (user, outline, _) = try await load(req)
        guard
            let credential = try await CourseCredential.query(on: req.db).filter(\.$course.$id == outline.course.requireID())
                .filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil).first()
        else {
            throw Abort(.notFound, reason: "No certificate yet: it is issued when every required step is finished.")
        }
        let id = try credential.requireID()
        return Certificate(
            id: "urn:uuid:" + id.uuidString.lowercased(), issuedAt: credential.issuedAt,
            verifyUrl: SiteURL.credential(.value(id)).absolute(req.application.config), credential: credential.token)
    }

    func statements(req: Request) async throws -> Response {
        let (_, outline, _) = try await load(req)
        try await req.authorize(.manageCohort, .course(published: outline.course.status == .published))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json")
        return Response(
            status: .ok, headers: headers, body: .init(string: try await Statements.export(outline.course, for: try await req.principal(), on: req.db)))
    }
}

extension CourseAPIController.AttemptResult {
    /// An attempt's result: for each question whether it was answered right, with the
    /// feedback of each option chosen.
    /// `extra`: attempts a facilitator gave on top of the quiz's own.
    init(_ attempt: QuizAttempt, quiz: QuizDefinition, extra: Int = 0, enrolment: CourseAPIController.Progress?) {
        let result = attempt.result
        self.init(
            number: attempt.number, score: attempt.score, passed: attempt.passed, attemptsLeft: max(quiz.attempts + extra - attempt.number, 0),
            outcomes: quiz.questions.map { q in
                let outcome = result?.outcomes.first { $0.question == q.key }
                return CourseAPIController.Outcome(
                    question: q.key, correct: outcome?.correct ?? false,
                    chosen: q.options.filter { outcome?.chosen.contains($0.key) ?? false }.map {
                        CourseAPIController.Feedback(option: $0.key, feedback: $0.feedback)
                    })
            },
            enrolment: enrolment)
    }
}
