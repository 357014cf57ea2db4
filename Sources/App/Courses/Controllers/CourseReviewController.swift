import Domain
import Fluent
import Foundation
import Vapor

/// Courses on collegial support offered elsewhere: coordinators record each with a
/// structured review; anyone signed in compares them side by side, by form of support.
struct CourseReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.courseReviews.pathComponents, use: list)
        routes.get(SiteURL.courseReviewNew.pathComponents, use: new)
        routes.post(SiteURL.courseReviews.pathComponents, use: create)
        routes.get(SiteURL.courseReview(.key).pathComponents, use: edit)
        routes.post(SiteURL.courseReview(.key).pathComponents, use: update)
    }

    func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        try await req.authorize(.view, .courseReviews)
        let form = req.query[String.self, at: "form"].flatMap(CourseReview.Form.init(rawValue:))
        let reviews = Collation(req.localizer.language).sorted(try await CourseReview.query(on: req.db).all(), by: \.title)
            .filter { form == nil || $0.forms.contains(form!) }
        let principal = try await req.principal()
        return req.render(
            CourseReviewPages.list(
                req.pageContext(), reviews: reviews, form: form,
                mayWrite: Policy.allows(principal, .authorCourse, .courseReviews)))
    }

    func new(req: Request) async throws -> Response {
        _ = try req.requireUser()
        try await req.authorize(.authorCourse, .courseReviews)
        return req.render(CourseReviewPages.form(req.pageContext(), .init()))
    }

    struct ReviewForm: Content {
        var title: String?, provider: String?, url: String?, languages: String?, audience: String?, hours: String?, length: String?
        var methods: String?, strengths: String?, gaps: String?
    }

    /// Checks the form and copies it into `review`; returns the problems by field.
    static func apply(_ req: Request, to review: CourseReview) throws -> (CourseReviewPages.Model, ok: Bool) {
        let form = (try? req.content.decode(ReviewForm.self)) ?? ReviewForm()
        let forms = req.formFields()["forms"] ?? []
        func text(_ value: String?, _ limit: Int) -> String { String((value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(limit)) }
        var errors: [String: String] = [:]
        let title = text(form.title, 300), provider = text(form.provider, 300), url = text(form.url, 500)
        if title.isEmpty { errors["title"] = req.t("Enter the course's title.") }
        if provider.isEmpty { errors["provider"] = req.t("Enter who offers it.") }
        if !url.isEmpty && !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            errors["url"] = req.t("Enter a web address starting with https://, or leave it empty.")
        }
        let hoursText = text(form.hours, 10)
        let hours = hoursText.isEmpty ? 0 : Int(hoursText)
        if hours == nil || !(0...2000).contains(hours ?? 0) { errors["hours"] = req.t("Enter the hours as a whole number, or leave it empty.") }
        review.title = title
        review.provider = provider
        review.url = url
        review.languages = text(form.languages, 100)
        review.audience = text(form.audience, 2000)
        review.hours = hours ?? 0
        review.length = text(form.length, 300)
        review.formsText = forms.compactMap(CourseReview.Form.init(rawValue:)).map(\.rawValue).joined(separator: ",")
        review.methods = text(form.methods, 4000)
        review.strengths = text(form.strengths, 4000)
        review.gaps = text(form.gaps, 4000)
        return (CourseReviewPages.Model(review: review, hoursText: hoursText, errors: errors), errors.isEmpty)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.authorize(.authorCourse, .courseReviews)
        let review = CourseReview()
        let (model, ok) = try Self.apply(req, to: review)
        guard ok else { return req.render(CourseReviewPages.form(req.pageContext(), model), status: .unprocessableEntity) }
        review.$reviewer.id = try user.requireID()
        try await review.save(on: req.db)
        return req.redirect(to: .courseReviews, notice: req.t("The review of “{title}” is saved.", ["title": review.title]))
    }

    func load(_ req: Request) async throws -> CourseReview {
        _ = try req.requireUser()
        try await req.authorize(.authorCourse, .courseReviews)
        guard let review = try await CourseReview.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        return review
    }

    func edit(req: Request) async throws -> Response {
        let review = try await load(req)
        return req.render(CourseReviewPages.form(req.pageContext(), .init(review: review, hoursText: review.hours == 0 ? "" : String(review.hours))))
    }

    func update(req: Request) async throws -> Response {
        let review = try await load(req)
        let (model, ok) = try Self.apply(req, to: review)
        guard ok else { return req.render(CourseReviewPages.form(req.pageContext(), model), status: .unprocessableEntity) }
        try await review.save(on: req.db)
        return req.redirect(to: .courseReviews, notice: req.t("The review of “{title}” is saved.", ["title": review.title]))
    }
}
