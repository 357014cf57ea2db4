import Foundation

/// An Open Badges 3.0 `OpenBadgeCredential` for a completed course, shaped as 1EdTech's
/// JSON schema (`ob_v3p0_achievementcredential_schema.json`) requires, with the
/// registered claims of its VC-JWT form (VC-JOSE: the credential is the JWT payload;
/// `iss`, `jti`, `sub`, `nbf` repeat its issuer, id, subject and start).
public struct OpenBadgeCredential: Codable, Sendable, Equatable {
    public static let context = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    /// The issuer's revocation list (one list holds 131,072 credentials).
    public static let statusListPath = "/credentials/status/1"
    public static let schemaID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"

    public struct Profile: Codable, Sendable, Equatable {
        public var id: String
        public var type: [String] = ["Profile"]
        public var name: String
        public var url: String
        /// The issuer's logo (OB 3.0 `Image`), when it has one; left out of the JSON otherwise.
        public var image: Image?
    }

    /// An image by its address, as OB 3.0's `Image` class has it.
    public struct Image: Codable, Sendable, Equatable {
        public var id: String
        public var type = "Image"
        public init(id: String) { self.id = id }
    }

    public struct Criteria: Codable, Sendable, Equatable { public var narrative: String }

    public struct Achievement: Codable, Sendable, Equatable {
        public var id: String
        public var type: [String] = ["Achievement"]
        public var name: String
        public var description: String
        public var criteria: Criteria
        public var achievementType: String = "Course"
        public var inLanguage: String
    }

    public struct IdentityObject: Codable, Sendable, Equatable {
        public var type = "IdentityObject"
        public var identityHash: String
        public var identityType: String
        public var hashed: Bool
        public var salt: String?
    }

    public struct Subject: Codable, Sendable, Equatable {
        public var id: String
        public var type: [String] = ["AchievementSubject"]
        public var identifier: [IdentityObject]
        public var achievement: Achievement
    }

    /// A `BitstringStatusListEntry`: where the credential's revocation bit is.
    public struct Status: Codable, Sendable, Equatable {
        public var id: String
        public var type: String = "BitstringStatusListEntry"
        public var statusPurpose: String = "revocation"
        public var statusListIndex: String
        public var statusListCredential: String
    }

    public struct SchemaReference: Codable, Sendable, Equatable {
        public var id: String
        public var type: String
    }

    public var context: [String] = Self.context
    public var id: String
    public var type: [String] = ["VerifiableCredential", "OpenBadgeCredential"]
    public var issuer: Profile
    public var validFrom: String
    public var name: String
    public var credentialSubject: Subject
    public var credentialSchema: [SchemaReference] = [.init(id: Self.schemaID, type: "1EdTechJsonSchemaValidator2019")]
    /// Its entry in the issuer's revocation list.
    public var credentialStatus: Status?
    // The VC-JWT's registered claims.
    public var iss: String
    public var jti: String
    public var sub: String
    public var nbf: Int

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, issuer, validFrom, name, credentialSubject, credentialSchema, credentialStatus, iss, jti, sub, nbf
    }

    /// A credential for `recipientEmail` completing a course.
    /// - Parameters:
    ///   - base: the platform's public URL, without a trailing slash.
    ///   - issuerID: the issuer's profile URL (a network's); nil: the platform's `<base>/issuer`.
    ///   - statusList: the issuer's revocation list; nil: the platform's `<base>/credentials/status/1`.
    ///   - issuerImage: the issuer's logo's absolute URL, if it has one.
    ///   - credentialID: also the key of its verification page, `<base>/credentials/<id>`.
    ///   - identityHash: `sha256$<hex>` of the lower-cased e-mail followed by `salt` (random
    ///     per credential, so the address cannot be found by hashing guesses alone).
    ///   - statusIndex: its bit in the revocation list at `<base>/credentials/status/1`.
    public init(
        base: String, issuerID: String? = nil, issuerName: String, statusList: String? = nil, issuerImage: String? = nil, credentialID: UUID, subjectID: UUID,
        identityHash: String,
        salt: String,
        courseSlug: String, courseTitle: String, description: String, criteria: String, language: String, issuedAt: Date,
        statusIndex: Int
    ) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let issuedAt = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
        id = "urn:uuid:" + credentialID.uuidString.lowercased()
        issuer = Profile(id: issuerID ?? base + "/issuer", name: issuerName, url: base, image: issuerImage.map(Image.init(id:)))
        validFrom = formatter.string(from: issuedAt)
        name = courseTitle
        credentialSubject = Subject(
            id: "urn:uuid:" + subjectID.uuidString.lowercased(),
            identifier: [IdentityObject(identityHash: identityHash, identityType: "emailAddress", hashed: true, salt: salt)],
            achievement: Achievement(
                id: base + "/courses/" + courseSlug, name: courseTitle, description: description,
                criteria: Criteria(narrative: criteria), inLanguage: language))
        let list = statusList ?? base + Self.statusListPath
        credentialStatus = Status(id: list + "#" + String(statusIndex), statusListIndex: String(statusIndex), statusListCredential: list)
        iss = issuer.id
        jti = id
        sub = credentialSubject.id
        nbf = Int(issuedAt.timeIntervalSince1970)
    }
}
