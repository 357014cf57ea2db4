import Domain
import Foundation
import Plot

extension HandbookHistoryPage {
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
            .if(
                model.revisions.count > 1,
                .form(
                    .method(.get), .action(SiteURL.handbookCompare(.value(slug)).path), .class("stack"),
                    .input(.type(.hidden), .name("language"), .value(language)),
                    Components.selectField(
                        id: "from", label: context.t("Compare revision"),
                        options: model.revisions.map { (String($0.number), "\($0.number)") },
                        // Plot builds both branches of `.if`: never index past the end.
                        selected: model.revisions.dropFirst().first.map { String($0.number) }),
                    Components.selectField(
                        id: "to", label: context.t("with revision"),
                        options: model.revisions.map { (String($0.number), "\($0.number)") }, selected: model.revisions.first.map { String($0.number) }),
                    .button(.type(.submit), .class("button-secondary"), .text(context.t("Compare")))
                )),
            .table(
                .class("data-table"),
                .caption(.text(context.t("Revisions, newest first"))),
                .thead(
                    .tr(
                        .th(.text(context.t("Revision"))), .th(.text(context.t("When"))), .th(.text(context.t("Who"))),
                        .th(.text(context.t("What happened"))), .th(.text(context.t("Action"))))),
                .tbody(
                    .forEach(model.revisions.indices) { index in
                        let row = model.revisions[index]
                        return .tr(
                            .td(.text(String(row.number))),
                            .td(.text(row.createdAt.map { context.localizer.date($0, time: true) } ?? "")),
                            .td(.text(row.author ?? (row.origin == .shipped ? "Collegium" : context.t("Unknown")))),
                            .td(.text(originName(row.origin, context) + (row.note.isEmpty ? "" : ": " + row.note))),
                            .td(
                                index == 0
                                    ? .text(context.t("Current text"))
                                    : .form(
                                        .class("inline-form"), .method(.post), .action(SiteURL.handbookRestore(.value(slug), .value(row.number)).path),
                                        Components.csrfField(context),
                                        .input(.type(.hidden), .name("language"), .value(language)),
                                        .button(
                                            .type(.submit), .class("button-secondary"),
                                            .attribute(named: "aria-label", value: context.t("Restore revision {number}", ["number": String(row.number)])),
                                            .text(context.t("Restore")))
                                    ))
                        )
                    })
            )
        )
    }
}
