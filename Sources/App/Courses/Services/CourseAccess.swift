import Domain
import Fluent
import Vapor

/// Reading a course, a learner's place in it and a step from the path: the one way the
/// course, cohort, editor and API controllers do it, so the `Policy` is asked alike.
extension Request {
    /// The course the path names (`{slug}`), if the person may see it (a draft: its authors).
    func courseInPath() async throws -> CourseOutline {
        let slug = parameters.get(SiteURL.slugKey) ?? ""
        guard let course = try await Course.query(on: db).filter(\.$slug == slug).first() else { throw Abort(.notFound) }
        let outline = try await CourseOutline.cached(course, on: db, cache: application.outlineCache)
        let principal = try await principal()
        let resource = Policy.Resource.course(published: outline.course.status == .published)
        guard Policy.allows(principal, .view, resource) else { throw Abort(Policy.denialStatus(principal, resource)) }
        return outline
    }

    /// The course, the signed-in learner's state and enrolment; not enrolled: to the course page.
    func learnerInPath() async throws -> (CourseOutline, LearnerState, CourseEnrolment) {
        let user = try requireUser()
        let outline = try await courseInPath()
        try await authorize(.takeCourse, .course(published: outline.course.status == .published))
        let state = try await LearnerState.load(outline, userID: user.requireID(), on: db)
        guard let enrolment = state.enrolment else {
            throw Abort.redirect(to: SiteURL.course(.value(outline.course.slug)).path)
        }
        return (outline, state, enrolment)
    }

    /// The step the path names (`{step}`), with its content (the outline has titles only).
    func stepInPath(of outline: CourseOutline) async throws -> CourseActivity {
        guard let key = parameters.get(SiteURL.stepKey), let step = outline.activity(key),
            let full = try await CourseActivity.find(step.id, on: db)
        else { throw Abort(.notFound) }
        return full
    }

    /// What the certificate says was done, with the workload it stands for.
    func certificateCriteria(_ outline: CourseOutline) -> String {
        t(
            "Completed every required lesson, quiz and reflection task of the course (workload: {workload}).",
            ["workload": CourseWorkload.text(outline.minutes, localizer)])
    }

    /// Marks `step` finished for the learner (a lesson read, a quiz passed, a reflection
    /// written), records it for the Learning Record Store, and issues the certificate when
    /// it was the last required step. Page and API alike.
    func finishStep(_ step: CourseActivity, outline: CourseOutline, enrolment: CourseEnrolment, user: User) async throws -> CourseCredential? {
        let learning = CourseLearning(db: db, config: application.config, now: now)
        let issued = try await learning.finish(
            step, enrolment: enrolment, outline: outline, user: user, language: localizer.language.rawValue,
            criteria: certificateCriteria(outline))
        if step.kind == .lesson { try await Statements.record(.completed, user: user, course: outline.course, activity: step, on: self) }
        if issued != nil { try await Statements.record(.completed, user: user, course: outline.course, activity: nil, on: self) }
        return issued
    }

    /// Grades and keeps an attempt at a quiz (`CourseLearning.attempt`). A new attempt is
    /// recorded for the Learning Record Store and, when passed, finishes the step; returns
    /// the certificate when that finished the course. Page and API alike.
    func attemptQuiz(
        _ step: CourseActivity, quiz: QuizDefinition, answers: [String: Set<String>], outline: CourseOutline,
        enrolment: CourseEnrolment, user: User
    ) async throws -> (attempt: QuizAttempt, issued: CourseCredential?) {
        let learning = CourseLearning(db: db, config: application.config, now: now)
        let (attempt, new) = try await learning.attempt(step, quiz: quiz, answers: answers, enrolment: enrolment)
        guard new else { return (attempt, nil) }
        try await Statements.record(
            attempt.passed ? .passed : .failed, user: user, course: outline.course, activity: step,
            score: attempt.score, on: self)
        var issued: CourseCredential?
        if attempt.passed { issued = try await finishStep(step, outline: outline, enrolment: enrolment, user: user) }
        return (attempt, issued)
    }

    /// Completes the course when every required step is done (after the course changed
    /// under the learner), issuing the certificate once.
    func completeCourseIfDone(_ enrolment: CourseEnrolment, outline: CourseOutline, user: User) async throws -> CourseCredential? {
        let issued = try await CourseLearning(db: db, config: application.config, now: now)
            .completeIfDone(
                enrolment, outline: outline, user: user, language: localizer.language.rawValue,
                criteria: certificateCriteria(outline))
        if issued != nil { try await Statements.record(.completed, user: user, course: outline.course, activity: nil, on: self) }
        return issued
    }
}

extension CourseLearning {
    /// The members of a cohort: its learners and its facilitator.
    static func cohortMembers(_ cohortID: UUID, on db: any Database) async throws -> Set<UUID> {
        var members = Set(try await CourseEnrolment.query(on: db).filter(\.$cohort.$id == cohortID).all().map(\.$user.id))
        if let facilitator = try await CourseCohort.find(cohortID, on: db)?.$facilitator.id { members.insert(facilitator) }
        return members
    }
}
