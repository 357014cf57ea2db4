import Fluent
import Foundation

/// A personal access token for the JSON API (`Authorization: Bearer col_…`).
/// The token is shown once, when made; only its SHA-256 is kept.
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

    // MARK: relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, name: String, tokenHash: String, userID: UUID) {
        self.id = id
        self.name = name
        self.tokenHash = tokenHash
        self.$user.id = userID
    }
}
