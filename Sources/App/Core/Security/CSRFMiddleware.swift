import Vapor

/// Cross-site request forgery protection for every form (OWASP ASVS 4.2.2): a random
/// token lives in an HttpOnly, SameSite=Lax cookie and is repeated in a hidden `_csrf`
/// field of each form; an unsafe request whose two copies differ is refused with 403.
/// The JSON API is exempt: it authenticates with bearer tokens only, never cookies. So is a
/// digest's one-click unsubscribe link (RFC 8058 §3.1): a mail reader posts it without any
/// cookie, the secret in its path is its only authority, and all it can do is turn that
/// person's digests off.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"
    static let unsubscribePrefix = "/mail/unsubscribe/"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isAPI { return try await next.respond(to: request) }
        let cookieName = request.cookiePolicy.name(CookiePolicy.csrf)
        let existing = request.cookies[cookieName].map(\.string).flatMap { SecretToken.looksValid($0) ? $0 : nil }
        let token = existing ?? SecretToken.generate()
        request.storage[CSRFTokenKey.self] = token

        if ![.GET, .HEAD, .OPTIONS].contains(request.method), !request.url.path.hasPrefix(Self.unsubscribePrefix) {
            // A body larger than one network read arrives as a stream, and the route only
            // collects it after the middleware; collect it here (within the same size
            // limit) so the token is found in long forms too, such as a handbook chapter.
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            }
            let sent =
                (try? request.content.get(String.self, at: Self.fieldName))
                ?? request.headers.first(name: "X-CSRF-Token")
            guard let existing, let sent, constantTimeEquals(sent, existing) else {
                throw Abort(.forbidden, identifier: "csrf")
            }
        }
        let response = try await next.respond(to: request)
        if existing == nil && response.cookies[cookieName] == nil {
            response.cookies[cookieName] = request.cookiePolicy.cookie(token)
        }
        return response
    }

    private func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

struct CSRFTokenKey: StorageKey { typealias Value = String }

extension Request {
    var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }
}
