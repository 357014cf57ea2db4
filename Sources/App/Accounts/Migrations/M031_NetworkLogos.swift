import Fluent

/// Issue 18, point 7: a network's logo on its certificates. One row a network (unique), the
/// image's bytes beside its type, size and hash. No person is recorded: the logo is the
/// network's, not personal data.
struct M031_NetworkLogos: AsyncMigration {
    var name: String { "M031_NetworkLogos" }

    func prepare(on database: any Database) async throws {
        try await database.schema("network_logos")
            .id()
            .field("updated_at", .datetime)
            .field("content_type", .string, .required)
            .field("image", .data, .required)
            .field("sha256", .string, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("network_id", .uuid, .required, .references("networks", "id", onDelete: .cascade))
            .unique(on: "network_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("network_logos").delete()
    }
}
