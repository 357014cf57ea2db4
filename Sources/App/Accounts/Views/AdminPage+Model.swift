import Domain
import Fluent
import Foundation

enum AdminPage {
    struct SchoolDraft {
        var name = ""
        var code = ""
        var country = ""
        var city = ""
        var language = "en"
        var networkID = ""
    }

    struct Model {
        struct NetworkRow {
            var id: UUID
            var name: String
            var schoolCount: Int
            var coordinators: [String]
        }

        struct SchoolRow {
            var id: UUID
            var name: String
            var code: String
            var city: String
            var country: String
            var networkName: String?
        }

        var networks: [NetworkRow]
        var schools: [SchoolRow]
        var networkErrors: [String: String] = [:]
        var networkDraft: (name: String, description: String) = ("", "")
        var schoolErrors: [String: String] = [:]
        var schoolDraft = SchoolDraft()
        var coordinatorErrors: [String: String] = [:]
        var coordinatorDraft: (email: String, networkID: String) = ("", "")

        static func load(collation: Collation, on db: any Database) async throws -> Model {
            let networks = collation.sorted(try await Network.query(on: db).all(), by: \.name)
            let schools = collation.sorted(try await School.query(on: db).with(\.$network).all(), by: \.name)
            let coordinators = try await NetworkCoordinator.query(on: db).with(\.$user).all()
            return Model(
                networks: try networks.map { network in
                    let id = try network.requireID()
                    return NetworkRow(
                        id: id, name: network.name, schoolCount: schools.filter { $0.$network.id == id }.count,
                        coordinators: collation.sorted(coordinators.filter { $0.$network.id == id }.map(\.user.fullName), by: { $0 }))
                },
                schools: try schools.map {
                    SchoolRow(
                        id: try $0.requireID(), name: $0.name, code: $0.code, city: $0.city, country: $0.country,
                        networkName: $0.network?.name)
                })
        }
    }
}
