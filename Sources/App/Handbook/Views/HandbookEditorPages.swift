import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// Editing a chapter in one language: Markdown with a preview, and the English source
/// beside a translation.
enum HandbookEditPage {
    struct Draft {
        var title: String
        var summary: String
        var body: String
        var note: String
        var translationCurrent: Bool
        var baseRevision: Int
    }

    struct Model {
        var chapter: HandbookChapter
        var language: Domain.Language
        var text: HandbookText?
        var english: HandbookText?
        /// The number of the newest revision in this language (0: none yet).
        var latestRevision: Int
        var draft: Draft?
        var errors: [String: String] = [:]
        var preview = false
        var conflict = false

        static func load(_ chapter: HandbookChapter, language: Domain.Language, req: Request) async throws -> Model {
            let texts = try await HandbookText.query(on: req.db).filter(\.$chapter.$id == chapter.requireID()).all()
            let latest = try await HandbookRevision.query(on: req.db).filter(\.$chapter.$id == chapter.requireID())
                .filter(\.$language == language.rawValue).sort(\.$number, .descending).first()
            return Model(chapter: chapter, language: language, text: texts.first { $0.language == language.rawValue },
                         english: texts.first { $0.language == HandbookReading.source }, latestRevision: latest?.number ?? 0)
        }

        var isTranslation: Bool { language.rawValue != HandbookReading.source }

        /// What the form shows: the draft being worked on, else the current text, else (a
        /// new translation) the English text to translate from.
        var shown: Draft {
            if let draft { return draft }
            let source = text ?? english
            return Draft(title: source?.title ?? "", summary: source?.summary ?? "", body: source?.body ?? "", note: "",
                         translationCurrent: true, baseRevision: latestRevision)
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let draft = model.shown
        let slug = model.chapter.slug
        let title = context.t("Edit “{title}”", ["title": model.text?.title ?? model.english?.title ?? slug])
        let errors = model.errors
        return Layout.page(
            context, title: title,
            .p(.class("breadcrumb"), .a(.href(SiteURL.handbookChapter(.value(slug)).path), .text(context.t("Back to the chapter")))),
            .h1(.text(title)),
            .nav(.class("language-tabs"), .attribute(named: "aria-label", value: context.t("Language of the text")),
                 .p(.text(context.t("Language of the text:"))),
                 .ul(.forEach(Domain.Language.allCases) { language in
                     .li(language == model.language
                         ? .strong(.attribute(named: "lang", value: language.rawValue), .attribute(named: "aria-current", value: "page"), .text(language.nativeName))
                         : .a(.href(SiteURL.handbookEdit(.value(slug)).path(["language": language.rawValue])),
                              .attribute(named: "lang", value: language.rawValue), .text(language.nativeName)))
                 })),
            .if(model.text == nil && model.isTranslation,
                .p(.class("fallback-notice"), .text(context.t("There is no text in this language yet: the form starts from the English text for you to translate.")))),
            .if(model.conflict, .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                .h2(.text(context.t("Someone else saved this chapter while you were editing"))),
                .p(.text(context.t("Your text is still in the form below and nothing was saved. Open the revision history in a new tab to see their change, bring it into your text, then save again."))),
                .p(.a(.href(SiteURL.handbookHistory(.value(slug)).path(["language": model.language.rawValue])), .text(context.t("Revision history")))))),
            Components.errorSummary(context, Array(errors.values).sorted()),
            .form(
                .method(.post), .action(SiteURL.handbookEdit(.value(slug)).path), .class("stack handbook-editor"),
                Components.csrfField(context),
                .input(.type(.hidden), .name("language"), .value(model.language.rawValue)),
                .input(.type(.hidden), .name("base_revision"), .value(String(model.conflict ? model.latestRevision : draft.baseRevision))),
                Components.field(.init(id: "title", label: context.t("Title"), value: draft.title, error: errors["title"])),
                Components.textArea(id: "summary", label: context.t("Summary"), hint: context.t("One or two sentences for the contents and search results."),
                         value: draft.summary, rows: 2, error: errors["summary"], language: model.language),
                Components.textArea(id: "body", label: context.t("Text (Markdown)"),
                         hint: context.t("CommonMark: ## for a section, ### for a subsection, - for a list item, 1. for a numbered step, *emphasis*, **strong**, [link](/handbook/coaching). HTML is not shown."),
                         value: draft.body, rows: 24, error: errors["body"], language: model.language),
                Components.textArea(id: "note", label: context.t("What did you change? (optional)"), hint: nil, value: draft.note, rows: 2,
                         error: errors["note"], language: nil),
                .if(model.isTranslation, .div(
                    .class("field checkbox-field"),
                    .input(.type(.checkbox), .id("translation_current"), .name("translation_current"), .value("1"),
                           .attribute(named: "checked", value: draft.translationCurrent ? "checked" : nil)),
                    .label(.for("translation_current"), .text(context.t("This translation matches the current English text (version {version})",
                                                                        ["version": String(model.english?.version ?? 1)])))
                )),
                .div(.class("button-row"),
                     .button(.type(.submit), .name("action"), .value("preview"), .class("button-secondary"), .text(context.t("Preview"))),
                     .button(.type(.submit), .name("action"), .value("save"), .class("button-primary"), .text(context.t("Save"))))
            ),
            .if(model.preview, .section(
                .class("preview"), .attribute(named: "aria-labelledby", value: "preview-title"),
                .h2(.id("preview-title"), .text(context.t("Preview (not saved yet)"))),
                .article(.class("handbook-chapter"), .attribute(named: "lang", value: model.language.rawValue),
                         .h1(.text(draft.title)), .div(.class("prose"), .raw(HandbookPrintPage.demoted(Markdown.render(draft.body).html))))
            )),
            .if(model.isTranslation && model.english != nil, .details(
                .summary(.text(context.t("The English text, to translate from"))),
                .div(.class("prose source-text"), .attribute(named: "lang", value: "en"), .raw(HandbookPrintPage.demoted(Markdown.render(model.english?.body ?? "").html)))
            ))
        )
    }
}

/// Every revision of a chapter in one language, to compare or restore.
enum HandbookHistoryPage {
    struct Row {
        var number: Int
        var title: String
        var summary: String
        var body: String
        var origin: HandbookRevision.Origin
        var note: String
        var author: String?
        var createdAt: Date?
    }

    struct Model {
        var chapter: HandbookChapter
        var language: Domain.Language
        var title: String
        /// Newest first.
        var revisions: [Row]

        static func load(_ chapter: HandbookChapter, language: Domain.Language, req: Request) async throws -> Model {
            let revisions = try await HandbookRevision.query(on: req.db).filter(\.$chapter.$id == chapter.requireID())
                .filter(\.$language == language.rawValue).with(\.$author).sort(\.$number, .descending).all()
            let texts = try await HandbookText.query(on: req.db).filter(\.$chapter.$id == chapter.requireID()).all()
            let title = HandbookReading.displayed(texts, language: language.rawValue).text?.title ?? chapter.slug
            return Model(chapter: chapter, language: language, title: title, revisions: revisions.map {
                Row(number: $0.number, title: $0.title, summary: $0.summary, body: $0.body, origin: $0.origin, note: $0.note,
                    author: $0.author?.fullName, createdAt: $0.createdAt)
            })
        }
    }

    static func originName(_ origin: HandbookRevision.Origin, _ context: PageContext) -> String {
        switch origin {
        case .shipped: context.t("Shipped with Collegium")
        case .edited: context.t("Edited")
        case .restored: context.t("Restored")
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let slug = model.chapter.slug
        let title = context.t("Revision history of “{title}”", ["title": model.title])
        let language = model.language.rawValue
        return Layout.page(
            context, title: title,
            .p(.class("breadcrumb"), .a(.href(SiteURL.handbookChapter(.value(slug)).path), .text(context.t("Back to the chapter")))),
            .h1(.text(title)),
            .p(.text(context.t("Language of the text:") + " " + model.language.nativeName)),
            .if(model.revisions.isEmpty, .p(.text(context.t("This chapter has no text in this language yet.")))),
            .if(model.revisions.count > 1, .form(
                .method(.get), .action(SiteURL.handbookCompare(.value(slug)).path), .class("stack"),
                .input(.type(.hidden), .name("language"), .value(language)),
                Components.selectField(id: "from", label: context.t("Compare revision"),
                                       options: model.revisions.map { (String($0.number), "\($0.number)") },
                                       // Plot builds both branches of `.if`: never index past the end.
                                       selected: model.revisions.dropFirst().first.map { String($0.number) }),
                Components.selectField(id: "to", label: context.t("with revision"),
                                       options: model.revisions.map { (String($0.number), "\($0.number)") }, selected: model.revisions.first.map { String($0.number) }),
                .button(.type(.submit), .class("button-secondary"), .text(context.t("Compare")))
            )),
            .table(
                .class("data-table"),
                .caption(.text(context.t("Revisions, newest first"))),
                .thead(.tr(.th(.text(context.t("Revision"))), .th(.text(context.t("When"))), .th(.text(context.t("Who"))),
                           .th(.text(context.t("What happened"))), .th(.text(context.t("Action"))))),
                .tbody(.forEach(model.revisions.indices) { index in
                    let row = model.revisions[index]
                    return .tr(
                        .td(.text(String(row.number))),
                        .td(.text(row.createdAt.map { context.localizer.date($0, time: true) } ?? "")),
                        .td(.text(row.author ?? (row.origin == .shipped ? "Collegium" : context.t("Unknown")))),
                        .td(.text(originName(row.origin, context) + (row.note.isEmpty ? "" : ": " + row.note))),
                        .td(index == 0 ? .text(context.t("Current text")) : .form(
                            .class("inline-form"), .method(.post), .action(SiteURL.handbookRestore(.value(slug), .value(row.number)).path),
                            Components.csrfField(context),
                            .input(.type(.hidden), .name("language"), .value(language)),
                            .button(.type(.submit), .class("button-secondary"),
                                    .attribute(named: "aria-label", value: context.t("Restore revision {number}", ["number": String(row.number)])),
                                    .text(context.t("Restore")))
                        ))
                    )
                })
            )
        )
    }
}
