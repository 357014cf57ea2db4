import Domain
import Foundation
import Plot
import Vapor

/// The report of a survey: every question's figures and chart, broken down on request.
enum SurveyReportPage {
    struct Model {
        var survey: Survey
        var definition: SurveyDefinition
        var report: SurveyReport
        var breakdown: SurveyReport.Breakdown
        /// For the ready leaders' questionnaire: what fits, per group.
        var recommendations: [RecommendationSection.Group] = []
        /// Designing and downloading are for those who manage the survey; a course's
        /// facilitators read the report only.
        var manages = true
        /// Wording changed after the first answer.
        var corrections: [SurveyCorrection] = []
    }

    /// A survey whose figures are not released yet: how many have answered, and when the
    /// figures come.
    struct Pending {
        var responses: Int
        var closesOn: String
        /// Past its closing date, waiting for the scheduler's release (minutes at most).
        var ended = false
    }

    static func pendingView(_ context: PageContext, survey: Survey, pending: Pending, manages: Bool) -> HTML {
        let id = survey.id ?? UUID()
        let heading = survey.title(in: context.localizer.language.rawValue)
        return Layout.page(
            context, title: context.t("Report: {title}", ["title": heading]),
            .if(
                manages,
                .p(
                    .class("breadcrumb"), .a(.href(SiteURL.surveys.path), .text(context.t("Surveys"))), .text(" › "),
                    .a(.href(SiteURL.survey(.value(id)).path), .text(heading)))),
            .h1(.text(context.t("Report: {title}", ["title": heading]))),
            .p(
                .id("respondents"), .class("lead"),
                .text(
                    context.localizer.tn("{count} response so far", "{count} responses so far", count: pending.responses)
                        + " · " + SurveyNames.status(survey.status, context))),
            .p(
                .id("report-pending"), .class("notice-box"),
                .text(
                    pending.ended
                        ? context.t("The survey has closed. Its figures are being prepared and appear here within ten minutes.")
                        : pending.closesOn.isEmpty
                            ? context.t(
                                "The figures are shown once the survey has closed. While answers come in, figures would change with each one, and comparing them would show what one person answered."
                            )
                            : context.t(
                                "The figures are shown once the survey has closed, after {date}. While answers come in, figures would change with each one, and comparing them would show what one person answered.",
                                ["date": pending.closesOn])))
        )
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.definition, l = context.localizer.language.rawValue
        let id = model.survey.id ?? UUID()
        let title = d.title.text(l, fallback: d.baseLanguage)
        return Layout.page(
            context, title: context.t("Report: {title}", ["title": title]),
            .if(
                model.manages,
                .p(
                    .class("breadcrumb"), .a(.href(SiteURL.surveys.path), .text(context.t("Surveys"))), .text(" › "),
                    .a(.href(SiteURL.survey(.value(id)).path), .text(title)))),
            .h1(.text(context.t("Report: {title}", ["title": title]))),
            .p(
                .id("respondents"), .class("lead"),
                .text(
                    context.localizer.tn("{count} response", "{count} responses", count: model.report.respondents)
                        + " · " + SurveyNames.status(model.survey.status, context))),
            .p(
                .class("no-print"),
                .button(
                    .type(.button), .class("button-secondary"), .attribute(named: "data-print", value: "1"),
                    .text(context.t("Print the report")))),
            .p(
                .class("hint"),
                .text(
                    context.t(
                        "Figures are shown only for groups in which at least five people answered the question, and only where no hidden group could be worked out from the others. Answers in words are listed from ten answers on, in random order."
                    ))),
            .if(!model.recommendations.isEmpty, RecommendationSection.view(context, model.recommendations)),
            .if(!model.corrections.isEmpty, correctionsSection(context, model.corrections)),
            .if(
                model.manages,
                downloadsSection(context, id)),
            .form(
                .id("breakdown-form"), .class("inline-form"), .method(.get), .action(SiteURL.surveyReport(.value(id)).path),
                Components.selectField(id: "by", label: context.t("Break down by"), options: breakdownOptions(context, d), selected: model.breakdown.raw),
                .button(.type(.submit), .class("button-secondary"), .text(context.t("Show")))
            ),
            .forEach(model.report.results) { result in
                questionSection(context, model, result)
            }
        )
    }

    /// Texts corrected after the first answer: respondents before and after read different words.
    static func correctionsSection(_ context: PageContext, _ corrections: [SurveyCorrection]) -> Node<HTML.BodyContext> {
        .section(
            .id("corrections"), .attribute(named: "aria-labelledby", value: "corrections-title"),
            .h2(.id("corrections-title"), .text(context.t("Wording corrected after the first answers"))),
            .ul(
                .forEach(corrections) { c in
                    .li(
                        .text(
                            context.t(
                                "{date}, {language}: “{before}” became “{after}”. Reason: {reason}",
                                ["date": c.madeOn, "language": c.language, "before": c.before, "after": c.after, "reason": c.reason])))
                })
        )
    }

    static func withheldText(_ reason: AnonymityGuard.Suppression?, _ context: PageContext) -> String {
        switch reason {
        case .tooFewAnswers: context.t("Not shown: fewer than five answers")
        case .wouldRevealByDifference: context.t("Not shown: it would reveal a smaller group")
        case nil: ""
        }
    }

    /// "Break down by": the background, then each one-choice and scale question by its whole
    /// text in the reader's language. Two questions with the same text are told apart by
    /// their sections' titles (and, in one section, by their order), never by the variable
    /// names a leader did not choose to read (issue 18).
    static func breakdownOptions(_ context: PageContext, _ d: SurveyDefinition) -> [(value: String, label: String)] {
        let l = context.localizer.language.rawValue, base = d.baseLanguage
        let questions = d.questions.filter { $0.question.kind == .singleChoice || $0.question.kind == .likert }
        let texts = questions.map { $0.question.text.text(l, fallback: base).trimmingCharacters(in: .whitespacesAndNewlines) }
        let named = zip(questions, texts).map { entry, text in
            texts.filter { $0 == text }.count > 1 ? text + " — " + d.sections[entry.section].title.text(l, fallback: base) : text
        }
        var seen: [String: Int] = [:]
        let labels = named.map { label in
            seen[label, default: 0] += 1
            return named.filter { $0 == label }.count > 1 ? label + " (" + String(seen[label] ?? 1) + ")" : label
        }
        return [
            ("", context.t("No breakdown")), ("country", context.t("Country")), ("school", context.t("School")), ("role", context.t("Role")),
        ] + zip(questions, labels).map { (SurveyReport.Breakdown.question($0.question.variable).raw, $1) }
    }

    /// The files of the responses, by where they are opened: in a spreadsheet (CSV as Excel
    /// in the reader's language reads it), or, folded, in R, SPSS and the like (plain CSV,
    /// its codebook, and the syntax and script that read it with its labels).
    static func downloadsSection(_ context: PageContext, _ id: UUID) -> Node<HTML.BodyContext> {
        func link(_ file: String, _ label: String, id elementID: String? = nil) -> Node<HTML.BodyContext> {
            .a(.unwrap(elementID) { .id($0) }, .href(SiteURL.surveyDownload(.value(id), .value(file)).path), .text(label))
        }
        return .section(
            .id("downloads"), .class("no-print"), .attribute(named: "aria-labelledby", value: "downloads-title"),
            .h2(.id("downloads-title"), .text(context.t("Downloads"))),
            .p(
                .class("row-actions"), .span(.class("download-kind"), .text(context.t("For a spreadsheet:"))),
                link(SurveyDownloads.responsesForExcel, context.t("Responses (CSV for Excel)"), id: "download-csv-excel"),
                link(SurveyDownloads.codebookForExcel, context.t("Codebook (CSV for Excel)"))),
            // Folded: what a statistician looks for, and knows to open.
            .details(
                .class("downloads-statistics"),
                .summary(.text(context.t("For R, SPSS and other statistics programs"))),
                .p(
                    .class("row-actions"),
                    link(SurveyDownloads.responses, context.t("Responses (CSV)"), id: "download-csv"),
                    link(SurveyDownloads.codebook, context.t("Codebook (CSV)")),
                    link(SurveyDownloads.spss, context.t("SPSS syntax")),
                    link(SurveyDownloads.r, context.t("R script"))),
                .p(
                    .class("hint"),
                    .text(
                        context.t(
                            "One row per response, with coded values; the codebook lists every variable, its labels and missing codes. In an anonymous survey, background details that would leave fewer than five people alike are left out, and the codebook says which."
                        ))))
        )
    }
}
