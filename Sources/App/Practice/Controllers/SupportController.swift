import Domain
import Fluent
import Vapor

/// "My support" and ask a colleague: asking, volunteering, taking a request, and the
/// engagement it becomes, with notes private to their author or shared with the other
/// participant. Leaders and admins get no way in: the `Policy` decides by who takes part.
struct SupportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.support.pathComponents, use: overview)
        routes.get(SiteURL.supportAsk.pathComponents, use: askForm)
        routes.post(SiteURL.supportAsk.pathComponents, use: ask)
        routes.post(SiteURL.supportVolunteer.pathComponents, use: volunteer)
        routes.post(SiteURL.supportRequestTake(.key).pathComponents, use: take)
        routes.get(SiteURL.supportRequestWithdraw(.key).pathComponents, use: confirmWithdraw)
        routes.post(SiteURL.supportRequestWithdraw(.key).pathComponents, use: withdraw)
        routes.get(SiteURL.engagement(.key).pathComponents, use: engagement)
        routes.post(SiteURL.engagementNotes(.key).pathComponents, use: addNote)
        routes.post(SiteURL.engagementClose(.key).pathComponents, use: close)
        routes.post(SiteURL.engagementPause(.key).pathComponents, use: pause)
    }

    func overview(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await MySupportPage.Model.load(principal: principal, now: req.now, localizer: req.localizer, on: req.db)
        // Reading the page marks nothing read: that takes the page's POST buttons
        // (`NotificationController`), so a cross-site GET cannot do it.
        return req.render(MySupportPage.view(req.pageContext(), model))
    }

    func askForm(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await AskPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        guard !model.schools.isEmpty else { throw Abort(.forbidden) }
        return req.render(AskPage.view(req.pageContext(), model))
    }

    struct AskForm: Content {
        var school: String?
        var topic: String?
        var urgency: String?
        var question: String?
        var show_name: String?
    }

    func ask(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(AskForm.self)
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        var model = try await AskPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        let question = (form.question ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        model.draft = .init(
            school: form.school ?? "", topic: form.topic ?? "", urgency: form.urgency ?? "", question: question,
            showName: form.show_name != nil)
        let school = form.school.flatMap(UUID.init(uuidString:)).flatMap { id in model.schools.first { $0.id == id } }
        let topic = form.topic.flatMap(HelpTopic.init(rawValue:))
        let urgency = form.urgency.flatMap(HelpUrgency.init(rawValue:))
        if school == nil { model.errors["school"] = req.t("Choose the school whose colleagues you ask.") }
        if topic == nil { model.errors["topic"] = req.t("Choose what your question is about.") }
        if urgency == nil { model.errors["urgency"] = req.t("Choose how soon you need an answer.") }
        if question.isEmpty { model.errors["question"] = req.t("Write your question.") }
        if question.count > 2000 { model.errors["question"] = req.t("Keep the question under 2,000 characters.") }
        guard model.errors.isEmpty, let school, let topic, let urgency else {
            return req.render(AskPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let schoolID = try school.requireID()
        try await req.authorize(.askForHelp, school.policyResource)
        try await HelpRequest(
            schoolID: schoolID, askerID: try user.requireID(), topic: topic, urgency: urgency,
            question: question, showName: form.show_name != nil, askedAt: req.now
        ).save(on: req.db)
        return req.redirect(to: .support, notice: req.t("Your question is waiting for a colleague. You will find the conversation here once someone takes it."))
    }

    struct VolunteerForm: Content {
        var school: String?
        var topics: [String]?
    }

    func volunteer(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(VolunteerForm.self)
        guard let schoolID = form.school.flatMap(UUID.init(uuidString:)),
            let school = try await School.find(schoolID, on: req.db)
        else { throw Abort(.badRequest) }
        try await req.authorize(.volunteer, school.policyResource)
        let topics = Set((form.topics ?? []).compactMap(HelpTopic.init(rawValue:)))
        try await AskAColleague(db: req.db).setVolunteerTopics(topics, userID: try user.requireID(), schoolID: schoolID)
        return req.redirect(
            to: .support,
            notice: topics.isEmpty
                ? req.t("You no longer volunteer for any topic.")
                : req.t("Thank you: colleagues' questions on these topics will show here."))
    }

    static func loadRequest(_ req: Request) async throws -> HelpRequest {
        guard let request = try await HelpRequest.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        return request
    }

    func take(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let request = try await Self.loadRequest(req)
        let service = AskAColleague(db: req.db)
        let topics = try await service.volunteerTopics(of: try user.requireID())
        try await req.authorize(.takeHelpRequest, AskAColleague.resource(request, viewer: try await req.principal(), volunteerTopics: topics))
        guard request.status == .open else {
            return req.redirect(to: .support, notice: req.t("A colleague has already taken this question."))
        }
        do {
            let engagement = try await service.take(request, helperID: try user.requireID(), actor: user.fullName)
            return req.redirect(
                to: .engagement(.value(try engagement.requireID())),
                notice: req.t("You have taken the question. Write to your colleague below, or agree a time to talk."))
        } catch AskAColleague.Failure.alreadyTaken {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            let model = try await MySupportPage.Model.load(principal: principal, now: req.now, localizer: req.localizer, on: req.db)
            var context = req.pageContext()
            context.notice = req.t("A colleague has already taken this question.")
            return req.render(MySupportPage.view(context, model), status: .conflict)
        }
    }

    /// Asks first (`ConfirmPage`).
    func confirmWithdraw(req: Request) async throws -> Response {
        let request = try await Self.ownRequest(req)
        // Taken meanwhile (a page opened earlier): said on the page, not an error page.
        guard request.status == .open else { return req.redirect(to: .support, notice: req.t("A colleague has already taken this question.")) }
        return req.confirm(
            req.t("Withdraw your question?"),
            consequences: [
                req.t("Colleagues no longer see it, and nobody can take it."),
                req.t("It stays in your own data export until you erase your account. To ask again, write a new question."),
            ],
            action: .supportRequestWithdraw(.value(try request.requireID())), confirmLabel: req.t("Withdraw the question"), back: .support)
    }

    /// The asker's own question (the `Policy` asks whose it is, not whether it is still open).
    static func ownRequest(_ req: Request) async throws -> HelpRequest {
        _ = try req.requireUser()
        let request = try await Self.loadRequest(req)
        try await req.authorize(.withdrawHelpRequest, AskAColleague.resource(request, viewer: try await req.principal(), volunteerTopics: [:]))
        return request
    }

    func withdraw(req: Request) async throws -> Response {
        let request = try await Self.ownRequest(req)
        guard request.status == .open else { throw Abort(.conflict, reason: req.t("A colleague has already taken this question.")) }
        request.status = .withdrawn
        try await request.save(on: req.db)
        return req.redirect(to: .support, notice: req.t("Your question is withdrawn."))
    }

    func engagement(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.viewEngagement)
        let model = try await EngagementPage.Model.load(engagement, participants: participants, req: req)
        return req.render(EngagementPage.view(req.pageContext(), model))
    }

    func addNote(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.writeNote)
        let form = try req.content.decode(EngagementNoteForm.self)
        let (text, visibility, problem) = form.validated(req.localizer)
        guard problem == nil, let visibility else {
            var model = try await EngagementPage.Model.load(engagement, participants: participants, req: req)
            model.noteError = problem
            model.draft = text
            return req.render(EngagementPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let id = try engagement.requireID()
        do {
            try await EngagementNotes.add(
                text, visibility: visibility, isReflection: form.reflection == "1", to: engagement, by: try user.requireID(),
                telling: visibility == .shared ? try await AskAColleague.actorName(user, in: id, on: req.db, req.localizer) : nil, on: req.db)
        } catch EngagementNotes.Problem.closed {
            throw Abort(.conflict, reason: req.t("The conversation is closed: only closing reflections can be added."))
        } catch EngagementNotes.Problem.reflectionWritten {
            throw Abort(.conflict, reason: req.t("You have already written your closing reflection."))
        }
        return req.redirect(
            to: .engagement(.value(id)), notice: visibility == .shared ? req.t("Note shared with your colleague.") : req.t("Note saved for you alone."))
    }

    /// Pauses an active engagement (a term's break, an illness) or takes it up again.
    func pause(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let (engagement, _) = try await req.engagementInPath(.writeNote)
        switch engagement.status {
        case .active: engagement.status = .paused
        case .paused: engagement.status = .active
        case .proposed, .closed: throw Abort(.conflict, reason: req.t("Only a conversation under way can be paused."))
        }
        try await engagement.save(on: req.db)
        return req.redirect(
            to: .engagement(.value(try engagement.requireID())),
            notice: engagement.status == .paused ? req.t("Paused. Take it up again whenever you are ready.") : req.t("Taken up again."))
    }

    func close(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let (engagement, _) = try await req.engagementInPath(.writeNote)
        // The one who closes may leave their closing reflection with it.
        let form = try? req.content.decode(EngagementNoteForm.self)
        let reflection = (form?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !reflection.isEmpty, reflection.count <= 5000, let user = req.currentUser {
            try await EngagementNote(
                engagementID: try engagement.requireID(), authorID: try user.requireID(), text: reflection,
                visibility: form?.visibility.flatMap(EngagementNote.Visibility.init(rawValue:)) ?? .shared,
                isReflection: true
            ).save(on: req.db)
        }
        if engagement.status != .closed {
            engagement.status = .closed
            engagement.closedAt = req.now
            try await engagement.save(on: req.db)
        }
        return req.redirect(
            to: .engagement(.value(try engagement.requireID())), notice: req.t("The conversation is closed. Its notes stay here for both of you."))
    }
}
