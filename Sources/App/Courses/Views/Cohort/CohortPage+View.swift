import Domain
import Foundation
import Plot

extension CohortPage {
    static func view(_ context: PageContext, _ m: Model) -> HTML {
        Layout.page(
            context, title: m.cohort.name,
            .p(
                .class("breadcrumb"), .a(.href(SiteURL.courses.path), .text(context.t("Courses"))), .text(" › "),
                .a(.href(SiteURL.course(.value(m.courseSlug)).path), .text(m.courseTitle))),
            .h1(.text(m.cohort.name)),
            .p(
                .class("lead"),
                .text(
                    m.cohort.startsOn + " – " + m.cohort.endsOn
                        + (m.cohort.facilitator.map { " · " + context.t("Facilitator: {name}.", ["name": $0.fullName]) } ?? ""))),
            attemptRequests(context, m),
            .h2(.text(context.t("Progress"))),
            .if(m.learners.isEmpty, .p(.text(context.t("Nobody is enrolled in this cohort yet.")))),
            .if(
                !m.learners.isEmpty,
                .div(
                    .class("table-scroll"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"),
                    .attribute(named: "aria-label", value: context.t("Progress")),
                    .table(
                        .id("cohort-progress"), .class("data-table"),
                        .thead(
                            .tr(
                                .th(.text(context.t("Learner"))),
                                .forEach(m.sectionTitles.indices) { i in
                                    .th(.attribute(named: "title", value: m.sectionTitles[i]), .text(context.t("Module {number}", ["number": String(i + 1)])))
                                },
                                .th(.text(context.t("Overall"))), .th(.text(context.t("Completed"))))),
                        .tbody(
                            .forEach(m.learners) { l in
                                .tr(
                                    .td(.text(l.name)), .forEach(l.sections) { .td(.text("\($0)%")) }, .td(.text("\(l.percent)%")),
                                    .td(.text(l.completed.map { context.localizer.date($0) } ?? "—")))
                            })))),
            .h2(.text(context.t("Quiz questions: how many got each right at the first attempt"))),
            .p(
                .text(
                    context.t(
                        "A low share points to a question the lessons do not prepare well, or one that is worded unclearly. Figures count first attempts in whole groups of {count}, the earliest first, and are rounded, so that nobody's answers can be told apart, not even by watching who has just finished a quiz.",
                        ["count": String(minimumAttempts)]))),
            // Folded, one summary per quiz title: the page stays readable on a phone (issue 18).
            .details(
                .id("item-difficulty"),
                .summary(.text(context.localizer.tn("{count} quiz", "{count} quizzes", count: m.quizzes.count))),
                .forEach(m.quizzes) { q in
                    quizSection(context, q)
                }),
            .h2(.id("shared-reflections-title"), .text(context.t("Shared reflections"))),
            .if(
                m.reflections.isEmpty,
                .p(
                    .text(
                        context.t(
                            "No reflection has been shared with the cohort yet, or you are not one of its members: reflections are shared with the cohort's learners and its facilitator only."
                        )))),
            .div(
                .id("cohort-reflections"),
                .forEach(m.reflections) { item in
                    .article(
                        .class("peer-reflection panel"),
                        .h3(.text(item.author + " · " + item.task)),
                        .p(.class("prewrap"), .text(item.body)),
                        .if(
                            !item.comments.isEmpty,
                            .ul(
                                .class("comments"),
                                .forEach(item.comments) { c in
                                    .li(.strong(.text((c.author ?? context.t("A former member")) + ": ")), .span(.class("prewrap"), .text(c.body)))
                                })),
                        .form(
                            .class("stack comment-form"), .method(.post),
                            .action(SiteURL.cohortReflectionComments(.value(m.cohort.id ?? UUID()), .value(item.id)).path),
                            Components.csrfField(context),
                            Components.textArea(
                                id: "comment-" + item.id.uuidString.lowercased(), label: context.t("Comment for {name}", ["name": item.author]),
                                hint: nil, value: "", rows: 3, error: m.commentErrors[item.id], language: nil, name: "body"),
                            .button(.type(.submit), .class("button-secondary"), .text(context.t("Comment"))))
                    )
                }),
            .unwrap(m.evaluation) { e in
                .group(
                    .h2(.text(context.t("Course evaluation"))),
                    .p(
                        .id("evaluation-note"),
                        .text(
                            context.t(
                                "Learners answer the evaluation anonymously, for the course as a whole rather than for this cohort. Its figures are shown once the evaluation survey has closed."
                            ))),
                    .unwrap(e.reportURL) { .p(.a(.href($0), .text(context.t("The evaluation report")))) }
                )
            }
        )
    }

    /// Learners who used up a quiz's attempts and asked for one more: only those who asked
    /// (who failed is not otherwise shown), with the button that gives it.
    static func attemptRequests(_ context: PageContext, _ m: Model) -> Node<HTML.BodyContext> {
        .if(
            !m.attemptRequests.isEmpty,
            .section(
                .id("attempt-requests"), .class("panel"), .attribute(named: "aria-labelledby", value: "attempt-requests-heading"),
                .h2(.id("attempt-requests-heading"), .text(context.t("Asking for another attempt"))),
                .p(
                    .class("hint"),
                    .text(context.t("They have used every attempt at a quiz without passing. A word with them first can help more than a new try."))),
                .ul(
                    .class("card-list"),
                    .forEach(m.attemptRequests) { r in
                        .li(
                            .class("attempt-request"),
                            .p(
                                .text(
                                    context.t(
                                        "{name}: “{quiz}”, asked on {date}", ["name": r.learner, "quiz": r.quiz, "date": context.localizer.date(r.asked)]))),
                            .form(
                                .class("inline-form"), .method(.post), .action(SiteURL.cohortAttemptGrant(.value(m.cohort.id ?? UUID()), .value(r.id)).path),
                                Components.csrfField(context),
                                .button(.type(.submit), .class("button-secondary"), .text(context.t("Give one more attempt to {name}", ["name": r.learner])))))
                    })))
    }

    /// How hard each question of one quiz was, at the first attempt.
    static func quizSection<Context: HTML.BodyContext>(_ context: PageContext, _ q: Quiz) -> Node<Context> {
        .section(
            .class("panel"),
            .h3(.text(q.title)),
            .p(
                .class("badge"),
                .text(
                    q.attempts >= minimumAttempts
                        ? context.t("Enough first attempts to show, rounded to tens of percent.")
                        : context.t("Fewer than {count} first attempts so far.", ["count": String(minimumAttempts)]))),
            .table(
                .class("data-table item-difficulty"),
                .thead(.tr(.th(.text(context.t("Question"))), .th(.text(context.t("Right at the first attempt"))))),
                .tbody(
                    .forEach(q.items) { item in
                        .tr(.td(.text(item.text)), .td(.text(item.percent.map { "\($0)%" } ?? context.t("too few attempts to show"))))
                    }))
        )
    }
}
