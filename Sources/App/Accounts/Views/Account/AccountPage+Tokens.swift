import Foundation
import Plot

/// The API tokens on the account page: the list with what each may do and until when, and
/// the form that makes one with chosen scopes and lifetime (issue #14, class 8).
extension AccountPage {
    /// The token form as typed: checkbox groups repeat a name, hence `formFields`.
    struct TokenForm {
        var name = ""
        var scopes = APIScopes(write: false, modules: [])
        var days: Int? = APITokens.defaultDays

        init() {}

        init(_ fields: [String: [String]]) {
            name = (fields["token_name"]?.first ?? "").trimmingCharacters(in: .whitespaces)
            scopes = APIScopes(
                write: fields["access"]?.first == "write",
                modules: Set((fields["module"] ?? []).compactMap(APIScopes.Module.init(rawValue:))))
            days = fields["days"]?.first.flatMap { Int($0) }
        }
    }

    static func moduleName(_ module: APIScopes.Module, _ context: PageContext) -> String {
        switch module {
        case .accounts: context.t("My account and schools")
        case .handbook: context.t("Handbook")
        case .wellbeing: context.t("Well-being")
        case .practice: context.t("Collegial support: conversations, requests, groups and mentoring")
        case .surveys: context.t("Surveys")
        case .courses: context.t("Courses")
        }
    }

    static func accessText(_ scopes: APIScopes, _ context: PageContext) -> String {
        let access = scopes.write ? context.t("Read and change") : context.t("Read only")
        let modules = APIScopes.Module.allCases.filter(scopes.modules.contains).map { moduleName($0, context) }
        return access + ": " + modules.joined(separator: ", ")
    }

    static func tokenTable(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let l = context.localizer
        return .if(
            !model.tokens.isEmpty,
            .table(
                .class("data-table"), .attribute(named: "aria-labelledby", value: "tokens-heading"),
                .thead(
                    .tr(
                        .th(.text(context.t("Token name"))), .th(.text(context.t("Access"))), .th(.text(context.t("Created"))),
                        .th(.text(context.t("Expires"))), .th(.text(context.t("Last used"))), .th(.text(context.t("Status"))))),
                .tbody(
                    .forEach(model.tokens) { token in
                        .tr(
                            .td(.text(token.name)),
                            .td(.text(accessText(token.scopes, context))),
                            .td(.text(token.createdAt.map { l.date($0) } ?? "—")),
                            .td(.text(token.expiresAt.map { l.date($0) } ?? "—")),
                            .td(.text(token.lastUsedAt.map { l.date($0, time: true) } ?? context.t("Never"))),
                            .td(status(token, context)))
                    })
            ))
    }

    private static func status(_ token: Model.Token, _ context: PageContext) -> Node<HTML.BodyContext> {
        if token.revoked { return .text(context.t("Revoked")) }
        if token.expired { return .text(context.t("Expired")) }
        // The page that asks first (`ConfirmPage`), not the revocation itself.
        return .a(
            .class("button-secondary token-revoke"), .href(SiteURL.accountTokenRevoke(.value(token.id)).path),
            .text(context.t("Revoke {name}", ["name": token.name])))
    }

    static func tokenForm(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let form = model.tokenForm
        return .form(
            .id("token-form"), .class("stack"), .method(.post), .action(SiteURL.accountTokens.path),
            Components.csrfField(context),
            Components.errorSummary(context, model.tokenErrors),
            Components.field(.init(id: "token_name", label: context.t("Token name"), value: form.name)),
            .fieldset(
                .element(named: "legend", text: context.t("What the token may do")),
                .forEach([(false, context.t("Read only")), (true, context.t("Read and change"))]) { option in
                    .div(
                        .class("field"),
                        .label(
                            .input(
                                .type(.radio), .name("access"), .value(option.0 ? "write" : "read"),
                                .attribute(named: "checked", value: option.0 == form.scopes.write ? "checked" : nil)),
                            .text(" " + option.1)))
                }),
            .fieldset(
                .element(named: "legend", text: context.t("Parts of Collegium it may use")),
                .forEach(APIScopes.Module.allCases) { module in
                    .div(
                        .class("field"),
                        .label(
                            .input(
                                .type(.checkbox), .name("module"), .value(module.rawValue),
                                .attribute(named: "checked", value: form.scopes.modules.contains(module) ? "checked" : nil)),
                            .text(" " + moduleName(module, context))))
                }),
            Components.selectField(
                id: "days", label: context.t("Lasts for"),
                options: APITokens.offeredDays.map { (String($0), context.localizer.tn("{count} day", "{count} days", count: $0)) },
                selected: form.days.map(String.init)),
            Components.submit(context.t("Create token"))
        )
    }
}
