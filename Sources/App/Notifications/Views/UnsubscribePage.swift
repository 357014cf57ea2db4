import Plot

/// Stopping the morning summaries from a digest's link.
enum UnsubscribePage {
    struct Model {
        var path: String
        var done: Bool
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("Morning summaries"),
            .h1(.text(context.t("Morning summaries"))),
            .if(
                model.done,
                .div(
                    .class("notice"), .attribute(named: "role", value: "status"), .id("unsubscribed"),
                    .p(.text(context.t("The morning summaries are off. Notifications stay in Collegium; you can choose e-mail again in your settings.")))),
                else: .form(
                    .method(.post), .action(model.path),
                    .p(.text(context.t("Stop the morning summaries by e-mail? Notifications stay in Collegium."))),
                    .input(.type(.hidden), .name("List-Unsubscribe"), .value("One-Click")),
                    Components.submit(context.t("Stop the summaries"))
                )),
            .p(.a(.href(SiteURL.accountNotifications.path), .text(context.t("Notification settings"))))
        )
    }
}
