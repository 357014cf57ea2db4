import Domain
import Fluent
import Vapor

/// Meetings in an engagement (planned by either participant, in their zone), one `.ics`
/// file per meeting, and each person's private calendar feed, which any calendar app can
/// subscribe to (the URL holds a secret; a new one replaces the old).
struct MeetingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.engagementMeetings(.key).pathComponents, use: add)
        routes.get(SiteURL.meetingCalendar(.key, .key).pathComponents, use: calendarFile)
        routes.get(SiteURL.meetingCancel(.key, .key).pathComponents, use: confirmCancel)
        routes.post(SiteURL.meetingCancel(.key, .key).pathComponents, use: cancel)
        routes.post(SiteURL.supportCalendarFeed.pathComponents, use: newFeed)
        routes.get(SiteURL.supportCalendarFeedRevoke.pathComponents, use: confirmRevokeFeed)
        routes.post(SiteURL.supportCalendarFeedRevoke.pathComponents, use: revokeFeed)
        routes.get(SiteURL.calendarFeed(.key).pathComponents, use: feed)
    }

    func add(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.writeNote)
        let form = try req.content.decode(MeetingForm.self)
        let (plan, errors) = form.validated(in: engagement.form, req.localizer)
        guard let plan else {
            var model = try await EngagementPage.Model.load(engagement, participants: participants, req: req)
            model.meetingErrors = errors
            model.meetingDraft = .init(
                date: form.date ?? "", time: form.time ?? "", zone: form.time_zone ?? "", duration: form.duration ?? "",
                place: form.placeText, link: form.linkText, agenda: form.agendaText, step: form.step ?? "",
                repeats: form.repeats ?? "once", count: form.count ?? "1")
            return req.render(EngagementPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let id = try engagement.requireID()
        let (others, actor) = (
            try await EngagementAccess.others(in: id, than: try user.requireID(), on: req.db),
            try await AskAColleague.actorName(user, in: id, on: req.db, req.localizer)
        )
        let (host, now) = (Self.host(req), req.now)
        // The meetings and their notices (and mail) are saved together, or not at all.
        let starts = try await req.db.writeTransaction { db in
            let starts = try await Meetings.schedule(plan, in: id, on: db)
            let calendar = Meetings.mailCalendar(try await Meetings.planned(in: id, starting: starts, on: db), host: host, now: now)
            try await Notifications.notify(others, kind: .meetingPlanned, actor: actor, link: .engagement(.value(id)), calendar: calendar, on: db)
            return starts
        }
        return req.redirect(
            to: .engagement(.value(id)),
            notice: starts.count == 1
                ? req.t("Meeting planned. Add it to your calendar with the link beside it.")
                : req.localizer.tn(
                    "{count} meeting planned. Add it to your calendar with the link beside it.",
                    "{count} meetings planned. Add them to your calendar with the links beside them, or subscribe to your calendar feed.",
                    count: starts.count))
    }

    func calendarFile(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.viewEngagement)
        let meeting = try await req.meetingInPath(of: engagement)
        let hidden = try await AskAColleague.hiddenAskers(in: [try engagement.requireID()], on: req.db)
        let viewer = req.currentUser?.id
        let title = Self.title(
            engagement,
            participants: participants.map {
                AskAColleague.shownName($0.user.fullName, userID: $0.$user.id, in: engagement.id, hidden: hidden, viewer: viewer, req.localizer)
            }, req: req)
        let agenda = Policy.allows(
            try await req.principal(), .readAgenda,
            .engagement(participants: Set(participants.map { $0.$user.id }), group: .of(engagement, participants)))
        let text = ICalendar.calendar(
            name: "Collegium", events: [Meetings.event(meeting, title: title, host: Self.host(req), showsAgenda: agenda)],
            now: req.now)
        return Meetings.response(text, filename: "collegium-meeting.ics")
    }

    /// Asks first (`ConfirmPage`): who is told, and that their calendars drop it.
    func confirmCancel(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let (engagement, _) = try await req.engagementInPath(.writeNote)
        let meeting = try await req.meetingInPath(of: engagement)
        let id = try engagement.requireID()
        guard !meeting.cancelled else { return req.redirect(to: .engagement(.value(id)), notice: req.t("This meeting is already cancelled.")) }
        // A link from a page opened before the meeting began: said on the page, not a bare 409.
        guard meeting.startsAt > req.now else {
            return req.redirect(to: .engagement(.value(id)), notice: req.t("This meeting has already begun: it can no longer be cancelled."))
        }
        guard engagement.status != .closed else {
            return req.redirect(to: .engagement(.value(id)), notice: req.t("This has ended: its meetings stay as they were."))
        }
        let when =
            req.localizer.date(meeting.startsAt, time: true, timeZone: TimeZone(identifier: meeting.timeZone) ?? .gmt) + " (\(meeting.timeZone))"
        return req.confirm(
            req.t("Cancel the meeting of {date}?", ["date": when]),
            consequences: [
                req.t(
                    "Everyone taking part is told. Those who get notices by e-mail at once receive a calendar file that takes it out of their calendar; calendars that follow their Collegium feed drop it too."
                ),
                req.t("The meeting stays on the page, marked as cancelled. To meet another time, plan a new meeting."),
            ],
            action: .meetingCancel(.value(id), .value(try meeting.requireID())), confirmLabel: req.t("Cancel the meeting"), back: .engagement(.value(id)))
    }

    func cancel(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (engagement, _) = try await req.engagementInPath(.writeNote)
        let meeting = try await req.meetingInPath(of: engagement)
        // Cancelled already: the same answer as the first time (a second click, a reload).
        guard !meeting.cancelled else {
            return req.redirect(to: .engagement(.value(try engagement.requireID())), notice: req.t("This meeting is already cancelled."))
        }
        guard meeting.startsAt > req.now else {
            throw Abort(.conflict, reason: req.t("This meeting has already begun: it can no longer be cancelled."))
        }
        guard engagement.status != .closed else { throw Abort(.conflict, reason: req.t("This has ended: its meetings stay as they were.")) }
        meeting.cancelled = true
        meeting.sequence += 1
        let id = try engagement.requireID()
        let others = try await EngagementAccess.others(in: id, than: try user.requireID(), on: req.db)
        let actor = try await AskAColleague.actorName(user, in: id, on: req.db, req.localizer)
        let calendar = Meetings.mailCalendar([meeting], host: Self.host(req), now: req.now)
        try await req.db.writeTransaction { db in
            try await meeting.save(on: db)
            try await Notifications.notify(others, kind: .meetingCancelled, actor: actor, link: .engagement(.value(id)), calendar: calendar, on: db)
        }
        return req.redirect(
            to: .engagement(.value(try engagement.requireID())), notice: req.t("Meeting cancelled. Calendars that follow your feed will show it as cancelled."))
    }

    func newFeed(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let userID = try user.requireID()
        let token = SecretToken.generate()
        try await req.db.writeTransaction { db in
            try await CalendarFeed.query(on: db).filter(\.$user.$id == userID).delete()
            try await CalendarFeed(userID: userID, tokenHash: SecretToken.hash(token)).save(on: db)
        }
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        var model = try await MySupportPage.Model.load(principal: principal, now: req.now, localizer: req.localizer, on: req.db)
        model.newFeedURL = SiteURL.calendarFeed(.value(token)).absolute(req.application.config)
        return req.render(MySupportPage.view(req.pageContext(), model))
    }

    /// Asks first (`ConfirmPage`): calendars that follow the link stop updating.
    func confirmRevokeFeed(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard try await CalendarFeed.query(on: req.db).filter(\.$user.$id == user.requireID()).count() > 0 else {
            return req.redirect(to: .support, notice: req.t("You have no calendar link to turn off."))
        }
        return req.confirm(
            req.t("Turn your calendar link off?"),
            consequences: [
                req.t("Calendars that follow the link stop updating; the meetings already in them stay as they are."),
                req.t("Your meetings in Collegium do not change. You can make a new link at any time."),
            ],
            action: .supportCalendarFeedRevoke, confirmLabel: req.t("Turn the link off"), back: .support)
    }

    func revokeFeed(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await CalendarFeed.query(on: req.db).filter(\.$user.$id == user.requireID()).delete()
        return req.redirect(to: .support, notice: req.t("Your calendar link no longer works. Calendars that followed it will stop updating."))
    }

    func feed(req: Request) async throws -> Response {
        guard let token = req.parameters.get(SiteURL.tokenKey), SecretToken.looksValid(token),
            let feed = try await CalendarFeed.query(on: req.db).filter(\.$tokenHash == SecretToken.hash(token)).first()
        else {
            throw Abort(.notFound)
        }
        let meetings = try await Meetings.meetings(of: feed.$user.id, from: req.now.addingTimeInterval(-90 * 86_400), on: req.db)
        // Everyone taking part in these engagements, in one query.
        let people = Dictionary(
            grouping: try await EngagementParticipant.query(on: req.db)
                .filter(\.$engagement.$id ~~ Array(Set(meetings.compactMap { $0.1.id }))).with(\.$user).all(), by: { $0.$engagement.id })
        // The feed's owner, as the `Policy` sees them: the feed is read without a session.
        var owner: Principal?
        if let user = try await User.find(feed.$user.id, on: req.db) { owner = try await Principal.load(for: user, now: req.now, on: req.db) }
        let hidden = try await AskAColleague.hiddenAskers(in: meetings.compactMap { $0.1.id }, on: req.db)
        let events = meetings.map { meeting, engagement in
            let parts = people[engagement.id ?? UUID()] ?? []
            let agenda = Policy.allows(owner, .readAgenda, .engagement(participants: Set(parts.map { $0.$user.id }), group: .of(engagement, parts)))
            let names = parts.map {
                AskAColleague.shownName($0.user.fullName, userID: $0.$user.id, in: engagement.id, hidden: hidden, viewer: feed.$user.id, req.localizer)
            }
            return Meetings.event(
                meeting, title: Self.title(engagement, participants: names, req: req),
                host: Self.host(req), showsAgenda: agenda)
        }
        return Meetings.response(ICalendar.calendar(name: "Collegium", events: events, now: req.now), filename: "collegium.ics")
    }

    static func title(_ engagement: Engagement, participants: [String], req: Request) -> String {
        let topic = HelpTopic(rawValue: engagement.topic).map { PracticeNames.topic($0, req.pageContext()) } ?? engagement.topic
        return "Collegium: " + topic + " (" + participants.joined(separator: ", ") + ")"
    }

    static func host(_ req: Request) -> String { req.application.config.publicURL.host ?? "collegium" }
}
