import CryptoExtras
import Domain
import Fluent
import Foundation
import JWTKit
import Vapor

/// Certificates of completion: Open Badges 3.0 credentials signed as VC-JWT with RS256
/// (the algorithm every OB 3.0 verifier must accept), their public verification, the
/// issuer's public keys (`/.well-known/jwks.json`) and revocation. See docs/courses.md.
enum Credentials {
    /// The JWT payload: the credential itself (VC-JOSE), verified by its signature only;
    /// whether it is revoked is a question for the platform, not for the token.
    struct Payload: JWTPayload, Equatable {
        var credential: OpenBadgeCredential
        init(_ credential: OpenBadgeCredential) { self.credential = credential }
        init(from decoder: any Decoder) throws { credential = try OpenBadgeCredential(from: decoder) }
        func encode(to encoder: any Encoder) throws { try credential.encode(to: encoder) }
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// The key id published in the JWKS and written in each token's header: the JWKS URL
    /// with the key's fragment, so a verifier knows where to fetch it.
    static func keyID(_ key: SigningKey, config: AppConfig) -> String {
        config.publicBase + SiteURL.jwks.path + "#" + key.kid
    }

    /// The newest signing key, made (RSA 2048) when there is none yet.
    static func currentKey(on db: any Database) async throws -> SigningKey {
        if let key = try await SigningKey.query(on: db).sort(\.$createdAt, .descending).first() { return key }
        let made = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let key = SigningKey(kid: "key-" + String(UUID().uuidString.prefix(8)).lowercased(), privatePEM: made.pemRepresentation)
        do {
            try await key.save(on: db)
            return key
        } catch {
            // Another request made one at the same moment: use the one that was kept.
            if let key = try await SigningKey.query(on: db).sort(\.$createdAt, .descending).first() { return key }
            throw error
        }
    }

    /// Every key, public halves only, as a JSON Web Key Set.
    static func jwks(on db: any Database, config: AppConfig) async throws -> [String: [[String: String]]] {
        var keys: [[String: String]] = []
        for key in try await SigningKey.query(on: db).sort(\.$createdAt).all() {
            let primitives = try Insecure.RSA.PrivateKey(pem: key.privatePEM).publicKey.getKeyPrimitives()
            keys.append([
                "kty": "RSA", "use": "sig", "alg": "RS256", "kid": keyID(key, config: config),
                "n": Base64URL.encode(primitives.modulus), "e": Base64URL.encode(primitives.publicExponent),
            ])
        }
        return ["keys": keys]
    }

    /// The issuer a certificate names: a network's profile (`/networks/<id>/issuer`) and name,
    /// or the instance's (`/issuer`, `ISSUER_NAME`).
    /// `network` in the answer is the network that issues (nil: the instance's issuer, also
    /// when the network asked for no longer exists).
    /// `image` is the network's logo's absolute URL, when it has one (issue 18, point 7).
    static func issuer(
        network: UUID?, config: AppConfig, on db: any Database
    ) async throws -> (id: String, name: String, network: UUID?, image: String?) {
        if let network, let found = try await Network.find(network, on: db) {
            let logo = try await NetworkLogos.path(network: network, on: db).map { config.publicBase + $0 }
            return (config.publicBase + SiteURL.networkIssuer(.value(network)).path, found.name, network, logo)
        }
        return (config.publicBase + SiteURL.issuer.path, config.issuerName, nil, nil)
    }

    /// Where the revocation list of an issuer is: the instance's, or a network's (one
    /// numbering of bits for all: `statusIndex` is unique across issuers).
    static func statusListURL(network: UUID?, config: AppConfig) -> String {
        config.publicBase + (network.map { SiteURL.networkStatusList(.value($0)).path } ?? SiteURL.credentialStatusList.path)
    }

    /// Issues the certificate for a completed enrolment, once.
    @discardableResult
    static func issue(
        _ enrolment: CourseEnrolment, course: Course, user: User, language: String, criteria: String, workloadMinutes: Int, issuedAt: Date,
        config: AppConfig, on db: any Database
    ) async throws -> CourseCredential {
        if let existing = try await CourseCredential.query(on: db).filter(\.$course.$id == course.requireID())
            .filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil).first()
        {
            return existing
        }
        let texts = course.texts
        let title = texts.title.text(language, fallback: "en")
        let key = try await currentKey(on: db)
        let keys = JWTKeyCollection()
        await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: key.privatePEM), digestAlgorithm: .sha256, kid: JWKIdentifier(string: keyID(key, config: config)))
        var header = JWTHeader()
        header.typ = "JWT"
        // Issued by the network of the cohort the learner finished in; taken alone, by the
        // network of the learner's schools when they all belong to one (its coordinators
        // look after its staff's certificates); otherwise by none, and only an admin revokes.
        let issuingNetwork: UUID?
        if let cohortID = enrolment.$cohort.id {
            issuingNetwork = try await CourseCohort.find(cohortID, on: db)?.$network.id
        } else {
            let networks = Set(
                try await Membership.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$school).all()
                    .compactMap { $0.school.$network.id })
            issuingNetwork = networks.count == 1 ? networks.first : nil
        }
        // The organisation that vouches for the learning names itself: the network, or the
        // instance's own issuer (`ISSUER_NAME`) for a course taken outside any network.
        let issuer = try await Self.issuer(network: issuingNetwork, config: config, on: db)
        // The next free bit of the revocation list; two issued at once: the second retries.
        for _ in 0..<3 {
            let index = (try await CourseCredential.query(on: db).sort(\.$statusIndex, .descending).first()?.statusIndex ?? -1) + 1
            let id = UUID()
            let salt = String(UUID().uuidString.prefix(12)).lowercased()
            let hash = "sha256$" + SecretToken.hash(user.email.lowercased() + salt)
            let credential = OpenBadgeCredential(
                base: config.publicBase, issuerID: issuer.id, issuerName: issuer.name,
                statusList: Self.statusListURL(network: issuer.network, config: config), issuerImage: issuer.image,
                credentialID: id, subjectID: try enrolment.requireID(),
                identityHash: hash, salt: salt, courseSlug: course.slug, courseTitle: title,
                description: texts.summary.text(language, fallback: "en"),
                criteria: criteria, language: language, issuedAt: issuedAt, statusIndex: index)
            let token = try await keys.sign(Payload(credential), kid: JWKIdentifier(string: keyID(key, config: config)), header: header)
            let record = CourseCredential(
                id: id, issuedAt: issuedAt, courseID: try course.requireID(), userID: try user.requireID(),
                recipientName: user.fullName, courseTitle: title, language: language, token: token, statusIndex: index)
            record.issuingNetworkID = issuingNetwork
            record.issuerName = issuer.name
            record.workloadMinutes = workloadMinutes
            do {
                let learner = try user.requireID()
                try await db.writeTransaction { db in
                    try await record.save(on: db)
                    try await Notifications.notify([learner], kind: .certificateIssued, actor: "", link: .credential(.value(id)), on: db)
                }
                return record
            } catch {
                guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
                // Finished the last step twice at once: one certificate is kept (a unique index
                // on the person's unrevoked certificate of a course), and it is returned.
                if let kept = try await CourseCredential.query(on: db).filter(\.$course.$id == course.requireID())
                    .filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil).first()
                {
                    return kept
                }
            }
        }
        throw Abort(.serviceUnavailable, reason: "Could not number the certificate; try again.")
    }

    /// The revocation list as a signed VC-JWT `BitstringStatusListCredential`, issued by the
    /// same issuer with the same key as the certificates, so a verifier can trust it.
    struct StatusListPayload: JWTPayload {
        struct Subject: Codable { var id: String; var type = "BitstringStatusList"; var statusPurpose = "revocation"; var encodedList: String }
        var context = ["https://www.w3.org/ns/credentials/v2"]
        var id: String
        var type = ["VerifiableCredential", "BitstringStatusListCredential"]
        var issuer: String
        var validFrom: String
        var credentialSubject: Subject
        var iss: String
        var jti: String
        var nbf: Int
        enum CodingKeys: String, CodingKey { case context = "@context", id, type, issuer, validFrom, credentialSubject, iss, jti, nbf }
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// `network`: the list as that network's issuer publishes it (the same bits, signed in its
    /// name: a verifier checks that a credential and its status list have one issuer).
    static func statusList(network: UUID? = nil, on db: any Database, config: AppConfig, now: Date) async throws -> String {
        let revoked = Set(try await CourseCredential.query(on: db).filter(\.$revokedAt != nil).all().map(\.statusIndex))
        let issuer = try await issuer(network: network, config: config, on: db)
        let listID = statusListURL(network: network, config: config)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let issued = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let payload = StatusListPayload(
            id: listID, issuer: issuer.id, validFrom: formatter.string(from: issued),
            credentialSubject: .init(id: listID + "#list", encodedList: StatusList.encodedList(revoked: revoked)),
            iss: issuer.id, jti: listID, nbf: Int(issued.timeIntervalSince1970))
        let key = try await currentKey(on: db)
        let keys = JWTKeyCollection()
        await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: key.privatePEM), digestAlgorithm: .sha256, kid: JWKIdentifier(string: keyID(key, config: config)))
        var header = JWTHeader()
        header.typ = "JWT"
        return try await keys.sign(payload, kid: JWKIdentifier(string: keyID(key, config: config)), header: header)
    }

    enum Verdict: Sendable, Equatable {
        case valid(OpenBadgeCredential)
        case revoked(OpenBadgeCredential, reason: String?)
        case invalid
    }

    /// Checks a token's signature against the published keys and the platform's record.
    static func verify(_ token: String, on db: any Database, config: AppConfig) async throws -> Verdict {
        let keys = JWTKeyCollection()
        for key in try await SigningKey.query(on: db).all() {
            await keys.add(
                rsa: try Insecure.RSA.PrivateKey(pem: key.privatePEM).publicKey, digestAlgorithm: .sha256,
                kid: JWKIdentifier(string: keyID(key, config: config)))
        }
        guard let payload = try? await keys.verify(token, as: Payload.self) else { return .invalid }
        let credential = payload.credential
        guard let id = UUID(uuidString: String(credential.id.dropFirst("urn:uuid:".count))),
            let record = try await CourseCredential.find(id, on: db),
            // Issued here, by the issuer the record says: the instance, or the network.
            credential.iss == (try await issuer(network: record.issuingNetworkID, config: config, on: db)).id
                || credential.iss == config.publicBase + SiteURL.issuer.path
        else { return .invalid }
        if record.revokedAt != nil { return .revoked(credential, reason: record.revocationReason) }
        return .valid(credential)
    }
}
