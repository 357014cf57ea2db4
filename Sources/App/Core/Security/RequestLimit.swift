import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// How often one client may do one thing (issue 20): password-reset requests per address,
/// API calls per token. Counted in the database, so every node of a cluster counts together;
/// one statement per request (an upsert that returns the count), in fixed windows. A refused
/// request is answered 429 with `Retry-After`, the seconds left in the window. Sign-in and
/// public survey links have limits of their own, kept per attempt (LoginGuard,
/// SurveyLinkLimit), because they must also slow down guessing within a window.
struct RequestLimit: Sendable {
    /// What is limited: one word, the row's `bucket`.
    let bucket: String
    let limit: Int
    /// The window's length in seconds.
    let window: Int

    /// Counts this request of `client`; nil when it is within the limit, otherwise the
    /// seconds until the window ends (at least 1).
    func count(client: String, now: Date, on db: any Database) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let second = Int(now.timeIntervalSince1970)
        let start = second - second % window
        let rows = try await sql.insert(into: Self.table)
            .columns("bucket", "client", "window_start", "window_end", "hits")
            .values(SQLBind(bucket), SQLBind(client), SQLBind(start), SQLBind(start + window), SQLBind(1))
            .onConflict(with: ["bucket", "client", "window_start"]) { $0.set("hits", to: SQLRaw("\(Self.table).hits + 1")) }
            .returning("hits")
            .all()
        let hits = try rows.first?.decode(column: "hits", as: Int.self) ?? 1
        return hits > limit ? max(1, start + window - second) : nil
    }

    static let table = "request_limits"

    /// The row's client: a hash of what identifies it (an API token as sent, a network address)
    /// with the limit's name. A token's hash here cannot be joined to `api_tokens`, which keeps
    /// a hash of its own, so the table never says whose calls it counts.
    static func key(_ bucket: String, _ identity: String) -> String {
        SHA256.hash(data: Data(("collegium-limit:" + bucket + ":" + identity).utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Rows whose window has ended: of no use to any limit (a job every ten minutes, so a row
    /// outlives its window by ten minutes at most).
    static func sweep(before now: Date, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.delete(from: table).where("window_end", .lessThanOrEqual, SQLBind(Int(now.timeIntervalSince1970))).run()
    }
}
