import Domain
import Foundation
import Plot

extension SurveyDesignPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.definition, base = d.baseLanguage, id = model.survey.id ?? UUID()
        let draft = model.survey.status == .draft
        let title = d.title.text(context.localizer.language.rawValue, fallback: base)
        let conditionCandidates = d.questions.map(\.question).filter { $0.kind == .singleChoice || $0.kind == .likert }
        return Layout.page(
            context, title: title,
            .p(.class("breadcrumb"), .a(.href(SiteURL.surveys.path), .text(context.t("Surveys")))),
            .h1(.text(title)),
            .p(
                .class("meta"),
                .text(
                    SurveyNames.status(model.survey.status, context) + " · "
                        + context.localizer.tn("{count} response", "{count} responses", count: model.responses)
                        + " · " + (model.survey.anonymous ? context.t("anonymous") : context.t("identified")))),
            .p(
                .class("row-actions"),
                .a(.href(SiteURL.surveyReport(.value(id)).path), .text(context.t("Report"))),
                .a(.href(SiteURL.surveyDefinition(.value(id)).path), .text(context.t("Download the survey file (.json)"))),
                .a(.href(SiteURL.surveyTranslations(.value(id)).path(["language": base])), .text(context.t("Edit the wording")))),
            .if(
                !model.designProblems.isEmpty,
                .div(
                    .id("design-problems"), .class("error-summary"), .attribute(named: "role", value: "alert"),
                    .ul(.forEach(model.designProblems) { .li(.text($0)) }))),
            .if(
                model.survey.status != .draft,
                .section(
                    .id("survey-link"), .class("privacy-box"),
                    .h2(.text(context.t("Link for respondents"))),
                    .p(.code(.id("public-url"), .text(model.publicURL))),
                    .p(
                        .class("hint"),
                        .text(context.t("Anyone with this link can answer while the survey is open. Share it by email or on your school's channels.")))
                )),
            .h2(.text(context.t("Questions"))),
            .if(d.sections.isEmpty, .p(.text(context.t("No section yet: add one below.")))),
            .forEach(Array(d.sections.enumerated())) { index, section in
                .section(
                    .class("survey-section"),
                    .h3(.text(context.t("Section {number}: {title}", ["number": String(index + 1), "title": section.title.text(base, fallback: "en")]))),
                    .if(section.questions.isEmpty, .p(.class("hint"), .text(context.t("No questions yet.")))),
                    .ol(
                        .class("card-list survey-questions"),
                        .forEach(section.questions) { q in
                            .li(
                                .class("survey-question"),
                                .p(.strong(.text(q.text.text(base, fallback: "en"))), .text(q.required ? " *" : "")),
                                .p(
                                    .class("meta"),
                                    .text(
                                        q.variable + " · " + SurveyNames.kind(q.kind, context)
                                            + (q.condition.map {
                                                " · "
                                                    + context.t(
                                                        "shown when {variable} is {values}",
                                                        ["variable": $0.variable, "values": $0.values.map(String.init).joined(separator: ", ")])
                                            } ?? ""))),
                                .if(
                                    !q.options.isEmpty,
                                    .p(
                                        .class("hint"),
                                        .text(q.options.map { String($0.value) + " = " + $0.label.text(base, fallback: "en") }.joined(separator: " · ")))),
                                .if(
                                    !q.rows.isEmpty,
                                    .ul(.class("hint"), .forEach(q.rows) { .li(.text($0.variable + ": " + $0.text.text(base, fallback: "en"))) })),
                                .if(
                                    draft,
                                    .div(
                                        .class("row-actions"),
                                        .form(
                                            .class("inline-form"), .method(.post), .action(SiteURL.surveyQuestionMove(.value(id), .value(q.variable)).path),
                                            Components.csrfField(context), .input(.type(.hidden), .name("direction"), .value("up")),
                                            .button(
                                                .type(.submit), .class("button-link"), .text(context.t("Move up")),
                                                .attribute(named: "aria-label", value: context.t("Move {variable} up", ["variable": q.variable])))),
                                        .form(
                                            .class("inline-form"), .method(.post), .action(SiteURL.surveyQuestionMove(.value(id), .value(q.variable)).path),
                                            Components.csrfField(context), .input(.type(.hidden), .name("direction"), .value("down")),
                                            .button(
                                                .type(.submit), .class("button-link"), .text(context.t("Move down")),
                                                .attribute(named: "aria-label", value: context.t("Move {variable} down", ["variable": q.variable])))),
                                        // The page that asks first (`ConfirmPage`), not the deletion itself.
                                        .a(
                                            .class("button-link question-delete"),
                                            .href(SiteURL.surveyQuestionDelete(.value(id), .value(q.variable)).path),
                                            .attribute(named: "aria-label", value: context.t("Delete {variable}", ["variable": q.variable])),
                                            .text(context.t("Delete"))))))
                        })
                )
            },
            .if(
                draft,
                .group(
                    .details(
                        .if(model.sectionError != nil || d.sections.isEmpty, .attribute(named: "open", value: "open")),
                        .summary(.text(context.t("Add a section"))),
                        .form(
                            .id("section-form"), .class("stack"), .method(.post), .action(SiteURL.surveySections(.value(id)).path),
                            Components.csrfField(context),
                            Components.field(.init(id: "section_title", label: context.t("Title of the section"), error: model.sectionError)),
                            Components.submit(context.t("Add the section")))
                    ),
                    .if(!d.sections.isEmpty, questionForm(context, model, conditionCandidates))
                )),
            .section(
                .id("survey-languages"),
                .h2(.text(context.t("Languages"))),
                .ul(
                    .forEach(model.missing) { item in
                        .li(
                            .a(
                                .href(SiteURL.surveyTranslations(.value(id)).path(["language": item.language])),
                                .text(
                                    (Language(rawValue: item.language)?.nativeName ?? item.language) + ": "
                                        + (item.count == 0
                                            ? context.t("complete") : context.localizer.tn("{count} text missing", "{count} texts missing", count: item.count)))
                            ))
                    })
            ),
            .if(!model.rates.isEmpty, ratesSection(context, model)),
            .section(
                .id("survey-tokens"), .attribute(named: "aria-labelledby", value: "tokens-title"),
                .h2(.id("tokens-title"), .text(context.t("Single-use links"))),
                .p(
                    .class("hint"),
                    .text(
                        context.t(
                            "Personal links for a mail merge, each good for one response. They are downloaded once, as a CSV file: Collegium keeps only a fingerprint of each, and never which link went to whom."
                        ))),
                .if(
                    model.tokens.made > 0,
                    .p(
                        .id("tokens-count"),
                        .text(context.t("{made} links made, {used} used.", ["made": String(model.tokens.made), "used": String(model.tokens.used)])))),
                .form(
                    .id("tokens-form"), .class("inline-form"), .method(.post), .action(SiteURL.surveyTokens(.value(id)).path),
                    Components.csrfField(context),
                    Components.field(.init(id: "count", label: context.t("How many links"), type: .number, value: "30")),
                    .button(.type(.submit), .class("button-secondary"), .text(context.t("Make and download the links"))))
            ),
            .section(
                .id("survey-settings"),
                .h2(.text(model.survey.status == .draft ? context.t("Publish") : context.t("Settings"))),
                .if(
                    !model.problems.isEmpty && draft,
                    .div(
                        .class("error-summary"), .p(.text(context.t("Before publishing:"))),
                        .ul(.forEach(model.problems) { .li(.text(SurveyNames.problem($0, context))) }))),
                .if(
                    model.survey.isReleased,
                    .p(
                        .id("survey-released"), .class("notice-box"),
                        .text(context.t("Closed. Its figures are in the report; it takes no more answers.")),
                        .text(" "), .a(.href(SiteURL.surveyReport(.value(id)).path), .text(context.t("Open the report"))))),
                .if(
                    !model.survey.isReleased,
                    .form(
                        .id("publish-form"), .class("stack"), .method(.post), .action(SiteURL.surveyPublish(.value(id)).path),
                        Components.csrfField(context),
                        Components.field(
                            .init(id: "opens_on", label: context.t("Opens on (optional)"), type: .date, value: model.survey.opensOn, required: false)),
                        Components.field(
                            .init(id: "closes_on", label: context.t("Closes on (optional)"), type: .date, value: model.survey.closesOn, required: false)),
                        .fieldset(
                            .class("question"), .element(named: "legend", text: context.t("Show it on the home page of (optional; the link always works)")),
                            .div(
                                .class("choices"),
                                .forEach(SchoolRole.allCases) { role in
                                    .label(
                                        .input(
                                            .type(.checkbox), .name("roles[]"), .value(role.rawValue),
                                            .attribute(named: "checked", value: model.survey.roles.contains(role) ? "checked" : nil)),
                                        .text(RoleNames.name(role, context.localizer)))
                                }),
                            .if(
                                model.survey.$school.id == nil,
                                .div(
                                    .class("choices stacked"),
                                    .forEach(model.audienceSchools) { school in
                                        .label(
                                            .input(
                                                .type(.checkbox), .name("schools[]"), .value(school.id?.uuidString ?? ""),
                                                .attribute(named: "checked", value: model.survey.schools.contains(school.id ?? UUID()) ? "checked" : nil)),
                                            .text(school.name))
                                    }))),
                        // Fixed at the first publication: the first page told respondents.
                        .if(
                            model.survey.anonymityFixed,
                            .group(
                                .if(model.survey.anonymous, .input(.type(.hidden), .name("anonymous"), .value("1"))),
                                .p(
                                    .id("anonymity-fixed"), .class("hint"),
                                    .text(
                                        model.survey.anonymous
                                            ? context.t(
                                                "Anonymous: no names, no addresses, dates without times. This was fixed when the survey was published, since respondents were told so on its first page."
                                            )
                                            : context.t(
                                                "With names: respondents were told so on its first page when the survey was published, and this does not change."
                                            )))),
                            else: .label(
                                .input(
                                    .type(.checkbox), .name("anonymous"), .value("1"),
                                    .attribute(named: "checked", value: model.survey.anonymous ? "checked" : nil)),
                                .text(context.t("Anonymous: no names, no addresses, dates without times; figures only from groups of five or more")))),
                        .label(
                            .input(
                                .type(.checkbox), .name("requires_token"), .value("1"),
                                .attribute(named: "checked", value: model.survey.requiresToken ? "checked" : nil)),
                            .text(context.t("Only through single-use links (the plain link is refused)"))),
                        Components.submit(model.survey.status == .draft ? context.t("Publish the survey") : context.t("Save the settings"))
                    )),
                .if(
                    model.survey.status == .open,
                    .div(
                        .id("close-survey"),
                        // The page that asks first (`ConfirmPage`), not the closing itself.
                        .a(
                            .id("close-survey-link"), .class("button-secondary"), .href(SiteURL.surveyClose(.value(id)).path),
                            .text(context.t("Close the survey and show its figures"))),
                        .p(
                            .class("hint"),
                            .text(
                                context.t(
                                    "Figures are shown only once a survey has closed, and a closed survey does not open again: the figures stay as they were shown."
                                )))))
            )
        )
    }
}
