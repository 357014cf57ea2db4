import Domain
import Fluent
import Foundation
import Plot
import Vapor

enum PracticeNames {
    static func topic(_ topic: HelpTopic, _ context: PageContext) -> String {
        switch topic {
        case .classroomManagement: context.t("Classroom management")
        case .differentiation: context.t("Differentiation")
        case .assessment: context.t("Assessment and feedback")
        case .digitalTools: context.t("Digital tools")
        case .parents: context.t("Working with parents")
        case .pupilWellbeing: context.t("A pupil's well-being")
        case .specialNeeds: context.t("Special educational needs")
        case .planning: context.t("Planning lessons")
        case .workload: context.t("Workload and time")
        case .other: context.t("Something else")
        }
    }

    /// A conversation's title: the topic of a question, or "Coaching: …".
    static func title(form: Engagement.Form, topic: String, _ context: PageContext) -> String {
        switch form {
        case .consultation: HelpTopic(rawValue: topic).map { Self.topic($0, context) } ?? topic
        case .coaching: context.t("Coaching: {topic}", ["topic": topic])
        case .mentoring: context.t("Mentoring: {topic}", ["topic": topic])
        case .observation: context.t("Peer observation: {topic}", ["topic": topic])
        }
    }

    static func role(_ role: EngagementParticipant.Role, _ context: PageContext) -> String {
        switch role {
        case .asker: context.t("asked")
        case .helper: context.t("helps")
        case .coach: context.t("coach")
        case .coachee: context.t("coachee")
        case .mentor: context.t("mentor")
        case .mentee: context.t("mentee")
        case .observed: context.t("observed teacher")
        case .observer: context.t("observer")
        }
    }

    static func urgency(_ urgency: HelpUrgency, _ context: PageContext) -> String {
        switch urgency {
        case .today: context.t("Today")
        case .thisWeek: context.t("This week")
        case .whenever: context.t("When there is time")
        }
    }
}

/// "My support": the person's conversations, their open questions, the questions they
/// can take, and the topics they volunteer for.
enum MySupportPage {
    struct Request {
        var id: UUID
        var topic: HelpTopic
        var urgency: HelpUrgency
        var question: String
        /// The asker's name where they chose to show it, else nil.
        var asker: String?
        var school: String
        var createdAt: Date?
        /// Not taken in time, and the viewer is support staff of its school: shown first.
        var raised = false
    }

    struct Conversation {
        var id: UUID
        var topic: String
        var with: [String]
        var status: Engagement.Status
        var form: Engagement.Form
    }

    struct SchoolChoice {
        var id: UUID
        var name: String
        var mayVolunteer: Bool
        var topics: Set<HelpTopic>
    }

    struct Model {
        var conversations: [Conversation]
        var myRequests: [Request]
        var forMe: [Request]
        var schools: [SchoolChoice]
        var nextMeetings: [(meeting: Meeting, title: String, engagementID: UUID)] = []
        var hasFeed = false
        /// Shown once, right after a new feed is made (only its hash is kept).
        var newFeedURL: String?
        var coaching = CoachingSection.Model()
        /// The latest notifications; `unread` ones are marked read once shown.
        var notifications: [AppNotification] = []
        var coachingOfferError: String?

        static func load(for user: User, req: Vapor.Request) async throws -> Model {
            let userID = try user.requireID()
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            let service = AskAColleague(db: req.db)
            let topics = try await service.volunteerTopics(of: userID)
            let schoolIDs = Array(principal.schoolRoles.keys)
            let schools = try await School.query(on: req.db).filter(\.$id ~~ schoolIDs).sort(\.$name).all()
            let schoolName = Dictionary(schools.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })

            let visible = try await service.visibleOpenRequests(for: principal)
            func row(_ r: HelpRequest, showName: Bool) throws -> Request {
                Request(id: try r.requireID(), topic: r.topic, urgency: r.urgency, question: r.question,
                        asker: showName ? r.asker.fullName : nil, school: schoolName[r.$school.id] ?? "", createdAt: r.createdAt)
            }
            let mine = try visible.filter { $0.$asker.id == userID }.map { try row($0, showName: true) }
            let now = req.now.timeIntervalSince1970
            let forMe = try visible.filter { $0.$asker.id != userID }.map { request in
                var item = try row(request, showName: HelpRequestRules.showsName(showNameToSchool: request.showName, viewerIsAsker: false, viewerTookIt: false))
                item.raised = (principal.schoolRoles[request.$school.id]?.isSupportStaff ?? false)
                    && HelpRequestRules.isRaised(urgency: request.urgency, askedAt: request.askedAt.timeIntervalSince1970, now: now)
                return item
            }.sorted { ($0.raised ? 0 : 1) < ($1.raised ? 0 : 1) }

            let myParts = try await EngagementParticipant.query(on: req.db).filter(\.$user.$id == userID).all()
            let engagementIDs = myParts.map { $0.$engagement.id }
            let engagements = try await Engagement.query(on: req.db).filter(\.$id ~~ engagementIDs).sort(\.$createdAt, .descending).all()
            let others = try await EngagementParticipant.query(on: req.db).filter(\.$engagement.$id ~~ engagementIDs)
                .filter(\.$user.$id != userID).with(\.$user).all()
            let conversations = try engagements.map { e in
                Conversation(id: try e.requireID(), topic: e.topic,
                             with: others.filter { $0.$engagement.id == e.id }.map { $0.user.fullName }, status: e.status, form: e.form)
            }
            var model = Model(conversations: conversations, myRequests: mine, forMe: forMe, schools: schools.compactMap { school in
                guard let id = school.id else { return nil }
                return SchoolChoice(id: id, name: school.name, mayVolunteer: Policy.allows(principal, .volunteer, school.policyResource),
                                    topics: topics[id] ?? [])
            })
            model.nextMeetings = try await Meetings.meetings(of: userID, from: req.now, on: req.db)
                .filter { !$0.0.cancelled }.prefix(5).map { ($0.0, PracticeNames.title(form: $0.1.form, topic: $0.1.topic, req.pageContext()), $0.1.id ?? UUID()) }
            model.hasFeed = try await CalendarFeed.query(on: req.db).filter(\.$user.$id == userID).count() > 0
            model.coaching = try await CoachingSection.Model.load(principal: principal, schools: schools, req: req)
            model.notifications = try await AppNotification.query(on: req.db).filter(\.$user.$id == userID)
                .sort(\.$createdAt, .descending).limit(10).all()
            // Shown now: no longer new.
            try await AppNotification.query(on: req.db).filter(\.$user.$id == userID).filter(\.$readAt == nil)
                .set(\.$readAt, to: req.now).update()
            return model
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("My support"),
            .h1(.text(context.t("My support"))),
            .p(.class("lead"), .text(context.t("Ask a colleague for help, answer a colleague's question, and keep your conversations in one place. Leaders see none of it."))),
            .p(.class("actions"),
               .a(.id("ask-link"), .class("button-primary"), .href(SiteURL.supportAsk.path), .text(context.t("Ask a colleague"))),
               .text(" "),
               .a(.id("observation-link"), .class("button-secondary"), .href(SiteURL.observationNew.path), .text(context.t("Start a peer observation")))),
            .if(!model.notifications.isEmpty, .section(
                .attribute(named: "aria-labelledby", value: "news-title"),
                .h2(.id("news-title"), .text(context.t("What's new"))),
                .ul(.id("notifications"), .class("card-list"), .forEach(model.notifications) { item in
                    .li(.class(item.readAt == nil ? "unread" : "read"),
                        .a(.href(item.link), .text(Notifications.message(item, context))),
                        .if(item.readAt == nil, .span(.class("badge"), .text(" · " + context.t("new")))),
                        .p(.class("meta"), .text(item.createdAt.map { context.localizer.date($0, time: true) } ?? "")))
                })
            )),
            .unwrap(model.newFeedURL) { link in
                .div(.id("new-feed"), .class("notice"), .attribute(named: "role", value: "status"),
                     .p(.text(context.t("Your calendar link (copy it now: it is shown only once):"))),
                     .p(.code(.text(link))))
            },
            .if(!model.nextMeetings.isEmpty, .section(
                .attribute(named: "aria-labelledby", value: "next-meetings-title"),
                .h2(.id("next-meetings-title"), .text(context.t("Next meetings"))),
                .ul(.id("next-meetings"), .class("card-list"), .forEach(model.nextMeetings) { item in
                    .li(.a(.href(SiteURL.engagement(.value(item.engagementID)).path),
                           .text(context.localizer.date(item.meeting.startsAt, time: true,
                                                        timeZone: TimeZone(identifier: item.meeting.timeZone) ?? .init(identifier: "UTC")!)
                                 + " (" + item.meeting.timeZone + ") · "
                                 + item.title)))
                })
            )),
            .section(
                .attribute(named: "aria-labelledby", value: "conversations-title"),
                .h2(.id("conversations-title"), .text(context.t("My conversations"))),
                .if(model.conversations.isEmpty, .p(.text(context.t("No conversations yet.")))),
                .ul(.id("conversations"), .class("card-list"), .forEach(model.conversations) { c in
                    .li(.a(.href(SiteURL.engagement(.value(c.id)).path),
                           .text(PracticeNames.title(form: c.form, topic: c.topic, context))),
                        .p(.class("meta"), .text(context.t("With {names}", ["names": c.with.joined(separator: ", ")])
                                                 + (c.status == .closed ? " · " + context.t("Closed") : ""))))
                })
            ),
            .if(!model.myRequests.isEmpty, .section(
                .attribute(named: "aria-labelledby", value: "my-requests-title"),
                .h2(.id("my-requests-title"), .text(context.t("My questions waiting for a colleague"))),
                .ul(.id("my-requests"), .class("card-list"), .forEach(model.myRequests) { r in
                    .li(requestSummary(r, context),
                        .form(.class("inline-form"), .method(.post), .action(SiteURL.supportRequestWithdraw(.value(r.id)).path),
                              Components.csrfField(context),
                              .button(.type(.submit), .class("button-secondary"), .text(context.t("Withdraw")))))
                })
            )),
            .section(
                .attribute(named: "aria-labelledby", value: "for-me-title"),
                .h2(.id("for-me-title"), .text(context.t("Questions you can take"))),
                .if(model.forMe.isEmpty, .p(.text(context.t("No open questions on your topics right now.")))),
                .ul(.id("requests-for-me"), .class("card-list"), .forEach(model.forMe) { r in
                    .li(.class(r.raised ? "raised" : "request"),
                        .if(r.raised, .p(.class("raised-label"), .strong(.text(context.t("Nobody has taken this in time: as support staff, please take it or find a colleague who can."))))),
                        requestSummary(r, context),
                        .form(.class("inline-form"), .method(.post), .action(SiteURL.supportRequestTake(.value(r.id)).path),
                              Components.csrfField(context),
                              .button(.type(.submit), .class("button-primary"), .text(context.t("Take this question")))))
                })
            ),
            CoachingSection.view(context, model.coaching, error: model.coachingOfferError),
            .section(
                .attribute(named: "aria-labelledby", value: "feed-title"),
                .h2(.id("feed-title"), .text(context.t("My calendar link"))),
                .p(.text(context.t("A private link that Google Calendar, Outlook or Apple Calendar can subscribe to: your meetings appear there and stay up to date. Anyone with the link sees your meetings, so keep it to yourself."))),
                .div(.class("row-actions"),
                     .form(.class("inline-form"), .method(.post), .action(SiteURL.supportCalendarFeed.path),
                           Components.csrfField(context),
                           .button(.type(.submit), .class("button-secondary"),
                                   .text(model.hasFeed ? context.t("Make a new link (the old one stops working)") : context.t("Make my calendar link")))),
                     .if(model.hasFeed, .form(.class("inline-form"), .method(.post), .action(SiteURL.supportCalendarFeedRevoke.path),
                                              Components.csrfField(context),
                                              .button(.type(.submit), .class("button-link"), .text(context.t("Turn the link off"))))))
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "volunteer-title"),
                .h2(.id("volunteer-title"), .text(context.t("Topics I can help with"))),
                .p(.text(context.t("Colleagues' questions on these topics will show above. The school's counsellor, psychologist and pedagogical adviser see every question."))),
                .forEach(model.schools.filter(\.mayVolunteer)) { school in
                    .form(
                        .class("stack volunteer-form"), .method(.post), .action(SiteURL.supportVolunteer.path),
                        Components.csrfField(context),
                        .input(.type(.hidden), .name("school"), .value(school.id.uuidString)),
                        .fieldset(
                            .class("question"),
                            .element(named: "legend", text: school.name),
                            .div(.class("choices"), .forEach(HelpTopic.allCases) { topic in
                                .label(.input(.type(.checkbox), .name("topics[]"), .value(topic.rawValue),
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

    static func requestSummary(_ r: Request, _ context: PageContext) -> Node<HTML.BodyContext> {
        .group(
            .p(.strong(.text(PracticeNames.topic(r.topic, context))), .text(" · " + PracticeNames.urgency(r.urgency, context) + " · " + r.school)),
            .p(.class("question-text"), .text(r.question)),
            .p(.class("meta"), .text(r.asker.map { context.t("Asked by {name}", ["name": $0]) } ?? context.t("Asked by a colleague who did not show their name")))
        )
    }
}

/// The form to ask a colleague.
enum AskPage {
    struct Draft {
        var school: String
        var topic: String
        var urgency: String
        var question: String
        var showName: Bool
    }

    struct Model {
        var schools: [School]
        var draft = Draft(school: "", topic: "", urgency: HelpUrgency.thisWeek.rawValue, question: "", showName: true)
        var errors: [String: String] = [:]

        static func load(for user: User, req: Request) async throws -> Model {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            let schools = try await School.query(on: req.db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).sort(\.$name).all()
            return Model(schools: schools.filter { Policy.allows(principal, .askForHelp, $0.policyResource) })
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        return Layout.page(
            context, title: context.t("Ask a colleague"),
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support")))),
            .h1(.text(context.t("Ask a colleague"))),
            .p(.class("lead"), .text(context.t("Colleagues who offered help on the topic, and the school's support staff, see your question. The first to take it continues the conversation with you. Your school's leaders do not see it."))),
            .p(.a(.href(SiteURL.handbookChapter(.value("consultation")).path), .text(context.t("How consultation between colleagues works (handbook)")))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("ask-form"), .class("stack"), .method(.post), .action(SiteURL.supportAsk.path),
                Components.csrfField(context),
                model.schools.count == 1
                    ? .input(.type(.hidden), .name("school"), .value(model.schools[0].id?.uuidString ?? ""))
                    : Components.selectField(id: "school", label: context.t("School"),
                                             options: model.schools.map { ($0.id?.uuidString ?? "", $0.name) }, selected: d.school, error: e["school"]),
                Components.selectField(id: "topic", label: context.t("What is it about?"),
                                       options: [("", context.t("Choose a topic"))] + HelpTopic.allCases.map { ($0.rawValue, PracticeNames.topic($0, context)) },
                                       selected: d.topic, error: e["topic"]),
                Components.selectField(id: "urgency", label: context.t("How soon do you need an answer?"),
                                       options: HelpUrgency.allCases.map { ($0.rawValue, PracticeNames.urgency($0, context)) },
                                       selected: d.urgency, error: e["urgency"]),
                HandbookEditPage.textArea(id: "question", label: context.t("Your question"),
                                          hint: context.t("A few sentences: what happens, what you have tried, what you would like to talk about. Leave out pupils' names."),
                                          value: d.question, rows: 6, error: e["question"], language: nil),
                .div(.class("field checkbox-field"),
                     .input(.type(.checkbox), .id("show_name"), .name("show_name"), .value("1"),
                            .attribute(named: "checked", value: d.showName ? "checked" : nil)),
                     .label(.for("show_name"), .text(context.t("Show my name to the colleagues who can take it (the one who takes it always sees it)")))),
                Components.submit(context.t("Send my question"))
            )
        )
    }
}

/// One conversation: who takes part, its meetings, the notes each may read, a note to add, closing.
enum EngagementPage {
    static func feedbackForm(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .section(
            .class("privacy-box"), .attribute(named: "aria-labelledby", value: "feedback-title"),
            .h2(.id("feedback-title"), .text(context.t("Short feedback for the programme"))),
            .p(.text(context.t("Kept without your name or your pair's; the programme's leader sees it only once at least five people have answered."))),
            .unwrap(model.feedbackError) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(
                .id("feedback-form"), .class("stack"), .method(.post), .action(SiteURL.engagementFeedback(.value(model.id)).path),
                Components.csrfField(context),
                usefulnessQuestion(context),
                recommendQuestion(context),
                HandbookEditPage.textArea(id: "improve", label: context.t("One thing the programme could do better (optional)"), hint: nil,
                                          value: "", rows: 2, error: nil, language: nil),
                Components.submit(context.t("Send my feedback"))
            )
        )
    }

    static func usefulnessQuestion(_ context: PageContext) -> Node<HTML.FormContext> {
        let labels: [Node<HTML.FormContext>] = (1...5).map { value in
            let hint = value == 1 ? " " + context.t("(not at all)") : (value == 5 ? " " + context.t("(very)") : "")
            return .label(.input(.type(.radio), .name("usefulness"), .value(String(value))), .text(String(value) + hint))
        }
        return .fieldset(.class("question"), .element(named: "legend", text: context.t("How useful was the mentoring for you?")),
                         .div(.class("choices"), .group(labels)))
    }

    static func recommendQuestion(_ context: PageContext) -> Node<HTML.FormContext> {
        .fieldset(.class("question"), .element(named: "legend", text: context.t("Would you recommend it to a colleague?")),
                  .div(.class("choices"),
                       .label(.input(.type(.radio), .name("recommend"), .value("yes")), .text(context.t("Yes"))),
                       .label(.input(.type(.radio), .name("recommend"), .value("no")), .text(context.t("No")))))
    }

    static func meetingsSection(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let d = model.meetingDraft ?? .init(date: "", time: "", zone: model.defaultZone, duration: "45", place: "", link: "", agenda: "")
        let e = model.meetingErrors
        return .section(
            .attribute(named: "aria-labelledby", value: "meetings-title"),
            .h2(.id("meetings-title"), .text(context.t("Meetings"))),
            .if(model.meetings.isEmpty, .p(.text(context.t("No meeting planned yet.")))),
            .ul(.id("meetings"), .class("card-list"), .forEach(model.meetings) { meeting in
                let zone = TimeZone(identifier: meeting.timeZone) ?? .init(identifier: "UTC")!
                return .li(
                    .class(meeting.cancelled ? "meeting meeting-cancelled" : "meeting"),
                    .p(.strong(.text(context.localizer.date(meeting.startsAt, time: true, timeZone: zone))),
                       .text(" (" + meeting.timeZone + ") · " + context.localizer.tn("{count} minute", "{count} minutes", count: meeting.durationMinutes)
                             + (meeting.cancelled ? " · " + context.t("Cancelled") : ""))),
                    .if(!meeting.place.isEmpty, .p(.text(context.t("Place: {place}", ["place": meeting.place])))),
                    .if(!meeting.onlineLink.isEmpty, .p(.a(.href(meeting.onlineLink), .attribute(named: "rel", value: "noopener noreferrer"),
                                                           .text(context.t("Join online"))))),
                    .if(!meeting.agenda.isEmpty, .p(.class("note-text"), .text(meeting.agenda))),
                    .div(.class("row-actions"),
                         .a(.class("meeting-ics"), .href(SiteURL.meetingCalendar(.value(model.id), .value(meeting.id ?? UUID())).path),
                            .text(context.t("Add to my calendar (.ics)"))),
                         .if(!meeting.cancelled && model.status != .closed, .form(
                             .class("inline-form"), .method(.post), .action(SiteURL.meetingCancel(.value(model.id), .value(meeting.id ?? UUID())).path),
                             Components.csrfField(context),
                             .button(.type(.submit), .class("button-link"), .text(context.t("Cancel this meeting"))))))
                )
            }),
            .if(model.status != .closed, .details(
                .if(!e.isEmpty, .attribute(named: "open", value: "open")),
                .summary(.text(context.t("Plan a meeting"))),
                Components.errorSummary(context, Array(e.values).sorted()),
                .form(
                    .id("meeting-form"), .class("stack"), .method(.post), .action(SiteURL.engagementMeetings(.value(model.id)).path),
                    Components.csrfField(context),
                    Components.field(.init(id: "date", label: context.t("Date"), type: .date, value: d.date, error: e["date"])),
                    Components.field(.init(id: "time", label: context.t("Time"), type: .time, value: d.time)),
                    Components.selectField(id: "time_zone", label: context.t("Time zone"), options: Meetings.zones.map { ($0, $0) },
                                           selected: d.zone, error: e["time_zone"]),
                    Components.field(.init(id: "duration", label: context.t("Length in minutes"), type: .number, value: d.duration, error: e["duration"])),
                    Components.field(.init(id: "place", label: context.t("Place (optional)"), value: d.place, required: false, error: e["place"])),
                    Components.field(.init(id: "online_link", label: context.t("Online meeting link (optional)"), type: .url, value: d.link,
                                           required: false, error: e["online_link"])),
                    HandbookEditPage.textArea(id: "agenda", label: context.t("Agenda (optional)"), hint: nil, value: d.agenda, rows: 3,
                                              error: e["agenda"], language: nil),
                    Components.submit(context.t("Plan the meeting"))
                )
            ))
        )
    }

    struct Note {
        var author: String
        var text: String
        var shared: Bool
        var mine: Bool
        var createdAt: Date?
        var isReflection = false
    }

    struct Model {
        var id: UUID
        var topic: String
        var form: Engagement.Form
        var status: Engagement.Status
        var participants: [(name: String, role: EngagementParticipant.Role)]
        var notes: [Note]
        var noteError: String?
        var draft = ""
        var meetings: [Meeting]
        var defaultZone: String
        var meetingErrors: [String: String] = [:]
        var meetingDraft: MeetingDraft?
        /// For a peer observation: the focus and protocol.
        var observation: ObservationCycle?
        /// A mentoring pair that has ended asks each person for short feedback, once.
        var asksFeedback = false
        var feedbackError: String?

        struct MeetingDraft {
            var date: String
            var time: String
            var zone: String
            var duration: String
            var place: String
            var link: String
            var agenda: String
        }

        static func load(_ engagement: Engagement, participants: [EngagementParticipant], req: Request) async throws -> Model {
            let principal = try await req.principal()
            let id = try engagement.requireID()
            let people = Set(participants.map { $0.$user.id })
            let notes = try await AskAColleague(db: req.db).readableNotes(engagementID: id, participants: people, for: principal)
            let meetings = try await Meeting.query(on: req.db).filter(\.$engagement.$id == id).sort(\.$startsAt).all()
            let school = try await School.find(engagement.$school.id, on: req.db)
            var asksFeedback = false
            if engagement.form == .mentoring && engagement.status == .closed, let me = principal?.userID {
                asksFeedback = try await FeedbackGiven.query(on: req.db).filter(\.$engagement.$id == id).filter(\.$user.$id == me).count() == 0
            }
            var model = Model(
                id: id, topic: engagement.topic, form: engagement.form, status: engagement.status,
                participants: participants.map { ($0.user.fullName, $0.role) },
                notes: notes.map { Note(author: $0.author.fullName, text: $0.text, shared: $0.visibility == .shared,
                             mine: $0.$author.id == principal?.userID, createdAt: $0.createdAt, isReflection: $0.isReflection) },
                meetings: meetings, defaultZone: Meetings.zone(forCountry: school?.country ?? ""))
            model.asksFeedback = asksFeedback
            if engagement.form == .observation {
                model.observation = try await ObservationCycle.query(on: req.db).filter(\.$engagement.$id == id).first()
            }
            return model
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let topic = PracticeNames.title(form: model.form, topic: model.topic, context)
        return Layout.page(
            context, title: topic,
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support")))),
            .h1(.text(topic)),
            .p(.class("meta"), .text(model.participants.map { p in
                p.name + " (" + PracticeNames.role(p.role, context) + ")"
            }.joined(separator: ", ") + (model.status == .closed ? " · " + context.t("Closed") : "")
                + (model.status == .paused ? " · " + context.t("Paused") : ""))),
            .p(.class("hint"), .text(context.t("Shared notes are read by the two of you; a private note by you alone. Nobody else, not a leader, not an administrator, can read them."))),
            .unwrap(model.observation) { cycle in
                .section(
                    .id("observation-protocol"), .class("privacy-box"),
                    .h2(.text(context.t("Focus and protocol"))),
                    .p(.strong(.text(context.t("Focus:") + " ")), .text(cycle.focus)),
                    .p(.strong(.text(context.t("Protocol:") + " ")), .text(ObservationNames.name(cycle.observationProtocol, context))),
                    .ul(.forEach(ObservationNames.lookFors(cycle.observationProtocol, context)) { .li(.text($0)) }),
                    .p(.class("hint"), .text(context.t("Steps: a pre-observation talk, the lesson, a post-observation talk (plan each as a meeting), then the observed teacher's written reflection when closing. Write what you see and hear, with the time; never a grade.")))
                )
            },
            .if(model.asksFeedback, feedbackForm(context, model)),
            meetingsSection(context, model),
            .h2(.text(context.t("Notes"))),
            .ol(.id("notes"), .class("card-list"), .forEach(model.notes) { note in
                .li(.class(note.shared ? "note" : "note note-private"),
                    .if(note.isReflection, .p(.strong(.text(context.t("Closing reflection"))))),
                    .p(.class("meta"), .text(note.author + (note.createdAt.map { " · " + context.localizer.date($0, time: true) } ?? "")
                                             + " · " + (note.shared ? context.t("shared") : context.t("private, for you alone")))),
                    .p(.class("note-text"), .text(note.text)))
            }),
            .if(model.status != .closed, .group(
                .form(
                    .id("note-form"), .class("stack"), .method(.post), .action(SiteURL.engagementNotes(.value(model.id)).path),
                    Components.csrfField(context),
                    .unwrap(model.noteError) { .p(.id("text-error"), .class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                    .if(model.form == .coaching, .fieldset(
                        .class("question grow"),
                        .element(named: "legend", text: context.t("A coaching session (GROW), all optional")),
                        HandbookEditPage.textArea(id: "grow_goal", label: context.t("Goal: what do you want from this?"), hint: nil, value: "", rows: 2, error: nil, language: nil),
                        HandbookEditPage.textArea(id: "grow_reality", label: context.t("Reality: what is happening now?"), hint: nil, value: "", rows: 2, error: nil, language: nil),
                        HandbookEditPage.textArea(id: "grow_options", label: context.t("Options: what could you do?"), hint: nil, value: "", rows: 2, error: nil, language: nil),
                        HandbookEditPage.textArea(id: "grow_way", label: context.t("Way forward: what will you do, and by when?"), hint: nil, value: "", rows: 2, error: nil, language: nil)
                    )),
                    .if(model.form == .observation, Components.field(.init(id: "at", label: context.t("Time in the lesson (optional)"), type: .time,
                                                                           required: false, hint: context.t("Your note is marked with this time.")))),
                    HandbookEditPage.textArea(id: "text", label: context.t("Add a note"), hint: nil, value: model.draft, rows: 4,
                                              error: model.noteError, language: nil),
                    Components.selectField(id: "visibility", label: context.t("Who may read it"),
                                           options: [("shared", context.t("Both of us")), ("private", context.t("Only me"))], selected: "shared"),
                    Components.submit(context.t("Add the note"))
                ),
                .form(.id("pause-form"), .class("inline-form"), .method(.post), .action(SiteURL.engagementPause(.value(model.id)).path),
                      Components.csrfField(context),
                      .button(.type(.submit), .class("button-link"),
                              .text(model.status == .paused ? context.t("Take it up again") : context.t("Pause for now")))),
                .details(
                    .summary(.text(context.t("Close the conversation"))),
                    .form(
                        .id("close-form"), .class("stack"), .method(.post), .action(SiteURL.engagementClose(.value(model.id)).path),
                        Components.csrfField(context),
                        HandbookEditPage.textArea(id: "closing", label: context.t("Your closing reflection (optional): what has changed, what you take with you?"),
                                                  hint: nil, value: "", rows: 3, error: nil, language: nil, name: "text"),
                        .input(.type(.hidden), .name("visibility"), .value("shared")),
                        .button(.type(.submit), .class("button-secondary"), .text(context.t("Close the conversation"))))
                )
            ), else: .if(!model.notes.contains { $0.mine && $0.isReflection }, .form(
                .id("reflection-form"), .class("stack"), .method(.post), .action(SiteURL.engagementNotes(.value(model.id)).path),
                Components.csrfField(context),
                .input(.type(.hidden), .name("reflection"), .value("1")),
                HandbookEditPage.textArea(id: "text", label: context.t("Your closing reflection: what has changed, what you take with you?"),
                                          hint: nil, value: "", rows: 4, error: model.noteError, language: nil),
                Components.selectField(id: "visibility", label: context.t("Who may read it"),
                                       options: [("shared", context.t("Both of us")), ("private", context.t("Only me"))], selected: "shared"),
                Components.submit(context.t("Save my reflection"))
            )))
        )
    }
}
