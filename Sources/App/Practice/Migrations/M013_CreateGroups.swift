import Fluent

/// Study groups, supervision and intervision: the groups, attendance at meetings, case
/// sessions and their entries; each member's agreement to confidentiality; a step label
/// and a reminder mark on meetings.
struct M013_CreateGroups: AsyncMigration {
    var name: String { "M013_CreateGroups" }

    func prepare(on database: any Database) async throws {
        try await database.schema(EngagementParticipant.schema).field("agreed_at", .datetime).update()
        try await database.schema(Meeting.schema).field("step", .string).update()
        try await database.schema(Meeting.schema).field("reminded_at", .datetime).update()
        try await database.schema(PracticeGroup.schema)
            .id()
            .field("purpose", .string, .required)
            .field("plan_how", .string, .required)
            .field("plan_support", .string, .required)
            .field("plan_challenge", .string, .required)
            .field("plan_evidence", .string, .required)
            .field("plan_written_at", .datetime)
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .unique(on: "engagement_id")
            .create()
        try await database.schema(Attendance.schema)
            .id()
            .field("present", .bool, .required)
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "meeting_id", "user_id")
            .create()
        try await database.schema(CaseSession.schema)
            .id()
            .field("title", .string, .required)
            .field("step", .int, .required)
            .field("step_started_at", .datetime, .required)
            .field("step_minutes", .int, .required)
            .field("finished_at", .datetime)
            .field("created_at", .datetime)
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("facilitator_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("case_owner_id", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await database.schema(CaseEntry.schema)
            .id()
            .field("step", .int, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime)
            .field("session_id", .uuid, .required, .references(CaseSession.schema, "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [CaseEntry.schema, CaseSession.schema, Attendance.schema, PracticeGroup.schema] {
            try await database.schema(schema).delete()
        }
        try await database.schema(Meeting.schema).deleteField("reminded_at").deleteField("step").update()
        try await database.schema(EngagementParticipant.schema).deleteField("agreed_at").update()
    }
}
