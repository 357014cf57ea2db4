import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// The programmes a person runs or takes part in, and the form to start one.
enum MentoringListPage {
    struct Scope {
        var id: UUID
        var name: String
        var isNetwork: Bool
        var value: String { (isNetwork ? "network:" : "school:") + id.uuidString }
    }

    struct Draft {
        var name = "", goal = "", startsOn = "", endsOn = "", scope = ""
    }

    struct Model {
        var running: [MentoringProgramme]
        var member: [(MentoringProgramme, ProgrammeMember.Role)]
        var scopes: [Scope]
        var draft = Draft()
        var errors: [String: String] = [:]

        static func load(principal: Principal, collation: Collation, on db: any Database) async throws -> Model {
            let schools = collation.sorted(try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).all(), by: \.name)
                .filter { Policy.allows(principal, .createProgramme, $0.policyResource) }
            let networks = collation.sorted(try await Network.query(on: db).filter(\.$id ~~ Array(principal.coordinatedNetworks)).all(), by: \.name)
            var scopes = schools.compactMap { s in s.id.map { Scope(id: $0, name: s.name, isNetwork: false) } }
            scopes += networks.compactMap { n in n.id.map { Scope(id: $0, name: n.name, isNetwork: true) } }
            let service = MentoringService(db: db)
            let all = try await service.candidates(for: principal)
            var running: [MentoringProgramme] = []
            for programme in all where Policy.allows(principal, .manageProgramme, try await service.resource(programme)) {
                running.append(programme)
            }
            let memberships = try await ProgrammeMember.query(on: db).filter(\.$user.$id == principal.userID).with(\.$programme).all()
            return Model(running: running, member: memberships.map { ($0.programme, $0.role) }, scopes: scopes)
        }
    }
}
