import Domain
import Fluent
import Foundation

/// An invitation to join a school. Only a hash of its token is stored: the link in the
/// email is the only copy of the secret.
final class Invitation: Model, @unchecked Sendable {
    static let schema = "invitations"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "email") var email: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_name") var familyName: String
    @Field(key: "role") var role: SchoolRole
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    /// The language its e-mail is written in, as the leader chose (nil before M027: the
    /// school's).
    @OptionalField(key: "language") var language: String?

    // MARK: relationships
    @Parent(key: "school_id") var school: School
    @OptionalParent(key: "invited_by_id") var invitedBy: User?

    init() {}

    init(
        id: UUID? = nil, tokenHash: String, email: String, givenName: String, familyName: String,
        role: SchoolRole, schoolID: UUID, invitedByID: UUID?, expiresAt: Date
    ) {
        self.id = id
        self.tokenHash = tokenHash
        self.email = email
        self.givenName = givenName
        self.familyName = familyName
        self.role = role
        self.$school.id = schoolID
        self.$invitedBy.id = invitedByID
        self.expiresAt = expiresAt
    }

    func isUsable(at now: Date) -> Bool { acceptedAt == nil && expiresAt > now }
}
