import Domain
import Foundation
import Plot

/// The catalogue: the courses one can take here, with one's progress in each.
enum CourseCataloguePage {
    struct Item {
        var slug: String
        var title: LocalizedText
        var summary: LocalizedText
        var audience: LocalizedText
        var minutes: Int
        var modules: Int
        var draft: Bool
        /// nil: not enrolled.
        var percent: Int?
        var completed: Bool
    }

    static func view(_ context: PageContext, items: [Item], mayAuthor: Bool = false) -> HTML {
        let inProgress = items.filter { $0.percent != nil && !$0.completed }
        return Layout.page(
            context, title: context.t("Courses"),
            .h1(.text(context.t("Courses"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "Professional development for the people who lead collegial support in a school: learn alone or with a cohort, at your own pace, and apply it to your own school."
                    ))),
            // What the person is learning comes first: the header's "Courses" is where they
            // look for the course they left off (issue 18, point 7).
            .if(
                !inProgress.isEmpty,
                .section(
                    .id("in-progress"), .class("panel"), .attribute(named: "aria-labelledby", value: "in-progress-heading"),
                    .h2(.id("in-progress-heading"), .text(context.t("In progress"))),
                    .ul(
                        .id("in-progress-list"),
                        .forEach(inProgress) { item in
                            let title = CourseParts.text(item.title, context)
                            return .li(
                                .a(.href(SiteURL.course(.value(item.slug)).path), .attribute(named: "lang", value: title.lang), .text(title.text)),
                                .text(" · "),
                                .span(.class("status"), .text(context.t("{percent}% done", ["percent": String(item.percent ?? 0)]))))
                        }))),
            .if(items.isEmpty, .p(.text(context.t("No course is published yet.")))),
            .if(
                context.isSignedIn,
                .p(
                    .a(
                        .id("courses-elsewhere"), .href(SiteURL.courseReviews.path),
                        .text(context.t("Courses on collegial support elsewhere, reviewed and compared"))))),
            .ul(
                .id("course-list"), .class("card-list"),
                .forEach(items) { item in
                    let title = CourseParts.text(item.title, context)
                    let summary = CourseParts.text(item.summary, context)
                    let audience = CourseParts.text(item.audience, context)
                    return .li(
                        .h2(
                            .class("card-title"),
                            .a(.href(SiteURL.course(.value(item.slug)).path), .attribute(named: "lang", value: title.lang), .text(title.text))),
                        .if(item.draft, .p(.class("badge"), .text(context.t("Draft: only authors see it")))),
                        .p(.attribute(named: "lang", value: summary.lang), .text(summary.text)),
                        .p(.class("badge"), .text(context.t("For") + ": "), .span(.attribute(named: "lang", value: audience.lang), .text(audience.text))),
                        .p(
                            .class("badge"),
                            .text(
                                CourseParts.duration(item.minutes, context) + " · "
                                    + context.localizer.tn("{count} module", "{count} modules", count: item.modules))),
                        .unwrap(item.percent) { percent in
                            .p(.class("status"), .text(item.completed ? context.t("Completed") : context.t("{percent}% done", ["percent": String(percent)])))
                        }
                    )
                }),
            .if(
                mayAuthor,
                .group(
                    .h2(.text(context.t("New course"))),
                    .form(
                        .id("new-course-form"), .class("stack"), .method(.post), .action(SiteURL.courses.path),
                        Components.csrfField(context),
                        Components.field(.init(id: "new-title", label: context.t("Title"), name: "title")),
                        Components.selectField(
                            id: "new-language", label: context.t("Language you write in"),
                            options: Domain.Language.allCases.map { ($0.rawValue, $0.nativeName) }, selected: context.localizer.language.rawValue,
                            name: "language"),
                        Components.submit(context.t("Make a draft course")))))
        )
    }
}
