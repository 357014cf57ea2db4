import Fluent
import Vapor

/// Counts the signed-in person's unread notifications once per page, for the header.
struct NotificationCountMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !request.isAPI, request.method == .GET, let id = request.currentUser?.id {
            request.storage[UnreadNotificationsKey.self] = try await AppNotification.query(on: request.db)
                .filter(\.$user.$id == id).filter(\.$readAt == nil).count()
            // The header's "Surveys" link is for those who may make one.
            if let principal = try await request.principal() {
                request.storage[MayRunSurveysKey.self] = !Policy.oversight(principal).isEmpty
            }
        }
        return try await next.respond(to: request)
    }
}
