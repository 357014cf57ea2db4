import Foundation

/// The case-consultation protocol of supervision and intervision sessions, as the
/// handbook's intervision chapter sets it out for a 60-minute session: timed steps in a
/// fixed order. The case owner presents, the group asks only clarifying questions, the
/// owner names their question, the group offers hypotheses and then advice while the owner
/// listens, the owner says what they take from it, and the group looks back on how it
/// worked. Keeping the steps apart is what makes the method work: advice given before the
/// case is understood is advice for another case.
public enum CaseStep: Int, CaseIterable, Sendable, Codable, Comparable {
    case opening = 0
    case presentation
    case questions
    case keyQuestion
    case hypotheses
    case advice
    case ownerReflection
    case processReflection

    /// The minutes each step gets unless the facilitator sets otherwise (60 in all).
    public var defaultMinutes: Int {
        switch self {
        case .opening: 5
        case .presentation: 8
        case .questions: 10
        case .keyQuestion: 2
        case .hypotheses: 10
        case .advice: 10
        case .ownerReflection: 7
        case .processReflection: 8
        }
    }

    public var next: CaseStep? { CaseStep(rawValue: rawValue + 1) }

    public static func < (lhs: CaseStep, rhs: CaseStep) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The whole session in minutes, at the default timings.
    public static var defaultTotalMinutes: Int { allCases.reduce(0) { $0 + $1.defaultMinutes } }
}

/// The on-screen timer of a step: how long is left (negative once the step runs over).
public enum CaseTimer {
    public static func secondsLeft(stepStartedAt: Date, minutes: Int, now: Date) -> Int {
        Int((stepStartedAt.addingTimeInterval(TimeInterval(minutes * 60)).timeIntervalSince(now)).rounded(.down))
    }

    /// "12:05", or "-1:30" when the step has run over.
    public static func clock(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : ""
        let s = abs(seconds)
        return sign + String(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + String(s % 60)
    }
}
