import Domain
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Running sums per school, staff group and period, kept as answers arrive, so that the
/// figures of a whole network are read from a few thousand rows rather than summed over
/// every answer (the network-wide aggregate must stay fast: see benchmarks/). The SQL is
/// the same on SQLite and PostgreSQL (`INSERT … ON CONFLICT … DO UPDATE`, `excluded.`).
enum WellbeingCells {
    static let table = "wellbeing_cells"
    /// `r` counts the answers of people who may read the figures themselves (issue 14):
    /// they are in the figures but do not count toward the minimum group.
    static let sums = ["n", "w", "ww", "b", "bb", "w_low", "w_mid", "b_low", "b_mid", "r"]

    /// Adds one answer to its cell, creating the cell if needed, in one atomic statement.
    static func add(
        _ scores: CheckInScores, schoolID: UUID, category: StaffCategory, period: String, byReader: Bool = false,
        on db: any Database
    ) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let values: [any SQLExpression] = [
            SQLBind(schoolID), SQLBind(category.rawValue), SQLBind(period), SQLBind(1),
            SQLBind(scores.wellbeing), SQLBind(scores.wellbeing * scores.wellbeing),
            SQLBind(scores.burnout), SQLBind(scores.burnout * scores.burnout),
            SQLBind(scores.wellbeing < 28 ? 1 : 0), SQLBind(scores.wellbeing < 50 ? 1 : 0),
            SQLBind(scores.burnout < 50 ? 1 : 0), SQLBind(scores.burnout < 75 ? 1 : 0), SQLBind(byReader ? 1 : 0),
        ]
        try await sql.insert(into: table)
            .columns(["school_id", "category", "period"] + sums)
            .values(values)
            .onConflict(with: ["school_id", "category", "period"]) { update in
                var update = update
                for column in sums {
                    update = update.set(
                        SQLIdentifier(column),
                        to: SQLRaw("\(table).\(column) + excluded.\(column)"))
                }
                return update
            }
            .run()
    }

    /// Recomputes every cell from the answers (used by the migration and the benchmark).
    /// The answers do not say whose they were, so a rebuild counts no reader's answer (`r`
    /// is 0): run it only on a database whose figures nobody has seen yet.
    static func rebuild(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.delete(from: table).run()
        try await sql.raw(
            """
            INSERT INTO wellbeing_cells (school_id, category, period, n, w, ww, b, bb, w_low, w_mid, b_low, b_mid)
            SELECT school_id, category, period, COUNT(*), SUM(wellbeing), SUM(wellbeing * wellbeing),
                   SUM(burnout), SUM(burnout * burnout),
                   SUM(CASE WHEN wellbeing < 28 THEN 1 ELSE 0 END), SUM(CASE WHEN wellbeing < 50 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN burnout < 50 THEN 1 ELSE 0 END), SUM(CASE WHEN burnout < 75 THEN 1 ELSE 0 END)
            FROM wellbeing_answers GROUP BY school_id, category, period
            """
        ).run()
    }
}

extension WellbeingCells {
    struct Row {
        var schoolID: UUID
        var category: String
        var period: String
        var stats: CheckInStats
        /// Answers given by people who may read the figures.
        var readers: Int = 0
    }

    /// A cell's sums as statistics; the bands are stored as running counts below each limit.
    static func stats(n: Int, w: Double, ww: Double, b: Double, bb: Double, wLow: Int, wMid: Int, bLow: Int, bMid: Int) -> CheckInStats {
        var stats = CheckInStats()
        stats.count = n
        stats.wellbeingSum = w
        stats.wellbeingSquares = ww
        stats.burnoutSum = b
        stats.burnoutSquares = bb
        stats.wellbeingBands = [wLow, wMid - wLow, n - wMid]
        stats.burnoutBands = [bLow, bMid - bLow, n - bMid]
        return stats
    }

    /// The cells of some schools. A network's report reads thousands of them, and decoding
    /// each column through `Decodable` cost more than the rest of the report together
    /// (measured with `collegium bench-wellbeing`), so on SQLite the values are read
    /// straight from the driver's rows; PostgreSQL goes through SQLKit's decoding.
    static func read(schoolIDs ids: [UUID], on db: any Database) async throws -> [Row] {
        guard !ids.isEmpty else { return [] }
        let columns = ["school_id", "category", "period"] + sums
        if let sqlite = db as? any SQLiteDatabase {
            let encoder = SQLiteDataEncoder()
            let binds = try ids.map { try encoder.encode($0) }
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            // Ordered by school, so each school's id is decoded once. (Mapping the id to a
            // number in SQL with CASE was measured slower: it compares every row's id.)
            let rows = try await sqlite.query(
                "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE school_id IN (\(placeholders)) ORDER BY school_id", binds)
            var result: [Row] = []
            result.reserveCapacity(rows.count)
            var lastSchool: SQLiteData?
            var lastID = UUID()
            let decoder = SQLiteDataDecoder()
            for row in rows {
                // By position, in the order selected (one lookup per row, not one per value).
                let values = row.columns.map(\.data)
                guard values.count == columns.count else { continue }
                let readers = Int(values[12].integer ?? 0)
                if values[0] != lastSchool {
                    lastID = try decoder.decode(UUID.self, from: values[0])
                    lastSchool = values[0]
                }
                let stats = Self.stats(
                    n: Int(values[3].integer ?? 0), w: values[4].double ?? 0, ww: values[5].double ?? 0,
                    b: values[6].double ?? 0, bb: values[7].double ?? 0,
                    wLow: Int(values[8].integer ?? 0), wMid: Int(values[9].integer ?? 0),
                    bLow: Int(values[10].integer ?? 0), bMid: Int(values[11].integer ?? 0))
                result.append(
                    Row(
                        schoolID: lastID, category: values[1].string ?? "", period: values[2].string ?? "", stats: stats,
                        readers: readers))
            }
            return result
        }
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.select().columns(columns.map { SQLIdentifier($0) }).from(table).where("school_id", .in, ids).all()
        return try rows.map { row in
            func int(_ c: String) throws -> Int { try row.decode(column: c, as: Int.self) }
            func double(_ c: String) throws -> Double { try row.decode(column: c, as: Double.self) }
            return Row(
                schoolID: try row.decode(column: "school_id", as: UUID.self), category: try row.decode(column: "category", as: String.self),
                period: try row.decode(column: "period", as: String.self),
                stats: Self.stats(
                    n: try int("n"), w: try double("w"), ww: try double("ww"), b: try double("b"), bb: try double("bb"),
                    wLow: try int("w_low"), wMid: try int("w_mid"), bLow: try int("b_low"), bMid: try int("b_mid")),
                readers: try int("r"))
        }
    }
}
