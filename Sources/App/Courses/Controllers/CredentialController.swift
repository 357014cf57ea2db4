import Domain
import Fluent
import Foundation
import Vapor

/// Certificates in public: anyone can check one at its page or download it, and fetch the
/// issuer's profile and public keys; the course's authors can revoke one.
struct CredentialController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.credential(.key).pathComponents, use: show)
        routes.get(SiteURL.credentialToken(.key).pathComponents, use: token)
        routes.post(SiteURL.credentialRevoke(.key).pathComponents, use: revoke)
        routes.get(SiteURL.issuer.pathComponents, use: issuer)
        routes.get(SiteURL.networkIssuer(.key).pathComponents, use: networkIssuer)
        routes.get(SiteURL.jwks.pathComponents, use: jwks)
        routes.get(SiteURL.credentialStatusList.pathComponents, use: statusList)
        routes.get(SiteURL.networkStatusList(.key).pathComponents, use: networkStatusList)
    }

    /// The same list in a network's name, for the certificates the network issued.
    func networkStatusList(req: Request) async throws -> Response {
        let id = try req.uuidParameter(SiteURL.networkIDKey)
        guard try await Network.find(id, on: req.db) != nil else { throw Abort(.notFound) }
        return try await statusList(network: id, req)
    }

    /// The revocation list every certificate points to (`credentialStatus`), signed.
    func statusList(req: Request) async throws -> Response {
        try await statusList(network: nil, req)
    }

    private func statusList(network: UUID?, _ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/vc+jwt")
        // Short: a revocation should reach verifiers soon.
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=60")
        return Response(
            status: .ok, headers: headers,
            body: .init(string: try await Credentials.statusList(network: network, on: req.db, config: req.application.config, now: req.now)))
    }

    /// The network that issued it: the one it records, never one worked out from where the
    /// holder is now (a coordinator could move them into a cohort of theirs).
    static func resource(_ credential: CourseCredential, on db: any Database) async throws -> Policy.Resource {
        .credential(issuingNetwork: credential.issuingNetworkID)
    }

    static func load(_ req: Request) async throws -> CourseCredential {
        guard let credential = try await CourseCredential.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        return credential
    }

    func show(req: Request) async throws -> Response {
        let credential = try await Self.load(req)
        let verdict = try await Credentials.verify(credential.token, on: req.db, config: req.application.config)
        let status: CredentialPage.Status =
            switch verdict {
            case .valid: .valid
            case .revoked(_, let reason): .revoked(reason, credential.revokedAt)
            case .invalid: .invalid
            }
        let principal = try await req.principal()
        let holder = try await Self.resource(credential, on: req.db)
        let mayRevoke = principal != nil && Policy.allows(principal, .manageCohort, holder)
        let logo = try await NetworkLogos.path(network: credential.issuingNetworkID, on: req.db)
        var response = req.render(CredentialPage.view(req.pageContext(), credential: credential, status: status, mayRevoke: mayRevoke, logo: logo))
        // Browsers accept */* (which Vapor's media types match to anything): only an explicit
        // JSON request without HTML gets JSON.
        let accept = req.headers.first(name: .accept) ?? ""
        if accept.contains("application/json") && !accept.contains("text/html") {
            // For machines: the same verdict as JSON (`Accept: application/json`).
            let body: [String: String?] = [
                "id": "urn:uuid:" + (credential.id ?? UUID()).uuidString.lowercased(),
                "status": {
                    switch verdict {
                    case .valid: "valid";
                    case .revoked: "revoked";
                    case .invalid: "invalid"
                    }
                }(),
                "revokedAt": credential.revokedAt.map { ISO8601DateFormatter().string(from: $0) },
                "reason": credential.revocationReason,
            ]
            response = Response(status: .ok)
            try response.content.encode(body, as: .json)
        }
        return response
    }

    /// The signed VC-JWT, to keep in a badge wallet or hand to anyone who wants to check it.
    func token(req: Request) async throws -> Response {
        let credential = try await Self.load(req)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/vc+jwt")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"certificate.jwt\"")
        return Response(status: .ok, headers: headers, body: .init(string: credential.token))
    }

    struct RevokeForm: Content { var reason: String? }

    func revoke(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let credential = try await Self.load(req)
        try await req.authorize(.manageCohort, try await Self.resource(credential, on: req.db))
        let reason = ((try? req.content.decode(RevokeForm.self))?.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 500 else {
            let verdict = try await Credentials.verify(credential.token, on: req.db, config: req.application.config)
            let status: CredentialPage.Status =
                switch verdict {
                case .valid: .valid
                case .revoked(_, let reason): .revoked(reason, credential.revokedAt)
                case .invalid: .invalid
                }
            return req.render(
                CredentialPage.view(
                    req.pageContext(), credential: credential, status: status, mayRevoke: true,
                    revokeError: req.t("Say why the certificate is revoked (up to 500 characters): the reason is shown to anyone who checks it."),
                    reason: reason, logo: try await NetworkLogos.path(network: credential.issuingNetworkID, on: req.db)), status: .unprocessableEntity)
        }
        if credential.revokedAt == nil {
            credential.revokedAt = req.now
            credential.revocationReason = reason
            try await credential.save(on: req.db)
        }
        return req.redirect(to: .credential(.value(credential.id ?? UUID())), notice: req.t("The certificate is revoked."))
    }

    /// The instance's Open Badges issuer profile (certificates earned outside any network).
    func issuer(req: Request) async throws -> Response {
        try await profile(network: nil, req)
    }

    /// A network's Open Badges issuer profile: public, as the certificates that name it are.
    func networkIssuer(req: Request) async throws -> Response {
        let id = try req.uuidParameter(SiteURL.networkIDKey)
        guard try await Network.find(id, on: req.db) != nil else { throw Abort(.notFound) }
        return try await profile(network: id, req)
    }

    private func profile(network: UUID?, _ req: Request) async throws -> Response {
        let config = req.application.config
        let issuer = try await Credentials.issuer(network: network, config: config, on: req.db)
        let profile = IssuerProfile(
            context: OpenBadgeCredential.context, id: issuer.id, type: ["Profile"], name: issuer.name, url: config.publicBase,
            image: issuer.image.map(OpenBadgeCredential.Image.init(id:)))
        let response = Response(status: .ok)
        try response.content.encode(profile, as: .json)
        return response
    }

    func jwks(req: Request) async throws -> Response {
        // Publishing the keys makes one if none exists yet, so the set is never empty.
        _ = try await Credentials.currentKey(on: req.db)
        let set = try await Credentials.jwks(on: req.db, config: req.application.config)
        let response = Response(status: .ok)
        try response.content.encode(set, as: .json)
        response.headers.replaceOrAdd(name: .contentType, value: "application/jwk-set+json")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}

/// The issuer's Open Badges profile document.
struct IssuerProfile: Content {
    var context: [String]
    var id: String
    var type: [String]
    var name: String
    var url: String
    /// The network's logo, when it has one.
    var image: OpenBadgeCredential.Image?
    enum CodingKeys: String, CodingKey { case context = "@context", id, type, name, url, image }
}
