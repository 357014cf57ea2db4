import Domain
import Foundation
import Plot

/// Messages of the course editor.
enum CourseNames {
    static func problem(_ problem: QuizText.Problem, _ context: PageContext) -> String {
        switch problem {
        case .answerBeforeQuestion(let line): context.t("Line {line}: an answer comes before any question (start a question with ?).", ["line": String(line)])
        case .feedbackBeforeAnswer(let line): context.t("Line {line}: feedback (>) needs an answer above it.", ["line": String(line)])
        case .unknownLine(let line):
            context.t("Line {line}: start the line with ? (question), * (right answer), - (other answer) or > (feedback).", ["line": String(line)])
        case .tooFewAnswers(let q): context.t("Question {number} needs at least two answers.", ["number": String(q)])
        case .noRightAnswer(let q): context.t("Question {number} has no right answer (mark it with *).", ["number": String(q)])
        case .missingFeedback(let q, let a):
            context.t("Question {number}, answer {answer}: add feedback (a line starting with >).", ["number": String(q), "answer": String(a)])
        case .noQuestions: context.t("Write at least one question.")
        }
    }

    static let languages: [Domain.Language] = Domain.Language.allCases
}

/// The course editor: texts in one language at a time, modules and their steps in order.
enum CourseEditorPage {
    struct Model {
        var outline: CourseOutline
        var language: String
        var errors: [String: String] = [:]
        /// What was typed, by field id, shown again after a problem.
        var values: [String: String] = [:]
    }

    static func view(_ context: PageContext, _ m: Model) -> HTML {
        let v = m.values
        let course = m.outline.course
        let slug = course.slug
        let texts = course.texts
        let l = m.language
        let title = texts.title.text(l, fallback: "en")
        return Layout.page(
            context, title: context.t("Edit: {title}", ["title": title]),
            .p(
                .class("breadcrumb"), .a(.href(SiteURL.courses.path), .text(context.t("Courses"))), .text(" › "),
                .a(.href(SiteURL.course(.value(slug)).path), .text(title))),
            .h1(.text(context.t("Edit: {title}", ["title": title]))),
            .p(
                .id("course-state"),
                .text(
                    course.status == .draft
                        ? context.t("Draft: only authors see it.")
                        : context.t(
                            "Published, revision {number}. Changes show to learners at once; steps taken out are kept with what learners did in them.",
                            ["number": String(course.revision)]))),
            Components.errorSummary(context, Array(m.errors.values).sorted()),
            .form(
                .id("publish-form"), .method(.post), .action(SiteURL.coursePublish(.value(slug)).path(["lang": l])),
                Components.csrfField(context),
                Components.submit(course.status == .draft ? context.t("Publish the course") : context.t("Publish as a new revision"))),
            .nav(
                .attribute(named: "aria-label", value: context.t("Language you write in")),
                .p(
                    .text(context.t("Language you write in") + ": "),
                    .forEach(CourseNames.languages) { language in
                        language.rawValue == l
                            ? .strong(.attribute(named: "lang", value: language.rawValue), .text(language.nativeName + " "))
                            : .a(
                                .href(SiteURL.courseEdit(.value(slug)).path(["lang": language.rawValue])), .attribute(named: "lang", value: language.rawValue),
                                .text(language.nativeName + " "))
                    })),
            .h2(.text(context.t("The course"))),
            .form(
                .id("course-form"), .class("stack"), .method(.post), .action(SiteURL.courseEdit(.value(slug)).path),
                Components.csrfField(context),
                .input(.type(.hidden), .name("lang"), .value(l)),
                Components.field(.init(id: "title", label: context.t("Title"), value: v["title"] ?? texts.title[l] ?? "", error: m.errors["title"])),
                Components.textArea(
                    id: "summary", label: context.t("Summary"), hint: context.t("One or two sentences for the catalogue."),
                    value: v["summary"] ?? texts.summary[l] ?? "", rows: 3, error: nil, language: Domain.Language(rawValue: l)),
                Components.textArea(
                    id: "audience", label: context.t("For whom"), hint: nil, value: v["audience"] ?? texts.audience[l] ?? "", rows: 2, error: nil,
                    language: Domain.Language(rawValue: l)),
                Components.textArea(
                    id: "outcomes", label: context.t("What learners will be able to do"), hint: context.t("One per line."),
                    value: v["outcomes"] ?? (texts.outcomes[l] ?? []).joined(separator: "\n"), rows: 5, error: nil, language: Domain.Language(rawValue: l)),
                Components.submit(context.t("Save the course's texts"))
            ),
            .h2(.text(context.t("Modules and steps"))),
            .ol(
                .id("editor-modules"), .class("module-list"),
                .forEach(m.outline.sections.enumerated()) { index, section in
                    let steps = m.outline.activities(in: section)
                    let sectionTitle = section.texts.title.text(l, fallback: "en")
                    return .li(
                        .id("module-" + section.key),
                        .h3(.text(context.t("Module {number}", ["number": String(index + 1)]) + ": " + sectionTitle)),
                        .div(
                            .class("row-actions"),
                            moveButtons(
                                context, action: SiteURL.courseModuleMove(.value(slug), .value(section.key)).path(["lang": l]),
                                label: sectionTitle, first: index == 0, last: index == m.outline.sections.count - 1)),
                        .details(
                            .summary(.text(context.t("Edit the module's title and summary"))),
                            .form(
                                .class("stack"), .method(.post), .action(SiteURL.courseModule(.value(slug), .value(section.key)).path),
                                Components.csrfField(context),
                                .input(.type(.hidden), .name("lang"), .value(l)),
                                Components.field(
                                    .init(
                                        id: "title-" + section.key, label: context.t("Module title"),
                                        value: v["title-" + section.key] ?? section.texts.title[l] ?? "",
                                        error: m.errors["module-" + section.key], name: "title")),
                                Components.textArea(
                                    id: "summary-" + section.key, label: context.t("Module summary"), hint: nil,
                                    value: v["summary-" + section.key] ?? section.texts.summary[l] ?? "",
                                    rows: 2, error: nil, language: Domain.Language(rawValue: l), name: "summary"),
                                Components.submit(context.t("Save the module")))),
                        .ol(
                            .class("step-list"),
                            .forEach(steps.enumerated()) { i, step in
                                let stepTitle = step.titles.text(l, fallback: "en")
                                return .li(
                                    .class("step"),
                                    .span(.class("step-kind"), .text(CourseParts.kind(step.kind, context) + ": ")),
                                    .a(.href(SiteURL.courseStepEdit(.value(slug), .value(step.key)).path(["lang": l])), .text(stepTitle)),
                                    .if(step.titles[l] == nil, .span(.class("badge"), .text(" · " + context.t("not yet in this language")))),
                                    .div(
                                        .class("row-actions"),
                                        moveButtons(
                                            context, action: SiteURL.courseStepMove(.value(slug), .value(step.key)).path(["lang": l]),
                                            label: stepTitle, first: i == 0, last: i == steps.count - 1),
                                        // The page that asks first (`ConfirmPage`), not the retiring itself.
                                        .a(
                                            .class("button-link step-retire"),
                                            .href(SiteURL.courseStepRetire(.value(slug), .value(step.key)).path(["lang": l])),
                                            .attribute(named: "aria-label", value: context.t("Take “{title}” out of the course", ["title": stepTitle])),
                                            .text(context.t("Take out"))))
                                )
                            }),
                        .form(
                            .class("stack add-step"), .method(.post), .action(SiteURL.courseSteps(.value(slug)).path),
                            Components.csrfField(context),
                            .input(.type(.hidden), .name("lang"), .value(l)),
                            .input(.type(.hidden), .name("module"), .value(section.key)),
                            Components.selectField(
                                id: "kind-" + section.key, label: context.t("New step"),
                                options: ActivityKind.allCases.map { ($0.rawValue, CourseParts.kind($0, context)) }, selected: nil, name: "kind"),
                            Components.field(
                                .init(
                                    id: "step-title-" + section.key, label: context.t("Its title"), value: v["step-title-" + section.key] ?? "",
                                    error: m.errors["step-" + section.key], name: "title")),
                            Components.submit(context.t("Add the step")))
                    )
                }),
            .h2(.text(context.t("New module"))),
            .form(
                .id("module-form"), .class("stack"), .method(.post), .action(SiteURL.courseModules(.value(slug)).path),
                Components.csrfField(context),
                .input(.type(.hidden), .name("lang"), .value(l)),
                Components.field(
                    .init(id: "module_title", label: context.t("Module title"), value: v["module_title"] ?? "", error: m.errors["module_title"], name: "title")),
                Components.textArea(
                    id: "module_summary", label: context.t("Module summary"), hint: nil, value: v["module_summary"] ?? "", rows: 2, error: nil,
                    language: Domain.Language(rawValue: l), name: "summary"),
                Components.submit(context.t("Add the module")))
        )
    }

    static func moveButtons(_ context: PageContext, action: String, label: String, first: Bool, last: Bool) -> Node<HTML.BodyContext> {
        .form(
            .class("inline-form"), .method(.post), .action(action),
            Components.csrfField(context),
            .if(
                !first,
                .button(
                    .type(.submit), .name("direction"), .value("up"), .class("button-link"),
                    .attribute(named: "aria-label", value: context.t("Move “{title}” up", ["title": label])), .text("↑ " + context.t("Up")))),
            .if(
                !last,
                .button(
                    .type(.submit), .name("direction"), .value("down"), .class("button-link"),
                    .attribute(named: "aria-label", value: context.t("Move “{title}” down", ["title": label])), .text("↓ " + context.t("Down")))))
    }
}

/// Editing one step: its title, time, whether it is required, and its content (Markdown
/// with a preview of what is saved, or a quiz as plain text).
enum CourseStepEditPage {
    struct Model {
        var outline: CourseOutline
        var step: CourseActivity
        var language: String
        var form: CourseForms.Step?
        var errors: [String: String] = [:]
    }

    static func view(_ context: PageContext, _ m: Model) -> HTML {
        let slug = m.outline.course.slug
        let l = m.language
        let step = m.step
        let quiz = step.quiz
        let title = m.form?.title ?? step.titles[l] ?? ""
        let saved = step.bodies[l] ?? ""
        return Layout.page(
            context, title: context.t("Edit: {title}", ["title": step.titles.text(l, fallback: "en")]),
            .p(
                .class("breadcrumb"),
                .a(
                    .href(SiteURL.courseEdit(.value(slug)).path(["lang": l])),
                    .text(context.t("Edit: {title}", ["title": m.outline.course.texts.title.text(l, fallback: "en")])))),
            .h1(.text(CourseParts.kind(step.kind, context) + ": " + step.titles.text(l, fallback: "en"))),
            .p(.text(context.t("Language you write in") + ": " + (Domain.Language(rawValue: l)?.nativeName ?? l))),
            Components.errorSummary(context, Array(m.errors.values).sorted()),
            .form(
                .id("step-form"), .class("stack"), .method(.post), .action(SiteURL.courseStepEdit(.value(slug), .value(step.key)).path),
                Components.csrfField(context),
                .input(.type(.hidden), .name("lang"), .value(l)),
                Components.field(.init(id: "title", label: context.t("Title"), value: title, error: m.errors["title"])),
                Components.field(
                    .init(
                        id: "minutes", label: context.t("Minutes it takes"), type: .number, value: m.form?.minutes ?? String(step.minutes),
                        error: m.errors["minutes"])),
                .div(
                    .class("field"),
                    .label(
                        .input(
                            .type(.checkbox), .id("required"), .name("required"), .value("yes"),
                            .attribute(named: "checked", value: (m.form.map { $0.required == "yes" } ?? step.required) ? "checked" : nil)),
                        .text(" " + context.t("Required to complete the course")))),
                step.kind == .quiz
                    ? .group(
                        Components.field(
                            .init(
                                id: "pass_percent", label: context.t("Pass mark (percent of questions right)"), type: .number,
                                value: m.form?.pass_percent ?? String(quiz?.passPercent ?? 75), error: m.errors["pass_percent"])),
                        Components.field(
                            .init(
                                id: "attempts", label: context.t("Attempts"), type: .number, value: m.form?.attempts ?? String(quiz?.attempts ?? 3),
                                error: m.errors["attempts"])),
                        Components.textArea(
                            id: "quiz", label: context.t("Questions"),
                            hint: context.t(
                                "Start a question with ?, a right answer with *, another answer with -, and the feedback for the answer above with >. More than one right answer makes it multiple choice. The order of questions and answers is kept in every language."
                            ),
                            value: m.form?.quiz ?? quiz.map { QuizText.format($0, language: l) } ?? "", rows: 24, error: m.errors["quiz"],
                            language: Domain.Language(rawValue: l)))
                    : Components.textArea(
                        id: "body", label: step.kind == .lesson ? context.t("Lesson (Markdown)") : context.t("Task (Markdown)"),
                        hint: context.t("Headings start with ##; link a handbook chapter with [its title](/handbook/…)."),
                        value: m.form?.body ?? saved, rows: 24, error: m.errors["body"], language: Domain.Language(rawValue: l)),
                Components.submit(context.t("Save the step"))
            ),
            .if(
                step.kind != .quiz && !saved.isEmpty,
                .section(
                    .id("preview"), .class("panel"), .attribute(named: "aria-labelledby", value: "preview-title"),
                    .h2(.id("preview-title"), .text(context.t("As learners see it (saved text)"))),
                    .div(.class("prose"), .attribute(named: "lang", value: l), .raw(Markdown.render(saved).html))))
        )
    }
}
