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
        for survey in try await Survey.query(on: database).all() { try await SurveyCounts.rebuild(survey, on: database) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SurveyCount.schema).delete()
    }
}
