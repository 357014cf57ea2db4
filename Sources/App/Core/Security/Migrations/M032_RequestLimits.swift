import Fluent

/// Issue 20: limits on how often one client may ask for a password reset or call the API,
/// counted in the database so that every node counts together. One row per limit, client
/// and window: the client is a hash (of an address, or of an API token as sent), the window
/// its start and end in seconds since 1970, and `hits` the requests in it so far. Rows go
/// once their window has ended (the `request-limits` job, every ten minutes).
struct M032_RequestLimits: AsyncMigration {
    var name: String { "M032_RequestLimits" }

    func prepare(on database: any Database) async throws {
        try await database.schema("request_limits")
            .field("bucket", .string, .required)
            .field("client", .string, .required)
            .field("window_start", .int64, .required)
            .field("window_end", .int64, .required)
            .field("hits", .int, .required)
            .unique(on: "bucket", "client", "window_start")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("request_limits").delete()
    }
}
