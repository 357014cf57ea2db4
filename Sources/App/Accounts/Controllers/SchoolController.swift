import Domain
import Fluent
import Vapor

/// A school's page, its staff, and bringing new staff in: one by one or from a roster file.
struct SchoolController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.school(.key).pathComponents, use: show)
        routes.get(SiteURL.schoolInvitationNew(.key).pathComponents, use: newInvitation)
        routes.post(SiteURL.schoolInvitations(.key).pathComponents, use: invite)
        routes.get(SiteURL.schoolImport(.key).pathComponents, use: showImport)
        routes.post(SiteURL.schoolImport(.key).pathComponents, use: runImport)
    }

    func show(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let school = try await loadSchool(req)
        try await req.authorize(.viewMembers, school.policyResource)
        let principal = try await req.principal()
        let canManage = Policy.allows(principal, .manageStaff, school.policyResource)
        var model = try await SchoolPage.Model.load(
            school: school, includeInvitations: canManage, mayClearNewStaff: Policy.allows(principal, .clearNewStaff, school.policyResource),
            invitationLifetime: req.application.config.invitationLifetime, now: req.now, collation: Collation(req.localizer.language), on: req.db)
        model.filter(
            search: String((req.query[String.self, at: "q"] ?? "").prefix(200)),
            role: req.query[String.self, at: "role"].flatMap(SchoolRole.init(rawValue:)), byAddressToo: canManage)
        model.paginate(page: req.query[Int.self, at: "page"] ?? 1)
        model.showsWellbeing = Policy.allows(principal, .viewWellbeingFigures, school.policyResource)
        if Policy.allows(principal, .viewPracticeCounts, school.policyResource) {
            model.practice = try await PracticeCounts.load(schoolID: try school.requireID(), on: req.db)
        }
        return req.render(SchoolPage.view(req.pageContext(), model))
    }

    func newInvitation(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let school = try await loadSchool(req)
        try await req.authorize(.manageStaff, school.policyResource)
        return req.render(
            InvitePage.view(req.pageContext(), .init(schoolID: try school.requireID(), schoolName: school.name, language: school.language)))
    }

    func invite(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let school = try await loadSchool(req)
        try await req.authorize(.manageStaff, school.policyResource)
        let form = try req.content.decode(InviteForm.self)
        var model = InvitePage.Model(
            schoolID: try school.requireID(), schoolName: school.name,
            email: form.email ?? "", givenName: form.given_name ?? "",
            familyName: form.family_name ?? "", role: form.role ?? "", language: form.language ?? school.language)
        guard let draft = form.draft(checking: &model, req.localizer) else {
            return req.render(InvitePage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let service = InvitationService(req: req)
        do {
            _ = try await req.db.writeTransaction { db in try await service.create(draft, school: school, on: db) }
        } catch InvitationService.Problem.alreadyMember {
            model.fieldErrors["email"] = req.t("{email} already belongs to this school.", ["email": draft.email.value])
            return req.render(InvitePage.view(req.pageContext(), model), status: .conflict)
        }
        return req.redirect(
            to: .school(.value(try school.requireID())),
            notice: req.t("Invitation sent to {email}.", ["email": draft.email.value]))
    }

    func showImport(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let school = try await loadSchool(req)
        try await req.authorize(.manageStaff, school.policyResource)
        return req.render(ImportPage.view(req.pageContext(), .init(schoolID: try school.requireID(), schoolName: school.name, schoolCode: school.code)))
    }

    struct ImportForm: Content {
        var file: File?
    }

    func runImport(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let school = try await loadSchool(req)
        try await req.authorize(.manageStaff, school.policyResource)
        var model = ImportPage.Model(schoolID: try school.requireID(), schoolName: school.name, schoolCode: school.code)
        let form = try? req.content.decode(ImportForm.self)
        guard let file = form?.file, file.data.readableBytes > 0,
            let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes)
        else {
            model.problems = [req.t("Choose a CSV file to import.")]
            return req.render(ImportPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        switch try await RosterImporter(req: req).run(csv: text, into: school) {
        case .imported(let count):
            return req.redirect(
                to: .school(.value(try school.requireID())),
                notice: req.localizer.tn("{count} invitation sent.", "{count} invitations sent.", count: count))
        case .rejected(let problems):
            model.problems = problems
            return req.render(ImportPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
    }

    private func loadSchool(_ req: Request) async throws -> School {
        try await req.schoolInPath()
    }
}
