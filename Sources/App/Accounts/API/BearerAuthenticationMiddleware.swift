import Fluent
import Vapor

/// Authenticates API requests with a personal access token (RFC 6750). Cookies are
/// ignored under `/api/`, which is why the API needs no CSRF token.
///
/// It is also the one place that enforces a token's scopes, so no route can forget to:
/// the module is the first segment of the matched route after `/api/v1/`, and any method
/// but GET and HEAD needs `write`. A route whose module is not known is refused.
struct BearerAuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization, bearer.token.hasPrefix(APITokens.prefix),
            SecretToken.looksValid(String(bearer.token.dropFirst(APITokens.prefix.count))),
            let token = try await APIToken.query(on: request.db)
                .filter(\.$tokenHash == SecretToken.hash(bearer.token)).filter(\.$revokedAt == nil)
                .with(\.$user).first()
        else {
            throw Abort(
                .unauthorized, headers: ["WWW-Authenticate": "Bearer realm=\"collegium\""],
                reason: "A valid personal access token is required: Authorization: Bearer col_…")
        }
        let now = request.now
        guard !token.isExpired(at: now) else {
            throw Abort(
                .unauthorized,
                headers: ["WWW-Authenticate": "Bearer realm=\"collegium\", error=\"invalid_token\", error_description=\"The token has expired\""],
                reason: "This token has expired. Make a new one on your account page.")
        }
        try Self.checkScope(of: token, for: request)
        // Counted per token across every node (issue 20); a refusal costs the token nothing more.
        let perMinute = request.application.config.operations.apiRequestsPerMinute
        if let wait = try await RequestLimit(bucket: "api", limit: perMinute, window: 60)
            .count(client: RequestLimit.key("api", bearer.token), now: now, on: request.db)
        {
            throw Abort(
                .tooManyRequests, headers: ["Retry-After": String(wait)],
                reason: "This token has made more than \(perMinute) requests in a minute. Try again in \(wait) seconds.")
        }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 300 }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: request.db)
        }
        request.auth.login(token.user)
        return try await next.respond(to: request)
    }

    /// 403 with `insufficient_scope` (RFC 6750 §3.1) when the token may not do this.
    static func checkScope(of token: APIToken, for request: Request) throws {
        let segments = (request.route?.path ?? []).map(\.description)
        let write = ![.GET, .HEAD].contains(request.method)
        let module = segments.count > 2 ? APIScopes.Module(routeSegment: segments[2]) : nil
        guard let module, token.scopes.allows(module, write: write) else {
            let needed = "\(write ? "write" : "read") \(module?.rawValue ?? "?")"
            throw Abort(
                .forbidden,
                headers: ["WWW-Authenticate": "Bearer realm=\"collegium\", error=\"insufficient_scope\", scope=\"\(needed)\""],
                reason: "This token may not do this: it needs the scopes \"\(needed)\". Make a token with them on your account page.")
        }
    }
}
