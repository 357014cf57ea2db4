import Domain
import Plot

/// A network's well-being figures for its coordinators: the network and each school.
enum NetworkWellbeingPage {
    struct Model {
        var name: String
        var report: WellbeingAPI.NetworkReport
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        let periods = model.report.periods
        return Layout.page(
            context, title: context.t("Staff well-being across {network}", ["network": model.name]),
            .h1(.text(context.t("Staff well-being across {network}", ["network": model.name]))),
            .p(
                .class("lead"),
                .text(
                    context.t("Figures for groups of at least {count} people; nobody's own answers are shown.", ["count": l.number(model.report.minimumGroup)]))
            ),
            .if(
                periods.isEmpty, .p(.text(context.t("Nobody in this network has checked in yet."))),
                else: .group(
                    WellbeingChart.node(
                        title: context.t("Average well-being and burnout per period (0–100)"),
                        periods.map { .init(label: PeriodName.short($0.period, l), wellbeing: $0.total.wellbeingMean, burnout: $0.total.burnoutMean) },
                        minimumGroup: model.report.minimumGroup, context),
                    WellbeingChart.sdExplained(context),
                    // The latest period open; earlier ones folded, so the page stays short on a
                    // phone however many periods a network has (issue 18).
                    .unwrap(periods.last) { periodTable(context, $0) },
                    .if(
                        periods.count > 1,
                        .details(
                            .id("earlier-periods"),
                            .summary(.text(l.tn("{count} earlier period", "{count} earlier periods", count: periods.count - 1))),
                            .forEach(periods.dropLast().reversed()) { periodTable(context, $0) }))
                ))
        )
    }

    /// One period's table: the network, then each school.
    private static func periodTable<Context: HTML.BodyContext>(_ context: PageContext, _ period: WellbeingAPI.NetworkPeriod) -> Node<Context> {
        let l = context.localizer
        return .section(
            .h2(.text(PeriodName.name(period.period, l))),
            .table(
                .class("data-table network-wellbeing"),
                .thead(
                    .tr(
                        .th(.text(context.t("School"))), .th(.text(context.t("Checked in"))),
                        .th(.text(context.t("Well-being"))), .th(.text(context.t("Burnout"))))),
                .tbody(
                    .tr(
                        .class("total"), .td(.strong(.text(context.t("All schools")))),
                        // Counts beside withheld figures are withheld with them (issue 14, class 4).
                        .td(.text(period.total.count.map { l.number($0) } ?? "—")),
                        .td(FigureCells.mean(period.total, wellbeing: true, context)),
                        .td(FigureCells.mean(period.total, wellbeing: false, context))),
                    .forEach(period.schools) { school in
                        .tr(
                            .td(.text(school.schoolName)), .td(.text(school.participants.map { l.number($0) } ?? "—")),
                            .td(FigureCells.mean(school.figure, wellbeing: true, context)),
                            .td(FigureCells.mean(school.figure, wellbeing: false, context)))
                    }
                )
            )
        )
    }
}
