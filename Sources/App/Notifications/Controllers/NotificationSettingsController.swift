import Fluent
import Foundation
import Vapor

/// The person's own choice of how notifications reach them (`NotificationSettingsPage`).
struct NotificationSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.accountNotifications.pathComponents, use: show)
        routes.post(SiteURL.accountNotifications.pathComponents, use: save)
        routes.post(SiteURL.accountMailRetry.pathComponents, use: retryAddress)
    }

    /// The person says their mailbox works again (it was full, or their school's server was
    /// mended): mail to their own address is queued again. Only their own: nobody can clear
    /// the mark of someone else's address. If it bounces again, it is marked again.
    func retryAddress(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let cleared = try await Outbox.clearUndeliverable(user.email, on: req.db)
        return req.redirect(
            to: .accountNotifications,
            notice: cleared
                ? req.t("Mail to {email} will be sent again.", ["email": user.email]) : req.t("Mail already goes to {email}.", ["email": user.email]))
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return req.render(NotificationSettingsPage.view(req.pageContext(), try await NotificationSettingsPage.Model.load(for: user, on: req.db)))
    }

    func save(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let userID = try user.requireID()
        var model = try await NotificationSettingsPage.Model.load(for: user, on: req.db)
        let form = NotificationSettingsForm(req.formFields(), current: model, req.localizer)
        guard form.errors.isEmpty else {
            // What was chosen stays chosen on the page that explains the problem.
            model.deliveries = form.deliveries
            model.errors = form.errors
            return req.render(NotificationSettingsPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await NotificationMail.save(form.deliveries, of: userID, on: req.db)
        let schedule = try await MailSchedule.find(userID, on: req.db) ?? MailSchedule(userID: userID, timeZone: nil)
        schedule.timeZone = form.timeZone
        schedule.digestHour = form.digestHour
        // Choosing a digest again undoes a one-click unsubscribe.
        if form.deliveries.values.contains(.digest) { schedule.digestsOff = false }
        try await schedule.save(on: req.db)
        return req.redirect(to: .accountNotifications, notice: req.t("Your notification settings are saved."))
    }
}
