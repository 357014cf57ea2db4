import Fluent
import Foundation

/// A text of a survey changed after its first answer: what it said, what it says now, and
/// why. Respondents before and after read different words, so the report and the codebook
/// list every correction (issue 14: wording cannot be rewritten silently under answers).
final class SurveyCorrection: Model, @unchecked Sendable {
    static let schema = "survey_corrections"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    /// `YYYY-MM-DD`.
    @Field(key: "made_on") var madeOn: String
    @Field(key: "language") var language: String
    /// The text's key on the wording page (`title`, `s1`, `q.<variable>`, `q.<variable>.o2`, …).
    @Field(key: "text_key") var textKey: String
    @Field(key: "before") var before: String
    @Field(key: "after") var after: String
    @Field(key: "reason") var reason: String

    // MARK: relationships
    @Parent(key: "survey_id") var survey: Survey

    init() {}

    init(surveyID: UUID, madeOn: String, language: String, textKey: String, before: String, after: String, reason: String) {
        self.$survey.id = surveyID
        self.madeOn = madeOn
        self.language = language
        self.textKey = textKey
        self.before = before
        self.after = after
        self.reason = reason
    }
}

/// One use of a survey's public link, for its rate limit: a keyed hash of the client
/// address (never the address) and the time, never joined to a response, deleted after a
/// day (`SurveyLinkLimit`).
final class SurveyLinkUse: Model, @unchecked Sendable {
    static let schema = "survey_link_uses"

    @ID(key: .id) var id: UUID?
    @Field(key: "client") var client: String
    @Field(key: "used_at") var usedAt: Date
    @Parent(key: "survey_id") var survey: Survey

    init() {}

    init(surveyID: UUID, client: String, usedAt: Date) {
        self.$survey.id = surveyID
        self.client = client
        self.usedAt = usedAt
    }
}
