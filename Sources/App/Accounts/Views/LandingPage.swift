import Plot

/// What a visitor sees first.
enum LandingPage {
    static func view(_ context: PageContext) -> HTML {
        Layout.page(
            context, title: context.t("Welcome"),
            .h1(.text(context.t("Collegial support, every day"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "Collegium helps staff in schools learn from one another: find a mentor or a coach, observe each other's lessons, study together and ask a colleague for help, while the school sees how its culture of support grows."
                    ))),
            .p(.a(.id("login-link"), .class("button-primary"), .href(SiteURL.login.path), .text(context.t("Log in")))),
            .p(.text(context.t("New here? Your school sends you an invitation by email. Open its link to set your password.")))
        )
    }
}
