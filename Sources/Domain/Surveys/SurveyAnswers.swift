import Foundation

/// A respondent's answers, coded as they are exported: one value per export variable
/// (`SurveyDefinition.exportVariables`). A closed question holds its option's code, a
/// multiple-choice option "1" or "0", a number its decimal text, a text question its text,
/// each matrix row its scale code. A question not answered, or not shown, has no entry.
public typealias SurveyAnswers = [String: String]

/// Why an answer cannot be kept, shown next to the question.
public enum AnswerProblem: Equatable, Sendable {
    case required
    case notAnOption
    case notANumber
    case outOfRange(minimum: Double?, maximum: Double?)
    case tooLong(maximum: Int)
    case rowsMissing
}

extension SurveyDefinition {
    public static let maximumAnswerLength = 5000

    /// Whether `question` is asked, given the answers so far (its condition, if any, met).
    public func isShown(_ question: Question, given answers: SurveyAnswers) -> Bool {
        guard let condition = question.condition else { return true }
        guard let value = answers[condition.variable].flatMap(Int.init) else { return false }
        return condition.values.contains(value)
    }

    /// Reads a section's answers from form fields (a field per variable; a multiple-choice
    /// question's field repeats), keeps those of questions shown, and says what is wrong.
    /// Answers of other sections in `previous` are kept, those of this section replaced.
    public func read(section index: Int, fields: [String: [String]], previous: SurveyAnswers) -> (answers: SurveyAnswers, problems: [String: AnswerProblem]) {
        guard sections.indices.contains(index) else { return (previous, [:]) }
        var answers = previous
        var problems: [String: AnswerProblem] = [:]
        let section = sections[index]
        for q in section.questions {
            for name in [q.variable] + q.rows.map(\.variable) + q.options.map({ q.variable + "_" + String($0.value) }) { answers[name] = nil }
        }
        for q in section.questions {
            guard isShown(q, given: answers) else { continue }
            let raw = (fields[q.variable] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            switch q.kind {
            case .likert, .singleChoice:
                guard let first = raw.first else { if q.required { problems[q.variable] = .required }; continue }
                if let code = Int(first), q.options.contains(where: { $0.value == code }) {
                    answers[q.variable] = String(code)
                } else {
                    problems[q.variable] = .notAnOption
                }
            case .multipleChoice:
                let codes = raw.compactMap(Int.init)
                if codes.count != raw.count || codes.contains(where: { c in !q.options.contains { $0.value == c } }) {
                    problems[q.variable] = .notAnOption; continue
                }
                if codes.isEmpty && q.required { problems[q.variable] = .required; continue }
                // Ticking nothing on an optional question leaves it unanswered, not "none".
                guard !codes.isEmpty else { continue }
                for option in q.options { answers[q.variable + "_" + String(option.value)] = codes.contains(option.value) ? "1" : "0" }
            case .number:
                guard let first = raw.first else { if q.required { problems[q.variable] = .required }; continue }
                guard let number = Double(first.replacingOccurrences(of: ",", with: ".")), number.isFinite else { problems[q.variable] = .notANumber; continue }
                if let lo = q.minimum, number < lo { problems[q.variable] = .outOfRange(minimum: q.minimum, maximum: q.maximum); continue }
                if let hi = q.maximum, number > hi { problems[q.variable] = .outOfRange(minimum: q.minimum, maximum: q.maximum); continue }
                answers[q.variable] = Self.format(number)
            case .shortText, .longText:
                guard let first = raw.first else { if q.required { problems[q.variable] = .required }; continue }
                let limit = q.kind == .shortText ? 200 : Self.maximumAnswerLength
                if first.count > limit { problems[q.variable] = .tooLong(maximum: limit); continue }
                answers[q.variable] = first
            case .matrix:
                var missing = false
                for row in q.rows {
                    let value = (fields[row.variable] ?? []).first?.trimmingCharacters(in: .whitespaces) ?? ""
                    if value.isEmpty { missing = true; continue }
                    if let code = Int(value), q.options.contains(where: { $0.value == code }) {
                        answers[row.variable] = String(code)
                    } else {
                        problems[q.variable] = .notAnOption
                    }
                }
                if missing && q.required && problems[q.variable] == nil { problems[q.variable] = .rowsMissing }
            }
        }
        // An answer to a question whose condition is no longer met is dropped.
        return (pruned(answers), problems)
    }

    /// The answers without those of questions not shown (a change earlier hid them).
    public func pruned(_ answers: SurveyAnswers) -> SurveyAnswers {
        var result = answers
        for (_, q) in questions where !isShown(q, given: result) {
            for name in [q.variable] + q.rows.map(\.variable) + q.options.map({ q.variable + "_" + String($0.value) }) { result[name] = nil }
        }
        return result
    }

    /// Problems across the whole survey (before submitting): required questions shown but
    /// not answered.
    public func unanswered(_ answers: SurveyAnswers) -> [String] {
        questions.compactMap { _, q in
            guard q.required, isShown(q, given: answers) else { return nil }
            switch q.kind {
            case .matrix: return q.rows.allSatisfy({ answers[$0.variable] != nil }) ? nil : q.variable
            case .multipleChoice: return q.options.contains(where: { answers[q.variable + "_" + String($0.value)] != nil }) ? nil : q.variable
            default: return answers[q.variable] == nil ? q.variable : nil
            }
        }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
