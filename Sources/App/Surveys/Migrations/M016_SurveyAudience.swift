import Fluent
import SQLKit

/// Whom a survey is shown to on their home page: roles within chosen schools.
struct M016_SurveyAudience: AsyncMigration {
    var name: String { "M016_SurveyAudience" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Survey.schema).field("audience_roles", .string, .required, .sql(.default(""))).update()
        try await database.schema(Survey.schema).field("audience_schools", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Survey.schema).deleteField("audience_schools").deleteField("audience_roles").update()
    }
}
