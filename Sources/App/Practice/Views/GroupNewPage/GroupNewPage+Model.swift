import Domain
import Fluent
import Foundation
import Vapor

/// Starting a study group, or a supervision or intervision group.
enum GroupNewPage {
    struct Draft {
        var name = ""
        var purpose = ""
        var members: Set<UUID> = []
        var supervisor: UUID?
        /// The slug of the course a study group follows.
        var course: String?
    }

    struct Model {
        var kind: Engagement.Form
        var schools: [School]
        var selectedSchool: School?
        var candidates: [(id: UUID, name: String, school: String)] = []
        var userID: UUID
        var userName: String
        var draft = Draft()
        var errors: [String: String] = [:]
        /// Published courses a study group can follow.
        var courses: [(slug: String, title: String)] = []

        /// `course` and `school` are what the address asks for (`?course=`, `?school=`): the
        /// course a study group follows, and the school whose colleagues are shown first.
        static func load(
            kind: Engagement.Form, principal: Principal, userName: String, course wantedCourse: String?, school wantedSchool: UUID?,
            language: String, on db: any Database
        ) async throws -> Model {
            let action: Policy.Action = kind.isConfidentialGroup ? .startCaseGroup : .startStudyGroup
            let collation = Collation(languageCode: language)
            let schools = collation.sorted(try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).all(), by: \.name)
                .filter { Policy.allows(principal, action, $0.policyResource) }
            var model = Model(kind: kind, schools: schools, userID: principal.userID, userName: userName)
            if kind == .studyGroup {
                model.courses = try await CoursesForGroups.published(language: language, on: db).map { ($0.slug, $0.title) }
                if let wantedCourse, let course = model.courses.first(where: { $0.slug == wantedCourse }) {
                    model.draft.course = course.slug
                    model.draft.purpose = course.title
                }
            }
            if let school = schools.first(where: { $0.id == wantedSchool }) ?? schools.first { try await model.choose(school, collation: collation, on: db) }
            return model
        }

        mutating func choose(_ school: School, collation: Collation, on db: any Database) async throws {
            selectedSchool = school
            candidates = collation.sorted(try await Groups.candidates(form: kind, school: school, excluding: userID, on: db), by: \.name)
        }
    }
}
