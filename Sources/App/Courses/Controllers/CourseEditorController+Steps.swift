import Domain
import Fluent
import Foundation
import Vapor

/// Writing a course's steps: adding one, its content, its order, retiring it.
extension CourseEditorController {
    func addStep(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let form = (try? req.content.decode(CourseForms.NewStep.self)) ?? CourseForms.NewStep()
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let section = outline.sections.first(where: { $0.key == form.module }), let kind = ActivityKind(rawValue: form.kind ?? "") else {
            throw Abort(.badRequest, reason: req.t("Choose a module and a kind of step."))
        }
        guard !title.isEmpty, title.count <= 200 else {
            return render(
                req, outline, language, errors: ["step-" + section.key: req.t("Give the step a title of up to 200 characters.")],
                values: ["step-title-" + section.key: form.title ?? ""], status: .unprocessableEntity)
        }
        let quiz = kind == .quiz ? CourseAuthoring.starterQuiz(language: language, req.localizer) : nil
        guard let step = try await CourseAuthoring.addStep(kind, title: title, language: language, quiz: quiz, to: section, of: outline, on: req.db) else {
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
        let (content, errors) = form.validated(for: step, language: language, req.pageContext())
        guard let content else {
            model.errors = errors
            return req.render(CourseStepEditPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await CourseAuthoring.save(content, to: step, language: language, on: req.db)
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
            try await req.db.writeTransaction { db in
                try await step.save(on: db)
                try await neighbour.save(on: db)
            }
        }
        try await Self.touch(outline.course, on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The order is saved."), anchor: "#module-" + section.key)
    }

    /// Asks first (`ConfirmPage`): learners lose the step at once, and it does not come back.
    func confirmRetireStep(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let step = try await step(req, outline)
        let slug = outline.course.slug
        let title = step.titles.text(language, fallback: "en")
        return req.confirm(
            req.t("Take “{title}” out of the course?", ["title": title]),
            consequences: [
                req.t("Learners no longer see it, nor what they did in it, and completing the course and its progress no longer count it."),
                req.t("What they did in it (answers, quiz attempts, reflections) stays on record, and in each learner's own data export."),
                req.t("It cannot be put back: to offer it again, add it as a new step."),
            ],
            action: .courseStepRetire(.value(slug), .value(step.key)), confirmLabel: req.t("Take it out"),
            back: .courseEdit(.value(slug)), query: ["lang": language])
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
