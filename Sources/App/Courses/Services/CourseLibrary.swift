import Domain
import Fluent
import Foundation
import Vapor

/// Loads the courses shipped in `Resources/Course/<slug>/` into the database (at `serve`
/// and `demo`). A course that is not there yet is added, published. One that is there
/// gains the modules and steps added to the shipped files since (by key); what
/// coordinators wrote or changed here is never overwritten. See docs/courses.md.
public enum CourseLibrary {
    static func shippedDirectory(_ app: Application) -> String { app.directory.resourcesDirectory + "Course/" }

    public static func loadShipped(_ app: Application, on db: (any Database)? = nil) async throws {
        let root = URL(fileURLWithPath: shippedDirectory(app))
        let slugs = (try? FileManager.default.contentsOfDirectory(atPath: root.path))?.sorted() ?? []
        for slug in slugs where !slug.hasPrefix(".") && slug != "images" {
            do {
                let document = try CourseDocument.load(directory: root.appendingPathComponent(slug))
                try await sync(document, on: db ?? app.db)
            } catch let error as CourseDocument.LoadError {
                // A broken file must not stop the server: the course stays as it was.
                app.logger.error("Shipped course not loaded: \(error.description)")
            }
        }
    }

    /// Adds `document` or what is new in it. Returns the course.
    @discardableResult
    static func sync(_ document: CourseDocument, on db: any Database) async throws -> Course {
        try await db.writeTransaction { db in
            let course: Course
            if let existing = try await Course.query(on: db).filter(\.$slug == document.slug).first() {
                course = existing
            } else {
                course = try Course(
                    slug: document.slug,
                    texts: .init(
                        title: document.title, summary: document.summary,
                        audience: document.audience, outcomes: document.outcomes),
                    status: .published, createdByID: nil)
                try await course.save(on: db)
            }
            let courseID = try course.requireID()
            let sections = try await CourseSection.query(on: db).filter(\.$course.$id == courseID).all()
            let activities = try await CourseActivity.query(on: db).filter(\.$course.$id == courseID).all()
            var changed = false
            var sectionPosition = (sections.map(\.position).max() ?? -1) + 1
            var activityPosition = (activities.map(\.position).max() ?? -1) + 1
            for s in document.sections {
                let section: CourseSection
                if let found = sections.first(where: { $0.key == s.key }) {
                    section = found
                } else {
                    section = try CourseSection(courseID: courseID, key: s.key, position: sectionPosition, texts: .init(title: s.title, summary: s.summary))
                    sectionPosition += 1
                    try await section.save(on: db)
                    changed = true
                }
                for a in s.activities where !activities.contains(where: { $0.key == a.key }) {
                    try await CourseActivity(
                        courseID: courseID, sectionID: section.requireID(), key: a.key, position: activityPosition,
                        kind: a.kind, minutes: a.minutes, title: a.title, body: a.body, quiz: a.quiz
                    )
                    .save(on: db)
                    activityPosition += 1
                    changed = true
                }
            }
            if changed {
                course.outlineVersion += 1
                try await course.save(on: db)
            }
            return course
        }
    }
}
