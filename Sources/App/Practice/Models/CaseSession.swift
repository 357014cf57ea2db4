import Domain
import Fluent
import Foundation

/// One case consulted in a supervision or intervision session, moving through the
/// `CaseStep`s under a facilitator. Its title and entries are confidential to the group
/// members who agreed, and are written without names of pupils or colleagues.
final class CaseSession: Model, @unchecked Sendable {
    static let schema = "practice_case_sessions"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "title") var title: String
    @Field(key: "step") var step: CaseStep
    @Field(key: "step_started_at") var stepStartedAt: Date
    @Field(key: "step_minutes") var stepMinutes: Int
    @OptionalField(key: "finished_at") var finishedAt: Date?

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement
    @OptionalParent(key: "facilitator_id") var facilitator: User?
    @OptionalParent(key: "case_owner_id") var caseOwner: User?

    init() {}

    init(id: UUID? = nil, engagementID: UUID, facilitatorID: UUID, caseOwnerID: UUID, title: String, startedAt: Date) {
        self.id = id
        self.$engagement.id = engagementID
        self.$facilitator.id = facilitatorID
        self.$caseOwner.id = caseOwnerID
        self.title = title
        self.step = .opening
        self.stepStartedAt = startedAt
        self.stepMinutes = CaseStep.opening.defaultMinutes
    }
}

/// What was said in one step of a case session, written down by a member.
final class CaseEntry: Model, @unchecked Sendable {
    static let schema = "practice_case_entries"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "step") var step: CaseStep
    @Field(key: "text") var text: String

    // MARK: relationships
    @Parent(key: "session_id") var session: CaseSession
    @Parent(key: "author_id") var author: User

    init() {}

    init(id: UUID? = nil, sessionID: UUID, authorID: UUID, step: CaseStep, text: String) {
        self.id = id
        self.$session.id = sessionID
        self.$author.id = authorID
        self.step = step
        self.text = text
    }
}
