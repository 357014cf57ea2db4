import Fluent
import SQLKit

/// E-mail that leaves the system (issue 17): the outbox every mail is written to in the
/// transaction of the change that caused it, the addresses a server refused for good, the
/// scheduled jobs that run once across processes, each person's choice of how notices reach
/// them, the links that turn digests off, and the language an invitation is written in.
struct M027_MailDelivery: AsyncMigration {
    var name: String { "M027_MailDelivery" }

    func prepare(on database: any Database) async throws {
        try await database.schema("mail_outbox")
            .id()
            .field("kind", .string, .required)
            // No foreign key: a mail outlives neither its person (erasing them deletes it)
            // nor needs one to be sent; invitations go to people without an account.
            .field("user_id", .uuid)
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .sql(.text), .required)
            // The whole RFC 5322 message as rendered when queued: a retry sends the same
            // bytes with the same Message-ID, so a receiver can tell a duplicate.
            .field("message", .sql(.text), .required)
            .field("message_id", .string, .required)
            .field("link", .string)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("lease_until", .datetime)
            .field("lease_owner", .string)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        try await database.schema("mail_undeliverable")
            .field("address", .string, .identifier(auto: false))
            .field("reason", .string, .required)
            .field("marked_at", .datetime, .required)
            .create()
        try await database.schema("scheduled_jobs")
            .field("name", .string, .identifier(auto: false))
            .field("next_run_at", .datetime, .required)
            .field("lease_until", .datetime)
            .field("lease_owner", .string)
            .field("last_finished_at", .datetime)
            .field("last_error", .string)
            .create()
        try await database.schema("notification_preferences")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("delivery", .string, .required)
            .unique(on: "user_id", "kind")
            .create()
        try await database.schema("mail_settings")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("time_zone", .string)
            .field("digest_hour", .int, .required)
            .field("last_digest_at", .datetime)
            // One-click unsubscribe: no digest whatever the kinds say, until the person
            // chooses a digest again in their settings.
            .field("digests_off", .bool, .required, .sql(.default(false)))
            .create()
        try await database.schema("unsubscribe_links")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema("invitations").field("language", .string).update()
        // When a notification went out in a digest: each is listed once, whatever the clocks.
        try await database.schema("notifications").field("digested_at", .datetime).update()
        // When a question that waited too long was raised to the school's support staff (once).
        try await database.schema("practice_help_requests").field("raised_at", .datetime).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "mail_outbox_due").on("mail_outbox").column("status").column("next_attempt_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("invitations").deleteField("language").update()
        try await database.schema("notifications").deleteField("digested_at").update()
        try await database.schema("practice_help_requests").deleteField("raised_at").update()
        for table in ["unsubscribe_links", "mail_settings", "notification_preferences", "scheduled_jobs", "mail_undeliverable", "mail_outbox"] {
            try await database.schema(table).delete()
        }
    }
}
