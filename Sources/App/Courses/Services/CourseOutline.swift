import Domain
import Fluent
import SQLKit
import Vapor
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
    /// `outlineVersion` has not moved since. The cached rows are shared between requests:
    /// their texts are decoded before they are cached, and nothing may change them (the
    /// editor loads its own).
    static func cached(_ course: Course, on db: any Database, cache: OutlineCache) async throws -> CourseOutline {
        let id = try course.requireID()
        if let hit = cache.get(id, version: course.outlineVersion) {
            return CourseOutline(course: course, sections: hit.sections, activities: hit.activities)
        }
        let outline = try await load(course, on: db)
        for section in outline.sections { _ = section.texts }
        for activity in outline.activities { _ = activity.titles }
        cache.put(id, version: course.outlineVersion, sections: outline.sections, activities: outline.activities)
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

/// Courses' modules and steps (titles only) kept by this process between requests, by
/// course and outline version. A change anywhere (another process included) moves the
/// version in the database, and the next request reads the outline again.
final class OutlineCache: @unchecked Sendable {
    struct Entry { var version: Int; var sections: [CourseSection]; var activities: [CourseActivity] }
    private let lock = NSLock()
    private var entries: [UUID: Entry] = [:]

    func get(_ course: UUID, version: Int) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[course], entry.version == version else { return nil }
        return entry
    }

    func put(_ course: UUID, version: Int, sections: [CourseSection], activities: [CourseActivity]) {
        lock.lock(); defer { lock.unlock() }
        // A handful of courses in practice; a bound keeps a runaway catalogue from growing it.
        if entries.count >= 200 { entries.removeAll() }
        entries[course] = Entry(version: version, sections: sections, activities: activities)
    }
}

extension Application {
    private struct OutlineCacheKey: StorageKey { typealias Value = OutlineCache }
    var outlineCache: OutlineCache {
        if let cache = storage[OutlineCacheKey.self] { return cache }
        let cache = OutlineCache()
        storage[OutlineCacheKey.self] = cache
        return cache
    }
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
        let done = try await Self.done(enrolment.requireID(), on: db)
        return LearnerState(enrolment: enrolment, done: done,
                            progress: CourseProgress(activities: outline.progressActivities, done: done, lastVisited: enrolment.lastActivityID))
    }

    /// The steps an enrolment finished: one column, without building a model per row.
    static func done(_ enrolmentID: UUID, on db: any Database) async throws -> Set<UUID> {
        struct Row: Decodable { var activity_id: UUID }
        if let sql = db as? any SQLDatabase {
            return Set(try await sql.select().column("activity_id").from(ActivityCompletion.schema).where("enrolment_id", .equal, enrolmentID)
                .all(decoding: Row.self).map(\.activity_id))
        }
        return Set(try await ActivityCompletion.query(on: db).filter(\.$enrolment.$id == enrolmentID).all().map(\.$activity.id))
    }
}

/// One person's courses with their progress, for the home page: three queries whatever the
/// number of courses, reading ids only (never the steps' texts).
enum CourseProgressSummary {
    static func load(userID: UUID, language: String, on db: any Database) async throws -> [(slug: String, title: String, percent: Int, completed: Bool)] {
        let enrolments = try await CourseEnrolment.query(on: db).filter(\.$user.$id == userID).with(\.$course).all()
        guard !enrolments.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        struct Step: Decodable { var id: UUID; var course_id: UUID }
        struct Done: Decodable { var enrolment_id: UUID; var activity_id: UUID }
        let steps = try await sql.select().column(SQLColumn("id", table: "a")).column(SQLColumn("course_id", table: "a"))
            .from(SQLAlias(SQLIdentifier(CourseActivity.schema), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier(CourseSection.schema), as: SQLIdentifier("s")), on: SQLColumn("id", table: "s"), .equal, SQLColumn("section_id", table: "a"))
            .where(SQLColumn("course_id", table: "a"), .in, SQLBind.group(enrolments.map(\.$course.id)))
            .where(SQLColumn("retired", table: "a"), .equal, SQLBind(false))
            .where(SQLColumn("retired", table: "s"), .equal, SQLBind(false))
            .all(decoding: Step.self)
        let done = try await sql.select().column("enrolment_id").column("activity_id").from(ActivityCompletion.schema)
            .where("enrolment_id", .in, SQLBind.group(enrolments.compactMap(\.id))).all(decoding: Done.self)
        return enrolments.map { e in
            let ids = Set(steps.filter { $0.course_id == e.$course.id }.map(\.id))
            let finished = done.filter { $0.enrolment_id == e.id && ids.contains($0.activity_id) }.count
            return (e.course.slug, e.course.texts.title.text(language, fallback: "en"), ids.isEmpty ? 100 : finished * 100 / ids.count, e.completedAt != nil)
        }.sorted { $0.title < $1.title }
    }
}

/// Which cohorts a course evaluation survey belongs to, for the `Policy`.
enum CourseEvaluations {
    /// nil when no course uses the survey as its evaluation.
    static func resource(_ survey: Survey, on db: any Database) async throws -> Policy.Resource? {
        let courses = try await Course.query(on: db).filter(\.$evaluationSurvey.$id == survey.requireID()).all().compactMap(\.id)
        guard !courses.isEmpty else { return nil }
        let cohorts = try await CourseCohort.query(on: db).filter(\.$course.$id ~~ courses).all()
        return .courseEvaluation(cohorts: cohorts.map { .init(facilitatorID: $0.$facilitator.id, networkID: $0.$network.id) })
    }
}
