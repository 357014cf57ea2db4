import Domain
import Fluent
import Vapor

/// Coaching: offering it (topics and how many coachees), asking for it (a coach, or anyone
/// suitable), and the coach's answer: accept (within capacity) or pass to a colleague.
/// Sessions then run as an engagement whose notes stay between coach and coachee.
struct CoachingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.coachingRequestNew.pathComponents, use: requestForm)
        routes.post(SiteURL.coachingRequestNew.pathComponents, use: request)
        routes.post(SiteURL.coachingOffer.pathComponents, use: offer)
        routes.post(SiteURL.coachingAccept(.key).pathComponents, use: accept)
        routes.post(SiteURL.coachingPass(.key).pathComponents, use: pass)
        routes.get(SiteURL.coachingWithdraw(.key).pathComponents, use: confirmWithdraw)
        routes.post(SiteURL.coachingWithdraw(.key).pathComponents, use: withdraw)
    }

    func requestForm(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await CoachingRequestPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        guard !model.schools.isEmpty else { throw Abort(.forbidden) }
        return req.render(CoachingRequestPage.view(req.pageContext(), model))
    }

    struct RequestForm: Content {
        var school: String?
        var coach: String?
        var topic: String?
    }

    func request(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(RequestForm.self)
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        var model = try await CoachingRequestPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        let topic = (form.topic ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        model.draft = .init(school: form.school ?? "", coach: form.coach ?? "", topic: topic)
        let school = form.school.flatMap(UUID.init(uuidString:)).flatMap { id in model.schools.first { $0.id == id } }
        // "anyone" or one of the school's coaches (never oneself).
        let coachID: UUID?? =
            form.coach == "anyone"
            ? .some(nil)
            : form.coach.flatMap(UUID.init(uuidString:)).flatMap { id in
                model.coaches.contains { $0.userID == id && $0.schoolID == school?.id && id != user.id } ? .some(id) : nil
            }
        if school == nil { model.errors["school"] = req.t("Choose the school whose coaches you ask.") }
        if coachID == nil { model.errors["coach"] = req.t("Choose a coach, or anyone suitable.") }
        if topic.isEmpty { model.errors["topic"] = req.t("Say in a sentence or two what you would like to work on.") }
        if topic.count > 1000 { model.errors["topic"] = req.t("Keep it under 1,000 characters.") }
        guard model.errors.isEmpty, let school, let coachID else {
            return req.render(CoachingRequestPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await req.authorize(.requestCoaching, school.policyResource)
        let request = CoachingRequest(schoolID: try school.requireID(), requesterID: try user.requireID(), coachID: coachID, topic: topic)
        try await Coaching(db: req.db).save(request, telling: .coachingRequested, actor: user.fullName, except: try user.requireID(), now: req.now)
        return req.redirect(to: .support, notice: req.t("Your request for coaching is sent. You will see the coaching here once a coach accepts."))
    }

    struct OfferForm: Content {
        var school: String?
        var topics: String?
        var capacity: String?
        var active: String?
    }

    func offer(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(OfferForm.self)
        guard let schoolID = form.school.flatMap(UUID.init(uuidString:)), let school = try await School.find(schoolID, on: req.db) else {
            throw Abort(.badRequest)
        }
        try await req.authorize(.offerCoaching, school.policyResource)
        let topics = (form.topics ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let capacity = Int((form.capacity ?? "").trimmingCharacters(in: .whitespaces)), (1...10).contains(capacity),
            !topics.isEmpty, topics.count <= 500
        else {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            var model = try await MySupportPage.Model.load(principal: principal, now: req.now, localizer: req.localizer, on: req.db)
            model.coachingOfferError = req.t("Say what you can coach on (under 500 characters) and how many colleagues at a time, from 1 to 10.")
            return req.render(MySupportPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let userID = try user.requireID()
        let offer =
            try await CoachOffer.query(on: req.db).filter(\.$user.$id == userID).filter(\.$school.$id == schoolID).first()
            ?? CoachOffer(userID: userID, schoolID: schoolID, topics: topics, capacity: capacity)
        offer.topics = topics
        offer.capacity = capacity
        offer.active = form.active != nil
        try await offer.save(on: req.db)
        return req.redirect(
            to: .support, notice: offer.active ? req.t("Thank you: colleagues can now ask you for coaching.") : req.t("You no longer take new coachees."))
    }

    static func loadRequest(_ req: Request) async throws -> CoachingRequest {
        guard let request = try await CoachingRequest.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        return request
    }

    func accept(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let userID = try user.requireID()
        let request = try await Self.loadRequest(req)
        let coaching = Coaching(db: req.db)
        try await req.authorize(.respondToCoachingRequest, Coaching.resource(request, viewerCoachesIn: try await coaching.coachingSchools(of: userID)))
        do {
            let engagement = try await coaching.accept(request, coachID: userID, actor: user.fullName)
            return req.redirect(
                to: .engagement(.value(try engagement.requireID())),
                notice: req.t("You are now coaching. Plan a first session below; the notes stay between the two of you."))
        } catch Coaching.Failure.noFreePlace {
            return req.redirect(
                to: .support, notice: req.t("You have no free place: raise the number of coachees you take, or pass the request to a colleague."))
        } catch Coaching.Failure.alreadyAnswered {
            return req.redirect(to: .support, notice: req.t("Another coach has already accepted this request."))
        }
    }

    struct PassForm: Content { var coach: String? }

    func pass(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let userID = try user.requireID()
        let request = try await Self.loadRequest(req)
        let coaching = Coaching(db: req.db)
        try await req.authorize(.respondToCoachingRequest, Coaching.resource(request, viewerCoachesIn: try await coaching.coachingSchools(of: userID)))
        guard request.status == .waiting else { return req.redirect(to: .support, notice: req.t("Another coach has already accepted this request.")) }
        let form = try req.content.decode(PassForm.self)
        let offers = try await coaching.offers(in: [request.$school.id])
        if form.coach == "anyone" {
            request.$coach.id = nil
        } else if let id = form.coach.flatMap(UUID.init(uuidString:)), id != userID, id != request.$requester.id,
            offers.contains(where: { $0.$user.id == id })
        {
            request.$coach.id = id
        } else {
            throw Abort(.badRequest, reason: req.t("Choose a coach, or anyone suitable."))
        }
        request.suggestedByName = user.fullName
        try await coaching.save(request, telling: .coachingPassed, actor: user.fullName, except: userID, now: req.now)
        return req.redirect(to: .support, notice: req.t("Passed on, with your name as the one who suggested it."))
    }

    /// Asks first (`ConfirmPage`).
    func confirmWithdraw(req: Request) async throws -> Response {
        let request = try await Self.ownRequest(req)
        // Accepted meanwhile (a page opened earlier): said on the page, not an error page.
        guard request.status == .waiting else {
            return req.redirect(to: .support, notice: req.t("Another coach has already accepted this request."))
        }
        return req.confirm(
            req.t("Withdraw your request for coaching?"),
            consequences: [
                req.t("Coaches no longer see it, and nobody can accept it."),
                req.t("To be coached later, send a new request."),
            ],
            action: .coachingWithdraw(.value(try request.requireID())), confirmLabel: req.t("Withdraw the request"), back: .support)
    }

    /// The requester's own request (the `Policy` asks whose it is, not whether it still waits).
    static func ownRequest(_ req: Request) async throws -> CoachingRequest {
        _ = try req.requireUser()
        let request = try await Self.loadRequest(req)
        try await req.authorize(.withdrawCoachingRequest, Coaching.resource(request, viewerCoachesIn: []))
        return request
    }

    func withdraw(req: Request) async throws -> Response {
        let request = try await Self.ownRequest(req)
        guard request.status == .waiting else { throw Abort(.conflict, reason: req.t("Another coach has already accepted this request.")) }
        request.status = .withdrawn
        try await request.save(on: req.db)
        return req.redirect(to: .support, notice: req.t("Your request for coaching is withdrawn."))
    }
}
