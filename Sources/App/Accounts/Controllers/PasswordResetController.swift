import Domain
import Fluent
import SQLKit
import Vapor

/// "Forgot your password?": a one-time link by email. The answer is the same whether or
/// not the address has an account, so the form cannot be used to find out who is here.
struct PasswordResetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.forgotPassword.pathComponents, use: showRequest)
        routes.post(SiteURL.forgotPassword.pathComponents, use: request)
        routes.get(SiteURL.resetPassword(.key).pathComponents, use: showReset)
        routes.post(SiteURL.resetPassword(.key).pathComponents, use: reset)
    }

    func showRequest(req: Request) async throws -> Response {
        req.render(ForgotPasswordPage.view(req.pageContext(), .init()))
    }

    struct RequestForm: Content { var email: String? }

    func request(req: Request) async throws -> Response {
        let form = try req.content.decode(RequestForm.self)
        guard let email = EmailAddress(form.email ?? "") else {
            let model = ForgotPasswordPage.Model(email: form.email ?? "", error: req.t("Enter an email address like name@school.org."))
            return req.render(ForgotPasswordPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        // Many addresses asked from one place in an hour: someone is sending strangers mail.
        let client = RequestLimit.key("password-reset", req.application.loginClient.identify(req))
        if let wait = try await Self.perClient.count(client: client, now: req.now, on: req.db) {
            let minutes = (wait + 59) / 60
            let model = ForgotPasswordPage.Model(
                email: form.email ?? "",
                error: req.localizer.tn(
                    "Many password resets have been asked from your network in the last hour. Try again in {count} minute.",
                    "Many password resets have been asked from your network in the last hour. Try again in {count} minutes.", count: minutes))
            let response = req.render(ForgotPasswordPage.view(req.pageContext(), model), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            return response
        }
        if let user = try await User.query(on: req.db).filter(\.$email == email.value).first(), user.passwordHash != nil {
            let token = SecretToken.generate()
            let userID = try user.requireID()
            let reset = PasswordReset(
                tokenHash: SecretToken.hash(token), userID: userID,
                expiresAt: req.now.addingTimeInterval(req.application.config.passwordResetLifetime))
            let mail = Self.mail(to: user, link: SiteURL.resetPassword(.value(token)).absolute(req.application.config), req: req)
            let (settings, now, lifetime) = (req.application.config.mail, req.now, req.application.config.passwordResetLifetime)
            // The link and its e-mail are saved together: no reset without its mail, none
            // beyond the hour's limit (counted in the transaction, so parallel asks cannot pass it).
            try await req.db.writeTransaction { db in
                guard try await Self.resetsInTheLastHour(of: userID, lifetime: lifetime, now: now, on: db) < Self.resetsPerHour,
                    try await Outbox.enqueue(mail, settings: settings, now: now, on: db)
                else { return }
                try await reset.save(on: db)
            }
        }
        return req.redirect(
            to: SiteURL.login, notice: req.t("If an account uses {email}, we have sent it a link to choose a new password.", ["email": email.value]))
    }

    /// Reset requests one client (an address, or each client behind TRUSTED_PROXIES) may send
    /// in an hour, whatever the addresses: a school's staff behind one address ask a few a
    /// day; a script that mails strangers asks hundreds (issue 20). Loose, as the sign-in
    /// limit per client is, because a whole school may share one address: a script there
    /// holds that school's resets up for the rest of the hour, never anyone else's.
    static let perClient = RequestLimit(bucket: "password-reset", limit: 30, window: 3600)

    /// Reset mails one person can be sent in an hour, whoever asks and from wherever: nobody
    /// can fill a colleague's mailbox with them. Beyond it the page says what it always says
    /// (it never tells whether an account exists), and the links already sent still work.
    static let resetsPerHour = 3

    /// Counted by the links' expiry: each expires a fixed time after it was asked for. On
    /// PostgreSQL the person's row is locked first, so two transactions count in turn (SQLite's
    /// write transactions already take turns).
    static func resetsInTheLastHour(of userID: UUID, lifetime: TimeInterval, now: Date, on db: any Database) async throws -> Int {
        try await db.lockRow(of: User.self, id: userID)
        return try await PasswordReset.query(on: db).filter(\.$user.$id == userID).filter(\.$expiresAt > now.addingTimeInterval(lifetime - 3600))
            .count()
    }

    /// The reset e-mail, in the person's language (the page's if they chose none).
    static func mail(to user: User, link: String, req: Request) -> MailMessage {
        let language = user.language.flatMap(Language.init(rawValue:)) ?? req.language
        let l = req.application.translator.localizer(for: language)
        let minutes = Int(req.application.config.passwordResetLifetime / 60)
        return MailMessage(
            kind: .passwordReset, to: user.email, toName: user.fullName, userID: user.id, language: language.rawValue,
            subject: l.t("Reset your Collegium password"),
            paragraphs: [
                l.t("Hello {name},", ["name": user.givenName]),
                l.tn(
                    "Someone asked to reset the password of your Collegium account. If it was you, open the link below within {count} minute; it works once.",
                    "Someone asked to reset the password of your Collegium account. If it was you, open the link below within {count} minutes; it works once.",
                    count: minutes),
                l.t("If it was not you, ignore this e-mail: your password stays as it is."),
            ],
            action: .init(label: l.t("Choose a new password"), url: link))
    }

    func showReset(req: Request) async throws -> Response {
        _ = try await usableReset(req)
        return req.render(ResetPasswordPage.view(req.pageContext(), .init(token: req.parameters.get(SiteURL.tokenKey) ?? "")))
    }

    struct ResetForm: Content {
        var password: String?
        var password_confirmation: String?
    }

    func reset(req: Request) async throws -> Response {
        let reset = try await usableReset(req)
        let form = try req.content.decode(ResetForm.self)
        let problems = PasswordRules.check(form.password ?? "", confirmation: form.password_confirmation ?? "")
        guard problems.isEmpty, let password = form.password else {
            var model = ResetPasswordPage.Model(token: req.parameters.get(SiteURL.tokenKey) ?? "")
            model.errors = problems.map { PasswordMessages.text($0, req.localizer) }
            return req.render(ResetPasswordPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let user = try await reset.$user.get(on: req.db)
        user.passwordHash = try await req.password.async.hash(password)
        reset.usedAt = req.now
        let userID = try user.requireID()
        try await req.db.writeTransaction { db in
            try await user.save(on: db)
            try await reset.save(on: db)
            // Ends every session, every other reset link and every API token of this person.
            try await PasswordChange.endCredentials(of: userID, at: req.now, on: db)
        }
        let response = req.redirect(to: SiteURL.home, notice: req.t("Your new password is saved. You are logged in."))
        try await req.startSession(for: user, response: response)
        return response
    }

    private func usableReset(_ req: Request) async throws -> PasswordReset {
        guard let token = req.parameters.get(SiteURL.tokenKey), SecretToken.looksValid(token),
            let reset = try await PasswordReset.query(on: req.db).filter(\.$tokenHash == SecretToken.hash(token)).first(),
            reset.usedAt == nil, reset.expiresAt > req.now
        else { throw Abort(.notFound, reason: "This password reset link has expired or was already used.") }
        return reset
    }
}

enum PasswordMessages {
    static func text(_ problem: PasswordRules.Problem, _ l: Localizer) -> String {
        switch problem {
        case .tooShort(let minimum): l.t("The password needs at least {count} characters.", ["count": l.number(minimum)])
        case .tooLong: l.t("The password is too long: use at most 72 bytes (about 70 letters).")
        case .mismatch: l.t("The two passwords are not the same.")
        }
    }
}
