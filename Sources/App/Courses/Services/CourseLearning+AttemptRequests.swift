import Domain
import Fluent
import Foundation
import SQLKit

/// Another attempt at a quiz (issue 18, point 7): a learner in a cohort who used up a quiz's
/// attempts without passing asks its facilitator, who gives one. Only those who ask reach the
/// facilitator; the request says nothing of the learner's answers or scores.
extension CourseLearning {
    /// Attempts given on top of the quiz's own.
    func extraAttempts(_ activity: CourseActivity, enrolment: CourseEnrolment) async throws -> Int {
        try await QuizAttemptRequest.query(on: db).filter(\.$enrolment.$id == enrolment.requireID())
            .filter(\.$activity.$id == activity.requireID()).filter(\.$grantedAt != nil).count()
    }

    /// The learner's request not yet answered, if any.
    func openRequest(_ activity: CourseActivity, enrolment: CourseEnrolment) async throws -> QuizAttemptRequest? {
        try await QuizAttemptRequest.query(on: db).filter(\.$enrolment.$id == enrolment.requireID())
            .filter(\.$activity.$id == activity.requireID()).filter(\.$grantedAt == nil).first()
    }

    /// Records the learner's request (once: asking twice keeps the first) and tells the
    /// cohort's facilitator. Throws `mayNotAsk` unless the learner is in a cohort with a
    /// facilitator, has no attempt left and has not passed.
    @discardableResult
    func requestAttempt(
        _ activity: CourseActivity, quiz: QuizDefinition, enrolment: CourseEnrolment, learnerName: String, link: SiteURL
    ) async throws -> QuizAttemptRequest {
        if let open = try await openRequest(activity, enrolment: enrolment) { return open }
        guard let cohortID = enrolment.$cohort.id, let cohort = try await CourseCohort.find(cohortID, on: db),
            let facilitator = cohort.$facilitator.id
        else { throw Problem.mayNotAsk }
        let made = try await attempts(activity, enrolment: enrolment)
        let allowed = quiz.attempts + (try await extraAttempts(activity, enrolment: enrolment))
        guard made.count >= allowed, !made.contains(where: \.passed) else { throw Problem.mayNotAsk }
        let request = QuizAttemptRequest(enrolmentID: try enrolment.requireID(), activityID: try activity.requireID(), at: now)
        try await db.writeTransaction { db in
            try await request.save(on: db)
            try await Notifications.notify([facilitator], kind: .attemptRequested, actor: learnerName, link: link, on: db)
        }
        return request
    }

    /// The open requests of a cohort's learners, oldest first, with the learner and the quiz.
    static func openRequests(cohortID: UUID, on db: any Database) async throws -> [QuizAttemptRequest] {
        try await QuizAttemptRequest.query(on: db)
            .join(CourseEnrolment.self, on: \QuizAttemptRequest.$enrolment.$id == \CourseEnrolment.$id)
            .filter(CourseEnrolment.self, \.$cohort.$id == cohortID)
            .filter(\.$grantedAt == nil)
            .with(\.$enrolment) { $0.with(\.$user) }.with(\.$activity)
            .sort(\.$requestedAt).all()
    }

    /// Gives the attempt asked for (the caller has checked, through the `Policy`, that the
    /// giver follows `cohortID`) and tells the learner. A request already granted, or of
    /// another cohort, throws `noSuchRequest`: granting twice gives one attempt.
    func grant(_ requestID: UUID, cohortID: UUID, by giverID: UUID, giverName: String, courseSlug: String) async throws {
        guard let request = try await QuizAttemptRequest.query(on: db).filter(\.$id == requestID).with(\.$enrolment).with(\.$activity).first(),
            request.enrolment.$cohort.id == cohortID
        else { throw Problem.noSuchRequest }
        let now = self.now
        try await db.writeTransaction { db in
            // Only the update that finds it still open grants it (two facilitators at once, or
            // a double click): one attempt, one notice.
            guard let sql = db as? any SQLDatabase else { throw Problem.noSuchRequest }
            let won = try await sql.update(QuizAttemptRequest.schema).set("granted_at", to: now).set("granted_by_id", to: giverID)
                .where("id", .equal, requestID).where("granted_at", .is, SQLLiteral.null).returning("id").all()
            guard !won.isEmpty else { throw Problem.noSuchRequest }
            try await Notifications.notify(
                [request.enrolment.$user.id], kind: .attemptGranted, actor: giverName,
                link: .courseStep(.value(courseSlug), .value(request.activity.key)), on: db)
        }
    }
}
