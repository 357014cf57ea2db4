import Domain
import Fluent
import Vapor

/// Reading the survey a path names (`/surveys/{id}/…`) for someone who wants to act on it:
/// the designer, the report and their downloads ask the `Policy` the same way.
extension Request {
    /// The survey, if the person may do `action` on it.
    func surveyInPath(_ action: Policy.Action = .manageSurvey) async throws -> Survey {
        _ = try requireUser()
        guard let survey = try await Survey.find(try uuidParameter(SiteURL.idKey), on: db) else { throw Abort(.notFound) }
        try await authorize(action, try await Surveys(db: db).resource(survey, today: CalendarDay(now).description))
        return survey
    }

    /// The report is also read by those who follow a cohort of a course whose evaluation this
    /// survey is (its facilitators): the guarded figures only, nothing to manage.
    func surveyReportInPath() async throws -> Survey {
        _ = try requireUser()
        guard let survey = try await Survey.find(try uuidParameter(SiteURL.idKey), on: db) else { throw Abort(.notFound) }
        let principal = try await self.principal()
        let resource = try await Surveys(db: db).resource(survey, today: CalendarDay(now).description)
        if Policy.allows(principal, .manageSurvey, resource) { return survey }
        let evaluation = try await CourseEvaluations.resource(surveyID: survey.requireID(), on: db)
        guard let evaluation, Policy.allows(principal, .followCohort, evaluation) else {
            throw Abort(Policy.denialStatus(principal, resource))
        }
        return survey
    }
}
