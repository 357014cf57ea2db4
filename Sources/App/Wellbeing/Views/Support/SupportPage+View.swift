import Domain
import Plot

extension SupportPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("Where to find support"),
            .h1(.text(context.t("Where to find support"))),
            section(context, model))
    }

    static func section(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let l = context.localizer
        return .section(
            .id("support"), .class("support"), .attribute(named: "aria-labelledby", value: "support-heading"),
            .h2(.id("support-heading"), .text(context.t("You do not have to carry this alone"))),
            .p(
                .text(
                    context.t(
                        "Hard weeks happen to everyone who works with people. Talking to someone early helps more than waiting until it passes. Nobody at your school is told about your check-in; reaching out is your choice."
                    ))),
            .if(
                !model.supporters.isEmpty,
                .group(
                    .h3(.text(context.t("Colleagues whose role is to support staff"))),
                    .ul(
                        .id("supporters"),
                        .forEach(model.supporters) { person in
                            .li(
                                .text("\(person.name) — \(RoleNames.name(person.role, l)), \(person.school) — "),
                                .a(.href("mailto:\(person.email)"), .text(person.email)))
                        })
                )),
            .if(
                !model.helpLines.isEmpty,
                .group(
                    .h3(.text(context.t("Help lines"))),
                    .forEach(model.helpLines) { entry in
                        .group(.p(.text(entry.school)), .ul(.class("help-lines"), .forEach(entry.lines) { .li(.text($0)) }))
                    }
                )),
            .h3(.text(context.t("Other ways colleagues can help"))),
            .ul(
                .li(.text(context.t("Ask a colleague you trust for a short conversation: a walk, a coffee, ten minutes after lessons."))),
                .li(
                    .text(
                        context.t(
                            "Ask your school for a coach or a mentor: someone outside your line of management who listens and helps you find your own next step."
                        ))),
                .li(.text(context.t("If you feel unable to cope, or think of harming yourself, contact your doctor or local emergency services now.")))
            )
        )
    }
}
