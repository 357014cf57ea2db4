import Domain
import Fluent
import Vapor

/// `/api/v1/practice`: the person's conversations (with the notes they may read) and the
/// ask-a-colleague questions they may see, decided by the same `Policy` as the pages.
struct PracticeAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let practice = routes.grouped("practice")
        practice.get("engagements", use: engagements)
        practice.get("requests", use: requests)
    }

    struct Participant: Content {
        var name: String
        var role: String
    }

    struct Note: Content {
        var author: String
        var text: String
        var visibility: String
        var createdAt: Date?
    }

    struct MeetingDTO: Content {
        var id: UUID
        var startsAt: Date
        var timeZone: String
        var durationMinutes: Int
        var place: String
        var onlineLink: String
        var agenda: String
        var cancelled: Bool
    }

    struct EngagementDTO: Content {
        var id: UUID
        var form: String
        var topic: String
        var status: String
        var participants: [Participant]
        var notes: [Note]
        var meetings: [MeetingDTO]
    }

    struct RequestDTO: Content {
        var id: UUID
        var schoolId: UUID
        var topic: String
        var urgency: String
        var question: String
        /// Shown only where the asker chose so, or to the asker.
        var askerName: String?
        var mine: Bool
        var createdAt: Date?
    }

    func engagements(req: Request) async throws -> [EngagementDTO] {
        let user = try req.requireAPIUser()
        let principal = try await req.principal()
        let mine = try await EngagementParticipant.query(on: req.db).filter(\.$user.$id == user.requireID()).all().map { $0.$engagement.id }
        let engagements = try await Engagement.query(on: req.db).filter(\.$id ~~ mine).sort(\.$createdAt, .descending).all()
        var result: [EngagementDTO] = []
        for engagement in engagements {
            let id = try engagement.requireID()
            let participants = try await EngagementParticipant.query(on: req.db).filter(\.$engagement.$id == id).with(\.$user).all()
            let people = Set(participants.map { $0.$user.id })
            guard Policy.allows(principal, .viewEngagement, .engagement(participants: people)) else { continue }
            let notes = try await AskAColleague(db: req.db).readableNotes(engagementID: id, participants: people, for: principal)
            let meetings = try await Meeting.query(on: req.db).filter(\.$engagement.$id == id).sort(\.$startsAt).all()
            result.append(EngagementDTO(
                id: id, form: engagement.form.rawValue, topic: engagement.topic, status: engagement.status.rawValue,
                participants: participants.map { Participant(name: $0.user.fullName, role: $0.role.rawValue) },
                notes: notes.map { Note(author: $0.author.fullName, text: $0.text, visibility: $0.visibility.rawValue, createdAt: $0.createdAt) },
                meetings: try meetings.map {
                    MeetingDTO(id: try $0.requireID(), startsAt: $0.startsAt, timeZone: $0.timeZone, durationMinutes: $0.durationMinutes,
                               place: $0.place, onlineLink: $0.onlineLink, agenda: $0.agenda, cancelled: $0.cancelled)
                }))
        }
        return result
    }

    func requests(req: Request) async throws -> [RequestDTO] {
        let user = try req.requireAPIUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let userID = try user.requireID()
        return try await AskAColleague(db: req.db).visibleOpenRequests(for: principal).map { request in
            let mine = request.$asker.id == userID
            return RequestDTO(id: try request.requireID(), schoolId: request.$school.id, topic: request.topic.rawValue,
                              urgency: request.urgency.rawValue, question: request.question,
                              askerName: HelpRequestRules.showsName(showNameToSchool: request.showName, viewerIsAsker: mine, viewerTookIt: false)
                                  ? request.asker.fullName : nil,
                              mine: mine, createdAt: request.createdAt)
        }
    }
}
