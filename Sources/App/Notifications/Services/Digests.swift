import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The morning digest: one e-mail a day at most, at the person's own morning hour, listing
/// the unread notifications of the kinds they get by digest that came since the last one.
/// Run by the `digests` job every quarter of an hour.
enum Digests {
    /// A notice older than this is left out of a digest (the person was away; it waits in
    /// the app).
    static let lookBack: TimeInterval = 7 * 86_400

    /// Queues the digests due at `now`; returns how many were queued.
    @discardableResult
    static func sendDue(now: Date, context: MailContext, on db: any Database) async throws -> Int {
        // Unread and never listed: each notice goes in one digest, whatever the clocks say.
        let unread = try await AppNotification.query(on: db).filter(\.$readAt == nil).filter(\.$digestedAt == nil)
            .filter(\.$createdAt > now.addingTimeInterval(-lookBack)).all()
        let byUser = Dictionary(grouping: unread, by: { $0.$user.id })
        guard !byUser.isEmpty else { return 0 }
        let users = try await User.query(on: db).filter(\.$id ~~ Array(byUser.keys)).with(\.$memberships) { $0.with(\.$school) }.all()
        let schedules = try await MailSchedule.query(on: db).filter(\.$id ~~ Array(byUser.keys)).all()
        // Everyone's choices in one query, not one per person.
        let chosen = Dictionary(
            grouping: try await NotificationPreference.query(on: db).filter(\.$user.$id ~~ Array(byUser.keys)).all(), by: { $0.$user.id })
        var queued = 0
        for user in users {
            let userID = try user.requireID()
            let schedule = schedules.first { $0.id == userID } ?? MailSchedule(userID: userID, timeZone: nil)
            let zone = timeZone(of: user, schedule)
            guard !schedule.digestsOff, isDue(schedule, zone: zone, now: now) else { continue }
            let deliveries = NotificationMail.deliveries(from: chosen[userID] ?? [])
            let items = (byUser[userID] ?? []).filter { deliveries[$0.kind] == .digest }
                .sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
            guard !items.isEmpty else { continue }
            // A row to claim the day's digest on, for someone who never chose anything.
            if !schedule.$id.exists { try await schedule.create(on: db) }
            let startOfDay = calendar(zone).startOfDay(for: now)
            let sent = try await db.writeTransaction { db -> Bool in
                // Claimed where no digest went today: two runs never send the same one twice.
                guard let sql = db as? any SQLDatabase else { return false }
                let claimed = try await sql.update(MailSchedule.schema).set("last_digest_at", to: now).where("user_id", .equal, userID)
                    .where(group: { $0.where("last_digest_at", .is, SQLLiteral.null).orWhere("last_digest_at", .lessThan, startOfDay) })
                    .returning("user_id").all()
                guard !claimed.isEmpty else { return false }
                let token = SecretToken.generate()
                try await UnsubscribeLink(tokenHash: SecretToken.hash(token), userID: userID, createdAt: now).create(on: db)
                let message = compose(items, for: user, unsubscribe: SiteURL.unsubscribe(.value(token)).absolute(context.config), context: context)
                guard try await Outbox.enqueue(message, settings: context.config.mail, now: now, on: db) else { return false }
                try await AppNotification.query(on: db).filter(\.$id ~~ items.compactMap(\.id)).set(\.$digestedAt, to: now).update()
                return true
            }
            if sent { queued += 1 }
        }
        return queued
    }

    /// Whether a digest is due: past the person's hour today, in their zone, and none sent today.
    static func isDue(_ schedule: MailSchedule, zone: TimeZone, now: Date) -> Bool {
        let calendar = calendar(zone)
        let hour = calendar.component(.hour, from: now)
        guard hour >= schedule.digestHour, hour < schedule.digestHour + MailSchedule.window else { return false }
        guard let last = schedule.lastDigestAt else { return true }
        return !calendar.isDate(last, inSameDayAs: now)
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The chosen zone, or that of the person's first school's country, or UTC.
    static func timeZone(of user: User, _ schedule: MailSchedule) -> TimeZone {
        let identifier = schedule.timeZone ?? user.$memberships.value?.first?.$school.value.map { Meetings.zone(forCountry: $0.country) } ?? "UTC"
        return TimeZone(identifier: identifier) ?? .gmt
    }

    static func compose(_ items: [AppNotification], for user: User, unsubscribe: String, context: MailContext) -> MailMessage {
        let l = NotificationMail.localizer(for: user, context)
        let lines = items.map { item in
            "• " + Notifications.message(kind: item.kind, actor: item.actor, l) + "\n  " + context.config.publicBase + item.link
        }
        return MailMessage(
            kind: .digest, to: user.email, toName: user.fullName, userID: user.id, language: l.language.rawValue,
            subject: l.tn("Collegium: {count} new for you", "Collegium: {count} new for you", count: items.count),
            paragraphs: [
                l.t("Good morning, {name}. This is what happened in Collegium since your last summary:", ["name": user.givenName]),
                lines.joined(separator: "\n"),
            ],
            action: .init(label: l.t("Open Collegium"), url: SiteURL.home.absolute(context.config)),
            footer: [
                l.t(
                    "You get one summary a morning at most. Choose what reaches you by e-mail: {link}",
                    ["link": SiteURL.accountNotifications.absolute(context.config)]),
                l.t("Stop these summaries with one click: {link}", ["link": unsubscribe]),
            ],
            unsubscribeURL: unsubscribe)
    }
}
