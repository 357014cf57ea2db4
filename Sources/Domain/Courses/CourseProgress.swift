import Foundation

/// Where a learner stands in a course: what is done in each module and overall, whether
/// the completion rule is met, and where to pick up again.
public struct CourseProgress: Sendable, Equatable {
    public struct Activity: Sendable, Equatable {
        public var id: UUID
        public var section: UUID
        /// Counts towards completion (the course's rule: every required activity done).
        public var required: Bool
        public init(id: UUID, section: UUID, required: Bool) { self.id = id; self.section = section; self.required = required }
    }

    public struct Section: Sendable, Equatable {
        public var id: UUID
        public var done: Int
        public var total: Int
        public var percent: Int { total == 0 ? 100 : done * 100 / total }
    }

    public var sections: [Section]
    public var done: Int
    public var total: Int
    /// Every required activity is done.
    public var complete: Bool
    /// Where "Continue" leads: the first activity not done after the last one visited, else
    /// the first not done at all; nil when everything is done.
    public var next: UUID?

    public var percent: Int { total == 0 ? 100 : done * 100 / total }

    /// `activities` in course order; `done` the ids the learner finished (a lesson read, a
    /// quiz passed, a reflection written). Ids no longer in the course (a revision removed
    /// them) are ignored, so a revision never takes away progress on what remains.
    public init(activities: [Activity], done: Set<UUID>, lastVisited: UUID? = nil) {
        var order: [UUID] = []
        var bySection: [UUID: (done: Int, total: Int)] = [:]
        for a in activities {
            if !order.contains(a.section) { order.append(a.section) }
            var s = bySection[a.section] ?? (0, 0)
            s.total += 1
            if done.contains(a.id) { s.done += 1 }
            bySection[a.section] = s
        }
        sections = order.map { Section(id: $0, done: bySection[$0]?.done ?? 0, total: bySection[$0]?.total ?? 0) }
        self.total = activities.count
        self.done = activities.filter { done.contains($0.id) }.count
        complete = activities.filter(\.required).allSatisfy { done.contains($0.id) }
        let start = lastVisited.flatMap { id in activities.firstIndex { $0.id == id } } ?? 0
        next = (activities[start...] + activities[..<start]).first { !done.contains($0.id) }?.id
    }
}
