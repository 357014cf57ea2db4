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
                .table(
                    .id("surveys"), .class("data-table"),
                    .thead(
                        .tr(.th(.text(context.t("Survey"))), .th(.text(context.t("For"))), .th(.text(context.t("Status"))), .th(.text(context.t("Responses"))))),
                    .tbody(
                        .forEach(model.surveys) { s in
                            .tr(
                                .td(.a(.href(SiteURL.survey(.value(s.id)).path), .text(s.title))), .td(.text(s.owner)),
                                .td(.text(SurveyNames.status(s.status, context))),
                                .td(s.responses > 0 ? .a(.href(SiteURL.surveyReport(.value(s.id)).path), .text(String(s.responses))) : .text("0")))
                        })
                )),
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
                                .label(
                                    .input(.type(.radio), .name("template"), .value("blank"), .attribute(named: "checked", value: "checked")),
                                    .text(context.t("A blank survey"))),
                                .label(
                                    .input(.type(.radio), .name("template"), .value(SurveyTemplates.Template.leaderNeeds.rawValue)),
                                    .text(context.t("The ready questionnaire for school leaders: experience and needs for collegial support"))),
                                .label(
                                    .input(.type(.radio), .name("template"), .value(SurveyTemplates.Template.staffCulture.rawValue)),
                                    .text(context.t("The ready questionnaire for staff: collegial culture in the school"))),
                                .label(
                                    .input(.type(.radio), .name("template"), .value(SurveyTemplates.Template.courseEvaluation.rawValue)),
                                    .text(context.t("The ready questionnaire for learners at the end of the course"))))),
                        Components.field(
                            .init(id: "title", label: context.t("Title (for a blank survey)"), value: model.draftTitle, required: false, error: e["title"])),
                        Components.selectField(
                            id: "language", label: context.t("Language you write it in"),
                            options: Language.allCases.map { ($0.rawValue, $0.nativeName) }, selected: context.localizer.language.rawValue,
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
}
