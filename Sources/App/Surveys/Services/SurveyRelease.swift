import Fluent
import Foundation
import SQLKit

/// A survey's figures are released once, when it has ended (closed by hand, at once; past
/// its closing date, by the scheduler's next run), and never move after: the release marks every response as released and
/// fills the report's counters from them, and a released survey takes no answer again.
///
/// Why not live figures: a reader who may read the report as often as they like, before
/// and after a colleague says "I answered", learns that colleague's answer from the
/// difference, whatever the minimum group (issue 14, class 1; docs/privacy.md). Until the
/// release, the report shows how many have answered and nothing that moves with them.
enum SurveyRelease {
    /// Releases the figures of a survey past its closing date (the scheduler's job).
    static func releaseIfEnded(_ survey: Survey, today: String, on db: any Database) async throws {
        guard survey.status == .open, survey.hasEnded(today: today) else { return }
        try await close(survey, on: db)
    }

    /// Closes an open survey and releases its figures in one transaction, once (two at once
    /// on two servers: one wins, the other finds it done). Updates `survey` to match.
    static func close(_ survey: Survey, on db: any Database) async throws {
        let surveyID = try survey.requireID()
        try await db.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            let won = try await sql.update(Survey.schema).set("status", to: Survey.Status.closed.rawValue)
                .where("id", .equal, surveyID).where("status", .equal, Survey.Status.open.rawValue).returning("id").all()
            guard !won.isEmpty else { return }
            try await sql.update(SurveyResponse.schema).set("released", to: true).where("survey_id", .equal, surveyID)
                .where("in_figures", .equal, true).run()
            try await SurveyCounts.replace(survey, on: db)
        }
        if let stored = try await Survey.find(surveyID, on: db) { survey.status = stored.status }
    }

    /// Releases every survey that has ended since the last run: the scheduler's job (every
    /// ten minutes, with the meeting reminders), so that reading a report never changes
    /// anything (a GET never changes state; issue 14, class 9). Closing by hand releases at
    /// once. Returns how many were released.
    @discardableResult
    static func releaseEnded(today: String, on db: any Database) async throws -> Int {
        let candidates = try await Survey.query(on: db).filter(\.$status == .open).all()
        var released = 0
        for survey in candidates where survey.hasEnded(today: today) {
            try await releaseIfEnded(survey, today: today, on: db)
            released += 1
        }
        return released
    }

    /// What the report may show of a survey that has not released its figures yet: how many
    /// have answered, never a figure.
    static func pendingCount(_ survey: Survey, on db: any Database) async throws -> Int {
        try await SurveyResponse.query(on: db).filter(\.$survey.$id == survey.requireID()).count()
    }
}
