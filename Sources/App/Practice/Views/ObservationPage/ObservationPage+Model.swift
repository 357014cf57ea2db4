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

        static func load(principal: Principal, collation: Collation, on db: any Database) async throws -> Model {
            let schools = collation.sorted(try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).all(), by: \.name)
                .filter { Policy.allows(principal, .startObservation, $0.policyResource) }
            let memberships = try await Membership.query(on: db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                .filter(\.$role != .leader).with(\.$user).all()
            var model = Model(
                schools: schools,
                colleagues: collation.sorted(
                    memberships.filter { $0.$user.id != principal.userID }
                        .map { Colleague(id: $0.$user.id, schoolID: $0.$school.id, name: $0.user.fullName) }, by: \.name))
            model.schoolProtocols = collation.sorted(
                try await SchoolProtocol.query(on: db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                    .filter(\.$retiredAt == nil).all(), by: \.name)
            return model
        }
    }
}
