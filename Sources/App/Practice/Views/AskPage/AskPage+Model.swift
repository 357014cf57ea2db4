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

        static func load(principal: Principal, on db: any Database) async throws -> Model {
            let schools = try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).sort(\.$name).all()
            return Model(schools: schools.filter { Policy.allows(principal, .askForHelp, $0.policyResource) })
        }
    }
}
