import Domain
import Fluent
import Vapor

/// Mentoring programmes: a leader (for a school) or a coordinator (for a network's schools)
/// creates one, invites mentors and mentees, tunes the weights, lets the matching propose
/// the best pairs (each with its scores), adjusts by hand and publishes; each person then
/// accepts or declines, and a declined pair is matched again without touching the others.
struct MentoringController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.mentoring.pathComponents, use: list)
        routes.post(SiteURL.mentoring.pathComponents, use: create)
        routes.get(SiteURL.programme(.key).pathComponents, use: show)
        routes.post(SiteURL.programmeMembers(.key).pathComponents, use: invite)
        routes.post(SiteURL.programmeWeights(.key).pathComponents, use: weights)
        routes.post(SiteURL.programmePropose(.key).pathComponents, use: propose)
        routes.post(SiteURL.programmePairs(.key).pathComponents, use: setPair)
        routes.post(SiteURL.programmePairExclude(.key, .key).pathComponents, use: exclude)
        routes.post(SiteURL.programmePublish(.key).pathComponents, use: publish)
        routes.get(SiteURL.programmeProfile(.key).pathComponents, use: profileForm)
        routes.post(SiteURL.programmeProfile(.key).pathComponents, use: saveProfile)
        routes.post(SiteURL.programmePairAnswer(.key, .key).pathComponents, use: answer)
        routes.post(SiteURL.programmePairNudge(.key, .key).pathComponents, use: nudge)
        routes.post(SiteURL.engagementFeedback(.key).pathComponents, use: feedback)
    }

    func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await MentoringListPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        return req.render(MentoringListPage.view(req.pageContext(), model))
    }

    struct CreateForm: Content {
        var name: String?
        var goal: String?
        var starts_on: String?
        var ends_on: String?
        var scope: String?
    }

    func create(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let form = try req.content.decode(CreateForm.self)
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        var model = try await MentoringListPage.Model.load(principal: principal, collation: Collation(req.localizer.language), on: req.db)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let goal = (form.goal ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let starts = form.starts_on ?? "", ends = form.ends_on ?? ""
        let scope = model.scopes.first { $0.value == form.scope }
        model.draft = .init(name: name, goal: goal, startsOn: starts, endsOn: ends, scope: form.scope ?? "")
        if scope == nil { model.errors["scope"] = req.t("Choose the school or network the programme is for.") }
        if name.isEmpty || name.count > 200 { model.errors["name"] = req.t("Give the programme a name (under 200 characters).") }
        if goal.count > 2000 { model.errors["goal"] = req.t("Keep the goal under 2,000 characters.") }
        let validStart = Meetings.instant(date: starts, time: "00:00", zone: "UTC"), validEnd = Meetings.instant(date: ends, time: "00:00", zone: "UTC")
        if validStart == nil || validEnd == nil || validEnd! < validStart! {
            model.errors["starts_on"] = req.t("Enter a start and an end date, the end after the start.")
        }
        guard model.errors.isEmpty, let scope else {
            return req.render(MentoringListPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let programme = MentoringProgramme(
            name: name, goal: goal, startsOn: starts, endsOn: ends,
            schoolID: scope.isNetwork ? nil : scope.id, networkID: scope.isNetwork ? scope.id : nil)
        programme.openedAt = req.now
        try await programme.save(on: req.db)
        return req.redirect(to: .programme(.value(try programme.requireID())), notice: req.t("Programme created. Now invite mentors and mentees."))
    }

    static func load(_ req: Request, _ action: Policy.Action) async throws -> (MentoringProgramme, MentoringService) {
        _ = try req.requireUser()
        guard let programme = try await MentoringProgramme.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        let service = MentoringService(db: req.db)
        try await req.authorize(action, try await service.resource(programme))
        return (programme, service)
    }

    func show(req: Request) async throws -> Response {
        let (programme, _) = try await Self.load(req, .view)
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        let model = try await ProgrammePage.Model.load(programme, principal: principal, now: req.now, collation: Collation(req.localizer.language), on: req.db)
        return req.render(ProgrammePage.view(req.pageContext(), model))
    }

    struct InviteForm: Content {
        var person: String?
        var role: String?
    }

    func invite(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (programme, service) = try await Self.load(req, .manageProgramme)
        let form = try req.content.decode(InviteForm.self)
        let schools = try await service.schools(of: programme).compactMap(\.id)
        guard let person = form.person.flatMap(UUID.init(uuidString:)),
            let role = form.role.flatMap(ProgrammeMember.Role.init(rawValue:)),
            let membership = try await Membership.query(on: req.db).filter(\.$user.$id == person).filter(\.$school.$id ~~ schools).first()
        else {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            var model = try await ProgrammePage.Model.load(
                programme, principal: principal, now: req.now, collation: Collation(req.localizer.language), on: req.db)
            model.inviteError = req.t("Choose a colleague of the programme's schools, and whether they mentor or are mentored.")
            return req.render(ProgrammePage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let id = try programme.requireID()
        if try await ProgrammeMember.query(on: req.db).filter(\.$programme.$id == id).filter(\.$user.$id == person).count() == 0 {
            let (member, actor) = (ProgrammeMember(programmeID: id, userID: person, schoolID: membership.$school.id, role: role), user.fullName)
            try await req.db.writeTransaction { db in
                try await member.save(on: db)
                try await Notifications.notify([person], kind: .memberInvited, actor: actor, link: .programmeProfile(.value(id)), on: db)
            }
        }
        return req.redirect(to: .programme(.value(id)), notice: req.t("Invited. They fill in their profile before the matching."))
    }

    struct WeightsForm: Content {
        var subject: String?
        var level: String?
        var experience_gap: String?
        var goals: String?
        var availability: String?
        var school: String?
        var ideal_gap: String?
        var same_school: String?
    }

    func weights(req: Request) async throws -> Response {
        let (programme, _) = try await Self.load(req, .manageProgramme)
        let form = try req.content.decode(WeightsForm.self)
        let values = [form.subject, form.level, form.experience_gap, form.goals, form.availability, form.school].map { Int($0 ?? "") }
        guard values.allSatisfy({ $0.map { (0...5).contains($0) } ?? false }), let gap = Int(form.ideal_gap ?? ""), (0...40).contains(gap) else {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            var model = try await ProgrammePage.Model.load(
                programme, principal: principal, now: req.now, collation: Collation(req.localizer.language), on: req.db)
            model.weightsError = req.t("Each weight is a whole number from 0 to 5, and the experience gap from 0 to 40 years.")
            return req.render(ProgrammePage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        programme.weights = values.map { String($0!) }.joined(separator: ",")
        programme.idealGap = gap
        programme.preferSameSchool = form.same_school != "different"
        try await programme.save(on: req.db)
        return req.redirect(to: .programme(.value(try programme.requireID())), notice: req.t("Weights saved. Propose the pairs again to use them."))
    }

    func propose(req: Request) async throws -> Response {
        let (programme, service) = try await Self.load(req, .manageProgramme)
        let outcome = try await service.propose(programme)
        return req.redirect(to: .programme(.value(try programme.requireID())), notice: ProgrammePage.proposalNotice(outcome, req.localizer))
    }

    struct PairForm: Content {
        var mentee: String?
        var mentor: String?
    }

    func setPair(req: Request) async throws -> Response {
        let (programme, service) = try await Self.load(req, .manageProgramme)
        let form = try req.content.decode(PairForm.self)
        guard let mentee = form.mentee.flatMap(UUID.init(uuidString:)), let mentor = form.mentor.flatMap(UUID.init(uuidString:)) else {
            throw Abort(.badRequest, reason: req.t("Choose a mentor."))
        }
        do {
            try await service.setPair(programme, menteeID: mentee, mentorID: mentor)
        } catch let failure as MentoringService.Failure {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            var model = try await ProgrammePage.Model.load(
                programme, principal: principal, now: req.now, collation: Collation(req.localizer.language), on: req.db)
            model.pairError = ProgrammePage.message(failure, req.pageContext())
            return req.render(ProgrammePage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        return req.redirect(to: .programme(.value(try programme.requireID())), notice: req.t("Pair set by hand."))
    }

    static func loadPair(_ req: Request, programme: MentoringProgramme) async throws -> ProgrammePair {
        guard let raw = req.parameters.get(SiteURL.pairIDKey), let id = UUID(uuidString: raw),
            let pair = try await ProgrammePair.find(id, on: req.db), pair.$programme.id == programme.id
        else { throw Abort(.notFound) }
        return pair
    }

    func exclude(req: Request) async throws -> Response {
        let (programme, service) = try await Self.load(req, .manageProgramme)
        let pair = try await Self.loadPair(req, programme: programme)
        guard try await service.exclude(pairID: try pair.requireID(), of: programme) else {
            throw Abort(.conflict, reason: req.t("Only a proposed pair can be ruled out."))
        }
        return req.redirect(to: .programme(.value(try programme.requireID())), notice: req.t("This pair will not be proposed again."))
    }

    func publish(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (programme, service) = try await Self.load(req, .manageProgramme)
        let count = try await service.publish(programme, by: user.fullName)
        return req.redirect(
            to: .programme(.value(try programme.requireID())),
            notice: req.localizer.tn(
                "{count} pair published: each person now accepts or declines.",
                "{count} pairs published: each person now accepts or declines.", count: count))
    }

    func profileForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (programme, _) = try await Self.load(req, .takePartInProgramme)
        guard
            let member = try await ProgrammeMember.query(on: req.db).filter(\.$programme.$id == programme.requireID())
                .filter(\.$user.$id == user.requireID()).first()
        else { throw Abort(.notFound) }
        return req.render(ProfilePage.view(req.pageContext(), programme: programme, member: member, errors: [:]))
    }

    struct ProfileForm: Content {
        var subjects: String?
        var levels: String?
        var years: String?
        var languages: String?
        var goals: [String]?
        var goals_text: String?
        var availability: [String]?
        var capacity: String?
    }

    func saveProfile(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (programme, _) = try await Self.load(req, .takePartInProgramme)
        guard
            let member = try await ProgrammeMember.query(on: req.db).filter(\.$programme.$id == programme.requireID())
                .filter(\.$user.$id == user.requireID()).first()
        else { throw Abort(.notFound) }
        let form = try req.content.decode(ProfileForm.self)
        var errors: [String: String] = [:]
        let years = Int((form.years ?? "").trimmingCharacters(in: .whitespaces))
        if years.map({ !(0...50).contains($0) }) ?? true { errors["years"] = req.t("Enter your years of teaching, from 0 to 50.") }
        let languages = (form.languages ?? "").trimmingCharacters(in: .whitespaces)
        if ProgrammeMember.list(languages).isEmpty { errors["languages"] = req.t("Name at least one language you can work in.") }
        let capacity = Int((form.capacity ?? "1").trimmingCharacters(in: .whitespaces))
        if member.role == .mentor, capacity.map({ !(1...5).contains($0) }) ?? true { errors["capacity"] = req.t("Take from 1 to 5 mentees.") }
        for (field, value) in [("subjects", form.subjects), ("levels", form.levels), ("goals_text", form.goals_text)] where (value ?? "").count > 500 {
            errors[field] = req.t("Keep this under 500 characters.")
        }
        member.subjects = form.subjects ?? ""
        member.levels = form.levels ?? ""
        member.languages = languages
        member.goals = (form.goals ?? []).filter { ProfilePage.goals.contains($0) }.joined(separator: ",")
        member.goalsText = form.goals_text ?? ""
        member.availability = (form.availability ?? []).filter { ProfilePage.slots.contains($0) }.joined(separator: ",")
        guard errors.isEmpty, let years else {
            return req.render(ProfilePage.view(req.pageContext(), programme: programme, member: member, errors: errors), status: .unprocessableEntity)
        }
        member.years = years
        if member.role == .mentor, let capacity { member.capacity = capacity }
        member.profileDone = true
        try await member.save(on: req.db)
        return req.redirect(to: .programme(.value(try programme.requireID())), notice: req.t("Profile saved. You will be told when the pairs are published."))
    }

    /// A reminder to a pair that has gone quiet (both are told in the app).
    func nudge(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (programme, _) = try await Self.load(req, .manageProgramme)
        let pair = try await Self.loadPair(req, programme: programme)
        guard pair.status == .accepted, let engagement = pair.$engagement.id else { throw Abort(.conflict) }
        try await Notifications.notify(
            [pair.$mentor.id, pair.$mentee.id], kind: .pairNudged, actor: user.fullName,
            link: .engagement(.value(engagement)), on: req.db)
        return req.redirect(to: .programme(.value(try programme.requireID())), notice: req.t("Reminder sent to both."))
    }

    struct AnswerForm: Content { var accept: String? }

    func answer(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (programme, service) = try await Self.load(req, .takePartInProgramme)
        let pair = try await Self.loadPair(req, programme: programme)
        let userID = try user.requireID()
        guard pair.$mentor.id == userID || pair.$mentee.id == userID else { throw Abort(.notFound) }
        let accept = try req.content.decode(AnswerForm.self).accept == "1"
        let begun: UUID?
        do {
            begun = try await service.answer(pair, programme: programme, userID: userID, accept: accept, actor: user.fullName)
        } catch MentoringService.Failure.mentorFull {
            return req.redirect(
                to: .programme(.value(try programme.requireID())),
                notice: req.t("The mentor has no free place left; the programme's leader will find another pair."))
        }
        if let engagement = begun {
            return req.redirect(to: .engagement(.value(engagement)), notice: req.t("You are paired. Plan your first meeting below."))
        }
        return req.redirect(
            to: .programme(.value(try programme.requireID())),
            notice: accept
                ? req.t("Accepted. The pair starts when both of you have accepted.")
                : req.t("Declined. The programme's leader will find you another pair."))
    }
}
