import Domain
import Fluent
import Foundation

/// One person's role in one school.
final class Membership: Model, @unchecked Sendable {
    static let schema = "memberships"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "role") var role: SchoolRole
    /// When the current role began, by the application's clock; nil for memberships older
    /// than the staff record. A new support person waits before seeing colleagues' questions.
    @OptionalField(key: "role_since") var roleSince: Date?
    /// When a coordinator of the school's network ended that wait early.
    @OptionalField(key: "cleared_at") var clearedAt: Date?

    // MARK: relationships
    @Parent(key: "user_id") var user: User
    @Parent(key: "school_id") var school: School

    init() {}

    init(id: UUID? = nil, userID: UUID, schoolID: UUID, role: SchoolRole, since: Date? = nil) {
        self.id = id
        self.roleSince = since
        self.$user.id = userID
        self.$school.id = schoolID
        self.role = role
    }
}
