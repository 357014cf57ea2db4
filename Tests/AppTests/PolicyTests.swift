import Domain
import Foundation
import Testing

@testable import App

/// The policy as a matrix of role × action × owner, denials included.
@Suite("Policy")
struct PolicyTests {
    static let network = UUID()
    static let otherNetwork = UUID()
    static let schoolA = UUID()
    static let schoolB = UUID()  // same network as A
    static let schoolC = UUID()  // another network

    enum Who: String, CaseIterable {
        case anonymous, teacherA, counsellorA, leaderA, leaderB, coordinator, otherCoordinator, admin, outsider
    }

    static func principal(_ who: Who) -> Principal? {
        func p(_ roles: [UUID: SchoolRole] = [:], networks: Set<UUID> = [], admin: Bool = false) -> Principal {
            Principal(userID: UUID(), isAdmin: admin, schoolRoles: roles, coordinatedNetworks: networks)
        }
        switch who {
        case .anonymous: return nil
        case .teacherA: return p([schoolA: .teacher])
        case .counsellorA: return p([schoolA: .counsellor])
        case .leaderA: return p([schoolA: .leader])
        case .leaderB: return p([schoolB: .leader])
        case .coordinator: return p(networks: [network])
        case .otherCoordinator: return p(networks: [otherNetwork])
        case .admin: return p(admin: true)
        case .outsider: return p()
        }
    }

    static let a = Policy.Resource.school(id: schoolA, networkID: network)
    static let c = Policy.Resource.school(id: schoolC, networkID: otherNetwork)

    // The role × action matrices of school A, school C (isolation), the instance, network N and
    // the handbook are the hand-written tables of `PolicyMatrixTests+Organisation.swift`, which
    // cover every school role (the psychologist and the pedagogical adviser too) and every action.

    @Test(
        "A visitor asking for a chapter that is not public is told it does not exist; a signed-in person, that it is not theirs to change",
        arguments: Who.allCases)
    func handbookDenial(who: Who) {
        #expect(Policy.denialStatus(Self.principal(who), .handbook(isPublic: false)) == (who == .anonymous ? .notFound : .forbidden))
    }

    @Test(
        "Ask a colleague: a request is seen by the asker, volunteers for its topic and support staff of its school; never by leaders, admins or other schools")
    func helpRequests() {
        let asker = UUID()
        func request(volunteers: Bool = false, takenBy: UUID? = nil) -> Policy.Resource {
            .helpRequest(schoolID: Self.schoolA, askerID: asker, takenByID: takenBy, viewerVolunteers: volunteers)
        }
        let teacher = Self.principal(.teacherA)!, counsellor = Self.principal(.counsellorA)!, leader = Self.principal(.leaderA)!
        let admin = Self.principal(.admin)!, coordinator = Self.principal(.coordinator)!, leaderB = Self.principal(.leaderB)!
        let me = Principal(userID: asker, isAdmin: false, schoolRoles: [Self.schoolA: .teacher], coordinatedNetworks: [])
        #expect(Policy.allows(me, .seeHelpRequest, request()))
        #expect(Policy.allows(me, .withdrawHelpRequest, request()))
        #expect(!Policy.allows(me, .takeHelpRequest, request(volunteers: true)), "nobody takes their own question")
        #expect(!Policy.allows(teacher, .seeHelpRequest, request()), "a teacher who did not volunteer for the topic")
        #expect(Policy.allows(teacher, .seeHelpRequest, request(volunteers: true)))
        #expect(Policy.allows(teacher, .takeHelpRequest, request(volunteers: true)))
        #expect(!Policy.allows(teacher, .withdrawHelpRequest, request(volunteers: true)))
        #expect(Policy.allows(counsellor, .seeHelpRequest, request()), "support staff see every question")
        #expect(Policy.allows(counsellor, .takeHelpRequest, request()))
        for outsider in [leader, admin, coordinator, leaderB] {
            #expect(!Policy.allows(outsider, .seeHelpRequest, request(volunteers: true)))
            #expect(!Policy.allows(outsider, .takeHelpRequest, request(volunteers: true)))
            #expect(!Policy.allows(outsider, .withdrawHelpRequest, request()))
        }
        #expect(!Policy.allows(nil, .seeHelpRequest, request(volunteers: true)))
        // The one who took it still sees it.
        #expect(Policy.allows(teacher, .seeHelpRequest, request(takenBy: teacher.userID)))
        // Another school's teacher who volunteers for the same topic in their own school.
        let teacherC = Principal(userID: UUID(), isAdmin: false, schoolRoles: [Self.schoolC: .teacher], coordinatedNetworks: [])
        #expect(!Policy.allows(teacherC, .seeHelpRequest, request()))
        #expect(Policy.denialStatus(teacherC, request()) == .notFound)
    }

    @Test("Engagement notes: a private note is its author's alone, a shared one the participants'; leaders and admins read none")
    func notes() {
        let a = UUID(), b = UUID()
        let participants: Set<UUID> = [a, b]
        func person(_ id: UUID, admin: Bool = false, role: SchoolRole? = .teacher) -> Principal {
            Principal(userID: id, isAdmin: admin, schoolRoles: role.map { [Self.schoolA: $0] } ?? [:], coordinatedNetworks: [])
        }
        #expect(Policy.allows(person(a), .viewEngagement, .engagement(participants: participants)))
        #expect(Policy.allows(person(b), .writeNote, .engagement(participants: participants)))
        #expect(Policy.allows(person(a), .readNote, .engagementNote(participants: participants, authorID: a, shared: false)))
        #expect(!Policy.allows(person(b), .readNote, .engagementNote(participants: participants, authorID: a, shared: false)))
        #expect(Policy.allows(person(b), .readNote, .engagementNote(participants: participants, authorID: a, shared: true)))
        for outsider in [person(UUID(), role: .leader), person(UUID(), admin: true, role: nil), Self.principal(.coordinator)!] {
            #expect(!Policy.allows(outsider, .viewEngagement, .engagement(participants: participants)))
            #expect(!Policy.allows(outsider, .writeNote, .engagement(participants: participants)))
            #expect(!Policy.allows(outsider, .readNote, .engagementNote(participants: participants, authorID: a, shared: true)))
        }
        #expect(!Policy.allows(nil, .readNote, .engagementNote(participants: participants, authorID: a, shared: true)))
    }

    @Test(
        "Groups: a confidential group's notes only for members who agreed; leading by facilitator, supervisor or any intervision member; a session moved by its facilitator alone"
    )
    func groups() {
        let supervisor = UUID(), agreed = UUID(), notYet = UUID()
        let members: Set<UUID> = [supervisor, agreed, notYet]
        func person(_ id: UUID, admin: Bool = false, role: SchoolRole? = .teacher) -> Principal {
            Principal(userID: id, isAdmin: admin, schoolRoles: role.map { [Self.schoolA: $0] } ?? [:], coordinatedNetworks: [])
        }
        let supervision = Policy.GroupAccess(confidential: true, agreed: [supervisor, agreed], leads: [supervisor])
        let group = Policy.Resource.engagement(participants: members, group: supervision)
        func note(by author: UUID, shared: Bool = true) -> Policy.Resource {
            .engagementNote(participants: members, authorID: author, shared: shared, group: supervision)
        }
        // Every member sees that the group exists and who is in it.
        for id in members { #expect(Policy.allows(person(id), .viewEngagement, group)) }
        // Only those who agreed read and write; the one who has not is asked to agree first.
        #expect(Policy.allows(person(agreed), .writeNote, group))
        #expect(Policy.allows(person(agreed), .readNote, note(by: supervisor)))
        #expect(!Policy.allows(person(notYet), .writeNote, group))
        #expect(!Policy.allows(person(notYet), .readNote, note(by: supervisor)))
        #expect(Policy.allows(person(notYet), .agreeToConfidentiality, group))
        #expect(!Policy.allows(person(agreed), .agreeToConfidentiality, group), "agreeing is once")
        // A private note stays its author's, even inside the group.
        #expect(!Policy.allows(person(supervisor), .readNote, note(by: agreed, shared: false)))
        // The supervisor leads a supervision group; a member does not.
        #expect(Policy.allows(person(supervisor), .leadGroup, group))
        #expect(!Policy.allows(person(agreed), .leadGroup, group))
        // In intervision every member who agreed may lead (the role rotates).
        let intervision = Policy.GroupAccess(confidential: true, agreed: [supervisor, agreed], leads: members)
        #expect(Policy.allows(person(agreed), .leadGroup, .engagement(participants: members, group: intervision)))
        #expect(!Policy.allows(person(notYet), .leadGroup, .engagement(participants: members, group: intervision)))
        // A session is moved on by its facilitator only.
        #expect(Policy.allows(person(agreed), .runCaseSession, .caseSession(facilitatorID: agreed, group: intervision)))
        #expect(!Policy.allows(person(supervisor), .runCaseSession, .caseSession(facilitatorID: agreed, group: intervision)))
        // A study group has no agreement to make; its facilitator leads.
        let study = Policy.GroupAccess(confidential: false, agreed: [], leads: [supervisor])
        let studyGroup = Policy.Resource.engagement(participants: members, group: study)
        #expect(Policy.allows(person(notYet), .writeNote, studyGroup))
        #expect(!Policy.allows(person(notYet), .agreeToConfidentiality, studyGroup))
        #expect(Policy.allows(person(supervisor), .leadGroup, studyGroup))
        #expect(!Policy.allows(person(notYet), .leadGroup, studyGroup))
        // Nobody outside the group gets in: a leader, an admin, a coordinator.
        for outsider in [person(UUID(), role: .leader), person(UUID(), admin: true, role: nil), Self.principal(.coordinator)!] {
            for action in [Policy.Action.viewEngagement, .writeNote, .agreeToConfidentiality, .leadGroup] {
                #expect(!Policy.allows(outsider, action, group))
                #expect(!Policy.allows(outsider, action, studyGroup))
            }
            #expect(!Policy.allows(outsider, .readNote, note(by: agreed)))
            #expect(!Policy.allows(outsider, .runCaseSession, .caseSession(facilitatorID: agreed, group: intervision)))
        }
    }

    @Test("A school's protocol is retired by its author alone, while a member of the school")
    func schoolProtocols() {
        let author = UUID()
        let resource = Policy.Resource.observationProtocol(schoolID: Self.schoolA, authorID: author)
        let mine = Principal(userID: author, isAdmin: false, schoolRoles: [Self.schoolA: .teacher], coordinatedNetworks: [])
        let left = Principal(userID: author, isAdmin: false, schoolRoles: [Self.schoolB: .teacher], coordinatedNetworks: [])
        #expect(Policy.allows(mine, .retireObservationProtocol, resource))
        #expect(!Policy.allows(left, .retireObservationProtocol, resource), "after leaving the school")
        for who in Who.allCases {
            #expect(!Policy.allows(Self.principal(who), .retireObservationProtocol, resource), "\(who)")
        }
        #expect(!Policy.allows(mine, .retireObservationProtocol, .observationProtocol(schoolID: Self.schoolA, authorID: nil)))
        #expect(Policy.denialStatus(Self.principal(.teacherA), resource) == .forbidden)
        #expect(Policy.denialStatus(Self.principal(.leaderB), resource) == .notFound)
    }

    @Test("Surveys: a school's run by its leader and the network's coordinators; a network's by its coordinators; answered by anyone with the link while open")
    func surveys() {
        let schoolSurvey = Policy.Resource.survey(schoolID: Self.schoolA, networkID: nil, schoolNetworkID: Self.network, open: true)
        let networkSurvey = Policy.Resource.survey(schoolID: nil, networkID: Self.network, schoolNetworkID: nil, open: false)
        for who in Who.allCases {
            let p = Self.principal(who)
            #expect(Policy.allows(p, .manageSurvey, schoolSurvey) == [.leaderA, .coordinator, .admin].contains(who), "\(who)")
            #expect(Policy.allows(p, .manageSurvey, networkSurvey) == [.coordinator, .admin].contains(who), "\(who)")
            #expect(Policy.allows(p, .answerSurvey, schoolSurvey), "anyone with the link, \(who)")
            #expect(!Policy.allows(p, .answerSurvey, networkSurvey), "not while closed, \(who)")
        }
        #expect(Policy.allows(Self.principal(.coordinator), .createSurvey, .network(id: Self.network)))
        #expect(!Policy.allows(Self.principal(.leaderA), .createSurvey, .network(id: Self.network)))
        #expect(Policy.denialStatus(Self.principal(.leaderB), schoolSurvey) == .notFound)
        #expect(Policy.denialStatus(Self.principal(.teacherA), schoolSurvey) == .notFound)
    }

    @Test("Mentoring programmes: run by the school's leader or the network's coordinator; members take part; nobody else")
    func programmes() {
        let member = UUID()
        let schoolProgramme = Policy.Resource.programme(schoolID: Self.schoolA, networkID: nil, schoolNetworkID: Self.network, members: [member])
        let networkProgramme = Policy.Resource.programme(schoolID: nil, networkID: Self.network, schoolNetworkID: nil, members: [member])
        for who in Who.allCases {
            let p = Self.principal(who)
            #expect(Policy.allows(p, .manageProgramme, schoolProgramme) == [.leaderA, .coordinator, .admin].contains(who), "\(who)")
            #expect(Policy.allows(p, .manageProgramme, networkProgramme) == [.coordinator, .admin].contains(who), "\(who)")
            // Nobody in `Who` is a member: only the admin shortcut lets one through (the pages then
            // find no member row for the admin and answer 404).
            #expect(Policy.allows(p, .takePartInProgramme, schoolProgramme) == (who == .admin), "\(who)")
        }
        let m = Principal(userID: member, isAdmin: false, schoolRoles: [Self.schoolA: .teacher], coordinatedNetworks: [])
        #expect(Policy.allows(m, .takePartInProgramme, schoolProgramme))
        #expect(Policy.allows(m, .view, schoolProgramme))
        #expect(!Policy.allows(m, .manageProgramme, schoolProgramme))
        #expect(Policy.allows(Self.principal(.coordinator), .createProgramme, .network(id: Self.network)))
        #expect(!Policy.allows(Self.principal(.leaderA), .createProgramme, .network(id: Self.network)))
        #expect(Policy.denialStatus(Self.principal(.leaderB), schoolProgramme) == .notFound)
    }

    @Test("Things one may not see answer 404; things one may see but not do answer 403")
    func denialStatus() {
        #expect(Policy.denialStatus(Self.principal(.leaderB), Self.a) == .notFound)
        #expect(Policy.denialStatus(Self.principal(.teacherA), Self.a) == .forbidden)
        #expect(Policy.denialStatus(Self.principal(.teacherA), .instance) == .forbidden)
    }
}

@Suite("Policy through the pages")
struct PolicyPageTests {
    @Test("A leader of school B sees nothing of school A; a teacher of A sees staff but cannot invite")
    func pages() async throws {
        try await withApp { _, ctx in
            let leaderB = ctx.browser()
            try await leaderB.login(Fixtures.leaderB)
            #expect(try await leaderB.get("/schools/\(ctx.fixtures.schoolA)").status == .notFound)
            #expect(try await leaderB.get("/schools/\(ctx.fixtures.schoolA)/invitations/new").status == .notFound)
            let sneaky = try await leaderB.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "x@example.org", "given_name": "X", "family_name": "Y", "role": "teacher"])
            #expect(sneaky.status == .notFound)
            #expect(try await ctx.mailbox.messages().isEmpty)

            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            let school = try await teacher.get("/schools/\(ctx.fixtures.schoolA)")
            #expect(school.status == .ok)
            #expect(school.contains("leader.a Tester"))
            #expect(!school.contains("id=\"invite-link\""))
            #expect(!school.contains("Invitations not yet accepted"))
            #expect(try await teacher.get("/schools/\(ctx.fixtures.schoolA)/invitations/new").status == .forbidden)
            #expect(try await teacher.get("/admin").status == .forbidden)

            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            #expect(try await coordinator.get("/schools/\(ctx.fixtures.schoolB)").contains("id=\"invite-link\""))
            #expect(try await coordinator.get("/schools/\(ctx.fixtures.schoolC)").status == .notFound)
        }
    }

    @Test("A visitor who is not logged in is sent to the login page")
    func anonymous() async throws {
        try await withApp { _, ctx in
            let page = try await ctx.browser().get("/schools/\(ctx.fixtures.schoolA)")
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/login") == true)
        }
    }
}
