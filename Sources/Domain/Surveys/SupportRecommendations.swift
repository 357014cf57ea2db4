import Foundation

/// Which forms of collegial support fit a school, from the answers to the ready leaders'
/// questionnaire ("Collegial support in your school: experience and needs"), and why.
/// The rules are ours, written from the handbook's chapters: start where the threshold is
/// low when trust is low; open classrooms only where colleagues say they would welcome it;
/// give a rhythm where time is the obstacle; and so on. Each recommendation carries the
/// finding that led to it, so the reader can judge it.
public enum SupportRecommendations {
    public enum Form: String, Sendable, CaseIterable {
        case consultation, peerObservation, studyGroups, mentoring, intervision, supervision, coaching
    }

    public enum Reason: Equatable, Sendable {
        /// Little or nothing organised yet (share answering "not yet").
        case notStartedYet(share: Double)
        /// Trust to talk about what does not go well is low (mean 1–5).
        case lowTrust(mean: Double)
        /// Colleagues would welcome one another in lessons, and trust is there (means).
        case openClassrooms(trust: Double, visit: Double)
        /// Unclear what collegial support should achieve (share naming it).
        case unclearPurpose(share: Double)
        /// New teachers have no mentoring (share of schools with mentoring).
        case noMentoring(share: Double)
        /// Nobody is prepared to lead (share naming it).
        case nobodyToLead(share: Double)
        /// Teachers fear being judged (share naming it).
        case fearOfJudgement(share: Double)
        /// Leaders see the worth and know how to start, but coaching is rare (means, share).
        case readyForCoaching(worth: Double, share: Double)
        /// No finding points to one form: a first step any school can take.
        case firstStep
    }

    public struct Recommendation: Equatable, Sendable {
        public var form: Form
        public var reason: Reason
    }

    /// At most three, the strongest first; never empty when there are answers.
    public static func recommend(_ answers: [SurveyAnswers]) -> [Recommendation] {
        guard !answers.isEmpty else { return [] }
        let n = Double(answers.count)
        func mean(_ v: String) -> Double? {
            let values = answers.compactMap { $0[v].flatMap(Double.init) }
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        func share(_ v: String, _ code: String = "1") -> Double {
            let given = answers.filter { $0[v] != nil }
            return given.isEmpty ? 0 : Double(given.filter { $0[v] == code }.count) / Double(given.count)
        }
        var found: [Recommendation] = []
        let notYet = Double(answers.filter { $0["support_now"] == "3" }.count) / n
        let trust = mean("culture_trust"), visit = mean("culture_visit"), worth = mean("culture_worth")
        if let trust, trust < 3 {
            found.append(.init(form: .consultation, reason: .lowTrust(mean: trust)))
        } else if notYet >= 0.5 {
            found.append(.init(form: .consultation, reason: .notStartedYet(share: notYet)))
        }
        if share("obstacles_2") >= 0.4 && (trust ?? 5) < 3.5 { found.append(.init(form: .supervision, reason: .fearOfJudgement(share: share("obstacles_2")))) }
        if let trust, let visit, trust >= 3.5, visit >= 3.5, share("forms_used_6") < 0.5 {
            found.append(.init(form: .peerObservation, reason: .openClassrooms(trust: trust, visit: visit)))
        }
        if share("obstacles_3") >= 0.4 { found.append(.init(form: .intervision, reason: .nobodyToLead(share: share("obstacles_3")))) }
        if share("obstacles_4") >= 0.4 { found.append(.init(form: .studyGroups, reason: .unclearPurpose(share: share("obstacles_4")))) }
        // Mentoring answered only by those who have some support already: the rest have none.
        let mentoring = Double(answers.filter { $0["forms_used_1"] == "1" }.count) / n
        if mentoring < 0.5 { found.append(.init(form: .mentoring, reason: .noMentoring(share: mentoring))) }
        if let worth, worth >= 4, let start = mean("culture_start"), start >= 3.5, share("forms_used_2") < 0.3 {
            found.append(.init(form: .coaching, reason: .readyForCoaching(worth: worth, share: share("forms_used_2"))))
        }
        if found.isEmpty { found.append(.init(form: .consultation, reason: .firstStep)) }
        return Array(found.prefix(3))
    }
}
