import Domain
import Foundation

/// The words of the survey tool in the reader's language.
enum SurveyNames {
    static func kind(_ kind: SurveyDefinition.Kind, _ context: PageContext) -> String {
        switch kind {
        case .likert: context.t("Scale (agree–disagree or similar)")
        case .singleChoice: context.t("One choice")
        case .multipleChoice: context.t("Several choices")
        case .number: context.t("Number")
        case .shortText: context.t("Short text")
        case .longText: context.t("Long text")
        case .matrix: context.t("Several statements on one scale")
        }
    }

    static func status(_ status: Survey.Status, _ context: PageContext) -> String {
        switch status {
        case .draft: context.t("Draft")
        case .open: context.t("Open")
        case .closed: context.t("Closed")
        }
    }

    /// Where a problem is, then what it is.
    static func problem(_ p: DefinitionProblem, _ context: PageContext) -> String {
        var place = ""
        if let section = p.section { place = context.t("Section {number}", ["number": String(section)]) }
        if let question = p.question { place += (place.isEmpty ? "" : ", ") + context.t("question {variable}", ["variable": question]) }
        let what: String =
            switch p.kind {
            case .noLanguages: context.t("The survey needs at least one language.")
            case .unsupportedLanguage(let l): context.t("Collegium does not offer the language \"{language}\".", ["language": l])
            case .baseLanguageNotListed: context.t("The base language must be one of the survey's languages.")
            case .missingTitle: context.t("The survey needs a title in its base language.")
            case .noSections: context.t("The survey needs at least one section.")
            case .emptySection: context.t("This section has no questions.")
            case .missingText: context.t("A text is missing in the base language.")
            case .textTooLong: context.t("A text is longer than 2,000 characters.")
            case .badVariable(let v):
                context.t("\"{variable}\" cannot be a variable name: use a lower-case letter, then letters, digits or _ (32 at most).", ["variable": v])
            case .duplicateVariable(let v): context.t("The variable name \"{variable}\" is used twice.", ["variable": v])
            case .tooFewOptions: context.t("A closed question needs at least two options.")
            case .duplicateOptionValue(let v): context.t("Two options have the code {code}.", ["code": String(v)])
            case .noRows: context.t("A matrix needs at least one statement.")
            case .badRange: context.t("The smallest number allowed is above the largest.")
            case .conditionUnknown(let v): context.t("The condition refers to \"{variable}\", which is not a question of this survey.", ["variable": v])
            case .conditionNotEarlier(let v): context.t("The condition refers to \"{variable}\", which is asked later: it must come before.", ["variable": v])
            case .conditionNotClosed(let v):
                context.t("The condition refers to \"{variable}\": only one-choice and scale questions can be conditions.", ["variable": v])
            case .conditionValueUnknown(let c): context.t("The condition's code {code} is not one of the options.", ["code": String(c)])
            case .tooManyQuestions: context.t("A survey has at most 200 questions.")
            }
        return place.isEmpty ? what : place + ": " + what
    }

    static func answerProblem(_ p: AnswerProblem, _ context: PageContext) -> String {
        switch p {
        case .required: context.t("Please answer this question.")
        case .notAnOption: context.t("Choose one of the options offered.")
        case .notANumber: context.t("Enter a number, for example 12 or 3.5.")
        case .outOfRange(let lo, let hi):
            context.t("Enter a number from {min} to {max}.", ["min": lo.map(Self.number) ?? "–", "max": hi.map(Self.number) ?? "–"])
        case .tooLong(let max): context.t("Keep the answer under {count} characters.", ["count": String(max)])
        case .rowsMissing: context.t("Please answer every statement.")
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    /// A five-point agreement scale in the reader's language, offered for new scale questions.
    static func agreementScale(_ context: PageContext) -> [String] {
        [context.t("Strongly disagree"), context.t("Disagree"), context.t("Neither agree nor disagree"), context.t("Agree"), context.t("Strongly agree")]
    }
}
