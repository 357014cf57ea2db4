import Domain
import Fluent
import Foundation

/// A group taking a course together (a pilot group of counsellors, say): dates, a
/// facilitator who follows their progress, and the network it belongs to.
final class CourseCohort: Model, @unchecked Sendable {
    static let schema = "course_cohorts"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "course_id") var course: Course
    @Field(key: "name") var name: String
    /// `YYYY-MM-DD`.
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @OptionalParent(key: "facilitator_id") var facilitator: User?
    @OptionalParent(key: "network_id") var network: Network?
    @OptionalParent(key: "created_by_id") var createdBy: User?

    init() {}

    init(id: UUID? = nil, courseID: UUID, name: String, startsOn: String, endsOn: String, facilitatorID: UUID?, networkID: UUID?, createdByID: UUID?) {
        self.id = id
        self.$course.id = courseID
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.$facilitator.id = facilitatorID
        self.$network.id = networkID
        self.$createdBy.id = createdByID
    }
}

/// A person taking a course, alone or in a cohort.
final class CourseEnrolment: Model, @unchecked Sendable {
    static let schema = "course_enrolments"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "course_id") var course: Course
    @Parent(key: "user_id") var user: User
    @OptionalParent(key: "cohort_id") var cohort: CourseCohort?
    /// Where "Continue" starts from.
    @OptionalField(key: "last_activity_id") var lastActivityID: UUID?
    /// Set once the completion rule is met; it stays when the course is revised later.
    @OptionalField(key: "completed_at") var completedAt: Date?
    /// The learner lets the study groups they belong to see how far they have got.
    @Field(key: "progress_shared") var progressShared: Bool

    init() {}

    init(id: UUID? = nil, courseID: UUID, userID: UUID, cohortID: UUID?) {
        self.id = id
        self.$course.id = courseID
        self.$user.id = userID
        self.$cohort.id = cohortID
        self.progressShared = false
    }
}

/// A step a learner has finished: a lesson read, a quiz passed, a reflection written.
final class ActivityCompletion: Model, @unchecked Sendable {
    static let schema = "course_completions"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "completed_at", on: .create) var completedAt: Date?
    @Parent(key: "enrolment_id") var enrolment: CourseEnrolment
    @Parent(key: "activity_id") var activity: CourseActivity

    init() {}

    init(id: UUID? = nil, enrolmentID: UUID, activityID: UUID) {
        self.id = id
        self.$enrolment.id = enrolmentID
        self.$activity.id = activityID
    }
}

/// One attempt at a quiz: what was chosen and how it went. Seen by the learner only;
/// facilitators see item difficulty over their cohort, never a person's answers.
final class QuizAttempt: Model, @unchecked Sendable {
    static let schema = "quiz_attempts"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "enrolment_id") var enrolment: CourseEnrolment
    @Parent(key: "activity_id") var activity: CourseActivity
    /// 1, 2, … per learner and quiz.
    @Field(key: "number") var number: Int
    /// The `QuizResult`, as JSON.
    @Field(key: "result") var resultJSON: String
    @Field(key: "score") var score: Int
    @Field(key: "passed") var passed: Bool

    init() {}

    init(id: UUID? = nil, enrolmentID: UUID, activityID: UUID, number: Int, result: QuizResult) throws {
        self.id = id
        self.$enrolment.id = enrolmentID
        self.$activity.id = activityID
        self.number = number
        self.resultJSON = try JSONText.encode(result)
        self.score = result.score
        self.passed = result.passed
    }

    var result: QuizResult? { try? JSONText.decode(QuizResult.self, resultJSON) }
}

/// A learner who used up a quiz's attempts without passing asks for one more; a facilitator
/// of their cohort gives it (issue 18, point 7). Only those who ask appear to the facilitator:
/// who failed a quiz is not otherwise shown. Each granted row is one attempt more.
final class QuizAttemptRequest: Model, @unchecked Sendable {
    static let schema = "quiz_attempt_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "granted_at") var grantedAt: Date?
    @Parent(key: "enrolment_id") var enrolment: CourseEnrolment
    @Parent(key: "activity_id") var activity: CourseActivity
    @OptionalParent(key: "granted_by_id") var grantedBy: User?

    init() {}

    init(enrolmentID: UUID, activityID: UUID, at date: Date) {
        self.$enrolment.id = enrolmentID
        self.$activity.id = activityID
        self.requestedAt = date
    }
}

/// A learner's answer to a reflection task: private, or shared with their cohort.
final class CourseReflection: Model, @unchecked Sendable {
    static let schema = "course_reflections"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Parent(key: "enrolment_id") var enrolment: CourseEnrolment
    @Parent(key: "activity_id") var activity: CourseActivity
    @Field(key: "body") var body: String
    @Field(key: "shared") var shared: Bool

    init() {}

    init(id: UUID? = nil, enrolmentID: UUID, activityID: UUID, body: String, shared: Bool) {
        self.id = id
        self.$enrolment.id = enrolmentID
        self.$activity.id = activityID
        self.body = body
        self.shared = shared
    }
}

/// A peer's comment on a shared reflection.
final class ReflectionComment: Model, @unchecked Sendable {
    static let schema = "reflection_comments"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Parent(key: "reflection_id") var reflection: CourseReflection
    @OptionalParent(key: "author_id") var author: User?
    @Field(key: "body") var body: String

    init() {}

    init(id: UUID? = nil, reflectionID: UUID, authorID: UUID, body: String) {
        self.id = id
        self.$reflection.id = reflectionID
        self.$author.id = authorID
        self.body = body
    }
}
