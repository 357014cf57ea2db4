import Domain
import Fluent
import Foundation
import SQLKit

/// Keeps a survey's report counters (`SurveyCount`) over its **released** responses only:
/// they are filled when the survey's figures are released (`SurveyRelease`), so no figure
/// moves while answers come in (issue 14). A released survey takes no more answers, so
/// its counters never move again.
enum SurveyCounts {
    /// "cell" counts by country, school and role together (`SurveyReport.Cell`), which the
    /// guard needs to decide every breakdown at once.
    static let groupings = ["", "country", "school", "role", "cell"]

    /// The counters a response adds to: (variable, grouping, group key, code).
    static func keys(_ response: SurveyResponse, definition: SurveyDefinition) -> [(String, String, String, Int)] {
        let answers = response.answers
        let groups = [
            "": "", "country": response.country.isEmpty ? SurveyReport.unknownKey : response.country,
            "school": response.$school.id?.uuidString ?? SurveyReport.unknownKey,
            "role": response.role.isEmpty ? SurveyReport.unknownKey : response.role,
            "cell": SurveyReport.Cell(country: response.country, school: response.$school.id?.uuidString ?? "", role: response.role).key,
        ]
        var result: [(String, String, String, Int)] = []
        for (_, q) in definition.questions where q.kind.isClosed {
            let names: [String] =
                switch q.kind {
                case .matrix: q.rows.map(\.variable)
                case .multipleChoice: q.options.map { q.variable + "_" + String($0.value) }
                default: [q.variable]
                }
            for name in names {
                guard let code = answers[name].flatMap(Int.init) else { continue }
                for grouping in groupings { result.append((name, grouping, groups[grouping] ?? "", code)) }
            }
        }
        return result
    }

    /// Recomputes a survey's counters from its released responses.
    static func rebuild(_ survey: Survey, on db: any Database) async throws {
        try await db.writeTransaction { db in try await replace(survey, on: db) }
    }

    /// `rebuild` inside a transaction the caller holds.
    static func replace(_ survey: Survey, on db: any Database) async throws {
        let surveyID = try survey.requireID()
        let definition = try survey.definition
        var totals: [String: (String, String, String, Int, Int)] = [:]
        for response in try await SurveyResponse.query(on: db).filter(\.$survey.$id == surveyID).filter(\.$released == true).all() {
            for (variable, grouping, key, code) in keys(response, definition: definition) {
                let id = [variable, grouping, key, String(code)].joined(separator: "\u{1F}")
                totals[id, default: (variable, grouping, key, code, 0)].4 += 1
            }
        }
        let rows = Array(totals.values)
        try await SurveyCount.query(on: db).filter(\.$survey.$id == surveyID).delete()
        guard let sql = db as? any SQLDatabase else { return }
        for chunk in rows.chunked(500) {
            var insert = sql.insert(into: SurveyCount.schema).columns("id", "survey_id", "variable", "grouping", "group_key", "code", "n")
            for (variable, grouping, key, code, n) in chunk {
                insert = insert.values(SQLBind(UUID()), SQLBind(surveyID), SQLBind(variable), SQLBind(grouping), SQLBind(key), SQLBind(code), SQLBind(n))
            }
            try await insert.run()
        }
    }

    /// One counter as the report reads it: plain columns, not a model.
    struct Row: Decodable, Sendable {
        var variable: String
        var grouping: String
        var groupKey: String
        var code: Int
        var n: Int
        enum CodingKeys: String, CodingKey { case variable, grouping, groupKey = "group_key", code, n }
    }

    /// A survey's counters in `groupings`. Read as plain columns: a report reads thousands
    /// of them, and building a Fluent model per row (by reflection) was a quarter of the
    /// report's CPU time (issue 16, point 9).
    static func rows(_ surveyID: UUID, groupings: [String], on db: any Database) async throws -> [Row] {
        if let sql = db as? any SQLDatabase {
            return try await sql.select().columns("variable", "grouping", "group_key", "code", "n").from(SurveyCount.schema)
                .where("survey_id", .equal, surveyID).where("grouping", .in, groupings).all(decoding: Row.self)
        }
        return try await SurveyCount.query(on: db).filter(\.$survey.$id == surveyID).filter(\.$grouping ~~ groupings).all()
            .map { Row(variable: $0.variable, grouping: $0.grouping, groupKey: $0.groupKey, code: $0.code, n: $0.n) }
    }

    /// A survey's counters for the whole and one grouping: [variable: [groupKey: Distribution]].
    static func load(_ surveyID: UUID, grouping: String, on db: any Database) async throws -> [String: [String: Distribution]] {
        var result: [String: [String: [Int: Int]]] = [:]
        for count in try await rows(surveyID, groupings: Array(Set(["", grouping])), on: db) {
            let key = count.grouping.isEmpty ? "" : "g:" + count.groupKey
            result[count.variable, default: [:]][key, default: [:]][count.code, default: 0] += count.n
        }
        return result.mapValues { $0.mapValues { Distribution(counts: $0) } }
    }
}

extension SurveyCounts {
    /// For each closed question, how many answered it in each cell: [variable: [cell key: n]].
    /// A multiple choice is counted by its first option (every option is coded), a matrix
    /// by the statement answered most, as the report counts "answered".
    static func cells(_ surveyID: UUID, definition: SurveyDefinition, on db: any Database) async throws -> [String: [String: Int]] {
        var byVariable: [String: [String: Int]] = [:]
        for count in try await rows(surveyID, groupings: ["cell"], on: db) {
            byVariable[count.variable, default: [:]][count.groupKey, default: 0] += count.n
        }
        var result: [String: [String: Int]] = [:]
        for (_, q) in definition.questions where q.kind.isClosed {
            switch q.kind {
            case .matrix:
                var cells: [String: Int] = [:]
                for row in q.rows { for (key, n) in byVariable[row.variable] ?? [:] { cells[key] = max(cells[key] ?? 0, n) } }
                result[q.variable] = cells
            case .multipleChoice:
                result[q.variable] = q.options.first.flatMap { byVariable[q.variable + "_" + String($0.value)] } ?? [:]
            default:
                result[q.variable] = byVariable[q.variable] ?? [:]
            }
        }
        return result
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
