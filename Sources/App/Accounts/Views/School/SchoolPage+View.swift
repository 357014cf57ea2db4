import Domain
import Foundation
import Plot

extension SchoolPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        return Layout.page(
            context, title: model.name,
            .h1(.text(model.name)),
            .p(.class("meta"), .text([model.city, CountryNames.name(model.country, l), model.networkName].compactMap { $0 }.joined(separator: " · "))),
            .unwrap(model.invitations) { _ in
                .p(
                    .class("actions"),
                    .a(
                        .id("invite-link"), .class("button-primary"), .href(SiteURL.schoolInvitationNew(.value(model.id)).path),
                        .text(context.t("Invite a colleague"))),
                    .text(" "),
                    .a(
                        .id("import-link"), .class("button-secondary"), .href(SiteURL.schoolImport(.value(model.id)).path),
                        .text(context.t("Import staff from a file"))))
            },
            .if(
                model.showsWellbeing,
                .p(
                    .a(
                        .id("wellbeing-link"), .href(SiteURL.schoolWellbeing(.value(model.id)).path),
                        .text(context.t("Staff well-being: figures from check-ins"))))),
            .unwrap(model.practice) { counts in
                .section(
                    .id("practice-counts"), .attribute(named: "aria-labelledby", value: "practice-heading"),
                    .h2(.id("practice-heading"), .text(context.t("Collegial support in this school"))),
                    .p(.class("hint"), .text(context.t("How many, never who or what: questions and notes stay between colleagues."))),
                    .ul(
                        .li(
                            .text(
                                l.tn(
                                    "{count} conversation under way (ask a colleague)", "{count} conversations under way (ask a colleague)",
                                    count: counts.active[.consultation] ?? 0))),
                        .li(.text(l.tn("{count} coaching under way", "{count} coachings under way", count: counts.active[.coaching] ?? 0))),
                        .li(.text(l.tn("{count} mentoring pair under way", "{count} mentoring pairs under way", count: counts.active[.mentoring] ?? 0))),
                        .li(
                            .text(
                                l.tn(
                                    "{count} peer observation cycle under way", "{count} peer observation cycles under way",
                                    count: counts.active[.observation] ?? 0))),
                        .li(.text(l.tn("{count} study group meeting", "{count} study groups meeting", count: counts.active[.studyGroup] ?? 0))),
                        .li(.text(l.tn("{count} supervision group meeting", "{count} supervision groups meeting", count: counts.active[.supervision] ?? 0))),
                        .li(.text(l.tn("{count} intervision group meeting", "{count} intervision groups meeting", count: counts.active[.intervision] ?? 0))),
                        .li(.text(l.tn("{count} question waiting for a colleague", "{count} questions waiting for a colleague", count: counts.openQuestions))),
                        .li(
                            .text(l.tn("{count} colleague offers help on some topic", "{count} colleagues offer help on some topic", count: counts.volunteers))),
                        .li(.text(l.tn("{count} conversation closed", "{count} conversations closed", count: counts.closed)))
                    )
                )
            },
            staffList(context, model),
            removedMembers(context, schoolID: model.id, model.staffRecord),
            staffRecord(context, schoolID: model.id, model.staffRecord),
            .unwrap(model.invitations) { invitations in
                .section(
                    .attribute(named: "aria-labelledby", value: "pending-heading"),
                    .h2(.id("pending-heading"), .text(context.t("Invitations not yet accepted"))),
                    .if(
                        invitations.isEmpty,
                        .p(.text(context.t("Everyone invited has joined."))),
                        else: .group(
                            .ul(
                                .id("pending-invitations"), .class("card-list"),
                                .forEach(invitations.prefix(Self.recentInvitations)) { invitationItem(context, l, model.id, $0) }),
                            // The older ones folded: an invitation round of twenty was 3,000 px of
                            // buttons on a phone (issue 18: no page over 6,000 px).
                            .if(
                                invitations.count > Self.recentInvitations,
                                .details(
                                    .id("older-invitations"),
                                    .summary(
                                        .text(
                                            l.tn(
                                                "{count} more invitation", "{count} more invitations",
                                                count: invitations.count - Self.recentInvitations))),
                                    .ul(
                                        .class("card-list"),
                                        .forEach(invitations.dropFirst(Self.recentInvitations)) { invitationItem(context, l, model.id, $0) })))))
                )
            }
        )
    }

    /// The newest invitations shown open; the rest under "N more invitations".
    static let recentInvitations = 5

    private static func invitationItem(
        _ context: PageContext, _ l: Localizer, _ schoolID: UUID, _ invitation: Model.PendingInvitation
    ) -> Node<HTML.ListContext> {
        .li(
            .text("\(invitation.name) <\(invitation.email)> — \(RoleNames.name(invitation.role, l)) — "),
            .text(context.t("valid until {date}", ["date": l.date(invitation.expiresAt)])),
            .if(invitation.undeliverable, undeliverable(context)),
            .div(
                .class("row-actions"),
                postButton(
                    context, SiteURL.schoolInvitationResend(.value(schoolID), .value(invitation.id)),
                    context.t("Send again to {email}", ["email": invitation.email])),
                // Opens the page that asks first (ConfirmPage).
                .a(
                    .class("button-link invitation-cancel"),
                    .href(SiteURL.schoolInvitationCancel(.value(schoolID), .value(invitation.id)).path),
                    .text(context.t("Cancel the invitation to {email}", ["email": invitation.email])))))
    }

    /// A one-button form: the label says exactly what happens, for screen readers too.
    private static func postButton<C: HTML.BodyContext>(_ context: PageContext, _ url: SiteURL, _ label: String) -> Node<C> {
        .form(
            .class("inline-form"), .method(.post), .action(url.path),
            Components.csrfField(context),
            .button(.type(.submit), .class("button-link"), .text(label)))
    }

    /// Said beside a person whose address the mail server refused for good.
    static func undeliverable<C: HTML.BodyContext>(_ context: PageContext) -> Node<C> {
        .span(.class("badge badge-warning"), .text(" " + context.t("E-mail cannot be delivered: check the address")))
    }
}
