import Fluent
import Foundation
import SQLKit

/// Issue #14, class 8: login attempts remember the client they came from (throttling per
/// client and per account from a client), and API tokens get scopes and an expiry.
struct M022_SignInLimitsAndTokenScopes: AsyncMigration {
    var name: String { "M022_SignInLimitsAndTokenScopes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("login_failures").field("client", .string).update()
        // One column per ALTER: SQLite adds only one at a time.
        try await database.schema("api_tokens").field("scopes", .string).update()
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
        guard let sql = database as? any SQLDatabase else { return }
        // Each throttle check reads by email or by client within the last hour.
        try await sql.create(index: "login_failures_email_idx").on("login_failures").column("email").run()
        try await sql.create(index: "login_failures_client_idx").on("login_failures").column("client").run()
        // Tokens made before scopes existed could do everything; they keep that, but now
        // end like new ones do: 90 days from this upgrade (the longest default).
        try await sql.update("api_tokens")
            .set("scopes", to: SQLBind("read write accounts handbook wellbeing practice surveys courses"))
            .set("expires_at", to: SQLBind(Date().addingTimeInterval(90 * 86_400)))
            .where(SQLColumn("scopes"), .is, SQLLiteral.null)
            .run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "login_failures_client_idx").run()
            try await sql.drop(index: "login_failures_email_idx").run()
        }
        try await database.schema("api_tokens").deleteField("expires_at").update()
        try await database.schema("api_tokens").deleteField("scopes").update()
        try await database.schema("login_failures").deleteField("client").update()
    }
}
