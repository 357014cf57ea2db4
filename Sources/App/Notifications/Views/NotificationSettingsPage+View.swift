import Domain
import Plot

extension NotificationSettingsPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("Notifications by e-mail"),
            .h1(.text(context.t("Notifications by e-mail"))),
            .unwrap(model.undeliverable) { reason in
                .div(
                    .class("notice notice-warning"), .attribute(named: "role", value: "alert"), .id("undeliverable"),
                    .p(
                        .text(
                            context.t(
                                "Mail to {email} cannot be delivered: the mail server refused it. Ask your school's leader to correct your address.",
                                ["email": model.email]))),
                    .p(.class("hint"), .text(reason)),
                    .form(
                        .method(.post), .action(SiteURL.accountMailRetry.path), Components.csrfField(context),
                        .p(.text(context.t("If your mailbox works again (it was full, or the address has been mended), Collegium can try again."))),
                        .button(.type(.submit), .class("button-secondary"), .id("retry-address"), .text(context.t("Try my address again")))))
            },
            .p(
                .text(
                    context.t(
                        "Choose for each kind of notification whether it comes by e-mail at once, in one summary in the morning, or only here in Collegium. Invitations and password links always come at once."
                    ))),
            Components.errorSummary(context, model.errors),
            .form(
                .method(.post), .action(SiteURL.accountNotifications.path),
                Components.csrfField(context),
                .forEach(AppNotification.Kind.allCases) { kind in
                    .fieldset(
                        .class("question choice-row"), .element(named: "legend", text: label(kind, context)),
                        .forEach(NotificationPreference.Delivery.allCases) { delivery in
                            radio(kind, delivery, checked: model.deliveries[kind] == delivery, context)
                        })
                },
                .h2(.text(context.t("When the morning summary comes"))),
                Components.selectField(
                    id: "digest_hour", label: context.t("Hour"),
                    options: MailSchedule.hours.map { (String($0), String(format: "%02d:00", $0)) }, selected: String(model.digestHour)),
                Components.selectField(
                    id: "time_zone", label: context.t("Time zone"), options: zones(including: model.timeZone).map { ($0, $0) },
                    selected: model.timeZone),
                Components.submit(context.t("Save"))
            )
        )
    }

    private static func radio(
        _ kind: AppNotification.Kind, _ delivery: NotificationPreference.Delivery, checked: Bool, _ context: PageContext
    ) -> Node<HTML.FormContext> {
        let id = "kind-\(kind.rawValue)-\(delivery.rawValue)"
        let label =
            switch delivery {
            case .now: context.t("E-mail at once")
            case .digest: context.t("Morning summary")
            case .app: context.t("Only in Collegium")
            }
        return .div(
            .class("choice"),
            .input(
                .type(.radio), .id(id), .name("kind.\(kind.rawValue)"), .value(delivery.rawValue),
                .attribute(named: "checked", value: checked ? "checked" : nil)),
            .label(.for(id), .text(label)))
    }
}
