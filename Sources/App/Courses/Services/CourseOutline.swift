import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

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
        let all: [CourseActivity]
        if !content, let sql = db as? any SQLDatabase {
            all = try await sql.select().columns(CourseActivity.LightRow.columns.map { SQLIdentifier($0) }).from(CourseActivity.schema)
                .where("course_id", .equal, id).where("retired", .equal, false).orderBy("position")
                .all(decoding: CourseActivity.LightRow.self).map(CourseActivity.init(light:))
        } else {
            var query = CourseActivity.query(on: db)
            if !content { query = CourseActivity.withoutContent(query) }
            all = try await query.filter(\.$course.$id == id).filter(\.$retired == false).sort(\.$position).all()
        }
        let order = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1.id ?? UUID(), $0) })
        let activities = all.filter { order[$0.$section.id] != nil }
            .enumerated().sorted { (order[$0.element.$section.id]!, $0.offset) < (order[$1.element.$section.id]!, $1.offset) }
            .map(\.element)
        return CourseOutline(course: course, sections: sections, activities: activities)
    }

    /// The outline for pages that only read it, from this process's cache when the course's
    /// `outlineVersion` has not moved since. The cache keeps values (`OutlineCache`); the
    /// modules and steps returned are this request's own.
    static func cached(_ course: Course, on db: any Database, cache: OutlineCache) async throws -> CourseOutline {
        let id = try course.requireID()
        if let hit = cache.get(id, version: course.outlineVersion) {
            return CourseOutline(
                course: course, sections: hit.sections.map(CourseSection.init(snapshot:)),
                activities: hit.activities.map(CourseActivity.init(snapshot:)))
        }
        let outline = try await load(course, on: db)
        cache.put(id, version: course.outlineVersion, sections: outline.sections.map(\.snapshot), activities: outline.activities.map(\.snapshot))
        return outline
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
        guard let userID,
            let enrolment = try await CourseEnrolment.query(on: db)
                .filter(\.$course.$id == outline.course.requireID()).filter(\.$user.$id == userID).first()
        else { return LearnerState(enrolment: nil, done: [], progress: CourseProgress(activities: outline.progressActivities, done: [])) }
        let done = try await Self.done(enrolment.requireID(), on: db)
        return LearnerState(
            enrolment: enrolment, done: done,
            progress: CourseProgress(activities: outline.progressActivities, done: done, lastVisited: enrolment.lastActivityID))
    }

    /// The steps an enrolment finished: one column, without building a model per row.
    static func done(_ enrolmentID: UUID, on db: any Database) async throws -> Set<UUID> {
        struct Row: Decodable { var activity_id: UUID }
        if let sql = db as? any SQLDatabase {
            return Set(
                try await sql.select().column("activity_id").from(ActivityCompletion.schema).where("enrolment_id", .equal, enrolmentID)
                    .all(decoding: Row.self).map(\.activity_id))
        }
        return Set(try await ActivityCompletion.query(on: db).filter(\.$enrolment.$id == enrolmentID).all().map(\.$activity.id))
    }
}
