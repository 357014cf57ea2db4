import Fluent

/// The accounts foundation: people, networks, schools and who belongs where.
/// Migrations never use live model types, so a later change to a model cannot change
/// what this one did; `name` is pinned so moving the file does not re-run it.
struct M001_CreateAccounts: AsyncMigration {
    var name: String { "M001_CreateAccounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("email", .string, .required)
            .field("given_name", .string, .required)
            .field("family_name", .string, .required)
            .field("password_hash", .string)
            .field("is_admin", .bool, .required)
            .field("language", .string)
            .unique(on: "email")
            .create()

        try await database.schema("networks")
            .id()
            .field("created_at", .datetime)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .unique(on: "name")
            .create()

        try await database.schema("schools")
            .id()
            .field("created_at", .datetime)
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("country", .string, .required)
            .field("city", .string, .required)
            .field("language", .string, .required)
            .field("network_id", .uuid, .references("networks", "id", onDelete: .setNull))
            .unique(on: "code")
            .create()

        try await database.schema("memberships")
            .id()
            .field("created_at", .datetime)
            .field("role", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .unique(on: "user_id", "school_id")
            .create()

        try await database.schema("network_coordinators")
            .id()
            .field("created_at", .datetime)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("network_id", .uuid, .required, .references("networks", "id", onDelete: .cascade))
            .unique(on: "user_id", "network_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["network_coordinators", "memberships", "schools", "networks", "users"] {
            try await database.schema(table).delete()
        }
    }
}
