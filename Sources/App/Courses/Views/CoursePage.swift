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
        let labels = Labels(context)
        return Layout.page(
            context, title: title.text,
            .p(.class("breadcrumb"), .a(.href(SiteURL.courses.path), .text(context.t("Courses")))),
            .h1(.attribute(named: "lang", value: title.lang), .text(title.text)),
            .if(course.status == .draft, .p(.class("badge"), .text(context.t("Draft: only authors see it")))),
            .p(.class("lead"), .text(CourseParts.text(texts.summary, context).text)),
            .dl(
                .class("facts"),
                .dt(.text(context.t("For"))), .dd(.text(CourseParts.text(texts.audience, context).text)),
                .dt(.text(context.t("Time needed"))), .dd(.text(CourseParts.duration(m.outline.minutes, context))),
                .dt(.text(context.t("Modules"))), .dd(.text(String(m.outline.sections.count)))),
            .if(
                !outcomes.isEmpty,
                .group(
                    .h2(.text(context.t("What you will be able to do"))),
                    .ul(.id("outcomes"), .forEach(outcomes) { .li(.text($0)) }))),
            .div(
                .id("course-status"), .class("panel"),
                status(context, m, slug: slug, enrolled: enrolled)),
            .h2(.text(context.t("Contents"))),
            .ol(
                .id("course-modules"), .class("module-list"),
                .forEach(m.outline.sections.enumerated()) { index, section in
                    let steps = m.outline.activities(in: section)
                    let done = steps.filter { m.state.done.contains($0.id ?? UUID()) }.count
                    let sectionTitle = CourseParts.text(section.texts.title, context)
                    return .li(
                        .h3(
                            .text(context.t("Module {number}", ["number": String(index + 1)]) + ": "),
                            .span(.attribute(named: "lang", value: sectionTitle.lang), .text(sectionTitle.text))),
                        .p(.text(CourseParts.text(section.texts.summary, context).text)),
                        .if(
                            enrolled,
                            .p(
                                .class("badge module-progress"),
                                .text(context.t("{done} of {total} steps done", ["done": String(done), "total": String(steps.count)])))),
                        .raw(stepList(steps, m, labels: labels, slug: slug, enrolled: enrolled))
                    )
                }),
            .if(
                context.isSignedIn && m.outline.course.status == .published,
                .p(
                    .a(
                        .id("start-study-group"), .href(SiteURL.groupNew.path(["kind": "study_group", "course": slug])),
                        .text(context.t("Take it with colleagues: start a study group for this course"))))),
            .if(
                m.mayManageCohorts || !m.followedCohorts.isEmpty,
                .group(
                    .h2(.text(context.t("Cohorts"))),
                    .ul(
                        .class("actions-list"),
                        .if(m.mayManageCohorts, .li(.a(.href(SiteURL.courseCohorts(.value(slug)).path), .text(context.t("Form cohorts and enrol people"))))),
                        .if(
                            m.mayManageCohorts,
                            .li(
                                .a(
                                    .id("edit-course"), .href(SiteURL.courseEdit(.value(slug)).path(["lang": context.localizer.language.rawValue])),
                                    .text(context.t("Edit the course"))))),
                        .forEach(m.followedCohorts) { c in
                            .li(.a(.href(SiteURL.cohort(.value(c.id)).path), .text(context.t("Follow {name}", ["name": c.name]))))
                        })
                ))
        )
    }

    private static func status(_ context: PageContext, _ m: Model, slug: String, enrolled: Bool) -> Node<HTML.BodyContext> {
        guard context.isSignedIn else {
            return .p(.a(.href(SiteURL.login.path(["next": SiteURL.course(.value(slug)).path])), .text(context.t("Log in to enrol"))))
        }
        guard enrolled else {
            return .form(
                .id("enrol-form"), .method(.post), .action(SiteURL.courseEnrol(.value(slug)).path),
                Components.csrfField(context),
                .p(.text(context.t("Enrol to take the course. You can stop at any time and pick up where you left off."))),
                Components.submit(context.t("Enrol")))
        }
        let progress = m.state.progress
        return .group(
            .unwrap(m.cohort) { c in
                .p(
                    .id("cohort-info"),
                    .text(
                        context.t(
                            "You take this course with the cohort “{name}” ({from} – {to}).",
                            ["name": c.name, "from": c.startsOn, "to": c.endsOn])
                            + (c.facilitator.map { " " + context.t("Facilitator: {name}.", ["name": $0]) } ?? "")))
            },
            CourseParts.progressBar(id: "progress", done: progress.done, total: progress.total, label: context.t("Your progress"), context),
            .if(
                m.state.enrolment?.completedAt != nil,
                .group(
                    .p(.class("notice-success"), .text(context.t("You have completed this course."))),
                    .unwrap(m.credentialID) { _ in
                        .p(.a(.class("button-primary"), .href(SiteURL.courseCertificate(.value(slug)).path), .text(context.t("Your certificate"))))
                    }),
                else: progress.complete
                    ? .form(
                        .id("complete-form"), .method(.post), .action(SiteURL.courseComplete(.value(slug)).path),
                        Components.csrfField(context),
                        .p(.text(context.t("The course has changed since you began: every step it now requires is done."))),
                        Components.submit(context.t("Complete the course")))
                    : .p(
                        .a(
                            .id("continue"), .class("button-primary"), .href(SiteURL.courseContinue(.value(slug)).path),
                            .text(progress.done == 0 ? context.t("Start the course") : context.t("Continue where you left off")))))
        )
    }

    /// Words the step list repeats, translated once per page.
    struct Labels {
        var kinds: [ActivityKind: String]
        var optional: String
        var done: String
        var passed: String
        var context: PageContext

        init(_ context: PageContext) {
            self.context = context
            kinds = Dictionary(uniqueKeysWithValues: ActivityKind.allCases.map { ($0, CourseParts.kind($0, context)) })
            optional = context.t("optional")
            done = context.t("done")
            passed = context.t("passed, best score {score}%")
        }
    }

    /// The steps of a module as one HTML string. A course page lists every step (64 in the
    /// benchmark course), and building them as Plot nodes was the largest part of the page's
    /// CPU time; the markup is the same, with every text escaped.
    static func stepList(_ steps: [CourseActivity], _ m: Model, labels: Labels, slug: String, enrolled: Bool) -> String {
        var html = "<ul class=\"step-list\">"
        var minutes: [Int: String] = [:]
        for step in steps {
            let title = CourseParts.text(step.titles, labels.context)
            let id = step.id ?? UUID()
            let isDone = m.state.done.contains(id)
            let lang = title.lang.map { " lang=\"\(escape($0))\"" } ?? ""
            html += isDone ? "<li class=\"step done\">" : "<li class=\"step\">"
            html += "<span class=\"step-kind\">" + escape((labels.kinds[step.kind] ?? "") + ": ") + "</span>"
            html +=
                enrolled
                ? "<a href=\"" + escape(SiteURL.courseStep(.value(slug), .value(step.key)).path) + "\"" + lang + ">" + escape(title.text) + "</a>"
                : "<span" + lang + ">" + escape(title.text) + "</span>"
            let time = minutes[step.minutes] ?? labels.context.localizer.tn("{count} min", "{count} min", count: step.minutes)
            minutes[step.minutes] = time
            html += "<span class=\"badge\">" + escape(" · " + time) + "</span>"
            if !step.required { html += "<span class=\"badge\">" + escape(" · " + labels.optional) + "</span>" }
            if isDone {
                let text = step.kind == .quiz ? Localizer.fill(labels.passed, ["score": String(m.bestScores[id] ?? 0)]) : labels.done
                html += "<span class=\"step-done\">" + escape(" · " + text) + "</span>"
            }
            html += "</li>"
        }
        return html + "</ul>"
    }

    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
}
