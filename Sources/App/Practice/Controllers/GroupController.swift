import Domain
import Fluent
import Vapor

/// Study groups, supervision and intervision groups. A group is an engagement with many
/// members: its meetings, notes and closing reflections work as in any engagement. A study
/// group adds an action plan and attendance; a supervision or intervision group adds each
/// member's agreement to confidentiality (nothing is read or written before it) and case
/// sessions that follow the timed case-consultation protocol.
struct GroupController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.groupNew.pathComponents, use: form)
        routes.post(SiteURL.groupNew.pathComponents, use: create)
        routes.post(SiteURL.engagementAgree(.key).pathComponents, use: agree)
        routes.post(SiteURL.engagementPlan(.key).pathComponents, use: plan)
        routes.post(SiteURL.meetingAttendance(.key, .key).pathComponents, use: attendance)
        routes.post(SiteURL.caseSessions(.key).pathComponents, use: startSession)
        routes.get(SiteURL.caseSession(.key, .key).pathComponents, use: session)
        routes.post(SiteURL.caseSessionNext(.key, .key).pathComponents, use: nextStep)
        routes.post(SiteURL.caseSessionEntries(.key, .key).pathComponents, use: addEntry)
    }

    // MARK: starting a group

    func form(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let kind = Groups.kind(req.query[String.self, at: "kind"]) else { throw Abort(.notFound) }
        let model = try await Self.newGroupPage(kind, user, req)
        guard !model.schools.isEmpty else { throw Abort(.forbidden) }
        return req.render(GroupNewPage.view(req.pageContext(), model))
    }

    /// The page to start a group: `?course=` and `?school=` choose the course to follow and the school shown first.
    private static func newGroupPage(_ kind: Engagement.Form, _ user: User, _ req: Request) async throws -> GroupNewPage.Model {
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        return try await GroupNewPage.Model.load(
            kind: kind, principal: principal, userName: user.fullName, course: req.query[String.self, at: "course"],
            school: req.query[String.self, at: "school"].flatMap(UUID.init(uuidString:)),
            language: req.localizer.language.rawValue, on: req.db)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(NewGroupForm.self)
        guard let kind = Groups.kind(form.kind) else { throw Abort(.badRequest, reason: req.t("Choose the kind of group.")) }
        var model = try await Self.newGroupPage(kind, user, req)
        let school = form.school.flatMap(UUID.init(uuidString:)).flatMap { id in model.schools.first { $0.id == id } }
        if let school, school.id != model.selectedSchool?.id { try await model.choose(school, collation: Collation(req.localizer.language), on: req.db) }
        let course = kind == .studyGroup ? model.courses.first { $0.slug == form.course } : nil
        model.draft = .init(name: form.groupName, purpose: form.groupPurpose, members: form.memberIDs, supervisor: form.supervisorID, course: course?.slug)
        model.errors = form.problems(kind: kind, school: school, candidates: Set(model.candidates.map(\.id)), starter: try user.requireID(), req.localizer)
        guard model.errors.isEmpty, let school else {
            return req.render(GroupNewPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await req.authorize(kind.isConfidentialGroup ? .startCaseGroup : .startStudyGroup, school.policyResource)
        let engagement = try await Groups.start(
            kind: kind, school: school, name: form.groupName, purpose: form.groupPurpose, by: user,
            members: form.memberIDs, supervisor: form.supervisorID, on: req.db)
        if let course { try await Groups.follow(course: course.slug, group: engagement, language: req.localizer.language.rawValue, on: req.db) }
        return req.redirect(
            to: .engagement(.value(try engagement.requireID())),
            notice: kind == .studyGroup
                ? req.t("Your study group is started. Write its action plan and plan its meetings below.")
                : req.t("Your group is started. Each member first agrees to its confidentiality."))
    }

    // MARK: confidentiality, plan, attendance

    func agree(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.viewEngagement)
        try await req.authorize(
            .agreeToConfidentiality,
            .engagement(
                participants: Set(participants.map { $0.$user.id }),
                group: .of(engagement, participants)))
        guard let me = participants.first(where: { $0.$user.id == user.id }) else { throw Abort(.notFound) }
        me.agreedAt = req.now
        try await me.save(on: req.db)
        return req.redirect(
            to: .engagement(.value(try engagement.requireID())),
            notice: req.t("Thank you. You can now read and write in the group."))
    }

    struct PlanForm: Content {
        var plan_how: String?
        var plan_support: String?
        var plan_challenge: String?
        var plan_evidence: String?
    }

    func plan(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.writeNote)
        guard engagement.form == .studyGroup,
            let group = try await PracticeGroup.query(on: req.db).filter(\.$engagement.$id == engagement.requireID()).first()
        else { throw Abort(.notFound) }
        guard engagement.status != .closed else { throw Abort(.conflict, reason: req.t("The group is closed: its plan stays as it was.")) }
        let form = try req.content.decode(PlanForm.self)
        let fields = [form.plan_how, form.plan_support, form.plan_challenge, form.plan_evidence]
            .map { ($0 ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var errors: [String: String] = [:]
        for (key, value) in zip(["plan_how", "plan_support", "plan_challenge", "plan_evidence"], fields) {
            if value.isEmpty { errors[key] = req.t("Answer each part of the plan, in a sentence or two.") }
            if value.count > 1000 { errors[key] = req.t("Keep each part under 1,000 characters.") }
        }
        guard errors.isEmpty else {
            var model = try await EngagementPage.Model.load(engagement, participants: participants, req: req)
            model.group?.planErrors = errors
            model.group?.planDraft = fields
            return req.render(EngagementPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        group.planHow = fields[0]
        group.planSupport = fields[1]
        group.planChallenge = fields[2]
        group.planEvidence = fields[3]
        group.planWrittenAt = req.now
        try await group.save(on: req.db)
        return req.redirect(to: .engagement(.value(try engagement.requireID())), notice: req.t("The action plan is saved for the whole group."))
    }

    struct AttendanceForm: Content {
        var present: [String]?
    }

    func attendance(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.leadGroup)
        let meeting = try await req.meetingInPath(of: engagement)
        guard !meeting.cancelled else { throw Abort(.conflict, reason: req.t("This meeting was cancelled.")) }
        let form = try req.content.decode(AttendanceForm.self)
        let present = Set((form.present ?? []).compactMap(UUID.init(uuidString:)))
        let meetingID = try meeting.requireID()
        try await req.db.writeTransaction { db in
            try await Attendance.query(on: db).filter(\.$meeting.$id == meetingID).delete()
            for person in participants {
                try await Attendance(meetingID: meetingID, userID: person.$user.id, present: present.contains(person.$user.id)).save(on: db)
            }
        }
        return req.redirect(
            to: .engagement(.value(try engagement.requireID())),
            notice: req.t(
                "Attendance saved: {present} of {total} present.",
                [
                    "present": String(participants.filter { present.contains($0.$user.id) }.count),
                    "total": String(participants.count),
                ]))
    }

    // MARK: case sessions

    struct SessionForm: Content {
        var title: String?
        var case_owner: String?
        var no_names: String?
    }

    func startSession(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.leadGroup)
        guard engagement.form.isConfidentialGroup else { throw Abort(.notFound) }
        guard engagement.status == .active else { throw Abort(.conflict, reason: req.t("Take the group up again before starting a session.")) }
        let form = try req.content.decode(SessionForm.self)
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let owner = form.case_owner.flatMap(UUID.init(uuidString:))
        var errors: [String: String] = [:]
        if title.isEmpty || title.count > 200 { errors["title"] = req.t("Say in a line what the case is about (under 200 characters).") }
        if owner.map({ id in !participants.contains { $0.$user.id == id && $0.agreedAt != nil } }) ?? true {
            errors["case_owner"] = req.t("Choose the member who brings the case.")
        }
        if errors.isEmpty, form.no_names == nil {
            let names = try await Groups.namesMentioned(in: title, engagement: engagement, on: req.db)
            if !names.isEmpty { errors["title"] = Self.namesMessage(names, req) }
        }
        guard errors.isEmpty, let owner else {
            var model = try await EngagementPage.Model.load(engagement, participants: participants, req: req)
            model.group?.sessionErrors = errors
            model.group?.sessionDraft = (title, form.case_owner ?? "")
            return req.render(EngagementPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let id = try engagement.requireID()
        let (userID, actor) = (try user.requireID(), user.fullName)
        let session = CaseSession(engagementID: id, facilitatorID: userID, caseOwnerID: owner, title: title, startedAt: req.now)
        let sessionID = UUID()
        session.id = sessionID
        // The session and the others' notice are saved together.
        try await req.db.writeTransaction { db in
            try await session.save(on: db)
            try await Notifications.notify(
                try await EngagementAccess.others(in: id, than: userID, on: db), kind: .caseSessionStarted, actor: actor,
                link: .caseSession(.value(id), .value(sessionID)), on: db)
        }
        return req.redirect(
            to: .caseSession(.value(id), .value(try session.requireID())),
            notice: req.t("The session has started with the opening. The timer runs."))
    }

    static func namesMessage(_ names: [String], _ req: Request) -> String {
        req.t(
            "This seems to name {names}. Describe people by their role instead (a pupil in year 7, a colleague in my department). If it names nobody, tick the box below and save again.",
            ["names": names.joined(separator: ", ")])
    }

    static func loadSession(_ req: Request, _ engagement: Engagement) async throws -> CaseSession {
        guard let raw = req.parameters.get(SiteURL.sessionIDKey), let id = UUID(uuidString: raw),
            let session = try await CaseSession.find(id, on: req.db), session.$engagement.id == engagement.id
        else { throw Abort(.notFound) }
        return session
    }

    func session(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.viewEngagement)
        // Before agreeing, a member sees the agreement on the group's page, nothing of a case.
        try await req.authorize(.writeNote, .engagement(participants: Set(participants.map { $0.$user.id }), group: .of(engagement, participants)))
        let session = try await Self.loadSession(req, engagement)
        let model = try await CaseSessionPage.Model.load(
            session, engagement: engagement, participants: participants,
            principal: try await req.principal(), now: req.now, on: req.db)
        return req.render(CaseSessionPage.view(req.pageContext(), model))
    }

    struct NextForm: Content {
        var minutes: String?
        /// The step the form was shown at (none from an older page: then it moves on).
        var from: String?
    }

    func nextStep(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.writeNote)
        let session = try await Self.loadSession(req, engagement)
        guard let access = Policy.GroupAccess.of(engagement, participants) else { throw Abort(.notFound) }
        try await req.authorize(.runCaseSession, .caseSession(facilitatorID: session.$facilitator.id, group: access))
        let id = try engagement.requireID(), sessionID = try session.requireID()
        let form = try? req.content.decode(NextForm.self)
        // Moved on or finished already (a double click, another tab): show where the group
        // is, change nothing.
        if let from = form?.from, from != String(session.step.rawValue) || session.finishedAt != nil {
            return req.redirect(to: .caseSession(.value(id), .value(sessionID)))
        }
        guard session.finishedAt == nil else { throw Abort(.conflict, reason: req.t("This session has finished.")) }
        if let next = session.step.next {
            let minutes = form.flatMap { Int(($0.minutes ?? "").trimmingCharacters(in: .whitespaces)) }
            session.step = next
            session.stepStartedAt = req.now
            session.stepMinutes = minutes.map { min(max($0, 1), 60) } ?? next.defaultMinutes
            try await session.save(on: req.db)
            return req.redirect(
                to: .caseSession(.value(id), .value(sessionID)), notice: req.t("Next step: {step}.", ["step": CaseNames.step(next, req.localizer)]))
        }
        session.finishedAt = req.now
        try await session.save(on: req.db)
        return req.redirect(to: .caseSession(.value(id), .value(sessionID)), notice: req.t("The session is finished. Its notes stay with the group."))
    }

    struct EntryForm: Content {
        var text: String?
        var no_names: String?
    }

    func addEntry(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.writeNote)
        let session = try await Self.loadSession(req, engagement)
        guard session.finishedAt == nil else { throw Abort(.conflict, reason: req.t("This session has finished.")) }
        let form = try req.content.decode(EntryForm.self)
        let text = (form.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problem: String?
        if text.isEmpty { problem = req.t("Write the note.") }
        if text.count > 5000 { problem = req.t("Keep the note under 5,000 characters.") }
        if problem == nil, form.no_names == nil {
            let names = try await Groups.namesMentioned(in: text, engagement: engagement, on: req.db)
            if !names.isEmpty { problem = Self.namesMessage(names, req) }
        }
        if let problem {
            var model = try await CaseSessionPage.Model.load(
                session, engagement: engagement, participants: participants,
                principal: try await req.principal(), now: req.now, on: req.db)
            model.entryError = problem
            model.draft = text
            return req.render(CaseSessionPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await CaseEntry(sessionID: try session.requireID(), authorID: try user.requireID(), step: session.step, text: text).save(on: req.db)
        return req.redirect(
            to: .caseSession(.value(try engagement.requireID()), .value(try session.requireID())),
            notice: req.t("Noted for the group."))
    }
}
