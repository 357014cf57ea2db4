import Domain
import Foundation
import Plot

/// The top of the home page: what is next for the person (meetings, the check-in, surveys,
/// news, questions, courses), then what waits on them as a leader or a programme's lead.
extension Dashboard {
    static func nextSection(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .section(
            .id("next"), .attribute(named: "aria-labelledby", value: "next-title"),
            .h2(.id("next-title"), .class("visually-hidden"), .text(context.t("What's next"))),
            meetings(context, model),
            .if(
                !model.openCheckIns.isEmpty,
                .div(
                    .id("check-in-open"), .class("next-item"),
                    .p(
                        .text(
                            context.t(
                                "The well-being check-in for {period} is open. It takes two minutes, and your school only ever sees figures of a group.",
                                ["period": model.openCheckIns.map { PeriodName.name($0, context.localizer) }.joined(separator: ", ")]) + " "),
                        .a(.class("button-secondary"), .href(SiteURL.wellbeing.path), .text(context.t("Check in")))))),
            .if(
                !model.surveys.isEmpty,
                .section(
                    .id("surveys-for-you"), .class("next-item"), .attribute(named: "aria-labelledby", value: "surveys-for-you-title"),
                    .h3(.id("surveys-for-you-title"), .text(context.t("Surveys for you"))),
                    .ul(
                        .forEach(model.surveys) { survey in
                            .li(
                                .a(.href(SiteURL.answer(.value(survey.slug)).path), .text(survey.title)),
                                .if(!survey.closesOn.isEmpty, .text(" · " + context.t("open until {date}", ["date": survey.closesOn]))))
                        })
                )),
            news(context, model),
            .if(
                model.openQuestions > 0,
                .p(
                    .id("questions-waiting"), .class("next-item" + (model.raisedQuestions > 0 ? " raised" : "")),
                    .a(
                        .href(SiteURL.support.path + "#for-me-title"),
                        .text(
                            context.localizer.tn(
                                "{count} question from a colleague you could take", "{count} questions from colleagues you could take",
                                count: model.openQuestions))),
                    .if(
                        model.raisedQuestions > 0,
                        .text(
                            " · "
                                + context.localizer.tn(
                                    "{count} has waited past its time and reached support staff",
                                    "{count} have waited past their time and reached support staff", count: model.raisedQuestions))))),
            courses(context, model),
            .if(
                model.nothingNext,
                .div(
                    .id("nothing-next"), .class("next-item empty-state"),
                    .p(.text(context.t("Nothing is planned for the next days. A good first step:"))),
                    .ul(
                        .li(.a(.href(SiteURL.supportAsk.path), .text(context.t("Ask a colleague a question")))),
                        .li(.a(.href(SiteURL.support.path), .text(context.t("Offer help on topics you know well")))),
                        .li(.a(.href(SiteURL.handbook.path), .text(context.t("Read how colleagues support one another in the handbook"))))
                    )))
        )
    }

    /// Meetings under way, today, tomorrow and later this week, each under its day, at the
    /// time of the zone it was planned in.
    private static func meetings(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let days = meetingDays(model)
        return .if(
            !model.meetings.isEmpty,
            .section(
                .id("meetings-next"), .class("next-item"), .attribute(named: "aria-labelledby", value: "meetings-next-title"),
                .h3(.id("meetings-next-title"), .text(context.t("Meetings in the next seven days"))),
                .forEach(days) { day in
                    .group(
                        .h4(.class("day"), .text(dayName(day.offset, first: day.items[0], context, model))),
                        .ul(
                            .class("card-list meetings-day"),
                            .forEach(day.items) { item in
                                let zone = TimeZone(identifier: item.timeZone) ?? .gmt
                                let time = FormatterCache.shared.date(
                                    item.startsAt, locale: context.localizer.language.localeIdentifier, timeZone: zone, style: .template("Hm"))
                                return .li(
                                    .if(item.now, .span(.class("meeting-now"), .text(context.t("Now") + " · "))),
                                    .span(.class("meeting-time"), .text(time)),
                                    .text(" "),
                                    .a(
                                        .href(SiteURL.engagement(.value(item.engagementID)).path),
                                        .text(PracticeNames.title(form: item.form, topic: item.topic, context))),
                                    .p(
                                        .class("meta"),
                                        .text(
                                            [
                                                context.localizer.tn("{count} minute", "{count} minutes", count: item.durationMinutes),
                                                item.place, item.online ? context.t("online") : "",
                                                zone.identifier == model.timeZone.identifier ? "" : item.timeZone,
                                            ].filter { !$0.isEmpty }.joined(separator: " · "))))
                            })
                    )
                }
            ))
    }

    /// The meetings grouped by day: each meeting's day and time are those of the zone it
    /// was planned in (where the people meet), counted from today in that zone (0 today,
    /// 1 tomorrow), so a heading never disagrees with the time under it.
    private static func meetingDays(_ model: Model) -> [(offset: Int, items: [Today.MeetingItem])] {
        var days: [(offset: Int, items: [Today.MeetingItem])] = []
        for item in model.meetings {
            let offset = dayOffset(item, now: model.now)
            if let last = days.indices.last, days[last].offset == offset {
                days[last].items.append(item)
            } else {
                days.append((offset, [item]))
            }
        }
        return days
    }

    private static func dayOffset(_ item: Today.MeetingItem, now: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: item.timeZone) ?? .gmt
        let start = max(item.startsAt, now)
        return calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: start)).day ?? 0
    }

    private static func dayName(_ offset: Int, first: Today.MeetingItem, _ context: PageContext, _ model: Model) -> String {
        switch offset {
        case ...0: context.t("Today")
        case 1: context.t("Tomorrow")
        default:
            capitalizedFirst(
                FormatterCache.shared.date(
                    max(first.startsAt, model.now), locale: context.localizer.language.localeIdentifier,
                    timeZone: TimeZone(identifier: first.timeZone) ?? model.timeZone, style: .template("EEEEdMMMM")))
        }
    }

    /// The newest unread notices, with the way to all of them.
    private static func news(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .if(
            !model.unread.isEmpty,
            .section(
                .id("news-next"), .class("next-item"), .attribute(named: "aria-labelledby", value: "news-next-title"),
                .h3(.id("news-next-title"), .text(context.t("New for you"))),
                .ul(
                    .forEach(model.unread) { item in
                        .li(.a(.href(item.link), .text(Notifications.message(item, context))))
                    }),
                .p(
                    .a(
                        .href(SiteURL.support.path),
                        .text(context.localizer.tn("All news in My support ({count} new)", "All news in My support ({count} new)", count: model.unreadCount))))
            ))
    }

    private static func courses(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .if(
            !model.courses.isEmpty,
            .section(
                .id("my-courses"), .class("next-item"), .attribute(named: "aria-labelledby", value: "my-courses-title"),
                .h3(.id("my-courses-title"), .text(context.t("My courses"))),
                .ul(
                    .class("card-list"),
                    .forEach(model.courses.sorted { !$0.completed && $1.completed }) { course in
                        .li(
                            .a(.href(SiteURL.course(.value(course.slug)).path), .text(course.title)),
                            .text(" · " + (course.completed ? context.t("Completed") : context.t("{percent}% done", ["percent": String(course.percent)]))),
                            .if(
                                !course.completed,
                                .group(
                                    .text(" · "),
                                    .a(.href(SiteURL.courseContinue(.value(course.slug)).path), .text(context.t("Continue where you left off"))))))
                    })
            ))
    }

    /// What waits on the person as a school's leader or a mentoring programme's lead.
    static func waitingSection(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .if(
            !model.schoolTasks.isEmpty || !model.programmeTasks.isEmpty,
            .section(
                .id("waiting-on-you"), .attribute(named: "aria-labelledby", value: "waiting-on-you-title"),
                .h2(.id("waiting-on-you-title"), .text(context.t("Waiting on you"))),
                .ul(
                    .class("card-list"),
                    .forEach(model.schoolTasks) { task in
                        .li(
                            .a(
                                .href(SiteURL.school(.value(task.schoolID)).path + "#pending-heading"),
                                .text(
                                    context.localizer.tn(
                                        "{count} invitation not yet accepted", "{count} invitations not yet accepted", count: task.pendingInvitations))),
                            .p(.class("meta"), .text(task.schoolName)))
                    },
                    .forEach(model.programmeTasks) { task in
                        .li(
                            .a(
                                .href(SiteURL.programme(.value(task.programmeID)).path),
                                .text(
                                    [
                                        task.toPublish > 0
                                            ? context.localizer.tn(
                                                "{count} proposed pair to publish", "{count} proposed pairs to publish", count: task.toPublish)
                                            : "",
                                        task.quiet > 0 ? context.localizer.tn("{count} pair gone quiet", "{count} pairs gone quiet", count: task.quiet) : "",
                                    ].filter { !$0.isEmpty }.joined(separator: " · "))),
                            .p(.class("meta"), .text(task.name)))
                    }
                )
            ))
    }
}
