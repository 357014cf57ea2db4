import Foundation

/// One thing wrong with a survey definition, where it is. Importing a file lists them all
/// and changes nothing; the designer shows them next to the question.
public struct DefinitionProblem: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case noLanguages
        case unsupportedLanguage(String)
        case baseLanguageNotListed
        case missingTitle
        case noSections
        case emptySection
        case missingText
        case textTooLong
        case badVariable(String)
        case duplicateVariable(String)
        case tooFewOptions
        case duplicateOptionValue(Int)
        case noRows
        case badRange
        case conditionUnknown(String)
        case conditionNotEarlier(String)
        case conditionNotClosed(String)
        case conditionValueUnknown(Int)
        case tooManyQuestions
    }

    /// 1-based section number, if the problem is in a section.
    public var section: Int?
    /// The question's variable, if the problem is in a question.
    public var question: String?
    public var kind: Kind

    public init(section: Int? = nil, question: String? = nil, _ kind: Kind) {
        self.section = section
        self.question = question
        self.kind = kind
    }
}

extension SurveyDefinition {
    public static let maximumQuestions = 200
    public static let maximumTextLength = 2000

    /// Names the exports use for their own columns (the response number and the
    /// respondents' background), which questions cannot take.
    public static let reservedPrefix = "meta_"
    public static let reservedNames: Set<String> = ["response"]

    /// A variable name that SPSS, R and spreadsheets all accept: a lower-case letter, then
    /// letters, digits or underscores, 32 characters at most; not one the exports use.
    public static func isValidVariable(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 32, ("a"..."z").contains(Character(first)),
            !name.hasPrefix(reservedPrefix), !reservedNames.contains(name)
        else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains(Character($0)) || ("0"..."9").contains(Character($0)) || $0 == "_" }
    }

    /// Everything wrong with the definition; empty when it can be used.
    public func problems(supportedLanguages: Set<String>) -> [DefinitionProblem] {
        var found: [DefinitionProblem] = []
        if languages.isEmpty { found.append(.init(.noLanguages)) }
        for language in languages where !supportedLanguages.contains(language) { found.append(.init(.unsupportedLanguage(language))) }
        if !languages.contains(baseLanguage) { found.append(.init(.baseLanguageNotListed)) }
        if (title[baseLanguage] ?? "").trimmingCharacters(in: .whitespaces).isEmpty { found.append(.init(.missingTitle)) }
        if sections.isEmpty { found.append(.init(.noSections)) }
        if questions.count > Self.maximumQuestions { found.append(.init(.tooManyQuestions)) }
        var seen = Set<String>()
        var closedBefore: [String: Question] = [:]
        func checkText(_ text: LocalizedText, section: Int, question: String?) {
            if (text[baseLanguage] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                found.append(.init(section: section, question: question, .missingText))
            }
            if text.values.contains(where: { $0.count > Self.maximumTextLength }) { found.append(.init(section: section, question: question, .textTooLong)) }
        }
        for (sIndex, section) in sections.enumerated() {
            let s = sIndex + 1
            checkText(section.title, section: s, question: nil)
            if section.questions.isEmpty { found.append(.init(section: s, .emptySection)) }
            for q in section.questions {
                let v = q.variable
                checkText(q.text, section: s, question: v)
                var names = [v]
                if q.kind == .matrix { names += q.rows.map(\.variable) }
                if q.kind == .multipleChoice { names += q.options.map { v + "_" + String($0.value) } }
                for name in names {
                    if !Self.isValidVariable(name) {
                        found.append(.init(section: s, question: v, .badVariable(name)))
                    } else if !seen.insert(name).inserted {
                        found.append(.init(section: s, question: v, .duplicateVariable(name)))
                    }
                }
                if q.kind.isClosed {
                    if q.options.count < 2 { found.append(.init(section: s, question: v, .tooFewOptions)) }
                    var values = Set<Int>()
                    for option in q.options {
                        if !values.insert(option.value).inserted { found.append(.init(section: s, question: v, .duplicateOptionValue(option.value))) }
                        checkText(option.label, section: s, question: v)
                    }
                }
                if q.kind == .matrix {
                    if q.rows.isEmpty { found.append(.init(section: s, question: v, .noRows)) }
                    for row in q.rows { checkText(row.text, section: s, question: v) }
                }
                if q.kind == .number, let lo = q.minimum, let hi = q.maximum, lo > hi { found.append(.init(section: s, question: v, .badRange)) }
                if let condition = q.condition {
                    if let earlier = closedBefore[condition.variable] {
                        for value in condition.values where !earlier.options.contains(where: { $0.value == value }) {
                            found.append(.init(section: s, question: v, .conditionValueUnknown(value)))
                        }
                        if condition.values.isEmpty { found.append(.init(section: s, question: v, .conditionValueUnknown(0))) }
                    } else if let other = question(condition.variable) {
                        found.append(
                            .init(
                                section: s, question: v,
                                other.kind == .singleChoice || other.kind == .likert
                                    ? .conditionNotEarlier(condition.variable) : .conditionNotClosed(condition.variable)))
                    } else {
                        found.append(.init(section: s, question: v, .conditionUnknown(condition.variable)))
                    }
                }
                // Conditions may refer to single-choice and Likert questions asked before.
                if q.kind == .singleChoice || q.kind == .likert { closedBefore[v] = q }
            }
        }
        return found
    }

    /// Where a text is missing in `language`: the section and question of each.
    public func missingTranslations(_ language: String) -> [(section: Int, question: String?)] {
        var missing: [(Int, String?)] = []
        func check(_ text: LocalizedText, _ s: Int, _ q: String?) {
            if (text[language] ?? "").trimmingCharacters(in: .whitespaces).isEmpty { missing.append((s, q)) }
        }
        check(title, 0, nil)
        for (sIndex, section) in sections.enumerated() {
            check(section.title, sIndex + 1, nil)
            for q in section.questions {
                check(q.text, sIndex + 1, q.variable)
                for option in q.options { check(option.label, sIndex + 1, q.variable) }
                for row in q.rows { check(row.text, sIndex + 1, q.variable) }
            }
        }
        return missing
    }
}
