/// What "ask a colleague" requests are about, how urgent they are, and who may see them.
public enum HelpTopic: String, CaseIterable, Sendable, Codable {
    case classroomManagement = "classroom_management"
    case differentiation
    case assessment
    case digitalTools = "digital_tools"
    case parents
    case pupilWellbeing = "pupil_wellbeing"
    case specialNeeds = "special_needs"
    case planning
    case workload
    case other
}

public enum HelpUrgency: String, CaseIterable, Sendable, Codable {
    case today
    case thisWeek = "this_week"
    case whenever
}

/// Who sees an open request: the colleagues of the same school who volunteered for its
/// topic, and the school's support staff (counsellor, psychologist, pedagogical adviser).
/// Leaders see how many requests there are, never a request (they cannot volunteer: a
/// request for help must not reach the person who appraises). The asker's name is shown
/// only if they chose so: not even to the one who takes the request, so that a role handed
/// out inside the school cannot buy it (issue 14, class 5).
public enum HelpRequestRules {
    public static func maySee(role: SchoolRole?, volunteersForTopic: Bool, isAsker: Bool) -> Bool {
        if isAsker { return true }
        guard let role, role != .leader else { return false }
        return volunteersForTopic || role.isSupportStaff
    }

    /// How long a question may wait before it is raised to the school's support staff
    /// (shown to them first, marked as waiting too long).
    public static func waitingLimit(_ urgency: HelpUrgency) -> Double {
        switch urgency {
        case .today: 4 * 3600
        case .thisWeek: 2 * 86_400
        case .whenever: 7 * 86_400
        }
    }

    public static func isRaised(urgency: HelpUrgency, askedAt: Double, now: Double) -> Bool {
        now - askedAt > waitingLimit(urgency)
    }

    public static func showsName(showNameToSchool: Bool, viewerIsAsker: Bool, viewerTookIt: Bool) -> Bool {
        showNameToSchool || viewerIsAsker
    }
}
