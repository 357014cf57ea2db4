import Domain
import Fluent
import Foundation

/// One line of a school's staff record: someone joined, took another role, left, or was
/// cleared by a network coordinator to see colleagues' waiting questions. Append-only and
/// shown to every member of the school, so that nobody (a leader least of all) can add a
/// second account of their own, or make one a counsellor, without the staff seeing it
/// (issue 14, class 5).
final class StaffChange: Model, @unchecked Sendable {
    static let schema = "staff_changes"

    enum Kind: String, Codable, Sendable, CaseIterable {
        /// Joined the school (an invitation accepted, an account set up by an admin or the demo).
        case joined
        /// Moved from `previousRole` to `role`.
        case roleChanged = "role_changed"
        /// No longer belongs to the school.
        case left
        /// A network coordinator ended the cooling-off of a new support person.
        case cleared
        /// Given back their place, in the role they left with, within 30 days of leaving.
        case restored
    }

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "kind") var kind: Kind
    /// The role after the change (for `left`: the role they had).
    @Field(key: "role") var role: SchoolRole
    @OptionalField(key: "previous_role") var previousRole: SchoolRole?
    /// By the application's clock (`req.now`), so tests can set it.
    @Field(key: "occurred_at") var occurredAt: Date

    // MARK: relationships
    @Parent(key: "school_id") var school: School
    /// Whose membership changed.
    @Parent(key: "user_id") var user: User
    /// Who made the change: nil when the person did it themselves by accepting an
    /// invitation nobody signed, or the instance did it (demo, an erased account).
    @OptionalParent(key: "actor_id") var actor: User?

    init() {}

    init(
        id: UUID? = nil, kind: Kind, role: SchoolRole, previousRole: SchoolRole? = nil, occurredAt: Date,
        schoolID: UUID, userID: UUID, actorID: UUID?
    ) {
        self.id = id
        self.kind = kind
        self.role = role
        self.previousRole = previousRole
        self.occurredAt = occurredAt
        self.$school.id = schoolID
        self.$user.id = userID
        self.$actor.id = actorID
    }
}
