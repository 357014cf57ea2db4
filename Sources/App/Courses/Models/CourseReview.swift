import Fluent
import Foundation

/// A course on collegial support offered elsewhere (a university, an agency, a MOOC), with
/// a structured review a coordinator wrote, so courses can be compared side by side.
final class CourseReview: Model, @unchecked Sendable {
    static let schema = "course_reviews"

    /// The forms of support a course can cover (the handbook's chapters).
    enum Form: String, CaseIterable, Codable, Sendable {
        case mentoring, coaching, peerObservation = "peer_observation", studyGroups = "study_groups", supervision, intervision, consultation
    }

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "title") var title: String
    @Field(key: "provider") var provider: String
    @Field(key: "url") var url: String
    /// Language code(s) it is taught in, e.g. "lv, en".
    @Field(key: "languages") var languages: String
    @Field(key: "audience") var audience: String
    /// Length in hours, for comparing; 0 when unknown.
    @Field(key: "hours") var hours: Int
    /// How the time is spread, in words ("six evenings over a term").
    @Field(key: "length") var length: String
    /// Comma-separated `Form` values.
    @Field(key: "forms") var formsText: String
    @Field(key: "methods") var methods: String
    @Field(key: "strengths") var strengths: String
    @Field(key: "gaps") var gaps: String
    @OptionalParent(key: "reviewer_id") var reviewer: User?

    init() {}

    var forms: Set<Form> { Set(formsText.split(separator: ",").compactMap { Form(rawValue: String($0)) }) }
}
