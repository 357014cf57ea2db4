import Fluent
import Foundation
import Vapor

/// Tells people in the app what happened in their support, their programmes and their
/// courses: the unread ones are counted in the header, and the list is under "My support".
/// Every module writes here through `notify`; nothing here reads a module's tables.
/// Those who chose so also get an e-mail at once (`NotificationMail`), queued on the same
/// database as the notification: in the caller's transaction when there is one.
enum Notifications {
    static func notify(
        _ userIDs: [UUID], kind: AppNotification.Kind, actor: String, link: SiteURL, calendar: MailMessage.CalendarFile? = nil,
        on db: any Database
    ) async throws {
        let people = Array(Set(userIDs))
        guard !people.isEmpty else { return }
        // Every notice and its mail, or none (within the caller's transaction, if any).
        try await db.writeTransaction { db in
            for userID in people {
                try await AppNotification(userID: userID, kind: kind, actor: actor, link: link.path).save(on: db)
            }
            guard let context = MailContext.current else { return }
            try await NotificationMail.sendNow(people, kind: kind, actor: actor, link: link, calendar: calendar, context: context, on: db)
        }
    }

    static func message(_ notification: AppNotification, _ context: PageContext) -> String {
        message(kind: notification.kind, actor: notification.actor, context.localizer)
    }

    static func message(kind: AppNotification.Kind, actor: String, _ context: Localizer) -> String {
        let name = ["name": actor]
        switch kind {
        case .questionTaken: return context.t("{name} took your question.", name)
        case .coachingRequested: return context.t("{name} asks for coaching.", name)
        case .coachingAccepted: return context.t("{name} accepted your request for coaching.", name)
        case .coachingPassed: return context.t("{name} suggested you as the coach for a colleague.", name)
        case .meetingPlanned: return context.t("{name} planned a meeting.", name)
        case .meetingCancelled: return context.t("{name} cancelled a meeting.", name)
        case .noteShared: return context.t("{name} shared a note with you.", name)
        case .memberInvited: return context.t("{name} invited you to a mentoring programme: fill in your profile.", name)
        case .pairProposed: return context.t("{name} published the mentoring pairs: see yours and answer.", name)
        case .pairAccepted: return context.t("{name} accepted your mentoring pair: you can start.", name)
        case .observationInvited: return context.t("{name} invites you to observe a lesson.", name)
        case .groupInvited: return context.t("{name} added you to a group.", name)
        case .meetingSoon: return context.t("A meeting of yours is within a day: see the time and the agenda.")
        case .caseSessionStarted: return context.t("{name} started a case session in your group.", name)
        case .reflectionCommented: return context.t("{name} commented on your reflection in a course.", name)
        case .cohortEnrolled: return context.t("{name} enrolled you in a course cohort.", name)
        case .pairNudged: return context.t("{name} wonders how your mentoring is going: time to plan your next meeting?", name)
        case .questionRaised: return context.t("A colleague's question in your school has waited too long: please take it or find someone who can.")
        case .certificateIssued: return context.t("Your course certificate is ready: see it, download it or share it.")
        case .attemptRequested: return context.t("{name} asks you for another attempt at a quiz in your cohort.", name)
        case .attemptGranted: return context.t("{name} gave you another attempt at a quiz.", name)
        }
    }
}
