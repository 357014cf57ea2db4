import Fluent

/// Meetings of engagements, and each person's private calendar feed.
struct M007_CreateMeetings: AsyncMigration {
    var name: String { "M007_CreateMeetings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Meeting.schema)
            .id()
            .field("starts_at", .datetime, .required)
            .field("time_zone", .string, .required)
            .field("duration_minutes", .int, .required)
            .field("place", .string, .required)
            .field("online_link", .string, .required)
            .field("agenda", .string, .required)
            .field("sequence", .int, .required)
            .field("cancelled", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .create()
        try await database.schema(CalendarFeed.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "user_id")
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CalendarFeed.schema).delete()
        try await database.schema(Meeting.schema).delete()
    }
}
