import Fluent
import Foundation

/// One release of a programme's feedback: the answers that went out together and their
/// sums. Append-only; the page reads the figures from here, never from the answers, so what
/// was released stays as released (issue 14, class 1).
final class FeedbackRelease: Model, @unchecked Sendable {
    static let schema = "mentoring_feedback_releases"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    /// 1 for the programme's first release, and so on.
    @Field(key: "number") var number: Int
    @Field(key: "released_at") var releasedAt: Date
    /// New answers in this release: never fewer than `FeedbackReleases.minimumGroup`.
    @Field(key: "respondents") var respondents: Int
    @Field(key: "usefulness_sum") var usefulnessSum: Int
    @Field(key: "recommend_count") var recommendCount: Int

    // MARK: relationships
    @Parent(key: "programme_id") var programme: MentoringProgramme

    init() {}

    init(id: UUID? = nil, programmeID: UUID, number: Int, releasedAt: Date, respondents: Int, usefulnessSum: Int, recommendCount: Int) {
        self.id = id
        self.$programme.id = programmeID
        self.number = number
        self.releasedAt = releasedAt
        self.respondents = respondents
        self.usefulnessSum = usefulnessSum
        self.recommendCount = recommendCount
    }
}
