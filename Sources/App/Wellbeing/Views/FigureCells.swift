import Domain
import Plot

/// How a guarded figure reads in a table: the numbers, or why they are withheld.
enum FigureCells {
    static func mean(_ figure: WellbeingAPI.Figure, wellbeing: Bool, _ context: PageContext) -> Node<HTML.BodyContext> {
        guard figure.shown, let mean = wellbeing ? figure.wellbeingMean : figure.burnoutMean,
            let sd = wellbeing ? figure.wellbeingSD : figure.burnoutSD
        else { return withheld(figure, context) }
        // Whole numbers rounded once, from the unrounded figures (the API's are to one decimal).
        let exactMean = figure.exact.map { wellbeing ? $0.wellbeingMean : $0.burnoutMean } ?? mean
        let exactSD = figure.exact.map { wellbeing ? $0.wellbeingSD : $0.burnoutSD } ?? sd
        let l = context.localizer
        return .text(context.t("{mean} (SD {sd})", ["mean": l.number(Int(exactMean.rounded())), "sd": l.number(Int(exactSD.rounded()))]))
    }

    static func bands(_ figure: WellbeingAPI.Figure, wellbeing: Bool, _ context: PageContext) -> Node<HTML.BodyContext> {
        guard figure.shown, let count = figure.count, count > 0,
            let bands = wellbeing ? figure.wellbeingBands : figure.burnoutBands
        else { return .text("—") }
        let l = context.localizer
        let parts = WellbeingBand.allCases.map { band in
            "\(InstrumentText.bandName(band, wellbeing: wellbeing, l)) \(l.number(Int((Double(bands[band.rawValue] ?? 0) * 100 / Double(count)).rounded()))) %"
        }
        return .text(parts.joined(separator: " · "))
    }

    static func withheld(_ figure: WellbeingAPI.Figure, _ context: PageContext) -> Node<HTML.BodyContext> {
        .span(
            .class("suppressed"),
            .text(
                figure.reason == "would_reveal_by_difference"
                    ? context.t("Not shown: with the other figures it would reveal a group that is too small")
                    : context.t("Not shown: too few answers")))
    }
}
