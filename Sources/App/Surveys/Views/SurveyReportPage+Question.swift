import Domain
import Foundation
import Plot

/// One question of the report: its chart, and its figures as a table folded under it
/// (issue 18: a report a leader reads through, also on a phone; the table, with a column
/// per group when broken down, opens on request and when printed).
extension SurveyReportPage {
    /// Answers in words shown before the rest are folded (they come shuffled).
    static let textsShown = 3

    static func questionSection(_ context: PageContext, _ model: Model, _ result: SurveyReport.QuestionResult) -> Node<HTML.BodyContext> {
        let d = model.definition, l = context.localizer.language.rawValue, base = d.baseLanguage
        let q = result.question
        let title = q.text.text(l, fallback: base)
        // The heading is the question; its variable names, for those who read the downloads,
        // are under its table (issue 18: a report for leaders, not statisticians).
        let heading: Node<HTML.BodyContext> = .h2(.text(title))
        if q.kind.isText {
            return .section(
                .class("report-question"), .id("r-" + q.variable), heading,
                // Below the minimum not even how many: it would tell how many chose the answer
                // that led to a conditional question.
                result.texts.isEmpty
                    ? .p(.class("withheld"), .text(context.t("Not shown: fewer than ten answers")))
                    : .group(
                        .p(.class("meta"), .text(context.localizer.tn("{count} answer", "{count} answers", count: result.textCount))),
                        .ul(.class("report-texts"), .forEach(result.texts.prefix(Self.textsShown)) { .li(.text($0)) }),
                        .if(
                            result.texts.count > Self.textsShown,
                            .details(
                                .class("report-texts-more print-open"),
                                .summary(
                                    .text(
                                        context.localizer.tn(
                                            "The other {count} answer", "The other {count} answers", count: result.texts.count - Self.textsShown))),
                                .ul(.class("report-texts"), .forEach(result.texts.dropFirst(Self.textsShown)) { .li(.text($0)) })))))
        }
        let table = FigureTable(context: context, model: model, result: result, title: title)
        switch q.kind {
        case .likert, .singleChoice, .multipleChoice:
            return .section(
                .class("report-question"), .id("r-" + q.variable), heading,
                .if(q.kind == .multipleChoice, .p(.class("hint"), .text(context.t("Several answers possible: shares are of the people who answered.")))),
                table.block(
                    title, { $0.distribution }, { $0.n }, stats: q.kind == .likert,
                    exported: q.kind == .multipleChoice ? q.options.map { q.variable + "_" + String($0.value) } : [q.variable]))
        case .matrix:
            return .section(
                .class("report-question"), .id("r-" + q.variable), heading,
                .forEach(q.rows) { row in
                    let rowText = row.text.text(l, fallback: base)
                    return .group(
                        .h3(.text(rowText)),
                        table.block(
                            rowText, { $0.rows[row.variable] ?? Distribution() }, { $0.rows[row.variable]?.n ?? 0 }, stats: true,
                            exported: [row.variable]))
                })
        case .number, .shortText, .longText:
            // No chart to fold a table under: the few figures of a number stay in sight.
            return .section(.class("report-question"), .id("r-" + q.variable), heading, table.numberTable())
        }
    }

    /// The tables of one question's figures: a column for the whole and one per group.
    struct FigureTable {
        var context: PageContext
        var model: Model
        var result: SurveyReport.QuestionResult
        var title: String

        var columns: [SurveyReport.Column] { result.columns }
        var language: String { context.localizer.language.rawValue }

        func label(_ text: LocalizedText) -> String { text.text(language, fallback: model.definition.baseLanguage) }

        /// A scrolling region (keyboard-reachable) whose first column stays in place on a phone,
        /// named by what it shows (a matrix's statement, so that no two regions share a name).
        func scrolling<C: HTML.BodyContext>(_ table: Node<C>, name: String) -> Node<C> {
            .div(
                .class("table-scroll"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
                .attribute(named: "aria-label", value: name), table)
        }

        func cell(_ column: SurveyReport.Column, _ count: Int, _ n: Int) -> Node<HTML.TableRowContext> {
            column.withheld == nil
                ? .td(.class("num"), .text(String(count) + " (" + context.localizer.percent(n == 0 ? 0 : Double(count) / Double(n)) + ")"))
                : .td(.class("num withheld"), .text("–"))
        }

        func header(_ first: String) -> Node<HTML.TableContext> {
            .thead(
                .tr(
                    .th(.attribute(named: "scope", value: "col"), .text(first)),
                    .forEach(columns) { c in .th(.attribute(named: "scope", value: "col"), .class("num"), .text(c.group.label)) }))
        }

        func nRow() -> Node<HTML.TableContext> {
            .tr(
                .class("n-row"), .th(.attribute(named: "scope", value: "row"), .text(context.t("Answered"))),
                .forEach(columns) { c in
                    c.withheld == nil ? .td(.class("num"), .text(String(c.n))) : .td(.class("num withheld"), .text(withheldText(c.withheld, context)))
                })
        }

        func statRow(_ name: String, _ value: (SurveyReport.Column) -> String?) -> Node<HTML.TableContext> {
            .tr(
                .th(.attribute(named: "scope", value: "row"), .text(name)),
                .forEach(columns) { c in .td(.class("num"), .text(c.withheld == nil ? value(c) ?? "–" : "–")) })
        }

        func statsRows(_ dist: (SurveyReport.Column) -> Distribution) -> Node<HTML.TableContext> {
            .group(
                statRow(context.t("Mean"), { dist($0).mean.map { context.localizer.decimal($0) } }),
                statRow(context.t("Median"), { dist($0).median.map { context.localizer.decimal($0, digits: 1) } }),
                statRow(context.t("Standard deviation"), { dist($0).standardDeviation.map { context.localizer.decimal($0) } }))
        }

        /// Where the figures are in the downloads: their columns (the first and last of many).
        func exportedNote<C: HTML.BodyContext>(_ variables: [String]) -> Node<C> {
            let names = variables.count > 2 ? (variables.first ?? "") + " … " + (variables.last ?? "") : variables.joined(separator: ", ")
            return .p(.class("meta"), .text(context.t("In the downloads: {variables}", ["variables": names])))
        }

        /// The chart of the whole (or why there is none), and under it the table of every
        /// column, folded. Shares are of the people who answered.
        func block(
            _ chartTitle: String, _ dist: @escaping (SurveyReport.Column) -> Distribution, _ n: @escaping (SurveyReport.Column) -> Int, stats: Bool,
            exported: [String]
        ) -> Node<HTML.BodyContext> {
            let q = result.question
            let total = columns.first
            return .group(
                total.flatMap { $0.withheld == nil ? $0 : nil }.map { t in
                    let bars = q.options.map { o in
                        let count = dist(t).counts[o.value] ?? 0
                        return (label(o.label), count, n(t) == 0 ? 0 : Double(count) / Double(n(t)))
                    }
                    // One for a wide screen and one for a phone; CSS shows one.
                    return .group(
                        SurveyChart.svg(title: chartTitle, bars: bars, context: context),
                        SurveyChart.narrowSVG(title: chartTitle, bars: bars, context: context))
                } ?? .p(.class("withheld"), .text(withheldText(total?.withheld ?? .tooFewAnswers, context))),
                .details(
                    .class("figures print-open"),
                    .summary(.text(model.breakdown == .none ? context.t("Figures as a table") : context.t("Figures for each group, as a table"))),
                    scrolling(
                        .table(
                            .class("data-table report-table sticky-first"),
                            header(context.t("Answer")),
                            .tbody(
                                .forEach(q.options) { o in
                                    .tr(
                                        .th(.attribute(named: "scope", value: "row"), .text(label(o.label))),
                                        .forEach(columns) { c in cell(c, dist(c).counts[o.value] ?? 0, n(c)) })
                                },
                                nRow(),
                                .if(stats, statsRows(dist))
                            )),
                        name: chartTitle),
                    exportedNote(exported)))
        }

        /// A number's n, mean, median and standard deviation, per column.
        func numberTable() -> Node<HTML.BodyContext> {
            .group(
                numberFigures(),
                exportedNote([result.question.variable]))
        }

        private func numberFigures() -> Node<HTML.BodyContext> {
            scrolling(
                .table(
                    .class("data-table report-table sticky-first"),
                    header(context.t("Figure")),
                    .tbody(
                        nRow(),
                        statRow(context.t("Mean"), { $0.number?.mean.map { context.localizer.decimal($0) } }),
                        statRow(context.t("Median"), { $0.number?.median.map { context.localizer.decimal($0, digits: 1) } }),
                        statRow(context.t("Standard deviation"), { $0.number?.standardDeviation.map { context.localizer.decimal($0) } })
                    )),
                name: title)
        }
    }
}
