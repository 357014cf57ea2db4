import Fluent
import SQLKit

/// Single-use tokens: a survey answered only through personal links, each good for one response.
struct M017_SurveyTokens: AsyncMigration {
    var name: String { "M017_SurveyTokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Survey.schema).field("requires_token", .bool, .required, .sql(.default(false))).update()
        try await database.schema(SurveyToken.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("used_on", .string)
            .field("created_at", .datetime)
            .field("survey_id", .uuid, .required, .references(Survey.schema, "id", onDelete: .cascade))
            .unique(on: "token_hash")
            .create()
        try await database.schema(SurveyDraft.schema).field("survey_token_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SurveyDraft.schema).deleteField("survey_token_id").update()
        try await database.schema(SurveyToken.schema).delete()
        try await database.schema(Survey.schema).deleteField("requires_token").update()
    }
}
