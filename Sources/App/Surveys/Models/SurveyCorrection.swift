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

/// When a survey was first published. Members who joined the school or took their role
/// later answer outside its figures, so that accounts made for the purpose cannot fill a
/// small group (issue 14, class 2). Kept in a table of its own, not on `surveys`: the landed
/// migration M018 reads surveys through today's `Survey` model, before any later column of
/// `surveys` exists on a new database.
final class SurveyPublication: Model, @unchecked Sendable {
    static let schema = "survey_publications"

    @ID(key: .id) var id: UUID?
    @Field(key: "published_at") var publishedAt: Date
    @Parent(key: "survey_id") var survey: Survey

    init() {}

    init(surveyID: UUID, publishedAt: Date) {
        self.$survey.id = surveyID
        self.publishedAt = publishedAt
    }

    /// Records the first publication; later ones (new dates, new audience) change nothing.
    static func record(_ survey: Survey, at date: Date, on db: any Database) async throws {
        let surveyID = try survey.requireID()
        guard try await query(on: db).filter(\.$survey.$id == surveyID).count() == 0 else { return }
        try await SurveyPublication(surveyID: surveyID, publishedAt: date).save(on: db)
    }

    static func date(of survey: Survey, on db: any Database) async throws -> Date? {
        try await query(on: db).filter(\.$survey.$id == survey.requireID()).first()?.publishedAt
    }
}
