import Domain
import Fluent
import Foundation
import Vapor

/// What a learner does in a course, as operations on the database: enrol, open a step,
/// finish it, attempt a quiz, write a reflection, comment on a peer's. Finishing the
/// last required step marks the course complete and issues the certificate.
struct CourseLearning {
    var db: any Database
    var config: AppConfig
    /// The request's clock (`req.now`), so tests can set the time.
    var now: Date

    enum Problem: Error, Equatable {
        case notEnrolled
        case noAttemptsLeft
        case unanswered([String])
        /// More than one answer to a single-choice question (only an API client can send it).
        case tooMany([String])
        case emptyReflection
        case reflectionTooLong
        case emptyComment
        /// Asked for another attempt with attempts left, or after passing.
        case mayNotAsk
        /// Asked outside a cohort, or in one where nobody can give it.
        case nobodyToAsk
        /// A facilitator's own request: someone else gives it.
        case ownRequest
        /// A request already granted, or of another cohort.
        case noSuchRequest
    }

    static let maxReflection = 20_000
    static let maxComment = 4_000

    /// Enrols `userID` (idempotent: enrolling twice keeps the first enrolment).
    @discardableResult
    func enrol(_ course: Course, userID: UUID, cohortID: UUID? = nil) async throws -> CourseEnrolment {
        let courseID = try course.requireID()
        if let existing = try await CourseEnrolment.query(on: db).filter(\.$course.$id == courseID).filter(\.$user.$id == userID).first() {
            if let cohortID, existing.$cohort.id != cohortID {
                existing.$cohort.id = cohortID
                try await existing.save(on: db)
            }
            return existing
        }
        let enrolment = CourseEnrolment(courseID: courseID, userID: userID, cohortID: cohortID)
        do {
            try await enrolment.save(on: db)
        } catch {
            // A double click: the other request enrolled them.
            guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
            if let existing = try await CourseEnrolment.query(on: db).filter(\.$course.$id == courseID).filter(\.$user.$id == userID).first() {
                return existing
            }
            throw error
        }
        return enrolment
    }

    /// Remembers where the learner is, for "Continue".
    func visit(_ activity: CourseActivity, enrolment: CourseEnrolment) async throws {
        guard enrolment.lastActivityID != activity.id else { return }
        enrolment.lastActivityID = activity.id
        try await enrolment.save(on: db)
    }

    /// Marks a step finished (once) and completes the course when the rule is met.
    /// Returns the certificate when this finished the course.
    @discardableResult
    func finish(
        _ activity: CourseActivity, enrolment: CourseEnrolment, outline: CourseOutline, user: User, language: String,
        criteria: String
    ) async throws -> CourseCredential? {
        let enrolmentID = try enrolment.requireID()
        let activityID = try activity.requireID()
        let exists = try await ActivityCompletion.query(on: db).filter(\.$enrolment.$id == enrolmentID).filter(\.$activity.$id == activityID).count() > 0
        if !exists {
            do {
                try await ActivityCompletion(enrolmentID: enrolmentID, activityID: activityID).save(on: db)
            } catch {
                // Recorded by a simultaneous request: nothing more to do.
                guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
            }
        }
        return try await completeIfDone(enrolment, outline: outline, user: user, language: language, criteria: criteria)
    }

    /// Completes the course when its rule is met (after a step is finished, or when the
    /// authors took out or made optional the steps that were missing). Returns the
    /// certificate when this completed it.
    func completeIfDone(_ enrolment: CourseEnrolment, outline: CourseOutline, user: User, language: String, criteria: String) async throws -> CourseCredential?
    {
        guard enrolment.completedAt == nil else { return nil }
        let state = try await LearnerState.load(outline, userID: user.requireID(), on: db)
        guard state.progress.complete else { return nil }
        enrolment.completedAt = now
        try await enrolment.save(on: db)
        return try await Credentials.issue(
            enrolment, course: outline.course, user: user, language: language, criteria: criteria, workloadMinutes: outline.minutes,
            issuedAt: now, config: config, on: db)
    }

    /// The attempts so far at a quiz, oldest first.
    func attempts(_ activity: CourseActivity, enrolment: CourseEnrolment) async throws -> [QuizAttempt] {
        try await QuizAttempt.query(on: db).filter(\.$enrolment.$id == enrolment.requireID()).filter(\.$activity.$id == activity.requireID())
            .sort(\.$number).all()
    }

    /// Grades and keeps an attempt; every question must be answered. A passed quiz counts
    /// as finished; later attempts may raise the best score but never lower it.
    /// Returns the attempt and whether it is new (false: the same attempt sent again).
    func attempt(_ activity: CourseActivity, quiz: QuizDefinition, answers: [String: Set<String>], enrolment: CourseEnrolment) async throws -> (
        attempt: QuizAttempt, new: Bool
    ) {
        // Only options that exist count; a question answered only with unknown keys is unanswered.
        let cleaned = Dictionary(
            uniqueKeysWithValues: quiz.questions.map { q in
                (q.key, (answers[q.key] ?? []).intersection(q.options.map(\.key)))
            })
        let unanswered = quiz.questions.filter { (cleaned[$0.key] ?? []).isEmpty }.map(\.key)
        guard unanswered.isEmpty else { throw Problem.unanswered(unanswered) }
        let tooMany = quiz.questions.filter { $0.kind == .single && (cleaned[$0.key]?.count ?? 0) > 1 }.map(\.key)
        guard tooMany.isEmpty else { throw Problem.tooMany(tooMany) }
        let previous = try await attempts(activity, enrolment: enrolment)
        let allowed = quiz.attempts + (try await extraAttempts(activity, enrolment: enrolment))
        guard previous.count < allowed else { throw Problem.noAttemptsLeft }
        let attempt = try QuizAttempt(
            enrolmentID: try enrolment.requireID(), activityID: try activity.requireID(),
            number: previous.count + 1, result: quiz.grade(cleaned))
        do {
            try await attempt.save(on: db)
        } catch {
            // The same attempt sent twice: the first one counts.
            guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
            if let kept = try await attempts(activity, enrolment: enrolment).last { return (kept, false) }
            throw error
        }
        return (attempt, true)
    }

    func reflection(_ activity: CourseActivity, enrolment: CourseEnrolment) async throws -> CourseReflection? {
        try await CourseReflection.query(on: db).filter(\.$enrolment.$id == enrolment.requireID()).filter(\.$activity.$id == activity.requireID()).first()
    }

    /// Writes (or rewrites) the learner's reflection.
    func reflect(_ activity: CourseActivity, body: String, shared: Bool, enrolment: CourseEnrolment) async throws -> CourseReflection {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Problem.emptyReflection }
        guard text.count <= Self.maxReflection else { throw Problem.reflectionTooLong }
        let reflection =
            try await reflection(activity, enrolment: enrolment)
            ?? CourseReflection(enrolmentID: try enrolment.requireID(), activityID: try activity.requireID(), body: text, shared: shared)
        reflection.body = text
        reflection.shared = shared
        do {
            try await reflection.save(on: db)
        } catch {
            // The first save sent twice: keep the one that arrived first, with this text.
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                let kept = try await self.reflection(activity, enrolment: enrolment)
            else { throw error }
            kept.body = text
            kept.shared = shared
            try await kept.save(on: db)
            return kept
        }
        return reflection
    }

    /// Posts a comment on a peer's reflection (the caller has asked the Policy) and tells its
    /// author, in one transaction: the comment is never saved without its notice and mail.
    func comment(_ text: String, on reflection: CourseReflection, by authorID: UUID, actor: String, link: SiteURL) async throws {
        let reflectionID = try reflection.requireID()
        let learner = reflection.enrolment.$user.id
        try await db.writeTransaction { db in
            try await ReflectionComment(reflectionID: reflectionID, authorID: authorID, body: text).save(on: db)
            guard learner != authorID else { return }
            try await Notifications.notify([learner], kind: .reflectionCommented, actor: actor, link: link, on: db)
        }
    }
}
