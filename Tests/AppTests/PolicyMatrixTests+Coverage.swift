import Domain
import Foundation
import Testing

@testable import App

/// That the tables leave nothing out, and whose schools a query may return.
extension PolicyMatrixTests {
    static var allScenarios: [M.Scenario] { organisation + requests + engagements + programmesAndSurveys + courses }

    enum Kind: String, CaseIterable {
        case instance, network, school, handbook, helpRequest, programme, coachingRequest, engagement, engagementNote,
            caseSession, observationProtocol, survey, course, cohort, reflection, quizAttempts, courseReviews,
            courseEvaluation, credential, cohortInvitation
    }

    /// No `default`: a new kind of resource does not compile here until it has a `Kind`, and
    /// then fails `everyResourceKindHasATable` until it has a table.
    static func kind(_ resource: Policy.Resource) -> Kind {
        switch resource {
        case .instance: .instance
        case .network: .network
        case .school: .school
        case .handbook: .handbook
        case .helpRequest: .helpRequest
        case .programme: .programme
        case .coachingRequest: .coachingRequest
        case .engagement: .engagement
        case .engagementNote: .engagementNote
        case .caseSession: .caseSession
        case .observationProtocol: .observationProtocol
        case .survey: .survey
        case .course: .course
        case .cohort: .cohort
        case .reflection: .reflection
        case .quizAttempts: .quizAttempts
        case .courseReviews: .courseReviews
        case .courseEvaluation: .courseEvaluation
        case .credential: .credential
        case .cohortInvitation: .cohortInvitation
        }
    }

    @Test("Policy matrix: every kind of resource has a table")
    func everyResourceKindHasATable() {
        let covered = Set(Self.allScenarios.map { Self.kind($0.resource) })
        let missing = Kind.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no table for \(missing.map(\.rawValue).joined(separator: ", "))")
    }

    /// An action that no line of any table lets anyone do has no expectation written for it
    /// (every line would deny it by saying nothing): write who may do it.
    @Test("Policy matrix: every action is someone's somewhere, and every table reads")
    func everyActionHasAnExpectation() {
        var said = Set<Policy.Action>()
        for scenario in Self.allScenarios {
            let (allowed, problems) = M.parse(scenario)
            #expect(problems.isEmpty, "\(scenario.name): \(problems.joined(separator: "; "))")
            said.formUnion(allowed.values.joined())
        }
        let unsaid = Policy.Action.allCases.filter { !said.contains($0) }
        #expect(unsaid.isEmpty, "no table lets anyone \(unsaid.map(\.rawValue).joined(separator: ", "))")
        let names = Self.allScenarios.map(\.name)
        #expect(Set(names).count == names.count, "two tables with one name")
    }

    /// Schools A and B in network N, C in another network, D in none.
    static let schools: [(name: String, id: UUID, network: UUID?)] = [
        ("A", M.schoolA, M.network), ("B", M.schoolB, M.network), ("C", M.schoolC, M.otherNetwork), ("D", M.schoolD, nil),
    ]

    /// The schools a query scoped by `Policy.visibleSchools` returns, as `AccountsAPIController.schools` filters them.
    static func visible(_ scope: Policy.SchoolScope) -> String {
        schools.filter { school in
            switch scope {
            case .all: true
            case .some(let ids, let networks): ids.contains(school.id) || school.network.map(networks.contains) ?? false
            }
        }.map(\.name).joined(separator: " ")
    }

    @Test("visibleSchools: each person's own schools and their networks' schools; an admin all")
    func visibleSchools() {
        let expected: [String: String] = [
            "teacher": "A", "counsellor": "A", "psychologist": "A", "pedagogicalAdviser": "A", "leader": "A",
            "leaderB": "B", "counsellorC": "C", "coordinator": "A B", "otherCoordinator": "C",
            "admin": "A B C D", "noMembership": "",
        ]
        for person in M.everyone {
            guard let principal = person.principal else { continue }  // a visitor is never scoped: the API answers 401
            guard let schools = expected[person.name] else {
                Issue.record("no expectation for \(person.name)'s visible schools"); continue
            }
            #expect(Self.visible(Policy.visibleSchools(principal)) == schools, "\(person.name)")
            // The scope and the Policy agree on every school: a school listed is one the person may view.
            for school in Self.schools {
                #expect(
                    Self.visible(Policy.visibleSchools(principal)).split(separator: " ").contains(Substring(school.name))
                        == Policy.allows(principal, .view, .school(id: school.id, networkID: school.network)), "\(person.name), school \(school.name)")
            }
        }
        // Someone in two schools of two networks who also coordinates one network.
        let many = Principal(
            userID: UUID(), isAdmin: false, schoolRoles: [M.schoolA: .teacher, M.schoolD: .leader],
            coordinatedNetworks: [M.otherNetwork])
        #expect(Self.visible(Policy.visibleSchools(many)) == "A C D")
    }

    /// The schools whose things a person runs, by `Policy.oversight`: led schools, and the
    /// schools of coordinated networks (read by the caller).
    static func overseen(_ oversight: Policy.Oversight) -> String {
        schools.filter { school in
            switch oversight {
            case .everything: true
            case .some(let led, let networks): led.contains(school.id) || school.network.map(networks.contains) ?? false
            }
        }.map(\.name).joined(separator: " ")
    }

    @Test("oversight: a leader runs things for their school, a coordinator for their networks' schools, an admin for all; nobody else for any")
    func oversight() {
        let expected: [String: String] = [
            "teacher": "", "counsellor": "", "psychologist": "", "pedagogicalAdviser": "", "leader": "A",
            "leaderB": "B", "counsellorC": "", "coordinator": "A B", "otherCoordinator": "C",
            "admin": "A B C D", "noMembership": "",
        ]
        for person in M.everyone {
            guard let principal = person.principal else { continue }
            guard let schools = expected[person.name] else {
                Issue.record("no expectation for \(person.name)'s oversight"); continue
            }
            let oversight = Policy.oversight(principal)
            #expect(Self.overseen(oversight) == schools, "\(person.name)")
            // The header offers "Surveys" to exactly those who may make one somewhere.
            let mayCreate =
                Self.schools.contains { Policy.allows(principal, .createSurvey, .school(id: $0.id, networkID: $0.network)) }
                || [M.network, M.otherNetwork].contains { Policy.allows(principal, .createSurvey, .network(id: $0)) }
            #expect(oversight.isEmpty == !mayCreate, "\(person.name)")
            for network in [M.network, M.otherNetwork] {
                #expect(
                    oversight.includes(network: network) == (person.name == "admin" || principal.coordinatedNetworks.contains(network)),
                    "\(person.name), network \(network == M.network ? "N" : "other")")
            }
        }
        #expect(Policy.oversight(M.named("admin").principal!).networks == nil, "an admin: every network")
        #expect(Policy.oversight(M.named("coordinator").principal!).networks == [M.network])
    }
}
