import Fluent
import SQLKit

/// Running sums per school, staff group and period (see `WellbeingCells`), filled from
/// the answers already stored.
struct M004_CreateWellbeingCells: AsyncMigration {
    var name: String { "M004_CreateWellbeingCells" }

    func prepare(on database: any Database) async throws {
        try await database.schema("wellbeing_cells")
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .field("category", .string, .required)
            .field("period", .string, .required)
            .field("n", .int, .required)
            .field("w", .double, .required)
            .field("ww", .double, .required)
            .field("b", .double, .required)
            .field("bb", .double, .required)
            .field("w_low", .int, .required)
            .field("w_mid", .int, .required)
            .field("b_low", .int, .required)
            .field("b_mid", .int, .required)
            .compositeIdentifier(over: "school_id", "category", "period")
            .create()
        try await WellbeingCells.rebuild(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("wellbeing_cells").delete()
    }
}
