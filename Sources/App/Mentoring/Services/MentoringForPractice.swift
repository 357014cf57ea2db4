import Fluent
import Foundation

/// What Practice asks of Mentoring: whether a person has given their feedback on an ended
/// pair's engagement, and a programme's members and pairs for the practice API. Practice
/// never reads the mentoring tables itself.
enum MentoringForPractice {
    /// A pair of a programme as the practice API lists it. Which pairs a person may see is
    /// decided by the caller, as before, from the status and the two people.
    struct Pair {
        typealias Status = ProgrammePair.Status
        var mentorID: UUID
        var menteeID: UUID
        var mentor: String
        var mentee: String
        var status: Status
        var total: Double
    }

    /// Whether `userID` has given their feedback on the mentoring pair that `engagementID`
    /// was (each person gives it once).
    static func hasGivenFeedback(engagementID: UUID, userID: UUID, on db: any Database) async throws -> Bool {
        try await FeedbackGiven.query(on: db).filter(\.$engagement.$id == engagementID).filter(\.$user.$id == userID).count() > 0
    }

    /// The role (`mentor`, `mentee`) `userID` joined the programme in; nil: not a member.
    static func memberRole(programmeID: UUID, userID: UUID, on db: any Database) async throws -> ProgrammeMember.Role? {
        try await ProgrammeMember.query(on: db).filter(\.$programme.$id == programmeID).filter(\.$user.$id == userID).first()?.role
    }

    /// Every pair of the programme, whatever its status, with the two people's names.
    static func pairs(programmeID: UUID, on db: any Database) async throws -> [Pair] {
        try await ProgrammePair.query(on: db).filter(\.$programme.$id == programmeID).with(\.$mentor).with(\.$mentee).all()
            .map {
                Pair(
                    mentorID: $0.$mentor.id, menteeID: $0.$mentee.id, mentor: $0.mentor.fullName, mentee: $0.mentee.fullName,
                    status: $0.status, total: $0.total)
            }
    }
}
