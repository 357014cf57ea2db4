import Fluent
import Foundation

/// A certificate of completion, issued as an Open Badges 3.0 `OpenBadgeCredential`
/// signed as a VC-JWT. Its id is the credential's `urn:uuid:` and the key of its public
/// verification page.
final class CourseCredential: Model, @unchecked Sendable {
    static let schema = "course_credentials"

    @ID(key: .id) var id: UUID?
    @Field(key: "issued_at") var issuedAt: Date
    @Parent(key: "course_id") var course: Course
    @OptionalParent(key: "user_id") var user: User?
    /// The name and course title as issued (the credential itself carries them).
    @Field(key: "recipient_name") var recipientName: String
    @Field(key: "course_title") var courseTitle: String
    @Field(key: "language") var language: String
    /// Its bit in the revocation list (`/credentials/status/1`).
    @Field(key: "status_index") var statusIndex: Int
    /// The signed VC-JWT.
    @Field(key: "token") var token: String
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revocation_reason") var revocationReason: String?
    /// The network whose cohort the holder finished in: its coordinators, and no other
    /// network's, may revoke the certificate (nil: taken alone; admins only).
    @OptionalField(key: "network_id") var issuingNetworkID: UUID?
    /// The organisation named as the issuer, as issued (nil: issued before M029, by "Collegium").
    @OptionalField(key: "issuer_name") var issuerName: String?
    /// The course's workload when it was issued, in minutes (nil: issued before M029).
    @OptionalField(key: "workload_minutes") var workloadMinutes: Int?

    /// The name a certificate of before M029 carries.
    static let formerIssuerName = "Collegium"

    init() {}

    init(id: UUID, issuedAt: Date, courseID: UUID, userID: UUID, recipientName: String, courseTitle: String, language: String, token: String, statusIndex: Int)
    {
        self.id = id
        self.issuedAt = issuedAt
        self.$course.id = courseID
        self.$user.id = userID
        self.recipientName = recipientName
        self.courseTitle = courseTitle
        self.language = language
        self.token = token
        self.statusIndex = statusIndex
    }
}

/// The issuer's RSA key pair for signing credentials; its public half is published at
/// `/.well-known/jwks.json`. Made on first use; an operator can add a newer one, and old
/// keys stay published so earlier credentials keep verifying.
final class SigningKey: Model, @unchecked Sendable {
    static let schema = "signing_keys"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "kid") var kid: String
    @Field(key: "private_pem") var privatePEM: String

    init() {}

    init(id: UUID? = nil, kid: String, privatePEM: String) {
        self.id = id
        self.kid = kid
        self.privatePEM = privatePEM
    }
}
