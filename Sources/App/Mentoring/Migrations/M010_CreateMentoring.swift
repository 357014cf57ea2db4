import Fluent

/// Mentoring programmes, their members with profiles, and their pairs.
struct M010_CreateMentoring: AsyncMigration {
    var name: String { "M010_CreateMentoring" }

    func prepare(on database: any Database) async throws {
        try await database.schema(MentoringProgramme.schema)
            .id()
            .field("name", .string, .required)
            .field("goal", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("status", .string, .required)
            .field("weights", .string, .required)
            .field("ideal_gap", .int, .required)
            .field("prefer_same_school", .bool, .required)
            .field("quiet_days", .int, .required)
            .field("created_at", .datetime)
            .field("school_id", .uuid, .references("schools", "id", onDelete: .cascade))
            .field("network_id", .uuid, .references("networks", "id", onDelete: .cascade))
            .create()
        try await database.schema(ProgrammeMember.schema)
            .id()
            .field("role", .string, .required)
            .field("capacity", .int, .required)
            .field("subjects", .string, .required)
            .field("levels", .string, .required)
            .field("years", .int, .required)
            .field("languages", .string, .required)
            .field("goals", .string, .required)
            .field("goals_text", .string, .required)
            .field("availability", .string, .required)
            .field("profile_done", .bool, .required)
            .field("programme_id", .uuid, .required, .references(MentoringProgramme.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .unique(on: "programme_id", "user_id")
            .create()
        try await database.schema(ProgrammePair.schema)
            .id()
            .field("status", .string, .required)
            .field("mentor_accepted", .bool, .required)
            .field("mentee_accepted", .bool, .required)
            .field("scores", .string, .required)
            .field("total", .double, .required)
            .field("programme_id", .uuid, .required, .references(MentoringProgramme.schema, "id", onDelete: .cascade))
            .field("mentor_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("mentee_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("engagement_id", .uuid, .references(Engagement.schema, "id", onDelete: .setNull))
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [ProgrammePair.schema, ProgrammeMember.schema, MentoringProgramme.schema] {
            try await database.schema(schema).delete()
        }
    }
}
