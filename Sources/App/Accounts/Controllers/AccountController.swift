import Domain
import Fluent
import Vapor

/// The person's own account: who they are, where they belong, and their API tokens.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.account.pathComponents, use: show)
        routes.post(SiteURL.accountTokens.pathComponents, use: createToken)
        routes.get(SiteURL.accountExport.pathComponents, use: export)
        routes.post(SiteURL.accountTokenRevoke(.key).pathComponents, use: revokeToken)
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return req.render(AccountPage.view(req.pageContext(), try await AccountPage.Model.load(for: user, on: req.db)))
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

    struct TokenForm: Content { var token_name: String? }

    func createToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(TokenForm.self)
        var model = try await AccountPage.Model.load(for: user, on: req.db)
        let name = (form.token_name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            model.tokenError = req.t("Give the token a name (at most 100 characters), e.g. the tool that will use it.")
            return req.render(AccountPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let secret = try await APITokens.issue(name: name, for: user, on: req.db)
        model = try await AccountPage.Model.load(for: user, on: req.db)
        model.newToken = secret
        return req.render(AccountPage.view(req.pageContext(), model), status: .created)
    }

    func revokeToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter(SiteURL.idKey)
        // A token is always its owner's alone: the query is scoped to them, so someone
        // else's token id is simply not found.
        guard let token = try await APIToken.query(on: req.db)
            .filter(\.$id == id).filter(\.$user.$id == user.requireID()).first() else { throw Abort(.notFound) }
        if token.revokedAt == nil {
            token.revokedAt = req.now
            try await token.save(on: req.db)
        }
        return req.redirect(to: .account, notice: req.t("Token {name} revoked.", ["name": token.name]))
    }
}

/// Issuing personal access tokens (used by the account page and `collegium demo`).
enum APITokens {
    static let prefix = "col_"

    static func issue(name: String, for user: User, on db: any Database) async throws -> String {
        let secret = SecretToken.generate(prefix: prefix)
        try await APIToken(name: name, tokenHash: SecretToken.hash(secret), userID: try user.requireID()).save(on: db)
        return secret
    }
}
