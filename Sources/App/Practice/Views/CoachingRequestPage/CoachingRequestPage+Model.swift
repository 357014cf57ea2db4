import Domain
import Fluent
import Foundation
import Vapor

/// Asking for coaching: the school, a coach (with what they coach on and whether they have
/// a free place) or anyone suitable, and what one wants to work on.
enum CoachingRequestPage {
    struct Coach {
        var userID: UUID
        var schoolID: UUID
        var name: String
        var topics: String
        var freePlaces: Int
    }

    struct Draft {
        var school: String
        var coach: String
        var topic: String
    }

    struct Model {
        var schools: [School]
        var coaches: [Coach]
        var draft = Draft(school: "", coach: "anyone", topic: "")
        var errors: [String: String] = [:]

        static func load(principal: Principal, collation: Collation, on db: any Database) async throws -> Model {
            let schools = collation.sorted(try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).all(), by: \.name)
                .filter { Policy.allows(principal, .requestCoaching, $0.policyResource) }
            let coaching = Coaching(db: db)
            var coaches: [Coach] = []
            for offer in try await coaching.offers(in: schools.compactMap(\.id)) where offer.$user.id != principal.userID {
                coaches.append(
                    Coach(
                        userID: offer.$user.id, schoolID: offer.$school.id, name: offer.user.fullName, topics: offer.topics,
                        freePlaces: try await coaching.freePlaces(coachID: offer.$user.id, schoolID: offer.$school.id)))
            }
            return Model(schools: schools, coaches: collation.sorted(coaches, by: \.name))
        }
    }
}
