import Domain
import Fluent
import Foundation

/// A colleague's offer to coach: what they can coach on and how many coachees at a time.
final class CoachOffer: Model, @unchecked Sendable {
    static let schema = "practice_coach_offers"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "topics") var topics: String
    @Field(key: "capacity") var capacity: Int
    @Field(key: "active") var active: Bool

    // MARK: relationships
    @Parent(key: "user_id") var user: User
    @Parent(key: "school_id") var school: School

    init() {}

    init(id: UUID? = nil, userID: UUID, schoolID: UUID, topics: String, capacity: Int, active: Bool = true) {
        self.id = id
        self.$user.id = userID
        self.$school.id = schoolID
        self.topics = topics
        self.capacity = capacity
        self.active = active
    }
}

/// A request for coaching: to one coach, or to any coach of the school with a free place.
final class CoachingRequest: Model, @unchecked Sendable {
    static let schema = "practice_coaching_requests"

    enum Status: String, Codable, Sendable { case waiting, accepted, withdrawn }

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "topic") var topic: String
    @Field(key: "status") var status: Status
    /// Who suggested the coach it is now addressed to, when a coach passed it on.
    @OptionalField(key: "suggested_by_name") var suggestedByName: String?

    // MARK: relationships
    @Parent(key: "school_id") var school: School
    @Parent(key: "requester_id") var requester: User
    /// nil: any coach of the school with a free place.
    @OptionalParent(key: "coach_id") var coach: User?
    @OptionalParent(key: "engagement_id") var engagement: Engagement?

    init() {}

    init(id: UUID? = nil, schoolID: UUID, requesterID: UUID, coachID: UUID?, topic: String) {
        self.id = id
        self.$school.id = schoolID
        self.$requester.id = requesterID
        self.$coach.id = coachID
        self.topic = topic
        self.status = .waiting
    }
}
