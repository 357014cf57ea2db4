import Domain
import Fluent
import Foundation
import Vapor

/// Cohorts: coordinators form them and enrol people; facilitators follow their own
/// cohort's progress, how hard each quiz question was, and the course evaluation.
struct CohortController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.courseCohorts(.key).pathComponents, use: list)
        routes.post(SiteURL.courseCohorts(.key).pathComponents, use: create)
        routes.get(SiteURL.cohort(.key).pathComponents, use: show)
        routes.get(SiteURL.courseStatements(.key).pathComponents, use: statements)
        routes.post(SiteURL.cohortReflectionComments(.key, .key).pathComponents, use: comment)
        routes.post(SiteURL.cohortInvitationAccept(.key).pathComponents, use: acceptInvitation)
        routes.post(SiteURL.cohortInvitationDecline(.key).pathComponents, use: declineInvitation)
    }

    func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let outline = try await req.courseInPath()
        try await req.authorize(.manageCohort, .course(published: outline.course.status == .published))
        return req.render(CohortListPage.view(req.pageContext(), try await CohortListPage.Model.load(outline, principal: req.principal(), language: req.localizer.language.rawValue, on: req.db)))
    }

    struct CohortForm: Content {
        var name: String?
        var starts_on: String?
        var ends_on: String?
        var facilitator: String?
        var learners: String?
        var network: String?
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let outline = try await req.courseInPath()
        try await req.authorize(.manageCohort, .course(published: outline.course.status == .published))
        let form = (try? req.content.decode(CohortForm.self)) ?? CohortForm()
        var model = try await CohortListPage.Model.load(outline, principal: req.principal(), language: req.localizer.language.rawValue, on: req.db)
        model.form = form
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let starts = (form.starts_on ?? "").trimmingCharacters(in: .whitespaces)
        let ends = (form.ends_on ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = [:]
        if name.isEmpty || name.count > 120 { errors["name"] = req.t("Give the cohort a name of up to 120 characters.") }
        let startDate = Self.day(starts), endDate = Self.day(ends)
        if startDate == nil { errors["starts_on"] = req.t("Enter the first day as a date.") }
        if endDate == nil { errors["ends_on"] = req.t("Enter the last day as a date.") }
        if let s = startDate, let e = endDate, e < s { errors["ends_on"] = req.t("The last day cannot come before the first.") }
        let principal = try await req.principal()
        let networkID = form.network.flatMap(UUID.init(uuidString:))
        if let networkID, !(principal.map { Policy.oversight($0).includes(network: networkID) } ?? false) {
            errors["network"] = req.t("Choose one of your networks.")
        }
        let cohortNetwork = networkID ?? principal?.coordinatedNetworks.sorted { $0.uuidString < $1.uuidString }.first
        // Facilitators come from the cohort's network: one answer for an unknown address and
        // for an account elsewhere, so the form never tells whether an address has an account.
        var facilitatorID: UUID?
        let facilitatorText = (form.facilitator ?? "").trimmingCharacters(in: .whitespaces)
        if !facilitatorText.isEmpty {
            var found: User?
            if let email = EmailAddress(facilitatorText) { found = try await User.query(on: req.db).filter(\.$email == email.value).first() }
            if let found, try await CohortInvitations.mayFacilitate(try found.requireID(), networkID: cohortNetwork, on: req.db) {
                facilitatorID = found.id
            } else {
                errors["facilitator"] = req.t("Choose the facilitator by the address of someone on the staff of the network's schools, or of one of its coordinators.")
            }
        }
        let lines = (form.learners ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let notAddresses = lines.filter { EmailAddress($0) == nil }
        if !notAddresses.isEmpty {
            errors["learners"] = req.t("These are not e-mail addresses: {list}. Write one address a line.", ["list": notAddresses.joined(separator: ", ")])
        }
        // One query for every address listed, however long the list. The staff of the network's
        // schools are enrolled; everyone else is invited and joins only by accepting.
        var addresses: [String] = []
        for address in lines.compactMap({ EmailAddress($0)?.value }) where !addresses.contains(address) { addresses.append(address) }
        let accounts = addresses.isEmpty ? [] : try await User.query(on: req.db).filter(\.$email ~~ addresses).all()
        let staff = try await CohortInvitations.networkMembers(accounts.compactMap(\.id), networkID: cohortNetwork, on: req.db)
        let learners = addresses.compactMap { address in accounts.first { $0.email == address && staff.contains($0.id ?? UUID()) } }
        let invited = addresses.filter { address in !learners.contains { $0.email == address } }
        // A learner belongs to one cohort: what they shared was shared with that cohort, and
        // moving them would show it to another.
        let courseID = try outline.course.requireID()
        let existing = try await CourseEnrolment.query(on: req.db).filter(\.$course.$id == courseID)
            .filter(\.$user.$id ~~ learners.compactMap(\.id)).all()
        let inCohort = existing.filter { $0.$cohort.id != nil }.map(\.$user.id)
        if !inCohort.isEmpty {
            errors["learners"] = req.t("Already in a cohort of this course: {list}. A learner stays in the cohort they shared their reflections with.",
                                       ["list": learners.filter { inCohort.contains($0.id ?? UUID()) }.map(\.email).joined(separator: ", ")])
        }
        guard errors.isEmpty else {
            model.errors = errors
            return req.render(CohortListPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let cohort = CourseCohort(courseID: try outline.course.requireID(), name: name, startsOn: starts, endsOn: ends,
                                  facilitatorID: facilitatorID, networkID: cohortNetwork, createdByID: try user.requireID())
        let learnerIDs = try learners.map { try $0.requireID() }
        // Enrolled alone so far: they join the cohort; the others are enrolled into it. Decided
        // before the transaction (PostgreSQL aborts a transaction at a failed insert).
        let alone = Dictionary(uniqueKeysWithValues: existing.map { ($0.$user.id, $0) })
        try await req.db.transaction { db in
            try await cohort.save(on: db)
            let cohortID = try cohort.requireID()
            for learner in learnerIDs {
                if let enrolment = alone[learner] {
                    enrolment.$cohort.id = cohortID
                    try await enrolment.save(on: db)
                } else {
                    try await CourseEnrolment(courseID: courseID, userID: learner, cohortID: cohortID).save(on: db)
                }
            }
            for address in invited {
                try await CohortInvitation(cohortID: cohortID, email: address, invitedByID: try user.requireID()).save(on: db)
            }
        }
        try await Notifications.notify(learnerIDs, kind: .cohortEnrolled, actor: user.fullName,
                                       link: .course(.value(outline.course.slug)), on: req.db)
        return req.redirect(to: .cohort(.value(try cohort.requireID())),
                            notice: req.t("The cohort “{name}” is formed.", ["name": name]) + " "
                                + req.localizer.tn("{count} person is enrolled.", "{count} people are enrolled.", count: learners.count)
                                + (invited.isEmpty ? "" : " " + req.localizer.tn(
                                    "{count} invitation is recorded: that person joins once they accept it.",
                                    "{count} invitations are recorded: each person joins once they accept.", count: invited.count)))
    }

    func loadCohort(_ req: Request) async throws -> (CourseCohort, CourseOutline) {
        _ = try req.requireUser()
        guard let cohort = try await CourseCohort.query(on: req.db).filter(\.$id == req.uuidParameter(SiteURL.idKey))
            .with(\.$course).with(\.$facilitator).first() else { throw Abort(.notFound) }
        try await req.authorize(.followCohort, .cohort(facilitatorID: cohort.$facilitator.id, networkID: cohort.$network.id))
        return (cohort, try await CourseOutline.load(cohort.course, on: req.db))
    }

    func show(req: Request) async throws -> Response {
        let (cohort, outline) = try await loadCohort(req)
        return req.render(CohortPage.view(req.pageContext(), try await CohortPage.Model.load(cohort, outline: outline, principal: req.principal(), language: req.localizer.language.rawValue, on: req.db)))
    }

    /// The facilitator answers a reflection shared with the cohort.
    func comment(req: Request) async throws -> Response {
        let (cohort, outline) = try await loadCohort(req)
        guard let principal = try await req.principal(),
              let reflection = try await CourseReflection.query(on: req.db).filter(\.$id == req.uuidParameter(SiteURL.pairIDKey)).with(\.$enrolment).first(),
              reflection.enrolment.$cohort.id == cohort.id
        else { throw Abort(.notFound) }
        let members = try await CourseLearning.cohortMembers(try cohort.requireID(), on: req.db)
        let resource = Policy.Resource.reflection(authorID: reflection.enrolment.$user.id, shared: reflection.shared, cohortMembers: members)
        guard Policy.allows(principal, .commentOnReflection, resource) else { throw Abort(Policy.denialStatus(principal, resource)) }
        let text = ((try? req.content.decode(CourseForms.Comment.self))?.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= CourseLearning.maxComment else {
            var model = try await CohortPage.Model.load(cohort, outline: outline, principal: principal, language: req.localizer.language.rawValue, on: req.db)
            model.commentErrors[try reflection.requireID()] = text.isEmpty ? req.t("Write a comment before sending it.")
                : req.t("A comment can be up to {count} characters long.", ["count": String(CourseLearning.maxComment)])
            return req.render(CohortPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await ReflectionComment(reflectionID: reflection.requireID(), authorID: principal.userID, body: text).save(on: req.db)
        if reflection.enrolment.$user.id != principal.userID {
            let step = try await CourseActivity.find(reflection.$activity.id, on: req.db)
            try await Notifications.notify([reflection.enrolment.$user.id], kind: .reflectionCommented, actor: req.currentUser?.fullName ?? "",
                                           link: .courseStep(.value(outline.course.slug), .value(step?.key ?? "")), on: req.db)
        }
        return req.redirect(to: .cohort(.value(try cohort.requireID())), notice: req.t("Your comment is posted."))
    }

    /// The course's learning events as xAPI statements (a JSON array), for the authors.
    func statements(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let outline = try await req.courseInPath()
        try await req.authorize(.manageCohort, .course(published: outline.course.status == .published))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(outline.course.slug)-xapi.json\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers,
                        body: .init(string: try await Statements.export(outline.course, for: try await req.principal(), on: req.db)))
    }

    static func day(_ text: String) -> Date? {
        CalendarDay(text)?.date()
    }
}
