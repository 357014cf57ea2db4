import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension MySupportPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("My support"),
            .h1(.text(context.t("My support"))),
            .p(
                .class("lead"),
                .text(context.t("Ask a colleague for help, answer a colleague's question, and keep your conversations in one place. Leaders see none of it."))),
            .p(
                .class("actions"),
                .a(.id("ask-link"), .class("button-primary"), .href(SiteURL.supportAsk.path), .text(context.t("Ask a colleague"))),
                .text(" "),
                .a(.id("observation-link"), .class("button-secondary"), .href(SiteURL.observationNew.path), .text(context.t("Start a peer observation"))),
                .text(" "),
                .a(
                    .id("study-group-link"), .class("button-secondary"), .href(SiteURL.groupNew.path(["kind": "study_group"])),
                    .text(context.t("Start a study group"))),
                .text(" "),
                .a(
                    .id("case-group-link"), .class("button-secondary"), .href(SiteURL.groupNew.path(["kind": "intervision"])),
                    .text(context.t("Start a supervision or intervision group")))),
            .if(
                !model.notifications.isEmpty,
                .section(
                    .attribute(named: "aria-labelledby", value: "news-title"),
                    .h2(.id("news-title"), .text(context.t("What's new"))),
                    // Marking read is a POST with the CSRF token, never a side effect of a GET (issue #14).
                    .if(
                        model.notifications.contains { $0.readAt == nil },
                        .form(
                            .id("notifications-read-all"), .class("inline-form"), .method(.post), .action(SiteURL.notificationsReadAll.path),
                            Components.csrfField(context),
                            .button(.type(.submit), .class("button-secondary"), .text(context.t("Mark all as read"))))),
                    .ul(
                        .id("notifications"), .class("card-list"),
                        .forEach(model.notifications) { item in
                            .li(
                                .class(item.readAt == nil ? "unread" : "read"),
                                .a(.href(item.link), .text(Notifications.message(item, context))),
                                .if(item.readAt == nil, .span(.class("badge"), .text(" · " + context.t("new")))),
                                .p(.class("meta"), .text(item.createdAt.map { context.localizer.date($0, time: true) } ?? "")),
                                .if(
                                    item.readAt == nil,
                                    .unwrap(item.id) { id in
                                        .form(
                                            .class("inline-form notification-read"), .method(.post), .action(SiteURL.notificationRead(.value(id)).path),
                                            Components.csrfField(context),
                                            .button(.type(.submit), .class("button-link"), .text(context.t("Mark as read"))))
                                    }))
                        })
                )),
            .unwrap(model.newFeedURL) { link in
                .div(
                    .id("new-feed"), .class("notice"), .attribute(named: "role", value: "status"),
                    .p(.text(context.t("Your calendar link (copy it now: it is shown only once):"))),
                    .p(.code(.text(link))))
            },
            .if(
                !model.nextMeetings.isEmpty,
                .section(
                    .attribute(named: "aria-labelledby", value: "next-meetings-title"),
                    .h2(.id("next-meetings-title"), .text(context.t("Next meetings"))),
                    .ul(
                        .id("next-meetings"), .class("card-list"),
                        .forEach(model.nextMeetings) { item in
                            .li(
                                .a(
                                    .href(SiteURL.engagement(.value(item.engagementID)).path),
                                    .text(
                                        context.localizer.date(
                                            item.meeting.startsAt, time: true,
                                            timeZone: TimeZone(identifier: item.meeting.timeZone) ?? .init(identifier: "UTC")!)
                                            + " (" + item.meeting.timeZone + ") · "
                                            + PracticeNames.title(form: item.form, topic: item.topic, context))))
                        })
                )),
            .section(
                .attribute(named: "aria-labelledby", value: "conversations-title"),
                .h2(.id("conversations-title"), .text(context.t("My conversations"))),
                .if(model.conversations.isEmpty, .p(.text(context.t("No conversations yet.")))),
                .ul(
                    .id("conversations"), .class("card-list"),
                    .forEach(model.conversations) { c in
                        .li(
                            .a(
                                .href(SiteURL.engagement(.value(c.id)).path),
                                .text(PracticeNames.title(form: c.form, topic: c.topic, context))),
                            .p(
                                .class("meta"),
                                .text(
                                    context.t("With {names}", ["names": c.with.joined(separator: ", ")])
                                        + (c.status == .closed ? " · " + context.t("Closed") : ""))))
                    })
            ),
            .if(
                !model.myRequests.isEmpty,
                .section(
                    .attribute(named: "aria-labelledby", value: "my-requests-title"),
                    .h2(.id("my-requests-title"), .text(context.t("My questions waiting for a colleague"))),
                    .ul(
                        .id("my-requests"), .class("card-list"),
                        .forEach(model.myRequests) { r in
                            .li(
                                requestSummary(r, context),
                                // The page that asks first (`ConfirmPage`).
                                .a(
                                    .class("button-secondary request-withdraw"), .href(SiteURL.supportRequestWithdraw(.value(r.id)).path),
                                    .text(context.t("Withdraw"))))
                        })
                )),
            .section(
                .attribute(named: "aria-labelledby", value: "for-me-title"),
                .h2(.id("for-me-title"), .text(context.t("Questions you can take"))),
                .if(model.forMe.isEmpty, .p(.text(context.t("No open questions on your topics right now.")))),
                .ul(
                    .id("requests-for-me"), .class("card-list"),
                    .forEach(model.forMe) { r in
                        .li(
                            .class(r.raised ? "raised" : "request"),
                            .if(
                                r.raised,
                                .p(
                                    .class("raised-label"),
                                    .strong(.text(context.t("Nobody has taken this in time: as support staff, please take it or find a colleague who can."))))),
                            requestSummary(r, context),
                            .form(
                                .class("inline-form"), .method(.post), .action(SiteURL.supportRequestTake(.value(r.id)).path),
                                Components.csrfField(context),
                                .button(.type(.submit), .class("button-primary"), .text(context.t("Take this question")))))
                    })
            ),
            CoachingSection.view(context, model.coaching, error: model.coachingOfferError),
            .section(
                .attribute(named: "aria-labelledby", value: "feed-title"),
                .h2(.id("feed-title"), .text(context.t("My calendar link"))),
                .p(
                    .text(
                        context.t(
                            "A private link that Google Calendar, Outlook or Apple Calendar can subscribe to: your meetings appear there and stay up to date. Anyone with the link sees your meetings, so keep it to yourself."
                        ))),
                .div(
                    .class("row-actions"),
                    .form(
                        .class("inline-form"), .method(.post), .action(SiteURL.supportCalendarFeed.path),
                        Components.csrfField(context),
                        .button(
                            .type(.submit), .class("button-secondary"),
                            .text(model.hasFeed ? context.t("Make a new link (the old one stops working)") : context.t("Make my calendar link")))),
                    .if(
                        model.hasFeed,
                        // Opens the page that asks first (ConfirmPage).
                        .a(.class("button-link feed-revoke"), .href(SiteURL.supportCalendarFeedRevoke.path), .text(context.t("Turn the link off")))))
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "volunteer-title"),
                .h2(.id("volunteer-title"), .text(context.t("Topics I can help with"))),
                .p(
                    .text(
                        context.t(
                            "Colleagues' questions on these topics will show above. The school's counsellor, psychologist and pedagogical adviser see every question."
                        ))),
                .forEach(model.schools.filter(\.mayVolunteer)) { school in
                    .form(
                        .class("stack volunteer-form"), .method(.post), .action(SiteURL.supportVolunteer.path),
                        Components.csrfField(context),
                        .input(.type(.hidden), .name("school"), .value(school.id.uuidString)),
                        .fieldset(
                            .class("question"),
                            .element(named: "legend", text: school.name),
                            .div(
                                .class("choices"),
                                .forEach(HelpTopic.allCases) { topic in
                                    .label(
                                        .input(
                                            .type(.checkbox), .name("topics[]"), .value(topic.rawValue),
                                            .attribute(named: "checked", value: school.topics.contains(topic) ? "checked" : nil)),
                                        .text(PracticeNames.topic(topic, context)))
                                })
                        ),
                        .button(.type(.submit), .class("button-secondary"), .text(context.t("Save my topics")))
                    )
                }
            )
        )
    }

    static func requestSummary(_ r: Question, _ context: PageContext) -> Node<HTML.BodyContext> {
        .group(
            .p(.strong(.text(PracticeNames.topic(r.topic, context))), .text(" · " + PracticeNames.urgency(r.urgency, context) + " · " + r.school)),
            .p(.class("question-text"), .text(r.question)),
            .p(
                .class("meta"),
                .text(r.asker.map { context.t("Asked by {name}", ["name": $0]) } ?? context.t("Asked by a colleague who did not show their name")))
        )
    }
}
