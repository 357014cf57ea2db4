import Domain
import Fluent
import Foundation
import Plot
import Vapor

enum PracticeNames {
    static func topic(_ topic: HelpTopic, _ context: PageContext) -> String {
        switch topic {
        case .classroomManagement: context.t("Classroom management")
        case .differentiation: context.t("Differentiation")
        case .assessment: context.t("Assessment and feedback")
        case .digitalTools: context.t("Digital tools")
        case .parents: context.t("Working with parents")
        case .pupilWellbeing: context.t("A pupil's well-being")
        case .specialNeeds: context.t("Special educational needs")
        case .planning: context.t("Planning lessons")
        case .workload: context.t("Workload and time")
        case .other: context.t("Something else")
        }
    }

    /// A conversation's title: the topic of a question, or "Coaching: …".
    static func title(form: Engagement.Form, topic: String, _ context: PageContext) -> String {
        switch form {
        case .consultation: HelpTopic(rawValue: topic).map { Self.topic($0, context) } ?? topic
        case .coaching: context.t("Coaching: {topic}", ["topic": topic])
        case .mentoring: context.t("Mentoring: {topic}", ["topic": topic])
        case .observation: context.t("Peer observation: {topic}", ["topic": topic])
        case .studyGroup: context.t("Study group: {topic}", ["topic": topic])
        case .supervision: context.t("Supervision: {topic}", ["topic": topic])
        case .intervision: context.t("Intervision: {topic}", ["topic": topic])
        }
    }

    static func role(_ role: EngagementParticipant.Role, _ context: PageContext) -> String {
        switch role {
        case .asker: context.t("asked")
        case .helper: context.t("helps")
        case .coach: context.t("coach")
        case .coachee: context.t("coachee")
        case .mentor: context.t("mentor")
        case .mentee: context.t("mentee")
        case .observed: context.t("observed teacher")
        case .observer: context.t("observer")
        case .facilitator: context.t("facilitator")
        case .supervisor: context.t("supervisor")
        case .member: context.t("member")
        }
    }

    static func urgency(_ urgency: HelpUrgency, _ context: PageContext) -> String {
        switch urgency {
        case .today: context.t("Today")
        case .thisWeek: context.t("This week")
        case .whenever: context.t("When there is time")
        }
    }
}
