import Fluent
import SQLKit

/// Cohorts across networks (issue 14, class 6): invitations a learner accepts before
/// joining a cohort of another network, the cohort each learning statement was made in
/// (exports cover what happened in the exporter's cohorts only), and the network that
/// issued each certificate (only its coordinators revoke it).
struct M021_CohortConsent: AsyncMigration {
    var name: String { "M021_CohortConsent" }

    func prepare(on database: any Database) async throws {
        try await database.schema("course_cohort_invitations")
            .id()
            .field("created_at", .datetime)
            .field("email", .string, .required)
            .field("status", .string, .required)
            .field("decided_at", .datetime)
            .field("cohort_id", .uuid, .required, .references("course_cohorts", "id", onDelete: .cascade))
            .field("invited_by_id", .uuid, .references("users", "id", onDelete: .setNull))
            .unique(on: "cohort_id", "email")
            .create()
        // No foreign keys on added columns: SQLite cannot add one to an existing table.
        try await database.schema("learning_statements").field("cohort_id", .uuid).update()
        try await database.schema("course_credentials").field("network_id", .uuid).update()
        guard let sql = database as? any SQLDatabase else { return }
        // What was recorded before: a statement counts for the learner's cohort if it was
        // made after that cohort was formed; a certificate was issued by the network of the
        // cohort formed before it. Earlier ones belong to no cohort (admins still export them).
        try await sql.raw(
            """
            UPDATE learning_statements SET cohort_id = (SELECT e.cohort_id FROM course_enrolments e
                JOIN course_cohorts c ON c.id = e.cohort_id
                WHERE e.user_id = learning_statements.user_id AND e.course_id = learning_statements.course_id
                AND c.created_at <= learning_statements.created_at)
            """
        ).run()
        try await sql.raw(
            """
            UPDATE course_credentials SET network_id = (SELECT c.network_id FROM course_enrolments e
                JOIN course_cohorts c ON c.id = e.cohort_id
                WHERE e.user_id = course_credentials.user_id AND e.course_id = course_credentials.course_id
                AND c.created_at <= course_credentials.issued_at)
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("course_credentials").deleteField("network_id").update()
        try await database.schema("learning_statements").deleteField("cohort_id").update()
        try await database.schema("course_cohort_invitations").delete()
    }
}
