import Domain
import Fluent
import Foundation

/// Something a person should know about: a question taken, a coaching request, a meeting
/// planned or cancelled, a note shared. Stored as a message key with its values, so it is
/// shown in the reader's language whenever they read it.
final class AppNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case questionTaken = "question_taken"
        case coachingRequested = "coaching_requested"
        case coachingAccepted = "coaching_accepted"
        case coachingPassed = "coaching_passed"
        case meetingPlanned = "meeting_planned"
        case meetingCancelled = "meeting_cancelled"
        case noteShared = "note_shared"
        case memberInvited = "member_invited"
        case pairProposed = "pair_proposed"
        case pairAccepted = "pair_accepted"
        case pairNudged = "pair_nudged"
        case observationInvited = "observation_invited"
        case groupInvited = "group_invited"
        case meetingSoon = "meeting_soon"
        case caseSessionStarted = "case_session_started"
        case reflectionCommented = "reflection_commented"
        case cohortEnrolled = "cohort_enrolled"
        case questionRaised = "question_raised"
        case certificateIssued = "certificate_issued"
        case attemptRequested = "attempt_requested"
        case attemptGranted = "attempt_granted"
    }

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "kind") var kind: Kind
    /// Who did it (a name), for the message.
    @Field(key: "actor") var actor: String
    /// Where to go: a path inside Collegium.
    @Field(key: "link") var link: String
    @OptionalField(key: "read_at") var readAt: Date?
    /// When it was listed in a morning digest (nil: not yet, or not a digest kind).
    @OptionalField(key: "digested_at") var digestedAt: Date?

    // MARK: relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, userID: UUID, kind: Kind, actor: String, link: String) {
        self.id = id
        self.$user.id = userID
        self.kind = kind
        self.actor = actor
        self.link = link
    }
}

extension AppNotification: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await AppNotification.query(on: db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt).all()
            .map { ["kind": $0.kind.rawValue, "from": $0.actor, "at": PersonalData.date($0.createdAt), "read": PersonalData.date($0.readAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await AppNotification.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}
