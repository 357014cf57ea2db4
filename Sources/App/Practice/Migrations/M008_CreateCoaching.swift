import Fluent

/// Coaching: colleagues' offers to coach, and requests for coaching.
struct M008_CreateCoaching: AsyncMigration {
    var name: String { "M008_CreateCoaching" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CoachOffer.schema)
            .id()
            .field("topics", .string, .required)
            .field("capacity", .int, .required)
            .field("active", .bool, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .unique(on: "user_id", "school_id")
            .create()
        try await database.schema(CoachingRequest.schema)
            .id()
            .field("topic", .string, .required)
            .field("status", .string, .required)
            .field("suggested_by_name", .string)
            .field("created_at", .datetime)
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .field("requester_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("coach_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("engagement_id", .uuid, .references(Engagement.schema, "id", onDelete: .setNull))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CoachingRequest.schema).delete()
        try await database.schema(CoachOffer.schema).delete()
    }
}
