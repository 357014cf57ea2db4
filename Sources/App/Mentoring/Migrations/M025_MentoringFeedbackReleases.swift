import Fluent

/// Issue 14, class 1: mentoring feedback is released in batches instead of computed live.
/// - `mentoring_feedback_releases`: what each release showed (append-only; figures are read
///   from here, so what was released stays as released);
/// - `mentoring_feedback.release_id` / `comment_shown`: which batch an answer went out in,
///   and whether its comment is out (comments go out in batches of at least 10);
/// - `mentoring_programmes.opened_at`: when the programme was created, by the application's
///   clock, to tell who belonged to the school before it began.
/// Uses no live model types.
struct M025_MentoringFeedbackReleases: AsyncMigration {
    var name: String { "M025_MentoringFeedbackReleases" }

    func prepare(on database: any Database) async throws {
        try await database.schema("mentoring_feedback_releases")
            .id()
            .field("number", .int, .required)
            .field("released_at", .datetime, .required)
            .field("respondents", .int, .required)
            .field("usefulness_sum", .int, .required)
            .field("recommend_count", .int, .required)
            .field("programme_id", .uuid, .required, .references("mentoring_programmes", "id", onDelete: .cascade))
            .unique(on: "programme_id", "number")
            .create()
        // One column per statement: SQLite adds only one column per ALTER TABLE.
        try await database.schema("mentoring_feedback").field("release_id", .uuid).update()
        try await database.schema("mentoring_feedback").field("comment_shown", .bool, .required, .sql(.default(false))).update()
        try await database.schema("mentoring_programmes")
            .field("opened_at", .datetime)
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mentoring_programmes").deleteField("opened_at").update()
        try await database.schema("mentoring_feedback").deleteField("comment_shown").update()
        try await database.schema("mentoring_feedback").deleteField("release_id").update()
        try await database.schema("mentoring_feedback_releases").delete()
    }
}
