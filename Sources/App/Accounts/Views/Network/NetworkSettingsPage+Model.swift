import Fluent
import Foundation

/// A network's settings, for its coordinators: for now the logo its certificates carry.
enum NetworkSettingsPage {
    struct Model {
        var id: UUID
        var name: String
        /// The logo in use, or nil.
        var logo: NetworkLogos.Summary?
        /// Why the file just sent was refused, in the reader's language.
        var logoError: String?

        static func load(network: Network, on db: any Database) async throws -> Model {
            let id = try network.requireID()
            return Model(id: id, name: network.name, logo: try await NetworkLogos.summary(network: id, on: db))
        }
    }
}
