import Domain
import Fluent
import Foundation
import Vapor

/// Who is asking, with everything the `Policy` needs to decide, loaded once per request.
struct Principal: Sendable, Equatable {
    var userID: UUID
    var isAdmin: Bool
    /// The person's role in each school they belong to.
    var schoolRoles: [UUID: SchoolRole]
    /// The networks the person coordinates.
    var coordinatedNetworks: Set<UUID>

    static func load(for user: User, on db: any Database) async throws -> Principal {
        let userID = try user.requireID()
        let memberships = try await Membership.query(on: db).filter(\.$user.$id == userID).all()
        let coordinations = try await NetworkCoordinator.query(on: db).filter(\.$user.$id == userID).all()
        return Principal(
            userID: userID, isAdmin: user.isAdmin,
            schoolRoles: Dictionary(memberships.map { ($0.$school.id, $0.role) }, uniquingKeysWith: { a, _ in a }),
            coordinatedNetworks: Set(coordinations.map { $0.$network.id }))
    }
}

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = Principal }

    /// The signed-in person's `Principal`, loaded on first use and kept for the request.
    func principal() async throws -> Principal? {
        if let cached = storage[PrincipalKey.self] { return cached }
        guard let user = currentUser else { return nil }
        let principal = try await Principal.load(for: user, on: db)
        storage[PrincipalKey.self] = principal
        return principal
    }
}
