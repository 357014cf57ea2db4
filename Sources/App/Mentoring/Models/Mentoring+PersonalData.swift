import Fluent
import Foundation

// A person's mentoring profiles and pairs (see `PersonalData`). Erasing them removes their
// profiles and pairs; the programme stays for the others.

extension ProgrammeMember: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await ProgrammeMember.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$programme).all()
            .map {
                [
                    "programme": $0.programme.name, "role": $0.role.rawValue, "subjects": $0.subjects, "levels": $0.levels,
                    "years": String($0.years), "languages": $0.languages, "goals": $0.goals, "goalsText": $0.goalsText,
                    "availability": $0.availability, "capacity": String($0.capacity),
                ]
            }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await ProgrammeMember.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension ProgrammePair: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        let id = try user.requireID()
        return try await ProgrammePair.query(on: db).group(.or) { $0.filter(\.$mentor.$id == id).filter(\.$mentee.$id == id) }
            .with(\.$programme).with(\.$mentor).with(\.$mentee).all()
            .map { ["programme": $0.programme.name, "mentor": $0.mentor.fullName, "mentee": $0.mentee.fullName, "status": $0.status.rawValue] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        let id = try user.requireID()
        try await ProgrammePair.query(on: db).group(.or) { $0.filter(\.$mentor.$id == id).filter(\.$mentee.$id == id) }.delete()
    }
}

extension FeedbackGiven: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        // The feedback itself cannot be found again: only that it was given.
        try await FeedbackGiven.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map { ["engagement": $0.$engagement.id.uuidString] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await FeedbackGiven.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}
