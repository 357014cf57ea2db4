import Domain
import Vapor

/// The language switcher's target: remembers the choice in a cookie and, for a signed-in
/// person, in their account, then returns to the page they were on.
struct LanguageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.language.pathComponents, use: change)
    }

    struct Form: Content {
        var language: String?
        var return_to: String?
    }

    func change(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let language = form.language.flatMap(Language.init(rawValue:)) ?? req.language
        if let user = req.currentUser {
            user.language = language.rawValue
            try await user.save(on: req.db)
        }
        let response = req.redirect(to: ReturnPath.safe(form.return_to), redirectType: .normal)
        response.cookies[LanguageMiddleware.cookieName] = HTTPCookies.Value(
            string: language.rawValue, maxAge: 365 * 86_400, path: "/",
            isSecure: req.application.config.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
