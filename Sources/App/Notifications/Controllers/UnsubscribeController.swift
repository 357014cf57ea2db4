import Domain
import Fluent
import Vapor

/// A digest's one-click unsubscribe (RFC 8058): a mail reader's POST with
/// `List-Unsubscribe=One-Click`, or a person who opened the link and pressed the button.
/// No sign-in: the token in the link is the authority, and it can only turn digests off.
struct UnsubscribeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.unsubscribe(.key).pathComponents, use: show)
        routes.post(SiteURL.unsubscribe(.key).pathComponents, use: unsubscribe)
    }

    func show(req: Request) async throws -> Response {
        _ = try await link(req)
        return req.render(UnsubscribePage.view(req.pageContext(), .init(path: req.url.path, done: false)))
    }

    func unsubscribe(req: Request) async throws -> Response {
        let link = try await link(req)
        try await NotificationMail.stopDigests(of: link.$user.id, on: req.db)
        return req.render(UnsubscribePage.view(req.pageContext(), .init(path: req.url.path, done: true)))
    }

    private func link(_ req: Request) async throws -> UnsubscribeLink {
        guard let token = req.parameters.get(SiteURL.tokenKey), SecretToken.looksValid(token),
            let link = try await UnsubscribeLink.query(on: req.db).filter(\.$tokenHash == SecretToken.hash(token)).first()
        else { throw Abort(.notFound, reason: "This unsubscribe link is not valid.") }
        return link
    }
}
