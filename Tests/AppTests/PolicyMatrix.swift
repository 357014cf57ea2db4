import Domain
import Foundation
import Testing

@testable import App

/// The Policy as hand-written tables (issue 15, point 2): for every kind of resource, every
/// person the Policy tells apart and every action, whether it is allowed.
///
/// A table is one line per group of people: `names: actions they may do`; every action a
/// line does not name is expected denied, and `nothing` says so outright. The expectations
/// are written by hand and never taken from the product's own predicates (`isPractice`,
/// `isSupportStaff`, `HelpRequestRules`), so an action or a role put in the wrong class
/// fails here instead of passing on both sides. A person with no line fails the table with
/// every (person, action, resource) left unsaid, so a new `SchoolRole` (it joins `everyone`
/// by itself) cannot slip through; an action that no table lets anyone do fails
/// `PolicyMatrixTests.everyActionHasAnExpectation`.
enum PolicyMatrix {
    static let network = UUID()
    static let otherNetwork = UUID()
    static let schoolA = UUID()  // in `network`: the school every table is about
    static let schoolB = UUID()  // in `network` too
    static let schoolC = UUID()  // in `otherNetwork`
    static let schoolD = UUID()  // in no network

    struct Person: Sendable {
        var name: String
        var principal: Principal?
        var id: UUID { principal!.userID }
    }

    static func person(_ name: String, _ roles: [UUID: SchoolRole] = [:], networks: Set<UUID> = [], admin: Bool = false) -> Person {
        Person(name: name, principal: Principal(userID: UUID(), isAdmin: admin, schoolRoles: roles, coordinatedNetworks: networks))
    }

    /// A member of school A in `role`, for a table's own people (an asker, a participant...).
    static func member(_ name: String, _ role: SchoolRole = .teacher) -> Person { person(name, [schoolA: role]) }

    /// Someone whose role in school A began yesterday and that no coordinator has cleared:
    /// within the cooling-off (docs/privacy.md, "Roles as a way around the Policy").
    static func newcomer(_ name: String, _ role: SchoolRole) -> Person {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        return Person(
            name: name,
            principal: Principal(
                userID: UUID(), isAdmin: false, schoolRoles: [schoolA: role], coordinatedNetworks: [],
                roleSince: [schoolA: start], now: start.addingTimeInterval(86_400)))
    }

    /// Everyone every table must speak of: each role in school A (named as the role is
    /// spelled in Swift, so `pedagogicalAdviser`), members of other schools, coordinators of
    /// A's network and of another, an admin, an account in no school, a visitor.
    static let everyone: [Person] =
        [Person(name: "visitor", principal: nil)]
        + SchoolRole.allCases.map { member("\($0)", $0) }
        + [
            person("leaderB", [schoolB: .leader]),  // another school of the same network
            person("counsellorC", [schoolC: .counsellor]),  // support staff of another network's school
            person("coordinator", networks: [network]),
            person("otherCoordinator", networks: [otherNetwork]),
            person("admin", admin: true),
            person("noMembership"),
        ]

    static func named(_ name: String) -> Person { everyone.first { $0.name == name }! }

    /// What the Policy lets an admin do on anything (its admin shortcut): every action about
    /// the organisation, the handbook, programmes, surveys and courses, never one about the
    /// support between colleagues. Written out by hand, not read from `isPractice`.
    static let adminAnywhere = """
        view viewMembers manageStaff clearNewStaff administer manageNetwork viewWellbeingFigures manageWellbeing \
        readHandbook editHandbook viewPracticeCounts createProgramme manageProgramme takePartInProgramme \
        createSurvey manageSurvey answerSurvey takeCourse authorCourse manageCohort followCohort grantQuizAttempt
        """

    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var resource: Policy.Resource
        var people: [Person]
        var table: String
        /// A table of `everyone` and, after them, the table's own `people` (an asker, a participant...).
        init(_ name: String, _ resource: Policy.Resource, _ people: [Person], _ table: String) {
            (self.name, self.resource, self.people, self.table) = (name, resource, people, table)
        }
        init(_ name: String, _ resource: Policy.Resource, _ table: String) { self.init(name, resource, [], table) }
        var testDescription: String { name }
        var everybody: [Person] { PolicyMatrix.everyone + people }
    }

    /// A table read into who may do what, with whatever in it cannot be read. A token
    /// `-action` takes one action back out of a line (`admin: \(adminAnywhere) -answerSurvey`).
    static func parse(_ scenario: Scenario) -> (allowed: [String: Set<Policy.Action>], problems: [String]) {
        let known = Set(scenario.everybody.map(\.name))
        var allowed: [String: Set<Policy.Action>] = [:], problems: [String] = []
        for line in scenario.table.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let colon = line.firstIndex(of: ":") else { problems.append("a line without `names:`: \(line)"); continue }
            var actions = Set<Policy.Action>()
            for token in line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "," }) where token != "nothing" {
                let removes = token.hasPrefix("-")
                guard let action = Policy.Action(rawValue: String(removes ? token.dropFirst() : token)) else {
                    problems.append("no action is called `\(token)`"); continue
                }
                if removes { actions.remove(action) } else { actions.insert(action) }
            }
            for name in line[..<colon].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if !known.contains(name) { problems.append("nobody is called `\(name)` in this table") }
                if allowed[name] != nil { problems.append("`\(name)` has two lines") }
                allowed[name] = actions
            }
        }
        return (allowed, problems)
    }

    /// Every way the Policy and the table disagree, and every expectation the table leaves unsaid.
    static func disagreements(_ scenario: Scenario) -> [String] {
        let (allowed, problems) = parse(scenario)
        var found = problems.map { "\(scenario.name): \($0)" }
        let unsaid = scenario.everybody.filter { allowed[$0.name] == nil }
        if !unsaid.isEmpty {
            found.append(
                "no expectation for "
                    + unsaid.flatMap { who in
                        Policy.Action.allCases.map { "(\(who.name), \($0), \(scenario.name))" }
                    }.joined(separator: ", "))
        }
        for who in scenario.everybody {
            guard let mine = allowed[who.name] else { continue }
            for action in Policy.Action.allCases {
                let expected = mine.contains(action), actual = Policy.allows(who.principal, action, scenario.resource)
                if expected != actual {
                    found.append(
                        "\(who.name) \(action) on \(scenario.name): the Policy says \(actual ? "allowed" : "denied"), the table \(expected ? "allowed" : "denied")"
                    )
                }
            }
        }
        return found
    }

    /// Runs one table: each disagreement is an issue of its own.
    static func check(_ scenario: Scenario, sourceLocation: SourceLocation = #_sourceLocation) {
        for problem in disagreements(scenario) { Issue.record("\(problem)", sourceLocation: sourceLocation) }
    }
}

/// The tables, one file per area (`PolicyMatrixTests+Organisation.swift`, `+Practice`, ...).
@Suite("Policy matrix")
struct PolicyMatrixTests {
    typealias M = PolicyMatrix
}
