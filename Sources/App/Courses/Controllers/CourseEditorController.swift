import Domain
import Fluent
import Foundation
import SQLKit
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
        routes.get(SiteURL.courseStepRetire(.key, .key).pathComponents, use: confirmRetireStep)
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

    func render(
        _ req: Request, _ outline: CourseOutline, _ language: String, errors: [String: String] = [:], values: [String: String] = [:],
        status: HTTPStatus = .ok
    ) -> Response {
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
        let course = try Course(
            slug: candidate, texts: .init(title: [language: title], summary: [:], audience: [:], outcomes: [:]),
            status: .draft, createdByID: try user.requireID())
        do {
            try await course.save(on: req.db)
        } catch  where (error as? any DatabaseError)?.isConstraintFailure == true {
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
            return render(
                req, outline, language, errors: ["title": req.t("Give the course a title of up to 200 characters.")],
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
            return render(
                req, outline, language, errors: ["publish": req.t("Add at least one step before publishing the course.")], status: .unprocessableEntity)
        }
        outline.course.status = .published
        outline.course.revision += 1
        try await outline.course.save(on: req.db)
        return Self.back(
            req, outline.course.slug, language, notice: req.t("The course is published (revision {number}).", ["number": String(outline.course.revision)]))
    }

    // MARK: modules

    struct ModuleForm: Content { var title: String?; var summary: String? }

    func addModule(req: Request) async throws -> Response {
        let (outline, language) = try await Self.load(req)
        let form = (try? req.content.decode(ModuleForm.self)) ?? ModuleForm()
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            return render(
                req, outline, language, errors: ["module_title": req.t("Give the module a title of up to 200 characters.")],
                values: ["module_title": form.title ?? "", "module_summary": form.summary ?? ""], status: .unprocessableEntity)
        }
        let courseID = try outline.course.requireID()
        let all = try await CourseSection.query(on: req.db).filter(\.$course.$id == courseID).all()
        let section = try CourseSection(
            courseID: courseID, key: CourseAuthoring.key(title, taken: Set(all.map(\.key))), position: (all.map(\.position).max() ?? -1) + 1,
            texts: .init(title: [language: title], summary: [language: (form.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)]))
        do {
            try await section.save(on: req.db)
        } catch  where (error as? any DatabaseError)?.isConstraintFailure == true {
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
            return render(
                req, outline, language, errors: ["module-" + section.key: req.t("Give the module a title of up to 200 characters.")],
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
            try await req.db.writeTransaction { db in
                try await section.save(on: db)
                try await neighbour.save(on: db)
            }
        }
        try await Self.touch(outline.course, on: req.db)
        return Self.back(req, outline.course.slug, language, notice: req.t("The order is saved."), anchor: "#module-" + section.key)
    }
}
