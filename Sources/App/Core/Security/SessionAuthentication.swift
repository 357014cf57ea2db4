import Fluent
import Vapor

/// Restores the signed-in person from the session cookie, enforcing the idle and
/// absolute timeouts (OWASP ASVS 3.3). An expired session is deleted on the server,
/// not just forgotten by the browser.
struct SessionAuthenticationMiddleware: AsyncMiddleware {
    /// How stale `last_seen_at` may get before it is written again: saves a write per request.
    static let touchInterval: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isAPI { return try await next.respond(to: request) }
        let cookieName = request.cookiePolicy.name(CookiePolicy.session)
        var expireCookie = false
        if let token = request.cookies[cookieName]?.string, SecretToken.looksValid(token) {
            // One query for the session and its person (a join, not an eager load's second
            // query): it runs before every signed-in page (issue 16, point 9).
            if let session = try await LoginSession.query(on: request.db)
                .join(User.self, on: \LoginSession.$user.$id == \User.$id)
                .filter(\.$tokenHash == SecretToken.hash(token)).first()
            {
                session.$user.value = try session.joined(User.self)
                let now = request.now
                let config = request.application.config
                if now.timeIntervalSince(session.lastSeenAt) > config.sessionIdleTimeout
                    || now.timeIntervalSince(session.createdAt) > config.sessionAbsoluteTimeout
                {
                    try await session.delete(on: request.db)
                    expireCookie = true
                } else {
                    if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
                        session.lastSeenAt = now
                        try await session.save(on: request.db)
                    }
                    request.auth.login(session.user)
                    request.storage[LoginSessionKey.self] = session
                }
            } else {
                expireCookie = true
            }
        }
        let response = try await next.respond(to: request)
        if expireCookie && response.cookies[cookieName] == nil {
            response.cookies[cookieName] = request.cookiePolicy.expired()
        }
        return response
    }
}

struct LoginSessionKey: StorageKey { typealias Value = LoginSession }

extension Request {
    var currentUser: User? { auth.get(User.self) }

    /// The signed-in person, or a redirect to the login page.
    func requireUser() throws -> User {
        guard let user = currentUser else { throw Abort.redirect(to: SiteURL.login.path(["next": url.path])) }
        return user
    }

    /// Starts a session for `user` with a fresh id (no session fixation: any earlier
    /// session of this browser is ended first) and a fresh CSRF token.
    func startSession(for user: User, response: Response) async throws {
        try await endSession(response: response)
        let token = SecretToken.generate()
        let session = LoginSession(tokenHash: SecretToken.hash(token), userID: try user.requireID(), now: now)
        try await session.save(on: db)
        response.cookies[cookiePolicy.name(CookiePolicy.session)] = cookiePolicy.cookie(token)
        let csrf = SecretToken.generate()
        response.cookies[cookiePolicy.name(CookiePolicy.csrf)] = cookiePolicy.cookie(csrf)
        auth.login(user)
    }

    /// Ends the session on the server and in the browser.
    func endSession(response: Response) async throws {
        if let session = storage[LoginSessionKey.self] {
            try await session.delete(on: db)
            storage[LoginSessionKey.self] = nil
        }
        auth.logout(User.self)
        response.cookies[cookiePolicy.name(CookiePolicy.session)] = cookiePolicy.expired()
    }
}

extension User: Authenticatable {}

extension Request {
    /// The JSON API authenticates with bearer tokens only: cookies, sessions, notices and
    /// CSRF tokens play no part there.
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}
