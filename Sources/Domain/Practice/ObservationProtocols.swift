/// The ready observation protocols for peer observation, one per focus the handbook
/// describes. Each says what the observer looks for and writes down (descriptive notes,
/// never a judgement). The wording is in English here and translated with the interface.
public enum ObservationProtocol: String, CaseIterable, Sendable, Codable {
    case questioning
    case engagement
    case feedback
    case differentiation

    /// What to look for and write down, in order.
    public var lookFors: [String] {
        switch self {
        case .questioning:
            [
                "Each question the teacher asks, word for word where you can",
                "Who answers: by name or seat, hands up or called on",
                "How long the teacher waits before taking an answer",
                "What happens after an answer: follow-up, praise, moving on",
            ]
        case .engagement:
            [
                "Every five minutes: how many pupils are working on the task, and how many are not",
                "What pupils not working are doing instead",
                "The moments when the room's attention changes, and what came just before",
            ]
        case .feedback:
            [
                "Each piece of feedback a pupil receives, and from whom",
                "Whether it says what was done well and what to do next",
                "What the pupil does with it in the next minutes",
            ]
        case .differentiation:
            [
                "The different tasks, texts or supports on offer, and who uses which",
                "How pupils come to a task: chosen, given, or moved on when done",
                "What the quickest and the slowest pupils are doing at the same moment",
            ]
        }
    }
}
