import Fluent

/// In-app notifications.
struct M009_CreateNotifications: AsyncMigration {
    var name: String { "M009_CreateNotifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AppNotification.schema)
            .id()
            .field("kind", .string, .required)
            .field("actor", .string, .required)
            .field("link", .string, .required)
            .field("read_at", .datetime)
            .field("created_at", .datetime)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AppNotification.schema).delete()
    }
}
