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
        practice.get("coaching-requests", use: coachingRequests)
        practice.get("programmes", use: programmes)
    }

    struct CoachingRequestDTO: Content {
        var id: UUID
        var schoolId: UUID
        var topic: String
        var requester: String
        /// The coach it is addressed to; null: any coach of the school.
        var coach: String?
        var mine: Bool
        var createdAt: Date?
    }

    /// Waiting coaching requests: one's own, and those one may answer as a coach.
    func coachingRequests(req: Request) async throws -> [CoachingRequestDTO] {
        _ = try req.requireAPIUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let coachIn = try await Coaching(db: req.db).coachingSchools(of: principal.userID)
        return try await CoachingRequest.query(on: req.db).filter(\.$school.$id ~~ Array(principal.schoolRoles.keys))
            .filter(\.$status == .waiting).with(\.$requester).with(\.$coach).sort(\.$createdAt).all()
            .filter { Policy.allows(principal, .seeCoachingRequest, Coaching.resource($0, viewerCoachesIn: coachIn)) }
            .map { CoachingRequestDTO(id: try $0.requireID(), schoolId: $0.$school.id, topic: $0.topic, requester: $0.requester.fullName,
                                      coach: $0.coach?.fullName, mine: $0.$requester.id == principal.userID, createdAt: $0.createdAt) }
    }

    struct PairDTO: Content {
        var mentor: String
        var mentee: String
        var status: String
        var score: Double
    }

    struct ProgrammeDTO: Content {
        var id: UUID
        var name: String
        var startsOn: String
        var endsOn: String
        /// manager, mentor or mentee.
        var role: String
        /// All pairs for those who run it; one's own, once published, for members.
        var pairs: [PairDTO]
    }

    /// Mentoring programmes one runs or takes part in.
    func programmes(req: Request) async throws -> [ProgrammeDTO] {
        _ = try req.requireAPIUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let service = MentoringService(db: req.db)
        var result: [ProgrammeDTO] = []
        for programme in try await service.candidates(for: principal) {
            let resource = try await service.resource(programme)
            let manages = Policy.allows(principal, .manageProgramme, resource)
            guard manages || Policy.allows(principal, .takePartInProgramme, resource) else { continue }
            let id = try programme.requireID()
            let member = try await ProgrammeMember.query(on: req.db).filter(\.$programme.$id == id).filter(\.$user.$id == principal.userID).first()
            let pairs = try await ProgrammePair.query(on: req.db).filter(\.$programme.$id == id).with(\.$mentor).with(\.$mentee).all()
                .filter { manages || (($0.$mentor.id == principal.userID || $0.$mentee.id == principal.userID) && ![.proposed, .excluded].contains($0.status)) }
            result.append(ProgrammeDTO(id: id, name: programme.name, startsOn: programme.startsOn, endsOn: programme.endsOn,
                                       role: manages ? "manager" : (member?.role.rawValue ?? "mentee"),
                                       pairs: pairs.map { PairDTO(mentor: $0.mentor.fullName, mentee: $0.mentee.fullName, status: $0.status.rawValue,
                                                                  score: ($0.total * 100).rounded() / 100) }))
        }
        return result
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
