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
        practice.post("groups", use: createGroup)
        practice.post("engagements", ":\(SiteURL.idKey)", "agree", use: agree)
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
            .map {
                CoachingRequestDTO(
                    id: try $0.requireID(), schoolId: $0.$school.id, topic: $0.topic, requester: $0.requester.fullName,
                    coach: $0.coach?.fullName, mine: $0.$requester.id == principal.userID, createdAt: $0.createdAt)
            }
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
            let role = try await MentoringForPractice.memberRole(programmeID: id, userID: principal.userID, on: req.db)
            let pairs = try await MentoringForPractice.pairs(programmeID: id, on: req.db)
                .filter { manages || (($0.mentorID == principal.userID || $0.menteeID == principal.userID) && ![.proposed, .excluded].contains($0.status)) }
            result.append(
                ProgrammeDTO(
                    id: id, name: programme.name, startsOn: programme.startsOn, endsOn: programme.endsOn,
                    role: manages ? "manager" : (role?.rawValue ?? "mentee"),
                    pairs: pairs.map {
                        PairDTO(
                            mentor: $0.mentor, mentee: $0.mentee, status: $0.status.rawValue,
                            score: ($0.total * 100).rounded() / 100)
                    }))
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
        var step: String?
        /// Who was present, where a study group's facilitator recorded it.
        var present: [String]?
    }

    struct EngagementDTO: Content {
        var id: UUID
        var form: String
        var topic: String
        var status: String
        var participants: [Participant]
        var notes: [Note]
        var meetings: [MeetingDTO]
        /// A peer observation's focus and protocol.
        var observation: ObservationDTO?
        /// A study, supervision or intervision group.
        var group: GroupDTO?
    }

    struct ObservationDTO: Content {
        var focus: String
        /// A ready protocol (`questioning`, …) or `school` for one the school wrote.
        var `protocol`: String
        var protocolName: String
        var lookFors: [String]
    }

    struct GroupDTO: Content {
        var purpose: String
        /// The four parts of a study group's action plan, once written.
        var plan: [String]?
        /// Whether the person has agreed to a confidential group's rules (always true for a
        /// study group). Until then notes and case sessions are left out.
        var agreed: Bool
        var mayLead: Bool
        var caseSessions: [CaseSessionDTO]
    }

    struct CaseSessionDTO: Content {
        var id: UUID
        var title: String
        var step: String
        var finished: Bool
        var entries: [CaseEntryDTO]
    }

    struct CaseEntryDTO: Content {
        var step: String
        var author: String
        var text: String
        var createdAt: Date?
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
            let participants = try await EngagementParticipant.query(on: req.db).filter(\.$engagement.$id == engagement.requireID()).with(\.$user).all()
            if let dto = try await Self.dto(engagement, participants: participants, principal: principal, req: req) { result.append(dto) }
        }
        return result
    }

    /// One engagement as the person may see it; nil if they may not.
    static func dto(_ engagement: Engagement, participants: [EngagementParticipant], principal: Principal?, req: Request) async throws -> EngagementDTO? {
        let id = try engagement.requireID()
        let people = Set(participants.map { $0.$user.id })
        let access = Policy.GroupAccess.of(engagement, participants)
        let resource = Policy.Resource.engagement(participants: people, group: access)
        guard Policy.allows(principal, .viewEngagement, resource) else { return nil }
        let admitted = Policy.allows(principal, .writeNote, resource)
        // Not before agreeing to a case group's confidentiality: an agenda names the cases.
        let readsAgenda = Policy.allows(principal, .readAgenda, resource)
        let notes = admitted ? try await AskAColleague(db: req.db).readableNotes(engagementID: id, participants: people, group: access, for: principal) : []
        let meetings = try await Meeting.query(on: req.db).filter(\.$engagement.$id == id).sort(\.$startsAt).all()
        // An asker who did not show their name stays unnamed to the other participant.
        let hidden = try await AskAColleague.hiddenAskers(in: [id], on: req.db)
        func shown(_ name: String, _ userID: UUID) -> String {
            AskAColleague.shownName(name, userID: userID, in: id, hidden: hidden, viewer: principal?.userID, req.localizer)
        }
        let names = Dictionary(participants.map { ($0.$user.id, shown($0.user.fullName, $0.$user.id)) }, uniquingKeysWith: { a, _ in a })
        var present: [UUID: [String]] = [:]
        if engagement.form == .studyGroup {
            for record in try await Attendance.query(on: req.db).filter(\.$meeting.$id ~~ meetings.compactMap(\.id)).all() {
                present[record.$meeting.id, default: []] += record.present ? [names[record.$user.id] ?? ""] : []
            }
        }
        var observation: ObservationDTO?
        if engagement.form == .observation,
            let cycle = try await ObservationCycle.query(on: req.db).filter(\.$engagement.$id == id).with(\.$schoolProtocol).first()
        {
            let (name, lookFors) = ObservationNames.describe(cycle, req.pageContext())
            observation = ObservationDTO(focus: cycle.focus, protocol: cycle.protocolKey, protocolName: name, lookFors: lookFors)
        }
        var group: GroupDTO?
        if engagement.form.isGroup, let info = try await PracticeGroup.query(on: req.db).filter(\.$engagement.$id == id).first() {
            var sessions: [CaseSessionDTO] = []
            if engagement.form.isConfidentialGroup && admitted {
                let all = try await CaseSession.query(on: req.db).filter(\.$engagement.$id == id).sort(\.$createdAt).all()
                let entries = try await CaseEntry.query(on: req.db).filter(\.$session.$id ~~ all.compactMap(\.id)).with(\.$author).sort(\.$createdAt).all()
                sessions = try all.map { session in
                    CaseSessionDTO(
                        id: try session.requireID(), title: session.title, step: String(describing: session.step), finished: session.finishedAt != nil,
                        entries: entries.filter { $0.$session.id == session.id }.map {
                            CaseEntryDTO(step: String(describing: $0.step), author: $0.author.fullName, text: $0.text, createdAt: $0.createdAt)
                        })
                }
            }
            group = GroupDTO(
                purpose: info.purpose,
                plan: info.planWrittenAt == nil ? nil : [info.planHow, info.planSupport, info.planChallenge, info.planEvidence],
                agreed: admitted, mayLead: Policy.allows(principal, .leadGroup, resource), caseSessions: sessions)
        }
        return EngagementDTO(
            id: id, form: engagement.form.rawValue, topic: engagement.topic, status: engagement.status.rawValue,
            participants: participants.map { Participant(name: shown($0.user.fullName, $0.$user.id), role: $0.role.rawValue) },
            notes: notes.map {
                Note(author: shown($0.author.fullName, $0.$author.id), text: $0.text, visibility: $0.visibility.rawValue, createdAt: $0.createdAt)
            },
            meetings: try meetings.map {
                MeetingDTO(
                    id: try $0.requireID(), startsAt: $0.startsAt, timeZone: $0.timeZone, durationMinutes: $0.durationMinutes,
                    place: $0.place, onlineLink: $0.onlineLink, agenda: readsAgenda ? $0.agenda : "", cancelled: $0.cancelled, step: $0.step?.rawValue,
                    present: engagement.form == .studyGroup ? present[$0.id ?? UUID()] : nil)
            },
            observation: observation, group: group)
    }
}
