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
        return req.render(AdminPage.view(req.pageContext(), try await AdminPage.Model.load(on: req.db)))
    }

    struct NetworkForm: Content {
        var network_name: String?
        var network_description: String?
    }

    func createNetwork(req: Request) async throws -> Response {
        _ = try req.requireUser()
        try await req.authorize(.administer, .instance)
        let form = try req.content.decode(NetworkForm.self)
        var model = try await AdminPage.Model.load(on: req.db)
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

    struct SchoolForm: Content {
        var school_name: String?
        var school_code: String?
        var school_country: String?
        var school_city: String?
        var school_language: String?
        var school_network: String?
    }

    func createSchool(req: Request) async throws -> Response {
        _ = try req.requireUser()
        try await req.authorize(.administer, .instance)
        let form = try req.content.decode(SchoolForm.self)
        var model = try await AdminPage.Model.load(on: req.db)
        let draft = AdminPage.SchoolDraft(
            name: (form.school_name ?? "").trimmingCharacters(in: .whitespaces),
            code: (form.school_code ?? "").trimmingCharacters(in: .whitespaces).uppercased(),
            country: (form.school_country ?? "").trimmingCharacters(in: .whitespaces).uppercased(),
            city: (form.school_city ?? "").trimmingCharacters(in: .whitespaces),
            language: form.school_language ?? "en", networkID: form.school_network ?? "")
        var errors: [String: String] = [:]
        if draft.name.isEmpty || draft.name.count > 200 { errors["school_name"] = req.t("Enter the school's name (at most 200 characters).") }
        if !(2...30).contains(draft.code.count) || !draft.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            errors["school_code"] = req.t("Enter a code of 2 to 30 letters, digits or hyphens, e.g. LV-RIGA-45.")
        } else if try await School.query(on: req.db).filter(\.$code == draft.code).count() > 0 {
            errors["school_code"] = req.t("Another school already uses this code.")
        }
        if draft.country.count != 2 || !draft.country.allSatisfy({ $0.isASCII && $0.isLetter }) {
            errors["school_country"] = req.t("Enter the two-letter country code, e.g. LV, CZ, IT.")
        }
        if draft.city.isEmpty || draft.city.count > 100 { errors["school_city"] = req.t("Enter the city or town (at most 100 characters).") }
        if Language(rawValue: draft.language) == nil { errors["school_language"] = req.t("Choose a language.") }
        var networkID: UUID?
        if !draft.networkID.isEmpty {
            networkID = UUID(uuidString: draft.networkID)
            if networkID == nil || model.networks.first(where: { $0.id == networkID }) == nil {
                errors["school_network"] = req.t("Choose a network from the list.")
            }
        }
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
        var model = try await AdminPage.Model.load(on: req.db)
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
