import Domain
import Fluent
import Foundation

/// A course with its live modules and steps in order (retired ones left out), loaded
/// in three queries.
struct CourseOutline: Sendable {
    var course: Course
    var sections: [CourseSection]
    /// In course order: by module, then by position within it.
    var activities: [CourseActivity]

    static func load(slug: String, on db: any Database) async throws -> CourseOutline? {
        guard let course = try await Course.query(on: db).filter(\.$slug == slug).first() else { return nil }
        return try await load(course, on: db)
    }

    static func load(_ course: Course, on db: any Database) async throws -> CourseOutline {
        let id = try course.requireID()
        let sections = try await CourseSection.query(on: db).filter(\.$course.$id == id).filter(\.$retired == false)
            .sort(\.$position).all()
        let all = try await CourseActivity.query(on: db).filter(\.$course.$id == id).filter(\.$retired == false)
            .sort(\.$position).all()
        let order = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1.id ?? UUID(), $0) })
        let activities = all.filter { order[$0.$section.id] != nil }
            .enumerated().sorted { (order[$0.element.$section.id]!, $0.offset) < (order[$1.element.$section.id]!, $1.offset) }
            .map(\.element)
        return CourseOutline(course: course, sections: sections, activities: activities)
    }

    func activities(in section: CourseSection) -> [CourseActivity] { activities.filter { $0.$section.id == section.id } }
    func activity(_ key: String) -> CourseActivity? { activities.first { $0.key == key } }
    func section(of activity: CourseActivity) -> CourseSection? { sections.first { $0.id == activity.$section.id } }

    func neighbours(of activity: CourseActivity) -> (previous: CourseActivity?, next: CourseActivity?) {
        guard let i = activities.firstIndex(where: { $0.id == activity.id }) else { return (nil, nil) }
        return (i > 0 ? activities[i - 1] : nil, i + 1 < activities.count ? activities[i + 1] : nil)
    }

    var progressActivities: [CourseProgress.Activity] {
        activities.map { .init(id: $0.id ?? UUID(), section: $0.$section.id, required: $0.required) }
    }

    var minutes: Int { activities.reduce(0) { $0 + $1.minutes } }
}

/// What one learner has done in a course.
struct LearnerState: Sendable {
    var enrolment: CourseEnrolment?
    var done: Set<UUID>
    var progress: CourseProgress

    static func load(_ outline: CourseOutline, userID: UUID?, on db: any Database) async throws -> LearnerState {
        guard let userID, let enrolment = try await CourseEnrolment.query(on: db)
            .filter(\.$course.$id == outline.course.requireID()).filter(\.$user.$id == userID).first()
        else { return LearnerState(enrolment: nil, done: [], progress: CourseProgress(activities: outline.progressActivities, done: [])) }
        let done = Set(try await ActivityCompletion.query(on: db).filter(\.$enrolment.$id == enrolment.requireID()).all().map(\.$activity.id))
        return LearnerState(enrolment: enrolment, done: done,
                            progress: CourseProgress(activities: outline.progressActivities, done: done, lastVisited: enrolment.lastActivityID))
    }
}
