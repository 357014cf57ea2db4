import Domain
import Fluent
import Foundation

/// Notifications by e-mail: at once for the kinds a person chose so, and in the morning's
/// digest for the rest (`Digests`). Words come from `Notifications.message`, in the reader's
/// language.
enum NotificationMail {
    /// Queues an e-mail now to each of `userIDs` who chose `now` for `kind`.
    static func sendNow(
        _ userIDs: [UUID], kind: AppNotification.Kind, actor: String, link: SiteURL, calendar: MailMessage.CalendarFile?,
        context: MailContext, on db: any Database
    ) async throws {
        let chosen = try await NotificationPreference.query(on: db).filter(\.$user.$id ~~ userIDs).filter(\.$kind == kind)
            .filter(\.$delivery == .now).all().map { $0.$user.id }
        guard !chosen.isEmpty else { return }
        for user in try await User.query(on: db).filter(\.$id ~~ chosen).with(\.$memberships, { $0.with(\.$school) }).all() {
            let l = localizer(for: user, context)
            let text = Notifications.message(kind: kind, actor: actor, l)
            let message = MailMessage(
                kind: .notice, to: user.email, toName: user.fullName, userID: user.id, language: l.language.rawValue,
                subject: text, paragraphs: [text], action: .init(label: l.t("Open in Collegium"), url: link.absolute(context.config)),
                footer: [
                    l.t(
                        "You get this at once because of your notification settings. Change them: {link}",
                        ["link": SiteURL.accountNotifications.absolute(context.config)])
                ],
                calendar: calendar)
            try await Outbox.enqueue(message, settings: context.config.mail, now: context.now, on: db)
        }
    }

    /// The reader's words: the language they chose, or, for someone who never chose one, their
    /// school's (as their invitation was), else the source language. `user`'s memberships and
    /// their schools are loaded by the caller, when it has them.
    static func localizer(for user: User, _ context: MailContext) -> Localizer {
        context.translator.localizer(for: language(of: user))
    }

    static func language(of user: User) -> Language {
        if let chosen = user.language.flatMap(Language.init(rawValue:)) { return chosen }
        let schools = (user.$memberships.value ?? []).compactMap { $0.$school.value }.sorted { $0.name < $1.name }
        return schools.lazy.compactMap { Language(rawValue: $0.language) }.first ?? .source
    }

    /// Each kind's delivery for `userID`: the chosen one, or the default.
    static func deliveries(of userID: UUID, on db: any Database) async throws -> [AppNotification.Kind: NotificationPreference.Delivery] {
        deliveries(from: try await NotificationPreference.query(on: db).filter(\.$user.$id == userID).all())
    }

    /// Each kind's delivery, from one person's chosen preferences.
    static func deliveries(from chosen: [NotificationPreference]) -> [AppNotification.Kind: NotificationPreference.Delivery] {
        var result = Dictionary(uniqueKeysWithValues: AppNotification.Kind.allCases.map { ($0, NotificationPreference.Delivery.default) })
        for preference in chosen { result[preference.kind] = preference.delivery }
        return result
    }

    /// Saves `userID`'s choices (a kind left out keeps what it had).
    static func save(_ deliveries: [AppNotification.Kind: NotificationPreference.Delivery], of userID: UUID, on db: any Database) async throws {
        try await db.writeTransaction { db in
            try await NotificationPreference.query(on: db).filter(\.$user.$id == userID).filter(\.$kind ~~ Array(deliveries.keys)).delete()
            for (kind, delivery) in deliveries where delivery != .default {
                try await NotificationPreference(userID: userID, kind: kind, delivery: delivery).create(on: db)
            }
        }
    }

    /// Turns every digest kind of `userID` to app-only (what one-click unsubscribe does);
    /// returns how many kinds changed.
    @discardableResult
    static func stopDigests(of userID: UUID, on db: any Database) async throws -> Int {
        let current = try await deliveries(of: userID, on: db)
        let changed = current.filter { $0.value == .digest }.mapValues { _ in NotificationPreference.Delivery.app }
        if !changed.isEmpty { try await save(changed, of: userID, on: db) }
        let schedule = try await MailSchedule.find(userID, on: db) ?? MailSchedule(userID: userID, timeZone: nil)
        schedule.digestsOff = true
        try await schedule.save(on: db)
        return changed.count
    }
}
