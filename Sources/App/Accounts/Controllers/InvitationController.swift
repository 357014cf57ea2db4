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
            let ok = (try? await req.password.async.verify(form.password ?? "", created: hash)) ?? false
            guard ok else {
                model.errors = [req.t("This password is not right. Use the password of your Collegium account.")]
                return req.render(AcceptInvitationPage.view(req.pageContext(), model), status: .unprocessableEntity)
            }
            user = existing
        } else {
            let given = model.givenName.trimmingCharacters(in: .whitespaces)
            let family = model.familyName.trimmingCharacters(in: .whitespaces)
            if given.isEmpty || given.count > 100 { model.errors.append(req.t("Enter your given name (at most 100 characters).")) }
            if family.isEmpty || family.count > 100 { model.errors.append(req.t("Enter your family name (at most 100 characters).")) }
            let password = form.password ?? ""
            model.errors += PasswordRules.check(password, confirmation: form.password_confirmation ?? "")
                .map { PasswordMessages.text($0, req.localizer) }
            guard model.errors.isEmpty else {
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
            let alreadyMember = try await Membership.query(on: db)
                .filter(\.$user.$id == userID).filter(\.$school.$id == invitation.$school.id).count() > 0
            if !alreadyMember {
                try await Membership(userID: userID, schoolID: invitation.$school.id, role: invitation.role).save(on: db)
            }
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
