import Domain
import Fluent
import SQLKit
import Foundation
import Vapor

/// Writing a course's steps: adding one, its content, its order, retiring it.
extension CourseEditorController {
    struct NewStepForm: Content { var module: String?; var kind: String?; var title: String? }

    func addStep(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let form = (try? req.content.decode(NewStepForm.self)) ?? NewStepForm()
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let section = outline.sections.first(where: { $0.key == form.module }), let kind = ActivityKind(rawValue: form.kind ?? "") else {
            throw Abort(.badRequest, reason: req.t("Choose a module and a kind of step."))
        }
        guard !title.isEmpty, title.count <= 200 else {
            return render(req, outline, language, errors: ["step-" + section.key: req.t("Give the step a title of up to 200 characters.")],
                          values: ["step-title-" + section.key: form.title ?? ""], status: .unprocessableEntity)
        }
        let courseID = try outline.course.requireID()
        let all = try await CourseActivity.withoutContent(CourseActivity.query(on: req.db)).filter(\.$course.$id == courseID).all()
        // A new quiz starts with one question to rewrite, so that it is never empty.
        let quiz = kind == .quiz ? QuizDefinition(passPercent: 75, attempts: 3, questions: [
            .init(key: "q1", kind: .single, text: [language: req.t("Write the question here.")], options: [
                .init(key: "a", correct: true, text: [language: req.t("The right answer")], feedback: [language: req.t("Why it is right.")]),
                .init(key: "b", correct: false, text: [language: req.t("Another answer")], feedback: [language: req.t("Why it is not.")]),
            ])]) : nil
        // After the module's last step: positions run through the whole course.
        let inSection = outline.activities(in: section)
        let position = (inSection.map(\.position).max() ?? (all.map(\.position).max() ?? -1)) + 1
        let step = try CourseActivity(courseID: courseID, sectionID: section.requireID(), key: Self.key(title, taken: Set(all.map(\.key))), position: position,
                                      kind: kind, minutes: kind == .quiz ? 10 : 20, title: [language: title], body: [:], quiz: quiz)
        do {
            try await req.db.transaction { db in
                // The steps after it move down by one, in one statement.
                if let sql = db as? any SQLDatabase {
                    try await sql.update(CourseActivity.schema)
                        .set(SQLIdentifier("position"), to: SQLBinaryExpression(SQLIdentifier("position"), .add, SQLLiteral.numeric("1")))
                        .where("course_id", .equal, courseID).where("position", .greaterThanOrEqual, position)
                        .run()
                }
                try await step.save(on: db)
            }
        } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
            return Self.back(req, outline.course.slug, language, notice: req.t("That was just added."))
        }
        try await Self.touch(outline.course, on: req.db)
        let response = req.redirect(to: SiteURL.courseStepEdit(.value(outline.course.slug), .value(step.key)).path(["lang": language]), redirectType: .normal)
        response.setNotice(req.t("The step is added. Write its content now."), for: req)
        return response
    }

    func step(_ req: Request, _ outline: CourseOutline) async throws -> CourseActivity {
        try await req.stepInPath(of: outline)
    }

    func editStep(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let step = try await step(req, outline)
        return req.render(CourseStepEditPage.view(req.pageContext(), .init(outline: outline, step: step, language: language)))
    }

    func saveStep(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let step = try await step(req, outline)
        let form = (try? req.content.decode(CourseForms.Step.self)) ?? CourseForms.Step()
        var model = CourseStepEditPage.Model(outline: outline, step: step, language: language)
        model.form = form
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 { model.errors["title"] = req.t("Give the step a title of up to 200 characters.") }
        let minutes = Int((form.minutes ?? "").trimmingCharacters(in: .whitespaces))
        if minutes == nil || !(1...600).contains(minutes ?? 0) { model.errors["minutes"] = req.t("Enter the minutes it takes, from 1 to 600.") }
        let body = (form.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if step.kind != .quiz && body.count > 100_000 { model.errors["body"] = req.t("The text can be up to 100,000 characters long.") }
        var quiz = step.quiz
        if step.kind == .quiz, let existing = step.quiz {
            let pass = Int((form.pass_percent ?? "").trimmingCharacters(in: .whitespaces))
            let attempts = Int((form.attempts ?? "").trimmingCharacters(in: .whitespaces))
            if pass == nil || !(1...100).contains(pass ?? 0) { model.errors["pass_percent"] = req.t("Enter a pass mark from 1 to 100 percent.") }
            if attempts == nil || !(1...20).contains(attempts ?? 0) { model.errors["attempts"] = req.t("Enter a number of attempts from 1 to 20.") }
            switch QuizText.parse(form.quiz ?? "", language: language, existing: existing) {
            case .success(var parsed):
                // Written in other languages too: what is right, and how many questions and
                // answers there are, must stay as it is, so no translation says otherwise.
                let others = Set(existing.questions.flatMap { $0.text.keys }).subtracting([language])
                func shape(_ quiz: QuizDefinition) -> [[Bool]] { quiz.questions.map { $0.options.map(\.correct) } }
                if !others.isEmpty && shape(parsed) != shape(existing) {
                    model.errors["quiz"] = req.t("This quiz is also written in other languages: keep the same questions, answers and right answers here, and change only their wording. To change the questions, first remove the quiz's other languages by taking the step out and adding a new one.")
                }
                parsed.passPercent = pass ?? existing.passPercent
                parsed.attempts = attempts ?? existing.attempts
                if !parsed.problems.isEmpty { model.errors["quiz"] = req.t("Each question needs its own answers, and a single-choice question exactly one right answer.") }
                quiz = parsed
            case .failure(let problems):
                model.errors["quiz"] = problems.list.map { CourseNames.problem($0, req.pageContext()) }.joined(separator: " ")
            }
        }
        guard model.errors.isEmpty else {
            return req.render(CourseStepEditPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        var titles = step.titles
        titles[language] = title
        step.titleJSON = try JSONText.encode(titles)
        if step.kind != .quiz {
            var bodies = step.bodies
            bodies[language] = body
            step.bodyJSON = try JSONText.encode(bodies)
        }
        step.quizJSON = try quiz.map(JSONText.encode)
        step.minutes = minutes ?? step.minutes
        step.required = form.required == "yes"
        try await step.save(on: req.db)
        try await Self.touch(outline.course, on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The step is saved."), anchor: "#module-" + (outline.section(of: step)?.key ?? ""))
    }

    func moveStep(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let step = try await step(req, outline)
        guard let section = outline.section(of: step) else { throw Abort(.notFound) }
        let steps = outline.activities(in: section)
        let up = (try? req.content.decode(MoveForm.self))?.direction == "up"
        if let index = steps.firstIndex(where: { $0.id == step.id }), steps.indices.contains(up ? index - 1 : index + 1) {
            let neighbour = steps[up ? index - 1 : index + 1]
            let mine = step.position
            step.position = neighbour.position
            neighbour.position = mine
            try await req.db.transaction { db in
                try await step.save(on: db)
                try await neighbour.save(on: db)
            }
        }
        try await Self.touch(outline.course, on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The order is saved."), anchor: "#module-" + section.key)
    }

    /// A step leaves the course but stays in the database: what learners did in it stays.
    func retireStep(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let step = try await step(req, outline)
        step.retired = true
        try await step.save(on: req.db)
        try await Self.touch(outline.course, on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The step is taken out of the course. What learners did in it is kept."))
    }
}
