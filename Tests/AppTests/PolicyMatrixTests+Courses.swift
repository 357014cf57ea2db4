import Domain
import Foundation
import Testing

@testable import App

/// The course: the catalogue, cohorts, reviews, evaluations, certificates, invitations, and
/// what is a learner's alone (docs/courses.md, docs/privacy.md "Cohorts across networks").
extension PolicyMatrixTests {
    static let courses: [M.Scenario] = {
        let staffOfA = "teacher, counsellor, psychologist, pedagogicalAdviser, leader"
        let othersSignedIn = "leaderB, counsellorC, noMembership"
        // A cohort's facilitator, on the staff of school A; a learner of the cohort and one of its peers.
        let facilitator = M.member("facilitator", .counsellor), learner = M.member("learner"), peer = M.member("peer")
        let cohortPeople = [facilitator, learner, peer]
        let cohortMembers: Set<UUID> = [facilitator.id, learner.id, peer.id]
        // An invitation goes to an account in no school of the cohort's network.
        let invitee = M.person("invitee", [M.schoolC: .teacher])
        return [
            .init(
                "a published course", .course(published: true),
                """
                visitor: view
                \(staffOfA), \(othersSignedIn): view takeCourse
                coordinator, otherCoordinator: view takeCourse authorCourse manageCohort
                admin: \(M.adminAnywhere)
                """),
            // A draft is previewed by its authors only, every coordinator being one.
            .init(
                "a draft course", .course(published: false),
                """
                visitor, \(staffOfA), \(othersSignedIn): nothing
                coordinator, otherCoordinator: view takeCourse authorCourse manageCohort
                admin: \(M.adminAnywhere)
                """),
            .init(
                "a cohort of network N", .cohort(facilitatorID: facilitator.id, networkID: M.network), cohortPeople,
                """
                facilitator: view followCohort grantQuizAttempt
                coordinator: view followCohort
                learner, peer, visitor, \(staffOfA), \(othersSignedIn), otherCoordinator: nothing
                admin: \(M.adminAnywhere)
                """),
            // Without a facilitator (never chosen, or erased), the network's coordinators give
            // another attempt.
            .init(
                "a cohort of network N without a facilitator", .cohort(facilitatorID: nil, networkID: M.network), cohortPeople,
                """
                coordinator: view followCohort grantQuizAttempt
                facilitator, learner, peer, visitor, \(staffOfA), \(othersSignedIn), otherCoordinator: nothing
                admin: \(M.adminAnywhere)
                """),
            .init(
                "a cohort of no network", .cohort(facilitatorID: facilitator.id, networkID: nil), cohortPeople,
                """
                facilitator: view followCohort grantQuizAttempt
                learner, peer, visitor, \(staffOfA), \(othersSignedIn), coordinator, otherCoordinator: nothing
                admin: \(M.adminAnywhere)
                """),
            // Read by anyone signed in (leaders choose training with them), written by coordinators.
            .init(
                "the reviews of courses", .courseReviews,
                """
                visitor: nothing
                \(staffOfA), \(othersSignedIn): view
                coordinator, otherCoordinator: view authorCourse
                admin: \(M.adminAnywhere)
                """),
            .init(
                "a course's evaluation", .courseEvaluation(cohorts: [.init(facilitatorID: facilitator.id, networkID: M.network)]), cohortPeople,
                """
                facilitator, coordinator: followCohort
                learner, peer, visitor, \(staffOfA), \(othersSignedIn), otherCoordinator: nothing
                admin: \(M.adminAnywhere)
                """),
            .init(
                "the evaluation of a course with no cohort", .courseEvaluation(cohorts: []),
                """
                visitor, \(staffOfA), \(othersSignedIn), coordinator, otherCoordinator: nothing
                admin: \(M.adminAnywhere)
                """),
            // Revoked by the issuing network only, never by the network of the holder's school.
            .init(
                "a certificate issued by network N", .credential(issuingNetwork: M.network),
                """
                coordinator: manageCohort
                visitor, \(staffOfA), \(othersSignedIn), otherCoordinator: nothing
                admin: \(M.adminAnywhere)
                """),
            .init(
                "a certificate earned alone, outside any network", .credential(issuingNetwork: nil),
                """
                visitor, \(staffOfA), \(othersSignedIn), coordinator, otherCoordinator: nothing
                admin: \(M.adminAnywhere)
                """),
            // Nobody joins a cohort on someone else's word, whatever their rank.
            .init(
                "an invitation to a cohort", .cohortInvitation(inviteeID: invitee.id), [invitee],
                """
                invitee: answerCohortInvitation
                visitor, \(staffOfA), \(othersSignedIn), coordinator, otherCoordinator: nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "an invitation to an address with no account", .cohortInvitation(inviteeID: nil),
                """
                visitor, \(staffOfA), \(othersSignedIn), coordinator, otherCoordinator: nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a private reflection", .reflection(authorID: learner.id, shared: false, cohortMembers: cohortMembers), cohortPeople,
                """
                learner: readReflection
                facilitator, peer: nothing
                visitor, \(staffOfA), \(othersSignedIn), coordinator, otherCoordinator: nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            .init(
                "a reflection shared with the cohort", .reflection(authorID: learner.id, shared: true, cohortMembers: cohortMembers), cohortPeople,
                """
                learner, facilitator, peer: readReflection commentOnReflection
                visitor, \(staffOfA), \(othersSignedIn), coordinator, otherCoordinator: nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            // Shared, but its author is in no cohort: there is nobody to share it with.
            .init(
                "a shared reflection of a learner in no cohort", .reflection(authorID: learner.id, shared: true, cohortMembers: []), cohortPeople,
                """
                learner: readReflection
                facilitator, peer: nothing
                visitor, \(staffOfA), \(othersSignedIn), coordinator, otherCoordinator: nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
            // Facilitators see item difficulty, never answers.
            .init(
                "a learner's quiz attempts", .quizAttempts(learnerID: learner.id), cohortPeople,
                """
                learner: viewQuizAttempts
                facilitator, peer: nothing
                visitor, \(staffOfA), \(othersSignedIn), coordinator, otherCoordinator: nothing
                admin: \(adminShortcutOnPrivateThings)
                """),
        ]
    }()

    @Test("Policy matrix: courses, cohorts, reviews, certificates, reflections", arguments: courses)
    func courseMatrix(_ scenario: M.Scenario) { M.check(scenario) }
}
