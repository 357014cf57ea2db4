import Domain
import Fluent
import Foundation

/// A study group, supervision group or intervision group: what it works on, and for a
/// study group the action plan it writes at the start (how it will take the course, who
/// supports it, the challenge it expects, how it will know it worked). Members,
/// meetings, notes and closing reflections are the engagement's.
final class PracticeGroup: Model, @unchecked Sendable {
    static let schema = "practice_groups"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    /// The course or topic a study group follows; the purpose of a supervision group.
    @Field(key: "purpose") var purpose: String
    @Field(key: "plan_how") var planHow: String
    @Field(key: "plan_support") var planSupport: String
    @Field(key: "plan_challenge") var planChallenge: String
    @Field(key: "plan_evidence") var planEvidence: String
    @OptionalField(key: "plan_written_at") var planWrittenAt: Date?
    /// The course a study group takes together, if it follows one of the catalogue's.
    @OptionalField(key: "course_id") var courseID: UUID?

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement

    init() {}

    init(id: UUID? = nil, engagementID: UUID, purpose: String) {
        self.id = id
        self.$engagement.id = engagementID
        self.purpose = purpose
        self.planHow = ""
        self.planSupport = ""
        self.planChallenge = ""
        self.planEvidence = ""
    }
}

/// Who came to a study group meeting, as the facilitator recorded it.
final class Attendance: Model, @unchecked Sendable {
    static let schema = "practice_attendance"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "present") var present: Bool

    // MARK: relationships
    @Parent(key: "meeting_id") var meeting: Meeting
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, meetingID: UUID, userID: UUID, present: Bool) {
        self.id = id
        self.$meeting.id = meetingID
        self.$user.id = userID
        self.present = present
    }
}
