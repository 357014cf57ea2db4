import Domain
import Foundation
import Plot
import Vapor

/// The pages a respondent sees: the introduction, one section per page, and thanks.
enum AnswerPages {
    static func intro(_ context: PageContext, _ survey: Survey, _ d: SurveyDefinition, language: String, resumeAt: Int?, token: String? = nil) -> HTML {
        let title = d.title.text(language, fallback: d.baseLanguage)
        return Layout.page(
            context, title: title,
            .h1(.attribute(named: "lang", value: language), .text(title)),
            .unwrap(d.introduction.text(language, fallback: d.baseLanguage).nilIfEmpty) {
                .p(.class("lead"), .attribute(named: "lang", value: language), .text($0))
            },
            .p(
                .text(
                    context.localizer.tn("{count} page of questions.", "{count} pages of questions.", count: d.sections.count) + " "
                        + context.t("Your answers are saved on each page: you can close the browser and come back to this link later."))),
            .if(
                survey.anonymous,
                .p(
                    .class("privacy-box"),
                    .text(
                        context.t(
                            "This survey is anonymous: your name, your address and the time you answer are not kept with your answers, and results are shown only for groups of at least five people."
                        )))),
            .form(
                .id("start-form"), .method(.post), .action(SiteURL.answerStart(.value(survey.slug)).path),
                Components.csrfField(context),
                .unwrap(token) { .input(.type(.hidden), .name("t"), .value($0)) },
                .button(
                    .type(.submit), .class("button-primary"),
                    .text(resumeAt.map { context.t("Continue where you left off (page {number})", ["number": String($0)]) } ?? context.t("Start")))
            )
        )
    }

    struct Section {
        var survey: Survey
        var definition: SurveyDefinition
        var number: Int
        var language: String
        var answers: SurveyAnswers
        var submission: String
        var problems: [String: AnswerProblem] = [:]
        /// What was sent, shown again when a page is refused (so nothing typed is lost).
        var fields: [String: [String]]? = nil

        func value(_ name: String) -> [String] {
            if let fields { return fields[name] ?? [] }
            return answers[name].map { [$0] } ?? []
        }
    }

    static func section(_ context: PageContext, _ page: Section) -> HTML {
        let d = page.definition, l = page.language, base = d.baseLanguage
        let section = d.sections[page.number - 1]
        let last = page.number == d.sections.count
        let sectionVariables = Set(section.questions.map(\.variable))
        // Questions whose condition lies in an earlier page are left out when it is not met;
        // those depending on this page are shown, and the script hides them until it is.
        let questions = section.questions.filter { q in
            guard let c = q.condition, !sectionVariables.contains(c.variable) else { return true }
            return d.isShown(q, given: page.answers)
        }
        let title = d.title.text(l, fallback: base)
        return Layout.page(
            context, title: title,
            .p(.class("breadcrumb"), .attribute(named: "lang", value: l), .text(title)),
            .h1(.attribute(named: "lang", value: l), .text(section.title.text(l, fallback: base))),
            .p(
                .id("survey-progress"), .text(context.t("Page {number} of {total}", ["number": String(page.number), "total": String(d.sections.count)])),
                .element(
                    named: "progress",
                    nodes: [
                        .attribute(named: "max", value: String(d.sections.count)),
                        .attribute(named: "value", value: String(page.number)),
                        .attribute(named: "aria-label", value: context.t("Progress")),
                    ])),
            .if(
                !page.problems.isEmpty,
                .div(
                    .id("form-errors"), .class("error-summary"), .attribute(named: "role", value: "alert"),
                    .p(.text(context.localizer.tn("{count} answer needs your attention.", "{count} answers need your attention.", count: page.problems.count))))
            ),
            .form(
                .id("answer-form"), .class("stack"), .method(.post), .action(SiteURL.answerSection(.value(page.survey.slug), .value(page.number)).path),
                .attribute(named: "lang", value: l),
                Components.csrfField(context),
                .input(.type(.hidden), .name("submission"), .value(page.submission)),
                .forEach(questions) { question(context, page, $0) },
                // "Next" comes first: pressing Enter in a field submits with the first button.
                .div(
                    .class("row-actions"),
                    .button(
                        .type(.submit), .name("action"), .value(last ? "send" : "next"), .class("button-primary"),
                        .text(last ? context.t("Send my answers") : context.t("Next"))),
                    .if(
                        page.number > 1,
                        .button(
                            .type(.submit), .name("action"), .value("back"), .class("button-secondary"),
                            .attribute(named: "formnovalidate", value: "formnovalidate"), .text(context.t("Back")))))
            )
        )
    }

    static func question(_ context: PageContext, _ page: Section, _ q: SurveyDefinition.Question) -> Node<HTML.FormContext> {
        let l = page.language, base = page.definition.baseLanguage
        let text = q.text.text(l, fallback: base) + (q.required ? " " + context.t("(required)") : "")
        let help = q.help.text(l, fallback: base)
        let problem = page.problems[q.variable].map { SurveyNames.answerProblem($0, context) }
        let errorID = "\(q.variable)-error", helpID = "\(q.variable)-help"
        let describedBy = [help.isEmpty ? nil : helpID, problem == nil ? nil : errorID].compactMap { $0 }.joined(separator: " ")
        let condition = q.condition.map { $0.variable + ":" + $0.values.map(String.init).joined(separator: ",") }
        let chosen = Set(
            page.value(q.variable) + q.options.compactMap { o in page.value(q.variable + "_" + String(o.value)).first == "1" ? String(o.value) : nil })
        func header<C: HTML.BodyContext>() -> Node<C> {
            .group(
                .unwrap(help.nilIfEmpty) { .p(.id(helpID), .class("hint"), .text($0)) },
                .unwrap(problem) { .p(.id(errorID), .class("field-error"), .text($0)) })
        }
        let classes = "question survey-answer" + (problem == nil ? "" : " field-invalid")
        switch q.kind {
        case .likert, .singleChoice, .multipleChoice:
            let type: HTMLInputType = q.kind == .multipleChoice ? .checkbox : .radio
            return .fieldset(
                .id("q-" + q.variable), .class(classes + (q.kind == .likert ? " scale" : "")),
                .attribute(named: "data-show-when", value: condition),
                .attribute(named: "aria-describedby", value: describedBy),
                .element(named: "legend", text: text),
                header(),
                .div(
                    .class(q.kind == .likert ? "choices scale-choices" : "choices stacked"),
                    .forEach(q.options) { option in
                        .label(
                            .input(
                                .type(type), .name(q.variable), .value(String(option.value)),
                                .attribute(named: "checked", value: chosen.contains(String(option.value)) ? "checked" : nil)),
                            .text(option.label.text(l, fallback: base)))
                    }))
        case .matrix:
            return .fieldset(
                .id("q-" + q.variable), .class(classes + " matrix"),
                .attribute(named: "data-show-when", value: condition),
                .attribute(named: "aria-describedby", value: describedBy),
                .element(named: "legend", text: text),
                header(),
                .forEach(q.rows) { row in
                    let value = page.value(row.variable).first
                    return .fieldset(
                        .class("matrix-row"),
                        .element(named: "legend", text: row.text.text(l, fallback: base)),
                        .div(
                            .class("choices scale-choices"),
                            .forEach(q.options) { option in
                                .label(
                                    .input(
                                        .type(.radio), .name(row.variable), .value(String(option.value)),
                                        .attribute(named: "checked", value: value == String(option.value) ? "checked" : nil)),
                                    .text(option.label.text(l, fallback: base)))
                            }))
                })
        case .number, .shortText, .longText:
            let value = page.value(q.variable).first ?? ""
            let input: Node<HTML.FormContext> =
                q.kind == .longText
                ? .textarea(
                    .id(q.variable), .name(q.variable), .rows(4), .attribute(named: "aria-describedby", value: describedBy),
                    .attribute(named: "aria-invalid", value: problem == nil ? nil : "true"), .text(value))
                : .input(
                    .type(.text), .id(q.variable), .name(q.variable), .value(value),
                    .attribute(named: "inputmode", value: q.kind == .number ? "decimal" : nil),
                    .attribute(named: "maxlength", value: q.kind == .shortText ? "200" : nil),
                    .attribute(named: "aria-describedby", value: describedBy),
                    .attribute(named: "aria-invalid", value: problem == nil ? nil : "true"))
            return .div(
                .id("q-" + q.variable), .class("field survey-answer" + (problem == nil ? "" : " field-invalid")),
                .attribute(named: "data-show-when", value: condition),
                .label(.for(q.variable), .text(text)),
                header(),
                input)
        }
    }

    static func closed(_ context: PageContext, _ survey: Survey, _ d: SurveyDefinition) -> HTML {
        let title = d.title.text(context.localizer.language.rawValue, fallback: d.baseLanguage)
        let notYet = survey.status == .open && !survey.opensOn.isEmpty
        return Layout.page(
            context, title: title,
            .h1(.text(title)),
            .p(
                .id("survey-closed"), .class("lead"),
                .text(
                    notYet && CalendarDay(Date()).description < survey.opensOn
                        ? context.t("This survey opens on {date}. Please come back then.", ["date": survey.opensOn])
                        : context.t("This survey is closed and takes no more answers. Thank you for your interest.")))
        )
    }

    static func tokenNeeded(_ context: PageContext, _ survey: Survey, _ d: SurveyDefinition) -> HTML {
        let title = d.title.text(context.localizer.language.rawValue, fallback: d.baseLanguage)
        return Layout.page(
            context, title: title,
            .h1(.text(title)),
            .p(
                .id("survey-token-needed"), .class("lead"),
                .text(
                    context.t(
                        "This survey is answered through personal links, each good for one response. Use the link you received, or ask the person who sent the survey for one. A link that has been used once does not work again."
                    )))
        )
    }

    static func thanks(_ context: PageContext, _ survey: Survey, _ d: SurveyDefinition) -> HTML {
        Layout.page(
            context, title: context.t("Thank you"),
            .h1(.text(context.t("Thank you"))),
            .p(
                .id("survey-thanks"), .class("lead"),
                .text(
                    survey.anonymous
                        ? context.t("Your answers are saved, without your name. They count in the results only together with at least four other people's.")
                        : context.t("Your answers are saved.")))
        )
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
