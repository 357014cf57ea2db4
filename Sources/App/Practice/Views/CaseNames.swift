import Domain
import Fluent
import Foundation
import Plot
import Vapor

enum CaseNames {
    static func step(_ step: CaseStep, _ localizer: Localizer) -> String { name(step) { localizer.t($0) } }
    static func step(_ step: CaseStep, _ context: PageContext) -> String { name(step) { context.t($0) } }

    private static func name(_ step: CaseStep, _ t: (String) -> String) -> String {
        switch step {
        case .opening: t("Opening")
        case .presentation: t("Case presentation")
        case .questions: t("Clarifying questions")
        case .keyQuestion: t("Key question")
        case .hypotheses: t("Hypotheses")
        case .advice: t("Advice")
        case .ownerReflection: t("The case owner's reflection")
        case .processReflection: t("Looking back on the session")
        }
    }

    /// What happens in the step, as the facilitator reads it out.
    static func guidance(_ step: CaseStep, _ context: PageContext) -> String {
        switch step {
        case .opening: context.t("A short round of how everyone is. The facilitator reminds the group that what is said stays here, and the case is chosen.")
        case .presentation:
            context.t(
                "The case owner tells what happened, who is involved (by role, not by name), what they have already tried and why it matters now. Nobody interrupts."
            )
        case .questions: context.t("Open questions about facts only, to understand the situation. \"Have you tried…?\" is advice and waits for its own step.")
        case .keyQuestion: context.t("The case owner completes the sentence \"My question to the group is…\", about what they themselves can do.")
        case .hypotheses:
            context.t(
                "Members offer possible readings, each beginning \"Perhaps…\", including how the pupil, the parents or the class might see it. The case owner listens and takes notes."
            )
        case .advice:
            context.t("Concrete suggestions, one or two sentences each: \"In your place I might…\". Variety, not agreement. The case owner still listens.")
        case .ownerReflection:
            context.t(
                "The case owner says which readings struck them, which advice they will try and what their next step is. They need not answer every point.")
        case .processReflection:
            context.t(
                "Did we keep the steps apart? How was it to bring the case? What does each of us take for our own work? Agree the next date and who facilitates."
            )
        }
    }
}
