import Domain
import Foundation
import Plot

/// A course: who it is for, how long it takes, what one will be able to do, its modules
/// and steps, and where the learner stands.
enum CoursePage {
    struct Model {
        var outline: CourseOutline
        var state: LearnerState
        var cohort: (name: String, startsOn: String, endsOn: String, facilitator: String?)?
        var credentialID: UUID?
        var bestScores: [UUID: Int]
        var mayManageCohorts: Bool
        var followedCohorts: [(id: UUID, name: String)]
    }

    static func view(_ context: PageContext, _ m: Model) -> HTML {
        let course = m.outline.course
        let texts = course.texts
        let title = CourseParts.text(texts.title, context)
        let language = context.localizer.language.rawValue
        let outcomes = texts.outcomes[language] ?? texts.outcomes["en"] ?? []
        let enrolled = m.state.enrolment != nil
        let slug = course.slug
        return Layout.page(
            context, title: title.text,
            .p(.class("breadcrumb"), .a(.href(SiteURL.courses.path), .text(context.t("Courses")))),
            .h1(.attribute(named: "lang", value: title.lang), .text(title.text)),
            .if(course.status == .draft, .p(.class("badge"), .text(context.t("Draft: only authors see it")))),
            .p(.class("lead"), .text(CourseParts.text(texts.summary, context).text)),
            .dl(.class("facts"),
                .dt(.text(context.t("For"))), .dd(.text(CourseParts.text(texts.audience, context).text)),
                .dt(.text(context.t("Time"))), .dd(.text(CourseParts.duration(m.outline.minutes, context))),
                .dt(.text(context.t("Modules"))), .dd(.text(String(m.outline.sections.count)))),
            .if(!outcomes.isEmpty, .group(
                .h2(.text(context.t("What you will be able to do"))),
                .ul(.id("outcomes"), .forEach(outcomes) { .li(.text($0)) }))),
            .div(.id("course-status"), .class("panel"),
                 status(context, m, slug: slug, enrolled: enrolled)),
            .h2(.text(context.t("Contents"))),
            .ol(.id("course-modules"), .class("module-list"),
                .forEach(m.outline.sections.enumerated()) { index, section in
                    let steps = m.outline.activities(in: section)
                    let done = steps.filter { m.state.done.contains($0.id ?? UUID()) }.count
                    let sectionTitle = CourseParts.text(section.texts.title, context)
                    return .li(
                        .h3(.text(context.t("Module {number}", ["number": String(index + 1)]) + ": "),
                            .span(.attribute(named: "lang", value: sectionTitle.lang), .text(sectionTitle.text))),
                        .p(.text(CourseParts.text(section.texts.summary, context).text)),
                        .if(enrolled, .p(.class("badge module-progress"), .text(context.t("{done} of {total} steps done", ["done": String(done), "total": String(steps.count)])))),
                        .ul(.class("step-list"),
                            .forEach(steps) { step in
                                let stepTitle = CourseParts.text(step.titles, context)
                                let isDone = m.state.done.contains(step.id ?? UUID())
                                return .li(
                                    .class(isDone ? "step done" : "step"),
                                    .span(.class("step-kind"), .text(CourseParts.kind(step.kind, context) + ": ")),
                                    enrolled
                                        ? .a(.href(SiteURL.courseStep(.value(slug), .value(step.key)).path), .attribute(named: "lang", value: stepTitle.lang), .text(stepTitle.text))
                                        : .span(.attribute(named: "lang", value: stepTitle.lang), .text(stepTitle.text)),
                                    .span(.class("badge"), .text(" · " + context.localizer.tn("{count} min", "{count} min", count: step.minutes))),
                                    .if(!step.required, .span(.class("badge"), .text(" · " + context.t("optional")))),
                                    .if(isDone, .span(.class("step-done"), .text(" · " + (step.kind == .quiz
                                        ? context.t("passed, best score {score}%", ["score": String(m.bestScores[step.id ?? UUID()] ?? 0)])
                                        : context.t("done")))))
                                )
                            })
                    )
                }),
            .if(context.isSignedIn && m.outline.course.status == .published, .p(
                .a(.id("start-study-group"), .href(SiteURL.groupNew.path + "?kind=study_group&course=" + slug),
                   .text(context.t("Take it with colleagues: start a study group for this course"))))),
            .if(m.mayManageCohorts || !m.followedCohorts.isEmpty, .group(
                .h2(.text(context.t("Cohorts"))),
                .ul(.class("actions-list"),
                    .if(m.mayManageCohorts, .li(.a(.href(SiteURL.courseCohorts(.value(slug)).path), .text(context.t("Form cohorts and enrol people"))))),
                    .if(m.mayManageCohorts, .li(.a(.id("edit-course"), .href(CourseEditorController.editURL(slug, context.localizer.language.rawValue)),
                                                   .text(context.t("Edit the course"))))),
                    .forEach(m.followedCohorts) { c in
                        .li(.a(.href(SiteURL.cohort(.value(c.id)).path), .text(context.t("Follow {name}", ["name": c.name]))))
                    })
            ))
        )
    }

    private static func status(_ context: PageContext, _ m: Model, slug: String, enrolled: Bool) -> Node<HTML.BodyContext> {
        guard context.isSignedIn else {
            return .p(.a(.href(SiteURL.login.path + "?next=" + SiteURL.course(.value(slug)).path), .text(context.t("Log in to enrol"))))
        }
        guard enrolled else {
            return .form(.id("enrol-form"), .method(.post), .action(SiteURL.courseEnrol(.value(slug)).path),
                         Components.csrfField(context),
                         .p(.text(context.t("Enrol to take the course. You can stop at any time and pick up where you left off."))),
                         Components.submit(context.t("Enrol")))
        }
        let progress = m.state.progress
        return .group(
            .unwrap(m.cohort) { c in
                .p(.id("cohort-info"), .text(context.t("You take this course with the cohort “{name}” ({from} – {to}).",
                                                        ["name": c.name, "from": c.startsOn, "to": c.endsOn])
                    + (c.facilitator.map { " " + context.t("Facilitator: {name}.", ["name": $0]) } ?? "")))
            },
            CourseParts.progressBar(id: "progress", done: progress.done, total: progress.total, label: context.t("Your progress"), context),
            .if(m.state.enrolment?.completedAt != nil,
                .group(
                    .p(.class("notice-success"), .text(context.t("You have completed this course."))),
                    .unwrap(m.credentialID) { _ in
                        .p(.a(.class("button-primary"), .href(SiteURL.courseCertificate(.value(slug)).path), .text(context.t("Your certificate"))))
                    }),
                else: .p(.a(.id("continue"), .class("button-primary"), .href(SiteURL.courseContinue(.value(slug)).path),
                            .text(progress.done == 0 ? context.t("Start the course") : context.t("Continue where you left off")))))
        )
    }
}
