import Domain
import Vapor

/// The forms learners and authors send from a course's pages.
enum CourseForms {
    /// Show (or stop showing) one's progress to one's study groups.
    struct Sharing: Content { var shared: String?; var return_to: String? }
    /// A reflection on a step, private or shared with the cohort.
    struct Reflection: Content { var body: String?; var shared: String? }
    /// A comment on a colleague's shared reflection.
    struct Comment: Content { var body: String? }
    /// A coordinator's new cohort, kept as typed to show it again with its problems.
    struct Cohort: Content {
        var name: String?
        var starts_on: String?
        var ends_on: String?
        var facilitator: String?
        var learners: String?
        var network: String?

        /// What the coordinator asks for, trimmed; the learners one entry per line, comma or
        /// semicolon.
        var plan: CohortFormation.Plan {
            CohortFormation.Plan(
                name: (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                startsOn: (starts_on ?? "").trimmingCharacters(in: .whitespaces),
                endsOn: (ends_on ?? "").trimmingCharacters(in: .whitespaces),
                networkID: network.flatMap(UUID.init(uuidString:)),
                facilitator: (facilitator ?? "").trimmingCharacters(in: .whitespaces),
                learners: (learners ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == ";" })
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
    }
    /// An author's new step: its module, kind and title.
    struct NewStep: Content { var module: String?; var kind: String?; var title: String? }
    /// An author's step as typed, kept to show it again with its problems.
    struct Step: Content {
        var title: String?
        var body: String?
        var minutes: String?
        var required: String?
        var quiz: String?
        var pass_percent: String?
        var attempts: String?

        /// The content to save for `step` in `language`, or the problems by field, in the
        /// author's language.
        func validated(for step: CourseActivity, language: String, _ context: PageContext) -> (content: CourseAuthoring.StepContent?, errors: [String: String])
        {
            var errors: [String: String] = [:]
            let title = (self.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if title.isEmpty || title.count > 200 { errors["title"] = context.t("Give the step a title of up to 200 characters.") }
            let minutes = Int((self.minutes ?? "").trimmingCharacters(in: .whitespaces))
            if minutes == nil || !(1...600).contains(minutes ?? 0) { errors["minutes"] = context.t("Enter the minutes it takes, from 1 to 600.") }
            let body = (self.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if step.kind != .quiz && body.count > 100_000 { errors["body"] = context.t("The text can be up to 100,000 characters long.") }
            var quiz = step.quiz
            if step.kind == .quiz, let existing = step.quiz {
                let pass = Int((pass_percent ?? "").trimmingCharacters(in: .whitespaces))
                let attempts = Int((self.attempts ?? "").trimmingCharacters(in: .whitespaces))
                if pass == nil || !(1...100).contains(pass ?? 0) { errors["pass_percent"] = context.t("Enter a pass mark from 1 to 100 percent.") }
                if attempts == nil || !(1...20).contains(attempts ?? 0) { errors["attempts"] = context.t("Enter a number of attempts from 1 to 20.") }
                switch QuizText.parse(self.quiz ?? "", language: language, existing: existing) {
                case .success(var parsed):
                    // Written in other languages too: what is right, and how many questions and
                    // answers there are, must stay as it is, so no translation says otherwise.
                    let others = Set(existing.questions.flatMap { $0.text.keys }).subtracting([language])
                    func shape(_ quiz: QuizDefinition) -> [[Bool]] { quiz.questions.map { $0.options.map(\.correct) } }
                    if !others.isEmpty && shape(parsed) != shape(existing) {
                        errors["quiz"] = context.t(
                            "This quiz is also written in other languages: keep the same questions, answers and right answers here, and change only their wording. To change the questions, first remove the quiz's other languages by taking the step out and adding a new one."
                        )
                    }
                    parsed.passPercent = pass ?? existing.passPercent
                    parsed.attempts = attempts ?? existing.attempts
                    if !parsed.problems.isEmpty {
                        errors["quiz"] = context.t("Each question needs its own answers, and a single-choice question exactly one right answer.")
                    }
                    quiz = parsed
                case .failure(let problems):
                    errors["quiz"] = problems.list.map { CourseNames.problem($0, context) }.joined(separator: " ")
                }
            }
            guard errors.isEmpty else { return (nil, errors) }
            return (CourseAuthoring.StepContent(title: title, body: body, minutes: minutes ?? step.minutes, required: required == "yes", quiz: quiz), [:])
        }
    }
}
