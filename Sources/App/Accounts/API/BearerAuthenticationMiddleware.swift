import Fluent
import Vapor

/// Authenticates API requests with a personal access token (RFC 6750). Cookies are
/// ignored under `/api/`, which is why the API needs no CSRF token.
struct BearerAuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization, bearer.token.hasPrefix(APITokens.prefix),
              SecretToken.looksValid(String(bearer.token.dropFirst(APITokens.prefix.count))),
              let token = try await APIToken.query(on: request.db)
                .filter(\.$tokenHash == SecretToken.hash(bearer.token)).filter(\.$revokedAt == nil)
                .with(\.$user).first()
        else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer realm=\"collegium\""],
                        reason: "A valid personal access token is required: Authorization: Bearer col_…")
        }
        let now = request.now
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 300 }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: request.db)
        }
        request.auth.login(token.user)
        return try await next.respond(to: request)
    }
}
