import Fluent
import Vapor

/// Marks notifications read, one or all, by a POST with the form's CSRF token. Showing
/// "My support" used to mark them read on the GET, so any page could do it for you with
/// a Markdown image pointing at `/support`; a GET never changes state (issue #14, class 9;
/// RFC 9110 §9.2.1, safe methods).
struct NotificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.notificationRead(.key).pathComponents, use: markRead)
        routes.post(SiteURL.notificationsReadAll.pathComponents, use: markAllRead)
    }

    func markRead(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter(SiteURL.idKey)
        // Scoped to the owner: someone else's notification id changes nothing.
        try await AppNotification.query(on: req.db).filter(\.$id == id).filter(\.$user.$id == user.requireID())
            .filter(\.$readAt == nil).set(\.$readAt, to: req.now).update()
        return req.redirect(to: .support)
    }

    func markAllRead(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await AppNotification.query(on: req.db).filter(\.$user.$id == user.requireID()).filter(\.$readAt == nil)
            .set(\.$readAt, to: req.now).update()
        return req.redirect(to: .support, notice: req.t("All notifications are marked as read."))
    }
}
