import Domain
import Foundation
import Testing

@testable import App

/// The instance, networks, schools and the handbook.
extension PolicyMatrixTests {
    /// What a member of a school who is not its leader may do there: ask and offer help,
    /// coach and be coached, observe colleagues, start any group, write a protocol.
    static let colleague = """
        view viewMembers askForHelp volunteer startObservation offerCoaching requestCoaching \
        startStudyGroup startCaseGroup addObservationProtocol
        """

    static let organisation: [M.Scenario] = [
        .init(
            "the instance", .instance,
            """
            visitor, teacher, counsellor, psychologist, pedagogicalAdviser, leader: nothing
            leaderB, counsellorC, coordinator, otherCoordinator, noMembership: nothing
            admin: \(M.adminAnywhere)
            """),
        // Only view, figures, counts, what is created for a network and its settings (the logo on
        // its certificates) are about a network: its own coordinators, never another's.
        .init(
            "network N", .network(id: M.network),
            """
            visitor, teacher, counsellor, psychologist, pedagogicalAdviser, leader: nothing
            leaderB, counsellorC, otherCoordinator, noMembership: nothing
            coordinator: view viewWellbeingFigures viewPracticeCounts createProgramme createSurvey manageNetwork
            admin: \(M.adminAnywhere)
            """),
        // Support between colleagues is for members, whatever their rank, never for a coordinator
        // or admin from outside; leaders do not volunteer, coach, observe or join case groups (a
        // request for help must not reach the person who appraises; cases are brought among
        // peers). Study groups and protocols are open to every member. A new member's wait is
        // ended by the network, never by the school's leader; wellbeing settings are the leader's.
        // Handbook, programme, survey and course actions are never about a school.
        .init(
            "school A", .school(id: M.schoolA, networkID: M.network),
            """
            visitor, leaderB, counsellorC, otherCoordinator, noMembership: nothing
            teacher: \(colleague)
            counsellor: \(colleague)
            psychologist: \(colleague)
            pedagogicalAdviser: \(colleague)
            leader: view viewMembers manageStaff viewWellbeingFigures manageWellbeing viewPracticeCounts \
                    createProgramme createSurvey askForHelp requestCoaching startStudyGroup addObservationProtocol
            coordinator: view viewMembers manageStaff clearNewStaff viewWellbeingFigures viewPracticeCounts
            admin: \(M.adminAnywhere)
            """),
        // Nobody of school A or network N reaches a school of another network.
        .init(
            "school C of another network", .school(id: M.schoolC, networkID: M.otherNetwork),
            """
            visitor, teacher, counsellor, psychologist, pedagogicalAdviser, leader: nothing
            leaderB, coordinator, noMembership: nothing
            counsellorC: \(colleague)
            otherCoordinator: view viewMembers manageStaff clearNewStaff viewWellbeingFigures viewPracticeCounts
            admin: \(M.adminAnywhere)
            """),
        // A school in no network: its own staff as always, no coordinator at all.
        .init(
            "school A outside any network", .school(id: M.schoolA, networkID: nil),
            """
            visitor, leaderB, counsellorC, coordinator, otherCoordinator, noMembership: nothing
            teacher, counsellor, psychologist, pedagogicalAdviser: \(colleague)
            leader: view viewMembers manageStaff viewWellbeingFigures manageWellbeing viewPracticeCounts \
                    createProgramme createSurvey askForHelp requestCoaching startStudyGroup addObservationProtocol
            admin: \(M.adminAnywhere)
            """),
        // Coordinators publish the handbook for their networks; one handbook serves the instance.
        .init(
            "a public handbook chapter", .handbook(isPublic: true),
            """
            visitor, teacher, counsellor, psychologist, pedagogicalAdviser, leader: readHandbook
            leaderB, counsellorC, noMembership: readHandbook
            coordinator, otherCoordinator: readHandbook editHandbook
            admin: \(M.adminAnywhere)
            """),
        .init(
            "a handbook chapter that is not public", .handbook(isPublic: false),
            """
            visitor: nothing
            teacher, counsellor, psychologist, pedagogicalAdviser, leader: readHandbook
            leaderB, counsellorC, noMembership: readHandbook
            coordinator, otherCoordinator: readHandbook editHandbook
            admin: \(M.adminAnywhere)
            """),
    ]

    @Test("Policy matrix: the instance, networks, schools, the handbook", arguments: organisation)
    func organisationMatrix(_ scenario: M.Scenario) { M.check(scenario) }
}
