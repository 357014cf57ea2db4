import Fluent

/// Surveys, their responses, drafts of responses being given, and who has answered.
struct M015_CreateSurveys: AsyncMigration {
    var name: String { "M015_CreateSurveys" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Survey.schema)
            .id()
            .field("title", .string, .required)
            .field("definition", .string, .required)
            .field("status", .string, .required)
            .field("anonymous", .bool, .required)
            .field("anonymity_fixed", .bool, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("slug", .string, .required)
            .field("template", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("school_id", .uuid, .references("schools", "id", onDelete: .cascade))
            .field("network_id", .uuid, .references("networks", "id", onDelete: .cascade))
            .field("created_by_id", .uuid, .references("users", "id", onDelete: .setNull))
            .unique(on: "slug")
            .create()
        try await database.schema(SurveyResponse.schema)
            .id()
            .field("submitted_on", .string, .required)
            .field("language", .string, .required)
            .field("country", .string, .required)
            .field("role", .string, .required)
            .field("answers", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("survey_id", .uuid, .required, .references(Survey.schema, "id", onDelete: .cascade))
            .field("school_id", .uuid, .references("schools", "id", onDelete: .setNull))
            .field("user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .unique(on: "survey_id", "idempotency_key")
            .create()
        try await database.schema(SurveyDraft.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("answers", .string, .required)
            .field("section", .int, .required)
            .field("language", .string, .required)
            .field("updated_on", .string, .required)
            .field("survey_id", .uuid, .required, .references(Survey.schema, "id", onDelete: .cascade))
            .unique(on: "token_hash")
            .create()
        try await database.schema(SurveyParticipation.schema)
            .id()
            .field("survey_id", .uuid, .required, .references(Survey.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "survey_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [SurveyParticipation.schema, SurveyDraft.schema, SurveyResponse.schema, Survey.schema] {
            try await database.schema(schema).delete()
        }
    }
}
