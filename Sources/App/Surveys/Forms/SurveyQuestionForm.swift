import Domain
import Foundation
import Vapor

/// The designer's form for a new question, kept as typed to show it again with its problems.
struct SurveyQuestionForm: Content {
    var section: String?
    var kind: String?
    var variable: String?
    var text: String?
    var help: String?
    var required: String?
    var options: String?
    var rows: String?
    var minimum: String?
    var maximum: String?
    var condition_variable: String?
    var condition_values: String?

    /// `definition` with the new question at the end of its section, or the problems by
    /// field, in the designer's language. Only the new question's problems count: the rest
    /// of the survey may still be in progress.
    func validated(adding definition: SurveyDefinition, _ context: PageContext) -> (definition: SurveyDefinition?, errors: [String: String]) {
        let base = definition.baseLanguage
        var errors: [String: String] = [:]
        let sectionIndex = section.flatMap(Int.init).flatMap { definition.sections.indices.contains($0) ? $0 : nil }
        let kind = self.kind.flatMap(SurveyDefinition.Kind.init(rawValue:))
        let variable = (self.variable ?? "").trimmingCharacters(in: .whitespaces)
        let text = (self.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var optionLabels = Self.lines(options)
        if kind == .likert || kind == .matrix, optionLabels.isEmpty { optionLabels = SurveyNames.agreementScale(context) }
        let (minimum, minOK) = Self.number(self.minimum), (maximum, maxOK) = Self.number(self.maximum)
        if sectionIndex == nil { errors["section"] = context.t("Add a section first, then choose it.") }
        if kind == nil { errors["kind"] = context.t("Choose the kind of question.") }
        if !SurveyDefinition.isValidVariable(variable) {
            errors["variable"] = context.t("Use a lower-case letter, then letters, digits or _ (32 at most), for example support_needs.")
        } else if definition.exportVariables.contains(where: { $0 == variable || $0.hasPrefix(variable + "_") }) {
            errors["variable"] = context.t("This variable name is already used in the survey.")
        }
        if text.isEmpty || text.count > SurveyDefinition.maximumTextLength { errors["text"] = context.t("Write the question (under 2,000 characters).") }
        if !minOK || !maxOK { errors["range"] = context.t("Enter the smallest and largest numbers as numbers, or leave them empty.") }
        var condition: SurveyDefinition.Condition?
        if let raw = condition_variable, !raw.isEmpty {
            let codes = (condition_values ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Int($0) }
            condition = .init(variable: raw, values: codes)
            if codes.isEmpty { errors["condition"] = context.t("Give the option codes that show this question, for example 1 or 1, 2.") }
        }
        guard errors.isEmpty, let kind, let sectionIndex else { return (nil, errors) }
        let question = SurveyDefinition.Question(
            variable: variable, kind: kind, text: [base: text],
            help: (help ?? "").isEmpty ? [:] : [base: help!.trimmingCharacters(in: .whitespacesAndNewlines)],
            required: required != nil,
            options: kind.isClosed ? optionLabels.enumerated().map { .init(value: $0.offset + 1, label: [base: $0.element]) } : [],
            rows: kind == .matrix
                ? Self.lines(rows).enumerated().map { .init(variable: variable + "_" + String($0.offset + 1), text: [base: $0.element]) } : [],
            minimum: kind == .number ? minimum : nil, maximum: kind == .number ? maximum : nil, condition: condition)
        var candidate = definition
        candidate.sections[sectionIndex].questions.append(question)
        let problems = candidate.problems(supportedLanguages: Surveys.supportedLanguages).filter { $0.question == variable }
        guard problems.isEmpty else { return (nil, ["question": problems.map { SurveyNames.problem($0, context) }.joined(separator: " ")]) }
        return (candidate, [:])
    }

    /// The non-empty lines of a text area, trimmed.
    private static func lines(_ raw: String?) -> [String] {
        (raw ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A number as typed (a decimal comma accepted): nil and true when empty, nil and false
    /// when it is not a finite number.
    private static func number(_ raw: String?) -> (Double?, Bool) {
        let trimmed = (raw ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        if trimmed.isEmpty { return (nil, true) }
        return Double(trimmed).map { ($0, $0.isFinite) } ?? (nil, false)
    }
}
