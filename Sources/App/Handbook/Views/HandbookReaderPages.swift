import Domain
import Foundation
import Plot

/// Small parts shared by the handbook's pages.
enum HandbookParts {
    static func searchForm(_ context: PageContext, query: String = "") -> Node<HTML.BodyContext> {
        .form(
            .class("search-form"), .method(.get), .action(SiteURL.handbookSearch.path),
            .attribute(named: "role", value: "search"),
            .label(.for("handbook-q"), .text(context.t("Search the handbook"))),
            .div(
                .class("search-row"),
                .input(.type(.search), .id("handbook-q"), .name("q"), .value(query), .attribute(named: "maxlength", value: "200")),
                .button(.type(.submit), .class("button-primary"), .text(context.t("Search"))))
        )
    }

    /// The notice shown above a chapter read in English instead of the reader's language.
    static func fallbackNotice(_ context: PageContext, _ fallback: HandbookReading.Fallback) -> Node<HTML.BodyContext> {
        switch fallback {
        case .none:
            return .empty
        case .missing:
            return .p(
                .class("fallback-notice"), .attribute(named: "role", value: "note"), .attribute(named: "lang", value: context.localizer.language.rawValue),
                .text(context.t("This chapter has not been translated into your language yet, so it is shown in English.")))
        case .outdated:
            return .p(
                .class("fallback-notice"), .attribute(named: "role", value: "note"), .attribute(named: "lang", value: context.localizer.language.rawValue),
                .text(context.t("The translation of this chapter is older than the English text, so the current English text is shown.")))
        }
    }

    /// `lang` on content shown in another language than the page (WCAG 3.1.2).
    static func languageAttribute<C>(_ context: PageContext, _ text: HandbookText) -> Node<C> {
        .if(text.language != context.localizer.language.rawValue, .attribute(named: "lang", value: text.language))
    }
}

/// The table of contents.
enum HandbookIndexPage {
    static func view(_ context: PageContext, book: HandbookBook, mayEdit: Bool) -> HTML {
        Layout.page(
            context, title: context.t("Handbook"),
            .h1(.text(context.t("Handbook"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "How to introduce each form of collegial support in a school: purpose, roles, steps, ready protocols, pitfalls and how to tell whether it works."
                    ))),
            HandbookParts.searchForm(context),
            .h2(.text(context.t("Contents"))),
            .if(book.entries.isEmpty, .p(.text(context.t("The handbook has no chapters yet.")))),
            .ol(
                .class("handbook-contents"),
                .forEach(book.entries) { entry in
                    .li(
                        .a(
                            .href(SiteURL.handbookChapter(.value(entry.chapter.slug)).path), HandbookParts.languageAttribute(context, entry.text),
                            .text(entry.text.title)),
                        .if(entry.fallback != .none, .span(.class("badge"), .text(" " + context.t("in English")))),
                        .if(mayEdit && !entry.chapter.isPublic, .span(.class("badge"), .text(" " + context.t("members only")))),
                        .p(.class("hint"), HandbookParts.languageAttribute(context, entry.text), .text(entry.text.summary))
                    )
                }),
            .ul(
                .class("actions-list"),
                .li(.a(.href(SiteURL.handbookPrint.path), .text(context.t("Print the whole handbook")))),
                .if(mayEdit, .li(.a(.href(SiteURL.handbookTranslations.path), .text(context.t("Translation status")))))
            )
        )
    }
}

/// One chapter, with its sections, the chapters before and after, and the editor's tools.
enum HandbookChapterPage {
    static func view(_ context: PageContext, book: HandbookBook, position: Int, mayEdit: Bool) -> HTML {
        let entry = book.entries[position]
        let rendered = Markdown.render(entry.text.body)
        let previous = position > 0 ? book.entries[position - 1] : nil
        let next = position + 1 < book.entries.count ? book.entries[position + 1] : nil
        let slug = entry.chapter.slug
        let sections = rendered.headings.filter { $0.level == 2 }
        return Layout.page(
            context, title: entry.text.title,
            .p(.class("breadcrumb"), .a(.href(SiteURL.handbook.path), .text(context.t("Handbook")))),
            .article(
                .class("handbook-chapter"), HandbookParts.languageAttribute(context, entry.text),
                .h1(.text(entry.text.title)),
                HandbookParts.fallbackNotice(context, entry.fallback),
                .if(
                    !sections.isEmpty,
                    .nav(
                        .class("chapter-toc"), .attribute(named: "aria-label", value: context.t("In this chapter")),
                        .h2(.class("toc-title"), .text(context.t("In this chapter"))),
                        .ul(.forEach(sections) { .li(.a(.href("#" + $0.anchor), .text($0.text))) })
                    )),
                .unwrap(practiceLink(entry.chapter.practice, context)) { link in
                    .aside(
                        .class("practice-link"), .attribute(named: "aria-label", value: context.t("In Collegium")),
                        .p(.strong(.text(context.t("In Collegium") + ": ")), link))
                },
                .div(.class("prose"), .raw(rendered.html))
            ),
            .nav(
                .class("chapter-pager"), .attribute(named: "aria-label", value: context.t("Chapters")),
                .unwrap(previous) { p in
                    .a(
                        .class("pager-previous"), .href(SiteURL.handbookChapter(.value(p.chapter.slug)).path), .attribute(named: "rel", value: "prev"),
                        .span(.class("pager-label"), .text(context.t("Previous chapter"))), .text(" "), .span(.text(p.text.title)))
                },
                .unwrap(next) { n in
                    .a(
                        .class("pager-next"), .href(SiteURL.handbookChapter(.value(n.chapter.slug)).path), .attribute(named: "rel", value: "next"),
                        .span(.class("pager-label"), .text(context.t("Next chapter"))), .text(" "), .span(.text(n.text.title)))
                }
            ),
            .ul(
                .class("actions-list"),
                .li(.a(.href(SiteURL.handbookChapterPrint(.value(slug)).path), .text(context.t("Print this chapter")))),
                .if(
                    mayEdit,
                    .group(
                        .li(.a(.href(SiteURL.handbookEdit(.value(slug)).path), .text(context.t("Edit this chapter")))),
                        .li(.a(.href(SiteURL.handbookHistory(.value(slug)).path), .text(context.t("Revision history"))))
                    ))
            ),
            .if(
                mayEdit,
                .form(
                    .class("inline-form"), .method(.post), .action(SiteURL.handbookVisibility(.value(slug)).path),
                    Components.csrfField(context),
                    .input(.type(.hidden), .name("public"), .value(entry.chapter.isPublic ? "0" : "1")),
                    .p(
                        .class("hint"),
                        .text(
                            entry.chapter.isPublic
                                ? context.t("Anyone can read this chapter, without logging in.")
                                : context.t("Only people with an account can read this chapter."))),
                    .button(
                        .type(.submit), .class("button-secondary"),
                        .text(entry.chapter.isPublic ? context.t("Make it members only") : context.t("Make it public")))
                ))
        )
    }
}

extension HandbookChapterPage {
    /// Where the chapter's form of support is started in Collegium, for the forms built so far.
    static func practiceLink(_ practice: String?, _ context: PageContext) -> Node<HTML.BodyContext>? {
        switch practice {
        case "consultation": .a(.id("start-practice"), .href(SiteURL.supportAsk.path), .text(context.t("Ask a colleague")))
        case "coaching": .a(.id("start-practice"), .href(SiteURL.coachingRequestNew.path), .text(context.t("Ask for coaching")))
        case "mentoring": .a(.id("start-practice"), .href(SiteURL.mentoring.path), .text(context.t("Mentoring programmes")))
        case "peer-observation": .a(.id("start-practice"), .href(SiteURL.observationNew.path), .text(context.t("Start a peer observation")))
        case "study-groups": .a(.id("start-practice"), .href(SiteURL.groupNew.path(["kind": "study_group"])), .text(context.t("Start a study group")))
        case "supervision":
            .a(
                .id("start-practice"), .href(SiteURL.groupNew.path(["kind": "supervision"])),
                .text(context.t("Start a supervision or intervision group")))
        case "intervision":
            .a(
                .id("start-practice"), .href(SiteURL.groupNew.path(["kind": "intervision"])),
                .text(context.t("Start a supervision or intervision group")))
        default: nil
        }
    }
}

/// A chapter or the whole book laid out for paper: the page's own print styles hide the
/// site's header and navigation and start each chapter on a new page.
enum HandbookPrintPage {
    static func view(_ context: PageContext, entries: [HandbookBook.Entry], wholeBook: Bool) -> HTML {
        let title = wholeBook ? context.t("Handbook") : (entries.first?.text.title ?? context.t("Handbook"))
        return Layout.page(
            context, title: title,
            .div(
                .class("print-view"),
                .p(.class("no-print hint"), .text(context.t("This page is laid out for printing: use your browser's Print command (Ctrl+P or ⌘P)."))),
                .if(
                    wholeBook,
                    .group(
                        .h1(.text(context.t("Collegium handbook"))),
                        .h2(.text(context.t("Contents"))),
                        .ol(.forEach(entries) { .li(.a(.href("#chapter-" + $0.chapter.slug), .text($0.text.title))) })
                    )),
                .forEach(entries) { entry in
                    .article(
                        .class("print-chapter"), .id("chapter-" + entry.chapter.slug), HandbookParts.languageAttribute(context, entry.text),
                        wholeBook ? .h2(.class("print-chapter-title"), .text(entry.text.title)) : .h1(.text(entry.text.title)),
                        HandbookParts.fallbackNotice(context, entry.fallback),
                        // In the book, a chapter's own headings go one level down.
                        .div(.class("prose"), .raw(wholeBook ? demoted(Markdown.render(entry.text.body).html) : Markdown.render(entry.text.body).html))
                    )
                }
            )
        )
    }

    /// `<h2>` → `<h3>` and so on, so the book keeps one outline (WCAG 1.3.1).
    static func demoted(_ html: String) -> String {
        var result = html
        for level in stride(from: 5, through: 1, by: -1) {
            result = result.replacingOccurrences(of: "<h\(level) ", with: "<h\(level + 1) ")
                .replacingOccurrences(of: "<h\(level)>", with: "<h\(level + 1)>")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 1)>")
        }
        return result
    }
}

/// Search results with the matching words marked.
enum HandbookSearchPage {
    static func view(_ context: PageContext, query: String, results: [HandbookResults.Result]) -> HTML {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        return Layout.page(
            context,
            title: trimmed.isEmpty ? context.t("Search the handbook") : context.t("Search results for “{query}”", ["query": String(trimmed.prefix(200))]),
            .p(.class("breadcrumb"), .a(.href(SiteURL.handbook.path), .text(context.t("Handbook")))),
            .h1(.text(context.t("Search the handbook"))),
            HandbookParts.searchForm(context, query: query),
            .if(
                !trimmed.isEmpty,
                .group(
                    .p(
                        .attribute(named: "role", value: "status"),
                        .text(context.localizer.tn("{count} chapter found.", "{count} chapters found.", count: results.count))),
                    .ol(
                        .class("search-results"),
                        .forEach(results) { result in
                            .li(
                                .h2(.a(.href(SiteURL.handbookChapter(.value(result.slug)).path), .text(result.title))),
                                .p(
                                    .class("snippet"),
                                    .forEach(result.snippet.indices) { index in
                                        let piece = result.snippet[index]
                                        return piece.1 ? .element(named: "mark", text: piece.0) : .text(piece.0)
                                    })
                            )
                        })
                ))
        )
    }
}
