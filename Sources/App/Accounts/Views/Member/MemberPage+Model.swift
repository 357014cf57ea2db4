import Domain
import Fluent
import Foundation

/// One member of a school, as those who manage its staff see them: their role (to change)
/// and their removal, on a page of their own rather than as forms on every row of a long
/// staff list (issue 18, point 10).
enum MemberPage {
    struct Model {
        var schoolID: UUID
        var schoolName: String
        var membershipID: UUID
        var name: String
        var email: String
        var role: SchoolRole
        /// When they joined the school, and when their present role began (if it was dated).
        var joined: Date?
        var roleSince: Date?
        /// The school's only leader keeps the role and cannot be removed.
        var onlyLeader: Bool
        var undeliverable: Bool

        static func load(school: School, membership: Membership, on db: any Database) async throws -> Model {
            let user = try await membership.$user.get(on: db)
            let leaders = try await Membership.query(on: db).filter(\.$school.$id == membership.$school.id).filter(\.$role == .leader).count()
            return Model(
                schoolID: try school.requireID(), schoolName: school.name, membershipID: try membership.requireID(),
                name: user.fullName, email: user.email, role: membership.role, joined: membership.createdAt, roleSince: membership.roleSince,
                onlyLeader: membership.role == .leader && leaders <= 1,
                undeliverable: try await Outbox.undeliverable(user.email, on: db) != nil)
        }
    }
}
