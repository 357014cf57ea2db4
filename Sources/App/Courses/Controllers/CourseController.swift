import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Taking a course: the catalogue, a course's page, enrolling, sharing one's progress and
/// the certificate. Its steps are `CourseStepController`'s.
struct CourseController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.courses.pathComponents, use: catalogue)
        routes.get(SiteURL.courseImage(.key).pathComponents, use: image)
        routes.get(SiteURL.course(.key).pathComponents, use: show)
        routes.post(SiteURL.courseEnrol(.key).pathComponents, use: enrol)
        routes.get(SiteURL.courseContinue(.key).pathComponents, use: resume)
        routes.get(SiteURL.courseCertificate(.key).pathComponents, use: certificate)
        routes.post(SiteURL.courseComplete(.key).pathComponents, use: complete)
        routes.post(SiteURL.courseProgressSharing(.key).pathComponents, use: shareProgress)
    }

    /// The learner shows (or stops showing) their progress to their study groups.
    func shareProgress(req: Request) async throws -> Response {
        let (_, _, enrolment) = try await req.learnerInPath()
        let form = (try? req.content.decode(CourseForms.Sharing.self)) ?? CourseForms.Sharing()
        enrolment.progressShared = form.shared == "yes"
        try await enrolment.save(on: req.db)
        let response = req.redirect(to: ReturnPath.safe(form.return_to), redirectType: .normal)
        response.setNotice(
            enrolment.progressShared
                ? req.t("Your study groups now see how far you have got in the course.")
                : req.t("Your study groups no longer see your progress in the course."), for: req)
        return response
    }

    // MARK: the catalogue and a course

    func catalogue(req: Request) async throws -> Response {
        let principal = try await req.principal()
        let courses = try await Course.query(on: req.db).sort(\.$slug).all()
            .filter { Policy.allows(principal, .view, .course(published: $0.status == .published)) }
        let items = try await CourseCatalogue.entries(courses, userID: principal?.userID, on: req.db).map { entry -> CourseCataloguePage.Item in
            let texts = entry.course.texts
            return .init(
                slug: entry.course.slug, title: texts.title, summary: texts.summary, audience: texts.audience,
                minutes: entry.minutes, modules: entry.modules, draft: entry.course.status == .draft,
                percent: entry.enrolment.map { _ in entry.progress.percent }, completed: entry.enrolment?.completedAt != nil)
        }
        return req.render(
            CourseCataloguePage.view(
                req.pageContext(), items: items,
                mayAuthor: Policy.allows(principal, .authorCourse, .course(published: false))))
    }

    /// The shipped images lessons use (SVG only; names are checked, nothing else is served).
    func image(req: Request) async throws -> Response {
        let name = req.parameters.get(SiteURL.slugKey) ?? ""
        guard name.range(of: #"^[a-z0-9-]+\.svg$"#, options: .regularExpression) != nil else { throw Abort(.notFound) }
        // Each shipped course keeps its images in `Resources/Course/<slug>/images/`.
        let root = CourseLibrary.shippedDirectory(req.application)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root))?.sorted() ?? []
        guard let data = folders.lazy.compactMap({ FileManager.default.contents(atPath: root + $0 + "/images/" + name) }).first else {
            throw Abort(.notFound)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "image/svg+xml")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    func show(req: Request) async throws -> Response {
        let model = try await CoursePage.Model.load(try await req.courseInPath(), principal: try await req.principal(), on: req.db)
        return req.render(CoursePage.view(req.pageContext(), model))
    }

    /// Everything required done, but not completed: the authors took out or made optional the
    /// steps that were missing. The course page offers to complete it; a page view never
    /// writes (issue 16: it used to complete the course and issue the certificate on a GET).
    func complete(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (outline, state, enrolment) = try await req.learnerInPath()
        let slug = outline.course.slug
        guard enrolment.completedAt == nil else { return req.redirect(to: .courseCertificate(.value(slug))) }
        guard state.progress.complete else { return req.redirect(to: .course(.value(slug))) }
        guard try await req.completeCourseIfDone(enrolment, outline: outline, user: user) != nil else {
            return req.redirect(to: .course(.value(slug)), notice: req.t("You have completed this course."))
        }
        return req.redirect(to: .courseCertificate(.value(slug)), notice: req.t("You have completed the course. Your certificate is ready."))
    }

    func enrol(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let outline = try await req.courseInPath()
        try await req.authorize(.takeCourse, .course(published: outline.course.status == .published))
        let learning = CourseLearning(db: req.db, config: req.application.config, now: req.now)
        try await learning.enrol(outline.course, userID: user.requireID())
        try await Statements.record(.registered, user: user, course: outline.course, activity: nil, on: req)
        return req.redirect(to: .course(.value(outline.course.slug)), notice: req.t("You are enrolled. Start whenever you are ready."))
    }

    func resume(req: Request) async throws -> Response {
        let (outline, state, _) = try await req.learnerInPath()
        let next = state.progress.next.flatMap { id in outline.activities.first { $0.id == id } } ?? outline.activities.first
        guard let next else { return req.redirect(to: .course(.value(outline.course.slug))) }
        return req.redirect(to: .courseStep(.value(outline.course.slug), .value(next.key)))
    }

    // MARK: steps

    func certificate(req: Request) async throws -> Response {
        let (outline, _, enrolment) = try await req.learnerInPath()
        guard
            let credential = try await CourseCredential.query(on: req.db).filter(\.$course.$id == outline.course.requireID())
                .filter(\.$user.$id == enrolment.$user.id).filter(\.$revokedAt == nil).first()
        else {
            return req.redirect(
                to: .course(.value(outline.course.slug)), notice: req.t("The certificate is issued when you have finished every required step."))
        }
        let texts = outline.course.texts
        let outcomes = texts.outcomes[credential.language] ?? texts.outcomes["en"] ?? []
        var evaluation: (url: String, answered: Bool)?
        if let surveyID = outline.course.$evaluationSurvey.id {
            evaluation = try await SurveysForCourses.openEvaluation(surveyID: surveyID, userID: enrolment.$user.id, on: req.db)
        }
        return req.render(
            CertificatePage.view(
                req.pageContext(), credential: credential, outcomes: outcomes,
                verifyURL: SiteURL.credential(.value(credential.id ?? UUID())).absolute(req.application.config),
                evaluation: evaluation, logo: try await NetworkLogos.path(network: credential.issuingNetworkID, on: req.db)))
    }
}
