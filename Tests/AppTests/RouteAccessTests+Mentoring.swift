import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// A mentoring programme of school A, run by its leader (and the coordinator of its
/// network); teacher A is a mentee, counsellor A a mentor.
extension RouteAccessTests {
    enum PairState: String, Sendable { case proposed, published, accepted, ended }

    // Columns: anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
    static let mentoring: [Row] = [
        .get("/mentoring", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        .post("/mentoring", [.login, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .login]),
        // Its managers and its members see it; anyone else is not told it exists.
        .get(
            "/mentoring/:id", { "/mentoring/\(try await $0.programme())" },
            [.login, .e404, .ok, .ok, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/mentoring/:id/members", { "/mentoring/\(try await $0.programme())/members" },
            [.login, .e404, .e403, .e403, .e422, .e422, .e404, .e422, .login]),
        .post(
            "/mentoring/:id/weights", { "/mentoring/\(try await $0.programme())/weights" },
            [.login, .e404, .e403, .e403, .e422, .e422, .e404, .e422, .login]),
        .post(
            "/mentoring/:id/propose", { "/mentoring/\(try await $0.programme())/propose" },
            [.login, .e404, .e403, .e403, .see, .see, .e404, .see, .login]),
        // No mentee and mentor chosen.
        .post(
            "/mentoring/:id/pairs", { "/mentoring/\(try await $0.programme())/pairs" },
            [.login, .e404, .e403, .e403, .e400, .e400, .e404, .e400, .login]),
        .post(
            "/mentoring/:id/pairs/:pairID/exclude",
            { w in
                let p = try await w.pair(.proposed)
                return "/mentoring/\(p.programme)/pairs/\(p.pair)/exclude"
            }, [.login, .e404, .e403, .e403, .see, .see, .e404, .see, .login]),
        .post(
            "/mentoring/:id/publish", { w in "/mentoring/\(try await w.pair(.proposed).programme)/publish" },
            [.login, .e404, .e403, .e403, .see, .see, .e404, .see, .login]),
        // A member's own profile: the managers are refused; the admin passes the policy but is
        // no member, so there is no profile to show.
        .get(
            "/mentoring/:id/profile", { "/mentoring/\(try await $0.programme())/profile" },
            [.login, .e404, .ok, .ok, .e403, .e403, .e404, .e404, .login]),
        .post(
            "/mentoring/:id/profile", { "/mentoring/\(try await $0.programme())/profile" },
            [.login, .e404, .e422, .e422, .e403, .e403, .e404, .e404, .login]),
        .post(
            "/mentoring/:id/pairs/:pairID/answer",
            { w in
                let p = try await w.pair(.published)
                return "/mentoring/\(p.programme)/pairs/\(p.pair)/answer"
            }, form: { _ in [("accept", "1")] }, [.login, .e404, .see, .see, .e403, .e403, .e404, .e404, .login]),
        .post(
            "/mentoring/:id/pairs/:pairID/nudge",
            { w in
                let p = try await w.pair(.accepted)
                return "/mentoring/\(p.programme)/pairs/\(p.pair)/nudge"
            }, [.login, .e404, .e403, .e403, .see, .see, .e404, .see, .login]),
        // Feedback on an ended pair: its two people.
        .post(
            "/support/engagements/:id/feedback",
            { w in
                "/support/engagements/\(try #require(try await w.pair(.ended).engagement))/feedback"
            },
            form: { _ in [("usefulness", "4"), ("recommend", "yes")] },
            [.login, .e404, .see, .see, .e404, .e404, .e404, .e404, .login]),
    ]

    @Test("Mentoring programmes, their pairs and their members")
    func mentoringRoutes() async throws { try await Self.check(Self.mentoring) }
}

extension RouteAccessTests.World {
    /// School A's programme, by its leader: teacher A is invited as a mentee, counsellor A
    /// as a mentor, and both have filled in their profiles.
    func programme() async throws -> UUID {
        try await once("programme") {
            let path = try await post(
                as: Fixtures.leaderA, "/mentoring",
                [
                    ("scope", "school:\(schoolA)"), ("name", "First year \(n)"), ("goal", "A safe first year"),
                    ("starts_on", "2026-09-01"), ("ends_on", "2027-06-15"),
                ])
            for (email, role) in [(Fixtures.teacherA, "mentee"), (Fixtures.counsellorA, "mentor")] {
                try await post(as: Fixtures.leaderA, path + "/members", [("person", try await userID(email).uuidString), ("role", role)])
                var form = [
                    ("subjects", "maths"), ("levels", "secondary"), ("years", role == "mentor" ? "20" : "1"),
                    ("languages", "Latvian"), ("goals[]", "classroom"), ("availability[]", "thu-pm"),
                ]
                if role == "mentor" { form.append(("capacity", "2")) }
                try await post(as: email, path + "/profile", form)
            }
            return try Self.lastID(path)
        }
    }

    /// The programme's one pair (counsellor A mentors teacher A), as far as `state`.
    func pair(_ state: RouteAccessTests.PairState) async throws -> (programme: UUID, pair: UUID, engagement: UUID?) {
        try await once("pair-\(state.rawValue)") {
            let programme = try await programme()
            let path = "/mentoring/\(programme)"
            try await post(as: Fixtures.leaderA, path + "/propose")
            let pair = try #require(try await ProgrammePair.query(on: app.db).filter(\.$programme.$id == programme).first())
            let pairID = try pair.requireID()
            if state != .proposed { try await post(as: Fixtures.leaderA, path + "/publish") }
            if state == .accepted || state == .ended {
                for email in [Fixtures.teacherA, Fixtures.counsellorA] {
                    try await post(as: email, path + "/pairs/\(pairID)/answer", [("accept", "1")])
                }
            }
            let engagement = try await ProgrammePair.find(pairID, on: app.db)?.$engagement.id
            if state == .ended, let engagement { try await post(as: Fixtures.teacherA, "/support/engagements/\(engagement)/close") }
            return (programme, pairID, engagement)
        }
    }
}
