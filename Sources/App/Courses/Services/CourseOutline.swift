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

    static func load(slug: String, content: Bool = false, on db: any Database) async throws -> CourseOutline? {
        guard let course = try await Course.query(on: db).filter(\.$slug == slug).first() else { return nil }
        return try await load(course, content: content, on: db)
    }

    /// `content`: also the steps' texts and quizzes (what a step's page or the API shows);
    /// without it, titles only, which is what lists and progress need. For a course of 64
    /// steps in two languages that is a few kilobytes read instead of a few hundred.
    static func load(_ course: Course, content: Bool = false, on db: any Database) async throws -> CourseOutline {
        let id = try course.requireID()
        let sections = try await CourseSection.query(on: db).filter(\.$course.$id == id).filter(\.$retired == false)
            .sort(\.$position).all()
        var query = CourseActivity.query(on: db)
        if !content { query = CourseActivity.withoutContent(query) }
        let all = try await query.filter(\.$course.$id == id).filter(\.$retired == false)
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

/// One person's courses with their progress, for the home page: four queries whatever the
/// number of courses.
enum CourseProgressSummary {
    static func load(userID: UUID, language: String, on db: any Database) async throws -> [(slug: String, title: String, percent: Int, completed: Bool)] {
        let enrolments = try await CourseEnrolment.query(on: db).filter(\.$user.$id == userID).with(\.$course).all()
        guard !enrolments.isEmpty else { return [] }
        let courseIDs = enrolments.map(\.$course.id)
        let live = Set(try await CourseSection.query(on: db).filter(\.$course.$id ~~ courseIDs).filter(\.$retired == false).all().compactMap(\.id))
        let steps = try await CourseActivity.query(on: db).filter(\.$course.$id ~~ courseIDs).filter(\.$retired == false).all()
            .filter { live.contains($0.$section.id) }
        let done = try await ActivityCompletion.query(on: db).filter(\.$enrolment.$id ~~ enrolments.compactMap(\.id)).all()
        return enrolments.map { e in
            let ids = Set(steps.filter { $0.$course.id == e.$course.id }.compactMap(\.id))
            let finished = done.filter { $0.$enrolment.id == e.id && ids.contains($0.$activity.id) }.count
            return (e.course.slug, e.course.texts.title.text(language, fallback: "en"), ids.isEmpty ? 100 : finished * 100 / ids.count, e.completedAt != nil)
        }.sorted { $0.title < $1.title }
    }
}
