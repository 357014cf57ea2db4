import Domain
import Fluent
import Foundation
import SQLKit

/// What the catalogue, the home page's "My courses" and the API's course list show about
/// several courses at once: length, modules, and one person's progress. At most four
/// queries whatever the number of courses, reading ids and minutes of the steps, never their
/// texts.
enum CourseCatalogue {
    struct Entry {
        var course: Course
        var modules: Int
        var minutes: Int
        /// nil: not enrolled.
        var enrolment: CourseEnrolment?
        var progress: CourseProgress
        /// Step ids to keys (for the step "Continue" leads to).
        var keys: [UUID: String]
    }

    /// `enrolments`: the person's enrolments when already loaded (the home page).
    static func entries(
        _ courses: [Course], userID: UUID?, enrolments known: [CourseEnrolment]? = nil, countModules: Bool = true,
        on db: any Database
    ) async throws -> [Entry] {
        let ids = courses.compactMap(\.id)
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        // Live steps of live modules, in course order; module counts only where shown.
        struct Step: Decodable {
            var id: UUID; var course_id: UUID; var section_id: UUID; var key: String; var minutes: Int; var required: Bool
            var position: Int; var section_position: Int
        }
        let steps = try await sql.select()
            .columns(["id", "course_id", "section_id", "key", "minutes", "required", "position"].map { SQLColumn($0, table: "a") })
            .column(SQLColumn("position", table: "s"), as: "section_position")
            .from(SQLAlias(SQLIdentifier(CourseActivity.schema), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier(CourseSection.schema), as: SQLIdentifier("s")), on: SQLColumn("id", table: "s"), .equal,
                SQLColumn("section_id", table: "a")
            )
            .where(SQLColumn("course_id", table: "a"), .in, SQLBind.group(ids))
            .where(SQLColumn("retired", table: "a"), .equal, SQLBind(false))
            .where(SQLColumn("retired", table: "s"), .equal, SQLBind(false))
            .all(decoding: Step.self)
            .sorted { ($0.section_position, $0.position) < ($1.section_position, $1.position) }
        let sections = countModules ? try await CourseSection.query(on: db).filter(\.$course.$id ~~ ids).filter(\.$retired == false).all() : []
        var enrolments: [CourseEnrolment] = known ?? []
        if known == nil, let userID {
            enrolments = try await CourseEnrolment.query(on: db).filter(\.$user.$id == userID).filter(\.$course.$id ~~ ids).all()
        }
        struct Done: Decodable { var enrolment_id: UUID; var activity_id: UUID }
        let done =
            enrolments.isEmpty
            ? []
            : try await sql.select().column("enrolment_id").column("activity_id").from(ActivityCompletion.schema)
                .where("enrolment_id", .in, SQLBind.group(enrolments.compactMap(\.id))).all(decoding: Done.self)
        return courses.map { course in
            let mine = steps.filter { $0.course_id == course.id }
            let enrolment = enrolments.first { $0.$course.id == course.id }
            let finished = Set(done.filter { $0.enrolment_id == enrolment?.id }.map(\.activity_id))
            return Entry(
                course: course, modules: sections.filter { $0.$course.id == course.id }.count,
                minutes: mine.reduce(0) { $0 + $1.minutes }, enrolment: enrolment,
                progress: CourseProgress(
                    activities: mine.map { .init(id: $0.id, section: $0.section_id, required: $0.required) },
                    done: finished, lastVisited: enrolment?.lastActivityID),
                keys: Dictionary(uniqueKeysWithValues: mine.map { ($0.id, $0.key) }))
        }
    }

    /// The home page's "My courses".
    static func myCourses(userID: UUID, language: String, on db: any Database) async throws -> [(slug: String, title: String, percent: Int, completed: Bool)] {
        let enrolments = try await CourseEnrolment.query(on: db).filter(\.$user.$id == userID).with(\.$course).all()
        let courses = try await entries(enrolments.map(\.course), userID: userID, enrolments: enrolments, countModules: false, on: db)
            .map { ($0.course.slug, $0.course.texts.title.text(language, fallback: "en"), $0.progress.percent, $0.enrolment?.completedAt != nil) }
        return Collation(languageCode: language).sorted(courses, by: \.1)
    }
}
