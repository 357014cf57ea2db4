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

    /// Who gives a cohort's learners another attempt: its facilitator; for a cohort without
    /// one (never chosen, or their account erased), the coordinators of its network. The
    /// `Policy` (`grantQuizAttempt`) says the same.
    static func attemptGivers(_ cohort: CourseCohort, on db: any Database) async throws -> [UUID] {
        if let facilitator = cohort.$facilitator.id { return [facilitator] }
        guard let network = cohort.$network.id else { return [] }
        return try await NetworkCoordinator.query(on: db).filter(\.$network.$id == network).all().map(\.$user.id)
    }

    /// Records the learner's request (once: asking twice, even at the same moment, keeps
    /// the first) and tells whoever may give it. Throws `mayNotAsk` while the learner has an
    /// attempt left or has passed, `nobodyToAsk` outside a cohort or when nobody can give it.
    @discardableResult
    func requestAttempt(
        _ activity: CourseActivity, quiz: QuizDefinition, enrolment: CourseEnrolment, learnerName: String, link: SiteURL
    ) async throws -> QuizAttemptRequest {
        if let open = try await openRequest(activity, enrolment: enrolment) { return open }
        let made = try await attempts(activity, enrolment: enrolment)
        let allowed = quiz.attempts + (try await extraAttempts(activity, enrolment: enrolment))
        guard made.count >= allowed, !made.contains(where: \.passed) else { throw Problem.mayNotAsk }
        guard let cohortID = enrolment.$cohort.id, let cohort = try await CourseCohort.find(cohortID, on: db) else { throw Problem.nobodyToAsk }
        let givers = try await Self.attemptGivers(cohort, on: db).filter { $0 != enrolment.$user.id }
        guard !givers.isEmpty else { throw Problem.nobodyToAsk }
        let request = QuizAttemptRequest(enrolmentID: try enrolment.requireID(), activityID: try activity.requireID(), at: now)
        do {
            try await db.writeTransaction { db in
                try await request.save(on: db)
                try await Notifications.notify(givers, kind: .attemptRequested, actor: learnerName, link: link, on: db)
            }
        } catch  where (error as? any DatabaseError)?.isConstraintFailure == true {
            // Asked at the same moment by another request (M030: one open request per quiz).
            if let open = try await openRequest(activity, enrolment: enrolment) { return open }
            throw error
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
            // A quiz taken out of the course has nothing left to try.
            .filter { !$0.activity.retired }
    }

    /// Gives the attempt asked for (the caller has checked, through the `Policy`, that the
    /// giver follows `cohortID`) and tells the learner. A request already granted, or of
    /// another cohort, throws `noSuchRequest`: granting twice gives one attempt.
    func grant(_ requestID: UUID, cohortID: UUID, by giverID: UUID, giverName: String, courseSlug: String) async throws {
        guard let request = try await QuizAttemptRequest.query(on: db).filter(\.$id == requestID).with(\.$enrolment).with(\.$activity).first(),
            request.enrolment.$cohort.id == cohortID
        else { throw Problem.noSuchRequest }
        // A facilitator who is also a learner of the cohort does not give themselves attempts.
        guard request.enrolment.$user.id != giverID else { throw Problem.ownRequest }
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
