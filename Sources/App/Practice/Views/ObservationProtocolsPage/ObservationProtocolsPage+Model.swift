import Domain
import Fluent
import Foundation
import Vapor

/// A school's own observation protocols: those offered, who wrote them, and a form to write one.
enum ObservationProtocolsPage {
    struct Draft {
        var school = ""
        var name = ""
        var lookFors = ""
    }

    struct Model {
        var schools: [School]
        var protocols: [SchoolProtocol]
        var userID: UUID
        var draft = Draft()
        var errors: [String: String] = [:]

        static func load(principal: Principal, collation: Collation, on db: any Database) async throws -> Model {
            let schools = collation.sorted(try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).all(), by: \.name)
                .filter { Policy.allows(principal, .addObservationProtocol, $0.policyResource) }
            let protocols = collation.sorted(
                try await SchoolProtocol.query(on: db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                    .filter(\.$retiredAt == nil).with(\.$author).all(), by: \.name)
            return Model(schools: schools, protocols: protocols, userID: principal.userID)
        }
    }
}
