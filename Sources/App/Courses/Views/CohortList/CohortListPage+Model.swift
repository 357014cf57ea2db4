import Domain
import Fluent
import Foundation

/// A course's cohorts and the form to make one (coordinators).
enum CohortListPage {
    struct Row {
        var id: UUID
        var name: String
        var dates: String
        var facilitator: String
        var learners: Int
        var completed: Int
    }

    struct Model {
        var slug: String
        var courseTitle: String
        var cohorts: [Row]
        var networks: [(value: String, label: String)]
        var form = CourseForms.Cohort()
        var errors: [String: String] = [:]

        /// `principal`: who asks (the networks they oversee are offered in the form);
        /// `language`: the language the course's title is shown in.
        static func load(_ outline: CourseOutline, principal: Principal?, language: String, on db: any Database) async throws -> Model {
            let courseID = try outline.course.requireID()
            let cohorts = try await CourseCohort.query(on: db).filter(\.$course.$id == courseID).with(\.$facilitator).sort(\.$startsOn).all()
            let enrolments = try await CourseEnrolment.query(on: db).filter(\.$cohort.$id ~~ cohorts.compactMap(\.id)).all()
            let networks = Collation(languageCode: language).sorted(try await Network.query(on: db).all(), by: \.name)
                .filter { network in principal.map { Policy.oversight($0).includes(network: network.id ?? UUID()) } ?? false }
            return Model(
                slug: outline.course.slug, courseTitle: outline.course.texts.title.text(language, fallback: "en"),
                cohorts: cohorts.map { c in
                    let members = enrolments.filter { $0.$cohort.id == c.id }
                    return Row(
                        id: c.id ?? UUID(), name: c.name, dates: c.startsOn + " – " + c.endsOn, facilitator: c.facilitator?.fullName ?? "",
                        learners: members.count, completed: members.filter { $0.completedAt != nil }.count)
                },
                networks: networks.map { (($0.id ?? UUID()).uuidString, $0.name) })
        }
    }
}
