import Fluent
import Foundation

/// A report's counter, kept as responses arrive: how many respondents gave `code` to the
/// export variable `variable`, overall (`grouping` "") or in one group of a breakdown
/// (`grouping` "country", "school" or "role", `groupKey` its value). A report over any
/// number of responses reads these instead of the responses (see `SurveyCounts`).
final class SurveyCount: Model, @unchecked Sendable {
    static let schema = "survey_counts"

    @ID(key: .id) var id: UUID?
    @Field(key: "variable") var variable: String
    @Field(key: "grouping") var grouping: String
    @Field(key: "group_key") var groupKey: String
    @Field(key: "code") var code: Int
    @Field(key: "n") var n: Int
    @Parent(key: "survey_id") var survey: Survey

    init() {}
}
