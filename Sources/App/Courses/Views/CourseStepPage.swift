import Domain
import Foundation
import Plot

/// One step of a course: a lesson to read, a quiz to take, or a reflection task to
/// answer, with the course's progress and the way to the steps before and after.
enum CourseStepPage {
    struct Peer {
        var id: UUID
        var author: String
        var body: String
        var comments: [(author: String, body: String)]
    }

    struct Model {
        var outline: CourseOutline
        var state: LearnerState
        var step: CourseActivity
        // Quiz
        var attempts: [QuizAttempt] = []
        /// The attempt to show the result of (just submitted).
        var shownAttempt: QuizAttempt?
        var unanswered: Set<String> = []
        var chosen: [String: Set<String>] = [:]
        // Reflection
        var reflection: CourseReflection?
        var draft: String?
        var inCohort = false
        var peers: [Peer] = []
        /// Comments on the learner's own shared reflection.
        var ownComments: [(author: String, body: String)] = []
        var error: String?
        var commentErrors: [UUID: String] = [:]
        var commentDraft: [UUID: String] = [:]
        /// The "share" box as sent, after a problem.
        var sharedDraft: Bool?
    }

    static func view(_ context: PageContext, _ m: Model) -> HTML {
        let slug = m.outline.course.slug
        let step = m.step
        let stepTitle = CourseParts.text(step.titles, context)
        let courseTitle = CourseParts.text(m.outline.course.texts.title, context)
        let sectionIndex = m.outline.sections.firstIndex { $0.id == step.$section.id } ?? 0
        let section = m.outline.sections[sectionIndex]
        let neighbours = m.outline.neighbours(of: step)
        let done = m.state.done.contains(step.id ?? UUID())
        return Layout.page(
            context, title: stepTitle.text + " · " + courseTitle.text,
            .p(
                .class("breadcrumb"), .a(.href(SiteURL.courses.path), .text(context.t("Courses"))), .text(" › "),
                .a(.href(SiteURL.course(.value(slug)).path), .attribute(named: "lang", value: courseTitle.lang), .text(courseTitle.text))),
            .p(
                .class("step-context"),
                .text(
                    context.t("Module {number}", ["number": String(sectionIndex + 1)]) + ": "
                        + CourseParts.text(section.texts.title, context).text + " · " + CourseParts.kind(step.kind, context))),
            .h1(.attribute(named: "lang", value: stepTitle.lang), .text(stepTitle.text)),
            CourseParts.progressBar(id: "progress", done: m.state.progress.done, total: m.state.progress.total, label: context.t("Your progress"), context),
            body(context, m, slug: slug, done: done, next: neighbours.next),
            .nav(
                .class("chapter-pager"), .attribute(named: "aria-label", value: context.t("Steps")),
                .unwrap(neighbours.previous) { p in
                    .a(
                        .class("pager-previous"), .href(SiteURL.courseStep(.value(slug), .value(p.key)).path), .attribute(named: "rel", value: "prev"),
                        .span(.class("pager-label"), .text(context.t("Previous step"))), .text(" "), .span(.text(CourseParts.text(p.titles, context).text)))
                },
                .unwrap(neighbours.next) { n in
                    .a(
                        .class("pager-next"), .href(SiteURL.courseStep(.value(slug), .value(n.key)).path), .attribute(named: "rel", value: "next"),
                        .span(.class("pager-label"), .text(context.t("Next step"))), .text(" "), .span(.text(CourseParts.text(n.titles, context).text)))
                }
            )
        )
    }

    private static func body(_ context: PageContext, _ m: Model, slug: String, done: Bool, next: CourseActivity?) -> Node<HTML.BodyContext> {
        switch m.step.kind {
        case .lesson: lesson(context, m, slug: slug, done: done, next: next)
        case .quiz: quiz(context, m, slug: slug)
        case .reflection: reflection(context, m, slug: slug)
        }
    }

    private static func lesson(_ context: PageContext, _ m: Model, slug: String, done: Bool, next: CourseActivity?) -> Node<HTML.BodyContext> {
        let text = CourseParts.text(m.step.bodies, context)
        return .group(
            .article(.class("prose lesson"), .attribute(named: "lang", value: text.lang), .raw(Markdown.render(text.text).html)),
            done
                ? .p(.class("status"), .text(context.t("You have read this lesson.")))
                : .form(
                    .id("done-form"), .method(.post), .action(SiteURL.courseStepDone(.value(slug), .value(m.step.key)).path),
                    Components.csrfField(context),
                    Components.submit(next == nil ? context.t("Mark as read") : context.t("Mark as read and continue")))
        )
    }

    private static func quiz(_ context: PageContext, _ m: Model, slug: String) -> Node<HTML.BodyContext> {
        guard let quiz = m.step.quiz else { return .p(.text(context.t("This quiz has no questions."))) }
        let used = m.attempts.count
        let best = m.attempts.map(\.score).max()
        let passed = m.attempts.contains(where: \.passed)
        let left = max(quiz.attempts - used, 0)
        return .group(
            .p(
                .id("quiz-rules"),
                .text(
                    context.t(
                        "To pass, answer at least {percent}% of the questions right. You have {attempts} attempts; your best score counts.",
                        ["percent": String(quiz.passPercent), "attempts": String(quiz.attempts)]))),
            .if(
                used > 0,
                .p(
                    .id("quiz-standing"),
                    .text(
                        context.t("Attempts used: {used} of {total}.", ["used": String(used), "total": String(quiz.attempts)]) + " "
                            + context.t("Best score: {score}%.", ["score": String(best ?? 0)]) + " "
                            + (passed ? context.t("You have passed.") : "")))),
            .unwrap(m.shownAttempt) { attempt in result(context, quiz, attempt, left: left, slug: slug, key: m.step.key) },
            .if(
                !m.unanswered.isEmpty,
                .div(
                    .id("form-errors"), .class("error-summary"), .attribute(named: "role", value: "alert"),
                    .p(
                        .text(
                            context.localizer.tn(
                                "{count} question has no answer yet. Every question needs one.",
                                "{count} questions have no answer yet. Every question needs one.", count: m.unanswered.count))))),
            left == 0
                ? .p(
                    .id("no-attempts"), .class("status"),
                    .text(
                        passed
                            ? context.t("You have used all your attempts. Your best score is kept.")
                            : context.t(
                                "You have used all your attempts without passing. Ask your facilitator or coordinator: they can talk it through with you.")))
                : .if(m.shownAttempt == nil || !m.unanswered.isEmpty, form(context, quiz, m, slug: slug, number: used + 1))
        )
    }

    private static func form(_ context: PageContext, _ quiz: QuizDefinition, _ m: Model, slug: String, number: Int) -> Node<HTML.BodyContext> {
        .form(
            .id("quiz-form"), .class("stack"), .method(.post), .action(SiteURL.courseQuizAttempts(.value(slug), .value(m.step.key)).path),
            Components.csrfField(context),
            // The attempt's number: sending the same form twice records it once.
            .input(.type(.hidden), .name("attempt"), .value(String(number))),
            .forEach(quiz.questions.enumerated()) { index, q in
                let missing = m.unanswered.contains(q.key)
                let text = CourseParts.text(q.text, context)
                return .fieldset(
                    .id("q-" + q.key), .class(missing ? "question field-invalid" : "question"),
                    .element(
                        named: "legend",
                        nodes: [
                            .attribute(named: "lang", value: text.lang),
                            .text(String(index + 1) + ". " + text.text),
                        ]),
                    .if(q.kind == .multiple, .p(.class("hint"), .text(context.t("Choose every answer that fits.")))),
                    .if(missing, .p(.class("field-error"), .text(context.t("Choose an answer.")))),
                    .div(
                        .class("choices"),
                        .forEach(q.options) { o in
                            let chosen = m.chosen[q.key]?.contains(o.key) ?? false
                            return .label(
                                .input(
                                    .type(q.kind == .single ? .radio : .checkbox), .name("q_" + q.key), .value(o.key),
                                    .attribute(named: "checked", value: chosen ? "checked" : nil)),
                                .text(CourseParts.text(o.text, context).text))
                        })
                )
            },
            Components.submit(context.t("Check my answers"))
        )
    }

    private static func result(_ context: PageContext, _ quiz: QuizDefinition, _ attempt: QuizAttempt, left: Int, slug: String, key: String) -> Node<
        HTML.BodyContext
    > {
        guard let result = attempt.result else { return .empty }
        return .section(
            .id("quiz-result"), .class(result.passed ? "panel result-passed" : "panel result-failed"),
            .attribute(named: "aria-labelledby", value: "quiz-result-title"),
            .h2(
                .id("quiz-result-title"),
                .text(
                    result.passed
                        ? context.t("Passed: {score}%", ["score": String(result.score)])
                        : context.t("Not passed yet: {score}%", ["score": String(result.score)]))),
            .p(
                .text(
                    result.passed
                        ? context.t("Well done. Read the feedback below: it says why each answer fits or does not.")
                        : left > 0
                            ? context.localizer.tn(
                                "Read the feedback below, then try again. You have {count} attempt left.",
                                "Read the feedback below, then try again. You have {count} attempts left.", count: left)
                            : context.t("Read the feedback below."))),
            .ol(
                .class("feedback-list"),
                .forEach(quiz.questions) { q in
                    let outcome = result.outcomes.first { $0.question == q.key }
                    return .li(
                        .p(.strong(.text(CourseParts.text(q.text, context).text))),
                        .p(
                            .class(outcome?.correct == true ? "answer-right" : "answer-wrong"),
                            .text(outcome?.correct == true ? context.t("Right.") : context.t("Not quite."))),
                        .ul(
                            .forEach(q.options.filter { outcome?.chosen.contains($0.key) ?? false }) { o in
                                .li(
                                    .text(
                                        context.t("You chose: {answer}", ["answer": CourseParts.text(o.text, context).text]) + " — "
                                            + CourseParts.text(o.feedback, context).text))
                            })
                    )
                }),
            .if(
                !result.passed && left > 0,
                .p(
                    .a(
                        .id("try-again"), .class("button-primary"),
                        .href(SiteURL.courseStep(.value(slug), .value(key)).path(["again": "1"])), .text(context.t("Try again")))))
        )
    }

    private static func reflection(_ context: PageContext, _ m: Model, slug: String) -> Node<HTML.BodyContext> {
        let task = CourseParts.text(m.step.bodies, context)
        return .group(
            .article(.class("prose task"), .attribute(named: "lang", value: task.lang), .raw(Markdown.render(task.text).html)),
            .if(m.error != nil, .div(.id("form-errors"), .class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text(m.error ?? "")))),
            .form(
                .id("reflection-form"), .class("stack"), .method(.post), .action(SiteURL.courseReflection(.value(slug), .value(m.step.key)).path),
                Components.csrfField(context),
                Components.textArea(
                    id: "body", label: context.t("Your reflection"),
                    hint: m.inCohort
                        ? context.t("Private unless you share it. Shared reflections are read by your cohort and its facilitator, who may comment.")
                        : context.t("Only you can read it."),
                    value: m.draft ?? m.reflection?.body ?? "", rows: 12, error: m.error, language: nil),
                .if(
                    m.inCohort,
                    .div(
                        .class("field"),
                        .label(
                            .input(
                                .type(.checkbox), .id("shared"), .name("shared"), .value("yes"),
                                .attribute(named: "checked", value: (m.sharedDraft ?? m.reflection?.shared ?? false) ? "checked" : nil)),
                            .text(" " + context.t("Share with my cohort"))))),
                Components.submit(m.reflection == nil ? context.t("Save my reflection") : context.t("Save changes"))
            ),
            .if(
                !m.ownComments.isEmpty,
                .section(
                    .id("own-comments"), .attribute(named: "aria-labelledby", value: "own-comments-title"),
                    .h2(.id("own-comments-title"), .text(context.t("Comments on your reflection"))),
                    .ul(
                        .class("comments"),
                        .forEach(m.ownComments) { c in
                            .li(.strong(.text(c.author + ": ")), .span(.class("prewrap"), .text(c.body)))
                        }))),
            .if(
                m.inCohort,
                .section(
                    .id("cohort-reflections"), .attribute(named: "aria-labelledby", value: "cohort-reflections-title"),
                    .h2(.id("cohort-reflections-title"), .text(context.t("Shared in your cohort"))),
                    .if(m.peers.isEmpty, .p(.text(context.t("Nobody in your cohort has shared a reflection on this task yet.")))),
                    .forEach(m.peers) { peer in
                        .article(
                            .class("peer-reflection panel"),
                            .h3(.text(peer.author)),
                            .p(.class("prewrap"), .text(peer.body)),
                            .if(
                                !peer.comments.isEmpty,
                                .ul(
                                    .class("comments"),
                                    .forEach(peer.comments) { c in
                                        .li(.strong(.text(c.author + ": ")), .span(.class("prewrap"), .text(c.body)))
                                    })),
                            .form(
                                .class("stack comment-form"), .method(.post),
                                .action(SiteURL.courseReflectionComments(.value(slug), .value(m.step.key), .value(peer.id)).path),
                                Components.csrfField(context),
                                Components.textArea(
                                    id: "comment-" + peer.id.uuidString.lowercased(), label: context.t("Comment for {name}", ["name": peer.author]),
                                    hint: nil, value: m.commentDraft[peer.id] ?? "", rows: 3, error: m.commentErrors[peer.id], language: nil, name: "body"),
                                .button(.type(.submit), .class("button-secondary"), .text(context.t("Comment"))))
                        )
                    }
                ))
        )
    }
}
