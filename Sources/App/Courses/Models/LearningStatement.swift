import Fluent
import Foundation

/// A learning event kept as an xAPI statement (`XAPIStatement`, as JSON), exported by the
/// course's authors and sent to a Learning Record Store when one is configured.
final class LearningStatement: Model, @unchecked Sendable {
    static let schema = "learning_statements"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "user_id") var user: User
    @Parent(key: "course_id") var course: Course
    @Field(key: "verb") var verb: String
    @Field(key: "statement") var statementJSON: String
    /// When the Learning Record Store accepted it; nil: not sent (or no store configured).
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// The cohort the learner was in when it happened (nil: alone). A network exports only
    /// what happened in its own cohorts.
    @OptionalField(key: "cohort_id") var cohortID: UUID?

    init() {}

    init(id: UUID, userID: UUID, courseID: UUID, verb: String, statementJSON: String) {
        self.id = id
        self.$user.id = userID
        self.$course.id = courseID
        self.verb = verb
        self.statementJSON = statementJSON
    }
}
