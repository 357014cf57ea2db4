import Foundation

/// A quiz written as plain text in the course editor, one language at a time:
///
///     ? A new chemistry teacher does not know how marking works here. What fits?
///     * Mentoring by an experienced colleague of the same subject
///       > Right: she needs someone who knows the school and the subject.
///     - Coaching
///       > Coaching helps her find her own way; here she needs knowledge first.
///
/// `?` starts a question, `*` a right answer, `-` another answer, `>` the feedback for the
/// answer above it. A question with more than one right answer is multiple choice.
/// Questions and answers keep their keys by position, so learners' attempts and the texts
/// in other languages stay attached when wording changes.
public enum QuizText {
    public enum Problem: Equatable, Sendable {
        case answerBeforeQuestion(line: Int)
        case feedbackBeforeAnswer(line: Int)
        case unknownLine(line: Int)
        case tooFewAnswers(question: Int)
        case noRightAnswer(question: Int)
        case missingFeedback(question: Int, answer: Int)
        case noQuestions
    }

    public static func format(_ quiz: QuizDefinition, language: String) -> String {
        quiz.questions.map { q in
            (["? " + q.text.text(language, fallback: "en")]
                + q.options.flatMap { o in
                    [(o.correct ? "* " : "- ") + o.text.text(language, fallback: "en"), "  > " + o.feedback.text(language, fallback: "en")]
                }).joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// Reads `text` as the wording in `language` of a quiz that replaces `existing` (its
    /// pass mark and attempts are kept; its texts in other languages stay by position).
    public struct Problems: Error, Equatable, Sendable { public var list: [Problem] }

    public static func parse(_ text: String, language: String, existing: QuizDefinition) -> Result<QuizDefinition, Problems> {
        struct Draft { var text: String; var options: [(right: Bool, text: String, feedback: String)] }
        var drafts: [Draft] = []
        var problems: [Problem] = []
        for (index, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            guard !line.isEmpty else { continue }
            let rest = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch line.first {
            case "?": drafts.append(Draft(text: rest, options: []))
            case "*", "-":
                guard !drafts.isEmpty else { problems.append(.answerBeforeQuestion(line: number)); continue }
                drafts[drafts.count - 1].options.append((line.first == "*", rest, ""))
            case ">":
                guard let last = drafts.indices.last, !drafts[last].options.isEmpty else { problems.append(.feedbackBeforeAnswer(line: number)); continue }
                let o = drafts[last].options.count - 1
                drafts[last].options[o].feedback += (drafts[last].options[o].feedback.isEmpty ? "" : " ") + rest
            default:
                problems.append(.unknownLine(line: number))
            }
        }
        if drafts.isEmpty && problems.isEmpty { problems.append(.noQuestions) }
        for (q, draft) in drafts.enumerated() {
            if draft.options.count < 2 { problems.append(.tooFewAnswers(question: q + 1)) }
            if !draft.options.contains(where: \.right) { problems.append(.noRightAnswer(question: q + 1)) }
            for (o, option) in draft.options.enumerated() where option.feedback.isEmpty {
                problems.append(.missingFeedback(question: q + 1, answer: o + 1))
            }
        }
        guard problems.isEmpty else { return .failure(Problems(list: problems)) }
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        let questions = drafts.enumerated().map { q, draft -> QuizDefinition.Question in
            let old = q < existing.questions.count ? existing.questions[q] : nil
            var text = old?.text ?? [:]
            text[language] = draft.text
            let options = draft.options.enumerated().map { o, option -> QuizDefinition.Option in
                let previous = o < (old?.options.count ?? 0) ? old?.options[o] : nil
                var optionText = previous?.text ?? [:], feedback = previous?.feedback ?? [:]
                optionText[language] = option.text
                feedback[language] = option.feedback
                return .init(key: previous?.key ?? (o < letters.count ? letters[o] : "o\(o + 1)"), correct: option.right, text: optionText, feedback: feedback)
            }
            return .init(key: old?.key ?? "q\(q + 1)", kind: draft.options.filter(\.right).count > 1 ? .multiple : .single, text: text, options: options)
        }
        return .success(QuizDefinition(passPercent: existing.passPercent, attempts: existing.attempts, questions: questions))
    }
}
