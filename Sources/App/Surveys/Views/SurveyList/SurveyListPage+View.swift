import Domain
import Foundation
import Plot

extension SurveyListPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let e = model.errors
        return Layout.page(
            context, title: context.t("Surveys"),
            .h1(.text(context.t("Surveys"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "Find out what colleagues need before you introduce collegial support, and whether it works once it runs. Anonymous surveys show figures only for groups of at least five people."
                    ))),
            .if(model.surveys.isEmpty, .p(.text(context.t("You have no surveys yet.")))),
            .if(
                !model.surveys.isEmpty,
                .div(
                    .class("table-scroll"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: context.t("Surveys")),
                    .table(
                        .id("surveys"), .class("data-table sticky-first"),
                        .thead(
                            .tr(
                                .th(.attribute(named: "scope", value: "col"), .text(context.t("Survey"))),
                                .th(.attribute(named: "scope", value: "col"), .text(context.t("For"))),
                                .th(.attribute(named: "scope", value: "col"), .text(context.t("Status"))),
                                .th(.attribute(named: "scope", value: "col"), .class("num"), .text(context.t("Responses"))))),
                        .tbody(
                            .forEach(model.surveys) { s in
                                .tr(
                                    .td(.a(.href(SiteURL.survey(.value(s.id)).path), .text(s.title))),
                                    .td(.text(s.owner)), .td(.text(SurveyNames.status(s.status, context))),
                                    .td(
                                        .class("num"),
                                        s.responses > 0 ? .a(.href(SiteURL.surveyReport(.value(s.id)).path), .text(String(s.responses))) : .text("0")))
                            })
                    ))),
            .if(
                !model.scopes.isEmpty,
                .group(
                    .h2(.text(context.t("New survey"))),
                    Components.errorSummary(context, Array(e.values).sorted()),
                    .form(
                        .id("new-survey-form"), .class("stack"), .method(.post), .action(SiteURL.surveys.path),
                        Components.csrfField(context),
                        Components.selectField(id: "scope", label: context.t("For"), options: model.scopes, selected: nil, error: e["scope"]),
                        .fieldset(
                            .class("question"), .element(named: "legend", text: context.t("Start from")),
                            .div(
                                .class("choices"),
                                .forEach(templateChoices(context)) { choice in
                                    .label(
                                        .input(
                                            .type(.radio), .name("template"), .value(choice.value),
                                            .attribute(
                                                named: "checked",
                                                value: choice.value == (model.draftTemplate.isEmpty ? "blank" : model.draftTemplate) ? "checked" : nil)),
                                        .text(choice.label))
                                }),
                            .p(
                                .class("hint"),
                                .text(
                                    context.t(
                                        "A ready questionnaire is copied in the language you choose below where it is written in it ({languages}), with your title if you give one.",
                                        ["languages": model.templateLanguages])))),
                        Components.field(
                            .init(
                                id: "title", label: context.t("Title"), value: model.draftTitle, required: false,
                                hint: context.t("Needed for a blank survey; a ready questionnaire keeps its own title when this is empty."), error: e["title"])),
                        Components.selectField(
                            id: "language", label: context.t("Language you write it in"),
                            options: Language.allCases.map { ($0.rawValue, $0.nativeName) },
                            selected: model.draftLanguage ?? context.localizer.language.rawValue,
                            error: e["language"]),
                        Components.submit(context.t("Make the survey"))
                    ),
                    .h2(.text(context.t("Import a survey"))),
                    .p(
                        .text(
                            context.t(
                                "A survey file (.json) exported from Collegium, here or elsewhere. A file with problems is refused with each problem listed, and nothing changes."
                            ))),
                    .if(
                        !model.importProblems.isEmpty,
                        .div(
                            .id("import-problems"), .class("error-summary"), .attribute(named: "role", value: "alert"),
                            .h2(.text(context.t("The file was not imported"))),
                            .ul(.forEach(model.importProblems) { .li(.text($0)) }))),
                    .form(
                        .id("import-survey-form"), .class("stack"), .method(.post), .action(SiteURL.surveyImport.path), .enctype(.multipartData),
                        Components.csrfField(context),
                        Components.selectField(id: "import_scope", label: context.t("For"), options: model.scopes, selected: nil),
                        .div(
                            .class("field"), .label(.for("file"), .text(context.t("Survey file"))),
                            .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: "application/json,.json"))),
                        Components.submit(context.t("Import"))
                    )
                ))
        )
    }

    /// The choices of "Start from": blank, or one of the ready questionnaires.
    static func templateChoices(_ context: PageContext) -> [(value: String, label: String)] {
        [
            ("blank", context.t("A blank survey")),
            (
                SurveyTemplates.Template.leaderNeeds.rawValue,
                context.t("The ready questionnaire for school leaders: experience and needs for collegial support")
            ),
            (SurveyTemplates.Template.staffCulture.rawValue, context.t("The ready questionnaire for staff: collegial culture in the school")),
            (SurveyTemplates.Template.courseEvaluation.rawValue, context.t("The ready questionnaire for learners at the end of the course")),
        ]
    }

}
