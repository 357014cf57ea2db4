import Foundation
import Vapor

/// A one-time message shown on the page after a redirect ("Invitation sent to …").
/// It travels in a short-lived cookie holding the already translated text and is
/// cleared as soon as it is shown; it never carries anything secret.
struct NoticeMiddleware: AsyncMiddleware {
    static let cookieName = "collegium_notice"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isAPI { return try await next.respond(to: request) }
        let cookieName = request.cookiePolicy.name(Self.cookieName)
        var shown = false
        if request.method == .GET, let raw = request.cookies[cookieName]?.string,
            let data = Data(base64Encoded: raw), let text = String(data: data, encoding: .utf8), !text.isEmpty
        {
            request.storage[NoticeKey.self] = String(text.prefix(500))
            shown = true
        }
        let response = try await next.respond(to: request)
        if shown && response.cookies[cookieName] == nil && response.status == .ok {
            response.cookies[cookieName] = request.cookiePolicy.expired()
        }
        return response
    }
}

struct NoticeKey: StorageKey { typealias Value = String }

extension Response {
    /// Leaves `text` to be shown on the next page.
    func setNotice(_ text: String, for request: Request) {
        cookies[request.cookiePolicy.name(NoticeMiddleware.cookieName)] =
            request.cookiePolicy.cookie(Data(text.utf8).base64EncodedString(), maxAge: 120)
    }
}

extension Request {
    /// A `303 See Other` to `url`, with a notice for the page it leads to.
    func redirect(to url: SiteURL, notice: String? = nil) -> Response {
        let response = redirect(to: url.path, redirectType: .normal)
        if let notice { response.setNotice(notice, for: self) }
        return response
    }
}
