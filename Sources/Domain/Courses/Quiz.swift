import Foundation

/// A quiz of a course: questions with single or multiple answers, feedback for every
/// option, a pass mark and a number of attempts. Texts are kept per language; which
/// options are right is the same in every language.
public struct QuizDefinition: Codable, Sendable, Equatable {
    public var passPercent: Int
    /// How many attempts a learner has; the best score counts.
    public var attempts: Int
    public var questions: [Question]

    public enum Kind: String, Codable, Sendable { case single, multiple }

    public struct Question: Codable, Sendable, Equatable {
        public var key: String
        public var kind: Kind
        public var text: LocalizedText
        public var options: [Option]
        public init(key: String, kind: Kind, text: LocalizedText, options: [Option]) {
            self.key = key; self.kind = kind; self.text = text; self.options = options
        }
        public var correctKeys: Set<String> { Set(options.filter(\.correct).map(\.key)) }
    }

    public struct Option: Codable, Sendable, Equatable {
        public var key: String
        public var correct: Bool
        public var text: LocalizedText
        public var feedback: LocalizedText
        public init(key: String, correct: Bool, text: LocalizedText, feedback: LocalizedText) {
            self.key = key; self.correct = correct; self.text = text; self.feedback = feedback
        }
    }

    public init(passPercent: Int, attempts: Int, questions: [Question]) {
        self.passPercent = passPercent; self.attempts = attempts; self.questions = questions
    }

    /// Problems that make the quiz unusable (each as a short English sentence for logs and
    /// the loader's tests; the authoring pages explain them in the user's language).
    public var problems: [String] {
        var problems: [String] = []
        if !(1...100).contains(passPercent) { problems.append("pass mark must be 1–100") }
        if !(1...20).contains(attempts) { problems.append("attempts must be 1–20") }
        if questions.isEmpty { problems.append("a quiz needs questions") }
        var seen = Set<String>()
        for q in questions {
            if !seen.insert(q.key).inserted { problems.append("question \(q.key) twice") }
            if q.options.count < 2 { problems.append("question \(q.key) needs two options") }
            let right = q.options.filter(\.correct).count
            if right == 0 { problems.append("question \(q.key) has no right answer") }
            if q.kind == .single && right != 1 { problems.append("question \(q.key) is single choice with \(right) right answers") }
            if Set(q.options.map(\.key)).count != q.options.count { problems.append("question \(q.key) repeats an option") }
        }
        return problems
    }

    /// Grades one attempt. A question counts as right only when exactly its right options
    /// are chosen: ticking every box of a multiple-choice question earns nothing.
    public func grade(_ answers: [String: Set<String>]) -> QuizResult {
        let outcomes = questions.map { q in
            let chosen = answers[q.key] ?? []
            return QuizResult.Outcome(question: q.key, chosen: chosen, correct: chosen == q.correctKeys)
        }
        let right = outcomes.filter(\.correct).count
        let score = questions.isEmpty ? 0 : right * 100 / questions.count
        return QuizResult(outcomes: outcomes, score: score, passed: score >= passPercent)
    }
}

public struct QuizResult: Codable, Sendable, Equatable {
    public struct Outcome: Codable, Sendable, Equatable {
        public var question: String
        public var chosen: Set<String>
        public var correct: Bool
    }
    public var outcomes: [Outcome]
    /// Percent of questions answered right, rounded down.
    public var score: Int
    public var passed: Bool
}

/// How hard each question was for a group of learners: the share who got it right on
/// their first attempt (classical item difficulty, "p-value").
public enum ItemDifficulty {
    public struct Item: Sendable, Equatable {
        public var question: String
        public var answered: Int
        public var right: Int
        /// 0–100, or nil when nobody answered.
        public var percentRight: Int? { answered == 0 ? nil : right * 100 / answered }
        public init(question: String, answered: Int, right: Int) {
            self.question = question
            self.answered = answered
            self.right = right
        }
    }

    /// The first attempts a group's figures are computed over: the earliest, in whole
    /// batches of `batch`. The figures then move only when `batch` more learners have made
    /// their first attempt, never by one person whom a reader saw finish the quiz
    /// (issue 14: live figures are differenced). `ordered` must be oldest first.
    public static func released<T>(_ ordered: [T], batch: Int) -> [T] {
        guard batch > 0 else { return ordered }
        return Array(ordered.prefix(ordered.count / batch * batch))
    }

    /// Each question's share answered right as a facilitator may see it: rounded to tens of
    /// percent, and only where `AnonymityGuard` lets the question's answers be shown (at
    /// least `minimum` of them); nil otherwise.
    public static func shown(_ items: [Item], minimum: Int = PrivacyThresholds.figures) -> [Int?] {
        let views = items.indices.map { AnonymityGuard.View(key: $0, cells: [$0]) }
        let decision = AnonymityGuard(minimumGroup: minimum).decide(views: views, sizes: items.map(\.answered), partitions: [])
        return items.indices.map { i in
            guard let withheld = decision[i], withheld == nil else { return nil }
            return items[i].percentRight.map { Int((Double($0) / 10).rounded()) * 10 }
        }
    }

    public static func items(_ quiz: QuizDefinition, firstAttempts: [QuizResult]) -> [Item] {
        quiz.questions.map { q in
            let outcomes = firstAttempts.compactMap { $0.outcomes.first { $0.question == q.key } }
            return Item(question: q.key, answered: outcomes.count, right: outcomes.filter(\.correct).count)
        }
    }
}
