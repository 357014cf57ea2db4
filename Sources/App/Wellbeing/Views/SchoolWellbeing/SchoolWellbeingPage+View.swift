import Domain
import Foundation
import Plot

extension SchoolWellbeingPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        let periods = model.report.periods
        return Layout.page(
            context, title: context.t("Staff well-being"),
            .nav(
                .class("breadcrumbs"), .attribute(named: "aria-label", value: context.t("Breadcrumbs")),
                .a(.href(SiteURL.school(.value(model.schoolID)).path), .text(model.schoolName))),
            .h1(.text(context.t("Staff well-being"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "Figures from your staff's check-ins, for groups of at least {count} people. Nobody's own answers can be seen here, and figures that would let a smaller group be worked out are withheld.",
                        ["count": l.number(model.report.minimumGroup)]))),
            .p(
                .id("open-period"), .class("notice-plain"),
                .text(
                    context.t(
                        "{period}: {count} of {staff} staff have checked in so far. Its figures appear when the period ends, so that no single check-in can be worked out from how they change.",
                        [
                            "period": PeriodName.name(model.report.openPeriod.period, l),
                            "count": l.number(model.report.openPeriod.participants), "staff": l.number(model.report.openPeriod.staff),
                        ]))),
            .if(
                periods.isEmpty,
                .p(.id("no-checkins"), .text(context.t("No period with check-ins has ended yet. Staff find the check-in under \"Well-being\" in the menu."))),
                else: .group(
                    WellbeingChart.node(
                        title: context.t("Average well-being and burnout per period (0–100)"),
                        periods.map { .init(label: PeriodName.short($0.period, l), wellbeing: $0.total.wellbeingMean, burnout: $0.total.burnoutMean) },
                        minimumGroup: model.report.minimumGroup, context),
                    .table(
                        .id("wellbeing-periods"), .class("data-table"),
                        .thead(
                            .tr(
                                .th(.text(context.t("Period"))), .th(.text(context.t("Checked in"))),
                                .th(.text(context.t("Well-being"))), .th(.text(context.t("Burnout"))),
                                .th(.text(context.t("Distribution"))))),
                        .tbody(
                            .forEach(periods.reversed()) { period in
                                .tr(
                                    .td(.text(PeriodName.name(period.period, l))),
                                    .td(
                                        .unwrap(
                                            period.participants,
                                            { .text(context.t("{count} of {staff}", ["count": l.number($0), "staff": l.number(period.staff)])) },
                                            else: .text("—"))),
                                    .td(FigureCells.mean(period.total, wellbeing: true, context)),
                                    .td(FigureCells.mean(period.total, wellbeing: false, context)),
                                    .td(FigureCells.bands(period.total, wellbeing: true, context)))
                            })
                    ),
                    WellbeingChart.sdExplained(context),
                    .unwrap(periods.last) { latest in
                        .section(
                            .attribute(named: "aria-labelledby", value: "categories-heading"),
                            .h2(.id("categories-heading"), .text(context.t("By staff group, {period}", ["period": PeriodName.name(latest.period, l)]))),
                            .table(
                                .id("wellbeing-categories"), .class("data-table"),
                                .thead(.tr(.th(.text(context.t("Staff group"))), .th(.text(context.t("Well-being"))), .th(.text(context.t("Burnout"))))),
                                .tbody(
                                    .forEach(StaffCategory.allCases) { category in
                                        let figure = latest.categories[category.rawValue] ?? .init(nil)
                                        return .tr(
                                            .td(.text(CategoryNames.name(category, l))),
                                            .td(FigureCells.mean(figure, wellbeing: true, context)),
                                            .td(FigureCells.mean(figure, wellbeing: false, context)))
                                    })
                            )
                        )
                    }
                )),
            .unwrap(model.networkID) { id in
                .if(model.canSeeNetwork, .p(.a(.href(SiteURL.networkWellbeing(.value(id)).path), .text(context.t("Figures across the network")))))
            },
            .if(model.canManage, settingsForm(context, model))
        )
    }

    static func settingsForm(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let draft = model.draft ?? (model.settings.cadence.rawValue, String(model.settings.minimumGroup), model.settings.helpLines)
        let errors = model.settingsErrors
        return .section(
            .attribute(named: "aria-labelledby", value: "settings-heading"),
            .h2(.id("settings-heading"), .text(context.t("Check-in settings"))),
            Components.errorSummary(context, ["cadence", "minimum_group", "help_lines"].compactMap { errors[$0] }),
            .unwrap(model.pending) { pending in
                .p(
                    .id("pending-settings"), .class("notice-plain"),
                    .text(
                        context.t(
                            "From {period}: {cadence}, figures for groups of at least {count}. The period under way keeps its settings, so figures already shown never change.",
                            [
                                "period": PeriodName.name(pending.from, context.localizer), "cadence": cadenceName(pending.cadence, context),
                                "count": context.localizer.number(pending.minimumGroup),
                            ])))
            },
            .form(
                .id("wellbeing-settings"), .class("stack"), .method(.post), .action(SiteURL.schoolWellbeingSettings(.value(model.schoolID)).path),
                Components.csrfField(context),
                Components.selectField(
                    id: "cadence", label: context.t("How often staff check in"),
                    options: CheckInCadence.allCases.map { ($0.rawValue, cadenceName($0, context)) },
                    selected: draft.cadence, error: errors["cadence"]),
                Components.field(
                    .init(
                        id: "minimum_group", label: context.t("Smallest group whose figures are shown"), type: .number,
                        value: draft.minimum,
                        hint: context.t(
                            "At least {count}. A larger number protects staff in small schools better.",
                            ["count": context.localizer.number(PrivacyThresholds.figures)]),
                        error: errors["minimum_group"])),
                .div(
                    .class("field"),
                    .label(.for("help_lines"), .text(context.t("Help lines shown to staff whose scores are low"))),
                    .p(.id("help_lines-hint"), .class("hint"), .text(context.t("One per line, e.g. \"Teachers' support line — 8000 0000\"."))),
                    .textarea(
                        .id("help_lines"), .name("help_lines"), .rows(4), .attribute(named: "aria-describedby", value: "help_lines-hint"),
                        .text(draft.helpLines))),
                Components.submit(context.t("Save settings"))
            )
        )
    }
}

extension SchoolWellbeingPage {
    static func cadenceName(_ cadence: CheckInCadence, _ context: PageContext) -> String {
        switch cadence {
        case .monthly: context.t("Every month")
        case .everyTwoMonths: context.t("Every two months")
        case .termly: context.t("Every three months")
        }
    }
}

enum CategoryNames {
    static func name(_ category: StaffCategory, _ l: Localizer) -> String {
        switch category {
        case .teaching: l.t("Teachers")
        case .support: l.t("Support staff")
        case .leadership: l.t("Leaders")
        }
    }
}
