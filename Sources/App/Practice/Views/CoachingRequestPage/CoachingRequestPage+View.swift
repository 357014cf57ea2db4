import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension CoachingRequestPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        let schoolNames = Dictionary(model.schools.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })
        return Layout.page(
            context, title: context.t("Ask for coaching"),
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support")))),
            .h1(.text(context.t("Ask for coaching"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "A coach helps you find your own way forward on something you want to change in your work, over a few sessions. What you say stays between you and the coach."
                    ))),
            .p(.a(.href(SiteURL.handbookChapter(.value("coaching")).path), .text(context.t("How coaching works (handbook)")))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("coaching-form"), .class("stack"), .method(.post), .action(SiteURL.coachingRequestNew.path),
                Components.csrfField(context),
                model.schools.count == 1
                    ? .input(.type(.hidden), .name("school"), .value(model.schools[0].id?.uuidString ?? ""))
                    : Components.selectField(
                        id: "school", label: context.t("School"),
                        options: model.schools.map { ($0.id?.uuidString ?? "", $0.name) }, selected: d.school, error: e["school"]),
                Components.selectField(
                    id: "coach", label: context.t("Coach"),
                    options: [("anyone", context.t("Anyone suitable with a free place"))]
                        + model.coaches.map { coach in
                            (
                                coach.userID.uuidString,
                                coach.name + " — " + coach.topics + (model.schools.count > 1 ? " (" + (schoolNames[coach.schoolID] ?? "") + ")" : "")
                                    + (coach.freePlaces == 0 ? " · " + context.t("no free place now") : "")
                            )
                        },
                    selected: d.coach, error: e["coach"]),
                Components.textArea(
                    id: "topic", label: context.t("What would you like to work on?"),
                    hint: context.t("A sentence or two is enough; you will set the goal together in the first session."),
                    value: d.topic, rows: 4, error: e["topic"], language: nil),
                Components.submit(context.t("Ask for coaching"))
            )
        )
    }
}
