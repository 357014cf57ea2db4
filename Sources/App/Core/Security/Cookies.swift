import Vapor

/// Names and attributes of the cookies Collegium sets. Over HTTPS they are `Secure`
/// and carry the `__Host-` prefix, which pins them to this host and path `/`
/// (RFC 6265bis §4.1.3.2); all are HttpOnly and SameSite=Lax (OWASP ASVS 3.4).
struct CookiePolicy: Sendable {
    var secure: Bool

    func name(_ base: String) -> String { secure ? "__Host-\(base)" : base }

    func cookie(_ value: String, maxAge: Int? = nil) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, expires: nil, maxAge: maxAge, domain: nil, path: "/",
            isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    func expired() -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
            isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    static let session = "collegium_session"
    static let csrf = "collegium_csrf"
}

extension Request {
    var cookiePolicy: CookiePolicy { CookiePolicy(secure: application.config.usesHTTPS) }
}
