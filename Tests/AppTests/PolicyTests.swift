@testable import App
import Domain
import Foundation
import Testing

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

    /// Who may do each action on school A (in network N). Everyone else is denied.
    static let schoolA_allowed: [Policy.Action: Set<Who>] = [
        .view: [.teacherA, .counsellorA, .leaderA, .coordinator, .admin],
        .viewMembers: [.teacherA, .counsellorA, .leaderA, .coordinator, .admin],
        .manageStaff: [.leaderA, .coordinator, .admin],
        .administer: [.admin],
        .viewWellbeingFigures: [.leaderA, .coordinator, .admin],
        .manageWellbeing: [.leaderA, .admin],
        // Handbook actions are about the handbook, never about a school.
        .readHandbook: [.admin],
        .editHandbook: [.admin],
    ]

    @Test("School A: each role × action", arguments: Who.allCases, Policy.Action.allCases)
    func schoolMatrix(who: Who, action: Policy.Action) {
        let expected = Self.schoolA_allowed[action]!.contains(who)
        #expect(Policy.allows(Self.principal(who), action, Self.a) == expected,
                "\(who) \(action) on school A should be \(expected ? "allowed" : "denied")")
    }

    @Test("School isolation: nobody from school A or network N reaches school C", arguments: Who.allCases)
    func isolation(who: Who) {
        for action in Policy.Action.allCases {
            let allowed = Policy.allows(Self.principal(who), action, Self.c)
            #expect(allowed == (who == .admin || (who == .otherCoordinator && ![.administer, .manageWellbeing, .readHandbook, .editHandbook].contains(action))),
                    "\(who) \(action) on school C")
        }
    }

    @Test("Only an admin administers the instance; a network is seen by its coordinators and admins")
    func instanceAndNetwork() {
        for who in Who.allCases {
            #expect(Policy.allows(Self.principal(who), .administer, .instance) == (who == .admin))
            #expect(Policy.allows(Self.principal(who), .view, .network(id: Self.network)) == [.coordinator, .admin].contains(who))
            #expect(Policy.allows(Self.principal(who), .viewWellbeingFigures, .network(id: Self.network)) == [.coordinator, .admin].contains(who))
            #expect(!Policy.allows(Self.principal(who), .administer, .network(id: Self.network)) || who == .admin)
        }
    }

    @Test("Handbook: anyone reads a public chapter, signed-in people read the rest, coordinators and admins edit", arguments: Who.allCases)
    func handbook(who: Who) {
        let principal = Self.principal(who)
        #expect(Policy.allows(principal, .readHandbook, .handbook(isPublic: true)))
        #expect(Policy.allows(principal, .readHandbook, .handbook(isPublic: false)) == (who != .anonymous))
        let editors: Set<Who> = [.coordinator, .otherCoordinator, .admin]
        #expect(Policy.allows(principal, .editHandbook, .handbook(isPublic: true)) == editors.contains(who))
        #expect(Policy.allows(principal, .editHandbook, .handbook(isPublic: false)) == editors.contains(who))
        for action in Policy.Action.allCases where ![.readHandbook, .editHandbook].contains(action) {
            #expect(Policy.allows(principal, action, .handbook(isPublic: true)) == (who == .admin), "\(who) \(action) on the handbook")
        }
        // A visitor asking for a chapter that is not public is told it does not exist.
        #expect(Policy.denialStatus(principal, .handbook(isPublic: false)) == (who == .anonymous ? .notFound : .forbidden))
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
            let sneaky = try await leaderB.post("/schools/\(ctx.fixtures.schoolA)/invitations",
                                                form: ["email": "x@example.org", "given_name": "X", "family_name": "Y", "role": "teacher"])
            #expect(sneaky.status == .notFound)
            #expect(await ctx.mailbox.messages.isEmpty)

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
