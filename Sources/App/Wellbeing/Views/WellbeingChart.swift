import Domain
import Plot

/// The well-being and burnout chart of the personal, school and network pages, with the
/// legend that says which way is good: the two scales run in opposite directions (a higher
/// WHO-5 is better, a higher CBI is worse), which a reader must not have to know (issue 18,
/// point 4). When every figure of the chart is withheld, it says so instead of drawing an
/// empty frame.
enum WellbeingChart {
    struct Point {
        var label: String
        var wellbeing: Double?
        var burnout: Double?
    }

    static func node(title: String, _ points: [Point], minimumGroup: Int?, _ context: PageContext) -> Node<HTML.BodyContext> {
        guard points.contains(where: { $0.wellbeing != nil || $0.burnout != nil }) else {
            return .p(
                .class("chart-empty"),
                .text(
                    minimumGroup.map {
                        context.t(
                            "No figures to draw yet: a period's figures are shown once at least {count} people have checked in.",
                            ["count": context.localizer.number($0)])
                    }
                        ?? context.t("No figures to draw yet.")))
        }
        return .group(
            LineChart(
                title: title, labels: points.map(\.label),
                series: [
                    .init(name: context.t("Well-being"), values: points.map(\.wellbeing), dashed: false),
                    .init(name: context.t("Burnout"), values: points.map(\.burnout), dashed: true),
                ]
            ).node(),
            legend(context))
    }

    static func legend(_ context: PageContext) -> Node<HTML.BodyContext> {
        .ul(
            .class("legend"),
            .li(
                .span(.class("legend-mark"), .attribute(named: "aria-hidden", value: "true"), .text("● ")),
                .text(context.t("Well-being (WHO-5): higher is better"))),
            .li(
                .span(.class("legend-mark"), .attribute(named: "aria-hidden", value: "true"), .text("■ - - ")),
                .text(context.t("Burnout (CBI): lower is better"))))
    }

    /// What "SD" in the tables means, in words.
    static func sdExplained(_ context: PageContext) -> Node<HTML.BodyContext> {
        .p(
            .class("meta sd-explained"),
            .text(
                context.t(
                    "SD (standard deviation) says how far the answers spread around the average: about two in three people lie within one SD of it. A small SD means the staff feel much alike; a large one that some are doing far better than others."
                )))
    }
}
