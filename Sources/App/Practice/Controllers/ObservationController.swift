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
        routes.post(SiteURL.observationProtocolRetire(.key).pathComponents, use: retireProtocol)
    }

    func form(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await ObservationPage.Model.load(principal: principal, on: req.db)
        guard !model.schools.isEmpty else { throw Abort(.forbidden) }
        return req.render(ObservationPage.view(req.pageContext(), model))
    }

    struct StartForm: Content {
        var school: String?
        var observers: [String]?
        var focus: String?
        var `protocol`: String?
    }

    func start(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(StartForm.self)
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        var model = try await ObservationPage.Model.load(principal: principal, on: req.db)
        let focus = (form.focus ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let school = form.school.flatMap(UUID.init(uuidString:)).flatMap { id in model.schools.first { $0.id == id } }
        let chosen = Set((form.observers ?? []).compactMap(UUID.init(uuidString:)))
        let allowed = Set(model.colleagues.filter { $0.schoolID == school?.id }.map(\.id))
        let readyProtocol = form.protocol.flatMap(ObservationProtocol.init(rawValue:))
        // A school's own protocol is chosen as "school:<id>", and must be one of that school's.
        let schoolProtocol = form.protocol.flatMap { raw -> SchoolProtocol? in
            guard raw.hasPrefix("school:"), let id = UUID(uuidString: String(raw.dropFirst(7))) else { return nil }
            return model.schoolProtocols.first { $0.id == id && $0.$school.id == school?.id }
        }
        model.draft = .init(school: form.school ?? "", observers: chosen, focus: focus, protocol: form.protocol ?? "")
        if school == nil { model.errors["school"] = req.t("Choose your school.") }
        if chosen.isEmpty || chosen.count > 3 || !chosen.isSubset(of: allowed) {
            model.errors["observers"] = req.t("Invite one, two or three colleagues of your school (not its leaders).")
        }
        if focus.isEmpty || focus.count > 500 { model.errors["focus"] = req.t("Say what you want to learn about your teaching (under 500 characters).") }
        if readyProtocol == nil && schoolProtocol == nil { model.errors["protocol"] = req.t("Choose a protocol.") }
        guard model.errors.isEmpty, let school else {
            return req.render(ObservationPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await req.authorize(.startObservation, school.policyResource)
        let userID = try user.requireID()
        let engagement = try await req.db.transaction { db -> Engagement in
            let engagement = Engagement(form: .observation, status: .active, topic: String(focus.prefix(120)), schoolID: try school.requireID())
            try await engagement.save(on: db)
            let id = try engagement.requireID()
            try await EngagementParticipant(engagementID: id, userID: userID, role: .observed).save(on: db)
            for observer in chosen { try await EngagementParticipant(engagementID: id, userID: observer, role: .observer).save(on: db) }
            if let readyProtocol {
                try await ObservationCycle(engagementID: id, focus: focus, observationProtocol: readyProtocol).save(on: db)
            } else if let schoolProtocol {
                try await ObservationCycle(engagementID: id, focus: focus, schoolProtocolID: try schoolProtocol.requireID()).save(on: db)
            }
            try await Notifications.notify(Array(chosen), kind: .observationInvited, actor: user.fullName, link: .engagement(.value(id)), on: db)
            return engagement
        }
        return req.redirect(to: .engagement(.value(try engagement.requireID())),
                            notice: req.t("Your observation cycle is started. Plan the pre-observation talk below."))
    }

    // MARK: a school's own protocols

    func protocols(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await ObservationProtocolsPage.Model.load(principal: principal, on: req.db)
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
        var model = try await ObservationProtocolsPage.Model.load(principal: principal, on: req.db)
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

    func retireProtocol(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let item = try await SchoolProtocol.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(.retireObservationProtocol, .observationProtocol(schoolID: item.$school.id, authorID: item.$author.id))
        if item.retiredAt == nil {
            item.retiredAt = req.now
            try await item.save(on: req.db)
        }
        return req.redirect(to: .observationProtocols, notice: req.t("The protocol is no longer offered. Cycles that follow it keep it."))
    }
}
