import Fluent
import Foundation

// A person's own check-ins and the record that they took part (see `PersonalData`).
// Their anonymous answers cannot be found again: nothing links them to anyone.

extension WellbeingParticipation: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await WellbeingParticipation.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map { ["period": $0.period] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await WellbeingParticipation.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension WellbeingPersonalEntry: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await WellbeingPersonalEntry.query(on: db).filter(\.$user.$id == user.requireID()).sort(\.$period).all()
            .map { ["period": $0.period, "wellbeing": String($0.wellbeing), "burnout": String($0.burnout), "note": $0.note] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await WellbeingPersonalEntry.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}
