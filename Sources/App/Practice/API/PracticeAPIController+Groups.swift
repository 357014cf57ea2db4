import Domain
import Fluent
import Vapor

/// Groups through the API: starting one, agreeing to its confidentiality; and one's open requests.
extension PracticeAPIController {
    struct NewGroup: Content {
        var kind: String?
        var schoolId: UUID?
        var name: String?
        var purpose: String?
        var memberIds: [UUID]?
        var supervisorId: UUID?
    }

    /// Starts a study, supervision or intervision group, by the same rules as the page.
    func createGroup(req: Request) async throws -> Response {
        let user = try req.requireAPIUser()
        let userID = try user.requireID()
        guard req.headers.contentType == .json else { throw Abort(.unsupportedMediaType, reason: "Send the group as application/json.") }
        let body = try req.content.decode(NewGroup.self)
        var details: [APIErrorBody.Detail] = []
        let kind = Groups.kind(body.kind)
        if kind == nil { details.append(.init(field: "kind", message: "must be one of study_group, supervision, intervision")) }
        var school: School?
        if let id = body.schoolId { school = try await School.find(id, on: req.db) }
        if school == nil { details.append(.init(field: "schoolId", message: "must be the id of one of your schools")) }
        let name = (body.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let purpose = (body.purpose ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 120 { details.append(.init(field: "name", message: "must have 1 to 120 characters")) }
        if purpose.isEmpty || purpose.count > 1000 { details.append(.init(field: "purpose", message: "must have 1 to 1000 characters")) }
        guard let kind, let school else { throw APIValidationError(details: details) }
        try await req.authorize(kind.isConfidentialGroup ? .startCaseGroup : .startStudyGroup, school.policyResource)
        let members = Set(body.memberIds ?? [])
        let allowed = Set(try await Groups.candidates(form: kind, school: school, excluding: userID, on: req.db).map(\.id))
        if !Groups.invited.contains(members.count) || !members.isSubset(of: allowed) {
            details.append(
                .init(
                    field: "memberIds",
                    message: kind.isConfidentialGroup
                        ? "must be 2 to 12 colleagues of the school, not its leaders" : "must be 2 to 12 colleagues of the school or its network"))
        }
        if kind == .supervision, body.supervisorId.map({ $0 != userID && !members.contains($0) }) ?? true {
            details.append(.init(field: "supervisorId", message: "must be one of the group's members"))
        }
        guard details.isEmpty else { throw APIValidationError(details: details) }
        let engagement = try await Groups.start(
            kind: kind, school: school, name: name, purpose: purpose, by: user,
            members: members, supervisor: body.supervisorId, on: req.db)
        let participants = try await EngagementParticipant.query(on: req.db).filter(\.$engagement.$id == engagement.requireID()).with(\.$user).all()
        guard let dto = try await Self.dto(engagement, participants: participants, principal: try await req.principal(), req: req) else {
            throw Abort(.internalServerError)
        }
        return try await dto.encodeResponse(status: .created, for: req)
    }

    /// Agrees to a supervision or intervision group's confidentiality.
    func agree(req: Request) async throws -> EngagementDTO {
        let user = try req.requireAPIUser()
        guard let engagement = try await Engagement.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        let participants = try await EngagementParticipant.query(on: req.db).filter(\.$engagement.$id == engagement.requireID()).with(\.$user).all()
        let resource = Policy.Resource.engagement(participants: Set(participants.map { $0.$user.id }), group: .of(engagement, participants))
        try await req.authorize(.viewEngagement, resource)
        guard engagement.form.isConfidentialGroup else { throw Abort(.conflict, reason: "Only supervision and intervision groups ask for an agreement.") }
        if let me = participants.first(where: { $0.$user.id == user.id }), me.agreedAt == nil {
            me.agreedAt = req.now
            try await me.save(on: req.db)
        }
        guard let dto = try await Self.dto(engagement, participants: participants, principal: try await req.principal(), req: req) else {
            throw Abort(.notFound)
        }
        return dto
    }

    func requests(req: Request) async throws -> [RequestDTO] {
        let user = try req.requireAPIUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let userID = try user.requireID()
        return try await AskAColleague(db: req.db).visibleOpenRequests(for: principal).map { request in
            let mine = request.$asker.id == userID
            return RequestDTO(
                id: try request.requireID(), schoolId: request.$school.id, topic: request.topic.rawValue,
                urgency: request.urgency.rawValue, question: request.question,
                askerName: HelpRequestRules.showsName(showNameToSchool: request.showName, viewerIsAsker: mine, viewerTookIt: false)
                    ? request.asker.fullName : nil,
                mine: mine, createdAt: request.createdAt)
        }
    }
}
