import Plot

enum ForgotPasswordPage {
    struct Model {
        var email: String = ""
        var error: String?
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("Forgot your password?"),
            .h1(.text(context.t("Forgot your password?"))),
            .p(.text(context.t("Enter the email address of your account. We will send you a link to choose a new password."))),
            Components.errorSummary(context, model.error.map { [$0] } ?? []),
            .form(
                .id("forgot-form"), .class("stack"), .method(.post), .action(SiteURL.forgotPassword.path),
                Components.csrfField(context),
                Components.field(
                    .init(
                        id: "email", label: context.t("Email address"), type: .email,
                        value: model.email, autocomplete: "email", error: model.error)),
                Components.submit(context.t("Send me a link"))
            )
        )
    }
}

enum ResetPasswordPage {
    struct Model {
        var token: String
        var errors: [String] = []
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("Choose a new password"),
            .h1(.text(context.t("Choose a new password"))),
            Components.errorSummary(context, model.errors),
            .form(
                .id("reset-form"), .class("stack"), .method(.post), .action(SiteURL.resetPassword(.value(model.token)).path),
                Components.csrfField(context),
                PasswordFields.nodes(context, submit: context.t("Save password"))
            )
        )
    }
}

/// The two password fields used when a password is set: on an invitation and on a reset.
enum PasswordFields {
    static func nodes(_ context: PageContext, submit: String) -> Node<HTML.FormContext> {
        .group(
            Components.field(
                .init(
                    id: "password", label: context.t("New password"), type: .password,
                    autocomplete: "new-password",
                    hint: context.t("At least 10 characters. A short sentence is easy to remember and hard to guess."))),
            Components.field(
                .init(
                    id: "password_confirmation", label: context.t("Repeat the new password"),
                    type: .password, autocomplete: "new-password")),
            Components.submit(submit)
        )
    }
}
