import Domain
import Fluent
import Foundation

/// One support engagement between colleagues: a form of support, its participants, notes
/// and a status. Ask-a-colleague requests become engagements when someone takes them.
final class Engagement: Model, @unchecked Sendable {
    static let schema = "practice_engagements"

    enum Form: String, Codable, Sendable, CaseIterable {
        case consultation, coaching, mentoring, observation
        case studyGroup = "study_group"
        case supervision, intervision

        /// A supervision or intervision group: members agree to confidentiality before they
        /// read or write anything in it (see `Policy`).
        var isConfidentialGroup: Bool { self == .supervision || self == .intervision }
        var isGroup: Bool { self == .studyGroup || isConfidentialGroup }
    }
    enum Status: String, Codable, Sendable, CaseIterable { case proposed, active, paused, closed }

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "form") var form: Form
    @Field(key: "status") var status: Status
    @Field(key: "topic") var topic: String
    @OptionalField(key: "closed_at") var closedAt: Date?

    // MARK: relationships
    @Parent(key: "school_id") var school: School
    @Children(for: \.$engagement) var participants: [EngagementParticipant]

    init() {}

    init(id: UUID? = nil, form: Form, status: Status, topic: String, schoolID: UUID) {
        self.id = id
        self.form = form
        self.status = status
        self.topic = topic
        self.$school.id = schoolID
    }
}

/// A person in an engagement, with their role in it (asker and helper, coach and coachee…).
final class EngagementParticipant: Model, @unchecked Sendable {
    static let schema = "practice_participants"

    enum Role: String, Codable, Sendable {
        case asker, helper, coach, coachee, mentor, mentee, observed, observer
        /// Study groups: the one who runs the meetings. Supervision: the supervisor.
        case facilitator, supervisor, member
    }

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "role") var role: Role
    /// When the person agreed to the confidentiality of a supervision or intervision group.
    @OptionalField(key: "agreed_at") var agreedAt: Date?

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, engagementID: UUID, userID: UUID, role: Role) {
        self.id = id
        self.$engagement.id = engagementID
        self.$user.id = userID
        self.role = role
    }
}

/// A note in an engagement: private to its author, or shared with the participants.
/// Nobody else ever reads one: not a leader, not an admin (see `Policy`).
final class EngagementNote: Model, @unchecked Sendable {
    static let schema = "practice_notes"

    enum Visibility: String, Codable, Sendable { case `private`, shared }

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "text") var text: String
    @Field(key: "visibility") var visibility: Visibility
    /// A participant's closing reflection (one each, written when the engagement ends).
    @Field(key: "is_reflection") var isReflection: Bool

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement
    @Parent(key: "author_id") var author: User

    init() {}

    init(id: UUID? = nil, engagementID: UUID, authorID: UUID, text: String, visibility: Visibility, isReflection: Bool = false) {
        self.id = id
        self.$engagement.id = engagementID
        self.$author.id = authorID
        self.text = text
        self.visibility = visibility
        self.isReflection = isReflection
    }
}
