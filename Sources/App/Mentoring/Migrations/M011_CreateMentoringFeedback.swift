import Fluent

/// Anonymous feedback on ended mentoring pairs, and who has given theirs (kept apart).
struct M011_CreateMentoringFeedback: AsyncMigration {
    var name: String { "M011_CreateMentoringFeedback" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PairFeedback.schema)
            .id()
            .field("usefulness", .int, .required)
            .field("recommend", .bool, .required)
            .field("improve", .string, .required)
            .field("programme_id", .uuid, .required, .references(MentoringProgramme.schema, "id", onDelete: .cascade))
            .create()
        try await database.schema(FeedbackGiven.schema)
            .id()
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "engagement_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FeedbackGiven.schema).delete()
        try await database.schema(PairFeedback.schema).delete()
    }
}
