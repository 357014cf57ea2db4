import Vapor

/// A person's feedback when their mentoring pair has ended (`MentoringController.feedback`).
struct PairFeedbackForm: Content {
    var usefulness: String?
    var recommend: String?
    var improve: String?

    /// The answer when both questions are answered and the comment is under 1,000 characters.
    var answer: FeedbackReleases.Answer? {
        let improve = (improve ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let usefulness = Int(usefulness ?? ""), (1...5).contains(usefulness), ["yes", "no"].contains(recommend ?? ""), improve.count <= 1000
        else { return nil }
        return FeedbackReleases.Answer(usefulness: usefulness, recommend: recommend == "yes", improve: improve)
    }
}
