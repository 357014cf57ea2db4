import Domain
import Fluent
import Vapor

/// The front door: a welcome for visitors, the person's schools once signed in.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.pathComponents, use: index)
    }

    func index(req: Request) async throws -> Response {
        guard let user = req.currentUser else {
            return req.render(LandingPage.view(req.pageContext()))
        }
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await Dashboard.Model.load(
            for: user, principal: principal, on: req.db, now: req.now, today: CalendarDay(req.now).description, language: req.localizer.language.rawValue,
            unread: req.storage[UnreadNotificationsKey.self] ?? 0)
        return req.render(Dashboard.view(req.pageContext(), model))
    }
}
