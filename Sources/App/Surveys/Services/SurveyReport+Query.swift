import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

extension SurveyReport {
    /// The report as the page and the API show it: from the kept counters where the
    /// breakdown allows (none, country, school, role), from the responses for a breakdown by
    /// a question; responses are read only where something needs them.
    static func load(
        _ survey: Survey, definition: SurveyDefinition, breakdown: Breakdown, req: Request, context: PageContext,
        needsResponses: Bool = false
    ) async throws -> (SurveyReport, [SurveyResponse], [UUID: String]) {
        let surveyID = try survey.requireID()
        let thresholds = try await readerThresholds(survey, req: req)
        let hasOpen = definition.questions.contains { !$0.question.kind.isClosed }
        let readResponses = breakdown.isQuestion || hasOpen || needsResponses
        // Only released responses: none before the survey has ended (`SurveyRelease`).
        let responses =
            readResponses
            ? try await releasedResponses(surveyID, on: req.db) : []
        let schoolIDs: [UUID]
        if readResponses {
            schoolIDs = Array(Set(responses.compactMap { $0.$school.id }))
        } else {
            schoolIDs = try await SurveyCounts.rows(surveyID, groupings: ["school"], on: req.db).compactMap { UUID(uuidString: $0.groupKey) }
        }
        let schools = try await School.query(on: req.db).filter(\.$id ~~ Array(Set(schoolIDs))).all()
        let schoolNames = Dictionary(schools.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })
        if breakdown.isQuestion {
            return (
                build(
                    survey: survey, definition: definition, responses: responses, breakdown: breakdown, schoolNames: schoolNames, context: context,
                    thresholds: thresholds), responses, schoolNames
            )
        }
        let grouping: String =
            switch breakdown {
            case .country: "country"
            case .school: "school"
            case .role: "role"
            default: ""
            }
        let counts = try await SurveyCounts.load(surveyID, grouping: grouping, on: req.db)
        let cells = try await SurveyCounts.cells(surveyID, definition: definition, on: req.db)
        let respondents =
            readResponses
            ? responses.count : try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == surveyID).filter(\.$released == true).count()
        return (
            build(
                survey: survey, definition: definition, respondents: respondents, counts: counts, cells: cells, responses: hasOpen ? responses : [],
                breakdown: breakdown, schoolNames: schoolNames, context: context, thresholds: thresholds), responses, schoolNames
        )
    }

    /// The reader's minimum groups: raised when the reader answered the survey themselves.
    static func readerThresholds(_ survey: Survey, req: Request) async throws -> Thresholds {
        guard let userID = req.currentUser?.id else { return .standard }
        let answered =
            try await SurveyParticipation.query(on: req.db).filter(\.$survey.$id == survey.requireID())
            .filter(\.$user.$id == userID).count() > 0
        return .forReader(answeredThemselves: answered)
    }

    /// A survey's released responses, for reading only: read as plain columns and made into
    /// models by hand, because a report reads all of them and Fluent's reflection over each
    /// row was an eighth of the report's CPU time (issue 16, point 9). Never saved (they are
    /// not marked as existing, so a save would fail on the unique id). `released` is what the
    /// query asked for, and only responses in the figures are released; the person of an
    /// identified survey is left out, since no report names a respondent.
    static func releasedResponses(_ surveyID: UUID, on db: any Database) async throws -> [SurveyResponse] {
        guard let sql = db as? any SQLDatabase else {
            return try await SurveyResponse.query(on: db).filter(\.$survey.$id == surveyID).filter(\.$released == true).all()
        }
        struct Row: Decodable {
            var id: UUID
            var submitted_on: String
            var language: String
            var country: String
            var role: String
            var answers: String
            var idempotency_key: String
            var school_id: UUID?
        }
        return try await sql.select()
            .columns("id", "submitted_on", "language", "country", "role", "answers", "idempotency_key", "school_id")
            .from(SurveyResponse.schema).where("survey_id", .equal, surveyID).where("released", .equal, true)
            .all(decoding: Row.self)
            .map { row in
                let response = SurveyResponse()
                response.id = row.id
                response.$survey.id = surveyID
                response.submittedOn = row.submitted_on
                response.language = row.language
                response.country = row.country
                response.role = row.role
                response.answersJSON = row.answers
                response.idempotencyKey = row.idempotency_key
                response.$school.id = row.school_id
                response.$user.id = nil
                response.released = true
                response.inFigures = true
                return response
            }
    }
}
