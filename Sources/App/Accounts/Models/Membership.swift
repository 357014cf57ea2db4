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

    // MARK: relationships
    @Parent(key: "user_id") var user: User
    @Parent(key: "school_id") var school: School

    init() {}

    init(id: UUID? = nil, userID: UUID, schoolID: UUID, role: SchoolRole) {
        self.id = id
        self.$user.id = userID
        self.$school.id = schoolID
        self.role = role
    }
}
