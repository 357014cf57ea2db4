import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension AskPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        return Layout.page(
            context, title: context.t("Ask a colleague"),
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support")))),
            .h1(.text(context.t("Ask a colleague"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "Colleagues who offered help on the topic, and the school's support staff, see your question. The first to take it continues the conversation with you. Your school's leaders do not see it."
                    ))),
            .p(.a(.href(SiteURL.handbookChapter(.value("consultation")).path), .text(context.t("How consultation between colleagues works (handbook)")))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("ask-form"), .class("stack"), .method(.post), .action(SiteURL.supportAsk.path),
                Components.csrfField(context),
                model.schools.count == 1
                    ? .input(.type(.hidden), .name("school"), .value(model.schools[0].id?.uuidString ?? ""))
                    : Components.selectField(
                        id: "school", label: context.t("School"),
                        options: model.schools.map { ($0.id?.uuidString ?? "", $0.name) }, selected: d.school, error: e["school"]),
                Components.selectField(
                    id: "topic", label: context.t("What is it about?"),
                    options: [("", context.t("Choose a topic"))] + HelpTopic.allCases.map { ($0.rawValue, PracticeNames.topic($0, context)) },
                    selected: d.topic, error: e["topic"]),
                Components.selectField(
                    id: "urgency", label: context.t("How soon do you need an answer?"),
                    options: HelpUrgency.allCases.map { ($0.rawValue, PracticeNames.urgency($0, context)) },
                    selected: d.urgency, error: e["urgency"]),
                Components.textArea(
                    id: "question", label: context.t("Your question"),
                    hint: context.t("A few sentences: what happens, what you have tried, what you would like to talk about. Leave out pupils' names."),
                    value: d.question, rows: 6, error: e["question"], language: nil),
                .div(
                    .class("field checkbox-field"),
                    .input(
                        .type(.checkbox), .id("show_name"), .name("show_name"), .value("1"),
                        .attribute(named: "checked", value: d.showName ? "checked" : nil)),
                    .label(
                        .for("show_name"),
                        .text(context.t("Show my name to the colleagues who can take it (if you do not, not even the one who takes it learns it)")))),
                Components.submit(context.t("Send my question"))
            )
        )
    }
}
