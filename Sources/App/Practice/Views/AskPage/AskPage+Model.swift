import Domain
import Fluent
import Foundation
import Vapor

/// The form to ask a colleague.
enum AskPage {
    struct Draft {
        var school: String
        var topic: String
        var urgency: String
        var question: String
        var showName: Bool
    }

    struct Model {
        var schools: [School]
        var draft = Draft(school: "", topic: "", urgency: HelpUrgency.thisWeek.rawValue, question: "", showName: true)
        var errors: [String: String] = [:]

        static func load(principal: Principal, collation: Collation, on db: any Database) async throws -> Model {
            let schools = collation.sorted(try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).all(), by: \.name)
            return Model(schools: schools.filter { Policy.allows(principal, .askForHelp, $0.policyResource) })
        }
    }
}
