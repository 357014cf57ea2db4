import Testing
import Vapor

@testable import App

/// Writing courses and reviews of courses offered elsewhere: every coordinator (they publish
/// courses for their networks) and the admin. The course is published, so others are
/// refused (403) rather than not told of it.
extension RouteAccessTests {
    // Columns: anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
    static let courseAuthoring: [Row] = [
        // A title is sent: a new draft, and its editor. What it would make is a draft, which
        // those who may not write courses are not told of (404, not 403).
        .post(
            "/courses", form: { w in [("title", "New course \(w.n)")] },
            [.login, .e404, .e404, .e404, .e404, .see, .see, .see, .login]),
        .get(
            "/courses/:slug/edit", { "/courses/\(try await $0.course())/edit" },
            [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .post(
            "/courses/:slug/edit", { "/courses/\(try await $0.course())/edit" },
            [.login, .e403, .e403, .e403, .e403, .e422, .e422, .e422, .login]),
        .post(
            "/courses/:slug/publish", { "/courses/\(try await $0.course())/publish" },
            [.login, .e403, .e403, .e403, .e403, .see, .see, .see, .login]),
        .post(
            "/courses/:slug/modules", { "/courses/\(try await $0.course())/modules" },
            [.login, .e403, .e403, .e403, .e403, .e422, .e422, .e422, .login]),
        .post(
            "/courses/:slug/modules/:step", { "/courses/\(try await $0.course())/modules/one" },
            [.login, .e403, .e403, .e403, .e403, .e422, .e422, .e422, .login]),
        .post(
            "/courses/:slug/modules/:step/move", { "/courses/\(try await $0.course())/modules/one/move" },
            form: { _ in [("direction", "down")] }, [.login, .e403, .e403, .e403, .e403, .see, .see, .see, .login]),
        // No module and kind of step chosen.
        .post(
            "/courses/:slug/steps", { "/courses/\(try await $0.course())/steps" },
            [.login, .e403, .e403, .e403, .e403, .e400, .e400, .e400, .login]),
        .get(
            "/courses/:slug/steps/:step/edit", { "/courses/\(try await $0.course())/steps/read/edit" },
            [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .post(
            "/courses/:slug/steps/:step/edit", { "/courses/\(try await $0.course())/steps/read/edit" },
            [.login, .e403, .e403, .e403, .e403, .e422, .e422, .e422, .login]),
        .post(
            "/courses/:slug/steps/:step/move", { "/courses/\(try await $0.course())/steps/read/move" },
            form: { _ in [("direction", "down")] }, [.login, .e403, .e403, .e403, .e403, .see, .see, .see, .login]),
        // The page that asks before a step is taken out.
        .get(
            "/courses/:slug/steps/:step/retire", { "/courses/\(try await $0.course())/steps/read/retire" },
            [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .post(
            "/courses/:slug/steps/:step/retire", { "/courses/\(try await $0.course())/steps/read/retire" },
            [.login, .e403, .e403, .e403, .e403, .see, .see, .see, .login]),
        // Reviews: read by anyone signed in (leaders choose training with them), written by coordinators.
        .get("/courses/elsewhere", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        .get("/courses/elsewhere/new", [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .post("/courses/elsewhere", [.login, .e403, .e403, .e403, .e403, .e422, .e422, .e422, .login]),
        .get(
            "/courses/elsewhere/:id", { "/courses/elsewhere/\(try await $0.courseReview())" },
            [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .post(
            "/courses/elsewhere/:id", { "/courses/elsewhere/\(try await $0.courseReview())" },
            [.login, .e403, .e403, .e403, .e403, .e422, .e422, .e422, .login]),
    ]

    @Test("Writing courses and reviews of courses elsewhere")
    func courseAuthoringRoutes() async throws { try await Self.check(Self.courseAuthoring) }
}
