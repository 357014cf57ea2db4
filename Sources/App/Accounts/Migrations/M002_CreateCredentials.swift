import Fluent

/// Invitations, password resets, login sessions, login failures and API tokens.
struct M002_CreateCredentials: AsyncMigration {
    var name: String { "M002_CreateCredentials" }

    func prepare(on database: any Database) async throws {
        try await database.schema("invitations")
            .id()
            .field("created_at", .datetime)
            .field("token_hash", .string, .required)
            .field("email", .string, .required)
            .field("given_name", .string, .required)
            .field("family_name", .string, .required)
            .field("role", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .field("invited_by_id", .uuid, .references("users", "id", onDelete: .setNull))
            .unique(on: "token_hash")
            .create()

        try await database.schema("password_resets")
            .id()
            .field("created_at", .datetime)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "token_hash")
            .create()

        try await database.schema("login_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "token_hash")
            .create()

        try await database.schema("login_failures")
            .id()
            .field("email", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()

        try await database.schema("api_tokens")
            .id()
            .field("created_at", .datetime)
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["api_tokens", "login_failures", "login_sessions", "password_resets", "invitations"] {
            try await database.schema(table).delete()
        }
    }
}
