import Domain
import Fluent
import Foundation

/// A questionnaire of a school (made by its leader) or of a network (made by a
/// coordinator): its definition (sections, questions, texts in each language), whether it
/// is anonymous, and when it is open. Its structure can change only while it is a draft.
final class Survey: Model, @unchecked Sendable {
    static let schema = "surveys"

    enum Status: String, Codable, Sendable { case draft, open, closed }

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // MARK: data
    /// The title in the base language, for lists.
    @Field(key: "title") var title: String
    /// The `SurveyDefinition`, as JSON.
    @Field(key: "definition") var definitionJSON: String
    @Field(key: "status") var status: Status
    @Field(key: "anonymous") var anonymous: Bool
    /// Set when the survey is first published (before M023: by its first response): from
    /// then on whether it is anonymous never changes, in either direction, since the
    /// respondents were promised one or the other on its first page.
    @Field(key: "anonymity_fixed") var anonymityFixed: Bool

    /// `YYYY-MM-DD`; empty when not set.
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    /// The secret part of the public link (`/s/<slug>`).
    @Field(key: "slug") var slug: String
    /// Which ready questionnaire it came from, if any (its report adds recommendations).
    @OptionalField(key: "template") var template: String?
    /// Roles (comma-separated `SchoolRole` values) who see the survey on their home page…
    @Field(key: "audience_roles") var audienceRoles: String
    /// …in these schools (comma-separated ids); empty: the link only.
    @Field(key: "audience_schools") var audienceSchools: String
    /// Answered only through single-use links (`SurveyToken`); the plain link is refused.
    @Field(key: "requires_token") var requiresToken: Bool

    // MARK: relationships
    @OptionalParent(key: "school_id") var school: School?
    @OptionalParent(key: "network_id") var network: Network?
    @OptionalParent(key: "created_by_id") var createdBy: User?

    init() {}

    init(id: UUID? = nil, definition: SurveyDefinition, schoolID: UUID?, networkID: UUID?, createdByID: UUID, slug: String, template: String? = nil) throws {
        self.id = id
        self.title = definition.title.text(definition.baseLanguage, fallback: "en")
        self.definitionJSON = try Self.encode(definition)
        self.status = .draft
        self.anonymous = true
        self.anonymityFixed = false
        self.opensOn = ""
        self.closesOn = ""
        self.slug = slug
        self.template = template
        self.audienceRoles = ""
        self.audienceSchools = ""
        self.requiresToken = false
        self.$school.id = schoolID
        self.$network.id = networkID
        self.$createdBy.id = createdByID
    }

    var roles: Set<SchoolRole> { Set(audienceRoles.split(separator: ",").compactMap { SchoolRole(rawValue: String($0)) }) }
    var schools: Set<UUID> { Set(audienceSchools.split(separator: ",").compactMap { UUID(uuidString: String($0)) }) }

    var definition: SurveyDefinition {
        // Decoded once per process and text (`DecodedJSONCache`).
        get throws { try Self.definitions.value(of: id, json: definitionJSON) }
    }

    /// A definition is some tens of KB: a few hundred surveys fit in the budget.
    private static let definitions = DecodedJSONCache<SurveyDefinition>(budget: 16 << 20)

    /// The title in `language`, else in the survey's base language: what lists and
    /// breadcrumbs show a reader (issue 18). The definition is on the row already loaded
    /// and decoded once (`definitions`), so a list runs no further query for it.
    func title(in language: String) -> String {
        guard let definition = try? definition else { return title }
        return definition.title.text(language, fallback: definition.baseLanguage)
    }

    func setDefinition(_ definition: SurveyDefinition) throws {
        definitionJSON = try Self.encode(definition)
        title = definition.title.text(definition.baseLanguage, fallback: "en")
    }

    static func encode(_ definition: SurveyDefinition) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(definition), as: UTF8.self)
    }

    /// Open for answers on `today` (`YYYY-MM-DD`): published, and within its dates.
    func acceptsAnswers(today: String) -> Bool {
        status == .open && (opensOn.isEmpty || opensOn <= today) && (closesOn.isEmpty || today <= closesOn)
    }

    /// Closed: its figures are released, it takes no answer and never opens again (issue 14,
    /// docs/privacy.md). Closing and releasing are one step (`SurveyRelease`), and M023
    /// released every survey closed before, so `closed` always means released.
    var isReleased: Bool { status == .closed }

    /// Open but past its closing date on `today`: the scheduler's next run releases it.
    func hasEnded(today: String) -> Bool {
        status == .closed || (status == .open && !closesOn.isEmpty && closesOn < today)
    }
}

/// One submitted response. An anonymous survey's response holds no user, no IP address,
/// no user agent and no time of day: the date it was submitted, the language, and the
/// school, country and role only where the survey reached the person through their school.
///
/// A field added here must be set in `SurveyReport.releasedResponses` too, which builds
/// these models by hand from plain columns for the report.
final class SurveyResponse: Model, @unchecked Sendable {
    static let schema = "survey_responses"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    /// `YYYY-MM-DD`, never a time.
    @Field(key: "submitted_on") var submittedOn: String
    @Field(key: "language") var language: String
    @Field(key: "country") var country: String
    @Field(key: "role") var role: String
    /// The `SurveyAnswers`, as JSON.
    @Field(key: "answers") var answersJSON: String
    /// Sent with the submission: a retried or doubled submit is stored once.
    @Field(key: "idempotency_key") var idempotencyKey: String
    /// In the released figures (set at the survey's release, for responses `inFigures`).
    @Field(key: "released") var released: Bool
    /// False for an answer given by someone who joined the school or took their role after
    /// the survey was published: kept, and never in a figure, a count toward a minimum or an
    /// export (accounts made for the purpose could otherwise fill a group; issue 14).
    @Field(key: "in_figures") var inFigures: Bool

    // MARK: relationships
    @Parent(key: "survey_id") var survey: Survey
    @OptionalParent(key: "school_id") var school: School?
    /// Only for an identified survey.
    @OptionalParent(key: "user_id") var user: User?

    init() {}

    init(
        id: UUID? = nil, surveyID: UUID, submittedOn: String, language: String, country: String, role: String, schoolID: UUID?,
        userID: UUID?, answers: SurveyAnswers, idempotencyKey: String
    ) throws {
        self.id = id
        self.$survey.id = surveyID
        self.submittedOn = submittedOn
        self.language = language
        self.country = country
        self.role = role
        self.$school.id = schoolID
        self.$user.id = userID
        self.answersJSON = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
        self.idempotencyKey = idempotencyKey
        self.released = false
        self.inFigures = true
    }

    /// Decoded once per process and text (`DecodedJSONCache`): a report reads every released
    /// response's answers, some of them three times. Only released answers are read so
    /// often, and those stay in the database too when their person is erased (see
    /// `Survey+PersonalData`), so the cache keeps nothing the database has let go.
    var answers: SurveyAnswers { (try? Self.decodedAnswers.value(of: id, json: answersJSON)) ?? [:] }

    /// A response's answers are a KB or two: thousands of responses fit in the budget, the
    /// cache and its decoded values staying under about 32 MB.
    private static let decodedAnswers = DecodedJSONCache<SurveyAnswers>(budget: 16 << 20)
}

/// Answers being given, saved page by page so that closing the browser loses nothing.
/// Found again by a secret in a cookie (only its hash is kept); it holds no user for an
/// anonymous survey, and is deleted when the response is submitted.
final class SurveyDraft: Model, @unchecked Sendable {
    static let schema = "survey_drafts"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "answers") var answersJSON: String
    @Field(key: "section") var section: Int
    @Field(key: "language") var language: String
    @Field(key: "updated_on") var updatedOn: String

    // MARK: relationships
    @Parent(key: "survey_id") var survey: Survey
    /// The single-use token the answers are given under, if the survey requires one.
    @OptionalField(key: "survey_token_id") var surveyTokenID: UUID?
    /// Whether the first page promised anonymity when these answers were begun (nil: begun
    /// before M023). A response begun under that promise never records who gave it.
    @OptionalField(key: "promised_anonymous") var promisedAnonymous: Bool?

    init() {}

    init(id: UUID? = nil, surveyID: UUID, tokenHash: String, language: String, today: String) {
        self.id = id
        self.$survey.id = surveyID
        self.tokenHash = tokenHash
        self.answersJSON = "{}"
        self.section = 0
        self.language = language
        self.updatedOn = today
    }

    var answers: SurveyAnswers {
        get { (try? JSONDecoder().decode(SurveyAnswers.self, from: Data(answersJSON.utf8))) ?? [:] }
        set { answersJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }
}

/// That a person has answered a survey, kept apart from the answers (so an anonymous
/// response cannot be joined back to them).
final class SurveyParticipation: Model, @unchecked Sendable {
    static let schema = "survey_participation"

    @ID(key: .id) var id: UUID?
    @Parent(key: "survey_id") var survey: Survey
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, surveyID: UUID, userID: UUID) {
        self.id = id
        self.$survey.id = surveyID
        self.$user.id = userID
    }
}

/// A single-use link for a survey: the leader downloads the links once (only hashes are
/// kept) for a mail merge; each is good for one response. Nothing links a token to a person
/// here, nor a response to its token.
final class SurveyToken: Model, @unchecked Sendable {
    static let schema = "survey_tokens"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "token_hash") var tokenHash: String
    /// `YYYY-MM-DD` once used.
    @OptionalField(key: "used_on") var usedOn: String?
    @Parent(key: "survey_id") var survey: Survey

    init() {}

    init(id: UUID? = nil, surveyID: UUID, tokenHash: String) {
        self.id = id
        self.$survey.id = surveyID
        self.tokenHash = tokenHash
    }
}
