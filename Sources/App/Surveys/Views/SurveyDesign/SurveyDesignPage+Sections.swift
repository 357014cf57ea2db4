import Domain
import Foundation
import Plot

/// The response-rate section and the form that adds or edits a question.
extension SurveyDesignPage {
    /// Who has answered of those asked, per school and per country (counts of people, never
    /// whose answers are whose).
    static func ratesSection(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        var byCountry: [String: (asked: Int, answered: Int)] = [:]
        for rate in model.rates {
            byCountry[rate.school.country, default: (0, 0)].asked += rate.asked; byCountry[rate.school.country]?.answered += rate.answered
        }
        func percent(_ answered: Int, _ asked: Int) -> String { asked == 0 ? "–" : context.localizer.percent(Double(answered) / Double(asked)) }
        return .section(
            .id("response-rates"), .attribute(named: "aria-labelledby", value: "rates-title"),
            .h2(.id("rates-title"), .text(context.t("Response rate"))),
            .p(
                .class("hint"),
                .text(context.t("Of the people the survey is shown to on their home page: how many have answered. Who answered what is never shown."))),
            .table(
                .class("data-table"),
                .thead(
                    .tr(
                        .th(.text(context.t("School"))), .th(.class("num"), .text(context.t("Asked"))), .th(.class("num"), .text(context.t("Answered"))),
                        .th(.class("num"), .text(context.t("Rate"))))),
                .tbody(
                    .forEach(model.rates) { r in
                        .tr(
                            .td(.text(r.school.name)), .td(.class("num"), .text(String(r.asked))), .td(.class("num"), .text(String(r.answered))),
                            .td(.class("num"), .text(percent(r.answered, r.asked))))
                    },
                    .forEach(byCountry.keys.sorted()) { country in
                        .tr(
                            .class("n-row"), .td(.text(CountryNames.name(country, context.localizer))),
                            .td(.class("num"), .text(String(byCountry[country]?.asked ?? 0))),
                            .td(.class("num"), .text(String(byCountry[country]?.answered ?? 0))),
                            .td(.class("num"), .text(percent(byCountry[country]?.answered ?? 0, byCountry[country]?.asked ?? 0))))
                    })))
    }

    static func questionForm(_ context: PageContext, _ model: Model, _ candidates: [SurveyDefinition.Question]) -> Node<HTML.BodyContext> {
        let f = model.questionDraft, e = model.questionErrors, d = model.definition
        return .details(
            .if(!e.isEmpty, .attribute(named: "open", value: "open")),
            .summary(.text(context.t("Add a question"))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("question-form"), .class("stack"), .method(.post), .action(SiteURL.surveyQuestions(.value(model.survey.id ?? UUID())).path),
                Components.csrfField(context),
                Components.selectField(
                    id: "section", label: context.t("Section"),
                    options: d.sections.enumerated().map {
                        (String($0.offset), String($0.offset + 1) + ". " + $0.element.title.text(d.baseLanguage, fallback: "en"))
                    },
                    selected: f?.section ?? String(d.sections.count - 1), error: e["section"]),
                Components.selectField(
                    id: "kind", label: context.t("Kind of question"),
                    options: SurveyDefinition.Kind.allCases.map { ($0.rawValue, SurveyNames.kind($0, context)) },
                    selected: f?.kind, error: e["kind"]),
                Components.field(
                    .init(
                        id: "variable", label: context.t("Variable name (for exports)"), value: f?.variable ?? "",
                        hint: context.t("Lower-case letters, digits and _, for example support_needs."), error: e["variable"])),
                Components.textArea(id: "text", label: context.t("Question"), hint: nil, value: f?.text ?? "", rows: 2, error: e["text"], language: nil),
                Components.field(.init(id: "help", label: context.t("Help under the question (optional)"), value: f?.help ?? "", required: false)),
                .label(
                    .input(.type(.checkbox), .name("required"), .value("1"), .attribute(named: "checked", value: f?.required != nil ? "checked" : nil)),
                    .text(context.t("An answer is required"))),
                Components.textArea(
                    id: "options", label: context.t("Options, one per line (for choices and scales)"),
                    hint: context.t("Coded 1, 2, 3… in this order. Leave empty on a scale for strongly disagree … strongly agree."),
                    value: f?.options ?? "", rows: 4, error: nil, language: nil),
                Components.textArea(
                    id: "rows", label: context.t("Statements, one per line (for several statements on one scale)"),
                    hint: nil, value: f?.rows ?? "", rows: 3, error: nil, language: nil),
                .fieldset(
                    .class("question"), .element(named: "legend", text: context.t("For a number: smallest and largest allowed (optional)")),
                    .unwrap(e["range"]) { .p(.class("field-error"), .text($0)) },
                    Components.field(.init(id: "minimum", label: context.t("Smallest"), value: f?.minimum ?? "", required: false)),
                    Components.field(.init(id: "maximum", label: context.t("Largest"), value: f?.maximum ?? "", required: false))),
                .fieldset(
                    .class("question"), .element(named: "legend", text: context.t("Show only when an earlier answer matches (optional)")),
                    .unwrap(e["condition"]) { .p(.class("field-error"), .text($0)) },
                    Components.selectField(
                        id: "condition_variable", label: context.t("Earlier question"),
                        options: [("", context.t("Always show"))]
                            + candidates.map { ($0.variable, $0.variable + ": " + $0.text.text(d.baseLanguage, fallback: "en")) },
                        selected: f?.condition_variable),
                    Components.field(
                        .init(
                            id: "condition_values", label: context.t("Its option codes that show this question"), value: f?.condition_values ?? "",
                            required: false, hint: context.t("For example 1, or 1, 2.")))),
                .unwrap(e["question"]) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                Components.submit(context.t("Add the question"))
            )
        )
    }
}
