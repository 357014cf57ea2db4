import Domain
import Fluent
import Foundation

/// Where to find support: colleagues whose role is to help, and the help lines the
/// school has set. Opening it tells nobody anything.
enum SupportPage {
    struct Model {
        var supporters: [(name: String, email: String, role: SchoolRole, school: String)]
        var helpLines: [(school: String, lines: [String])]

        static func load(for user: User, collation: Collation, on db: any Database) async throws -> Model {
            let service = CheckInService(db: db)
            let memberships = try await service.memberships(of: user)
            return Model(
                supporters: collation.sorted(try await service.supporters(of: user), by: \.name),
                helpLines: collation.sorted(memberships, by: \.school.name).compactMap { membership in
                    let lines = membership.settings.helpLines.split(separator: "\n")
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    return lines.isEmpty ? nil : (membership.school.name, lines)
                })
        }
    }
}
