import Domain
import Fluent
import Vapor

/// Looking after a school's staff once they are in: change a role, remove someone,
/// cancel or resend an invitation. Only those who may manage staff (`Policy`), and a
/// school always keeps at least one leader.
struct StaffController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.schoolInvitationCancel(.key, .key).pathComponents, use: confirmCancelInvitation)
        routes.post(SiteURL.schoolInvitationCancel(.key, .key).pathComponents, use: cancelInvitation)
        routes.post(SiteURL.schoolInvitationResend(.key, .key).pathComponents, use: resendInvitation)
        routes.get(SiteURL.schoolMember(.key, .key).pathComponents, use: member)
        routes.post(SiteURL.schoolMemberRole(.key, .key).pathComponents, use: changeRole)
        routes.get(SiteURL.schoolMemberRemove(.key, .key).pathComponents, use: confirmRemove)
        routes.post(SiteURL.schoolMemberRemove(.key, .key).pathComponents, use: remove)
        routes.post(SiteURL.schoolMemberRestore(.key, .key).pathComponents, use: restore)
        routes.post(SiteURL.schoolMemberClear(.key, .key).pathComponents, use: clear)
    }

    /// Asks first (`ConfirmPage`): the link stops working, nothing else is lost.
    func confirmCancelInvitation(req: Request) async throws -> Response {
        let (school, invitation) = try await loadInvitation(req)
        let schoolID = try school.requireID()
        return req.confirm(
            req.t("Cancel the invitation to {email}?", ["email": invitation.email]),
            consequences: [
                req.t("The link in the invitation stops working: nobody can join {school} with it.", ["school": school.name]),
                req.t("Nothing else changes. You can invite the same address again at any time."),
            ],
            action: .schoolInvitationCancel(.value(schoolID), .value(try invitation.requireID())),
            confirmLabel: req.t("Cancel the invitation"), back: .school(.value(schoolID)))
    }

    func cancelInvitation(req: Request) async throws -> Response {
        let (school, invitation) = try await loadInvitation(req)
        try await invitation.delete(on: req.db)
        return req.redirect(
            to: .school(.value(try school.requireID())),
            notice: req.t("The invitation to {email} is cancelled; its link no longer works.", ["email": invitation.email]))
    }

    /// A new link (the old one stops working) and a new expiry.
    func resendInvitation(req: Request) async throws -> Response {
        let (school, invitation) = try await loadInvitation(req)
        let service = InvitationService(req: req)
        guard let email = EmailAddress(invitation.email) else { throw Abort(.notFound) }
        let language = invitation.language.flatMap(Language.init(rawValue:))
        _ = try await req.db.writeTransaction { db in
            try await service.create(
                .init(email: email, givenName: invitation.givenName, familyName: invitation.familyName, role: invitation.role, language: language),
                school: school, on: db)
        }
        return req.redirect(
            to: .school(.value(try school.requireID())),
            notice: req.t("Invitation sent to {email}.", ["email": invitation.email]))
    }

    /// One member's page: their role and their removal (those who manage the staff).
    func member(req: Request) async throws -> Response {
        let (school, membership) = try await loadMembership(req)
        return req.render(MemberPage.view(req.pageContext(), try await MemberPage.Model.load(school: school, membership: membership, on: req.db)))
    }

    struct RoleForm: Content { var role: String? }

    func changeRole(req: Request) async throws -> Response {
        let (school, membership) = try await loadMembership(req)
        let form = try req.content.decode(RoleForm.self)
        guard let role = form.role.flatMap(SchoolRole.init(rawValue:)) else {
            throw Abort(.unprocessableEntity, reason: req.t("Choose a role."))
        }
        let page = SiteURL.schoolMember(.value(try school.requireID()), .value(try membership.requireID()))
        if membership.role == .leader && role != .leader, try await isLastLeader(membership, on: req.db) {
            return req.redirect(to: page, notice: req.t("A school needs at least one leader. Make someone else a leader first."))
        }
        try await StaffRecord.changeRole(membership, to: role, by: req.currentUser?.id, at: req.now, on: req.db)
        let user = try await membership.$user.get(on: req.db)
        // A leader who made themselves something else may no longer open the staff pages:
        // they go back to the school's page, which every member sees.
        let selfDemoted = membership.$user.id == req.currentUser?.id && role != .leader
        return req.redirect(
            to: selfDemoted ? .school(.value(try school.requireID())) : page,
            notice: req.t("{name} is now {role}.", ["name": user.fullName, "role": RoleNames.name(role, req.localizer)]))
    }

    /// Asks first (`ConfirmPage`): what the person loses here, and what stays theirs.
    func confirmRemove(req: Request) async throws -> Response {
        let (school, membership) = try await loadMembership(req)
        let schoolID = try school.requireID()
        if membership.role == .leader, try await isLastLeader(membership, on: req.db) {
            return req.redirect(to: .school(.value(schoolID)), notice: req.t("A school needs at least one leader. Make someone else a leader first."))
        }
        let user = try await membership.$user.get(on: req.db)
        return req.confirm(
            req.t("Remove {name} from {school}?", ["name": user.fullName, "school": school.name]),
            consequences: [
                req.t("{name} no longer belongs to this school: they lose what its staff see and what their role here allows.", ["name": user.fullName]),
                req.t("Their account, their other schools and what they wrote stay. The staff record notes that they left."),
                req.t("For 30 days you can restore them, in the same role, from the school's page."),
            ],
            action: .schoolMemberRemove(.value(schoolID), .value(try membership.requireID())),
            confirmLabel: req.t("Remove {name}", ["name": user.fullName]), back: .schoolMember(.value(schoolID), .value(try membership.requireID())))
    }

    func remove(req: Request) async throws -> Response {
        let (school, membership) = try await loadMembership(req)
        if membership.role == .leader, try await isLastLeader(membership, on: req.db) {
            return req.redirect(
                to: .school(.value(try school.requireID())),
                notice: req.t("A school needs at least one leader. Make someone else a leader first."))
        }
        let user = try await membership.$user.get(on: req.db)
        try await StaffRecord.remove(membership, by: req.currentUser?.id, at: req.now, on: req.db)
        return req.redirect(
            to: .school(.value(try school.requireID())),
            notice: req.t(
                "{name} no longer belongs to this school. Their account and their other schools stay. To undo, restore them under “Removed in the last 30 days”.",
                ["name": user.fullName]))
    }

    /// Undoes a removal of the last 30 days (`StaffRecord.restore`): one click, since it
    /// takes nothing away; too late or already back, the school's page says so.
    func restore(req: Request) async throws -> Response {
        let school = try await loadSchool(req)
        let schoolID = try school.requireID()
        let changeID = try req.uuidParameter(SiteURL.idKey)
        do {
            let membership = try await StaffRecord.restore(changeID: changeID, schoolID: schoolID, by: req.currentUser?.id, at: req.now, on: req.db)
            let user = try await membership.$user.get(on: req.db)
            return req.redirect(
                to: .schoolMember(.value(schoolID), .value(try membership.requireID())),
                notice: req.t(
                    "{name} belongs to this school again, as {role}.", ["name": user.fullName, "role": RoleNames.name(membership.role, req.localizer)]))
        } catch StaffRecord.RestoreFailure.notRestorable {
            return req.redirect(
                to: .school(.value(schoolID)),
                notice: req.t(
                    "This removal can no longer be undone here (more than 30 days ago, or they are back already). To have them back, invite them again."))
        }
    }

    /// A coordinator of the school's network ends a new member's cooling-off: someone outside
    /// the school's hierarchy vouches that the new support person is who they seem.
    func clear(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let school = try await req.schoolInPath()
        try await req.authorize(.clearNewStaff, school.policyResource)
        guard
            let membership = try await Membership.query(on: req.db)
                .filter(\.$id == req.uuidParameter(SiteURL.idKey)).filter(\.$school.$id == school.requireID()).with(\.$user).first()
        else { throw Abort(.notFound) }
        try await StaffRecord.clear(membership, by: try user.requireID(), at: req.now, on: req.db)
        return req.redirect(
            to: .school(.value(try school.requireID())),
            notice: req.t("{name} now sees colleagues' waiting questions.", ["name": membership.user.fullName]))
    }

    // MARK: loading, always scoped to the school in the path

    private func loadSchool(_ req: Request) async throws -> School {
        _ = try req.requireUser()
        let school = try await req.schoolInPath()
        try await req.authorize(.manageStaff, school.policyResource)
        return school
    }

    private func loadInvitation(_ req: Request) async throws -> (School, Invitation) {
        let school = try await loadSchool(req)
        guard
            let invitation = try await Invitation.query(on: req.db)
                .filter(\.$id == req.uuidParameter(SiteURL.idKey)).filter(\.$school.$id == school.requireID())
                .filter(\.$acceptedAt == nil).first()
        else { throw Abort(.notFound) }
        return (school, invitation)
    }

    private func loadMembership(_ req: Request) async throws -> (School, Membership) {
        let school = try await loadSchool(req)
        guard
            let membership = try await Membership.query(on: req.db)
                .filter(\.$id == req.uuidParameter(SiteURL.idKey)).filter(\.$school.$id == school.requireID()).first()
        else { throw Abort(.notFound) }
        return (school, membership)
    }

    private func isLastLeader(_ membership: Membership, on db: any Database) async throws -> Bool {
        try await Membership.query(on: db).filter(\.$school.$id == membership.$school.id)
            .filter(\.$role == .leader).count() <= 1
    }
}
