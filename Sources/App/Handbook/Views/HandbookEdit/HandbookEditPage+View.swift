import Domain
import Foundation
import Plot

extension HandbookEditPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let draft = model.shown
        let slug = model.chapter.slug
        let title = context.t("Edit “{title}”", ["title": model.text?.title ?? model.english?.title ?? slug])
        let errors = model.errors
        return Layout.page(
            context, title: title,
            .p(.class("breadcrumb"), .a(.href(SiteURL.handbookChapter(.value(slug)).path), .text(context.t("Back to the chapter")))),
            .h1(.text(title)),
            .nav(
                .class("language-tabs"), .attribute(named: "aria-label", value: context.t("Language of the text")),
                .p(.text(context.t("Language of the text:"))),
                .ul(
                    .forEach(Domain.Language.allCases) { language in
                        .li(
                            language == model.language
                                ? .strong(
                                    .attribute(named: "lang", value: language.rawValue), .attribute(named: "aria-current", value: "page"),
                                    .text(language.nativeName))
                                : .a(
                                    .href(SiteURL.handbookEdit(.value(slug)).path(["language": language.rawValue])),
                                    .attribute(named: "lang", value: language.rawValue), .text(language.nativeName)))
                    })),
            .if(
                model.text == nil && model.isTranslation,
                .p(
                    .class("fallback-notice"),
                    .text(context.t("There is no text in this language yet: the form starts from the English text for you to translate.")))),
            .if(
                model.conflict,
                .div(
                    .class("error-summary"), .attribute(named: "role", value: "alert"),
                    .h2(.text(context.t("Someone else saved this chapter while you were editing"))),
                    .p(
                        .text(
                            context.t(
                                "Your text is still in the form below and nothing was saved. Open the revision history in a new tab to see their change, bring it into your text, then save again."
                            ))),
                    .p(.a(.href(SiteURL.handbookHistory(.value(slug)).path(["language": model.language.rawValue])), .text(context.t("Revision history")))))),
            Components.errorSummary(context, Array(errors.values).sorted()),
            .form(
                .method(.post), .action(SiteURL.handbookEdit(.value(slug)).path), .class("stack handbook-editor"),
                Components.csrfField(context),
                .input(.type(.hidden), .name("language"), .value(model.language.rawValue)),
                .input(.type(.hidden), .name("base_revision"), .value(String(model.conflict ? model.latestRevision : draft.baseRevision))),
                Components.field(.init(id: "title", label: context.t("Title"), value: draft.title, error: errors["title"])),
                Components.textArea(
                    id: "summary", label: context.t("Summary"), hint: context.t("One or two sentences for the contents and search results."),
                    value: draft.summary, rows: 2, error: errors["summary"], language: model.language),
                Components.textArea(
                    id: "body", label: context.t("Text (Markdown)"),
                    hint: context.t(
                        "CommonMark: ## for a section, ### for a subsection, - for a list item, 1. for a numbered step, *emphasis*, **strong**, [link](/handbook/coaching). HTML is not shown."
                    ),
                    value: draft.body, rows: 24, error: errors["body"], language: model.language),
                Components.textArea(
                    id: "note", label: context.t("What did you change? (optional)"), hint: nil, value: draft.note, rows: 2,
                    error: errors["note"], language: nil),
                .if(
                    model.isTranslation,
                    .div(
                        .class("field checkbox-field"),
                        .input(
                            .type(.checkbox), .id("translation_current"), .name("translation_current"), .value("1"),
                            .attribute(named: "checked", value: draft.translationCurrent ? "checked" : nil)),
                        .label(
                            .for("translation_current"),
                            .text(
                                context.t(
                                    "This translation matches the current English text (version {version})",
                                    ["version": String(model.english?.version ?? 1)])))
                    )),
                .div(
                    .class("button-row"),
                    .button(.type(.submit), .name("action"), .value("preview"), .class("button-secondary"), .text(context.t("Preview"))),
                    .button(.type(.submit), .name("action"), .value("save"), .class("button-primary"), .text(context.t("Save"))))
            ),
            .if(
                model.preview,
                .section(
                    .class("preview"), .attribute(named: "aria-labelledby", value: "preview-title"),
                    .h2(.id("preview-title"), .text(context.t("Preview (not saved yet)"))),
                    .article(
                        .class("handbook-chapter"), .attribute(named: "lang", value: model.language.rawValue),
                        .h1(.text(draft.title)), .div(.class("prose"), .raw(HandbookPrintPage.demoted(Markdown.render(draft.body).html))))
                )),
            .if(
                model.isTranslation && model.english != nil,
                .details(
                    .summary(.text(context.t("The English text, to translate from"))),
                    .div(
                        .class("prose source-text"), .attribute(named: "lang", value: "en"),
                        .raw(HandbookPrintPage.demoted(Markdown.render(model.english?.body ?? "").html)))
                ))
        )
    }
}
