import Domain
import Fluent
import Foundation
import Vapor

/// Starting a peer observation cycle.
enum ObservationPage {
    struct Colleague {
        var id: UUID
        var schoolID: UUID
        var name: String
    }

    struct Draft {
        var school = ""
        var observers: Set<UUID> = []
        var focus = ""
        var `protocol` = ""
    }

    struct Model {
        var schools: [School]
        var colleagues: [Colleague]
        /// The schools' own protocols still offered.
        var schoolProtocols: [SchoolProtocol] = []
        var draft = Draft()
        var errors: [String: String] = [:]

        static func load(principal: Principal, on db: any Database) async throws -> Model {
            let schools = try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).sort(\.$name).all()
                .filter { Policy.allows(principal, .startObservation, $0.policyResource) }
            let memberships = try await Membership.query(on: db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                .filter(\.$role != .leader).with(\.$user).all()
            var model = Model(
                schools: schools,
                colleagues: memberships.filter { $0.$user.id != principal.userID }
                    .map { Colleague(id: $0.$user.id, schoolID: $0.$school.id, name: $0.user.fullName) }.sorted { $0.name < $1.name })
            model.schoolProtocols = try await SchoolProtocol.query(on: db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                .filter(\.$retiredAt == nil).sort(\.$name).all()
            return model
        }
    }
}
