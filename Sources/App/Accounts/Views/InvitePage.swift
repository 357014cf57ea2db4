import Domain
import Foundation
import Plot

enum InvitePage {
    struct Model {
        var schoolID: UUID
        var schoolName: String
        var email: String = ""
        var givenName: String = ""
        var familyName: String = ""
        var role: String = "teacher"
        /// The language of the invitation e-mail (the school's unless the leader chooses).
        var language: String = Domain.Language.source.rawValue
        var fieldErrors: [String: String] = [:]
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("Invite a colleague"),
            .nav(
                .class("breadcrumbs"), .attribute(named: "aria-label", value: context.t("Breadcrumbs")),
                .a(.href(SiteURL.school(.value(model.schoolID)).path), .text(model.schoolName))),
            .h1(.text(context.t("Invite a colleague"))),
            .p(
                .text(
                    context.t(
                        "We email them a link to join {school}. Until they accept, the invitation is listed on the school's page.", ["school": model.schoolName]
                    ))),
            Components.errorSummary(context, ["given_name", "family_name", "email", "role", "language"].compactMap { model.fieldErrors[$0] }),
            .form(
                .id("invite-form"), .class("stack"), .method(.post),
                .action(SiteURL.schoolInvitations(.value(model.schoolID)).path),
                Components.csrfField(context),
                Components.field(
                    .init(
                        id: "given_name", label: context.t("Given name"), value: model.givenName,
                        autocomplete: "off", error: model.fieldErrors["given_name"])),
                Components.field(
                    .init(
                        id: "family_name", label: context.t("Family name"), value: model.familyName,
                        autocomplete: "off", error: model.fieldErrors["family_name"])),
                Components.field(
                    .init(
                        id: "email", label: context.t("Email address"), type: .email, value: model.email,
                        autocomplete: "off", error: model.fieldErrors["email"])),
                Components.selectField(
                    id: "role", label: context.t("Role"), options: RoleNames.options(context.localizer),
                    selected: model.role, error: model.fieldErrors["role"]),
                Components.selectField(
                    id: "language", label: context.t("Language of the invitation e-mail"),
                    options: Domain.Language.allCases.map { ($0.rawValue, $0.nativeName) },
                    selected: model.language, error: model.fieldErrors["language"]),
                Components.submit(context.t("Send invitation"))
            )
        )
    }
}
