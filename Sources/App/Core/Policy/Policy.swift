import Domain
import Foundation
import Vapor

/// The one place that decides who may do what. Handlers ask it before they act
/// (`try await req.authorize(.manageStaff, .school(school))`) and scope their queries
/// with `Policy.visibleSchools`; they never filter rows by hand. Tested as a matrix of
/// role × action × owner in `PolicyTests`.
enum Policy {
    enum Action: String, CaseIterable, Sendable {
        /// See that the thing exists and its basic details.
        case view
        /// See who belongs to a school and their roles.
        case viewMembers
        /// Invite and import staff, see pending invitations.
        case manageStaff
        /// Create networks and schools, change any school: the instance's administration.
        case administer
        /// See the guarded well-being figures of a school or network (never a person's).
        case viewWellbeingFigures
        /// Set a school's check-in cadence, minimum group and help lines.
        case manageWellbeing
        /// Read handbook chapters.
        case readHandbook
        /// Edit chapters, restore revisions, make chapters public, see translation status.
        case editHandbook
    }

    enum Resource: Sendable {
        case instance
        case network(id: UUID)
        case school(id: UUID, networkID: UUID?)
        /// The instance's handbook, or one of its chapters (public: readable without login).
        case handbook(isPublic: Bool)
    }

    static func allows(_ principal: Principal?, _ action: Action, _ resource: Resource) -> Bool {
        // The handbook is the one resource visitors may read: its public chapters.
        if case .handbook(let isPublic) = resource, action == .readHandbook {
            return isPublic || principal != nil
        }
        guard let principal else { return false }
        if principal.isAdmin { return true }
        switch resource {
        case .instance:
            return false
        case .handbook:
            // Coordinators publish the handbook for their networks (PRODUCT.md); one
            // handbook serves the whole instance.
            return action == .editHandbook && !principal.coordinatedNetworks.isEmpty
        case .network(let id):
            return [.view, .viewWellbeingFigures].contains(action) && principal.coordinatedNetworks.contains(id)
        case .school(let id, let networkID):
            let coordinates = networkID.map(principal.coordinatedNetworks.contains) ?? false
            let role = principal.schoolRoles[id]
            switch action {
            case .view, .viewMembers:
                return role != nil || coordinates
            case .manageStaff, .viewWellbeingFigures:
                return role == .leader || coordinates
            case .manageWellbeing:
                return role == .leader
            case .administer, .readHandbook, .editHandbook:
                return false
            }
        }
    }

    /// Denials of things the person may not even see answer 404, so that a leader of
    /// one school cannot learn which other schools exist; other denials answer 403.
    static func denialStatus(_ principal: Principal?, _ resource: Resource) -> HTTPResponseStatus {
        if case .instance = resource { return principal == nil ? .unauthorized : .forbidden }
        if case .handbook = resource { return allows(principal, .readHandbook, resource) ? .forbidden : .notFound }
        return allows(principal, .view, resource) ? .forbidden : .notFound
    }

    /// Which schools a query may return for this person.
    enum SchoolScope: Equatable {
        case all
        case some(schoolIDs: Set<UUID>, networkIDs: Set<UUID>)
    }

    static func visibleSchools(_ principal: Principal) -> SchoolScope {
        principal.isAdmin ? .all : .some(schoolIDs: Set(principal.schoolRoles.keys), networkIDs: principal.coordinatedNetworks)
    }
}

extension School {
    var policyResource: Policy.Resource { .school(id: id ?? UUID(), networkID: $network.id) }
}

extension Request {
    /// Throws the fitting denial (see `Policy.denialStatus`) unless the policy allows it.
    func authorize(_ action: Policy.Action, _ resource: Policy.Resource) async throws {
        let principal = try await principal()
        guard Policy.allows(principal, action, resource) else {
            if principal == nil { _ = try requireUser() }
            throw Abort(Policy.denialStatus(principal, resource))
        }
    }
}
