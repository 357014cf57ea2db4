import Domain
import Plot

/// The person's own trend, with a chart and the same numbers as a table.
enum HistorySection {
    static func view(_ context: PageContext, _ history: [WellbeingPersonalEntry]) -> Node<HTML.BodyContext> {
        let l = context.localizer
        return .section(
            .attribute(named: "aria-labelledby", value: "history-heading"),
            .h2(.id("history-heading"), .text(context.t("My history"))),
            .if(
                history.isEmpty,
                .p(
                    .text(context.t("You have not kept any check-ins. Tick \"Keep this check-in in my own history\" when you check in to see your trend here."))
                ),
                else: .group(
                    WellbeingChart.node(
                        title: context.t("My well-being and burnout over time (0–100)"),
                        history.map { .init(label: PeriodName.short($0.period, l), wellbeing: $0.wellbeing, burnout: $0.burnout) },
                        minimumGroup: nil, context),
                    .table(
                        .id("my-history"), .class("data-table"),
                        .thead(
                            .tr(
                                .th(.text(context.t("Period"))), .th(.text(context.t("Well-being"))),
                                .th(.text(context.t("Burnout"))), .th(.text(context.t("Note"))))),
                        .tbody(
                            .forEach(history.reversed()) { entry in
                                .tr(
                                    .td(.text(PeriodName.name(entry.period, l))),
                                    .td(
                                        .text(
                                            "\(l.number(Int(entry.wellbeing.rounded()))) — \(InstrumentText.bandName(.who5(entry.wellbeing), wellbeing: true, l))"
                                        )),
                                    .td(
                                        .text(
                                            "\(l.number(Int(entry.burnout.rounded()))) — \(InstrumentText.bandName(.burnout(entry.burnout), wellbeing: false, l))"
                                        )),
                                    .td(.text(entry.note)))
                            })
                    ),
                    .p(
                        .class("actions"),
                        .a(.id("history-download"), .class("button-secondary"), .href(SiteURL.wellbeingExport.path), .text(context.t("Download my check-ins"))),
                        // A link to the page that asks first (`ConfirmPage`), not the deletion itself.
                        .a(
                            .id("history-delete"), .class("button-secondary"), .href(SiteURL.wellbeingHistoryDelete.path),
                            .text(context.t("Delete my history"))))
                ))
        )
    }
}
