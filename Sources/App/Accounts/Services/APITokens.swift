import Fluent
import Foundation

/// Issuing personal access tokens (used by the account page and `collegium demo`).
enum APITokens {
    static let prefix = "col_"
    /// The lifetimes offered, in days; a year at most, so a forgotten token ends on its own.
    static let lifetimeDays: ClosedRange<Int> = 1...365
    static let offeredDays = [7, 30, 90, 180, 365]
    static let defaultDays = 90

    static func issue(name: String, for user: User, scopes: APIScopes, expiresAt: Date, on db: any Database) async throws -> String {
        let secret = SecretToken.generate(prefix: prefix)
        try await APIToken(
            name: name, tokenHash: SecretToken.hash(secret), userID: try user.requireID(),
            scopes: scopes, expiresAt: expiresAt
        ).save(on: db)
        return secret
    }

    /// A token that may do everything its owner may and never expires: only for tests,
    /// whose clock may run far ahead. Anything a person uses passes its scopes and expiry.
    static func issue(name: String, for user: User, on db: any Database) async throws -> String {
        try await issue(name: name, for: user, scopes: .all, expiresAt: .distantFuture, on: db)
    }
}
