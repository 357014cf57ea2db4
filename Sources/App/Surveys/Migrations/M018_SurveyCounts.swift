import Fluent

/// The counters a survey report reads (`SurveyCount`), filled from the responses already there.
struct M018_SurveyCounts: AsyncMigration {
    var name: String { "M018_SurveyCounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SurveyCount.schema)
            .id()
            .field("variable", .string, .required)
            .field("grouping", .string, .required)
            .field("group_key", .string, .required)
            .field("code", .int, .required)
            .field("n", .int, .required)
            .field("survey_id", .uuid, .required, .references(Survey.schema, "id", onDelete: .cascade))
            .unique(on: "survey_id", "variable", "grouping", "group_key", "code")
            .create()
        // The counters were filled here from the responses already there. Since M023 they
        // count released responses only, and M023 fills them for the surveys it releases;
        // reading surveys here through today's model would need M023's columns, which do
        // not exist yet at this point on a database that had not run M018 before.
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SurveyCount.schema).delete()
    }
}
