import Fluent

/// Collegial support in practice: engagements, their participants and notes; ask-a-colleague
/// requests and the colleagues who volunteer for topics.
struct M006_CreatePractice: AsyncMigration {
    var name: String { "M006_CreatePractice" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Engagement.schema)
            .id()
            .field("form", .string, .required)
            .field("status", .string, .required)
            .field("topic", .string, .required)
            .field("closed_at", .datetime)
            .field("created_at", .datetime)
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .create()
        try await database.schema(EngagementParticipant.schema)
            .id()
            .field("role", .string, .required)
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "engagement_id", "user_id")
            .create()
        try await database.schema(EngagementNote.schema)
            .id()
            .field("text", .string, .required)
            .field("visibility", .string, .required)
            .field("is_reflection", .bool, .required)
            .field("created_at", .datetime)
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .create()
        try await database.schema(HelpRequest.schema)
            .id()
            .field("topic", .string, .required)
            .field("urgency", .string, .required)
            .field("question", .string, .required)
            .field("show_name", .bool, .required)
            .field("status", .string, .required)
            .field("asked_at", .datetime, .required)
            .field("created_at", .datetime)
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .field("asker_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("taken_by_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("engagement_id", .uuid, .references(Engagement.schema, "id", onDelete: .setNull))
            .create()
        try await database.schema(HelpVolunteer.schema)
            .id()
            .field("topic", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .unique(on: "user_id", "school_id", "topic")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [HelpVolunteer.schema, HelpRequest.schema, EngagementNote.schema, EngagementParticipant.schema, Engagement.schema] {
            try await database.schema(schema).delete()
        }
    }
}
