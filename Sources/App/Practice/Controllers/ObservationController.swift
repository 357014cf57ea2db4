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
    }

    func form(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let model = try await ObservationPage.Model.load(for: user, req: req)
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
        var model = try await ObservationPage.Model.load(for: user, req: req)
        let focus = (form.focus ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let school = form.school.flatMap(UUID.init(uuidString:)).flatMap { id in model.schools.first { $0.id == id } }
        let chosen = Set((form.observers ?? []).compactMap(UUID.init(uuidString:)))
        let allowed = Set(model.colleagues.filter { $0.schoolID == school?.id }.map(\.id))
        let observationProtocol = form.protocol.flatMap(ObservationProtocol.init(rawValue:))
        model.draft = .init(school: form.school ?? "", observers: chosen, focus: focus, protocol: form.protocol ?? "")
        if school == nil { model.errors["school"] = req.t("Choose your school.") }
        if chosen.isEmpty || chosen.count > 3 || !chosen.isSubset(of: allowed) {
            model.errors["observers"] = req.t("Invite one, two or three colleagues of your school (not its leaders).")
        }
        if focus.isEmpty || focus.count > 500 { model.errors["focus"] = req.t("Say what you want to learn about your teaching (under 500 characters).") }
        if observationProtocol == nil { model.errors["protocol"] = req.t("Choose a protocol.") }
        guard model.errors.isEmpty, let school, let observationProtocol else {
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
            try await ObservationCycle(engagementID: id, focus: focus, observationProtocol: observationProtocol).save(on: db)
            try await Notifications.notify(Array(chosen), kind: .observationInvited, actor: user.fullName, link: .engagement(.value(id)), on: db)
            return engagement
        }
        return req.redirect(to: .engagement(.value(try engagement.requireID())),
                            notice: req.t("Your observation cycle is started. Plan the pre-observation talk below."))
    }
}
