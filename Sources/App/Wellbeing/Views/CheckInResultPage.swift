import Domain
import Plot

/// Shown right after a check-in: the two scores with what they mean, and support when
/// they are low. Rendered once and not stored unless the person keeps a history.
enum CheckInResultPage {
    struct Model {
        var scores: CheckInScores
        var kept: Bool
        /// False when the person joined the school, or took their role, after the period began.
        var inFigures: Bool = true
        var support: SupportPage.Model
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        let who5 = WellbeingBand.who5(model.scores.wellbeing)
        let burnout = WellbeingBand.burnout(model.scores.burnout)
        return Layout.page(
            context, title: context.t("Thank you for checking in"),
            .h1(.text(context.t("Thank you for checking in"))),
            .dl(
                .class("facts"), .id("my-scores"),
                .dt(.text(context.t("Well-being (WHO-5, 0–100)"))),
                .dd(
                    .id("wellbeing-score"), .class("band-\(who5.rawValue)"),
                    .strong(.text("\(l.number(Int(model.scores.wellbeing.rounded()))) — \(InstrumentText.bandName(who5, wellbeing: true, l))")),
                    .br(), .text(context.t("Higher is better.") + " " + InstrumentText.meaning(who5, wellbeing: true, l))),
                .dt(.text(context.t("Work-related burnout (CBI, 0–100)"))),
                .dd(
                    .id("burnout-score"), .class("band-\(burnout.rawValue)"),
                    .strong(.text("\(l.number(Int(model.scores.burnout.rounded()))) — \(InstrumentText.bandName(burnout, wellbeing: false, l))")),
                    .br(), .text(context.t("Lower is better.") + " " + InstrumentText.meaning(burnout, wellbeing: false, l)))),
            // The message follows the worse of the two scales: good well-being does not
            // outweigh a moderate burnout (issue 18, point 4).
            .if(
                model.scores.suggestsSupport, SupportPage.section(context, model.support),
                else: .p(
                    .id("doing-well"),
                    .text(context.t("Your answers suggest you are doing well at the moment. Keep an eye on yourself and on your colleagues.")))),
            .if(
                !model.inFigures,
                .p(
                    .id("not-in-figures"),
                    .text(
                        context.t(
                            "You joined your school, or took your present role, after this period began, so this check-in is not in your school's figures. From the next period on, your check-ins count in them, without your name."
                        )))),
            .p(
                .text(
                    model.kept
                        ? context.t("This check-in is in your own history.")
                        : model.inFigures
                            ? context.t("You chose not to keep this check-in: only your school's anonymous figures include it.")
                            : context.t("You chose not to keep this check-in: it is not stored anywhere."))),
            .p(.a(.href(SiteURL.wellbeing.path), .text(context.t("Back to my check-ins"))))
        )
    }
}
