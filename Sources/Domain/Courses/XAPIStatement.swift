import Foundation

/// A learning event as an xAPI 1.0.3 statement, for export and for a Learning Record
/// Store. The learner is named by an account on this platform (its id), never by e-mail,
/// so a statement leaving the platform does not carry an address.
public struct XAPIStatement: Codable, Sendable, Equatable {
    public enum Verb: String, Codable, Sendable, CaseIterable {
        case registered, completed, passed, failed, answered

        public var id: String { "http://adlnet.gov/expapi/verbs/" + rawValue }
    }

    public struct Agent: Codable, Sendable, Equatable {
        public struct Account: Codable, Sendable, Equatable { public var homePage: String; public var name: String }
        public var objectType = "Agent"
        public var account: Account
    }

    public struct VerbObject: Codable, Sendable, Equatable {
        public var id: String
        public var display: [String: String]
    }

    public struct Activity: Codable, Sendable, Equatable {
        public struct Definition: Codable, Sendable, Equatable {
            public var name: [String: String]
            public var type: String
        }
        public var objectType = "Activity"
        public var id: String
        public var definition: Definition
    }

    public struct Result: Codable, Sendable, Equatable {
        public struct Score: Codable, Sendable, Equatable { public var scaled: Double; public var raw: Int; public var min: Int; public var max: Int }
        public var score: Score?
        public var success: Bool?
        public var completion: Bool?
    }

    public struct Context: Codable, Sendable, Equatable {
        public struct Activities: Codable, Sendable, Equatable { public var parent: [Activity] }
        public var contextActivities: Activities?
        public var platform: String
        public var language: String
    }

    public var id: String
    public var actor: Agent
    public var verb: VerbObject
    public var object: Activity
    public var result: Result?
    public var context: Context
    public var timestamp: String
    public var version = "1.0.3"

    /// - Parameters:
    ///   - object: the course (`step` nil) or one of its steps, with its name in `language`.
    public init(
        id: UUID, base: String, learnerID: UUID, verb: Verb, courseURL: String, courseName: String,
        step: (url: String, name: String, kind: ActivityKind)?, score: Int?, language: String, timestamp: Date
    ) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        self.id = id.uuidString.lowercased()
        actor = Agent(account: .init(homePage: base, name: learnerID.uuidString.lowercased()))
        self.verb = VerbObject(id: verb.id, display: ["en-US": verb.rawValue])
        let course = Activity(id: courseURL, definition: .init(name: [language: courseName], type: "http://adlnet.gov/expapi/activities/course"))
        if let step {
            let type =
                switch step.kind {
                case .lesson: "http://adlnet.gov/expapi/activities/lesson"
                case .quiz: "http://adlnet.gov/expapi/activities/assessment"
                case .reflection: "http://adlnet.gov/expapi/activities/question"
                }
            object = Activity(id: step.url, definition: .init(name: [language: step.name], type: type))
            context = Context(contextActivities: .init(parent: [course]), platform: "Collegium", language: language)
        } else {
            object = course
            context = Context(contextActivities: nil, platform: "Collegium", language: language)
        }
        switch verb {
        case .passed, .failed:
            result = Result(
                score: score.map { .init(scaled: Double($0) / 100, raw: $0, min: 0, max: 100) }, success: verb == .passed, completion: verb == .passed)
        case .completed:
            result = Result(score: nil, success: nil, completion: true)
        case .registered, .answered:
            result = nil
        }
        self.timestamp = formatter.string(from: timestamp)
    }
}
