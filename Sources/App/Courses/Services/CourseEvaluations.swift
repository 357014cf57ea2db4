import Fluent
import Foundation

/// Which cohorts a course evaluation survey belongs to, for the `Policy`.
enum CourseEvaluations {
    /// nil when no course uses the survey as its evaluation. Takes the survey's id: Courses
    /// does not read the survey tables.
    static func resource(surveyID: UUID, on db: any Database) async throws -> Policy.Resource? {
        let courses = try await Course.query(on: db).filter(\.$evaluationSurvey.$id == surveyID).all().compactMap(\.id)
        guard !courses.isEmpty else { return nil }
        let cohorts = try await CourseCohort.query(on: db).filter(\.$course.$id ~~ courses).all()
        return .courseEvaluation(cohorts: cohorts.map { .init(facilitatorID: $0.$facilitator.id, networkID: $0.$network.id) })
    }
}
