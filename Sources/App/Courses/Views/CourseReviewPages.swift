import Domain
import Foundation
import Plot

/// Courses offered elsewhere: the comparison table and the review form.
enum CourseReviewPages {
    static func formName(_ form: CourseReview.Form, _ context: PageContext) -> String {
        switch form {
        case .mentoring: context.t("Mentoring")
        case .coaching: context.t("Coaching")
        case .peerObservation: context.t("Peer observation")
        case .studyGroups: context.t("Study groups")
        case .supervision: context.t("Supervision")
        case .intervision: context.t("Intervision")
        case .consultation: context.t("Ask a colleague")
        }
    }

    static func list(_ context: PageContext, reviews: [CourseReview], form: CourseReview.Form?, mayWrite: Bool) -> HTML {
        Layout.page(
            context, title: context.t("Courses elsewhere"),
            .p(.class("breadcrumb"), .a(.href(SiteURL.courses.path), .text(context.t("Courses")))),
            .h1(.text(context.t("Courses elsewhere"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "Courses on collegial support offered by universities, agencies and others, each reviewed by a coordinator of the network: for whom, how long, which forms of support, how it is taught, what it does well and what it leaves out."
                    ))),
            .nav(
                .attribute(named: "aria-label", value: context.t("Show courses covering")),
                .p(
                    .text(context.t("Show courses covering") + ": "),
                    form == nil ? .strong(.text(context.t("any form") + " ")) : .a(.href(SiteURL.courseReviews.path), .text(context.t("any form") + " ")),
                    .forEach(CourseReview.Form.allCases) { f in
                        f == form
                            ? .strong(.text(formName(f, context) + " "))
                            : .a(.href(SiteURL.courseReviews.path(["form": f.rawValue])), .text(formName(f, context) + " "))
                    })),
            .if(reviews.isEmpty, .p(.text(context.t("No course is recorded here yet.")))),
            .if(
                !reviews.isEmpty,
                .div(
                    .class("table-scroll"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"),
                    .attribute(named: "aria-label", value: context.t("Courses elsewhere")),
                    .table(
                        .id("course-reviews"), .class("data-table"),
                        .thead(
                            .tr(
                                .th(.text(context.t("Course"))), .th(.text(context.t("For whom"))), .th(.text(context.t("Length"))),
                                .th(.text(context.t("Forms of support"))), .th(.text(context.t("Methods"))), .th(.text(context.t("Strengths"))),
                                .th(.text(context.t("Gaps"))))),
                        .tbody(.forEach(reviews) { row($0, context, mayWrite: mayWrite) })))),
            .if(mayWrite, .p(.a(.id("new-review"), .class("button-primary"), .href(SiteURL.courseReviewNew.path), .text(context.t("Review a course")))))
        )
    }

    static func row(_ r: CourseReview, _ context: PageContext, mayWrite: Bool) -> Node<HTML.TableContext> {
        let hours = r.hours > 0 ? context.localizer.tn("{count} hour", "{count} hours", count: r.hours) : ""
        let length = hours + (r.length.isEmpty ? "" : (hours.isEmpty ? "" : "; ") + r.length)
        let forms = CourseReview.Form.allCases.filter { r.forms.contains($0) }
        let titleCell: Node<HTML.TableRowContext> = .td(
            .strong(.text(r.title)), .br(), .text(r.provider), .if(!r.languages.isEmpty, .text(" · " + r.languages)),
            .if(!r.url.isEmpty, .group(.br(), .a(.href(r.url), .text(context.t("Website"))))),
            .if(
                mayWrite,
                .group(
                    .br(),
                    .a(
                        .href(SiteURL.courseReview(.value(r.id ?? UUID())).path),
                        .attribute(named: "aria-label", value: context.t("Edit the review of “{title}”", ["title": r.title])),
                        .text(context.t("Edit"))))))
        return .tr(
            titleCell,
            .td(.text(r.audience)),
            .td(.text(length)),
            .td(.ul(.class("plain-list"), .forEach(forms) { .li(.text(formName($0, context))) })),
            .td(.class("prewrap"), .text(r.methods)), .td(.class("prewrap"), .text(r.strengths)), .td(.class("prewrap"), .text(r.gaps)))
    }

    struct Model {
        var review = CourseReview()
        var hoursText = ""
        var errors: [String: String] = [:]
    }

    static func form(_ context: PageContext, _ m: Model) -> HTML {
        let r = m.review, e = m.errors
        let isNew = r.id == nil
        func value(_ text: String?) -> String { text ?? "" }
        return Layout.page(
            context, title: isNew ? context.t("Review a course") : context.t("Edit the review of “{title}”", ["title": r.title]),
            .p(.class("breadcrumb"), .a(.href(SiteURL.courseReviews.path), .text(context.t("Courses elsewhere")))),
            .h1(.text(isNew ? context.t("Review a course") : context.t("Edit the review of “{title}”", ["title": r.title]))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("review-form"), .class("stack"), .method(.post),
                .action(isNew ? SiteURL.courseReviews.path : SiteURL.courseReview(.value(r.id ?? UUID())).path),
                Components.csrfField(context),
                Components.field(
                    .init(id: "title", label: context.t("Course title"), value: isNew && e.isEmpty ? "" : value(r.$title.value), error: e["title"])),
                Components.field(.init(id: "provider", label: context.t("Offered by"), value: value(r.$provider.value), error: e["provider"])),
                Components.field(.init(id: "url", label: context.t("Website"), type: .url, value: value(r.$url.value), required: false, error: e["url"])),
                Components.field(.init(id: "languages", label: context.t("Languages it is taught in"), value: value(r.$languages.value), required: false)),
                Components.textArea(
                    id: "audience", label: context.t("For whom"), hint: nil, value: value(r.$audience.value), rows: 2, error: nil, language: nil),
                Components.field(
                    .init(id: "hours", label: context.t("Length in hours"), type: .number, value: m.hoursText, required: false, error: e["hours"])),
                Components.field(
                    .init(
                        id: "length", label: context.t("How the time is spread"), value: value(r.$length.value), required: false,
                        hint: context.t("For example: six evenings over a term, with a practice task between them."))),
                .fieldset(
                    .class("question"), .element(named: "legend", text: context.t("Forms of support it covers")),
                    .div(
                        .class("choices"),
                        .forEach(CourseReview.Form.allCases) { f in
                            .label(
                                .input(
                                    .type(.checkbox), .name("forms"), .value(f.rawValue),
                                    .attribute(named: "checked", value: (r.$formsText.value.map { _ in r.forms.contains(f) } ?? false) ? "checked" : nil)),
                                .text(" " + formName(f, context)))
                        })),
                Components.textArea(
                    id: "methods", label: context.t("Methods"),
                    hint: context.t("How it is taught: lectures, practice between sessions, observation, supervision of practice…"),
                    value: value(r.$methods.value), rows: 3, error: nil, language: nil),
                Components.textArea(
                    id: "strengths", label: context.t("Strengths"), hint: nil, value: value(r.$strengths.value), rows: 3, error: nil, language: nil),
                Components.textArea(
                    id: "gaps", label: context.t("Gaps"), hint: context.t("What it leaves out that a school introducing collegial support would need."),
                    value: value(r.$gaps.value), rows: 3, error: nil, language: nil),
                Components.submit(context.t("Save the review"))
            )
        )
    }
}
