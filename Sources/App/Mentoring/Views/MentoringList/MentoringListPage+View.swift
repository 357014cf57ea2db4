import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension MentoringListPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        return Layout.page(
            context, title: context.t("Mentoring"),
            .h1(.text(context.t("Mentoring"))),
            .p(.class("lead"), .text(context.t("Mentoring programmes pair experienced colleagues with those who want support, for a school year or a term."))),
            .p(.a(.href(SiteURL.handbookChapter(.value("mentoring")).path), .text(context.t("How mentoring works (handbook)")))),
            .if(
                !model.member.isEmpty,
                .section(
                    .h2(.text(context.t("Programmes I take part in"))),
                    .ul(
                        .id("my-programmes"), .class("card-list"),
                        .forEach(model.member) { item in
                            .li(
                                .a(.href(SiteURL.programme(.value(item.0.id ?? UUID())).path), .text(item.0.name)),
                                .p(.class("meta"), .text(item.1 == .mentor ? context.t("as a mentor") : context.t("as a mentee"))))
                        })
                )),
            .if(
                !model.running.isEmpty,
                .section(
                    .h2(.text(context.t("Programmes I run"))),
                    .ul(
                        .id("running-programmes"), .class("card-list"),
                        .forEach(model.running) { programme in
                            .li(
                                .a(.href(SiteURL.programme(.value(programme.id ?? UUID())).path), .text(programme.name)),
                                .p(.class("meta"), .text(programme.startsOn + " – " + programme.endsOn)))
                        })
                )),
            .if(model.member.isEmpty && model.running.isEmpty, .p(.text(context.t("You are not in any mentoring programme yet.")))),
            .if(
                !model.scopes.isEmpty,
                .section(
                    .h2(.text(context.t("Start a programme"))),
                    Components.errorSummary(context, Array(e.values).sorted()),
                    .form(
                        .id("programme-form"), .class("stack"), .method(.post), .action(SiteURL.mentoring.path),
                        Components.csrfField(context),
                        Components.selectField(
                            id: "scope", label: context.t("For"), options: model.scopes.map { ($0.value, $0.name) },
                            selected: d.scope, error: e["scope"]),
                        Components.field(.init(id: "name", label: context.t("Name"), value: d.name, error: e["name"])),
                        Components.textArea(
                            id: "goal", label: context.t("Goal"), hint: context.t("What should the pairs achieve by the end?"),
                            value: d.goal, rows: 3, error: e["goal"], language: nil),
                        Components.field(.init(id: "starts_on", label: context.t("Starts on"), type: .date, value: d.startsOn, error: e["starts_on"])),
                        Components.field(.init(id: "ends_on", label: context.t("Ends on"), type: .date, value: d.endsOn)),
                        Components.submit(context.t("Create the programme"))
                    )
                ))
        )
    }
}
