import Foundation

/// A questionnaire: its sections and questions, every text in each of its languages.
/// It is what the designer edits and what is exported to and imported from JSON; answers
/// and reports refer to questions by their `variable`, the stable name used in exports.
public struct SurveyDefinition: Codable, Sendable, Equatable {
    /// The language the survey was written in first; every text must exist in it.
    public var baseLanguage: String
    /// The languages respondents may choose, the base language first.
    public var languages: [String]
    public var title: LocalizedText
    public var introduction: LocalizedText
    public var sections: [Section]

    public init(baseLanguage: String, languages: [String], title: LocalizedText, introduction: LocalizedText = [:], sections: [Section] = []) {
        self.baseLanguage = baseLanguage
        self.languages = languages
        self.title = title
        self.introduction = introduction
        self.sections = sections
    }

    public struct Section: Codable, Sendable, Equatable {
        public var title: LocalizedText
        public var questions: [Question]

        public init(title: LocalizedText, questions: [Question] = []) {
            self.title = title
            self.questions = questions
        }
    }

    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A statement rated on an ordered scale with labels (1 = the first label).
        case likert
        case singleChoice = "single_choice"
        case multipleChoice = "multiple_choice"
        case number
        case shortText = "short_text"
        case longText = "long_text"
        /// Several statements (rows) rated on one scale.
        case matrix

        public var isClosed: Bool { ![.number, .shortText, .longText].contains(self) }
        public var isText: Bool { self == .shortText || self == .longText }
    }

    public struct Option: Codable, Sendable, Equatable {
        /// The code stored and exported (1, 2, 3…).
        public var value: Int
        public var label: LocalizedText

        public init(value: Int, label: LocalizedText) {
            self.value = value
            self.label = label
        }
    }

    public struct Row: Codable, Sendable, Equatable {
        public var variable: String
        public var text: LocalizedText

        public init(variable: String, text: LocalizedText) {
            self.variable = variable
            self.text = text
        }
    }

    /// Shown only when an earlier closed question was answered with one of `values`.
    public struct Condition: Codable, Sendable, Equatable {
        public var variable: String
        public var values: [Int]

        public init(variable: String, values: [Int]) {
            self.variable = variable
            self.values = values
        }
    }

    public struct Question: Codable, Sendable, Equatable {
        public var variable: String
        public var kind: Kind
        public var text: LocalizedText
        public var help: LocalizedText
        public var required: Bool
        /// Choices, or the scale of a Likert or matrix question.
        public var options: [Option]
        public var rows: [Row]
        public var minimum: Double?
        public var maximum: Double?
        public var condition: Condition?

        public init(
            variable: String, kind: Kind, text: LocalizedText, help: LocalizedText = [:], required: Bool = false,
            options: [Option] = [], rows: [Row] = [], minimum: Double? = nil, maximum: Double? = nil, condition: Condition? = nil
        ) {
            self.variable = variable
            self.kind = kind
            self.text = text
            self.help = help
            self.required = required
            self.options = options
            self.rows = rows
            self.minimum = minimum
            self.maximum = maximum
            self.condition = condition
        }

        enum CodingKeys: String, CodingKey { case variable, kind, text, help, required, options, rows, minimum, maximum, condition }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            variable = try c.decode(String.self, forKey: .variable)
            kind = try c.decode(Kind.self, forKey: .kind)
            text = try c.decode(LocalizedText.self, forKey: .text)
            help = try c.decodeIfPresent(LocalizedText.self, forKey: .help) ?? [:]
            required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
            options = try c.decodeIfPresent([Option].self, forKey: .options) ?? []
            rows = try c.decodeIfPresent([Row].self, forKey: .rows) ?? []
            minimum = try c.decodeIfPresent(Double.self, forKey: .minimum)
            maximum = try c.decodeIfPresent(Double.self, forKey: .maximum)
            condition = try c.decodeIfPresent(Condition.self, forKey: .condition)
        }
    }

    /// Every question in order, with its section's index.
    public var questions: [(section: Int, question: Question)] {
        sections.enumerated().flatMap { index, section in section.questions.map { (index, $0) } }
    }

    public func question(_ variable: String) -> Question? {
        for section in sections { if let q = section.questions.first(where: { $0.variable == variable }) { return q } }
        return nil
    }

    /// The variables of the exported data in order: one per question, one per matrix row,
    /// one per option of a multiple-choice question (0/1).
    public var exportVariables: [String] {
        questions.flatMap { _, q -> [String] in
            switch q.kind {
            case .matrix: q.rows.map(\.variable)
            case .multipleChoice: q.options.map { q.variable + "_" + String($0.value) }
            default: [q.variable]
            }
        }
    }
}

/// A text in several languages, keyed by language code ("en", "lv").
public typealias LocalizedText = [String: String]

extension Dictionary where Key == String, Value == String {
    /// The text in `language`, else in `fallback`, else any.
    public func text(_ language: String, fallback: String) -> String {
        if let t = self[language], !t.isEmpty { return t }
        if let t = self[fallback], !t.isEmpty { return t }
        return values.first { !$0.isEmpty } ?? ""
    }
}
