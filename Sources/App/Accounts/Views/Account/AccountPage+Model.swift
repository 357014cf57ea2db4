import Domain
import Fluent
import Foundation

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
                tokens: try tokens.map {
                    Token(
                        id: try $0.requireID(), name: $0.name, createdAt: $0.createdAt,
                        lastUsedAt: $0.lastUsedAt, revoked: $0.revokedAt != nil,
                        scopes: $0.scopes, expiresAt: $0.expiresAt, expired: $0.isExpired(at: now))
                })
        }
    }
}
