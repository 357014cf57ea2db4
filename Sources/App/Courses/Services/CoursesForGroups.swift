import Domain
import Fluent
import Foundation

/// What the course module offers a study group that follows a course: the courses it can
/// choose, and its members' progress as each chose to show it. Practice asks here and never
/// reads the course tables (docs/ARCHITECTURE.md, "Who may read whom").
enum CoursesForGroups {
    struct Listing: Sendable, Equatable {
        var id: UUID
        var slug: String
        var title: String
    }

    /// One member's place in the course: whether they show it to their groups, and, only
    /// when they do, how far they are (a course taken alone stays one's own).
    struct MemberProgress: Sendable, Equatable {
        var shares: Bool
        var percent: Int?
        var completed: Bool
    }

    /// The published courses, by slug, titled in `language` (English where it has none).
    static func published(language: String, on db: any Database) async throws -> [Listing] {
        try await Course.query(on: db).filter(\.$status == .published).sort(\.$slug).all().map { try listing($0, language) }
    }

    /// The course with this slug, whatever its state, or nil.
    static func find(slug: String, language: String, on db: any Database) async throws -> Listing? {
        try await Course.query(on: db).filter(\.$slug == slug).first().map { try listing($0, language) }
    }

    /// The course with this id, or nil.
    static func find(id: UUID, language: String, on db: any Database) async throws -> Listing? {
        try await Course.find(id, on: db).map { try listing($0, language) }
    }

    /// The progress of each of `userIDs` enrolled in the course (the others are absent).
    static func progress(in courseID: UUID, of userIDs: [UUID], on db: any Database) async throws -> [UUID: MemberProgress] {
        guard let course = try await Course.find(courseID, on: db) else { return [:] }
        let outline = try await CourseOutline.load(course, on: db)
        let enrolments = try await CourseEnrolment.query(on: db).filter(\.$course.$id == courseID).filter(\.$user.$id ~~ userIDs).all()
        let shown = enrolments.filter(\.progressShared)
        let done = try await ActivityCompletion.query(on: db).filter(\.$enrolment.$id ~~ shown.compactMap(\.id)).all()
        var result: [UUID: MemberProgress] = [:]
        for enrolment in enrolments {
            var entry = MemberProgress(shares: enrolment.progressShared, percent: nil, completed: false)
            if enrolment.progressShared {
                let progress = CourseProgress(
                    activities: outline.progressActivities,
                    done: Set(done.filter { $0.$enrolment.id == enrolment.id }.map(\.$activity.id)))
                entry.percent = progress.percent
                entry.completed = enrolment.completedAt != nil
            }
            result[enrolment.$user.id] = entry
        }
        return result
    }

    private static func listing(_ course: Course, _ language: String) throws -> Listing {
        Listing(id: try course.requireID(), slug: course.slug, title: course.texts.title.text(language, fallback: "en"))
    }
}
