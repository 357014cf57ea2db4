import Fluent

/// Well-being check-ins: settings, anonymous answers, participation, personal history.
struct M003_CreateWellbeing: AsyncMigration {
    var name: String { "M003_CreateWellbeing" }

    func prepare(on database: any Database) async throws {
        try await database.schema("wellbeing_settings")
            .id()
            .field("cadence", .string, .required)
            .field("minimum_group", .int, .required)
            .field("help_lines", .string, .required)
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .unique(on: "school_id")
            .create()

        try await database.schema("wellbeing_answers")
            .id()
            .field("period", .string, .required)
            .field("category", .string, .required)
            .field("wellbeing", .double, .required)
            .field("burnout", .double, .required)
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .create()

        try await database.schema("wellbeing_participation")
            .id()
            .field("period", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .unique(on: "user_id", "period")
            .create()

        try await database.schema("wellbeing_personal_entries")
            .id()
            .field("period", .string, .required)
            .field("wellbeing", .double, .required)
            .field("burnout", .double, .required)
            .field("note", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["wellbeing_personal_entries", "wellbeing_participation", "wellbeing_answers", "wellbeing_settings"] {
            try await database.schema(table).delete()
        }
    }
}
