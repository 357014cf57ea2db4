import Plot

enum LoginPage {
    struct Model {
        var email: String = ""
        var next: String?
        var errors: [String] = []
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("Log in"),
            .h1(.text(context.t("Log in"))),
            Components.errorSummary(context, model.errors),
            .form(
                .id("login-form"), .class("stack"), .method(.post), .action(SiteURL.login.path),
                Components.csrfField(context),
                .unwrap(model.next) { .input(.type(.hidden), .name("next"), .value($0)) },
                Components.field(
                    .init(
                        id: "email", label: context.t("Email address"), type: .email,
                        value: model.email, autocomplete: "username")),
                Components.field(
                    .init(
                        id: "password", label: context.t("Password"), type: .password,
                        autocomplete: "current-password")),
                Components.submit(context.t("Log in"))
            ),
            .p(.a(.href(SiteURL.forgotPassword.path), .text(context.t("Forgot your password?"))))
        )
    }
}
