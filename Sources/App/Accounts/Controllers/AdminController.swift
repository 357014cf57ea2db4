import Domain
import Fluent
import Vapor

/// The instance's administration: networks and schools.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.admin.pathComponents, use: index)
        routes.post(SiteURL.adminNetworks.pathComponents, use: createNetwork)
        routes.post(SiteURL.adminSchools.pathComponents, use: createSchool)
        routes.post(SiteURL.adminCoordinators.pathComponents, use: addCoordinator)
    }

    func index(req: Request) async throws -> Response {
        _ = try req.requireUser()
        try await req.authorize(.administer, .instance)
        return req.render(AdminPage.view(req.pageContext(), try await AdminPage.Model.load(collation: Collation(req.localizer.language), on: req.db)))
    }

    struct NetworkForm: Content {
        var network_name: String?
        var network_description: String?
    }

    func createNetwork(req: Request) async throws -> Response {
        _ = try req.requireUser()
        try await req.authorize(.administer, .instance)
        let form = try req.content.decode(NetworkForm.self)
        var model = try await AdminPage.Model.load(collation: Collation(req.localizer.language), on: req.db)
        let name = (form.network_name ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 200 {
            model.networkErrors["network_name"] = req.t("Enter the network's name (at most 200 characters).")
        } else if try await Network.query(on: req.db).filter(\.$name == name).count() > 0 {
            model.networkErrors["network_name"] = req.t("A network with this name already exists.")
        }
        guard model.networkErrors.isEmpty else {
            model.networkDraft = (name, form.network_description ?? "")
            return req.render(AdminPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await Network(name: name, summary: String((form.network_description ?? "").prefix(2000))).save(on: req.db)
        return req.redirect(to: .admin, notice: req.t("Network {name} created.", ["name": name]))
    }

    func createSchool(req: Request) async throws -> Response {
        _ = try req.requireUser()
        try await req.authorize(.administer, .instance)
        let form = try req.content.decode(NewSchoolForm.self)
        var model = try await AdminPage.Model.load(collation: Collation(req.localizer.language), on: req.db)
        let draft = form.draft
        let (errors, networkID) = try await form.problems(draft, networks: Set(model.networks.map(\.id)), on: req.db, req.localizer)
        guard errors.isEmpty else {
            model.schoolErrors = errors
            model.schoolDraft = draft
            return req.render(AdminPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await School(
            name: draft.name, code: draft.code, country: draft.country, city: draft.city,
            language: draft.language, networkID: networkID
        ).save(on: req.db)
        return req.redirect(to: .admin, notice: req.t("School {name} created.", ["name": draft.name]))
    }

    struct CoordinatorForm: Content {
        var coordinator_email: String?
        var coordinator_network: String?
    }

    /// Makes an existing account coordinator of a network. People join Collegium through
    /// an invitation to a school first, so every coordinator has a verified address.
    func addCoordinator(req: Request) async throws -> Response {
        _ = try req.requireUser()
        try await req.authorize(.administer, .instance)
        let form = try req.content.decode(CoordinatorForm.self)
        var model = try await AdminPage.Model.load(collation: Collation(req.localizer.language), on: req.db)
        let email = EmailAddress(form.coordinator_email ?? "")
        let networkID = form.coordinator_network.flatMap(UUID.init(uuidString:))
        var user: User?
        if let email { user = try await User.query(on: req.db).filter(\.$email == email.value).first() }
        if email == nil {
            model.coordinatorErrors["coordinator_email"] = req.t("Enter an email address like name@school.org.")
        } else if user == nil {
            model.coordinatorErrors["coordinator_email"] = req.t("No account uses this address yet. Invite the person to a school first.")
        }
        if networkID == nil || !model.networks.contains(where: { $0.id == networkID }) {
            model.coordinatorErrors["coordinator_network"] = req.t("Choose a network from the list.")
        }
        guard model.coordinatorErrors.isEmpty, let user, let networkID else {
            model.coordinatorDraft = (form.coordinator_email ?? "", form.coordinator_network ?? "")
            return req.render(AdminPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let userID = try user.requireID()
        if try await NetworkCoordinator.query(on: req.db).filter(\.$user.$id == userID).filter(\.$network.$id == networkID).count() == 0 {
            try await NetworkCoordinator(userID: userID, networkID: networkID).save(on: req.db)
        }
        return req.redirect(to: .admin, notice: req.t("{name} now coordinates the network.", ["name": user.fullName]))
    }
}
