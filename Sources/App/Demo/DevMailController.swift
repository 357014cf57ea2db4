import Fluent
import Foundation
import NIOConcurrencyHelpers
import Plot
import Vapor

/// The demo's clock: the real time, moved forward by `/dev/mail` to show what happens the
/// next morning (a digest, a reminder) without waiting for it. Never moves back.
final class DemoClock: Sendable {
    private let offset = NIOLockedValueBox<TimeInterval>(0)

    var now: Date { Date().addingTimeInterval(offset.withLockedValue { $0 }) }

    /// Moves the clock to `moment` if it is later than now; returns the time it then shows.
    @discardableResult
    func advance(to moment: Date) -> Date {
        offset.withLockedValue { current in
            let shown = Date().addingTimeInterval(current)
            if moment > shown { current += moment.timeIntervalSince(shown) }
        }
        return now
    }
}

/// `/dev/mail`, in `collegium demo` only (never `serve`): every mail the demo wrote, newest
/// first, and a form that moves the demo's clock to a later moment, runs the jobs due then
/// (digests, reminders) and sends the outbox at once.
struct DevMailController: RouteCollection {
    let clock: DemoClock

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.devMail.pathComponents, use: show)
        routes.post(SiteURL.devMail.pathComponents, use: runJobs)
    }

    /// The demo's mail holds working sign-in links: only a browser on this machine sees it,
    /// even when the demo listens on every address (behind a proxy in `TRUSTED_PROXIES`, the
    /// address it forwarded must be this machine's).
    private func requireLocal(_ req: Request) throws {
        let host = req.clientAddress?.ipAddress ?? ""
        guard host == "127.0.0.1" || host == "::1" || host.hasPrefix("::ffff:127.") else { throw Abort(.notFound) }
    }

    func show(req: Request) async throws -> Response {
        try requireLocal(req)
        let mails = try await OutboxMail.query(on: req.db).sort(\.$createdAt, .descending).limit(200).all()
        return req.render(DevMailPage.view(req.pageContext(), mails: mails, now: req.now))
    }

    struct RunForm: Content { var at: String? }

    func runJobs(req: Request) async throws -> Response {
        try requireLocal(req)
        let form = try req.content.decode(RunForm.self)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = form.at?.count == 19 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm"
        if let raw = form.at, !raw.isEmpty {
            guard let moment = formatter.date(from: raw) else {
                throw Abort(.unprocessableEntity, reason: "Give the moment as 2026-12-04T06:30 (UTC).")
            }
            clock.advance(to: moment)
        }
        let now = clock.now
        let ran = try await AppJobs.scheduler.runDue(req.application, now: now)
        let sender = OutboxSender(db: req.db, transport: req.application.mailTransport, lease: req.application.config.mail.lease, logger: req.logger)
        let sent = try await sender.sendDue(now: now)
        return req.redirect(
            to: .devMail, notice: "Jobs run at \(DevMailPage.utc(now)): \(ran.isEmpty ? "none due" : ran.joined(separator: ", ")); mails tried: \(sent).")
    }
}

enum DevMailPage {
    /// `2026-12-04T06:30:00Z`.
    static func utc(_ date: Date) -> String { date.formatted(.iso8601) }

    static func view(_ context: PageContext, mails: [OutboxMail], now: Date) -> HTML {
        Layout.page(
            context, title: "Mail (demo)",
            .h1("Mail written by the demo"),
            .p(
                .text(
                    "Every e-mail Collegium queued, newest first. Without SMTP_URL nothing leaves this machine; with it, these also went to the server. The demo's clock shows \(DevMailPage.utc(now)) (UTC)."
                )),
            .form(
                .method(.post), .action(SiteURL.devMail.path), .class("stack"),
                Components.csrfField(context),
                Components.field(
                    .init(id: "at", label: "Run the scheduled jobs at (UTC)", type: .init(rawValue: "datetime-local") ?? .text, required: false)),
                Components.submit("Run the jobs and send")),
            .if(mails.isEmpty, .p("No mail yet.")),
            .forEach(mails) { mail in
                .article(
                    .class("card dev-mail"),
                    .h2(.text(mail.subject)),
                    .dl(
                        .class("facts"),
                        .dt("To"), .dd(.text(mail.toAddress)),
                        .dt("Kind"), .dd(.text(mail.kind.rawValue)),
                        .dt("Status"), .dd(.text(mail.status.rawValue + (mail.lastError.map { " (\($0))" } ?? ""))),
                        .dt("Queued"), .dd(.text(DevMailPage.utc(mail.createdAt))),
                        .dt("Message-ID"), .dd(.code(.text(mail.messageID)))),
                    .pre(.class("mail-body"), .text(mail.textBody)))
            }
        )
    }
}
