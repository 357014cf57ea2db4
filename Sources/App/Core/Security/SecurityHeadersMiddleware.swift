import Vapor

/// Headers every response carries (OWASP Secure Headers Project). Pages use no inline
/// script or style, so the content security policy can stay strict.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if request.application.config.usesHTTPS {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        // Pages with personal data must not be kept by browsers or proxies (ASVS 8.2.1):
        // everything but the static files under Public/.
        let isStaticAsset = ["/css/", "/js/", "/img/", "/favicon"].contains { request.url.path.hasPrefix($0) }
        // A public document served by a route says so itself with `public` (the revocation
        // lists, the keys, the course's images, a network's logo); nothing personal does.
        // Before, this middleware overwrote them with no-store too.
        let isPublicFile = response.headers.first(name: .cacheControl)?.hasPrefix("public") ?? false
        if isPublicFile {
            // Cached as the route set it, and so with no cookie: a shared cache would hand the
            // CSRF cookie given to the first visitor without one to every later one.
            response.headers.remove(name: .setCookie)
        } else if !isStaticAsset {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        } else if response.status == .ok {
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        }
        return response
    }
}
