import Domain
import Fluent
import Vapor

/// `/api/v1`: the signed-in person, the schools they may see, their staff, and invitations.
/// Every decision goes through the same `Policy` as the web pages.
struct AccountsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", use: me)
        routes.get("schools", use: schools)
        routes.get("schools", ":schoolID", use: school)
        routes.get("schools", ":schoolID", "members", use: members)
        routes.post("schools", ":schoolID", "invitations", use: invite)
    }

    func me(req: Request) async throws -> AccountsAPI.Me {
        let user = try req.requireAPIUser()
        let memberships = try await Membership.query(on: req.db).filter(\.$user.$id == user.requireID()).with(\.$school).all()
        return AccountsAPI.Me(
            id: try user.requireID(), email: user.email, givenName: user.givenName, familyName: user.familyName,
            language: user.language, isAdmin: user.isAdmin,
            memberships: memberships.map { .init(schoolId: $0.$school.id, schoolName: $0.school.name, role: $0.role.rawValue) })
    }

    func schools(req: Request) async throws -> [AccountsAPI.SchoolDTO] {
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        // The API keeps the database's order, the same for every client whatever its language;
        // pages sort for their reader (Collation).
        let query = School.query(on: req.db).sort(\.$name)
        if case .some(let schoolIDs, let networkIDs) = Policy.visibleSchools(principal) {
            query.group(.or) { group in
                group.filter(\.$id ~~ Array(schoolIDs))
                group.filter(\.$network.$id ~~ Array(networkIDs))
            }
        }
        return try await query.all().map(AccountsAPI.SchoolDTO.init)
    }

    func school(req: Request) async throws -> AccountsAPI.SchoolDTO {
        let school = try await loadSchool(req)
        try await req.authorize(.view, school.policyResource)
        return try .init(school)
    }

    func members(req: Request) async throws -> [AccountsAPI.Member] {
        let school = try await loadSchool(req)
        try await req.authorize(.viewMembers, school.policyResource)
        return try await Membership.query(on: req.db).filter(\.$school.$id == school.requireID()).with(\.$user).all()
            .map { .init(userId: $0.$user.id, givenName: $0.user.givenName, familyName: $0.user.familyName, role: $0.role.rawValue) }
            .sorted { ($0.familyName, $0.givenName) < ($1.familyName, $1.givenName) }
    }

    func invite(req: Request) async throws -> Response {
        let school = try await loadSchool(req)
        try await req.authorize(.manageStaff, school.policyResource)
        guard req.headers.contentType == .json else { throw Abort(.unsupportedMediaType, reason: "Send the invitation as application/json.") }
        let body = try req.content.decode(AccountsAPI.NewInvitation.self)
        var details: [APIErrorBody.Detail] = []
        let email = body.email.flatMap(EmailAddress.init)
        if email == nil { details.append(.init(field: "email", message: "must be an email address")) }
        // Names follow the one rule for people's names (`PersonName`: no control or bidi characters).
        let givenCheck = PersonName.validate(body.givenName ?? "")
        let familyCheck = PersonName.validate(body.familyName ?? "")
        if case .failure(let problem) = givenCheck { details.append(.init(field: "givenName", message: problem.apiMessage)) }
        if case .failure(let problem) = familyCheck { details.append(.init(field: "familyName", message: problem.apiMessage)) }
        let role = body.role.flatMap(SchoolRole.init(rawValue:))
        if role == nil {
            details.append(.init(field: "role", message: "must be one of " + SchoolRole.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        guard details.isEmpty, let email, let role, case .success(let given) = givenCheck, case .success(let family) = familyCheck else {
            throw APIValidationError(details: details)
        }
        let service = InvitationService(req: req)
        do {
            let (invitation, _) = try await req.db.writeTransaction { db in
                try await service.create(.init(email: email, givenName: given, familyName: family, role: role), school: school, on: db)
            }
            let dto = AccountsAPI.InvitationDTO(
                id: try invitation.requireID(), email: invitation.email, givenName: given,
                familyName: family, role: role.rawValue, expiresAt: invitation.expiresAt)
            return try await dto.encodeResponse(status: .created, for: req)
        } catch InvitationService.Problem.alreadyMember {
            throw Abort(.conflict, reason: "This person already belongs to the school.")
        }
    }

    private func loadSchool(_ req: Request) async throws -> School {
        _ = try req.requireAPIUser()
        return try await req.schoolInPath()
    }
}

extension Request {
    func requireAPIUser() throws -> User {
        guard let user = currentUser else { throw Abort(.unauthorized) }
        return user
    }
}
