import Domain
import Fluent
import Foundation

/// A meeting of an engagement's participants. The start is stored in UTC with the zone it
/// was planned in, so it shows as planned and exports exactly (see `ICalendar`).
final class Meeting: Model, @unchecked Sendable {
    static let schema = "practice_meetings"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // MARK: data
    @Field(key: "starts_at") var startsAt: Date
    /// An IANA zone, e.g. `Europe/Riga`.
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "duration_minutes") var durationMinutes: Int
    @Field(key: "place") var place: String
    @Field(key: "online_link") var onlineLink: String
    @Field(key: "agenda") var agenda: String
    /// Goes up with every change, for calendars.
    @Field(key: "sequence") var sequence: Int
    @Field(key: "cancelled") var cancelled: Bool
    /// Which step of a cycle this meeting is (a peer observation's talks and lesson).
    @OptionalField(key: "step") var step: Step?
    /// When its participants were reminded that it is near (once, by `Reminders`).
    @OptionalField(key: "reminded_at") var remindedAt: Date?

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement

    init() {}

    init(
        id: UUID? = nil, engagementID: UUID, startsAt: Date, timeZone: String, durationMinutes: Int, place: String,
        onlineLink: String, agenda: String
    ) {
        self.id = id
        self.$engagement.id = engagementID
        self.startsAt = startsAt
        self.timeZone = timeZone
        self.durationMinutes = durationMinutes
        self.place = place
        self.onlineLink = onlineLink
        self.agenda = agenda
        self.sequence = 0
        self.cancelled = false
    }
}

extension Meeting {
    enum Step: String, Codable, Sendable, CaseIterable {
        case preObservation = "pre_observation"
        case observation
        case postObservation = "post_observation"
    }
}

/// A person's private calendar feed: the URL holds a secret token; only its hash is kept.
/// Making a new one replaces the old, which then stops working.
final class CalendarFeed: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "token_hash") var tokenHash: String

    // MARK: relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, userID: UUID, tokenHash: String) {
        self.id = id
        self.$user.id = userID
        self.tokenHash = tokenHash
    }
}
