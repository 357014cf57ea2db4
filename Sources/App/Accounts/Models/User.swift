import Fluent
import Foundation

/// A person with an account. They may belong to several schools (`Membership`),
/// coordinate networks (`NetworkCoordinator`), and run the instance (`isAdmin`).
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // MARK: data
    /// Stored trimmed and lower-cased (see `EmailAddress`); unique.
    @Field(key: "email") var email: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_name") var familyName: String
    /// bcrypt; nil until the person sets a password through their invitation.
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "is_admin") var isAdmin: Bool
    /// The language the person chose; nil means "follow the browser".
    @OptionalField(key: "language") var language: String?

    // MARK: relationships
    @Children(for: \.$user) var memberships: [Membership]

    init() {}

    init(
        id: UUID? = nil, email: String, givenName: String, familyName: String,
        passwordHash: String? = nil, isAdmin: Bool = false, language: String? = nil
    ) {
        self.id = id
        self.email = email
        self.givenName = givenName
        self.familyName = familyName
        self.passwordHash = passwordHash
        self.isAdmin = isAdmin
        self.language = language
    }

    var fullName: String { "\(givenName) \(familyName)" }
}
