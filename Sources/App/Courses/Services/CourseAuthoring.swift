import Domain
import Fluent
import Foundation
import SQLKit

/// Writing a course's modules and steps, the rules behind the editor's forms: the key a new
/// one gets, where a new step goes, the quiz it starts with, and what saving a step changes.
enum CourseAuthoring {
    /// A key for a new module or step, from its title, that `taken` does not have yet.
    static func key(_ title: String, taken: Set<String>) -> String {
        var base = String(Markdown.slug(title).prefix(40))
        if base.isEmpty { base = "part" }
        var candidate = base, n = 2
        while taken.contains(candidate) { candidate = "\(base)-\(n)"; n += 1 }
        return candidate
    }

    /// The quiz a new quiz step starts with: one question to rewrite, so that it is never
    /// empty. Its texts are in the author's language (`l`), kept as the texts of `language`.
    static func starterQuiz(language: String, _ l: Localizer) -> QuizDefinition {
        QuizDefinition(
            passPercent: 75, attempts: 3,
            questions: [
                .init(
                    key: "q1", kind: .single, text: [language: l.t("Write the question here.")],
                    options: [
                        .init(key: "a", correct: true, text: [language: l.t("The right answer")], feedback: [language: l.t("Why it is right.")]),
                        .init(key: "b", correct: false, text: [language: l.t("Another answer")], feedback: [language: l.t("Why it is not.")]),
                    ])
            ])
    }

    /// Adds a step after the last step of `section`, titled in `language`. Nil when the same
    /// step was just added (a form sent twice).
    static func addStep(
        _ kind: ActivityKind, title: String, language: String, quiz: QuizDefinition?,
        to section: CourseSection, of outline: CourseOutline, on db: any Database
    ) async throws -> CourseActivity? {
        let courseID = try outline.course.requireID()
        let all = try await CourseActivity.withoutContent(CourseActivity.query(on: db)).filter(\.$course.$id == courseID).all()
        // After the module's last step: positions run through the whole course.
        let inSection = outline.activities(in: section)
        let position = (inSection.map(\.position).max() ?? (all.map(\.position).max() ?? -1)) + 1
        let step = try CourseActivity(
            courseID: courseID, sectionID: section.requireID(), key: key(title, taken: Set(all.map(\.key))), position: position,
            kind: kind, minutes: kind == .quiz ? 10 : 20, title: [language: title], body: [:], quiz: quiz)
        do {
            try await db.writeTransaction { db in
                // The steps after it move down by one, in one statement.
                if let sql = db as? any SQLDatabase {
                    try await sql.update(CourseActivity.schema)
                        .set(SQLIdentifier("position"), to: SQLBinaryExpression(SQLIdentifier("position"), .add, SQLLiteral.numeric("1")))
                        .where("course_id", .equal, courseID).where("position", .greaterThanOrEqual, position)
                        .run()
                }
                try await step.save(on: db)
            }
        } catch  where (error as? any DatabaseError)?.isConstraintFailure == true {
            return nil
        }
        return step
    }

    /// A step's content as the author saves it in one language, checked
    /// (`CourseForms.Step.validated`).
    struct StepContent {
        var title: String
        /// The lesson's or the reflection task's text; a quiz has none.
        var body: String
        var minutes: Int
        var required: Bool
        var quiz: QuizDefinition?
    }

    /// Saves a step's title, text and quiz in `language`, its time and whether it is required.
    static func save(_ content: StepContent, to step: CourseActivity, language: String, on db: any Database) async throws {
        var titles = step.titles
        titles[language] = content.title
        step.titleJSON = try JSONText.encode(titles)
        if step.kind != .quiz {
            var bodies = step.bodies
            bodies[language] = content.body
            step.bodyJSON = try JSONText.encode(bodies)
        }
        step.quizJSON = try content.quiz.map(JSONText.encode)
        step.minutes = content.minutes
        step.required = content.required
        try await step.save(on: db)
    }
}
