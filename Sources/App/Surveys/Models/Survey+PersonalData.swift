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
    /// Answers to a survey whose figures are not yet released go. Once released, the
    /// answers stay without the person's link, as an anonymous response: deleting them would
    /// move figures already shown, and the difference would be this person's answers, read
    /// by anyone who saw both (issue 14: what was released stays as released).
    static func erase(_ user: User, on db: any Database) async throws {
        let userID = try user.requireID()
        try await SurveyResponse.query(on: db).filter(\.$user.$id == userID).filter(\.$released == false).delete()
        try await SurveyResponse.query(on: db).filter(\.$user.$id == userID).set(\.$user.$id, to: nil).update()
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
