import Fluent
import SQLKit

/// Every signed-in page counts the person's unread notifications (the header's badge), and
/// "My support" lists them: both look notifications up by `user_id`, which had no index, so
/// each page read the whole table (issue 16). Reading the table uses `user_id` and
/// `read_at`; the index covers both, in that order.
struct M026_NotificationsByUser: AsyncMigration {
    var name: String { "M026_NotificationsByUser" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "notifications_user_read").on(AppNotification.schema).column("user_id").column("read_at").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "notifications_user_read").run()
    }
}
