import Fluent
import Foundation

/// "How notifications reach me": per kind, at once, in the morning's digest, or only in the
/// app; the digest's hour and time zone.
enum NotificationSettingsPage {
    struct Model {
        var deliveries: [AppNotification.Kind: NotificationPreference.Delivery]
        var timeZone: String
        var digestHour: Int
        var email: String
        /// The mail server's reason, when it refused the person's address for good.
        var undeliverable: String?
        var errors: [String] = []

        static func load(for user: User, on db: any Database) async throws -> Model {
            let userID = try user.requireID()
            let schedule = try await MailSchedule.find(userID, on: db)
            // The schools (for the time zone and the language) in one query, not one each.
            user.$memberships.value = try await Membership.query(on: db).filter(\.$user.$id == userID).with(\.$school).all()
            let zone = Digests.timeZone(of: user, schedule ?? MailSchedule(userID: userID, timeZone: nil)).identifier
            return Model(
                deliveries: try await NotificationMail.deliveries(of: userID, on: db),
                timeZone: zone, digestHour: schedule?.digestHour ?? MailSchedule.defaultHour, email: user.email,
                undeliverable: try await Outbox.undeliverable(user.email, on: db)?.reason)
        }
    }

    /// The zones offered: those of the countries Collegium serves, and the person's own.
    static func zones(including current: String) -> [String] {
        Meetings.zones.contains(current) ? Meetings.zones : [current] + Meetings.zones
    }

    /// What each kind is, in a few words, for the settings page.
    static func label(_ kind: AppNotification.Kind, _ context: PageContext) -> String {
        switch kind {
        case .questionTaken: context.t("A colleague takes your question")
        case .coachingRequested: context.t("Someone asks you for coaching")
        case .coachingAccepted: context.t("Your coaching request is accepted")
        case .coachingPassed: context.t("You are suggested as a coach")
        case .meetingPlanned: context.t("A meeting is planned (with a calendar file)")
        case .meetingCancelled: context.t("A meeting is cancelled (with a calendar file)")
        case .meetingSoon: context.t("A meeting of yours is tomorrow")
        case .noteShared: context.t("A note is shared with you")
        case .memberInvited: context.t("You are invited to a mentoring programme")
        case .pairProposed: context.t("Mentoring pairs are published")
        case .pairAccepted: context.t("Your mentoring pair is accepted")
        case .pairNudged: context.t("A reminder about your mentoring pair")
        case .observationInvited: context.t("You are invited to observe a lesson")
        case .groupInvited: context.t("You are added to a group")
        case .caseSessionStarted: context.t("A case session starts in your group")
        case .reflectionCommented: context.t("Your reflection in a course gets a comment")
        case .cohortEnrolled: context.t("You are enrolled in a course cohort")
        case .questionRaised: context.t("A colleague's question waits too long (support staff)")
        case .certificateIssued: context.t("Your course certificate is issued")
        case .attemptRequested: context.t("A learner of your cohort asks for another attempt at a quiz")
        case .attemptGranted: context.t("You are given another attempt at a quiz")
        }
    }
}
