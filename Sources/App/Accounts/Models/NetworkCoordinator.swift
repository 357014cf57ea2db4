import Fluent
import Foundation

/// A person who coordinates a network: runs its research, publishes its handbook and
/// course, and sees its schools in aggregate.
final class NetworkCoordinator: Model, @unchecked Sendable {
    static let schema = "network_coordinators"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: relationships
    @Parent(key: "user_id") var user: User
    @Parent(key: "network_id") var network: Network

    init() {}

    init(id: UUID? = nil, userID: UUID, networkID: UUID) {
        self.id = id
        self.$user.id = userID
        self.$network.id = networkID
    }
}
