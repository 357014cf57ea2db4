import Domain
import Plot

enum AcceptInvitationPage {
    struct Model {
        var token: String
        var schoolName: String
        var role: SchoolRole
        var email: String
        var givenName: String
        var familyName: String
        var hasAccount: Bool
        var errors: [String] = []
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let role = RoleNames.name(model.role, context.localizer)
        return Layout.page(
            context, title: context.t("Join {school}", ["school": model.schoolName]),
            .h1(.text(context.t("Join {school}", ["school": model.schoolName]))),
            .p(
                .text(
                    context.t(
                        "You are invited as {role}. Your account will use the address {email}.",
                        ["role": role, "email": model.email]))),
            Components.errorSummary(context, model.errors),
            .form(
                .id("accept-form"), .class("stack"), .method(.post),
                .action(SiteURL.invitation(.value(model.token)).path),
                Components.csrfField(context),
                .if(
                    model.hasAccount,
                    .group(
                        .p(.text(context.t("You already have a Collegium account. Enter its password to add this school to it."))),
                        Components.field(
                            .init(
                                id: "password", label: context.t("Password"), type: .password,
                                autocomplete: "current-password")),
                        Components.submit(context.t("Join the school"))
                    ),
                    else: .group(
                        Components.field(
                            .init(
                                id: "given_name", label: context.t("Given name"), value: model.givenName,
                                autocomplete: "given-name")),
                        Components.field(
                            .init(
                                id: "family_name", label: context.t("Family name"), value: model.familyName,
                                autocomplete: "family-name")),
                        PasswordFields.nodes(context, submit: context.t("Create my account"))
                    )
                )
            )
        )
    }
}
