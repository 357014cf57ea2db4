import Domain
import Fluent
import Foundation

/// One conversation: who takes part, its meetings, the notes each may read, a note to add, closing.
enum EngagementPage {
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
        /// When the page is read: a meeting that has begun is past (no "cancel"; folded away).
        var now: Date
        var defaultZone: String
        var meetingErrors: [String: String] = [:]
        var meetingDraft: MeetingDraft?
        /// For a peer observation: the focus and protocol, in the reader's language.
        var observation: (focus: String, protocolName: String, lookFors: [String])?
        /// For a study, supervision or intervision group.
        var group: GroupSection.Model?
        /// A mentoring pair that has ended asks each person for short feedback, once.
        var asksFeedback = false
        /// Whether the viewer may read the meetings' agendas (`Policy`, `readAgenda`).
        var readsAgenda = false
        var feedbackError: String?

        struct MeetingDraft {
            var date: String
            var time: String
            var zone: String
            var duration: String
            var place: String
            var link: String
            var agenda: String
            var step = ""
            var repeats = "once"
            var count = "1"
        }

        /// The whole page, a study, supervision or intervision group's own section included
        /// (`show(group:)`). `context` gives the reader's language, in which a hidden asker and
        /// a ready protocol are named.
        static func load(
            _ engagement: Engagement, participants: [EngagementParticipant], principal: Principal?,
            context: PageContext, now: Date, on db: any Database
        ) async throws -> Model {
            let id = try engagement.requireID()
            let people = Set(participants.map { $0.$user.id })
            let access = Policy.GroupAccess.of(engagement, participants)
            let notes = try await AskAColleague(db: db).readableNotes(engagementID: id, participants: people, group: access, for: principal)
            let meetings = try await Meeting.query(on: db).filter(\.$engagement.$id == id).sort(\.$startsAt).all()
            let school = try await School.find(engagement.$school.id, on: db)
            var asksFeedback = false
            if engagement.form == .mentoring && engagement.status == .closed, let me = principal?.userID {
                asksFeedback = try await MentoringForPractice.hasGivenFeedback(engagementID: id, userID: me, on: db) == false
            }
            // An asker who did not show their name stays unnamed to the other participant.
            let hidden = try await AskAColleague.hiddenAskers(in: [id], on: db)
            func shown(_ name: String, _ userID: UUID) -> String {
                AskAColleague.shownName(name, userID: userID, in: id, hidden: hidden, viewer: principal?.userID, context.localizer)
            }
            var model = Model(
                id: id, topic: engagement.topic, form: engagement.form, status: engagement.status,
                participants: participants.map { (shown($0.user.fullName, $0.$user.id), $0.role) },
                notes: notes.map {
                    Note(
                        author: shown($0.author.fullName, $0.$author.id), text: $0.text, shared: $0.visibility == .shared,
                        mine: $0.$author.id == principal?.userID, createdAt: $0.createdAt, isReflection: $0.isReflection)
                },
                meetings: meetings, now: now, defaultZone: Meetings.zone(forCountry: school?.country ?? ""))
            model.asksFeedback = asksFeedback
            model.readsAgenda = Policy.allows(principal, .readAgenda, .engagement(participants: people, group: access))
            if engagement.form == .observation,
                let cycle = try await ObservationCycle.query(on: db).filter(\.$engagement.$id == id).with(\.$schoolProtocol).first()
            {
                let (name, lookFors) = ObservationNames.describe(cycle, context)
                model.observation = (cycle.focus, name, lookFors)
            }
            if engagement.form.isGroup {
                model.show(
                    group: try await GroupSection.Model.load(
                        engagement, participants: participants, meetings: meetings, principal: principal,
                        language: context.localizer.language.rawValue, on: db))
            }
            return model
        }

        /// A study, supervision or intervision group's own section (`GroupSection`).
        private mutating func show(group: GroupSection.Model) {
            self.group = group
            // Before agreeing to a confidential group's rules, a member reads nothing of it.
            if group.readsNothing { notes = [] }
        }
    }
}

extension EngagementPage.Model {
    /// Meetings still to come or under way (its online link and attendance at hand); only
    /// those that have not begun can be cancelled.
    var upcomingMeetings: [Meeting] { meetings.filter { !Self.isOver($0, at: now) } }
    /// Meetings that are over, latest first: kept for the record, folded on the page.
    var pastMeetings: [Meeting] { meetings.filter { Self.isOver($0, at: now) }.reversed() }

    static func isOver(_ meeting: Meeting, at now: Date) -> Bool {
        meeting.startsAt.addingTimeInterval(Double(meeting.durationMinutes) * 60) <= now
    }
}
