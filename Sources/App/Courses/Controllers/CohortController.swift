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
        routes.post(SiteURL.cohortAttemptGrant(.key, .key).pathComponents, use: grantAttempt)
        routes.post(SiteURL.cohortInvitationAccept(.key).pathComponents, use: acceptInvitation)
        routes.post(SiteURL.cohortInvitationDecline(.key).pathComponents, use: declineInvitation)
    }

    func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let outline = try await req.courseInPath()
        try await req.authorize(.manageCohort, .course(published: outline.course.status == .published))
        return req.render(
            CohortListPage.view(
                req.pageContext(),
                try await CohortListPage.Model.load(outline, principal: req.principal(), language: req.localizer.language.rawValue, on: req.db)))
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let outline = try await req.courseInPath()
        try await req.authorize(.manageCohort, .course(published: outline.course.status == .published))
        let form = (try? req.content.decode(CourseForms.Cohort.self)) ?? CourseForms.Cohort()
        var model = try await CohortListPage.Model.load(outline, principal: req.principal(), language: req.localizer.language.rawValue, on: req.db)
        model.form = form
        let formed: CohortFormation.Formed
        do {
            formed = try await CohortFormation.form(form.plan, of: outline.course, principal: try await req.principal(), by: user, on: req.db)
        } catch let refused as CohortFormation.Refused {
            model.errors = Self.errors(refused.problems, req.localizer)
            return req.render(CohortListPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        return req.redirect(
            to: .cohort(.value(try formed.cohort.requireID())),
            notice: req.t("The cohort “{name}” is formed.", ["name": formed.cohort.name]) + " "
                + req.localizer.tn("{count} person is enrolled.", "{count} people are enrolled.", count: formed.enrolled)
                + (formed.invited.isEmpty
                    ? ""
                    : " "
                        + req.localizer.tn(
                            "{count} invitation is recorded: that person joins once they accept it.",
                            "{count} invitations are recorded: each person joins once they accept.", count: formed.invited.count)))
    }

    /// The cohort form's problems, each next to its field (a later one replaces an earlier
    /// one of the same field).
    static func errors(_ problems: [CohortFormation.Problem], _ l: Localizer) -> [String: String] {
        var errors: [String: String] = [:]
        for problem in problems {
            switch problem {
            case .name: errors["name"] = l.t("Give the cohort a name of up to 120 characters.")
            case .startsOn: errors["starts_on"] = l.t("Enter the first day as a date.")
            case .endsOn: errors["ends_on"] = l.t("Enter the last day as a date.")
            case .endsBeforeStarts: errors["ends_on"] = l.t("The last day cannot come before the first.")
            case .network: errors["network"] = l.t("Choose one of your networks.")
            case .facilitator:
                errors["facilitator"] = l.t(
                    "Choose the facilitator by the address of someone on the staff of the network's schools, or of one of its coordinators.")
            case .notAddresses(let entries):
                errors["learners"] = l.t("These are not e-mail addresses: {list}. Write one address a line.", ["list": entries.joined(separator: ", ")])
            case .inAnotherCohort(let addresses):
                errors["learners"] = l.t(
                    "Already in a cohort of this course: {list}. A learner stays in the cohort they shared their reflections with.",
                    ["list": addresses.joined(separator: ", ")])
            }
        }
        return errors
    }

    func loadCohort(_ req: Request) async throws -> (CourseCohort, CourseOutline) {
        _ = try req.requireUser()
        guard
            let cohort = try await CourseCohort.query(on: req.db).filter(\.$id == req.uuidParameter(SiteURL.idKey))
                .with(\.$course).with(\.$facilitator).first()
        else { throw Abort(.notFound) }
        try await req.authorize(.followCohort, .cohort(facilitatorID: cohort.$facilitator.id, networkID: cohort.$network.id))
        return (cohort, try await CourseOutline.load(cohort.course, on: req.db))
    }

    func show(req: Request) async throws -> Response {
        let (cohort, outline) = try await loadCohort(req)
        return req.render(
            CohortPage.view(
                req.pageContext(),
                try await CohortPage.Model.load(cohort, outline: outline, principal: req.principal(), language: req.localizer.language.rawValue, on: req.db)))
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
            model.commentErrors[try reflection.requireID()] =
                text.isEmpty
                ? req.t("Write a comment before sending it.")
                : req.t("A comment can be up to {count} characters long.", ["count": String(CourseLearning.maxComment)])
            return req.render(CohortPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let step = try await CourseActivity.find(reflection.$activity.id, on: req.db)
        try await CourseLearning(db: req.db, config: req.application.config, now: req.now).comment(
            text, on: reflection, by: principal.userID, actor: req.currentUser?.fullName ?? "",
            link: .courseStep(.value(outline.course.slug), .value(step?.key ?? "")))
        return req.redirect(to: .cohort(.value(try cohort.requireID())), notice: req.t("Your comment is posted."))
    }

    /// The facilitator gives the attempt a learner asked for; once (a second click, or a
    /// second facilitator, finds it given).
    func grantAttempt(req: Request) async throws -> Response {
        let (cohort, outline) = try await loadCohort(req)
        try await req.authorize(.grantQuizAttempt, .cohort(facilitatorID: cohort.$facilitator.id, networkID: cohort.$network.id))
        let user = try req.requireUser()
        let cohortID = try cohort.requireID()
        do {
            try await CourseLearning(db: req.db, config: req.application.config, now: req.now).grant(
                try req.uuidParameter(SiteURL.pairIDKey), cohortID: cohortID, by: try user.requireID(), giverName: user.fullName,
                courseSlug: outline.course.slug)
        } catch CourseLearning.Problem.noSuchRequest {
            return req.redirect(to: .cohort(.value(cohortID)), notice: req.t("That request is already answered."))
        } catch CourseLearning.Problem.ownRequest {
            throw Abort(.forbidden, reason: req.t("Someone else gives you another attempt."))
        }
        return req.redirect(to: .cohort(.value(cohortID)), notice: req.t("Given: they can try the quiz once more, and they are told so."))
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
        return Response(
            status: .ok, headers: headers,
            body: .init(string: try await Statements.export(outline.course, for: try await req.principal(), on: req.db)))
    }
}
