import Domain
import Foundation
import Testing

@testable import App

/// Pairs, groups, their notes and case sessions: the people taking part, and in supervision
/// and intervision only those who agreed to confidentiality; leaders, coordinators and
/// admins read nothing (PRODUCT.md, "What must always hold").
extension PolicyMatrixTests {
    static let engagements: [M.Scenario] = {
        let mentor = M.member("mentor"), mentee = M.member("mentee")
        let pairPeople = [mentor, mentee]
        let pair: Set<UUID> = [mentor.id, mentee.id]

        let facilitator = M.member("facilitator", .pedagogicalAdviser), learner = M.member("learner")
        let studyPeople = [facilitator, learner]
        let study = Policy.GroupAccess(confidential: false, agreed: [], leads: [facilitator.id])

        // A supervision group: the supervisor and one member agreed, one has not yet.
        let supervisor = M.member("supervisor", .psychologist), agreed = M.member("agreed"), notYet = M.member("notYet")
        let casePeople = [supervisor, agreed, notYet]
        let members: Set<UUID> = [supervisor.id, agreed.id, notYet.id]
        let supervision = Policy.GroupAccess(confidential: true, agreed: [supervisor.id, agreed.id], leads: [supervisor.id])
        // Intervision: every member leads in turn, once they agreed.
        let intervision = Policy.GroupAccess(confidential: true, agreed: [supervisor.id, agreed.id], leads: members)
        let nobodyElse = "teacher, counsellor, psychologist, pedagogicalAdviser, leader"

        return [
            .init(
                "a mentoring or coaching pair", .engagement(participants: pair), pairPeople,
                """
                mentor, mentee: viewEngagement writeNote readAgenda
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a study group", .engagement(participants: [facilitator.id, learner.id], group: study), studyPeople,
                """
                facilitator: viewEngagement writeNote readAgenda leadGroup
                learner: viewEngagement writeNote readAgenda
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            // One who has not agreed sees the group and its members, and may agree; nothing more.
            .init(
                "a supervision group", .engagement(participants: members, group: supervision), casePeople,
                """
                supervisor: viewEngagement writeNote readAgenda leadGroup
                agreed: viewEngagement writeNote readAgenda
                notYet: viewEngagement agreeToConfidentiality
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "an intervision group", .engagement(participants: members, group: intervision), casePeople,
                """
                supervisor, agreed: viewEngagement writeNote readAgenda leadGroup
                notYet: viewEngagement agreeToConfidentiality
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a private note of a pair", .engagementNote(participants: pair, authorID: mentor.id, shared: false), pairPeople,
                """
                mentor: readNote
                mentee: nothing
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a shared note of a pair", .engagementNote(participants: pair, authorID: mentor.id, shared: true), pairPeople,
                """
                mentor, mentee: readNote
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a shared note of a supervision group",
                .engagementNote(participants: members, authorID: supervisor.id, shared: true, group: supervision), casePeople,
                """
                supervisor, agreed: readNote
                notYet: nothing
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a private note in a supervision group",
                .engagementNote(participants: members, authorID: agreed.id, shared: false, group: supervision), casePeople,
                """
                agreed: readNote
                supervisor, notYet: nothing
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            // A session is moved on by its facilitator alone, who must have agreed.
            .init(
                "an intervision case session", .caseSession(facilitatorID: agreed.id, group: intervision), casePeople,
                """
                agreed: runCaseSession
                supervisor, notYet: nothing
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a case session facilitated by one who has not agreed", .caseSession(facilitatorID: notYet.id, group: intervision), casePeople,
                """
                supervisor, agreed, notYet: nothing
                \(nobodyElse): nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
        ]
    }()

    @Test("Policy matrix: pairs, groups, notes, case sessions", arguments: engagements)
    func engagementMatrix(_ scenario: M.Scenario) { M.check(scenario) }
}
