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
        /// Attempts a facilitator gave on top of the quiz's own.
        var extraAttempts = 0
        /// When the learner asked for another attempt, if not yet given.
        var openRequest: Date?
        /// The cohort's facilitator, whom a learner out of attempts asks (nil: no cohort, or
        /// a cohort without one).
        var facilitator: String?
        /// Someone can give this learner another attempt (a cohort with a facilitator, or
        /// coordinators of its network).
        var mayAsk = false
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
