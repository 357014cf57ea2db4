import Fluent
import Foundation

// What a person has in collegial support (see `PersonalData`): the conversations they
// take part in, the notes they wrote, the questions they asked and the topics they offer.
// Erasing them removes their notes, questions and offers; a conversation stays for the
// other person, without them.

extension EngagementParticipant: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await EngagementParticipant.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$engagement).all()
            .map {
                [
                    "engagement": $0.$engagement.id.uuidString, "form": $0.engagement.form.rawValue, "topic": $0.engagement.topic,
                    "role": $0.role.rawValue, "status": $0.engagement.status.rawValue,
                ]
            }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await EngagementParticipant.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension EngagementNote: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await EngagementNote.query(on: db).filter(\.$author.$id == user.requireID()).sort(\.$createdAt).all()
            .map {
                [
                    "engagement": $0.$engagement.id.uuidString, "text": $0.text, "visibility": $0.visibility.rawValue,
                    "at": PersonalData.date($0.createdAt),
                ]
            }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await EngagementNote.query(on: db).filter(\.$author.$id == user.requireID()).delete()
    }
}

extension HelpRequest: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await HelpRequest.query(on: db).filter(\.$asker.$id == user.requireID()).sort(\.$createdAt).all()
            .map {
                [
                    "topic": $0.topic.rawValue, "urgency": $0.urgency.rawValue, "question": $0.question,
                    "status": $0.status.rawValue, "at": PersonalData.date($0.createdAt),
                ]
            }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        let id = try user.requireID()
        try await HelpRequest.query(on: db).filter(\.$asker.$id == id).delete()
        try await HelpRequest.query(on: db).filter(\.$takenBy.$id == id).set(\.$takenBy.$id, to: nil).update()
    }
}

extension HelpVolunteer: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await HelpVolunteer.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map { ["school": $0.$school.id.uuidString, "topic": $0.topic.rawValue] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await HelpVolunteer.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension CalendarFeed: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        // The link itself is not kept (only its hash), so only its date can be given.
        try await CalendarFeed.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map { ["created": PersonalData.date($0.createdAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await CalendarFeed.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension CoachOffer: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await CoachOffer.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map { ["school": $0.$school.id.uuidString, "topics": $0.topics, "capacity": String($0.capacity), "active": String($0.active)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await CoachOffer.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension CoachingRequest: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await CoachingRequest.query(on: db).filter(\.$requester.$id == user.requireID()).sort(\.$createdAt).all()
            .map { ["topic": $0.topic, "status": $0.status.rawValue, "at": PersonalData.date($0.createdAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        let id = try user.requireID()
        try await CoachingRequest.query(on: db).filter(\.$requester.$id == id).delete()
        try await CoachingRequest.query(on: db).filter(\.$coach.$id == id).set(\.$coach.$id, to: nil).update()
    }
}

// Groups: what a person wrote in case sessions, the sessions they brought or facilitated,
// and their attendance at study group meetings. Erasing removes what they wrote and their
// attendance; a session stays for the group, without their name.

extension CaseEntry: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await CaseEntry.query(on: db).filter(\.$author.$id == user.requireID()).sort(\.$createdAt).all()
            .map { ["session": $0.$session.id.uuidString, "step": String(describing: $0.step), "text": $0.text, "at": PersonalData.date($0.createdAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await CaseEntry.query(on: db).filter(\.$author.$id == user.requireID()).delete()
    }
}

extension CaseSession: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        let id = try user.requireID()
        return try await CaseSession.query(on: db).group(.or) { $0.filter(\.$caseOwner.$id == id).filter(\.$facilitator.$id == id) }
            .sort(\.$createdAt).all()
            .map { ["title": $0.title, "role": $0.$caseOwner.id == id ? "case owner" : "facilitator", "at": PersonalData.date($0.createdAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        let id = try user.requireID()
        try await CaseSession.query(on: db).filter(\.$caseOwner.$id == id).set(\.$caseOwner.$id, to: nil).update()
        try await CaseSession.query(on: db).filter(\.$facilitator.$id == id).set(\.$facilitator.$id, to: nil).update()
    }
}

extension Attendance: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await Attendance.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$meeting).all()
            .map { ["meeting": PersonalData.date($0.meeting.startsAt), "present": String($0.present)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await Attendance.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension SchoolProtocol: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await SchoolProtocol.query(on: db).filter(\.$author.$id == user.requireID()).sort(\.$createdAt).all()
            .map { ["school": $0.$school.id.uuidString, "name": $0.name, "look_fors": $0.lookForsText, "at": PersonalData.date($0.createdAt)] }
    }
    /// The protocol stays for the school, without its author's name.
    static func erase(_ user: User, on db: any Database) async throws {
        try await SchoolProtocol.query(on: db).filter(\.$author.$id == user.requireID()).set(\.$author.$id, to: nil).update()
    }
}
