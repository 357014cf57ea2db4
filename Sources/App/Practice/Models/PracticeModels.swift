import Domain
import Fluent
import Foundation

/// One support engagement between colleagues: a form of support, its participants, notes
/// and a status. Ask-a-colleague requests become engagements when someone takes them.
final class Engagement: Model, @unchecked Sendable {
    static let schema = "practice_engagements"

    enum Form: String, Codable, Sendable { case consultation, coaching, mentoring, observation }
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

    enum Role: String, Codable, Sendable { case asker, helper, coach, coachee, mentor, mentee, observed, observer }

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "role") var role: Role

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

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement

    init() {}

    init(id: UUID? = nil, engagementID: UUID, startsAt: Date, timeZone: String, durationMinutes: Int, place: String,
         onlineLink: String, agenda: String) {
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

/// A peer observation cycle: the focus the observed teacher chose and the protocol the
/// observers follow. Its talks and the lesson are the engagement's meetings, its notes
/// the engagement's notes. It is never a grade: there is no score anywhere.
final class ObservationCycle: Model, @unchecked Sendable {
    static let schema = "practice_observation_cycles"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "focus") var focus: String
    @Field(key: "protocol") var observationProtocol: ObservationProtocol

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement

    init() {}

    init(id: UUID? = nil, engagementID: UUID, focus: String, observationProtocol: ObservationProtocol) {
        self.id = id
        self.$engagement.id = engagementID
        self.focus = focus
        self.observationProtocol = observationProtocol
    }
}
