import Domain
import Fluent
import Vapor

/// Logging in and out. Failed attempts are counted per email address in the database
/// and answered with 429 past the limit (`LoginThrottle`), whichever process serves them.
struct LoginController: RouteCollection {
    static let throttle = LoginThrottle()

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.login.pathComponents, use: show)
        routes.post(SiteURL.login.pathComponents, use: login)
        routes.post(SiteURL.logout.pathComponents, use: logout)
    }

    func show(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.home.path, redirectType: .normal) }
        return req.render(LoginPage.view(req.pageContext(), .init(next: req.query["next"])))
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
        let now = req.now

        let failures = try await LoginFailure.query(on: req.db)
            .filter(\.$email == key)
            .filter(\.$failedAt > Self.throttle.windowStart(at: now))
            .all().map(\.failedAt)
        if let wait = Self.throttle.retryAfter(failures: failures, now: now) {
            var page = LoginPage.Model(email: typed, next: form.next)
            page.errors = [req.t("Too many failed attempts. Please wait {minutes} minutes and try again.",
                                 ["minutes": req.localizer.number(max(1, wait / 60))])]
            let response = req.render(LoginPage.view(req.pageContext(), page), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            return response
        }

        let user = try await User.query(on: req.db).filter(\.$email == key).first()
        let verified: Bool
        if let hash = user?.passwordHash, let password = form.password, !password.isEmpty {
            verified = (try? await req.password.async.verify(password, created: hash)) ?? false
        } else {
            verified = false
        }
        guard let user, verified else {
            try await LoginFailure(email: key, failedAt: now).save(on: req.db)
            var page = LoginPage.Model(email: typed, next: form.next)
            page.errors = [req.t("The email address or password is not right. Please check both and try again.")]
            return req.render(LoginPage.view(req.pageContext(), page), status: .unauthorized)
        }

        try await LoginFailure.query(on: req.db).filter(\.$email == key).delete()
        let response = req.redirect(to: LanguageController.safeReturnPath(form.next), redirectType: .normal)
        try await req.startSession(for: user, response: response)
        // A language chosen before logging in, on this browser, becomes the account's.
        if user.language == nil, let cookie = req.cookies[LanguageMiddleware.cookieName]?.string,
           Language(rawValue: cookie) != nil {
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
