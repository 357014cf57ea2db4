import Domain
import Fluent
import Vapor

/// The person's own account: who they are, where they belong, and their API tokens.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.account.pathComponents, use: show)
        routes.post(SiteURL.accountTokens.pathComponents, use: createToken)
        routes.get(SiteURL.accountExport.pathComponents, use: export)
        routes.get(SiteURL.accountTokenRevoke(.key).pathComponents, use: confirmRevokeToken)
        routes.post(SiteURL.accountTokenRevoke(.key).pathComponents, use: revokeToken)
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return req.render(AccountPage.view(req.pageContext(), try await AccountPage.Model.load(for: user, at: req.now, on: req.db)))
    }

    /// Everything Collegium holds about the person, as a JSON file (GDPR art. 15 and 20).
    func export(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let data = try await PersonalData.export(user, on: req.db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(data)))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"collegium-my-data.json\"")
        return response
    }

    /// A new token: a name, read or read-and-write, the modules, and how many days it lasts.
    func createToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = AccountPage.TokenForm(req.formFields())
        var errors: [String] = []
        if form.name.isEmpty || form.name.count > 100 {
            errors.append(req.t("Give the token a name (at most 100 characters), e.g. the tool that will use it."))
        }
        if form.scopes.modules.isEmpty { errors.append(req.t("Choose at least one part of Collegium the token may use.")) }
        if !(form.days.map(APITokens.lifetimeDays.contains) ?? false) {
            errors.append(req.t("Choose how long the token lasts: at most one year."))
        }
        guard errors.isEmpty, let days = form.days else { return try await renderTokenErrors(req, user, form, errors) }
        let secret = try await APITokens.issue(
            name: form.name, for: user, scopes: form.scopes,
            expiresAt: req.now.addingTimeInterval(Double(days) * 86_400), on: req.db)
        var model = try await AccountPage.Model.load(for: user, at: req.now, on: req.db)
        model.newToken = secret
        return req.render(AccountPage.view(req.pageContext(), model), status: .created)
    }

    private func renderTokenErrors(_ req: Request, _ user: User, _ form: AccountPage.TokenForm, _ errors: [String]) async throws -> Response {
        var model = try await AccountPage.Model.load(for: user, at: req.now, on: req.db)
        model.tokenForm = form
        model.tokenErrors = errors
        return req.render(AccountPage.view(req.pageContext(), model), status: .unprocessableEntity)
    }

    /// Asks first (`ConfirmPage`): what stops working.
    func confirmRevokeToken(req: Request) async throws -> Response {
        let token = try await ownToken(req)
        guard token.revokedAt == nil else { return req.redirect(to: .account, notice: req.t("Token {name} revoked.", ["name": token.name])) }
        return req.confirm(
            req.t("Revoke the token {name}?", ["name": token.name]),
            consequences: [
                req.t("Every program that uses it is refused from now on, at once."),
                req.t("A revoked token cannot be used again: make a new one for a program that still needs access."),
            ],
            action: .accountTokenRevoke(.value(try token.requireID())), confirmLabel: req.t("Revoke {name}", ["name": token.name]), back: .account)
    }

    /// A token is always its owner's alone: the query is scoped to them, so someone else's
    /// token id is simply not found.
    private func ownToken(_ req: Request) async throws -> APIToken {
        let user = try req.requireUser()
        let id = try req.uuidParameter(SiteURL.idKey)
        guard let token = try await APIToken.query(on: req.db).filter(\.$id == id).filter(\.$user.$id == user.requireID()).first() else {
            throw Abort(.notFound)
        }
        return token
    }

    func revokeToken(req: Request) async throws -> Response {
        let token = try await ownToken(req)
        if token.revokedAt == nil {
            token.revokedAt = req.now
            try await token.save(on: req.db)
        }
        return req.redirect(to: .account, notice: req.t("Token {name} revoked.", ["name": token.name]))
    }
}
