import Foundation
import Plot

/// Invitations to cohorts waiting for the person, on their home page: what, whose, when,
/// and the two answers. Nobody joins a cohort of another network without saying yes here.
enum CohortInvitationsSection {
    struct Item {
        var id: UUID
        var cohort: String
        var course: String
        var network: String?
        var invitedBy: String?
        var startsOn: String
        var endsOn: String
    }

    static func items(_ invitations: [CohortInvitation], language: String) -> [Item] {
        invitations.compactMap { invitation in
            guard let id = invitation.id else { return nil }
            let cohort = invitation.cohort
            return Item(
                id: id, cohort: cohort.name, course: cohort.course.texts.title.text(language, fallback: "en"),
                network: cohort.network?.name, invitedBy: invitation.invitedBy?.fullName,
                startsOn: cohort.startsOn, endsOn: cohort.endsOn)
        }
    }

    static func view(_ context: PageContext, _ items: [Item]) -> Node<HTML.BodyContext> {
        .if(
            !items.isEmpty,
            .section(
                .id("cohort-invitations"), .attribute(named: "aria-labelledby", value: "cohort-invitations-title"),
                .h2(.id("cohort-invitations-title"), .text(context.t("Invitations to join a cohort"))),
                .p(
                    .class("hint"),
                    .text(
                        context.t(
                            "If you join, the cohort's facilitator and the network's coordinators follow your progress in the course, and what you share is read by the cohort."
                        ))),
                .ul(
                    .class("card-list"),
                    .forEach(items) { item in
                        .li(
                            .p(.strong(.text(item.cohort)), .text(" · " + item.course)),
                            .p(
                                .class("meta"),
                                .text(
                                    [
                                        item.network, item.invitedBy.map { context.t("invited by {name}", ["name": $0]) },
                                        item.startsOn + " – " + item.endsOn,
                                    ].compactMap { $0 }.joined(separator: " · "))),
                            .div(
                                .class("row-actions"),
                                .form(
                                    .class("inline-form"), .method(.post), .action(SiteURL.cohortInvitationAccept(.value(item.id)).path),
                                    Components.csrfField(context),
                                    .button(.type(.submit), .class("button-primary"), .text(context.t("Join “{name}”", ["name": item.cohort])))),
                                .form(
                                    .class("inline-form"), .method(.post), .action(SiteURL.cohortInvitationDecline(.value(item.id)).path),
                                    Components.csrfField(context),
                                    .button(.type(.submit), .class("button-secondary"), .text(context.t("Decline “{name}”", ["name": item.cohort]))))))
                    })
            ))
    }
}
