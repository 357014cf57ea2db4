import Domain
import Fluent
import Foundation
import Vapor

@testable import App

/// The people and schools most tests need: two schools in one network, a third school
/// outside it, and someone in every role.
struct Fixtures: Sendable {
    static let password = "correct horse battery"

    var network: UUID
    var otherNetwork: UUID
    var schoolA: UUID
    var schoolB: UUID
    var schoolC: UUID

    static let admin = "admin@example.org"
    static let coordinator = "coordinator@example.org"
    static let otherCoordinator = "coordinator.other@example.org"
    static let leaderA = "leader.a@example.org"
    static let teacherA = "teacher.a@example.org"
    static let counsellorA = "counsellor.a@example.org"
    static let leaderB = "leader.b@example.org"
    static let leaderC = "leader.c@example.org"
    static let outsider = "outsider@example.org"

    static func make(on app: Application) async throws -> Fixtures {
        let db = app.db
        let hash = try app.password.hash(password)
        let network = Network(name: "Network N")
        let other = Network(name: "Network M")
        try await network.save(on: db)
        try await other.save(on: db)
        let a = School(name: "School A", code: "A-1", country: "LV", city: "Rīga", language: "lv", networkID: network.id)
        let b = School(name: "School B", code: "B-1", country: "CZ", city: "Brno", language: "cs", networkID: network.id)
        let c = School(name: "School C", code: "C-1", country: "IT", city: "Bologna", language: "it", networkID: other.id)
        for school in [a, b, c] { try await school.save(on: db) }

        func person(_ email: String, admin: Bool = false, school: School? = nil, role: SchoolRole? = nil) async throws -> User {
            let user = User(
                email: email, givenName: String(email.prefix { $0 != "@" }), familyName: "Tester",
                passwordHash: hash, isAdmin: admin)
            try await user.save(on: db)
            if let school, let role {
                try await Membership(userID: try user.requireID(), schoolID: try school.requireID(), role: role).save(on: db)
            }
            return user
        }
        _ = try await person(admin, admin: true)
        let coordinatorUser = try await person(coordinator)
        try await NetworkCoordinator(userID: try coordinatorUser.requireID(), networkID: try network.requireID()).save(on: db)
        let otherCoordinatorUser = try await person(otherCoordinator)
        try await NetworkCoordinator(userID: try otherCoordinatorUser.requireID(), networkID: try other.requireID()).save(on: db)
        _ = try await person(leaderA, school: a, role: .leader)
        _ = try await person(teacherA, school: a, role: .teacher)
        _ = try await person(counsellorA, school: a, role: .counsellor)
        _ = try await person(leaderB, school: b, role: .leader)
        _ = try await person(leaderC, school: c, role: .leader)
        _ = try await person(outsider)
        return Fixtures(
            network: try network.requireID(), otherNetwork: try other.requireID(),
            schoolA: try a.requireID(), schoolB: try b.requireID(), schoolC: try c.requireID())
    }
}

extension Fixtures {
    /// One more person in a school (password `Fixtures.password`); returns their email.
    @discardableResult
    static func addMember(_ email: String, school: UUID, role: SchoolRole, on app: Application) async throws -> String {
        let user = User(
            email: email, givenName: String(email.prefix { $0 != "@" }), familyName: "Tester",
            passwordHash: try app.password.hash(password), isAdmin: false)
        try await user.save(on: app.db)
        try await Membership(userID: try user.requireID(), schoolID: school, role: role).save(on: app.db)
        return email
    }
}
