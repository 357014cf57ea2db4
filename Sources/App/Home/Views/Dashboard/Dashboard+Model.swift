import Domain
import Fluent
import Foundation

enum Dashboard {
    /// What the signed-in person sees on their home page.
    struct Model {
        struct SchoolEntry {
            var id: UUID
            var name: String
            var city: String
            var country: String
            var role: SchoolRole
        }

        var givenName: String
        var schools: [SchoolEntry]
        struct NetworkEntry {
            var id: UUID
            var name: String
            var schools: [(id: UUID, name: String, city: String, country: String)]
        }

        var coordinatedNetworks: [NetworkEntry]
        var isAdmin: Bool
        /// Open surveys shown to this person (by role in their school) not yet answered.
        var surveys: [(title: String, slug: String, closesOn: String)] = []
        /// The courses the person is enrolled in, with their progress.
        var courses: [(slug: String, title: String, percent: Int, completed: Bool)] = []
        /// Cohorts the person is invited to join and has not answered yet.
        var cohortInvitations: [CohortInvitationsSection.Item] = []

        static func load(for user: User, on db: any Database, today: String, language: String) async throws -> Model {
            let userID = try user.requireID()
            let memberships = try await Membership.query(on: db)
                .filter(\.$user.$id == userID).with(\.$school).all()
            let networks = try await NetworkCoordinator.query(on: db)
                .filter(\.$user.$id == userID).with(\.$network) { $0.with(\.$schools) }.all()
            var model = Model(
                givenName: user.givenName,
                schools: memberships.map {
                    SchoolEntry(
                        id: $0.$school.id, name: $0.school.name, city: $0.school.city,
                        country: $0.school.country, role: $0.role)
                }.sorted { $0.name < $1.name },
                coordinatedNetworks: try networks.map { coordination in
                    NetworkEntry(
                        id: coordination.$network.id, name: coordination.network.name,
                        schools: try coordination.network.schools
                            .map { (try $0.requireID(), $0.name, $0.city, $0.country) }.sorted { $0.name < $1.name })
                }.sorted { $0.name < $1.name },
                isAdmin: user.isAdmin)
            model.surveys = try await Surveys(db: db).forMember(userID, today: today).map { survey in
                (
                    (try? survey.definition).map { $0.title.text(language, fallback: $0.baseLanguage) } ?? survey.title,
                    survey.slug, survey.closesOn
                )
            }
            model.courses = try await CourseCatalogue.myCourses(userID: userID, language: language, on: db)
            model.cohortInvitations = CohortInvitationsSection.items(try await CohortInvitations.pending(for: user, on: db), language: language)
            return model
        }
    }
}
