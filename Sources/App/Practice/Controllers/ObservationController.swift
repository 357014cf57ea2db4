import Domain
import Fluent
import Vapor

/// Peer observation: the observed teacher starts a cycle, chooses the focus and a ready
/// protocol, and invites one or more colleagues (two for a triad). The talks and the lesson
/// are meetings; observers write timestamped, descriptive notes; the observed teacher ends
/// with a written reflection. No score anywhere; leaders see only how many cycles there are.
struct ObservationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.observationNew.pathComponents, use: form)
        routes.post(SiteURL.observationNew.pathComponents, use: start)
        routes.get(SiteURL.observationProtocols.pathComponents, use: protocols)
        routes.post(SiteURL.observationProtocols.pathComponents, use: addProtocol)
        routes.get(SiteURL.observationProtocolRetire(.key).pathComponents, use: confirmRetireProtocol)
        routes.post(SiteURL.observationProtocolRetire(.key).pathComponents, use: retireProtocol)
    }

    func form(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await ObservationPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        guard !model.schools.isEmpty else { throw Abort(.forbidden) }
        return req.render(ObservationPage.view(req.pageContext(), model))
    }

    func start(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ObservationStartForm.self)
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        var model = try await ObservationPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        let school = form.school.flatMap(UUID.init(uuidString:)).flatMap { id in model.schools.first { $0.id == id } }
        let choice = form.protocolChoice(school: school?.id, among: model.schoolProtocols)
        model.draft = .init(school: form.school ?? "", observers: form.observerIDs, focus: form.focusText, protocol: form.protocol ?? "")
        model.errors = form.problems(
            school: school, colleagues: Set(model.colleagues.filter { $0.schoolID == school?.id }.map(\.id)),
            protocol: choice, req.localizer)
        guard model.errors.isEmpty, let school, let choice else {
            return req.render(ObservationPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await req.authorize(.startObservation, school.policyResource)
        let engagement = try await ObservationCycles.start(
            in: school, focus: form.focusText, observers: form.observerIDs, following: choice,
            by: user, on: req.db)
        return req.redirect(
            to: .engagement(.value(try engagement.requireID())),
            notice: req.t("Your observation cycle is started. Plan the pre-observation talk below."))
    }

    // MARK: a school's own protocols

    func protocols(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await ObservationProtocolsPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        guard !model.schools.isEmpty else { throw Abort(.forbidden) }
        return req.render(ObservationProtocolsPage.view(req.pageContext(), model))
    }

    struct ProtocolForm: Content {
        var school: String?
        var name: String?
        var look_fors: String?
    }

    func addProtocol(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ProtocolForm.self)
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        var model = try await ObservationProtocolsPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        let school = form.school.flatMap(UUID.init(uuidString:)).flatMap { id in model.schools.first { $0.id == id } }
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let lookFors = (form.look_fors ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        model.draft = .init(school: form.school ?? "", name: name, lookFors: lookFors.joined(separator: "\n"))
        if school == nil { model.errors["school"] = req.t("Choose your school.") }
        if name.isEmpty || name.count > 80 { model.errors["name"] = req.t("Give the protocol a name (under 80 characters).") }
        if !(2...8).contains(lookFors.count) || lookFors.contains(where: { $0.count > 200 }) {
            model.errors["look_fors"] = req.t("Write 2 to 8 things to look for, one per line, each under 200 characters.")
        }
        guard model.errors.isEmpty, let school else {
            return req.render(ObservationProtocolsPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await req.authorize(.addObservationProtocol, school.policyResource)
        try await SchoolProtocol(schoolID: try school.requireID(), authorID: try user.requireID(), name: name, lookFors: lookFors).save(on: req.db)
        return req.redirect(to: .observationProtocols, notice: req.t("The protocol is ready: colleagues of your school can choose it when they start a cycle."))
    }

    /// The protocol in the path, once the `Policy` agrees that this person may retire it.
    private func ownProtocol(_ req: Request) async throws -> SchoolProtocol {
        _ = try req.requireUser()
        guard let item = try await SchoolProtocol.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(.retireObservationProtocol, .observationProtocol(schoolID: item.$school.id, authorID: item.$author.id))
        return item
    }

    /// Asks first (`ConfirmPage`): colleagues can no longer choose it; cycles keep it.
    func confirmRetireProtocol(req: Request) async throws -> Response {
        let item = try await ownProtocol(req)
        guard item.retiredAt == nil else {
            return req.redirect(to: .observationProtocols, notice: req.t("The protocol is no longer offered. Cycles that follow it keep it."))
        }
        return req.confirm(
            req.t("Stop offering “{name}”?", ["name": item.name]),
            consequences: [
                req.t("Colleagues of your school can no longer choose it when they start a cycle."),
                req.t("Cycles that already follow it keep it, with their notes."),
                req.t("It cannot be offered again: to use it later, write it as a new protocol."),
            ],
            action: .observationProtocolRetire(.value(try item.requireID())), confirmLabel: req.t("Stop offering this protocol"),
            back: .observationProtocols)
    }

    func retireProtocol(req: Request) async throws -> Response {
        let item = try await ownProtocol(req)
        if item.retiredAt == nil {
            item.retiredAt = req.now
            try await item.save(on: req.db)
        }
        return req.redirect(to: .observationProtocols, notice: req.t("The protocol is no longer offered. Cycles that follow it keep it."))
    }
}
