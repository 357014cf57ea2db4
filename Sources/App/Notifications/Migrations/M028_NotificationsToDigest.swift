import Fluent
import SQLKit

/// The `digests` job, every quarter of an hour, looks for the notifications no digest has
/// listed yet and nobody has read (`Digests.sendDue`): without an index it read the whole
/// table, which only grows. The index leads with the two columns that are NULL for the few
/// rows it wants, then the time it keeps to the last week.
struct M028_NotificationsToDigest: AsyncMigration {
    var name: String { "M028_NotificationsToDigest" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "notifications_to_digest").on(AppNotification.schema)
            .column("digested_at").column("read_at").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "notifications_to_digest").run()
    }
}
