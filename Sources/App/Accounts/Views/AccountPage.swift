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
            var scopes: APIScopes
            var expiresAt: Date?
            var expired: Bool
        }

        var name: String
        var email: String
        var language: String?
        var tokens: [Token]
        var newToken: String?
        var tokenForm = TokenForm()
        var tokenErrors: [String] = []

        static func load(for user: User, at now: Date, on db: any Database) async throws -> Model {
            let tokens = try await APIToken.query(on: db).filter(\.$user.$id == user.requireID())
                .sort(\.$createdAt, .descending).all()
            return Model(
                name: user.fullName, email: user.email, language: user.language,
                tokens: try tokens.map { Token(id: try $0.requireID(), name: $0.name, createdAt: $0.createdAt,
                                               lastUsedAt: $0.lastUsedAt, revoked: $0.revokedAt != nil,
                                               scopes: $0.scopes, expiresAt: $0.expiresAt, expired: $0.isExpired(at: now)) })
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
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
                tokenTable(context, model),
                tokenForm(context, model)
            )
        )
    }
}
