import Fluent
import SQLKit

/// At most one unanswered request for another attempt per learner and quiz: two clicks at
/// once on "Ask for another attempt" store one request and send one notice (the check before
/// the insert cannot see a simultaneous one). A partial unique index, which SQLite and
/// PostgreSQL both have.
struct M030_OneOpenAttemptRequest: AsyncMigration {
    var name: String { "M030_OneOpenAttemptRequest" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            CREATE UNIQUE INDEX quiz_attempt_requests_one_open
            ON quiz_attempt_requests (enrolment_id, activity_id) WHERE granted_at IS NULL
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX quiz_attempt_requests_one_open").run()
    }
}
