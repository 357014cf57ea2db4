import Fluent

/// Issue 18, point 7. Each certificate records the organisation named as its issuer and the
/// course's workload in minutes, as issued (both stay what the signed credential says, even
/// after the network is renamed or the course changes). And a learner who used up a quiz's
/// attempts asks their cohort's facilitator for one more, who gives it
/// (`quiz_attempt_requests`: one row per request, granted or not yet).
struct M029_CertificateIssuerAndAttemptGrants: AsyncMigration {
    var name: String { "M029_CertificateIssuerAndAttemptGrants" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE. Certificates
        // issued before keep nil: they named "Collegium" and stated no workload.
        try await database.schema("course_credentials").field("issuer_name", .string).update()
        try await database.schema("course_credentials").field("workload_minutes", .int).update()
        try await database.schema("quiz_attempt_requests")
            .id()
            .field("requested_at", .datetime, .required)
            .field("granted_at", .datetime)
            .field("enrolment_id", .uuid, .required, .references("course_enrolments", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("course_activities", "id", onDelete: .cascade))
            .field("granted_by_id", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("quiz_attempt_requests").delete()
        try await database.schema("course_credentials").deleteField("workload_minutes").update()
        try await database.schema("course_credentials").deleteField("issuer_name").update()
    }
}
