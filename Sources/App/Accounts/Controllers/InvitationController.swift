import Domain
import Fluent
import Vapor

/// Accepting an invitation: a newcomer sets their name and password; someone who already
/// has an account confirms with their password and gains the new school.
struct InvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.invitation(.key).pathComponents, use: show)
        routes.post(SiteURL.invitation(.key).pathComponents, use: accept)
    }

    func show(req: Request) async throws -> Response {
        let (invitation, school, existing) = try await load(req)
        let model = AcceptInvitationPage.Model(
            token: req.parameters.get(SiteURL.tokenKey) ?? "", schoolName: school.name,
            role: invitation.role, email: invitation.email, givenName: invitation.givenName,
            familyName: invitation.familyName, hasAccount: existing?.passwordHash != nil)
        return req.render(AcceptInvitationPage.view(req.pageContext(), model))
    }

    struct Form: Content {
        var given_name: String?
        var family_name: String?
        var password: String?
        var password_confirmation: String?
    }

    func accept(req: Request) async throws -> Response {
        let (invitation, school, existing) = try await load(req)
        let form = try req.content.decode(Form.self)
        var model = AcceptInvitationPage.Model(
            token: req.parameters.get(SiteURL.tokenKey) ?? "", schoolName: school.name, role: invitation.role,
            email: invitation.email, givenName: form.given_name ?? invitation.givenName,
            familyName: form.family_name ?? invitation.familyName, hasAccount: existing?.passwordHash != nil)

        let user: User
        if let existing, let hash = existing.passwordHash {
            // The same gate as the login form: whoever holds the link must not get free guesses.
            let gate = LoginGuard(req: req)
            let attempt: LoginGuard.Reservation
            switch try await gate.reserve(account: existing.email) {
            case .wait(let seconds):
                model.errors = [gate.waitMessage(seconds)]
                return req.render(AcceptInvitationPage.view(req.pageContext(), model)).retrying(after: seconds)
            case .check(let reservation):
                attempt = reservation
            }
            guard await gate.verify(form.password ?? "", against: hash) else {
                model.errors = [req.t("This password is not right. Use the password of your Collegium account.")]
                return req.render(AcceptInvitationPage.view(req.pageContext(), model), status: .unprocessableEntity)
            }
            try await gate.succeeded(attempt)
            user = existing
        } else {
            // Names follow the one rule for people's names (`PersonName`: no control or bidi characters).
            let givenCheck = PersonName.validate(model.givenName)
            let familyCheck = PersonName.validate(model.familyName)
            if case .failure(let problem) = givenCheck {
                model.errors.append(problem.message(.given, sizeMessage: req.t("Enter your given name (at most 100 characters)."), req.localizer))
            }
            if case .failure(let problem) = familyCheck {
                model.errors.append(problem.message(.family, sizeMessage: req.t("Enter your family name (at most 100 characters)."), req.localizer))
            }
            let password = form.password ?? ""
            model.errors += PasswordRules.check(password, confirmation: form.password_confirmation ?? "")
                .map { PasswordMessages.text($0, req.localizer) }
            guard model.errors.isEmpty, case .success(let given) = givenCheck, case .success(let family) = familyCheck else {
                return req.render(AcceptInvitationPage.view(req.pageContext(), model), status: .unprocessableEntity)
            }
            user = existing ?? User(email: invitation.email, givenName: given, familyName: family)
            user.givenName = given
            user.familyName = family
            user.passwordHash = try await req.password.async.hash(password)
            if user.language == nil { user.language = req.language.rawValue }
        }

        invitation.acceptedAt = req.now
        try await req.db.transaction { db in
            try await user.save(on: db)
            let userID = try user.requireID()
            // Recorded in the school's staff record, as made by whoever sent the invitation.
            try await StaffRecord.join(userID: userID, schoolID: invitation.$school.id, role: invitation.role,
                                       by: invitation.$invitedBy.id, at: req.now, on: db)
            try await invitation.save(on: db)
        }
        let response = req.redirect(to: SiteURL.home, notice: req.t("Welcome to {school}!", ["school": school.name]))
        try await req.startSession(for: user, response: response)
        return response
    }

    private func load(_ req: Request) async throws -> (Invitation, School, User?) {
        guard let token = req.parameters.get(SiteURL.tokenKey), SecretToken.looksValid(token),
              let invitation = try await Invitation.query(on: req.db)
                .filter(\.$tokenHash == SecretToken.hash(token)).with(\.$school).first(),
              invitation.isUsable(at: req.now)
        else {
            throw Abort(.notFound, reason: "This invitation has expired or was already used.")
        }
        let existing = try await User.query(on: req.db).filter(\.$email == invitation.email).first()
        return (invitation, invitation.school, existing)
    }
}
