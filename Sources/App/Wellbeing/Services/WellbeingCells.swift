import Domain
import Foundation
import Fluent
import SQLKit

/// Running sums per school, staff group and period, kept as answers arrive, so that the
/// figures of a whole network are read from a few thousand rows rather than summed over
/// every answer (the network-wide aggregate must stay fast: see benchmarks/). The SQL is
/// the same on SQLite and PostgreSQL (`INSERT … ON CONFLICT … DO UPDATE`, `excluded.`).
enum WellbeingCells {
    static let table = "wellbeing_cells"
    static let sums = ["n", "w", "ww", "b", "bb", "w_low", "w_mid", "b_low", "b_mid"]

    /// Adds one answer to its cell, creating the cell if needed, in one atomic statement.
    static func add(_ scores: CheckInScores, schoolID: UUID, category: StaffCategory, period: String, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let values: [any SQLExpression] = [
            SQLBind(schoolID), SQLBind(category.rawValue), SQLBind(period), SQLBind(1),
            SQLBind(scores.wellbeing), SQLBind(scores.wellbeing * scores.wellbeing),
            SQLBind(scores.burnout), SQLBind(scores.burnout * scores.burnout),
            SQLBind(scores.wellbeing < 28 ? 1 : 0), SQLBind(scores.wellbeing < 50 ? 1 : 0),
            SQLBind(scores.burnout < 50 ? 1 : 0), SQLBind(scores.burnout < 75 ? 1 : 0),
        ]
        try await sql.insert(into: table)
            .columns(["school_id", "category", "period"] + sums)
            .values(values)
            .onConflict(with: ["school_id", "category", "period"]) { update in
                var update = update
                for column in sums {
                    update = update.set(SQLIdentifier(column),
                                        to: SQLRaw("\(table).\(column) + excluded.\(column)"))
                }
                return update
            }
            .run()
    }

    /// Recomputes every cell from the answers (used by the migration and the benchmark).
    static func rebuild(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.delete(from: table).run()
        try await sql.raw("""
            INSERT INTO wellbeing_cells (school_id, category, period, n, w, ww, b, bb, w_low, w_mid, b_low, b_mid)
            SELECT school_id, category, period, COUNT(*), SUM(wellbeing), SUM(wellbeing * wellbeing),
                   SUM(burnout), SUM(burnout * burnout),
                   SUM(CASE WHEN wellbeing < 28 THEN 1 ELSE 0 END), SUM(CASE WHEN wellbeing < 50 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN burnout < 50 THEN 1 ELSE 0 END), SUM(CASE WHEN burnout < 75 THEN 1 ELSE 0 END)
            FROM wellbeing_answers GROUP BY school_id, category, period
            """).run()
    }
}
