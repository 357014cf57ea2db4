import Domain
import Foundation
import Vapor

/// The ready questionnaires in the languages beyond the two they are written in (issue 19).
///
/// The questionnaires are written in English and Latvian beside their structure
/// (`SurveyTemplates`). Czech, Italian, Greek and Georgian are kept apart from the code, one
/// file a language in `Resources/Questionnaires/<language>.json`, each mapping an English
/// text to its wording, so that a translator edits a file of sentences and never Swift.
/// A language joins a questionnaire only when its file words every text of it: a survey
/// half in Czech and half in English would be worse than one that says it is in English.
struct QuestionnaireTranslations: Sendable {
    /// language → English text → that language's wording.
    var byLanguage: [String: [String: String]]

    static let none = QuestionnaireTranslations(byLanguage: [:])

    /// Reads every `<language>.json` in `directory` whose name is a language of the product.
    static func load(directory: String) throws -> QuestionnaireTranslations {
        var byLanguage: [String: [String: String]] = [:]
        for language in Language.allCases where language != .en {
            let path = directory + language.rawValue + ".json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            byLanguage[language.rawValue] = try JSONDecoder().decode([String: String].self, from: data)
        }
        return QuestionnaireTranslations(byLanguage: byLanguage)
    }

    /// `definition` (written in English) with every language whose file words all its texts.
    func apply(to definition: SurveyDefinition) -> SurveyDefinition {
        var result = definition
        // In the product's order of languages, so every questionnaire lists them alike.
        for language in Language.allCases.map(\.rawValue) where !definition.languages.contains(language) {
            guard let wording = byLanguage[language], missing(in: definition, wording: wording).isEmpty else { continue }
            result = Self.mapTexts(result) { text in
                var text = text
                if let english = text["en"], let translated = wording[english] { text[language] = translated }
                return text
            }
            result.languages.append(language)
        }
        return result
    }

    /// The English texts of `definition` that `language`'s file lacks (all of them when
    /// there is no file).
    func missing(in definition: SurveyDefinition, language: String) -> [String] {
        missing(in: definition, wording: byLanguage[language] ?? [:])
    }

    private func missing(in definition: SurveyDefinition, wording: [String: String]) -> [String] {
        Self.englishTexts(definition).filter { (wording[$0] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Every English text of `definition`, in reading order, once each.
    static func englishTexts(_ definition: SurveyDefinition) -> [String] {
        var seen = Set<String>()
        var texts: [String] = []
        _ = mapTexts(definition) { text in
            if let english = text["en"], !english.isEmpty, seen.insert(english).inserted { texts.append(english) }
            return text
        }
        return texts
    }

    /// `definition` with `transform` applied to each of its texts: title, introduction,
    /// section titles, questions, their help, options and rows.
    private static func mapTexts(_ definition: SurveyDefinition, _ transform: (LocalizedText) -> LocalizedText) -> SurveyDefinition {
        var d = definition
        d.title = transform(d.title)
        if !d.introduction.isEmpty { d.introduction = transform(d.introduction) }
        for s in d.sections.indices {
            d.sections[s].title = transform(d.sections[s].title)
            for q in d.sections[s].questions.indices {
                var question = d.sections[s].questions[q]
                question.text = transform(question.text)
                if !question.help.isEmpty { question.help = transform(question.help) }
                for o in question.options.indices { question.options[o].label = transform(question.options[o].label) }
                for r in question.rows.indices { question.rows[r].text = transform(question.rows[r].text) }
                d.sections[s].questions[q] = question
            }
        }
        return d
    }
}

extension Application {
    private struct QuestionnaireTranslationsKey: StorageKey { typealias Value = QuestionnaireTranslations }

    /// Loaded once at start (`configure`); none until then.
    var questionnaireTranslations: QuestionnaireTranslations {
        get { storage[QuestionnaireTranslationsKey.self] ?? .none }
        set { storage[QuestionnaireTranslationsKey.self] = newValue }
    }
}
