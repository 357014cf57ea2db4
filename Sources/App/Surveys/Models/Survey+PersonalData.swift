import Fluent
import Foundation

// What a person has in surveys (see `PersonalData`): the surveys they made, the fact that
// they answered one, and their answers to identified surveys. Anonymous responses hold no
// link to anyone, so they are neither exported nor erased per person.

extension Survey: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await Survey.query(on: db).filter(\.$createdBy.$id == user.requireID()).sort(\.$createdAt).all()
            .map { ["title": $0.title, "status": $0.status.rawValue, "created": PersonalData.date($0.createdAt)] }
    }
    /// The survey stays with its school or network, without its maker's name.
    static func erase(_ user: User, on db: any Database) async throws {
        try await Survey.query(on: db).filter(\.$createdBy.$id == user.requireID()).set(\.$createdBy.$id, to: nil).update()
    }
}

extension SurveyResponse: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await SurveyResponse.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$survey).all()
            .map { ["survey": $0.survey.title, "submitted": $0.submittedOn, "answers": $0.answersJSON] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        let responses = try await SurveyResponse.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$survey).all()
        try await SurveyResponse.query(on: db).filter(\.$user.$id == user.requireID()).delete()
        // The reports' counters no longer count them.
        var seen = Set<UUID>()
        for response in responses where seen.insert(response.$survey.id).inserted { try await SurveyCounts.rebuild(response.survey, on: db) }
    }
}

extension SurveyParticipation: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await SurveyParticipation.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$survey).all()
            .map { ["survey": $0.survey.title, "answered": "yes"] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await SurveyParticipation.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}
