import Domain
import Foundation

/// A ready questionnaire copied into a leader's new survey, in the language she chose and
/// with the title she typed (issue 18, point 5).
extension SurveyTemplates {
    /// The copy of `template` for a new survey: written in `language` when the template has
    /// it (that language becomes its base, the others stay as translations), else in the
    /// template's own base language. A non-empty `title` is the title in `language`, so the
    /// leader finds her survey under the name she gave it; the other languages keep theirs.
    static func copy(
        _ template: Template, language: String, title: String, translations: QuestionnaireTranslations
    ) -> (definition: SurveyDefinition, inChosenLanguage: Bool) {
        var definition = definition(template, translations)
        let available = definition.languages.contains(language)
        if available {
            definition.baseLanguage = language
            definition.languages = [language] + definition.languages.filter { $0 != language }
        }
        if !title.isEmpty { definition.title[language] = title }
        return (definition, available)
    }
}
