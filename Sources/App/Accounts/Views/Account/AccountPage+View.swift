import Domain
import Plot

extension AccountPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("My account"),
            .h1(.text(context.t("My account"))),
            .dl(
                .class("facts"),
                .dt(.text(context.t("Name"))), .dd(.text(model.name)),
                .dt(.text(context.t("Email address"))), .dd(.text(model.email)),
                .dt(.text(context.t("Language"))),
                .dd(.text(model.language.flatMap(Domain.Language.init(rawValue:))?.nativeName ?? context.t("As my browser prefers")))),
            .p(.a(.id("notification-settings-link"), .href(SiteURL.accountNotifications.path), .text(context.t("Notifications by e-mail")))),
            .p(
                .a(
                    .id("export-link"), .href(SiteURL.accountExport.path),
                    .text(context.t("Download everything Collegium holds about me (JSON)")))),
            .section(
                .attribute(named: "aria-labelledby", value: "tokens-heading"),
                .h2(.id("tokens-heading"), .text(context.t("API tokens"))),
                .p(
                    .text(
                        context.t(
                            "A token lets a program use the Collegium API as you, with what you may see and do. Keep it secret; revoke it when it is no longer needed."
                        ))),
                .unwrap(model.newToken) { token in
                    .div(
                        .class("notice"), .attribute(named: "role", value: "status"),
                        .p(.text(context.t("Your new token. Copy it now: it will not be shown again."))),
                        .p(.code(.id("new-token"), .text(token))))
                },
                tokenTable(context, model),
                tokenForm(context, model)
            )
        )
    }
}
