import Foundation

/// Which rows a list may hold: the Policy decides about one thing at a time, these decide
/// what a query reads before the Policy is asked about each row. Written once here, not
/// again from `isAdmin` and `coordinatedNetworks` beside every list (issue 16).
extension Policy {
    /// Which schools a query may return for this person.
    enum SchoolScope: Equatable {
        case all
        case some(schoolIDs: Set<UUID>, networkIDs: Set<UUID>)
    }

    static func visibleSchools(_ principal: Principal) -> SchoolScope {
        principal.isAdmin ? .all : .some(schoolIDs: Set(principal.schoolRoles.keys), networkIDs: principal.coordinatedNetworks)
    }

    /// What a person runs things for (surveys, programmes, cohorts, exports): the schools
    /// they lead and the networks they coordinate, with those networks' schools; an admin,
    /// everything. The caller reads the networks' schools itself (the Policy reads no table).
    enum Oversight: Equatable {
        case everything
        case some(ledSchools: Set<UUID>, networks: Set<UUID>)

        /// The networks overseen, nil for every one.
        var networks: Set<UUID>? {
            switch self {
            case .everything: nil
            case .some(_, let networks): networks
            }
        }

        /// Whether `network` is one of them.
        func includes(network: UUID) -> Bool { networks?.contains(network) ?? true }

        /// Whether the person runs anything at all (the header's "Surveys" link).
        var isEmpty: Bool {
            switch self {
            case .everything: false
            case .some(let schools, let networks): schools.isEmpty && networks.isEmpty
            }
        }
    }

    static func oversight(_ principal: Principal) -> Oversight {
        principal.isAdmin
            ? .everything
            : .some(ledSchools: Set(principal.schoolRoles.filter { $0.value == .leader }.keys), networks: principal.coordinatedNetworks)
    }
}
