import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// An engagement's meetings: the next ones, their steps and agendas, and the form to plan one.
extension EngagementPage {
    static func meetingItem(_ context: PageContext, _ model: Model, _ meeting: Meeting) -> Node<HTML.ListContext> {
        let zone = TimeZone(identifier: meeting.timeZone) ?? .init(identifier: "UTC")!
        let when = context.localizer.date(meeting.startsAt, time: true, timeZone: zone)
        let details =
            " (" + meeting.timeZone + ") · " + context.localizer.tn("{count} minute", "{count} minutes", count: meeting.durationMinutes)
            + (meeting.cancelled ? " · " + context.t("Cancelled") : "")
        let meetingID = meeting.id ?? UUID()
        let actions: Node<HTML.BodyContext> = .div(
            .class("row-actions"),
            .a(
                .class("meeting-ics"), .href(SiteURL.meetingCalendar(.value(model.id), .value(meetingID)).path),
                .text(context.t("Add to my calendar (.ics)"))),
            // A meeting that has begun is not cancelled: it took place (or it did not, which
            // its attendance says), and the others' calendars keep it.
            .if(
                !meeting.cancelled && model.status != .closed && meeting.startsAt > model.now,
                // The page that asks first (`ConfirmPage`), not the cancellation itself.
                .a(
                    .class("button-link meeting-cancel"), .href(SiteURL.meetingCancel(.value(model.id), .value(meetingID)).path),
                    .text(context.t("Cancel this meeting")))))
        let attendance: Node<HTML.BodyContext> = model.group.map { GroupSection.attendance(context, model, $0, meeting) } ?? .empty
        return .li(
            .class(meeting.cancelled ? "meeting meeting-cancelled" : "meeting"),
            .p(.unwrap(meeting.step) { .span(.class("meeting-step"), .text(stepName($0, context))) }, .strong(.text(when)), .text(details)),
            .if(!meeting.place.isEmpty, .p(.text(context.t("Place: {place}", ["place": meeting.place])))),
            .if(
                !meeting.onlineLink.isEmpty,
                .p(
                    .a(
                        .href(meeting.onlineLink), .attribute(named: "rel", value: "noopener noreferrer"),
                        .text(context.t("Join online"))))),
            .if(model.readsAgenda && !meeting.agenda.isEmpty, .p(.class("note-text"), .text(meeting.agenda))),
            actions,
            attendance
        )
    }

    static func meetingsSection(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let d =
            model.meetingDraft
            ?? .init(
                date: "", time: "", zone: model.defaultZone, duration: model.group == nil ? "45" : "75",
                place: "", link: "", agenda: "")
        let e = model.meetingErrors
        return .section(
            .attribute(named: "aria-labelledby", value: "meetings-title"),
            .h2(.id("meetings-title"), .text(context.t("Meetings"))),
            .if(
                model.upcomingMeetings.isEmpty,
                .p(.text(model.pastMeetings.isEmpty ? context.t("No meeting planned yet.") : context.t("No meeting to come.")))),
            .ul(.id("meetings"), .class("card-list"), .forEach(model.upcomingMeetings) { meetingItem(context, model, $0) }),
            // Past meetings fold away (a weekly group gathers dozens in a year); in a <div>, so
            // that the plan form stays the section's first <details>.
            .if(
                !model.pastMeetings.isEmpty,
                .div(
                    .class("past-meetings"),
                    .details(
                        .id("past-meetings"),
                        .summary(.text(context.localizer.tn("{count} past meeting", "{count} past meetings", count: model.pastMeetings.count))),
                        .ul(.class("card-list"), .forEach(model.pastMeetings) { meetingItem(context, model, $0) })))),
            .if(
                model.status != .closed,
                .details(
                    .if(!e.isEmpty, .attribute(named: "open", value: "open")),
                    .summary(.text(context.t("Plan a meeting"))),
                    Components.errorSummary(context, Array(e.values).sorted()),
                    .form(
                        .id("meeting-form"), .class("stack"), .method(.post), .action(SiteURL.engagementMeetings(.value(model.id)).path),
                        Components.csrfField(context),
                        .if(
                            model.form == .observation,
                            Components.selectField(
                                id: "step", label: context.t("Step of the cycle"),
                                options: [("", context.t("Another meeting"))] + Meeting.Step.allCases.map { ($0.rawValue, stepName($0, context)) },
                                selected: d.step)),
                        Components.field(.init(id: "date", label: context.t("Date"), type: .date, value: d.date, error: e["date"])),
                        Components.field(.init(id: "time", label: context.t("Time"), type: .time, value: d.time)),
                        Components.selectField(
                            id: "time_zone", label: context.t("Time zone"), options: Meetings.zones.map { ($0, $0) },
                            selected: d.zone, error: e["time_zone"]),
                        Components.field(.init(id: "duration", label: context.t("Length in minutes"), type: .number, value: d.duration, error: e["duration"])),
                        Components.field(.init(id: "place", label: context.t("Place (optional)"), value: d.place, required: false, error: e["place"])),
                        Components.field(
                            .init(
                                id: "online_link", label: context.t("Online meeting link (optional)"), type: .url, value: d.link,
                                required: false, error: e["online_link"])),
                        Components.textArea(
                            id: "agenda", label: context.t("Agenda (optional)"),
                            hint: model.form == .studyGroup ? context.t("For example: the module or chapter to have done before it.") : nil,
                            value: d.agenda, rows: 3, error: e["agenda"], language: nil),
                        .fieldset(
                            .class("question"), .element(named: "legend", text: context.t("Repeat")),
                            Components.selectField(
                                id: "repeats", label: context.t("How often"),
                                options: [
                                    ("once", context.t("Once")), ("weekly", context.t("Every week")),
                                    ("fortnightly", context.t("Every two weeks")), ("monthly", context.t("Every month")),
                                ],
                                selected: d.repeats, error: e["repeats"]),
                            Components.field(
                                .init(
                                    id: "count", label: context.t("Number of meetings (up to 20)"), type: .number,
                                    value: d.count, required: false, error: e["count"]))),
                        Components.submit(context.t("Plan the meeting"))
                    )
                ))
        )
    }

    static func stepName(_ step: Meeting.Step, _ context: PageContext) -> String {
        switch step {
        case .preObservation: context.t("Pre-observation talk")
        case .observation: context.t("The observed lesson")
        case .postObservation: context.t("Post-observation talk")
        }
    }
}
