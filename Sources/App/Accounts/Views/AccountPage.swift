import Domain
import Fluent
import Foundation
import Plot

enum AccountPage {
    struct Model {
        struct Token {
            var id: UUID
            var name: String
            var createdAt: Date?
            var lastUsedAt: Date?
            var revoked: Bool
        }

        var name: String
        var email: String
        var language: String?
        var tokens: [Token]
        var newToken: String?
        var tokenError: String?

        static func load(for user: User, on db: any Database) async throws -> Model {
            let tokens = try await APIToken.query(on: db).filter(\.$user.$id == user.requireID())
                .sort(\.$createdAt, .descending).all()
            return Model(
                name: user.fullName, email: user.email, language: user.language,
                tokens: try tokens.map { Token(id: try $0.requireID(), name: $0.name, createdAt: $0.createdAt,
                                               lastUsedAt: $0.lastUsedAt, revoked: $0.revokedAt != nil) })
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        return Layout.page(
            context, title: context.t("My account"),
            .h1(.text(context.t("My account"))),
            .dl(.class("facts"),
                .dt(.text(context.t("Name"))), .dd(.text(model.name)),
                .dt(.text(context.t("Email address"))), .dd(.text(model.email)),
                .dt(.text(context.t("Language"))),
                .dd(.text(model.language.flatMap(Domain.Language.init(rawValue:))?.nativeName ?? context.t("As my browser prefers")))),
            .p(.a(.id("export-link"), .href(SiteURL.accountExport.path),
                  .text(context.t("Download everything Collegium holds about me (JSON)")))),
            .section(
                .attribute(named: "aria-labelledby", value: "tokens-heading"),
                .h2(.id("tokens-heading"), .text(context.t("API tokens"))),
                .p(.text(context.t("A token lets a program use the Collegium API as you, with what you may see and do. Keep it secret; revoke it when it is no longer needed."))),
                .unwrap(model.newToken) { token in
                    .div(.class("notice"), .attribute(named: "role", value: "status"),
                         .p(.text(context.t("Your new token. Copy it now: it will not be shown again."))),
                         .p(.code(.id("new-token"), .text(token))))
                },
                .if(!model.tokens.isEmpty, .table(
                    .class("data-table"), .attribute(named: "aria-labelledby", value: "tokens-heading"),
                    .thead(.tr(.th(.text(context.t("Token name"))), .th(.text(context.t("Created"))),
                               .th(.text(context.t("Last used"))), .th(.text(context.t("Status"))))),
                    .tbody(.forEach(model.tokens) { token in
                        .tr(.td(.text(token.name)),
                            .td(.text(token.createdAt.map { l.date($0) } ?? "—")),
                            .td(.text(token.lastUsedAt.map { l.date($0, time: true) } ?? context.t("Never"))),
                            .td(.if(token.revoked, .text(context.t("Revoked")),
                                    else: .form(.method(.post), .action(SiteURL.accountTokenRevoke(.value(token.id)).path),
                                                Components.csrfField(context),
                                                .button(.type(.submit), .class("button-secondary"),
                                                        .text(context.t("Revoke {name}", ["name": token.name])))))))
                    })
                )),
                .form(
                    .id("token-form"), .class("stack"), .method(.post), .action(SiteURL.accountTokens.path),
                    Components.csrfField(context),
                    Components.field(.init(id: "token_name", label: context.t("Token name"), error: model.tokenError)),
                    Components.submit(context.t("Create token"))
                )
            )
        )
    }
}
