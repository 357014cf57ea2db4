import Fluent
import Foundation

/// A failed login, counted by `LoginThrottle`. Keyed by the normalised email tried,
/// so a guesser is slowed down whichever address they come from; no IP is stored.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "email") var email: String
    @Field(key: "failed_at") var failedAt: Date

    init() {}

    init(id: UUID? = nil, email: String, failedAt: Date) {
        self.id = id
        self.email = email
        self.failedAt = failedAt
    }
}
