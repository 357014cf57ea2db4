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

    static func pendingView(_ context: PageContext, survey: Survey, title: LocalizedText, pending: Pending, manages: Bool) -> HTML {
        let id = survey.id ?? UUID()
        let heading = title.text(context.localizer.language.rawValue, fallback: "en")
        return Layout.page(
            context, title: context.t("Report: {title}", ["title": survey.title]),
            .if(
                manages,
                .p(
                    .class("breadcrumb"), .a(.href(SiteURL.surveys.path), .text(context.t("Surveys"))), .text(" › "),
                    .a(.href(SiteURL.survey(.value(id)).path), .text(survey.title)))),
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
        let d = model.definition, l = context.localizer.language.rawValue, base = d.baseLanguage
        let id = model.survey.id ?? UUID()
        var breakdowns: [(value: String, label: String)] = [
            ("", context.t("No breakdown")), ("country", context.t("Country")),
            ("school", context.t("School")), ("role", context.t("Role")),
        ]
        for (_, q) in d.questions where q.kind == .singleChoice || q.kind == .likert {
            breakdowns.append((q.variable, q.variable + ": " + String(q.text.text(l, fallback: base).prefix(60))))
        }
        return Layout.page(
            context, title: context.t("Report: {title}", ["title": model.survey.title]),
            .if(
                model.manages,
                .p(
                    .class("breadcrumb"), .a(.href(SiteURL.surveys.path), .text(context.t("Surveys"))), .text(" › "),
                    .a(.href(SiteURL.survey(.value(id)).path), .text(model.survey.title)))),
            .h1(.text(context.t("Report: {title}", ["title": d.title.text(l, fallback: base)]))),
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
                .section(
                    .id("downloads"), .class("no-print"), .attribute(named: "aria-labelledby", value: "downloads-title"),
                    .h2(.id("downloads-title"), .text(context.t("Downloads"))),
                    .ul(
                        .class("row-actions"),
                        .li(
                            .a(
                                .id("download-csv"), .href(SiteURL.surveyDownload(.value(id), .value(SurveyDownloads.responses)).path),
                                .text(context.t("Responses (CSV)")))),
                        .li(.a(.href(SiteURL.surveyDownload(.value(id), .value(SurveyDownloads.codebook)).path), .text(context.t("Codebook (CSV)")))),
                        .li(.a(.href(SiteURL.surveyDownload(.value(id), .value(SurveyDownloads.spss)).path), .text(context.t("SPSS syntax")))),
                        .li(.a(.href(SiteURL.surveyDownload(.value(id), .value(SurveyDownloads.r)).path), .text(context.t("R script"))))),
                    .p(
                        .class("hint"),
                        .text(
                            context.t(
                                "One row per response, with coded values; the codebook lists every variable, its labels and missing codes. In an anonymous survey, background details that would leave fewer than five people alike are left out, and the codebook says which."
                            )))
                )),
            .form(
                .id("breakdown-form"), .class("inline-form"), .method(.get), .action(SiteURL.surveyReport(.value(id)).path),
                Components.selectField(id: "by", label: context.t("Break down by"), options: breakdowns, selected: model.breakdown.raw),
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

    static func questionSection(_ context: PageContext, _ model: Model, _ result: SurveyReport.QuestionResult) -> Node<HTML.BodyContext> {
        let d = model.definition, l = context.localizer.language.rawValue, base = d.baseLanguage
        let q = result.question
        let title = q.text.text(l, fallback: base)
        let total = result.columns.first
        let heading: Node<HTML.BodyContext> = .h2(.text(title), .span(.class("meta"), .text(" (" + q.variable + ")")))
        if q.kind.isText {
            return .section(
                .class("report-question"), .id("r-" + q.variable), heading,
                // Below the minimum not even how many: it would tell how many chose the answer
                // that led to a conditional question.
                result.texts.isEmpty
                    ? .p(.class("withheld"), .text(context.t("Not shown: fewer than ten answers")))
                    : .group(
                        .p(.class("meta"), .text(context.localizer.tn("{count} answer", "{count} answers", count: result.textCount))),
                        .ul(.class("report-texts"), .forEach(result.texts) { .li(.text($0)) })))
        }
        let columns = result.columns
        func cell(_ column: SurveyReport.Column, _ count: Int, _ n: Int) -> Node<HTML.TableRowContext> {
            column.withheld == nil
                ? .td(.class("num"), .text(String(count) + " (" + context.localizer.percent(n == 0 ? 0 : Double(count) / Double(n)) + ")"))
                : .td(.class("num withheld"), .text("–"))
        }
        func header() -> Node<HTML.TableContext> {
            .thead(
                .tr(
                    .th(.attribute(named: "scope", value: "col"), .text(context.t("Answer"))),
                    .forEach(columns) { c in .th(.attribute(named: "scope", value: "col"), .class("num"), .text(c.group.label)) }))
        }
        func nRow() -> Node<HTML.TableContext> {
            .tr(
                .class("n-row"), .th(.attribute(named: "scope", value: "row"), .text(context.t("Answered"))),
                .forEach(columns) { c in
                    c.withheld == nil ? .td(.class("num"), .text(String(c.n))) : .td(.class("num withheld"), .text(withheldText(c.withheld, context)))
                })
        }
        func statsRows(_ dist: (SurveyReport.Column) -> Distribution) -> Node<HTML.TableContext> {
            .group(
                .tr(
                    .th(.attribute(named: "scope", value: "row"), .text(context.t("Mean"))),
                    .forEach(columns) { c in .td(.class("num"), .text(c.withheld == nil ? dist(c).mean.map { context.localizer.decimal($0) } ?? "–" : "–")) }),
                .tr(
                    .th(.attribute(named: "scope", value: "row"), .text(context.t("Median"))),
                    .forEach(columns) { c in
                        .td(.class("num"), .text(c.withheld == nil ? dist(c).median.map { context.localizer.decimal($0, digits: 1) } ?? "–" : "–"))
                    }),
                .tr(
                    .th(.attribute(named: "scope", value: "row"), .text(context.t("Standard deviation"))),
                    .forEach(columns) { c in
                        .td(.class("num"), .text(c.withheld == nil ? dist(c).standardDeviation.map { context.localizer.decimal($0) } ?? "–" : "–"))
                    }))
        }
        // A chart of the whole and a table of every column, for one distribution of a
        // question (a matrix has one per statement). Shares are of the people who answered.
        func block(
            _ chartTitle: String, _ dist: @escaping (SurveyReport.Column) -> Distribution, _ n: @escaping (SurveyReport.Column) -> Int,
            stats: Bool
        ) -> Node<HTML.BodyContext> {
            .group(
                .unwrap(total.flatMap { $0.withheld == nil ? $0 : nil }) { t in
                    SurveyChart.svg(
                        title: chartTitle,
                        bars: q.options.map { o in
                            let count = dist(t).counts[o.value] ?? 0
                            return (o.label.text(l, fallback: base), count, n(t) == 0 ? 0 : Double(count) / Double(n(t)))
                        }, context: context)
                },
                .div(
                    .class("table-scroll"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: title),
                    .table(
                        .class("data-table report-table"),
                        header(),
                        .tbody(
                            .forEach(q.options) { o in
                                .tr(
                                    .th(.attribute(named: "scope", value: "row"), .text(o.label.text(l, fallback: base))),
                                    .forEach(columns) { c in cell(c, dist(c).counts[o.value] ?? 0, n(c)) })
                            },
                            nRow(),
                            .if(stats, statsRows(dist))
                        ))))
        }
        switch q.kind {
        case .likert, .singleChoice, .multipleChoice:
            return .section(
                .class("report-question"), .id("r-" + q.variable), heading,
                .if(q.kind == .multipleChoice, .p(.class("hint"), .text(context.t("Several answers possible: shares are of the people who answered.")))),
                block(title, { $0.distribution }, { $0.n }, stats: q.kind == .likert))
        case .matrix:
            return .section(
                .class("report-question"), .id("r-" + q.variable), heading,
                .forEach(q.rows) { row in
                    let rowText = row.text.text(l, fallback: base)
                    return .group(
                        .h3(.text(rowText)),
                        block(rowText, { $0.rows[row.variable] ?? Distribution() }, { $0.rows[row.variable]?.n ?? 0 }, stats: true))
                })
        case .number, .shortText, .longText:
            return .section(
                .class("report-question"), .id("r-" + q.variable), heading,
                .div(
                    .class("table-scroll"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: title),
                    .table(
                        .class("data-table report-table"),
                        .thead(
                            .tr(
                                .th(.attribute(named: "scope", value: "col"), .text(context.t("Figure"))),
                                .forEach(columns) { c in .th(.attribute(named: "scope", value: "col"), .class("num"), .text(c.group.label)) })),
                        .tbody(
                            nRow(),
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(context.t("Mean"))),
                                .forEach(columns) { c in .td(.class("num"), .text(c.number?.mean.map { context.localizer.decimal($0) } ?? "–")) }),
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(context.t("Median"))),
                                .forEach(columns) { c in .td(.class("num"), .text(c.number?.median.map { context.localizer.decimal($0, digits: 1) } ?? "–")) }),
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(context.t("Standard deviation"))),
                                .forEach(columns) { c in .td(.class("num"), .text(c.number?.standardDeviation.map { context.localizer.decimal($0) } ?? "–")) })
                        ))))
        }
    }
}
