import Domain
import Fluent
import Foundation
import SQLKit

extension CoursePage.Model {
    /// The course page's model for `principal` (nil: a visitor). Only what the page shows is
    /// read: a certificate once completed, scores once a quiz is passed, and the course's
    /// cohorts once (the learner's own and those the viewer follows).
    static func load(_ outline: CourseOutline, principal: Principal?, on db: any Database) async throws -> CoursePage.Model {
        let state = try await LearnerState.load(outline, userID: principal?.userID, on: db)
        let courseID = try outline.course.requireID()
        let cohorts = principal == nil ? [] : try await CourseCohort.query(on: db).filter(\.$course.$id == courseID).sort(\.$startsOn).all()
        var cohort: (String, String, String, String?)?
        if let cohortID = state.enrolment?.$cohort.id, let c = cohorts.first(where: { $0.id == cohortID }) {
            cohort = (c.name, c.startsOn, c.endsOn, try await c.$facilitator.get(on: db)?.fullName)
        }
        var credentialID: UUID?
        var best: [UUID: Int] = [:]
        var followed: [(UUID, String)] = []
        if let principal {
            if state.enrolment?.completedAt != nil {
                credentialID = try await CourseCredential.query(on: db).filter(\.$course.$id == courseID)
                    .filter(\.$user.$id == principal.userID).filter(\.$revokedAt == nil).first()?.id
            }
            let passedQuiz = outline.activities.contains { $0.kind == .quiz && state.done.contains($0.id ?? UUID()) }
            if passedQuiz, let enrolmentID = state.enrolment?.id {
                best = try await bestScores(enrolmentID, on: db)
            }
            followed =
                cohorts
                .filter { Policy.allows(principal, .followCohort, .cohort(facilitatorID: $0.$facilitator.id, networkID: $0.$network.id)) }
                .map { ($0.id ?? UUID(), $0.name) }
        }
        return CoursePage.Model(
            outline: outline, state: state, cohort: cohort, credentialID: credentialID, bestScores: best,
            mayManageCohorts: Policy.allows(principal, .manageCohort, .course(published: outline.course.status == .published)),
            followedCohorts: followed)
    }

    /// The best score of each quiz the enrolment attempted: one grouped query.
    private static func bestScores(_ enrolmentID: UUID, on db: any Database) async throws -> [UUID: Int] {
        struct Best: Decodable { var activity_id: UUID; var best: Int }
        guard let sql = db as? any SQLDatabase else { return [:] }
        var best: [UUID: Int] = [:]
        for row in try await sql.select().column("activity_id").column(SQLFunction("max", args: SQLIdentifier("score")), as: "best")
            .from(QuizAttempt.schema).where("enrolment_id", .equal, enrolmentID).groupBy("activity_id").all(decoding: Best.self)
        {
            best[row.activity_id] = row.best
        }
        return best
    }
}
