import FluentKit
import Foundation
import Vapor

/// What writing a mail needs beyond the database: the translations, the settings and the
/// time. Every request has one (`MailContextMiddleware`), and so does every job; code that
/// notifies people (`Notifications.notify`) reads it from here rather than taking three
/// more parameters at each of its many callers. Without one (a test calling a service
/// directly), notifications are kept in the app and no mail is queued.
struct MailContext: Sendable {
    var translator: Translator
    var config: AppConfig
    var now: Date

    @TaskLocal static var current: MailContext?

    init(_ app: Application, now: Date) {
        translator = app.translator
        config = app.config
        self.now = now
    }

    /// Runs `body` with this context as the current one.
    func run<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        try await Self.$current.withValue(self, operation: body)
    }
}

/// Gives each request its `MailContext`.
struct MailContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await MailContext(request.application, now: request.now).run { try await next.respond(to: request) }
    }
}
