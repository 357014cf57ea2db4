import Domain
import Fluent
import Foundation

/// A mentoring programme of a school (run by its leader) or of a network's schools (run by
/// its coordinator): its dates, goal, members and the weights its matching uses.
final class MentoringProgramme: Model, @unchecked Sendable {
    static let schema = "mentoring_programmes"

    enum Status: String, Codable, Sendable { case open, closed }

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "name") var name: String
    @Field(key: "goal") var goal: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "status") var status: Status
    /// Weights per criterion (0–5), in the order of `MentoringMatch.Criterion.allCases`.
    @Field(key: "weights") var weights: String
    @Field(key: "ideal_gap") var idealGap: Int
    @Field(key: "prefer_same_school") var preferSameSchool: Bool
    /// After how many days without a note or meeting a pair counts as quiet.
    @Field(key: "quiet_days") var quietDays: Int
    /// When the programme was created, by the application's clock (nil before it was kept):
    /// only people in the school before then count toward its feedback's minimum group.
    @OptionalField(key: "opened_at") var openedAt: Date?

    // MARK: relationships
    @OptionalParent(key: "school_id") var school: School?
    @OptionalParent(key: "network_id") var network: Network?

    init() {}

    init(id: UUID? = nil, name: String, goal: String, startsOn: String, endsOn: String, schoolID: UUID?, networkID: UUID?) {
        self.id = id
        self.name = name
        self.goal = goal
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = .open
        self.weights = "3,2,2,2,3,1"
        self.idealGap = 8
        self.preferSameSchool = true
        self.quietDays = 21
        self.$school.id = schoolID
        self.$network.id = networkID
    }

    var matchWeights: MentoringMatch.Weights {
        let values = weights.split(separator: ",").compactMap { Double($0) }
        var weight: [MentoringMatch.Criterion: Double] = [:]
        for (index, criterion) in MentoringMatch.Criterion.allCases.enumerated() { weight[criterion] = index < values.count ? values[index] : 1 }
        return .init(weight: weight, idealExperienceGap: idealGap, preferSameSchool: preferSameSchool)
    }
}

/// A person in a programme, as mentor or mentee, with the profile the matching reads.
final class ProgrammeMember: Model, @unchecked Sendable {
    static let schema = "mentoring_members"

    enum Role: String, Codable, Sendable { case mentor, mentee }

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "role") var role: Role
    /// Mentees a mentor can take (mentors only).
    @Field(key: "capacity") var capacity: Int
    @Field(key: "subjects") var subjects: String
    @Field(key: "levels") var levels: String
    @Field(key: "years") var years: Int
    @Field(key: "languages") var languages: String
    @Field(key: "goals") var goals: String
    @Field(key: "goals_text") var goalsText: String
    @Field(key: "availability") var availability: String
    @Field(key: "profile_done") var profileDone: Bool

    // MARK: relationships
    @Parent(key: "programme_id") var programme: MentoringProgramme
    @Parent(key: "user_id") var user: User
    @Parent(key: "school_id") var school: School

    init() {}

    init(id: UUID? = nil, programmeID: UUID, userID: UUID, schoolID: UUID, role: Role) {
        self.id = id
        self.$programme.id = programmeID
        self.$user.id = userID
        self.$school.id = schoolID
        self.role = role
        self.capacity = 1
        self.subjects = ""
        self.levels = ""
        self.years = 0
        self.languages = ""
        self.goals = ""
        self.goalsText = ""
        self.availability = ""
        self.profileDone = false
    }

    static func list(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }
}

/// A proposed, published, accepted, declined or excluded pair of a programme.
final class ProgrammePair: Model, @unchecked Sendable {
    static let schema = "mentoring_pairs"

    enum Status: String, Codable, Sendable {
        /// Proposed by the matching or set by hand; only the programme's leader sees it.
        case proposed
        /// Shown to both; each accepts or declines.
        case published
        /// Both accepted: an engagement exists.
        case accepted
        /// One of the two declined: never proposed again.
        case declined
        /// The leader ruled the pair out.
        case excluded
    }

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "status") var status: Status
    @Field(key: "mentor_accepted") var mentorAccepted: Bool
    @Field(key: "mentee_accepted") var menteeAccepted: Bool
    /// Score per criterion, "subject=0.80;level=1.00;…", and the total.
    @Field(key: "scores") var scores: String
    @Field(key: "total") var total: Double

    // MARK: relationships
    @Parent(key: "programme_id") var programme: MentoringProgramme
    @Parent(key: "mentor_id") var mentor: User
    @Parent(key: "mentee_id") var mentee: User
    @OptionalParent(key: "engagement_id") var engagement: Engagement?

    init() {}

    init(id: UUID? = nil, programmeID: UUID, mentorID: UUID, menteeID: UUID, status: Status, score: MentoringMatch.PairScore?) {
        self.id = id
        self.$programme.id = programmeID
        self.$mentor.id = mentorID
        self.$mentee.id = menteeID
        self.status = status
        self.mentorAccepted = false
        self.menteeAccepted = false
        self.scores =
            score.map { s in MentoringMatch.Criterion.allCases.map { "\($0.rawValue)=\(String(format: "%.2f", s.criteria[$0] ?? 0))" }.joined(separator: ";") }
            ?? ""
        self.total = score?.total ?? 0
    }

    var criterionScores: [(MentoringMatch.Criterion, Double)] {
        scores.split(separator: ";").compactMap { part in
            let kv = part.split(separator: "=")
            guard kv.count == 2, let criterion = MentoringMatch.Criterion(rawValue: String(kv[0])), let value = Double(kv[1]) else { return nil }
            return (criterion, value)
        }
    }
}

/// One person's short feedback on a mentoring pair that has ended. It holds no link to the
/// person or the pair (the programme only), so the leader reads it only in aggregate.
final class PairFeedback: Model, @unchecked Sendable {
    static let schema = "mentoring_feedback"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    /// 1 (not useful) to 5 (very useful).
    @Field(key: "usefulness") var usefulness: Int
    @Field(key: "recommend") var recommend: Bool
    @Field(key: "improve") var improve: String
    /// The release it went out in (nil: waiting for enough others; see `FeedbackReleases`).
    @OptionalField(key: "release_id") var releaseID: UUID?
    /// Whether its comment is out (comments go out in batches of at least 10 answers).
    @Field(key: "comment_shown") var commentShown: Bool

    // MARK: relationships
    @Parent(key: "programme_id") var programme: MentoringProgramme

    init() {}

    init(id: UUID? = nil, programmeID: UUID, usefulness: Int, recommend: Bool, improve: String) {
        self.id = id
        self.$programme.id = programmeID
        self.usefulness = usefulness
        self.recommend = recommend
        self.improve = improve
        self.commentShown = false
    }
}

/// That a person has given feedback on an engagement (so they give it once), apart from
/// the feedback itself.
final class FeedbackGiven: Model, @unchecked Sendable {
    static let schema = "mentoring_feedback_given"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, engagementID: UUID, userID: UUID) {
        self.id = id
        self.$engagement.id = engagementID
        self.$user.id = userID
    }
}
