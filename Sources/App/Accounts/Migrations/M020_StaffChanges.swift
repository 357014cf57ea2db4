import Fluent

/// The staff record (`staff_changes`) and, on each membership, when its current role began
/// and whether a network coordinator ended its cooling-off (issue 14, class 5).
struct M020_StaffChanges: AsyncMigration {
    var name: String { "M020_StaffChanges" }

    func prepare(on database: any Database) async throws {
        try await database.schema("staff_changes")
            .id()
            .field("kind", .string, .required)
            .field("role", .string, .required)
            .field("previous_role", .string)
            .field("occurred_at", .datetime, .required)
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("actor_id", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        // Existing memberships keep nil: they began before anyone could add accounts to
        // read what waits, and nobody can tell now when.
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("memberships").field("role_since", .datetime).update()
        try await database.schema("memberships").field("cleared_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("memberships").deleteField("cleared_at").update()
        try await database.schema("memberships").deleteField("role_since").update()
        try await database.schema("staff_changes").delete()
    }
}
