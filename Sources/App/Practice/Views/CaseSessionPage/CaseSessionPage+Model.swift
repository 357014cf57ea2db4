import Domain
import Fluent
import Foundation
import Vapor

/// One case session: the protocol's steps, the current one with its timer, what members
/// wrote in each step, and the facilitator's button to move on.
enum CaseSessionPage {
    struct Entry {
        var step: CaseStep
        var author: String
        var text: String
        var at: Date?
    }

    struct Model {
        var engagementID: UUID
        var sessionID: UUID
        /// The group's form and topic (the view words its title).
        var groupForm: Engagement.Form
        var groupTopic: String
        var title: String
        var step: CaseStep
        var stepEndsAt: Date
        var secondsLeft: Int
        var finished: Bool
        /// nil: no longer a member.
        var facilitator: String?
        var owner: String?
        var mayRun: Bool
        var entries: [Entry]
        var entryError: String?
        var draft = ""

        static func load(
            _ session: CaseSession, engagement: Engagement, participants: [EngagementParticipant],
            principal: Principal?, now: Date, on db: any Database
        ) async throws -> Model {
            let names = Dictionary(participants.map { ($0.$user.id, $0.user.fullName) }, uniquingKeysWith: { a, _ in a })
            let access = Policy.GroupAccess.of(engagement, participants) ?? .init(confidential: true, agreed: [], leads: [])
            let sessionID = try session.requireID()
            let entries = try await CaseEntry.query(on: db).filter(\.$session.$id == sessionID).with(\.$author).sort(\.$createdAt).all()
                .filter {
                    Policy.allows(
                        principal, .readNote,
                        .engagementNote(
                            participants: Set(names.keys), authorID: $0.$author.id,
                            shared: true, group: access))
                }
            return Model(
                engagementID: try engagement.requireID(), sessionID: sessionID,
                groupForm: engagement.form, groupTopic: engagement.topic, title: session.title,
                step: session.step, stepEndsAt: session.stepStartedAt.addingTimeInterval(TimeInterval(session.stepMinutes * 60)),
                secondsLeft: CaseTimer.secondsLeft(stepStartedAt: session.stepStartedAt, minutes: session.stepMinutes, now: now),
                finished: session.finishedAt != nil,
                facilitator: session.$facilitator.id.flatMap { names[$0] },
                owner: session.$caseOwner.id.flatMap { names[$0] },
                mayRun: Policy.allows(principal, .runCaseSession, .caseSession(facilitatorID: session.$facilitator.id, group: access)),
                entries: entries.map { Entry(step: $0.step, author: $0.author.fullName, text: $0.text, at: $0.createdAt) })
        }
    }
}
