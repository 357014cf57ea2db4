import Fluent
import Foundation

/// Which cohorts a course evaluation survey belongs to, for the `Policy`.
enum CourseEvaluations {
    /// nil when no course uses the survey as its evaluation.
    static func resource(_ survey: Survey, on db: any Database) async throws -> Policy.Resource? {
        let courses = try await Course.query(on: db).filter(\.$evaluationSurvey.$id == survey.requireID()).all().compactMap(\.id)
        guard !courses.isEmpty else { return nil }
        let cohorts = try await CourseCohort.query(on: db).filter(\.$course.$id ~~ courses).all()
        return .courseEvaluation(cohorts: cohorts.map { .init(facilitatorID: $0.$facilitator.id, networkID: $0.$network.id) })
    }
}
