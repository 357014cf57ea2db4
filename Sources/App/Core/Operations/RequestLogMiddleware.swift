import Vapor

/// Logs each request as its method and route pattern (`GET /invitations/:token`), not
/// the path it came with: invitation, password-reset and calendar-feed links carry their
/// secret in the path, and a log line must never hold a secret (issue #14, ASVS 7.1.1).
/// Replaces Vapor's `RouteLoggingMiddleware`, which logs the path as sent.
struct RequestLogMiddleware: AsyncMiddleware {
    var level: Logger.Level = .info

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger.log(level: level, "\(request.method) \(Self.loggablePath(request))")
        return try await next.respond(to: request)
    }

    /// The matched route's pattern; for a path no route matches (a 404), the path with
    /// every segment shaped like a secret replaced, since a mistyped link still holds one.
    static func loggablePath(_ request: Request) -> String {
        if let route = request.route {
            return "/" + route.path.map(\.description).joined(separator: "/")
        }
        let segments = request.url.path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            let text = String(segment)
            let decoded = text.removingPercentEncoding ?? text
            return SecretToken.looksValid(decoded) || decoded.count > 100 ? ":redacted" : decoded
        }
        return segments.joined(separator: "/")
    }
}
