import Domain
import Fluent
import Vapor

/// Logging in and out. Every password check goes through `LoginGuard`: reserved before
/// it runs, delayed with 429 past the limits, the same time for unknown addresses.
struct LoginController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.login.pathComponents, use: show)
        routes.post(SiteURL.login.pathComponents, use: login)
        routes.post(SiteURL.logout.pathComponents, use: logout)
    }

    func show(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.home.path, redirectType: .normal) }
        return req.render(LoginPage.view(req.pageContext(), .init(next: ReturnPath.validated(req.query["next"]))))
    }

    struct Form: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let typed = form.email?.trimmingCharacters(in: .whitespaces) ?? ""
        let key = EmailAddress(typed)?.value ?? typed.lowercased()
        let gate = LoginGuard(req: req)
        let attempt: LoginGuard.Reservation
        switch try await gate.reserve(account: key) {
        case .wait(let seconds):
            var page = LoginPage.Model(email: typed, next: ReturnPath.validated(form.next))
            page.errors = [gate.waitMessage(seconds)]
            return req.render(LoginPage.view(req.pageContext(), page)).retrying(after: seconds)
        case .check(let reservation):
            attempt = reservation
        }

        let user = try await User.query(on: req.db).filter(\.$email == key).first()
        // Always one password check, also for an unknown address (see LoginGuard.verify).
        let verified = await gate.verify(form.password ?? "", against: user?.passwordHash)
        guard let user, verified else {
            var page = LoginPage.Model(email: typed, next: ReturnPath.validated(form.next))
            page.errors = [req.t("The email address or password is not right. Please check both and try again.")]
            return req.render(LoginPage.view(req.pageContext(), page), status: .unauthorized)
        }

        try await gate.succeeded(attempt)
        let response = req.redirect(to: ReturnPath.safe(form.next), redirectType: .normal)
        try await req.startSession(for: user, response: response)
        // A language chosen before logging in, on this browser, becomes the account's.
        if user.language == nil, let cookie = req.cookies[LanguageMiddleware.cookieName]?.string,
            Language(rawValue: cookie) != nil
        {
            user.language = cookie
            try await user.save(on: req.db)
        }
        return response
    }

    func logout(req: Request) async throws -> Response {
        let response = req.redirect(to: SiteURL.home, notice: req.t("You have logged out."))
        try await req.endSession(response: response)
        return response
    }
}
