import Fluent
import Foundation

/// What Courses asks of Surveys. A course names its evaluation survey by id (a foreign key);
/// whether that survey is open, where it is answered and who has answered it are read here,
/// so Courses never reads the survey tables.
enum SurveysForCourses {
    /// The link to answer a course's evaluation survey, and whether the person has answered
    /// it already; nil when the survey is not there or not open.
    static func openEvaluation(surveyID: UUID, userID: UUID, on db: any Database) async throws -> (url: String, answered: Bool)? {
        guard let survey = try await Survey.find(surveyID, on: db), survey.status == .open else { return nil }
        let answered =
            try await SurveyParticipation.query(on: db).filter(\.$survey.$id == surveyID)
            .filter(\.$user.$id == userID).count() > 0
        return (SiteURL.answer(.value(survey.slug)).path, answered)
    }
}
