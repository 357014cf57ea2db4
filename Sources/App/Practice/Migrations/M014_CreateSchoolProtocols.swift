import Fluent

/// A school's own observation protocols, and the link from a cycle to the one it follows.
struct M014_CreateSchoolProtocols: AsyncMigration {
    var name: String { "M014_CreateSchoolProtocols" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SchoolProtocol.schema)
            .id()
            .field("name", .string, .required)
            .field("look_fors", .string, .required)
            .field("retired_at", .datetime)
            .field("created_at", .datetime)
            .field("school_id", .uuid, .required, .references("schools", "id", onDelete: .cascade))
            .field("author_id", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await database.schema(ObservationCycle.schema)
            .field("school_protocol_id", .uuid, .references(SchoolProtocol.schema, "id", onDelete: .setNull))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ObservationCycle.schema).deleteField("school_protocol_id").update()
        try await database.schema(SchoolProtocol.schema).delete()
    }
}
