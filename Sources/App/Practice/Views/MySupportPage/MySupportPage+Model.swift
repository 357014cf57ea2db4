import Domain
import Fluent
import Foundation
import Vapor

/// "My support": the person's conversations, their open questions, the questions they
/// can take, and the topics they volunteer for.
enum MySupportPage {
    struct Question {
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
        var myRequests: [Question]
        var forMe: [Question]
        var schools: [SchoolChoice]
        /// The next meetings, with the form and topic of their conversation (the view words its title).
        var nextMeetings: [(meeting: Meeting, form: Engagement.Form, topic: String, engagementID: UUID)] = []
        var hasFeed = false
        /// Shown once, right after a new feed is made (only its hash is kept).
        var newFeedURL: String?
        var coaching = CoachingSection.Model()
        /// The latest notifications (those unread are marked read by the page that shows them).
        var notifications: [AppNotification] = []
        var coachingOfferError: String?

        static func load(principal: Principal, now: Date, localizer: Localizer, on db: any Database) async throws -> Model {
            let userID = principal.userID
            let service = AskAColleague(db: db)
            let topics = try await service.volunteerTopics(of: userID)
            let schoolIDs = Array(principal.schoolRoles.keys)
            let schools = Collation(localizer.language).sorted(try await School.query(on: db).filter(\.$id ~~ schoolIDs).all(), by: \.name)
            let schoolName = Dictionary(schools.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })

            let visible = try await service.visibleOpenRequests(for: principal)
            func row(_ r: HelpRequest, showName: Bool) throws -> Question {
                Question(
                    id: try r.requireID(), topic: r.topic, urgency: r.urgency, question: r.question,
                    asker: showName ? r.asker.fullName : nil, school: schoolName[r.$school.id] ?? "", createdAt: r.createdAt)
            }
            let mine = try visible.filter { $0.$asker.id == userID }.map { try row($0, showName: true) }
            let forMe = try visible.filter { $0.$asker.id != userID }.map { request in
                var item = try row(request, showName: HelpRequestRules.showsName(showNameToSchool: request.showName, viewerIsAsker: false, viewerTookIt: false))
                item.raised = AskAColleague.isRaised(request, for: principal, now: now)
                return item
            }.sorted { ($0.raised ? 0 : 1) < ($1.raised ? 0 : 1) }

            let myParts = try await EngagementParticipant.query(on: db).filter(\.$user.$id == userID).all()
            let engagementIDs = myParts.map { $0.$engagement.id }
            let engagements = try await Engagement.query(on: db).filter(\.$id ~~ engagementIDs).sort(\.$createdAt, .descending).all()
            let others = try await EngagementParticipant.query(on: db).filter(\.$engagement.$id ~~ engagementIDs)
                .filter(\.$user.$id != userID).with(\.$user).all()
            let hidden = try await AskAColleague.hiddenAskers(in: engagementIDs, on: db)
            let conversations = try engagements.map { e in
                Conversation(
                    id: try e.requireID(), topic: e.topic,
                    with: others.filter { $0.$engagement.id == e.id }.map {
                        AskAColleague.shownName($0.user.fullName, userID: $0.$user.id, in: e.id, hidden: hidden, viewer: userID, localizer)
                    }, status: e.status, form: e.form)
            }
            var model = Model(
                conversations: conversations, myRequests: mine, forMe: forMe,
                schools: schools.compactMap { school in
                    guard let id = school.id else { return nil }
                    return SchoolChoice(
                        id: id, name: school.name, mayVolunteer: Policy.allows(principal, .volunteer, school.policyResource),
                        topics: topics[id] ?? [])
                })
            model.nextMeetings = try await Meetings.meetings(in: engagements, from: now, on: db)
                .filter { !$0.0.cancelled }.prefix(5).map { ($0.0, $0.1.form, $0.1.topic, $0.1.id ?? UUID()) }
            model.hasFeed = try await CalendarFeed.query(on: db).filter(\.$user.$id == userID).count() > 0
            model.coaching = try await CoachingSection.Model.load(principal: principal, schools: schools, on: db)
            model.notifications = try await AppNotification.query(on: db).filter(\.$user.$id == userID)
                .sort(\.$createdAt, .descending).limit(10).all()
            return model
        }
    }
}
