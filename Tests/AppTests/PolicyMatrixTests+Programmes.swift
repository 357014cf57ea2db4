import Domain
import Foundation
import Testing

@testable import App

/// Mentoring programmes and surveys: a school's are run by its leader and its network's
/// coordinators, a network's by that network's coordinators.
extension PolicyMatrixTests {
    static let programmesAndSurveys: [M.Scenario] = {
        // A member of the programme, whatever their role (here the school's teacher).
        let member = M.member("member")
        // Everyone signed in but the coordinator of network N and the admin.
        let othersSignedIn = "teacher, counsellor, psychologist, pedagogicalAdviser, leader, leaderB, counsellorC, otherCoordinator, noMembership"
        return [
            .init(
                "a mentoring programme of school A",
                .programme(schoolID: M.schoolA, networkID: nil, schoolNetworkID: M.network, members: [member.id]), [member],
                """
                member: view takePartInProgramme
                leader, coordinator: view manageProgramme
                visitor, teacher, counsellor, psychologist, pedagogicalAdviser: nothing
                leaderB, counsellorC, otherCoordinator, noMembership: nothing
                admin: \(M.adminAnywhere)
                """),
            .init(
                "a mentoring programme of network N",
                .programme(schoolID: nil, networkID: M.network, schoolNetworkID: nil, members: [member.id]), [member],
                """
                member: view takePartInProgramme
                coordinator: view manageProgramme
                visitor, teacher, counsellor, psychologist, pedagogicalAdviser, leader: nothing
                leaderB, counsellorC, otherCoordinator, noMembership: nothing
                admin: \(M.adminAnywhere)
                """),
            // Anyone with the link answers while it is open, a visitor too.
            .init(
                "an open survey of school A",
                .survey(schoolID: M.schoolA, networkID: nil, schoolNetworkID: M.network, open: true),
                """
                visitor, teacher, counsellor, psychologist, pedagogicalAdviser: answerSurvey
                leaderB, counsellorC, otherCoordinator, noMembership: answerSurvey
                leader, coordinator: view manageSurvey answerSurvey
                admin: \(M.adminAnywhere)
                """),
            // Closed: nobody answers, an admin neither.
            .init(
                "a closed survey of school A",
                .survey(schoolID: M.schoolA, networkID: nil, schoolNetworkID: M.network, open: false),
                """
                visitor, teacher, counsellor, psychologist, pedagogicalAdviser: nothing
                leaderB, counsellorC, otherCoordinator, noMembership: nothing
                leader, coordinator: view manageSurvey
                admin: \(M.adminAnywhere) -answerSurvey
                """),
            .init(
                "an open survey of network N",
                .survey(schoolID: nil, networkID: M.network, schoolNetworkID: nil, open: true),
                """
                visitor, \(othersSignedIn): answerSurvey
                coordinator: view manageSurvey answerSurvey
                admin: \(M.adminAnywhere)
                """),
            .init(
                "a closed survey of network N",
                .survey(schoolID: nil, networkID: M.network, schoolNetworkID: nil, open: false),
                """
                visitor, \(othersSignedIn): nothing
                coordinator: view manageSurvey
                admin: \(M.adminAnywhere) -answerSurvey
                """),
        ]
    }()

    @Test("Policy matrix: mentoring programmes and surveys", arguments: programmesAndSurveys)
    func programmeMatrix(_ scenario: M.Scenario) { M.check(scenario) }
}
