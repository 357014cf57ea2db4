import Fluent
import SQLKit

/// Issue 14: figures that never move once shown and thresholds the reader cannot fill.
/// - `wellbeing_settings_changes`: each change of cadence or minimum group with the period
///   it takes effect from (the next one), so a change never re-opens or re-decides a period.
/// - `wellbeing_cells.r`: how many of a cell's answers came from people who may read the
///   figures themselves; they do not count toward the minimum group.
/// Uses no live model types (a later change to the models must not change this migration).
struct M024_WellbeingReleaseRules: AsyncMigration {
    var name: String { "M024_WellbeingReleaseRules" }

    func prepare(on database: any Database) async throws {
        try await database.schema("wellbeing_settings_changes")
            .id()
            .field("effective_from", .string, .required)
            .field("cadence", .string, .required)
            .field("minimum_group", .int, .required)
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .unique(on: "school_id", "effective_from")
            .create()
        try await database.schema("wellbeing_cells")
            .field("r", .int, .required, .sql(.default(0)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("wellbeing_cells").deleteField("r").update()
        try await database.schema("wellbeing_settings_changes").delete()
    }
}
