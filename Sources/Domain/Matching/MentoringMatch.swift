/// How a mentoring programme's pairs are proposed: each possible pair gets a score per
/// criterion (0 to 1) from the two profiles, the leader's weights make one score, hard rules
/// forbid some pairs outright, and `Matching` finds the best set for the whole programme.
/// Every proposed pair keeps its scores per criterion, so the leader sees why.
public enum MentoringMatch {
    public struct Profile: Sendable, Equatable {
        public var personID: String
        public var schoolID: String
        public var subjects: Set<String>
        public var levels: Set<String>
        public var yearsOfExperience: Int
        public var languages: Set<String>
        public var goals: Set<String>
        /// Free slots, e.g. "mon-pm", "thu-am".
        public var availability: Set<String>
        /// The people this person reports to (their school's leaders): never their mentor.
        public var lineManagers: Set<String>

        public init(
            personID: String, schoolID: String, subjects: Set<String> = [], levels: Set<String> = [], yearsOfExperience: Int = 0,
            languages: Set<String> = [], goals: Set<String> = [], availability: Set<String> = [], lineManagers: Set<String> = []
        ) {
            self.personID = personID
            self.schoolID = schoolID
            self.subjects = subjects
            self.levels = levels
            self.yearsOfExperience = yearsOfExperience
            self.languages = languages
            self.goals = goals
            self.availability = availability
            self.lineManagers = lineManagers
        }
    }

    public enum Criterion: String, CaseIterable, Sendable, Codable {
        case subject, level, experienceGap = "experience_gap", goals, availability, school
    }

    /// What the leader tunes: how much each criterion counts (0 = not at all), the
    /// experience gap wished for, and whether the same school is preferred or avoided.
    public struct Weights: Sendable, Equatable {
        public var weight: [Criterion: Double]
        public var idealExperienceGap: Int
        public var preferSameSchool: Bool

        public init(
            weight: [Criterion: Double] = [.subject: 3, .level: 2, .experienceGap: 2, .goals: 2, .availability: 3, .school: 1],
            idealExperienceGap: Int = 8, preferSameSchool: Bool = true
        ) {
            self.weight = weight
            self.idealExperienceGap = idealExperienceGap
            self.preferSameSchool = preferSameSchool
        }
    }

    public enum Forbidden: String, Sendable, Equatable {
        case samePerson = "same_person"
        case lineManager = "line_manager"
        case noCommonLanguage = "no_common_language"
        case excludedByLeader = "excluded_by_leader"
    }

    public struct PairScore: Sendable, Equatable {
        public var criteria: [Criterion: Double]
        /// The weighted mean of the criteria, 0 to 1.
        public var total: Double
    }

    /// Why a pair may not be made, or nil.
    public static func forbidden(mentor: Profile, mentee: Profile, excluded: Set<Pair> = []) -> Forbidden? {
        if mentor.personID == mentee.personID { return .samePerson }
        if mentee.lineManagers.contains(mentor.personID) { return .lineManager }
        if mentor.languages.isDisjoint(with: mentee.languages) { return .noCommonLanguage }
        if excluded.contains(Pair(mentor: mentor.personID, mentee: mentee.personID)) { return .excludedByLeader }
        return nil
    }

    public static func score(mentor: Profile, mentee: Profile, weights: Weights) -> PairScore {
        func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
            // How much of what the mentee needs the mentor covers.
            b.isEmpty ? 1 : Double(a.intersection(b).count) / Double(b.count)
        }
        let gap = mentor.yearsOfExperience - mentee.yearsOfExperience
        let gapScore = gap <= 0 ? 0 : max(0, 1 - Double(abs(gap - weights.idealExperienceGap)) / Double(max(1, weights.idealExperienceGap)))
        let sameSchool = mentor.schoolID == mentee.schoolID
        let criteria: [Criterion: Double] = [
            .subject: overlap(mentor.subjects, mentee.subjects),
            .level: overlap(mentor.levels, mentee.levels),
            .experienceGap: gapScore,
            .goals: overlap(mentor.goals, mentee.goals),
            .availability: mentee.availability.isEmpty
                ? 1 : (mentor.availability.isDisjoint(with: mentee.availability) ? 0 : overlap(mentor.availability, mentee.availability)),
            .school: sameSchool == weights.preferSameSchool ? 1 : 0,
        ]
        let totalWeight = Criterion.allCases.reduce(0) { $0 + max(0, weights.weight[$1] ?? 0) }
        let total = totalWeight == 0 ? 0 : Criterion.allCases.reduce(0) { $0 + max(0, weights.weight[$1] ?? 0) * (criteria[$1] ?? 0) } / totalWeight
        return PairScore(criteria: criteria, total: total)
    }

    public struct Pair: Hashable, Sendable {
        public var mentor: String
        public var mentee: String
        public init(mentor: String, mentee: String) {
            self.mentor = mentor
            self.mentee = mentee
        }
    }

    public struct Proposal: Sendable, Equatable {
        public var mentor: String
        public var mentee: String
        public var score: PairScore
    }

    /// The best pairs for the mentees not yet paired. `accepted` pairs stay as they are and
    /// use their mentor's places; `excluded` pairs (the leader's, and pairs declined) are
    /// never proposed; no mentor gets more mentees than `capacity`.
    public static func propose(
        mentors: [Profile], mentees: [Profile], capacity: [String: Int], weights: Weights,
        accepted: Set<Pair> = [], excluded: Set<Pair> = []
    ) throws -> [Proposal] {
        let taken = Set(accepted.map(\.mentee))
        let open = mentees.filter { !taken.contains($0.personID) }
        let used = Dictionary(accepted.map { ($0.mentor, 1) }, uniquingKeysWith: +)
        let places = mentors.map { max(0, (capacity[$0.personID] ?? 1) - (used[$0.personID] ?? 0)) }
        var scores: [[PairScore?]] = []
        let costs: [[Double?]] = open.map { mentee in
            var row: [PairScore?] = []
            let costs = mentors.map { mentor -> Double? in
                guard forbidden(mentor: mentor, mentee: mentee, excluded: excluded) == nil else { row.append(nil); return nil }
                let score = score(mentor: mentor, mentee: mentee, weights: weights)
                row.append(score)
                return 1 - score.total
            }
            scores.append(row)
            return costs
        }
        let result = try Matching.solve(costs: costs, capacities: places)
        return result.mentorOf.enumerated().compactMap { row, column in
            guard let column, let score = scores[row][column] else { return nil }
            return Proposal(mentor: mentors[column].personID, mentee: open[row].personID, score: score)
        }
    }
}
