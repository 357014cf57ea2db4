import Domain
import Fluent
import Vapor

/// Coordinators' and admins' tools: edit a chapter in any language with a preview, keep
/// and compare revisions, restore one, choose who may read a chapter, see what is missing
/// or out of date in each language, and take a newer shipped text over a local edit.
struct HandbookEditorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.handbookTranslations.pathComponents, use: translations)
        routes.get(SiteURL.handbookEdit(.key).pathComponents, use: edit)
        routes.post(SiteURL.handbookEdit(.key).pathComponents, use: save)
        routes.get(SiteURL.handbookHistory(.key).pathComponents, use: history)
        routes.get(SiteURL.handbookCompare(.key).pathComponents, use: compare)
        routes.post(SiteURL.handbookRestore(.key, .key).pathComponents, use: restore)
        routes.post(SiteURL.handbookVisibility(.key).pathComponents, use: visibility)
        routes.post(SiteURL.handbookAcceptShipped(.key).pathComponents, use: acceptShipped)
    }

    /// Every editor action starts here: signed in, allowed to edit, and a chapter that exists.
    static func editableChapter(_ req: Request) async throws -> HandbookChapter {
        _ = try req.requireUser()
        try await req.authorize(.editHandbook, .handbook(isPublic: true))
        guard let slug = req.parameters.get(SiteURL.slugKey),
            let chapter = try await HandbookChapter.query(on: req.db).filter(\.$slug == slug).first()
        else { throw Abort(.notFound) }
        return chapter
    }

    /// The language asked for with `?language=`, else the editor's own.
    static func language(_ req: Request) throws -> Language {
        guard let raw = try? req.query.get(String.self, at: "language") else { return req.localizer.language }
        guard let language = Language(rawValue: raw) else { throw Abort(.badRequest, reason: req.t("That language is not one Collegium supports.")) }
        return language
    }

    /// The language a form names in its `language` field.
    static func formLanguage(_ raw: String?, _ req: Request) throws -> Language {
        guard let language = raw.flatMap(Language.init(rawValue:)) else {
            throw Abort(.badRequest, reason: req.t("That language is not one Collegium supports."))
        }
        return language
    }

    func edit(req: Request) async throws -> Response {
        let chapter = try await Self.editableChapter(req)
        let language = try Self.language(req)
        let model = try await HandbookEditPage.Model.load(chapter, language: language, on: req.db)
        return req.render(HandbookEditPage.view(req.pageContext(), model))
    }

    struct EditForm: Content {
        var language: String?
        var title: String?
        var summary: String?
        var body: String?
        var note: String?
        var translation_current: String?
        var base_revision: String?
        var action: String?
    }

    func save(req: Request) async throws -> Response {
        let chapter = try await Self.editableChapter(req)
        let form = try req.content.decode(EditForm.self)
        let language = try Self.formLanguage(form.language, req)
        var model = try await HandbookEditPage.Model.load(chapter, language: language, on: req.db)
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let summary = (form.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let body = (form.body ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        model.draft = .init(
            title: title, summary: summary, body: body, note: note,
            translationCurrent: form.translation_current != nil, baseRevision: Int(form.base_revision ?? "") ?? 0)
        if title.isEmpty { model.errors["title"] = req.t("Give the chapter a title.") }
        if title.count > 200 { model.errors["title"] = req.t("Keep the title under 200 characters.") }
        if summary.count > 500 { model.errors["summary"] = req.t("Keep the summary under 500 characters.") }
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { model.errors["body"] = req.t("Write the chapter's text.") }
        if body.count > 200_000 { model.errors["body"] = req.t("A chapter can hold up to 200,000 characters; split this one into two.") }
        if note.count > 500 { model.errors["note"] = req.t("Keep the note under 500 characters.") }
        guard model.errors.isEmpty else {
            return req.render(HandbookEditPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        if form.action == "preview" {
            model.preview = true
            return req.render(HandbookEditPage.view(req.pageContext(), model))
        }
        // Someone else saved since this form was opened: keep this draft on screen and say so,
        // rather than silently replacing their text.
        if model.draft?.baseRevision != model.latestRevision {
            model.conflict = true
            return req.render(HandbookEditPage.view(req.pageContext(), model), status: .conflict)
        }
        try await HandbookLibrary.save(
            chapter: chapter, language: language.rawValue, title: title, summary: summary, body: body,
            note: note, translationCurrent: form.translation_current != nil, origin: .edited,
            authorID: try req.requireUser().requireID(), on: req.db)
        return req.redirect(to: .handbookChapter(.value(chapter.slug)), notice: req.t("Chapter saved. The previous text is kept in the revision history."))
    }

    func history(req: Request) async throws -> Response {
        let chapter = try await Self.editableChapter(req)
        let language = try Self.language(req)
        let model = try await HandbookHistoryPage.Model.load(chapter, language: language, on: req.db)
        return req.render(HandbookHistoryPage.view(req.pageContext(), model))
    }

    func compare(req: Request) async throws -> Response {
        let chapter = try await Self.editableChapter(req)
        let language = try Self.language(req)
        let history = try await HandbookHistoryPage.Model.load(chapter, language: language, on: req.db)
        let numbers = history.revisions.map(\.number)
        guard let newest = numbers.first else { throw Abort(.notFound) }
        let from = (try? req.query.get(Int.self, at: "from")) ?? (numbers.count > 1 ? numbers[1] : newest)
        let to = (try? req.query.get(Int.self, at: "to")) ?? newest
        guard let old = history.revisions.first(where: { $0.number == from }),
            let new = history.revisions.first(where: { $0.number == to })
        else { throw Abort(.notFound) }
        return req.render(HandbookComparePage.view(req.pageContext(), history: history, old: old, new: new))
    }

    func restore(req: Request) async throws -> Response {
        let chapter = try await Self.editableChapter(req)
        struct RestoreForm: Content { var language: String? }
        let language = try Self.formLanguage(try req.content.decode(RestoreForm.self).language, req)
        guard let number = req.parameters.get(SiteURL.numberKey, as: Int.self),
            let revision = try await HandbookRevision.query(on: req.db).filter(\.$chapter.$id == chapter.requireID())
                .filter(\.$language == language.rawValue).filter(\.$number == number).first()
        else { throw Abort(.notFound) }
        try await HandbookLibrary.save(
            chapter: chapter, language: language.rawValue, title: revision.title, summary: revision.summary,
            body: revision.body, note: req.t("Revision {number} restored", ["number": String(number)]),
            translationCurrent: false, origin: .restored, authorID: try req.requireUser().requireID(), on: req.db)
        return req.redirect(
            to: .handbookChapter(.value(chapter.slug)),
            notice: req.t(
                "Revision {number} restored. It is now the chapter's text, and the text it replaced is kept in the history.", ["number": String(number)]))
    }

    func visibility(req: Request) async throws -> Response {
        let chapter = try await Self.editableChapter(req)
        struct VisibilityForm: Content { var `public`: String? }
        let form = try req.content.decode(VisibilityForm.self)
        chapter.isPublic = form.public == "1"
        try await chapter.save(on: req.db)
        return req.redirect(
            to: .handbookChapter(.value(chapter.slug)),
            notice: chapter.isPublic ? req.t("The chapter is public: anyone can read it.") : req.t("The chapter is for members only."))
    }

    func acceptShipped(req: Request) async throws -> Response {
        let chapter = try await Self.editableChapter(req)
        struct ShippedForm: Content { var language: String? }
        let language = try Self.formLanguage(try req.content.decode(ShippedForm.self).language, req)
        guard
            let text = try await HandbookText.query(on: req.db).filter(\.$chapter.$id == chapter.requireID())
                .filter(\.$language == language.rawValue).first(), text.isDiverged
        else { throw Abort(.notFound) }
        try await HandbookLibrary.acceptShipped(chapter: chapter, text: text, authorID: try req.requireUser().requireID(), on: req.db)
        return req.redirect(to: .handbookTranslations, notice: req.t("The shipped text is now the chapter's text; the local edit is kept in the history."))
    }

    func translations(req: Request) async throws -> Response {
        _ = try req.requireUser()
        try await req.authorize(.editHandbook, .handbook(isPublic: true))
        let book = try await HandbookBook.load(language: req.localizer.language.rawValue, includePrivate: true, on: req.db)
        return req.render(HandbookTranslationsPage.view(req.pageContext(), book: book))
    }
}
