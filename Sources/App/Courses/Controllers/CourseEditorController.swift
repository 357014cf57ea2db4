import Domain
import Fluent
import SQLKit
import Foundation
import Vapor

/// Authoring: coordinators make a course, write its texts in each language, add, edit,
/// reorder and retire modules and steps, write quizzes as plain text, and publish. A
/// published course can be revised: changes show at once, steps are retired rather than
/// deleted, and learners keep what they have done.
struct CourseEditorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.courses.pathComponents, use: create)
        routes.get(SiteURL.courseEdit(.key).pathComponents, use: edit)
        routes.post(SiteURL.courseEdit(.key).pathComponents, use: saveCourse)
        routes.post(SiteURL.coursePublish(.key).pathComponents, use: publish)
        routes.post(SiteURL.courseModules(.key).pathComponents, use: addModule)
        routes.post(SiteURL.courseModule(.key, .key).pathComponents, use: saveModule)
        routes.post(SiteURL.courseModuleMove(.key, .key).pathComponents, use: moveModule)
        routes.post(SiteURL.courseSteps(.key).pathComponents, use: addStep)
        routes.get(SiteURL.courseStepEdit(.key, .key).pathComponents, use: editStep)
        routes.post(SiteURL.courseStepEdit(.key, .key).pathComponents, use: saveStep)
        routes.post(SiteURL.courseStepMove(.key, .key).pathComponents, use: moveStep)
        routes.post(SiteURL.courseStepRetire(.key, .key).pathComponents, use: retireStep)
    }

    /// The course being edited, after the policy has agreed; and the language edited.
    static func load(_ req: Request) async throws -> (CourseOutline, String) {
        _ = try req.requireUser()
        let slug = req.parameters.get(SiteURL.slugKey) ?? ""
        guard let outline = try await CourseOutline.load(slug: slug, on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(.authorCourse, .course(published: outline.course.status == .published))
        return (outline, language(req))
    }

    /// `?lang=` or a form's `lang`, one of the supported languages; else English.
    static func language(_ req: Request) -> String {
        let raw = req.query[String.self, at: "lang"] ?? (try? req.content.get(String.self, at: "lang")) ?? "en"
        return Domain.Language(rawValue: raw)?.rawValue ?? "en"
    }

    static func editURL(_ slug: String, _ language: String) -> String { SiteURL.courseEdit(.value(slug)).path(["lang": language]) }

    /// Records that the modules or steps changed (see `OutlineCache`).
    static func touch(_ course: Course, on db: any Database) async throws {
        course.outlineVersion += 1
        try await course.save(on: db)
    }

    static func back(_ req: Request, _ slug: String, _ language: String, notice: String, anchor: String = "") -> Response {
        let response = req.redirect(to: editURL(slug, language) + anchor, redirectType: .normal)
        response.setNotice(notice, for: req)
        return response
    }

    func render(_ req: Request, _ outline: CourseOutline, _ language: String, errors: [String: String] = [:], values: [String: String] = [:],
                status: HTTPStatus = .ok) -> Response {
        req.render(CourseEditorPage.view(req.pageContext(), .init(outline: outline, language: language, errors: errors, values: values)), status: status)
    }

    // MARK: the course

    struct NewCourseForm: Content { var title: String?; var language: String? }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.authorize(.authorCourse, .course(published: false))
        let form = (try? req.content.decode(NewCourseForm.self)) ?? NewCourseForm()
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let language = Domain.Language(rawValue: form.language ?? "")?.rawValue ?? "en"
        guard !title.isEmpty, title.count <= 200 else {
            return req.redirect(to: .courses, notice: req.t("Give the new course a title of up to 200 characters."))
        }
        var slug = Markdown.slug(title)
        if slug.isEmpty { slug = "course" }
        slug = String(slug.prefix(60))
        var candidate = slug, n = 2
        while try await Course.query(on: req.db).filter(\.$slug == candidate).count() > 0 || ["images", "elsewhere"].contains(candidate) {
            candidate = "\(slug)-\(n)"; n += 1
        }
        let course = try Course(slug: candidate, texts: .init(title: [language: title], summary: [:], audience: [:], outcomes: [:]),
                                status: .draft, createdByID: try user.requireID())
        do {
            try await course.save(on: req.db)
        } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
            // The same form sent twice at once: the other request made it.
            return req.redirect(to: .courses, notice: req.t("That course was just made; open it from the list."))
        }
        return Self.back(req, candidate, language, notice: req.t("The course is made as a draft: only authors see it until you publish it."))
    }

    func edit(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        return render(req, outline, language)
    }

    struct CourseForm: Content { var title: String?; var summary: String?; var audience: String?; var outcomes: String? }

    func saveCourse(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let form = (try? req.content.decode(CourseForm.self)) ?? CourseForm()
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            return render(req, outline, language, errors: ["title": req.t("Give the course a title of up to 200 characters.")],
                          values: ["title": form.title ?? "", "summary": form.summary ?? "", "audience": form.audience ?? "", "outcomes": form.outcomes ?? ""],
                          status: .unprocessableEntity)
        }
        var texts = outline.course.texts
        texts.title[language] = title
        texts.summary[language] = String((form.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(2000))
        texts.audience[language] = String((form.audience ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(1000))
        texts.outcomes[language] = (form.outcomes ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(20).map { String($0.prefix(500)) }
        try outline.course.setTexts(texts)
        try await outline.course.save(on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The course's texts are saved."))
    }

    func publish(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        guard !outline.activities.isEmpty else {
            return render(req, outline, language, errors: ["publish": req.t("Add at least one step before publishing the course.")], status: .unprocessableEntity)
        }
        outline.course.status = .published
        outline.course.revision += 1
        try await outline.course.save(on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The course is published (revision {number}).", ["number": String(outline.course.revision)]))
    }

    // MARK: modules

    struct ModuleForm: Content { var title: String?; var summary: String? }

    static func key(_ title: String, taken: Set<String>) -> String {
        var base = String(Markdown.slug(title).prefix(40))
        if base.isEmpty { base = "part" }
        var candidate = base, n = 2
        while taken.contains(candidate) { candidate = "\(base)-\(n)"; n += 1 }
        return candidate
    }

    func addModule(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let form = (try? req.content.decode(ModuleForm.self)) ?? ModuleForm()
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            return render(req, outline, language, errors: ["module_title": req.t("Give the module a title of up to 200 characters.")],
                          values: ["module_title": form.title ?? "", "module_summary": form.summary ?? ""], status: .unprocessableEntity)
        }
        let courseID = try outline.course.requireID()
        let all = try await CourseSection.query(on: req.db).filter(\.$course.$id == courseID).all()
        let section = try CourseSection(courseID: courseID, key: Self.key(title, taken: Set(all.map(\.key))), position: (all.map(\.position).max() ?? -1) + 1,
                                        texts: .init(title: [language: title], summary: [language: (form.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)]))
        do {
            try await section.save(on: req.db)
        } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
            return Self.back(req, outline.course.slug, language, notice: req.t("That was just added."))
        }
        try await Self.touch(outline.course, on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The module is added."), anchor: "#module-" + section.key)
    }

    func section(_ req: Request, _ outline: CourseOutline) throws -> CourseSection {
        guard let key = req.parameters.get(SiteURL.stepKey), let section = outline.sections.first(where: { $0.key == key }) else { throw Abort(.notFound) }
        return section
    }

    func saveModule(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let section = try section(req, outline)
        let form = (try? req.content.decode(ModuleForm.self)) ?? ModuleForm()
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            return render(req, outline, language, errors: ["module-" + section.key: req.t("Give the module a title of up to 200 characters.")],
                          values: ["title-" + section.key: form.title ?? "", "summary-" + section.key: form.summary ?? ""], status: .unprocessableEntity)
        }
        var texts = section.texts
        texts.title[language] = title
        texts.summary[language] = (form.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try section.setTexts(texts)
        try await section.save(on: req.db)
        try await Self.touch(outline.course, on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The module is saved."), anchor: "#module-" + section.key)
    }

    struct MoveForm: Content { var direction: String? }

    func moveModule(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let section = try section(req, outline)
        let up = (try? req.content.decode(MoveForm.self))?.direction == "up"
        guard let index = outline.sections.firstIndex(where: { $0.id == section.id }) else { throw Abort(.notFound) }
        let other = up ? index - 1 : index + 1
        if outline.sections.indices.contains(other) {
            let neighbour = outline.sections[other]
            (section.position, neighbour.position) = (neighbour.position, section.position)
            try await req.db.transaction { db in
                try await section.save(on: db)
                try await neighbour.save(on: db)
            }
        }
        try await Self.touch(outline.course, on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The order is saved."), anchor: "#module-" + section.key)
    }

    // MARK: steps

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

    struct StepForm: Content {
        var title: String?
        var body: String?
        var minutes: String?
        var required: String?
        var quiz: String?
        var pass_percent: String?
        var attempts: String?
    }

    func saveStep(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let step = try await step(req, outline)
        let form = (try? req.content.decode(StepForm.self)) ?? StepForm()
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
