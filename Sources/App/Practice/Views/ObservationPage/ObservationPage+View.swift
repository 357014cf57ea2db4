import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension ObservationPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        return Layout.page(
            context, title: context.t("Start a peer observation"),
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support")))),
            .h1(.text(context.t("Start a peer observation"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "You choose what you want to learn about your own teaching; a colleague observes with that focus and writes down what happens, never a grade. You talk before and after, then you write what you will try next."
                    ))),
            .p(.a(.href(SiteURL.handbookChapter(.value("peer-observation")).path), .text(context.t("How peer observation works (handbook)")))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("observation-form"), .class("stack"), .method(.post), .action(SiteURL.observationNew.path),
                Components.csrfField(context),
                model.schools.count == 1
                    ? .input(.type(.hidden), .name("school"), .value(model.schools[0].id?.uuidString ?? ""))
                    : Components.selectField(
                        id: "school", label: context.t("School"),
                        options: model.schools.map { ($0.id?.uuidString ?? "", $0.name) }, selected: d.school, error: e["school"]),
                .fieldset(
                    .class("question"), .element(named: "legend", text: context.t("Who observes (one, or two for a triad)")),
                    .unwrap(e["observers"]) { .p(.class("field-error"), .text($0)) },
                    .div(
                        .class("choices observers"),
                        .forEach(model.colleagues) { colleague in
                            .label(
                                .input(
                                    .type(.checkbox), .name("observers[]"), .value(colleague.id.uuidString),
                                    .attribute(named: "checked", value: d.observers.contains(colleague.id) ? "checked" : nil)),
                                .text(colleague.name))
                        })),
                Components.textArea(
                    id: "focus", label: context.t("My focus: what I want to learn about my teaching"),
                    hint: context.t("For example: which pupils answer my questions, and which never do?"),
                    value: d.focus, rows: 3, error: e["focus"], language: nil),
                .fieldset(
                    .class("question"), .element(named: "legend", text: context.t("Protocol")),
                    .unwrap(e["protocol"]) { .p(.class("field-error"), .text($0)) },
                    .forEach(ObservationProtocol.allCases) { p in
                        .div(
                            .class("protocol-choice"),
                            .label(
                                .input(
                                    .type(.radio), .name("protocol"), .value(p.rawValue),
                                    .attribute(named: "checked", value: d.protocol == p.rawValue ? "checked" : nil)),
                                .strong(.text(ObservationNames.name(p, context)))),
                            .ul(.class("hint"), .forEach(ObservationNames.lookFors(p, context)) { .li(.text($0)) }))
                    },
                    .forEach(model.schoolProtocols) { p in
                        let value = "school:" + (p.id?.uuidString ?? "")
                        let school = model.schools.count > 1 ? model.schools.first { $0.id == p.$school.id }?.name : nil
                        return .div(
                            .class("protocol-choice"),
                            .label(
                                .input(
                                    .type(.radio), .name("protocol"), .value(value),
                                    .attribute(named: "checked", value: d.protocol == value ? "checked" : nil)),
                                .strong(.text(p.name)),
                                .text(" (" + (school.map { context.t("written by {school}", ["school": $0]) } ?? context.t("written by your school")) + ")")),
                            .ul(.class("hint"), .forEach(p.lookFors) { .li(.text($0)) }))
                    },
                    .p(
                        .a(
                            .id("school-protocols-link"), .href(SiteURL.observationProtocols.path),
                            .text(context.t("Your school's own protocols: see them or write one"))))),
                Components.submit(context.t("Start the cycle"))
            )
        )
    }
}
