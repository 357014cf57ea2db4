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

extension Database {
    /// `transaction`, keeping the current `MailContext` inside it. Fluent runs a transaction's
    /// body in a task of its own, which does not inherit task-local values: a notification
    /// written inside a plain `transaction` would queue no mail. Use this for every
    /// transaction that notifies someone.
    func mailTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let context = MailContext.current
        return try await transaction { db in
            try await MailContext.$current.withValue(context) { try await body(db) }
        }
    }
}

/// Gives each request its `MailContext`.
struct MailContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await MailContext(request.application, now: request.now).run { try await next.respond(to: request) }
    }
}
