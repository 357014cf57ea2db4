import Domain
import Fluent
import Foundation

/// A survey's wording in one of its languages, as the translations page saves it: every text
/// of that language at once. After the first answer, wording changes only as a correction
/// with its reason: the people who answered read other words (issue 14, class 3).
struct SurveyWording {
    var db: any Database
    var now: Date

    /// One text that changes: its place (`title`, `s1`, `q.<variable>`…), before and after.
    struct Change: Sendable {
        var key: String
        var before: String
        var after: String
    }

    /// Why the texts were not saved; the page words it.
    enum Problem: Error {
        /// The base language's texts may be corrected, never emptied.
        case baseTextsMissing([DefinitionProblem])
        /// Answers have come in and the wording changes, with no reason given. The survey
        /// holds the texts as typed (to show them again), not saved.
        case reasonNeeded
    }

    /// Whether anyone has answered the survey.
    static func hasAnswers(_ survey: Survey, on db: any Database) async throws -> Bool {
        try await SurveyResponse.query(on: db).filter(\.$survey.$id == survey.requireID()).count() > 0
    }

    /// Writes the texts of `fields` in `language` into `definition` (fields named by their
    /// place: `title`, `introduction`, `s1`, `q.<variable>`, `q.<variable>.o<code>`,
    /// `q.<variable>.r<n>`, `q.<variable>.help`; an empty one removes the text, a missing
    /// one keeps it) and returns what changed.
    static func apply(_ fields: [String: String], language: String, to definition: inout SurveyDefinition) -> [Change] {
        var changes: [Change] = []
        func take(_ key: String, _ text: inout LocalizedText) {
            guard let value = fields[key]?.trimmingCharacters(in: .whitespacesAndNewlines) else { return }
            let before = text[language] ?? ""
            text[language] = value.isEmpty ? nil : String(value.prefix(SurveyDefinition.maximumTextLength))
            let after = text[language] ?? ""
            if before != after { changes.append(Change(key: key, before: before, after: after)) }
        }
        take("title", &definition.title)
        take("introduction", &definition.introduction)
        for s in definition.sections.indices {
            take("s\(s + 1)", &definition.sections[s].title)
            for q in definition.sections[s].questions.indices {
                let v = definition.sections[s].questions[q].variable
                take("q.\(v)", &definition.sections[s].questions[q].text)
                take("q.\(v).help", &definition.sections[s].questions[q].help)
                for o in definition.sections[s].questions[q].options.indices {
                    take("q.\(v).o\(definition.sections[s].questions[q].options[o].value)", &definition.sections[s].questions[q].options[o].label)
                }
                for r in definition.sections[s].questions[q].rows.indices { take("q.\(v).r\(r + 1)", &definition.sections[s].questions[q].rows[r].text) }
            }
        }
        return changes
    }

    /// Saves the texts of `fields` in `language` (added to the survey's languages) over
    /// `definition`, the survey's. Once answers have come in, each change is recorded with
    /// `reason` (the first 500 characters), which must then be given.
    func save(_ fields: [String: String], language: String, reason: String, of survey: Survey, definition: SurveyDefinition) async throws {
        var definition = definition
        let changes = Self.apply(fields, language: language, to: &definition)
        if !definition.languages.contains(language) { definition.languages.append(language) }
        if language == definition.baseLanguage {
            let problems = definition.problems(supportedLanguages: Surveys.supportedLanguages).filter {
                [.missingText, .missingTitle].contains($0.kind)
            }
            if !problems.isEmpty { throw Problem.baseTextsMissing(problems) }
        }
        let answered = try await Self.hasAnswers(survey, on: db)
        if answered && !changes.isEmpty && reason.isEmpty {
            try survey.setDefinition(definition)  // shown as typed, not saved
            throw Problem.reasonNeeded
        }
        try survey.setDefinition(definition)
        let surveyID = try survey.requireID(), today = CalendarDay(now).description
        try await db.writeTransaction { db in
            try await survey.save(on: db)
            guard answered else { return }
            for change in changes {
                try await SurveyCorrection(
                    surveyID: surveyID, madeOn: today, language: language, textKey: change.key,
                    before: change.before, after: change.after, reason: String(reason.prefix(500))
                ).save(on: db)
            }
        }
    }
}
