import Domain
import Foundation
import Testing

@testable import App

/// Ask-a-colleague questions, coaching requests and observation protocols: decided by who
/// asks, who is asked and who volunteers, never by rank (docs/practice.md, docs/privacy.md).
extension PolicyMatrixTests {
    /// Everyone outside school A's practice: visitors, other schools' staff, coordinators.
    static let outside = "visitor, leaderB, counsellorC, coordinator, otherCoordinator, noMembership"

    /// The admin shortcut stops at what colleagues share in confidence: on a question, a
    /// request, an engagement, a note, a reflection, quiz attempts or a cohort invitation an
    /// admin may do nothing at all, not even `view` (before issue 15 they got every
    /// non-practice action there, which no handler asked but one asked by mistake would have).
    static let adminShortcutOnPrivateThings = "nothing"

    static let requests: [M.Scenario] = {
        let asker = M.member("asker")
        // Newcomers within the cooling-off: a counsellor, and a teacher who volunteers.
        let newCounsellor = M.newcomer("newCounsellor", .counsellor), newTeacher = M.newcomer("newTeacher", .teacher)
        let askers = [asker, newCounsellor, newTeacher]
        func question(volunteers: Bool, takenBy: UUID? = nil) -> Policy.Resource {
            .helpRequest(schoolID: M.schoolA, askerID: asker.id, takenByID: takenBy, viewerVolunteers: volunteers)
        }
        let requester = M.member("requester")
        let coaches = [requester, newCounsellor]
        func coaching(coach: UUID?, viewerCoaches: Bool) -> Policy.Resource {
            .coachingRequest(schoolID: M.schoolA, requesterID: requester.id, coachID: coach, viewerCoaches: viewerCoaches)
        }
        let author = M.member("author"), formerAuthor = M.person("formerAuthor", [M.schoolB: .teacher])
        return [
            // Support staff see every question of their school; a teacher only those on a
            // topic they volunteer for; leaders never; newcomers not yet.
            .init(
                "a waiting question, to people who do not volunteer for its topic", question(volunteers: false), askers,
                """
                asker: seeHelpRequest withdrawHelpRequest
                counsellor, psychologist, pedagogicalAdviser: seeHelpRequest takeHelpRequest
                teacher, leader, newCounsellor, newTeacher: nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a waiting question, to people who volunteer for its topic", question(volunteers: true), askers,
                """
                asker: seeHelpRequest withdrawHelpRequest
                teacher, counsellor, psychologist, pedagogicalAdviser: seeHelpRequest takeHelpRequest
                leader, newCounsellor, newTeacher: nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            // Whether it is still waiting is the handler's (409), not the Policy's.
            .init(
                "a question a new counsellor took", question(volunteers: false, takenBy: newCounsellor.id), askers,
                """
                asker: seeHelpRequest withdrawHelpRequest
                newCounsellor: seeHelpRequest
                counsellor, psychologist, pedagogicalAdviser: seeHelpRequest takeHelpRequest
                teacher, leader, newTeacher: nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            // Open to any coach: the school's settled coaches, never its leader.
            .init(
                "a coaching request open to any coach, to coaches", coaching(coach: nil, viewerCoaches: true), coaches,
                """
                requester: seeCoachingRequest withdrawCoachingRequest
                teacher, counsellor, psychologist, pedagogicalAdviser: seeCoachingRequest respondToCoachingRequest
                leader, newCounsellor: nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a coaching request open to any coach, to people who do not coach", coaching(coach: nil, viewerCoaches: false), coaches,
                """
                requester: seeCoachingRequest withdrawCoachingRequest
                teacher, counsellor, psychologist, pedagogicalAdviser, leader, newCounsellor: nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            // Addressed to one coach: theirs at once, even within the cooling-off.
            .init(
                "a coaching request addressed to a new counsellor", coaching(coach: newCounsellor.id, viewerCoaches: true), coaches,
                """
                requester: seeCoachingRequest withdrawCoachingRequest
                newCounsellor: seeCoachingRequest respondToCoachingRequest
                teacher, counsellor, psychologist, pedagogicalAdviser, leader: nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            // A coach who no longer coaches still sees what was addressed to them, and cannot accept it.
            .init(
                "a coaching request addressed to the counsellor, who no longer coaches",
                coaching(coach: M.named("counsellor").id, viewerCoaches: false), coaches,
                """
                requester: seeCoachingRequest withdrawCoachingRequest
                counsellor: seeCoachingRequest
                teacher, psychologist, pedagogicalAdviser, leader, newCounsellor: nothing
                \(outside): nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            // A protocol is retired by its author while a member of the school.
            .init(
                "school A's observation protocol", .observationProtocol(schoolID: M.schoolA, authorID: author.id), [author],
                """
                author: retireObservationProtocol
                teacher, counsellor, psychologist, pedagogicalAdviser, leader: nothing
                \(outside): nothing
                admin: \(M.adminAnywhere)
                """),
            .init(
                "a protocol whose author left school A", .observationProtocol(schoolID: M.schoolA, authorID: formerAuthor.id), [formerAuthor],
                """
                formerAuthor: nothing
                teacher, counsellor, psychologist, pedagogicalAdviser, leader: nothing
                \(outside): nothing
                admin: \(M.adminAnywhere)
                """),
            .init(
                "a protocol with no author", .observationProtocol(schoolID: M.schoolA, authorID: nil),
                """
                teacher, counsellor, psychologist, pedagogicalAdviser, leader: nothing
                \(outside): nothing
                admin: \(M.adminAnywhere)
                """),
        ]
    }()

    @Test("Policy matrix: questions, coaching requests, protocols", arguments: requests)
    func requestMatrix(_ scenario: M.Scenario) { M.check(scenario) }
}
