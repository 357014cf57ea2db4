import Domain
import Foundation
import Plot

/// A quiz step: its rules, the learner's standing, the form of the next attempt, the result
/// of the one just made, and (out of attempts) whom to ask for another.
extension CourseStepPage {
    static func quiz(_ context: PageContext, _ m: Model, slug: String) -> Node<HTML.BodyContext> {
        guard let quiz = m.step.quiz else { return .p(.text(context.t("This quiz has no questions."))) }
        let used = m.attempts.count
        let best = m.attempts.map(\.score).max()
        let passed = m.attempts.contains(where: \.passed)
        let total = quiz.attempts + m.extraAttempts
        let left = max(total - used, 0)
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
                        context.t("Attempts used: {used} of {total}.", ["used": String(used), "total": String(total)]) + " "
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
                ? (passed
                    ? .p(.id("no-attempts"), .class("status"), .text(context.t("You have used all your attempts. Your best score is kept.")))
                    : outOfAttempts(context, m, slug: slug))
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

    /// Used up without passing: whom to ask, and the button that asks (a cohort's learner).
    private static func outOfAttempts(_ context: PageContext, _ m: Model, slug: String) -> Node<HTML.BodyContext> {
        // Who gives it: the facilitator, named; a cohort without one, its network's coordinators.
        let giver =
            m.facilitator.map {
                context.t("Your cohort's facilitator ({name}) can give you another attempt, and talk the questions through with you.", ["name": $0])
            } ?? context.t("A coordinator of your cohort's network can give you another attempt.")
        let ask: Node<HTML.BodyContext> = .group(
            .p(.text(giver)),
            .form(
                .id("ask-attempt-form"), .method(.post), .action(SiteURL.courseQuizMoreAttempts(.value(slug), .value(m.step.key)).path),
                Components.csrfField(context),
                .button(.type(.submit), .class("button-secondary"), .text(context.t("Ask for another attempt")))))
        let asked: Node<HTML.BodyContext> = .unwrap(m.openRequest) { date in
            .p(
                .id("attempt-asked"),
                .text(
                    context.t(
                        "You asked for another attempt on {date}. You will be told here and in your notifications when it is given.",
                        ["date": context.localizer.date(date)])))
        }
        return .div(
            .id("no-attempts"), .class("panel"),
            .p(.class("status"), .text(context.t("You have used all your attempts without passing."))),
            m.openRequest != nil
                ? asked
                : m.mayAsk
                    ? ask
                    : .p(
                        .text(
                            context.t(
                                "You are taking this course on your own. A coordinator of your network can add you to a cohort, whose facilitator can give you another attempt."
                            )))
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
}
