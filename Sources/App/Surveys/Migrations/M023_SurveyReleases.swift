import Fluent
import Foundation
import SQLKit

/// Issue 14: a survey's figures are released once, when it closes, and never move after.
/// - A closed survey is a released one (`Survey.isReleased`): surveys closed before are
///   released here. No column is added to `surveys`: the landed M018 reads surveys through
///   today's model, before any later column exists on a new database.
/// - `survey_publications`: when a survey was first published: a member who joined a school
///   or took a role after that answers outside its figures (`AnswerController.store`).
/// - `survey_responses.in_figures`: false for an answer given by someone who joined the
///   school or took their role after the survey was published: kept, never in a figure.
/// - `survey_responses.released`: whether a response is in the released figures. The
///   report's counters (`survey_counts`) count released responses only, so they are
///   emptied here for surveys still open and filled at their release.
/// - `survey_drafts.promised_anonymous`: the promise the respondent was shown when they
///   began, kept with their answers (an identified survey never stores someone who began
///   under the promise of anonymity).
/// - `survey_corrections`: wording changed after the first answer, with the reason, shown in
///   the report and the codebook.
/// - `survey_link_uses`: the public link's rate limit (a keyed hash of the client and the
///   minute only, never joined to a response; rows older than a day are deleted).
/// Every published survey's anonymity is fixed from now on (it was fixed by the first answer).
struct M023_SurveyReleases: AsyncMigration {
    var name: String { "M023_SurveyReleases" }

    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE: SQLite adds one at a time.
        try await database.schema("survey_responses").field("released", .bool, .required, .sql(.default(false))).update()
        try await database.schema("survey_responses").field("in_figures", .bool, .required, .sql(.default(true))).update()
        try await database.schema("survey_drafts").field("promised_anonymous", .bool).update()
        try await database.schema("survey_corrections")
            .id()
            .field("made_on", .string, .required)
            .field("language", .string, .required)
            .field("text_key", .string, .required)
            .field("before", .string, .required)
            .field("after", .string, .required)
            .field("reason", .string, .required)
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .create()
        try await database.schema("survey_publications")
            .id()
            .field("published_at", .datetime, .required)
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .unique(on: "survey_id")
            .create()
        try await database.schema("survey_link_uses")
            .id()
            .field("client", .string, .required)
            .field("used_at", .datetime, .required)
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.update("surveys").set("anonymity_fixed", to: true).where("status", .notEqual, "draft").run()
        // Surveys already closed keep the figures they showed: their responses are released
        // and counted. Open ones show figures again when they close (counters fill then).
        let rows = try await sql.select().column("id").column("status").from("surveys").all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            guard try row.decode(column: "status", as: String.self) == "closed" else {
                try await sql.delete(from: "survey_counts").where("survey_id", .equal, id).run()
                continue
            }
            try await sql.update("survey_responses").set("released", to: true).where("survey_id", .equal, id).run()
            // Through today's model: every column it reads exists from here on.
            if let survey = try await Survey.find(id, on: database) { try await SurveyCounts.rebuild(survey, on: database) }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("survey_link_uses").delete()
        try await database.schema("survey_publications").delete()
        try await database.schema("survey_corrections").delete()
        try await database.schema("survey_drafts").deleteField("promised_anonymous").update()
        try await database.schema("survey_responses").deleteField("in_figures").update()
        try await database.schema("survey_responses").deleteField("released").update()
    }
}
