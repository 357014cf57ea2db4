import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// For editors: which chapters are missing or out of date in each language, and which
/// local edits kept a newer shipped text from being applied.
enum HandbookTranslationsPage {
    static func view(_ context: PageContext, book: HandbookBook) -> HTML {
        let languages = Domain.Language.allCases
        let diverged = book.entries.flatMap { entry in entry.texts.filter(\.isDiverged).map { (entry, $0) } }
        func status(_ entry: HandbookBook.Entry, _ language: Domain.Language) -> String {
            if language.rawValue == HandbookReading.source {
                return context.t("Source, version {version}", ["version": String(entry.texts.first { $0.language == HandbookReading.source }?.version ?? 0)])
            }
            switch HandbookReading.status(entry.texts, language: language.rawValue) {
            case .none: return context.t("Up to date")
            case .missing: return context.t("Missing")
            case .outdated: return context.t("Out of date")
            }
        }
        return Layout.page(
            context, title: context.t("Translation status"),
            .p(.class("breadcrumb"), .a(.href(SiteURL.handbook.path), .text(context.t("Handbook")))),
            .h1(.text(context.t("Translation status"))),
            .p(.class("lead"), .text(context.t("Where a translation is missing or older than the English text, readers see the English text with a notice."))),
            .div(
                .class("table-scroll"),
                .table(
                    .class("data-table translation-status"),
                    .caption(.text(context.t("Chapters by language"))),
                    .thead(
                        .tr(.th(.text(context.t("Chapter"))), .forEach(languages) { .th(.attribute(named: "lang", value: $0.rawValue), .text($0.nativeName)) })),
                    .tbody(
                        .forEach(book.entries) { entry in
                            .tr(
                                .th(
                                    .attribute(named: "scope", value: "row"),
                                    .a(.href(SiteURL.handbookChapter(.value(entry.chapter.slug)).path), .text(entry.text.title))),
                                .forEach(languages) { language in
                                    .td(
                                        .a(
                                            .href(SiteURL.handbookEdit(.value(entry.chapter.slug)).path(["language": language.rawValue])),
                                            .attribute(named: "aria-label", value: "\(entry.text.title), \(language.nativeName): \(status(entry, language))"),
                                            .text(status(entry, language))))
                                })
                        })
                )),
            .h2(.text(context.t("Local edits and newer shipped texts"))),
            .if(
                diverged.isEmpty, .p(.text(context.t("No chapter edited here has a newer shipped text waiting."))),
                else: .ul(
                    .forEach(diverged) { pair in
                        let (entry, text) = pair
                        return .li(
                            .p(
                                .text(
                                    context.t(
                                        "{chapter} ({language}): this chapter was edited here, and a newer text came with an upgrade. Your edit is kept until you choose.",
                                        ["chapter": entry.text.title, "language": Domain.Language(rawValue: text.language)?.nativeName ?? text.language]))),
                            .form(
                                .class("inline-form"), .method(.post), .action(SiteURL.handbookAcceptShipped(.value(entry.chapter.slug)).path),
                                Components.csrfField(context),
                                .input(.type(.hidden), .name("language"), .value(text.language)),
                                .button(.type(.submit), .class("button-secondary"), .text(context.t("Use the shipped text"))))
                        )
                    }))
        )
    }
}
