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
    /// When the person's current role began, in the schools where a coordinator has not
    /// cleared it yet (absent: a role older than the staff record, or cleared). See
    /// `isSettled(in:)`.
    var roleSince: [UUID: Date] = [:]
    /// The request's clock (`req.now`): the time the rules that wait are read against.
    var now: Date = .distantPast

    /// How long a new member, or one in a new role, waits before colleagues' waiting
    /// questions and open coaching requests reach them: long enough for the staff to see
    /// the change in the staff record (and object) before anything confidential is shown.
    /// Why a wait and not only an approval: see docs/privacy.md, "Roles as a way around
    /// the Policy" (issue 14, class 5).
    static let coolingOff: TimeInterval = 14 * 86_400

    /// Whether the person's role in `schoolID` is old enough, or cleared by a coordinator.
    func isSettled(in schoolID: UUID) -> Bool {
        guard let since = roleSince[schoolID] else { return true }
        return now >= since.addingTimeInterval(Self.coolingOff)
    }

    static func load(for user: User, now: Date, on db: any Database) async throws -> Principal {
        let userID = try user.requireID()
        let memberships = try await Membership.query(on: db).filter(\.$user.$id == userID).all()
        let coordinations = try await NetworkCoordinator.query(on: db).filter(\.$user.$id == userID).all()
        return Principal(
            userID: userID, isAdmin: user.isAdmin,
            schoolRoles: Dictionary(memberships.map { ($0.$school.id, $0.role) }, uniquingKeysWith: { a, _ in a }),
            coordinatedNetworks: Set(coordinations.map { $0.$network.id }),
            // A clearance counts for the role it was given for, not for a later one.
            roleSince: Dictionary(
                memberships.compactMap { m in
                    m.roleSince.flatMap { since in (m.clearedAt.map { $0 >= since } ?? false) ? nil : (m.$school.id, since) }
                }, uniquingKeysWith: { a, _ in a }),
            now: now)
    }
}

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = Principal }

    /// The signed-in person's `Principal`, loaded on first use and kept for the request.
    func principal() async throws -> Principal? {
        if let cached = storage[PrincipalKey.self] { return cached }
        guard let user = currentUser else { return nil }
        let principal = try await Principal.load(for: user, now: now, on: db)
        storage[PrincipalKey.self] = principal
        return principal
    }
}
