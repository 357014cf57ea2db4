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

    func accept(req: Request) async throws -> Response {
        let (invitation, school, existing) = try await load(req)
        let form = try req.content.decode(InvitationAcceptForm.self)
        var model = AcceptInvitationPage.Model(
            token: req.parameters.get(SiteURL.tokenKey) ?? "", schoolName: school.name, role: invitation.role,
            email: invitation.email, givenName: form.given_name ?? invitation.givenName,
            familyName: form.family_name ?? invitation.familyName, hasAccount: existing?.passwordHash != nil)

        let user: User
        if let existing, let hash = existing.passwordHash {
            // The same gate as the login form: whoever holds the link must not get free guesses.
            let gate = LoginGuard(req: req)
            switch try await gate.check(form.password ?? "", account: existing.email, against: hash) {
            case .wait(let seconds):
                model.errors = [gate.waitMessage(seconds)]
                return req.render(AcceptInvitationPage.view(req.pageContext(), model)).retrying(after: seconds)
            case .wrong:
                model.errors = [req.t("This password is not right. Use the password of your Collegium account.")]
                return req.render(AcceptInvitationPage.view(req.pageContext(), model), status: .unprocessableEntity)
            case .right:
                user = existing
            }
        } else {
            let (newcomer, errors) = form.newcomer(givenName: model.givenName, familyName: model.familyName, req.localizer)
            guard let newcomer else {
                model.errors = errors
                return req.render(AcceptInvitationPage.view(req.pageContext(), model), status: .unprocessableEntity)
            }
            user = existing ?? User(email: invitation.email, givenName: newcomer.givenName, familyName: newcomer.familyName)
            let hash = try await req.password.async.hash(newcomer.password)
            newcomer.fill(user, passwordHash: hash, language: req.language.rawValue)
        }

        try await InvitationService.accept(invitation, by: user, at: req.now, on: req.db)
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
