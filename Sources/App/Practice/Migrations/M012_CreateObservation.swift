import Fluent

/// Peer observation cycles (focus and protocol of an observation engagement).
struct M012_CreateObservation: AsyncMigration {
    var name: String { "M012_CreateObservation" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ObservationCycle.schema)
            .id()
            .field("focus", .string, .required)
            .field("protocol", .string, .required)
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .unique(on: "engagement_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ObservationCycle.schema).delete()
    }
}
