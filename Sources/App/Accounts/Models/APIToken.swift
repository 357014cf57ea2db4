import Fluent
import Foundation

/// A personal access token for the JSON API (`Authorization: Bearer col_…`).
/// The token is shown once, when made; only its SHA-256 is kept. It can do only what its
/// scopes allow (`APIScopes`) and ends at `expiresAt`, when revoked, or when its owner's
/// password is reset (`PasswordChange`).
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// `APIScopes.stored`; a row without scopes allows nothing.
    @OptionalField(key: "scopes") var storedScopes: String?
    /// A row without an expiry is treated as expired (M022 gave every older token one).
    @OptionalField(key: "expires_at") var expiresAt: Date?

    // MARK: relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, name: String, tokenHash: String, userID: UUID, scopes: APIScopes, expiresAt: Date) {
        self.id = id
        self.name = name
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.storedScopes = scopes.stored
        self.expiresAt = expiresAt
    }

    var scopes: APIScopes { APIScopes(stored: storedScopes ?? "") }

    func isExpired(at now: Date) -> Bool { expiresAt.map { $0 <= now } ?? true }
}
