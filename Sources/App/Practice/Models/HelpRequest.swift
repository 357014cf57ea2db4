import Domain
import Fluent
import Foundation

/// An "ask a colleague" request, open until someone takes it.
final class HelpRequest: Model, @unchecked Sendable {
    static let schema = "practice_help_requests"

    enum Status: String, Codable, Sendable { case open, taken, withdrawn }

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "topic") var topic: HelpTopic
    @Field(key: "urgency") var urgency: HelpUrgency
    @Field(key: "question") var question: String
    /// Whether the school's colleagues see who asks (the one who takes it always does).
    @Field(key: "show_name") var showName: Bool
    @Field(key: "status") var status: Status
    /// When it was asked, by the application's clock (the waiting limits count from it).
    @Field(key: "asked_at") var askedAt: Date
    /// When the school's support staff were told it waited too long (nil: not yet).
    @OptionalField(key: "raised_at") var raisedAt: Date?

    // MARK: relationships
    @Parent(key: "school_id") var school: School
    @Parent(key: "asker_id") var asker: User
    @OptionalParent(key: "taken_by_id") var takenBy: User?
    @OptionalParent(key: "engagement_id") var engagement: Engagement?

    init() {}

    init(id: UUID? = nil, schoolID: UUID, askerID: UUID, topic: HelpTopic, urgency: HelpUrgency, question: String, showName: Bool, askedAt: Date) {
        self.askedAt = askedAt
        self.id = id
        self.$school.id = schoolID
        self.$asker.id = askerID
        self.topic = topic
        self.urgency = urgency
        self.question = question
        self.showName = showName
        self.status = .open
    }
}

/// A colleague's offer to answer requests on a topic in one school.
final class HelpVolunteer: Model, @unchecked Sendable {
    static let schema = "practice_volunteers"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "topic") var topic: HelpTopic

    // MARK: relationships
    @Parent(key: "user_id") var user: User
    @Parent(key: "school_id") var school: School

    init() {}

    init(id: UUID? = nil, userID: UUID, schoolID: UUID, topic: HelpTopic) {
        self.id = id
        self.$user.id = userID
        self.$school.id = schoolID
        self.topic = topic
    }
}
