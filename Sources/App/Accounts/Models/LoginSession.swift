import Fluent
import Foundation

/// A signed-in browser. Sessions live in the database so that any number of `serve`
/// processes can share them; the cookie holds a random token whose SHA-256 is the key,
/// so a leaked database cannot be replayed as cookies.
final class LoginSession: Model, @unchecked Sendable {
    static let schema = "login_sessions"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    // MARK: relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, tokenHash: String, userID: UUID, now: Date) {
        self.id = id
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.createdAt = now
        self.lastSeenAt = now
    }
}
